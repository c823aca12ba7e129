import type Database from 'better-sqlite3';
import type { StaffEntry, StaffMember, StaffRole } from '../../../shared/contract';

interface StaffRow {
  id: string;
  staff_no: string;
  name: string;
  role: StaffRole;
  active: 0 | 1;
  password_hash: string | null;
}

/** A staff member as sign-in sees them. */
export interface StaffAccount extends StaffMember {
  active: boolean;
  passwordHash: string | null;
}

interface StaffEntryRow extends Pick<StaffRow, 'id' | 'staff_no' | 'name' | 'role' | 'active'> {
  has_password: 0 | 1;
  password_changed_at: number | null;
}

/** A staff member as the admin's list shows them, but for a lockout of their number (the service adds it: it needs the counter's key). */
export type StaffEntryWithoutLock = Omit<StaffEntry, 'lockedUntil'>;

/** The admin's list: every account, whether a password is set (never the hash). */
const ENTRY_SELECT = `SELECT st.id, st.staff_no, st.name, st.role, st.active, st.password_hash IS NOT NULL AS has_password,
    st.password_changed_at
  FROM staff st`;

const memberFromRow = (row: Pick<StaffRow, 'id' | 'staff_no' | 'name' | 'role'>): StaffMember => ({
  id: row.id,
  staffNo: row.staff_no,
  name: row.name,
  role: row.role,
});

