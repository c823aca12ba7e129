import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffEntry } from '../../../shared/contract';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../../shared/domain/staff-rules';
import { FormDialog, FormProblem } from '../components/FormDialog';
import { useHall } from '../hall-context';

/**
 * An admin sets a staff member's password: typed twice, never shown, the rules stated.
 * The page checks the rules (the same shared ones) before sending; the core checks
 * them again and signs the staff member out everywhere.
 */
export function PasswordDialog(props: { entry: StaffEntry; onSaved: (entry: StaffEntry) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');

  const save = async () => {
    if (password !== repeated) throw new FormProblem(t('admin.staff.passwordsDiffer'));
    const problem = passwordProblem(password, props.entry.staffNo);
    if (problem) throw new FormProblem(t(`errors.WEAK_PASSWORD_${problem}`, { minLength: PASSWORD_MIN_LENGTH }));
    props.onSaved(await client.call('staff.setPassword', { id: props.entry.id, password }));
  };

  return (
    <FormDialog
      title={t('admin.staff.setPasswordTitle', { name: props.entry.name, staffNo: props.entry.staffNo })}
      onClose={props.onClose}
      submit={save}
      submitLabel={t('admin.staff.setPassword')}
    >
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
    </FormDialog>
  );
}
