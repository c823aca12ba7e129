import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The page header of a page without a connection to the hall (PageHeader needs one): the app's name, the title, the language switch. */
export function StandaloneHeader({ title }: { title: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('common.appName')}`;
  }, [title, t]);
  return (
    <header className="page-header">
      <div>
        <div className="hall-name">{t('common.appName')}</div>
        <h1>{title}</h1>
      </div>
      <LanguageSwitch />
    </header>
  );
}
