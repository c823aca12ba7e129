import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallWindow, Service } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { RoleLinks } from '../components/RoleLinks';
import { PageHeader } from '../components/PageHeader';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall, useLocalized } from '../hall-context';
import { QueueStatsPanel } from '../stats/QueueStatsPanel';
import { SatisfactionPanel } from '../stats/SatisfactionPanel';
import { CategoriesSection } from './CategoriesSection';
import { ComicsStatsSection } from './ComicsStatsSection';
import { KioskSettingsForm } from './KioskSettingsForm';
import { LocationsSection } from './LocationsSection';
import { PrintersSection } from './PrintersSection';
import { PrintJobsSection } from './PrintJobsSection';
import { QueueRulesForm } from './QueueRulesForm';
import { ReceiptSettingsForm } from './ReceiptSettingsForm';
import { ServiceDialog } from './ServiceDialog';
import { StaffSection } from './StaffSection';
import { WindowDialog } from './WindowDialog';

type Editing =
  | { kind: 'service'; service: Service | null }
  | { kind: 'window'; window: HallWindow | null }
  | { kind: 'retire'; what: 'service' | 'window'; id: string; name: string }
  | null;

/** The hall's configuration and its queue statistics. */
export function AdminPage() {
  const { t } = useTranslation();
  const { info, client } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<Editing>(null);
  const [retireError, setRetireError] = useState<unknown>(null);

  if (!info) {
    return (
      <div className="page admin">
        <PageHeader title={t('admin.title')} />
        <main>{t('common.loading')}</main>
      </div>
    );
  }
  const serviceById = new Map(info.services.map((service) => [service.id, service]));
  const hours = (service: Service) => (service.openFrom && service.openUntil ? `${service.openFrom}–${service.openUntil}` : t('admin.allDay'));

  return (
    <div className="page admin">
      <PageHeader title={t('admin.title')} />
      <main>
        <p>
          {t('admin.siteCode')}: <strong>{info.siteCode}</strong>
        </p>
        <RoleLinks />
        <QueueStatsPanel fixedToday={false} initialGroupBy="service" />
        <SatisfactionPanel />
        <ComicsStatsSection />

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
        <QueueRulesForm />
        <KioskSettingsForm />
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
    </div>
  );
}
