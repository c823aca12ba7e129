import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type StaffEntry, type StaffRole } from '../../../shared/contract';
import { STAFF_NO_MAX_LENGTH, STAFF_NO_PATTERN } from '../../../shared/domain/staff-rules';
import { FormDialog } from '../components/FormDialog';
import { useHall } from '../hall-context';

/**
 * Create a staff account (number, name, role) or change one's name and role. The
 * number cannot change once made: statistics and the lockout go by it.
 */
export function StaffDialog(props: { entry: StaffEntry | null; onSaved: (entry: StaffEntry) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const [staffNo, setStaffNo] = useState('');
  const [name, setName] = useState(props.entry?.name ?? '');
  const [role, setRole] = useState<StaffRole>(props.entry?.role ?? 'clerk');
  const save = async () => {
    const draft = props.entry ? { id: props.entry.id, name, role } : { staffNo: staffNo.trim(), name, role };
    props.onSaved(await client.call('staff.save', draft));
  };

  return (
    <FormDialog title={props.entry ? t('admin.staff.editTitle') : t('admin.staff.add')} onClose={props.onClose} submit={save}>
      {props.entry ? (
        <p>
          {t('admin.staff.staffNo')}: <strong>{props.entry.staffNo}</strong>
        </p>
      ) : (
        <div>
          <label className="field">
            {t('admin.staff.staffNo')}
            <input
              value={staffNo}
              required
              maxLength={STAFF_NO_MAX_LENGTH}
              pattern={STAFF_NO_PATTERN}
              autoComplete="off"
              aria-describedby="staff-no-hint"
              onChange={(event) => setStaffNo(event.target.value)}
            />
          </label>
          <p id="staff-no-hint" className="muted">
            {t('admin.staff.staffNoHint', { maxLength: STAFF_NO_MAX_LENGTH })}
          </p>
        </div>
      )}
      <label className="field">
        {t('admin.staff.name')}
        <input value={name} required maxLength={40} autoComplete="off" onChange={(event) => setName(event.target.value)} />
      </label>
      <label className="field">
        {t('admin.staff.role')}
        <select value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
          {STAFF_ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`admin.staff.roles.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {!props.entry && <p className="muted">{t('admin.staff.noPasswordYet')}</p>}
    </FormDialog>
  );
}