/** Staff accounts, failed sign-ins and sessions: one prepared statement per question. No rules here: see staff-service. */
export class StaffStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      account: db.prepare<[string], StaffRow>('SELECT id, staff_no, name, role, active, password_hash FROM staff WHERE staff_no = ?'),
      insert: db.prepare(`INSERT INTO staff (id, staff_no, name, role, password_hash, password_changed_at)
        VALUES (@id, @staffNo, @name, @role, @passwordHash, @changedAt)`),
      replaceHash: db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?'),
      entries: db.prepare<[], StaffEntryRow>(`${ENTRY_SELECT} ORDER BY st.staff_no`),
      entry: db.prepare<{ id: string }, StaffEntryRow>(`${ENTRY_SELECT} WHERE st.id = @id`),
      // Case-insensitive: 'A01' and 'a01' would be two accounts nobody can tell apart.
      holderOfNumber: db.prepare<[string], { id: string; staff_no: string; name: string }>(
        'SELECT id, staff_no, name FROM staff WHERE staff_no = ? COLLATE NOCASE LIMIT 1',
      ),
      rename: db.prepare('UPDATE staff SET name = ?, role = ? WHERE id = ?'),
      setPassword: db.prepare('UPDATE staff SET password_hash = ?, password_changed_at = ? WHERE id = ?'),
      setActive: db.prepare('UPDATE staff SET active = ? WHERE id = ?'),
      // Failed sign-ins are counted per keyed hash of the number typed (migration 0017), never the text.
      lockedUntil: db.prepare<[Buffer, number], { locked_until: number }>(
        'SELECT locked_until FROM sign_in_failures WHERE staff_no_key = ? AND locked_until > ?',
      ),
      recordFailure: db.prepare<{ key: Buffer; now: number }, { failures: number }>(
        `INSERT INTO sign_in_failures (staff_no_key, failures, locked_until, last_failure_at) VALUES (@key, 1, NULL, @now)
         ON CONFLICT (staff_no_key) DO UPDATE SET failures = failures + 1, last_failure_at = @now
         RETURNING failures`,
      ),
      lock: db.prepare('UPDATE sign_in_failures SET failures = 0, locked_until = ? WHERE staff_no_key = ?'),
      clearFailures: db.prepare('DELETE FROM sign_in_failures WHERE staff_no_key = ?'),
      insertSession: db.prepare('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      sessionStaff: db.prepare<[Buffer, number], Pick<StaffRow, 'id' | 'staff_no' | 'name' | 'role'>>(
        `SELECT st.id, st.staff_no, st.name, st.role FROM staff_sessions s JOIN staff st ON st.id = s.staff_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND st.active = 1`,
      ),
      deleteSession: db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?'),
      deleteExpiredSessions: db.prepare('DELETE FROM staff_sessions WHERE expires_at <= ?'),
      usableAdmins: db.prepare<[], number>("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1 AND password_hash IS NOT NULL").pluck(),
    };
  }

  account(staffNo: string): StaffAccount | undefined {
    const row = this.s.account.get(staffNo);
    return row && { ...memberFromRow(row), active: row.active === 1, passwordHash: row.password_hash };
  }

  insert(staff: { id: string; staffNo: string; name: string; role: StaffRole; passwordHash: string | null; changedAt: number | null }): void {
    this.s.insert.run(staff);
  }

  entries(): StaffEntryWithoutLock[] {
    return this.s.entries.all().map(entryFromRow);
  }

  entry(staffId: string): StaffEntryWithoutLock | undefined {
    const row = this.s.entry.get({ id: staffId });
    return row && entryFromRow(row);
  }

  /** The account whose number is this one, ignoring case. */
  holderOfNumber(staffNo: string): { id: string; staffNo: string; name: string } | undefined {
    const row = this.s.holderOfNumber.get(staffNo);
    return row && { id: row.id, staffNo: row.staff_no, name: row.name };
  }

  rename(staffId: string, name: string, role: StaffRole): void {
    this.s.rename.run(name, role, staffId);
  }

  /** A password set by an admin: a new hash and the time it was set. */
  setPassword(staffId: string, passwordHash: string, changedAt: number): void {
    this.s.setPassword.run(passwordHash, changedAt, staffId);
  }

  /** A new hash of the same password (stronger parameters): the password-changed time stays. */
  replaceHash(staffId: string, passwordHash: string): void {
    this.s.replaceHash.run(passwordHash, staffId);
  }

  setActive(staffId: string, active: boolean): void {
    this.s.setActive.run(active ? 1 : 0, staffId);
  }

  // The failure counter takes the key of the number typed (PersonalDataCrypto.failureCounterKey), never the number.

  /** Until when a staff number is locked, or null when it is not (now). */
  lockedUntil(key: Buffer, now: number): number | null {
    return this.s.lockedUntil.get(key, now)?.locked_until ?? null;
  }

  /** Counts one more failed sign-in in a row; returns how many there are now. */
  recordFailure(key: Buffer, now: number): number {
    return this.s.recordFailure.get({ key, now })!.failures;
  }

  /** Locks the number until then, and starts counting again from zero. */
  lock(key: Buffer, until: number): void {
    this.s.lock.run(until, key);
  }

  clearFailures(key: Buffer): void {
    this.s.clearFailures.run(key);
  }

  insertSession(tokenHash: Buffer, staffId: string, createdAt: number, expiresAt: number): void {
    this.s.insertSession.run(tokenHash, staffId, createdAt, expiresAt);
  }

  /** The active staff member a live session belongs to: one primary-key look-up. */
  sessionStaff(tokenHash: Buffer, now: number): StaffMember | undefined {
    const row = this.s.sessionStaff.get(tokenHash, now);
    return row && memberFromRow(row);
  }

  deleteSession(tokenHash: Buffer): void {
    this.s.deleteSession.run(tokenHash);
  }

  deleteSessionsOf(staffId: string): void {
    this.s.deleteSessionsOf.run(staffId);
  }

  deleteExpiredSessions(now: number): void {
    this.s.deleteExpiredSessions.run(now);
  }

  /** Administrators who can sign in: active, with a password. */
  usableAdmins(): number {
    return this.s.usableAdmins.get()!;
  }
}

function entryFromRow(row: StaffEntryRow): StaffEntryWithoutLock {
  return {
    ...memberFromRow(row),
    active: row.active === 1,
    hasPassword: row.has_password === 1,
    passwordChangedAt: row.password_changed_at,
  };
}
