import { useTranslation } from 'react-i18next';

/** Links to each role's page (the start page and the admin overview). */
export function RoleLinks() {
  const { t } = useTranslation();
  return (
    <nav className="role-links" aria-label={t('admin.openRole')}>
      {(['kiosk', 'clerk', 'display', 'admin'] as const).map((role) => (
        <a key={role} href={`/${role}`}>
          {t(`common.roles.${role}`)}
        </a>
      ))}
      <a href="/rate">{t('rate.title')}</a>
      <a href="/comics">{t('comics.title')}</a>
    </nav>
  );
}
