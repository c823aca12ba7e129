import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall } from '../hall-context';
import { PairingCodeDialog } from './PairingCodeDialog';
import { lastSeenWords, useDateTime } from './device-words';
import { usePolling } from './use-polling';
import './devices-section.css';

/** The list is read this often while the page is open: a device just paired or gone quiet shows within seconds. */
const LIST_EVERY_MS = 10_000;
/** While a pairing code is on screen, closer: "已配对" as soon as the device has used it. */
const WAITING_EVERY_MS = 2_000;

const STATE_ICONS = { active: '✓', revoked: '✕' } as const;

/**
 * 设备 (docs/security.md, "Pairing devices"): make a one-time pairing code for a new kiosk,
 * display, rating tablet, window PC or admin PC; see every paired device — who paired it,
 * when it was last seen, active or revoked — and revoke one, which disconnects it at once.
 */
export function DevicesSection() {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(
    () =>
      client.call('devices.list', {}).then(
        (value) => {
          setDevices(value.devices);
          setFailure(null);
        },
        (error: unknown) => setFailure(error),
      ),
    [client],
  );
  usePolling(load, adding ? WAITING_EVERY_MS : LIST_EVERY_MS, connection > 0, adding);

  return (
    <section aria-labelledby="devices-heading" className="admin-section devices-section">
      <div className="section-heading">
        <h2 id="devices-heading">{t('admin.devices.title')}</h2>
        <button
          type="button"
          className="secondary-button small-button"
          onClick={() => {
            setMessage(null);
            setAdding(true);
          }}
        >
          {t('admin.devices.add')}
        </button>
      </div>
      <p className="muted">{t('admin.devices.intro')}</p>
      {failure !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(failure)}
        </div>
      )}
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
      {devices === null && failure === null && <p>{t('common.loading')}</p>}
      {devices?.length === 0 && <p>{t('admin.devices.empty')}</p>}
      {devices && devices.length > 0 && (
        <div className="table-scroll">
          <table className="data-table devices-table" data-testid="device-table">
            <TableHead
              columns={[
                t('admin.devices.columns.name'),
                t('admin.devices.columns.kind'),
                t('admin.devices.columns.paired'),
                t('admin.devices.columns.lastSeen'),
                t('admin.devices.columns.state'),
              ]}
              actions
            />
            <tbody>
              {devices.map((device) => {
                const state = device.revokedAt === null ? 'active' : 'revoked';
                return (
                  <tr key={device.id} className={state === 'revoked' ? 'muted' : undefined}>
                    <th scope="row">{device.name}</th>
                    <td>{t(`devices.kinds.${device.kind}`)}</td>
                    <td>
                      {device.pairedBy
                        ? t('admin.devices.pairedBy', { date: dateTime(device.pairedAt), name: device.pairedBy.name, staffNo: device.pairedBy.staffNo })
                        : dateTime(device.pairedAt)}
                    </td>
                    <td data-testid="device-last-seen">{lastSeenWords(device.lastSeenAt, Date.now(), t, dateTime)}</td>
                    <td>
                      <span className={`device-state device-state-${state}`} data-testid="device-state">
                        <span className="device-state-icon" aria-hidden="true">
                          {STATE_ICONS[state]}
                        </span>
                        {t(`admin.devices.states.${state}`)}
                      </span>
                      {device.revokedAt !== null && <span className="device-revoked-at">{t('admin.devices.revokedAt', { date: dateTime(device.revokedAt) })}</span>}
                    </td>
                    <td className="row-actions">
                      {state === 'active' && (
                        <button
                          type="button"
                          className="secondary-button small-button"
                          aria-label={`${t('admin.devices.revoke')} ${device.name}`}
                          onClick={() => {
                            setMessage(null);
                            setRevoking(device);
                          }}
                        >
                          {t('admin.devices.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {adding && (
        <PairingCodeDialog
          devices={devices ?? []}
          onClose={() => {
            setAdding(false);
            void load();
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          device={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            setMessage(t('admin.devices.revokedDone', { name: revoking.name }));
            void load();
          }}
        />
      )}
    </section>
  );
}

/** Confirms revoking, naming the device: it is disconnected at once and must pair again. */
function RevokeDialog(props: { device: Device; onClose: () => void; onRevoked: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState(false);
  const { device } = props;
  return (
    <Dialog title={t('admin.devices.revokeTitle', { name: device.name })} onClose={props.onClose}>
      <p>
        {t(`devices.kinds.${device.kind}`)} · {device.name}
      </p>
      <p>{t('admin.devices.revokeExplain')}</p>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary-button" onClick={props.onClose}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="primary-button"
          disabled={revoking}
          onClick={() => {
            setRevoking(true);
            client
              .call('devices.revoke', { deviceId: device.id })
              .then(props.onRevoked, setError)
              .finally(() => setRevoking(false));
          }}
        >
          {t('admin.devices.revoke')}
        </button>
      </div>
    </Dialog>
  );
}
