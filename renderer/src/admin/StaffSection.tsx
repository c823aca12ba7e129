import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffEntry } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall, useTimeFormat } from '../hall-context';
import { PasswordDialog } from './PasswordDialog';
import { StaffDialog } from './StaffDialog';

type Editing =
  | { kind: 'member'; entry: StaffEntry | null }
  | { kind: 'password'; entry: StaffEntry }
  | { kind: 'active'; entry: StaffEntry }
  | null;

/**
 * 工作人员: the hall's staff accounts. Add one, change a name or role, set a password
 * (the first one, or a reset), disable and enable. A new account needs a password
 * before it can sign in, so adding one goes straight on to setting it.
 */
export function StaffSection() {
  const { t, i18n } = useTranslation();
  const { client, connection, info } = useHall();
  const errorText = useErrorText();
  const time = useTimeFormat();
  const [staff, setStaff] = useState<StaffEntry[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(
    () =>
      client.call('staff.list', {}).then(
        (value) => {
          setStaff(value.staff);
          setFailure(null);
        },
        (error: unknown) => setFailure(error),
      ),
    [client],
  );
  useEffect(() => {
    if (connection > 0) void load();
  }, [load, connection]);

  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
    void load();
  };
  const dateTime = (epochMs: number) =>
    new Intl.DateTimeFormat(i18n.language, { timeZone: info?.timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(epochMs);
  const status = (entry: StaffEntry) =>
    [
      entry.active ? t('admin.staff.active') : t('admin.staff.disabled'),
      ...(entry.lockedUntil !== null ? [t('admin.staff.lockedUntil', { time: time(entry.lockedUntil) })] : []),
    ].join(t('common.listSeparator'));

  return (
    <section aria-labelledby="staff-heading" className="admin-section">
      <div className="section-heading">
        <h2 id="staff-heading">{t('admin.staff.title')}</h2>
        <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'member', entry: null })}>
          {t('admin.staff.add')}
        </button>
      </div>
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
      {staff?.length === 0 && <p>{t('admin.staff.empty')}</p>}
      {staff && staff.length > 0 && (
        <table className="data-table">
          <TableHead
            columns={[t('admin.staff.staffNo'), t('admin.staff.name'), t('admin.staff.role'), t('admin.staff.status'), t('admin.staff.password')]}
            actions
          />
          <tbody>
            {staff.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.staffNo}</td>
                <td>{entry.name}</td>
                <td>{t(`admin.staff.roles.${entry.role}`)}</td>
                <td>{status(entry)}</td>
                <td>
                  {entry.hasPassword && entry.passwordChangedAt !== null
                    ? t('admin.staff.passwordSetAt', { date: dateTime(entry.passwordChangedAt) })
                    : entry.hasPassword
                      ? t('admin.staff.passwordSet')
                      : t('admin.staff.passwordNotSet')}
                </td>
                <td className="row-actions">
                  <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'member', entry })}>
                    {t('admin.edit')}
                  </button>
                  <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'password', entry })}>
                    {t('admin.staff.setPassword')}
                  </button>
                  <button type="button" className="secondary-button small-button" onClick={() => setEditing({ kind: 'active', entry })}>
                    {entry.active ? t('admin.staff.disable') : t('admin.staff.enable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {editing?.kind === 'member' && (
        <StaffDialog
          entry={editing.entry}
          onClose={() => setEditing(null)}
          onSaved={(entry) => {
            if (editing.entry) return done(t('admin.saved'));
            // A new account cannot sign in yet: set its password next.
            setMessage(null);
            void load();
            setEditing({ kind: 'password', entry });
          }}
        />
      )}
      {editing?.kind === 'password' && (
        <PasswordDialog
          entry={editing.entry}
          onClose={() => setEditing(null)}
          onSaved={(entry) => done(t('admin.staff.passwordSaved', { name: entry.name, staffNo: entry.staffNo }))}
        />
      )}
      {editing?.kind === 'active' && <ActiveDialog entry={editing.entry} onClose={() => setEditing(null)} onDone={done} />}
    </section>
  );
}

/** Confirms disabling (their sign-ins end at once) or enabling a staff member. */
function ActiveDialog(props: { entry: StaffEntry; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const { entry } = props;
  const disabling = entry.active;
  const names = { name: entry.name, staffNo: entry.staffNo };

  return (
    <Dialog title={disabling ? t('admin.staff.disableTitle', names) : t('admin.staff.enableTitle', names)} onClose={props.onClose}>
      <p>{disabling ? t('admin.staff.disableExplain') : t('admin.staff.enableExplain')}</p>
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
          onClick={() =>
            client
              .call('staff.setActive', { id: entry.id, active: !disabling })
              .then(() => props.onDone(disabling ? t('admin.staff.disabledDone', names) : t('admin.staff.enabledDone', names)), setError)
          }
        >
          {disabling ? t('admin.staff.disable') : t('admin.staff.enable')}
        </button>
      </div>
    </Dialog>
  );
}
