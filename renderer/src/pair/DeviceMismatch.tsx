import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/contract';
import type { PairedDevice } from '../client/device-pairing';
import { StandaloneHeader } from './StandaloneHeader';
import '../kiosk/kiosk.css';
import './pair.css';

/**
 * A paired device opened another role's page (a display at /kiosk): it acts in its
 * device's role only, so instead of calls that would all be refused, say so and offer
 * its own page — and pairing again, for a device that is to change its use.
 */
export function DeviceMismatch({ device, role }: { device: PairedDevice; role: Role }) {
  const { t } = useTranslation();
  const kind = t(`devices.kinds.${device.kind}`);
  return (
    <div className="page kiosk device-mismatch-page">
      <StandaloneHeader title={t(`common.roles.${role}`)} />
      <main>
        <section className="device-mismatch" aria-labelledby="device-mismatch-heading" data-testid="device-mismatch">
          <h2 id="device-mismatch-heading">
            <span aria-hidden="true">⚠ </span>
            {t('devices.mismatch.title')}
          </h2>
          <p>{t('devices.mismatch.body', { kind, name: device.name, page: device.page })}</p>
          <div className="device-mismatch-actions">
            <a className="primary-button big-choice" href={device.page}>
              {t('devices.mismatch.open', { page: device.page })}
            </a>
            <a className="secondary-button big-choice" href="/pair">
              {t('devices.mismatch.repair')}
            </a>
          </div>
        </section>
      </main>
    </div>
  );
}
