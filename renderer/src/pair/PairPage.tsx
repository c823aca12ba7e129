import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { MethodOutput, RpcError } from '../../../shared/contract';
import { callOverHttp } from '../client/http-call';
import { codeDigits, groupedCode, readPairedDevice, savePairedDevice, type NotPairedReason, type PairedDevice } from '../client/device-pairing';
import { FieldStatus } from '../kiosk/FieldStatus';
import { NumericKeypad } from '../kiosk/NumericKeypad';
import { StandaloneHeader } from './StandaloneHeader';
import '../kiosk/kiosk.css';
import './pair.css';

const CODE_LENGTH = 8;
/** How long "已配对" stays on screen before the device's page opens (a button opens it at once). */
const OPEN_AFTER_MS = 2_000;

/**
 * `/pair` (docs/security.md, "Pairing devices"): a kiosk, TV, tablet or PC on the hall's
 * network enters the admin's 8-digit code and becomes a paired device of the code's kind,
 * then opens its page. Public, outside any connection (an unpaired device has none: it
 * pairs over HTTP). Kiosk sizes; the keypad and the keyboard both type, and a TV remote's
 * arrow keys move between the keys.
 */
export function PairPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const reason = (location.state as { reason?: NotPairedReason } | null)?.reason;
  const [current, setCurrent] = useState<PairedDevice | null>(() => readPairedDevice());
  const [digits, setDigits] = useState('');
  const [pairing, setPairing] = useState(false);
  const [error, setError] = useState<RpcError | null>(null);
  const [paired, setPaired] = useState<PairedDevice | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  // Paired: the device's page opens by itself after a moment.
  useEffect(() => {
    if (!paired) return;
    const timer = setTimeout(() => void navigate(paired.page, { replace: true }), OPEN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [paired, navigate]);

  // Inside the desktop app a window's role is fixed: there is nothing to pair.
  if (window.hallBridge) return <Navigate to={`/${window.hallBridge.role}`} replace />;

  const type = (next: string) => {
    if (pairing || paired) return;
    setError(null);
    setDigits(codeDigits(next));
  };
  const pair = async () => {
    if (pairing || paired) return;
    setPairing(true);
    setError(null);
    // The least role: a LAN device's named role counts for nothing; a page of the hub's own machine must name one.
    const reply = await callOverHttp('devices.pair', { code: digits }, { language: i18n.language, role: 'kiosk', deviceToken: current?.token });
    setPairing(false);
    if (!reply.ok) {
      setError(reply.error);
      setDigits('');
      field.current?.focus();
      return;
    }
    const value = reply.value as MethodOutput<'devices.pair'>;
    const device: PairedDevice = { token: value.token, ...value.device, role: value.role, page: value.page };
    savePairedDevice(device);
    setCurrent(device);
    setPaired(device);
  };

  // Typing while a key of the keypad has the focus (a remote, a keyboard) still types.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.target === field.current || event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^\d$/.test(event.key)) type(digits + event.key);
    else if (event.key === 'Backspace') type(digits.slice(0, -1));
    else return;
    event.preventDefault();
  };

  const fieldStatus = error
    ? { tone: 'problem' as const, text: pairingErrorText(error, t) }
    : digits.length === CODE_LENGTH
      ? { tone: 'ok' as const, text: t('devices.pair.complete') }
      : { tone: 'status' as const, text: t('devices.pair.typed', { count: digits.length }) };

  return (
    <div className="page kiosk pair-page">
      <StandaloneHeader title={t('devices.pair.title')} />
      <main className="pair-main">
        {reason && !paired && (
          <p className="banner pair-reason" role="alert" data-testid="pair-reason">
            <span aria-hidden="true">⚠ </span>
            {t(`devices.pair.reasons.${reason}`)}
          </p>
        )}
        <p className="pair-intro">{t('devices.pair.intro')}</p>
        {paired ? (
          <section className="pair-done" aria-labelledby="pair-done-heading">
            <div role="status">
              <h2 id="pair-done-heading" data-testid="pair-done">
                <span aria-hidden="true">✓ </span>
                {t('devices.pair.paired', { name: paired.name, kind: t(`devices.kinds.${paired.kind}`) })}
              </h2>
            </div>
            <p>{t('devices.pair.opening')}</p>
            <button type="button" className="primary-button big-choice" onClick={() => void navigate(paired.page, { replace: true })}>
              {t('devices.pair.openNow')}
            </button>
          </section>
        ) : (
          <>
            {current && (
              <p className="pair-current" data-testid="pair-current">
                {t('devices.pair.current', { name: current.name, kind: t(`devices.kinds.${current.kind}`) })}{' '}
                <a href={current.page}>{t('devices.pair.openPage')}</a>
              </p>
            )}
            <form
              className="entry-step pair-form"
              onKeyDown={onKeyDown}
              onSubmit={(event) => {
                event.preventDefault();
                void pair();
              }}
            >
              <div className="entry-field-column">
                <label htmlFor="pair-code" className="entry-label">
                  {t('devices.pair.codeLabel')}
                </label>
                <input
                  id="pair-code"
                  ref={field}
                  className="entry-field pair-code-field"
                  value={groupedCode(digits)}
                  onChange={(event) => type(event.target.value)}
                  onKeyDown={(event) => {
                    // From the field, a remote's ↓ goes to the keypad.
                    if (event.key !== 'ArrowDown') return;
                    event.preventDefault();
                    event.currentTarget.form?.querySelector<HTMLButtonElement>('.keypad button')?.focus();
                  }}
                  inputMode="none"
                  autoComplete="off"
                  aria-describedby="pair-code-status"
                  aria-invalid={error !== null}
                />
                <FieldStatus id="pair-code-status" tone={fieldStatus.tone} text={fieldStatus.text} />
                <button type="submit" className="primary-button big-choice pair-submit" disabled={pairing}>
                  {pairing ? t('devices.pair.pairing') : t('devices.pair.submit')}
                </button>
              </div>
              <div onKeyDown={moveAmongKeys}>
                <NumericKeypad label={t('devices.pair.keypad')} onKey={(key) => type(digits + key)} onBackspace={() => type(digits.slice(0, -1))} onClear={() => type('')} />
              </div>
            </form>
          </>
        )}
      </main>
    </div>
  );
}

/** A refusal in words: a short code, a wrong or expired one, too many wrong ones (every open code voided). */
function pairingErrorText(error: RpcError, t: TFunction): string {
  if (error.code === 'VALIDATION_FAILED') return t('devices.pair.incomplete');
  const params = (error.details as { params?: Record<string, unknown> } | undefined)?.params ?? {};
  return t(`errors.${error.code}`, params);
}

/** A TV remote's arrow keys move the focus across the keypad's grid of three columns. */
function moveAmongKeys(event: KeyboardEvent<HTMLDivElement>) {
  const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -3, ArrowDown: 3 }[event.key];
  if (step === undefined) return;
  const keys = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const at = keys.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  const next = at + step;
  if (next < 0) document.getElementById('pair-code')?.focus();
  else keys[Math.min(next, keys.length - 1)]?.focus();
}
