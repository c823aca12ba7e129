import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError } from '../../../shared/contract';
import { PASSWORD_MIN_LENGTH, passwordProblem, STAFF_NO_MAX_LENGTH } from '../../../shared/domain/staff-rules';
import { useErrorText, useHall } from '../hall-context';
import { FieldWithHint } from './FieldWithHint';

/**
 * First run (docs/security.md): the hall has no administrator, so the admin page asks
 * for the one-time setup code the host printed on its console and creates the first
 * administrator with it (auth.setupFirstAdmin), who is then signed in. The password
 * rules are the staff admin's, checked here first and again by the core.
 */
export function FirstAdminForm() {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [staffNo, setStaffNo] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const complete = code.trim() && staffNo.trim() && name.trim() && password && repeated;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !complete) return;
    if (password !== repeated) return setProblem(t('admin.staff.passwordsDiffer'));
    const weak = passwordProblem(password, staffNo);
    if (weak) return setProblem(t(`errors.WEAK_PASSWORD_${weak}`, { minLength: PASSWORD_MIN_LENGTH }));
    setBusy(true);
    setProblem(null);
    try {
      // Signed in on success: the page then shows the hall (the connection keeps the sign-in).
      await client.call('auth.setupFirstAdmin', { code, staffNo: staffNo.trim(), name: name.trim(), password });
    } catch (failure) {
      setProblem(errorText(failure));
      // A wrong code is typed again; what the admin chose stays.
      if (failure instanceof HallClientError && failure.code === 'SIGN_IN_FAILED') setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sign-in first-admin" aria-labelledby="first-admin-heading">
      <h2 id="first-admin-heading">{t('admin.setup.title')}</h2>
      <p className="muted">{t('admin.setup.explain')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <FieldWithHint label={t('admin.setup.code')} hint={t('admin.setup.codeHint')}>
          {(hintId) => (
            <input
              name="setupCode"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoComplete="one-time-code"
              inputMode="numeric"
              autoFocus
              required
              maxLength={20}
              aria-describedby={hintId}
            />
          )}
        </FieldWithHint>
        <FieldWithHint label={t('admin.staff.staffNo')} hint={t('admin.staff.staffNoHint', { maxLength: STAFF_NO_MAX_LENGTH })}>
          {(hintId) => (
            <input
              name="staffNo"
              value={staffNo}
              onChange={(event) => setStaffNo(event.target.value)}
              autoComplete="username"
              required
              maxLength={STAFF_NO_MAX_LENGTH}
              aria-describedby={hintId}
            />
          )}
        </FieldWithHint>
        <label className="field">
          {t('admin.staff.name')}
          <input name="name" value={name} onChange={(event) => setName(event.target.value)} autoComplete="name" required maxLength={40} />
        </label>
        <p id="first-admin-password-rules">{t('admin.staff.passwordRules', { minLength: PASSWORD_MIN_LENGTH })}</p>
        <label className="field">
          {t('auth.password')}
          <input
            name="password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            required
            maxLength={256}
            aria-describedby="first-admin-password-rules"
          />
        </label>
        <label className="field">
          {t('admin.setup.repeatPassword')}
          <input
            name="repeatPassword"
            type="password"
            value={repeated}
            onChange={(event) => setRepeated(event.target.value)}
            autoComplete="new-password"
            required
            maxLength={256}
          />
        </label>
        {problem !== null && (
          <div className="banner banner-error" role="alert" data-testid="first-admin-error">
            {problem}
          </div>
        )}
        <button type="submit" className="primary-button" disabled={busy || !complete}>
          {busy ? t('admin.setup.creating') : t('admin.setup.submit')}
        </button>
      </form>
    </section>
  );
}
