import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languagesOffered } from '../../../shared/domain/hall-settings';
import { useHall, useLocalized } from '../hall-context';
import { LanguageSwitch } from './LanguageSwitch';

/** The hall's name, the page's title, the language switch and the connection state; `children` beside the switch (who is signed in). */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const { info, status, role } = useHall();
  const localized = useLocalized();
  useEffect(() => {
    document.title = `${title} · ${t('common.appName')}`;
  }, [title, t]);
  return (
    <>
      {/* data-ready: connected and configured — what tests (and support staff) look for. */}
      <header className="page-header" data-ready={status === 'open' && info !== null}>
        <div>
          <div className="hall-name">{info ? localized(info.name) : t('common.appName')}</div>
          <h1>{title}</h1>
        </div>
        <div className="page-header-tools">
          {children}
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
