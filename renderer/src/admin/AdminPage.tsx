import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallInfo, HallWindow, Service } from '../../../shared/contract';
import { SignInForm } from '../clerk/SignInForm';
import { Dialog } from '../components/Dialog';
import { RoleLinks } from '../components/RoleLinks';
import { PageHeader } from '../components/PageHeader';
import { SignedInAs } from '../components/SignedInAs';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall, useLocalized } from '../hall-context';
import { QueueStatsPanel } from '../stats/QueueStatsPanel';
import { SatisfactionPanel } from '../stats/SatisfactionPanel';
import { CalendarSection } from './CalendarSection';
import { CategoriesSection } from './CategoriesSection';
import { ComicsStatsSection } from './ComicsStatsSection';
import { DevicesSection } from './DevicesSection';
import { FirstAdminForm } from './FirstAdminForm';
import { HallSettingsSection } from './HallSettingsSection';
import { KioskSettingsForm } from './KioskSettingsForm';
import { LocationsSection } from './LocationsSection';
import { PrintersSection } from './PrintersSection';
import { PrintJobsSection } from './PrintJobsSection';
import { QueueRulesForm } from './QueueRulesForm';
import { ReceiptSettingsForm } from './ReceiptSettingsForm';
import { RetentionSection } from './RetentionSection';
import { ServiceDialog } from './ServiceDialog';
import { StaffSection } from './StaffSection';
import { WindowDialog } from './WindowDialog';

type Editing =
  | { kind: 'service'; service: Service | null }
  | { kind: 'window'; window: HallWindow | null }
  | { kind: 'retire'; what: 'service' | 'window'; id: string; name: string }
  | null;

/**
 * The admin page: an administrator signs in first (docs/security.md); on a new hall
 * without one, the first is created with the host's setup code. Then the hall's
 * configuration and its statistics.
 */
export function AdminPage() {
  const { t } = useTranslation();
  const { info, staff } = useHall();
  return (
    <div className="page admin">
      <PageHeader title={t('admin.title')}>{staff && <SignedInAs staff={staff} />}</PageHeader>
      {staff === null ? <AdminSignIn /> : !info ? <main>{t('common.loading')}</main> : <AdminSections info={info} />}
    </div>
  );
}

/** The sign-in form, or the first administrator's form while the hall has none. */
function AdminSignIn() {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const [needed, setNeeded] = useState<boolean | null>(null);
  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('auth.setupStatus', {}).then(
      (status) => current && setNeeded(status.needed),
      () => current && setNeeded(false),
    );
    return () => {
      current = false;
    };
  }, [client, connection]);
  return (
    <main>
      {needed === null ? (
        <p>{t('common.loading')}</p>
      ) : needed ? (
        <FirstAdminForm />
      ) : (
        <SignInForm heading={t('auth.adminTitle')} hint={t('auth.adminHint')} />
      )}
    </main>
  );
}

/** The hall's configuration and its statistics, for a signed-in administrator. */
function AdminSections({ info }: { info: HallInfo }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<Editing>(null);
  const [retireError, setRetireError] = useState<unknown>(null);

  const serviceById = new Map(info.services.map((service) => [service.id, service]));
  const hours = (service: Service) => (service.openFrom && service.openUntil ? `${service.openFrom}–${service.openUntil}` : t('admin.allDay'));

  return (
    <>
      <main>
        <p>
          {t('admin.siteCode')}: <strong>{info.siteCode}</strong>
        </p>
        <RoleLinks />
        <QueueStatsPanel fixedToday={false} initialGroupBy="service" />
        <SatisfactionPanel />
        <ComicsStatsSection />
        <HallSettingsSection />

        <section aria-labelledby="services-heading" className="admin-section">
          <div className="section-heading">
            <h2 id="services-heading">{t('admin.services')}</h2>
            <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'service', service: null })}>
              {t('admin.newService')}
            </button>
          </div>
          <table className="data-table">
            <TableHead columns={[t('admin.letter'), t('admin.service'), t('admin.hours'), t('admin.dailyCapacity')]} actions />
            <tbody>
              {info.services.map((service) => (
                <tr key={service.id}>
                  <td>{service.letter}</td>
                  <td>
                    {localized(service.name)} <span className="muted">{localized(service.description)}</span>
                  </td>
                  <td>{hours(service)}</td>
                  <td>{service.dailyCapacity ?? t('admin.noLimit')}</td>
                  <td className="row-actions">
                    <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'service', service })}>
                      {t('admin.edit')}
                    </button>
                    <button
                      type="button"
                      className="secondary-button small-button"
                      onClick={() => setEditing({ kind: 'retire', what: 'service', id: service.id, name: localized(service.name) })}
                    >
                      {t('admin.retire')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="windows-heading" className="admin-section">
          <div className="section-heading">
            <h2 id="windows-heading">{t('admin.windows')}</h2>
            <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'window', window: null })}>
              {t('admin.newWindow')}
            </button>
          </div>
          <table className="data-table">
            <TableHead columns={[t('admin.number'), t('admin.location'), t('admin.services')]} actions />
            <tbody>
              {info.windows.map((hallWindow) => (
                <tr key={hallWindow.id}>
                  <td>{localized(hallWindow.name)}</td>
                  <td>{localized(hallWindow.location)}</td>
                  <td>
                    {hallWindow.services
                      .map(({ serviceId, tier }) => {
                        const service = serviceById.get(serviceId);
                        return service ? `${service.letter} ${localized(service.name)}${tier > 1 ? ` (${t('admin.tiers.second')})` : ''}` : '';
                      })
                      .join(t('common.listSeparator'))}
                  </td>
                  <td className="row-actions">
                    <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'window', window: hallWindow })}>
                      {t('admin.edit')}
                    </button>
                    <button
                      type="button"
                      className="secondary-button small-button"
                      onClick={() => setEditing({ kind: 'retire', what: 'window', id: hallWindow.id, name: localized(hallWindow.name) })}
                    >
                      {t('admin.retire')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <StaffSection />
        <DevicesSection />
        <QueueRulesForm />
        <KioskSettingsForm />
        <RetentionSection />
        <CalendarSection />
        <CategoriesSection />
        <LocationsSection />
        <PrintersSection />
        <PrintJobsSection />
        <ReceiptSettingsForm />
      </main>

      {editing?.kind === 'service' && <ServiceDialog service={editing.service} onClose={() => setEditing(null)} />}
      {editing?.kind === 'window' && <WindowDialog window={editing.window} onClose={() => setEditing(null)} />}
      {editing?.kind === 'retire' && (
        <Dialog
          title={t('admin.retireTitle', { name: editing.name })}
          onClose={() => {
            setEditing(null);
            setRetireError(null);
          }}
        >
          <p>{t(`admin.retireExplain.${editing.what}`)}</p>
          {retireError !== null && (
            <div className="banner banner-error" role="alert">
              {errorText(retireError)}
            </div>
          )}
          <div className="dialog-actions">
            <button
              type="button"
              className="secondary-button"
              onClick={() => {
                setEditing(null);
                setRetireError(null);
              }}
            >
              {t('common.back')}
            </button>
            <button
              type="button"
              className="primary-button"
              onClick={() =>
                client
                  .call(editing.what === 'service' ? 'hall.removeService' : 'hall.removeWindow', { id: editing.id })
                  .then(() => setEditing(null), setRetireError)
              }
            >
              {t('admin.retire')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
