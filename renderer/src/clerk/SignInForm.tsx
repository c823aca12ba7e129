import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError } from '../../../shared/contract';
import { useErrorText, useHall } from '../hall-context';

/**
 * The sign-in of the desk and of the admin page: staff number and password. On success
 * the connection keeps the sign-in (and the page shows the workspace); a wrong password,
 * an unknown number, a lockout and (on the admin page) a clerk's account are told in the
 * page's language, the lockout with the hall's local time. `heading` and `hint` default
 * to the desk's.
 */
export function SignInForm({ heading, hint }: { heading?: string; hint?: string } = {}) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [staffNo, setStaffNo] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !staffNo.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('auth.signIn', { staffNo: staffNo.trim(), password });
    } catch (failure) {
      setError(failure);
      // A wrong password is typed again from scratch; the staff number stays.
      if (failure instanceof HallClientError && failure.code !== 'UNAVAILABLE') setPassword('');
      passwordInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{heading ?? t('auth.title')}</h2>
      <p className="muted">{hint ?? t('auth.hint')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          {t('auth.staffNo')}
          <input
            name="staffNo"
            value={staffNo}
            onChange={(event) => setStaffNo(event.target.value)}
            autoComplete="username"
            inputMode="numeric"
            autoFocus
            required
            maxLength={32}
          />
        </label>
        <label className="field">
          {t('auth.password')}
          <input
            ref={passwordInput}
            name="password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            required
            maxLength={256}
          />
        </label>
        {error !== null && (
          <div className="banner banner-error" role="alert" data-testid="sign-in-error">
            {errorText(error)}
          </div>
        )}
        <button type="submit" className="primary-button" disabled={busy || !staffNo.trim() || !password}>
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
    </section>
  );
}
