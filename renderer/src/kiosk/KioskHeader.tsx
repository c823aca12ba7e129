import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { languagesOffered } from '../../../shared/domain/hall-settings';
import { useHall, useLocalized } from '../hall-context';

/** The hall's name, and on every screen: the language choice and "larger text". */
export function KioskHeader({ largeText, onLargeText }: { largeText: boolean; onLargeText: (on: boolean) => void }) {
  const { t } = useTranslation();
  const { info, status, role } = useHall();
  const localized = useLocalized();
  useEffect(() => {
    document.title = `${t('kiosk.title')} · ${t('common.appName')}`;
  }, [t]);
  return (
    <>
      {/* data-ready: connected and configured — what tests (and support staff) look for. */}
      <header className="page-header kiosk-header" data-ready={status === 'open' && info !== null}>
        <h1 className="kiosk-hall-name">{info ? localized(info.name) : t('common.appName')}</h1>
        <div className="kiosk-header-tools">
          <button type="button" className="text-size-button" aria-pressed={largeText} onClick={() => onLargeText(!largeText)}>
            <span aria-hidden="true" className="text-size-icon">
              A+
            </span>{' '}
            {t('kioskFlow.largerText')}
          </button>
          <LanguageSwitch languages={languagesOffered(role, info?.languages)} />
        </div>
      </header>
      {status !== 'open' && (
        <div className="banner banner-warning" role="status">
          {t('common.reconnecting')}
        </div>
      )}
    </>
  );
}
