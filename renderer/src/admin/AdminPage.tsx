import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { useHall, useLocalized } from '../hall-context';
import { QueueStatsPanel } from '../stats/QueueStatsPanel';

/** The hall at a glance: its services and windows, and links to each role's page. */
export function AdminPage() {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  if (!info) {
    return (
      <div className="page admin">
        <PageHeader title={t('admin.title')} />
        <main>{t('common.loading')}</main>
      </div>
    );
  }
  const serviceById = new Map(info.services.map((service) => [service.id, service]));
  return (
    <div className="page admin">
      <PageHeader title={t('admin.title')} />
      <main>
        <p>
          {t('admin.siteCode')}: <strong>{info.siteCode}</strong>
        </p>
        <RoleLinks />
        <QueueStatsPanel fixedToday={false} initialGroupBy="service" />
        <h2>{t('admin.services')}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.letter')}</th>
              <th scope="col">{t('admin.service')}</th>
            </tr>
          </thead>
          <tbody>
            {info.services.map((service) => (
              <tr key={service.id}>
                <td>{service.letter}</td>
                <td>
                  {localized(service.name)} <span className="muted">{localized(service.description)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('admin.windows')}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.number')}</th>
              <th scope="col">{t('admin.services')}</th>
            </tr>
          </thead>
          <tbody>
            {info.windows.map((hallWindow) => (
              <tr key={hallWindow.id}>
                <td>{localized(hallWindow.name)}</td>
                <td>
                  {hallWindow.services
                    .map(({ serviceId }) => serviceById.get(serviceId))
                    .map((service) => (service ? `${service.letter} ${localized(service.name)}` : ''))
                    .join('、')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </div>
  );
}

export function RoleLinks() {
  const { t } = useTranslation();
  return (
    <nav className="role-links" aria-label={t('admin.openRole')}>
      {(['kiosk', 'clerk', 'display', 'admin'] as const).map((role) => (
        <a key={role} href={`/${role}`}>
          {t(`common.roles.${role}`)}
        </a>
      ))}
    </nav>
  );
}
