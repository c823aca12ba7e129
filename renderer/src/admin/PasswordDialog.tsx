import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffEntry } from '../../../shared/contract';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../../shared/domain/staff-rules';
import { Dialog } from '../components/Dialog';
import { useErrorText, useHall } from '../hall-context';

/**
 * An admin sets a staff member's password: typed twice, never shown, the rules stated.
 * The page checks the rules (the same shared ones) before sending; the core checks
 * them again and signs the staff member out everywhere.
 */
export function PasswordDialog(props: { entry: StaffEntry; onSaved: (entry: StaffEntry) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  // Either a message of the page's own check, or the core's error.
  const [error, setError] = useState<{ text: string } | { failure: unknown } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (password !== repeated) return setError({ text: t('admin.staff.passwordsDiffer') });
    const problem = passwordProblem(password, props.entry.staffNo);
    if (problem) return setError({ text: t(`errors.WEAK_PASSWORD_${problem}`, { minLength: PASSWORD_MIN_LENGTH }) });
    setSaving(true);
    try {
      props.onSaved(await client.call('staff.setPassword', { id: props.entry.id, password }));
    } catch (failure) {
      setError({ failure });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('admin.staff.setPasswordTitle', { name: props.entry.name, staffNo: props.entry.staffNo })} onClose={props.onClose}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {error !== null && (
          <div className="banner banner-error" role="alert">
            {'text' in error ? error.text : errorText(error.failure)}
          </div>
        )}
        <p id="password-rules">{t('admin.staff.passwordRules', { minLength: PASSWORD_MIN_LENGTH })}</p>
        <label className="field">
          {t('admin.staff.newPassword')}
          <input
            type="password"
            value={password}
            required
            maxLength={256}
            autoComplete="new-password"
            aria-describedby="password-rules"
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <label className="field">
          {t('admin.staff.repeatPassword')}
          <input
            type="password"
            value={repeated}
            required
            maxLength={256}
            autoComplete="new-password"
            onChange={(event) => setRepeated(event.target.value)}
          />
        </label>
        <p className="muted">{t('admin.staff.passwordEffect')}</p>
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={props.onClose}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary-button" disabled={saving}>
            {t('admin.staff.setPassword')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
