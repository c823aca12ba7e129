import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_KINDS, type Device, type DeviceKind, type MethodOutput } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { FormDialog } from '../components/FormDialog';
import { useErrorText, useHall } from '../hall-context';
import { countdownWords } from './device-words';

type PairingCode = MethodOutput<'devices.createPairingCode'>;

/**
 * 添加设备: the kind and a name, then the one-time code in large digits with the time it
 * has left and the address to open on the device. The device's pairing shows here as soon
 * as the list (polled by the section) has it; an expired code is made again in one press.
 */
export function PairingCodeDialog(props: { devices: readonly Device[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [name, setName] = useState('');
  const [made, setMade] = useState<{ code: PairingCode; knownIds: ReadonlySet<string> } | null>(null);
  const id = useId();

  const makeCode = async (draft: { kind: DeviceKind; name: string }) => {
    const code = await client.call('devices.createPairingCode', draft);
    // Devices paired before this code are not the one it pairs.
    setMade({ code, knownIds: new Set(props.devices.map((device) => device.id)) });
  };

  if (made) return <CodeView code={made.code} knownIds={made.knownIds} devices={props.devices} onNewCode={makeCode} onClose={props.onClose} />;

  return (
    <FormDialog title={t('admin.devices.add')} onClose={props.onClose} submit={() => makeCode({ kind, name: name.trim() })} submitLabel={t('admin.devices.makeCode')}>
      <fieldset className="device-kinds">
        <legend>{t('admin.devices.kind')}</legend>
        {DEVICE_KINDS.map((value) => (
          <label key={value} className="choice device-kind-choice">
            <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
            <span>
              <strong>{t(`devices.kinds.${value}`)}</strong> <span className="muted">{t(`devices.kindUses.${value}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <label className="field">
          {t('admin.devices.name')}
          <input value={name} required maxLength={40} autoComplete="off" aria-describedby={`${id}-name-hint`} onChange={(event) => setName(event.target.value)} />
        </label>
        <p id={`${id}-name-hint`} className="muted field-hint">
          {t('admin.devices.nameHint')}
        </p>
      </div>
    </FormDialog>
  );
}

function CodeView(props: {
  code: PairingCode;
  knownIds: ReadonlySet<string>;
  devices: readonly Device[];
  onNewCode: (draft: { kind: DeviceKind; name: string }) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { code } = props;
  const now = useNow();
  const [error, setError] = useState<unknown>(null);
  const kind = t(`devices.kinds.${code.kind}`);
  const paired = props.devices.find((device) => !props.knownIds.has(device.id) && device.kind === code.kind && device.name === code.name);
  const expired = !paired && now >= code.expiresAt;
  const address = `${window.location.origin}/pair`;
  // This page opened by a loopback name: a device on the network reaches the hub by its network address instead.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(window.location.hostname);

  return (
    <Dialog title={t('admin.devices.codeTitle', { name: code.name })} onClose={props.onClose}>
      <div className="pairing-code-view">
        {paired ? (
          <p className="pairing-paired" role="status" data-testid="pairing-paired">
            <span aria-hidden="true">✓ </span>
            {t('admin.devices.pairedNow', { name: paired.name, kind })}
          </p>
        ) : (
          <>
            <p className="muted pairing-code-label">{t('admin.devices.codeLabel')}</p>
            <p className={`pairing-code${expired ? ' pairing-code-expired' : ''}`} data-testid="pairing-code">
              {code.code}
            </p>
            {expired ? (
              <p className="pairing-expired" role="alert" data-testid="pairing-expired">
                <span aria-hidden="true">⚠ </span>
                {t('admin.devices.expired')}
              </p>
            ) : (
              <p className="pairing-countdown" data-testid="pairing-countdown">
                {t('admin.devices.expiresIn', { time: countdownWords(code.expiresAt - now) })}
              </p>
            )}
            <p>{t('admin.devices.openOnDevice', { kind })}</p>
            <p>
              <code className="pairing-address" data-testid="pairing-address">
                {address}
              </code>
            </p>
            {loopback && <p className="muted">{t('admin.devices.loopbackHint')}</p>}
            <p className="muted">{t('admin.devices.oneUse')}</p>
          </>
        )}
        {error !== null && (
          <div className="banner banner-error" role="alert">
            {errorText(error)}
          </div>
        )}
      </div>
      <div className="dialog-actions">
        {!paired && (
          <button
            type="button"
            className="secondary-button"
            onClick={() => {
              setError(null);
              props.onNewCode({ kind: code.kind, name: code.name }).catch(setError);
            }}
          >
            {t('admin.devices.newCode')}
          </button>
        )}
        <button type="button" className="primary-button" onClick={props.onClose}>
          {t('admin.devices.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** The current time, once a second: the countdown. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
