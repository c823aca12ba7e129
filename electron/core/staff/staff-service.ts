import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulidx';
import { HallError, staffMayActAs, type SignIn, type StaffEntry, type StaffMember, type StaffRole } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { isValidStaffNo, PASSWORD_MIN_LENGTH, passwordProblem, STAFF_NO_MAX_LENGTH } from '../../../shared/domain/staff-rules';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../ports';
import type { CallContext } from '../rpc/dispatcher';
import { hashPassword, needsRehash, UNMATCHABLE_HASH, verifyPassword } from './password-hash';
import { SIGN_IN_POLICY } from './sign-in-policy';
import { StaffStore, type StaffEntryWithoutLock } from './staff-store';

const TOKEN_BYTES = 32;
/**
 * What is never kept as a "staff number typed": a resident ID number (15 or 18
 * characters), and any run of 11 digits or more — a mobile number, also with its country
 * code (8613912345678) or a leading 0, the 12 digits of a foreign permanent residence card.
 * A staff badge's number is shorter; a failed sign-in with a longer one is recorded
 * without it.
 */
const LOOKS_PERSONAL = /^\d{17}[\dXx]$|\d{11,}/;

/**
 * The key the failed-sign-in counter keeps for a staff number as typed: a keyed hash
 * (PersonalDataCrypto.failureCounterKey 'signIn'), never the text — the field takes
 * whatever is typed, a visitor's ID or phone number too (migration 0017).
 */
export type FailureCounterKey = (typed: string) => Buffer;

/** staff.save: a new account (by its number), or a change of an existing one (by id; the number stays). */
export type StaffDraft = { staffNo: string; name: string; role: StaffRole } | { id: string; name: string; role: StaffRole };

/** What the core keeps of a token: its SHA-256. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Staff sign-in and sessions. A sign-in makes a random 256-bit token, stores its
 * SHA-256 with an expiry, and binds the caller's session (a WebSocket connection, an
 * Electron window) to it; the HTTP mirror sends the token on every request instead
 * (Authorization: Bearer). The binding lives in memory and ends with the connection;
 * the token lives in the database, so a page that reconnects to a restarted hub
 * resumes with it. Every call looks the token up again (one primary-key read): a
 * sign-out or a disabled account takes effect at once, in every process.
 *
 * Nothing here is logged: not the password, not the token, not who tried. The audit log
 * records every sign-in, failed or not (the staff number typed, never the password), and
 * every sign-out (docs/security.md).
 */
export class StaffService {
  private readonly store: StaffStore;
  /** Session id → the hash of the token it is signed in with. */
  private readonly bindings = new Map<string, Buffer>();
  private readonly ulid = monotonicFactory();

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    /** The hall's time zone, for "try again after 10:45". */
    private readonly timeZone: () => string,
    private readonly audit: AuditLog,
    private readonly failureKey: FailureCounterKey,
  ) {
    this.store = new StaffStore(db);
  }

  /**
   * Checks the staff number and password. An unknown number, a wrong password, a
   * disabled account and one without a password all get the same SIGN_IN_FAILED,
   * after the same scrypt work, and all count towards the lockout of the number typed.
   * On the admin page, the right password of a clerk's account is refused FORBIDDEN
   * `adminOnly` (it counts as no failure: nothing was guessed).
   */
  signIn(staffNo: string, password: string, context: CallContext): SignIn {
    const now = this.clock.now();
    const key = this.failureKey(staffNo);
    // Locked means refused, even with the right password: guessing goes no faster.
    const lockedUntil = this.store.lockedUntil(key, now);
    if (lockedUntil !== null) {
      this.db.transaction(() => this.auditFailure(staffNo, context, 'locked', now)).immediate();
      throw this.lockedError(lockedUntil, context.language);
    }

    const account = this.store.account(staffNo);
    const matches = verifyPassword(password, account?.passwordHash ?? UNMATCHABLE_HASH);
    if (!matches || !account?.active || account.passwordHash === null) {
      const reason = !account ? 'unknownStaffNo' : !account.active ? 'disabled' : account.passwordHash === null ? 'noPassword' : 'wrongPassword';
      const until = this.db.transaction(() => {
        const failures = this.store.recordFailure(key, now);
        const lockNow = failures >= SIGN_IN_POLICY.maxFailures;
        if (lockNow) this.store.lock(key, now + SIGN_IN_POLICY.lockoutMs);
        this.auditFailure(staffNo, context, reason, now, lockNow);
        return lockNow ? now + SIGN_IN_POLICY.lockoutMs : null;
      }).immediate();
      throw until === null ? new HallError('SIGN_IN_FAILED') : this.lockedError(until, context.language);
    }
    if (!staffMayActAs(context.role, account.role)) {
      this.db.transaction(() => this.auditFailure(staffNo, context, 'notAdmin', now)).immediate();
      throw new HallError('FORBIDDEN', { context: 'adminOnly' });
    }

    // Hashed before the transaction: scrypt must not hold the write lock.
    const rehashed = needsRehash(account.passwordHash) ? hashPassword(password) : null;
    const { id, staffNo: number, name, role } = account;
    const staff = { id, staffNo: number, name, role };
    const session = this.db.transaction(() => {
      this.store.clearFailures(key);
      if (rehashed) this.store.replaceHash(account.id, rehashed);
      this.audit.append({ at: now, actorId: id, action: 'auth.signIn', subject: `staff:${id}`, details: { staffNo: number, page: context.role } });
      return this.startSession(id, context, now);
    }).immediate();
    this.bindings.set(context.sessionId, session.tokenHash);
    return { staff, token: session.token };
  }

  /** Binds the caller's session to the token of an earlier sign-in, if it is still good (and the account may act on this page). */
  resume(token: string, context: CallContext): { staff: StaffMember } {
    const tokenHash = hashToken(token);
    const staff = this.store.sessionStaff(tokenHash, this.clock.now());
    if (!staff) throw new HallError('NOT_SIGNED_IN', { context: 'sessionEnded' });
    if (!staffMayActAs(context.role, staff.role)) throw new HallError('FORBIDDEN', { context: 'adminOnly' });
    this.bindings.set(context.sessionId, tokenHash);
    return { staff };
  }

  /** Revokes the caller's token (bound, or sent as a bearer token) and unbinds the session. */
  signOut(context: CallContext): void {
    const tokenHash = context.bearerToken !== undefined ? hashToken(context.bearerToken) : this.bindings.get(context.sessionId);
    this.bindings.delete(context.sessionId);
    if (!tokenHash) return;
    const now = this.clock.now();
    this.db.transaction(() => {
      const staff = this.store.sessionStaff(tokenHash, now);
      this.store.deleteSession(tokenHash);
      if (staff) this.audit.append({ at: now, actorId: staff.id, action: 'auth.signOut', subject: `staff:${staff.id}`, details: { staffNo: staff.staffNo, page: context.role } });
    }).immediate();
  }

  /**
   * Whether the hall has an administrator who can sign in (active, with a password): a
   * hall without one gets a first-run setup code (first-run-setup.ts).
   */
  hasAdmin(): boolean {
    return this.store.usableAdmins() > 0;
  }

  /**
   * The first administrator, made with the setup code (checked by the caller): created
   * with their password and signed in on this page, in one transaction with the audit
   * row. CONFLICT `setupDone` once the hall has an administrator.
   */
  createFirstAdmin(draft: { staffNo: string; name: string; password: string }, context: CallContext): SignIn {
    if (this.hasAdmin()) throw new HallError('CONFLICT', { context: 'setupDone' });
    const staffNo = draft.staffNo;
    if (!isValidStaffNo(staffNo)) throw new HallError('INVALID_STAFF_NO', { maxLength: STAFF_NO_MAX_LENGTH });
    const problem = passwordProblem(draft.password, staffNo);
    if (problem) throw new HallError('WEAK_PASSWORD', { context: problem, minLength: PASSWORD_MIN_LENGTH });
    // Hashed before the transaction: scrypt must not hold the write lock.
    const passwordHash = hashPassword(draft.password);
    const now = this.clock.now();
    const id = this.ulid(now);
    const session = this.db.transaction(() => {
      if (this.hasAdmin()) throw new HallError('CONFLICT', { context: 'setupDone' });
      // A number already on an account (a clerk made before, a disabled admin): refused like any duplicate.
      const holder = this.store.holderOfNumber(staffNo);
      if (holder) throw new HallError('DUPLICATE', { context: 'staffNo', staffNo: holder.staffNo, name: holder.name });
      this.store.insert({ id, staffNo, name: draft.name, role: 'admin', passwordHash, changedAt: now });
      this.audit.append({ at: now, actorId: id, action: 'auth.setupFirstAdmin', subject: `staff:${id}`, details: { staffNo, name: draft.name } });
      return this.startSession(id, context, now);
    }).immediate();
    this.bindings.set(context.sessionId, session.tokenHash);
    return { staff: { id, staffNo, name: draft.name, role: 'admin' }, token: session.token };
  }

  /** A new session of the staff member (in the caller's transaction): the caller binds the page to it once committed. */
  private startSession(staffId: string, context: CallContext, now: number): { token: string; tokenHash: Buffer } {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const tokenHash = hashToken(token);
    // The page signs in anew (another clerk takes the desk): its earlier token is done.
    const previous = this.bindings.get(context.sessionId);
    if (previous) this.store.deleteSession(previous);
    this.store.deleteExpiredSessions(now);
    this.store.insertSession(tokenHash, staffId, now, now + SIGN_IN_POLICY.sessionMs);
    return { token, tokenHash };
  }

  /**
   * A failed sign-in, for the audit log: the staff number typed when it has the form of one
   * — not a password typed into the number field by mistake, nor what has the shape of an
   * ID or mobile number (a visitor's, typed in the wrong place) — the page, why.
   */
  private auditFailure(typed: string, context: CallContext, reason: string, now: number, locked = false): void {
    const staffNo = isValidStaffNo(typed) && !LOOKS_PERSONAL.test(typed) ? typed : null;
    this.audit.append({
      at: now,
      actorId: null,
      action: 'auth.signInFailed',
      subject: staffNo === null ? 'staffNo:?' : `staffNo:${staffNo}`,
      details: { staffNo, page: context.role, reason, ...(locked ? { locked: true } : {}) },
    });
  }

  /** Who the caller is signed in as, or null. Called by the dispatcher on every call of a role that signs in. */
  staffOf(context: CallContext): StaffMember | null {
    const bearer = context.bearerToken !== undefined;
    const tokenHash = bearer ? hashToken(context.bearerToken!) : this.bindings.get(context.sessionId);
    if (!tokenHash) return null;
    const staff = this.store.sessionStaff(tokenHash, this.clock.now());
    if (!staff && !bearer) this.bindings.delete(context.sessionId);
    return staff ?? null;
  }

  /** The host's connection or window is gone: forget its binding (the token stays valid for a resume). */
  endSession(sessionId: string): void {
    this.bindings.delete(sessionId);
  }

  /** Disables a staff member: they cannot sign in, and every session of theirs ends now. */
  disable(staffId: string): void {
    this.db.transaction(() => {
      this.store.setActive(staffId, false);
      this.store.deleteSessionsOf(staffId);
    }).immediate();
  }

  // Staff management (the admin page). Nothing here is logged either; the dispatcher
  // writes the audit row each method declares (shared/contract/staff-methods.ts).

  list(): StaffEntry[] {
    const now = this.clock.now();
    return this.store.entries().map((entry) => this.withLock(entry, now));
  }

  /** An entry with the lockout of its number now, if any. */
  private withLock(entry: StaffEntryWithoutLock, now: number): StaffEntry {
    return { ...entry, lockedUntil: this.store.lockedUntil(this.failureKey(entry.staffNo), now) };
  }

  /**
   * Creates an account without a password (it cannot sign in until one is set), or
   * changes a name and role. A new role takes effect at the next sign-in: every session of
   * theirs ends. The last administrator who can sign in keeps the role.
   */
  save(draft: StaffDraft): StaffEntry {
    const id = this.db.transaction(() => {
      if ('id' in draft) {
        const entry = this.entryOrNotFound(draft.id);
        if (entry.role !== draft.role) {
          if (entry.role === 'admin') this.keepAnAdmin(entry);
          this.store.deleteSessionsOf(draft.id);
        }
        this.store.rename(draft.id, draft.name, draft.role);
        return draft.id;
      }
      if (!isValidStaffNo(draft.staffNo)) throw new HallError('INVALID_STAFF_NO', { maxLength: STAFF_NO_MAX_LENGTH });
      const holder = this.store.holderOfNumber(draft.staffNo);
      if (holder) throw new HallError('DUPLICATE', { context: 'staffNo', staffNo: holder.staffNo, name: holder.name });
      const id = this.ulid(this.clock.now());
      this.store.insert({ id, staffNo: draft.staffNo, name: draft.name, role: draft.role, passwordHash: null, changedAt: null });
      return id;
    }).immediate();
    return this.entryOrNotFound(id);
  }

  /**
   * An admin sets a password (the first, or a reset after a forgotten one): every
   * session of the staff member ends — whoever knew the old one is out — and a
   * lockout of their number is lifted, so they can sign in with it at once.
   */
  setPassword(staffId: string, password: string): StaffEntry {
    const { staffNo } = this.entryOrNotFound(staffId);
    const problem = passwordProblem(password, staffNo);
    // The message names the rule, never the password.
    if (problem) throw new HallError('WEAK_PASSWORD', { context: problem, minLength: PASSWORD_MIN_LENGTH });
    // Hashed before this transaction (the dispatcher's audit transaction around the call
    // holds the write lock meanwhile: a quarter of a second, when an admin sets a password).
    const passwordHash = hashPassword(password);
    this.db.transaction(() => {
      this.entryOrNotFound(staffId);
      this.store.setPassword(staffId, passwordHash, this.clock.now());
      this.store.deleteSessionsOf(staffId);
      this.store.clearFailures(this.failureKey(staffNo));
    }).immediate();
    return this.entryOrNotFound(staffId);
  }

  /** Disables (every sign-in of theirs ends now) or enables a staff member. The last administrator who can sign in stays. */
  setActive(staffId: string, active: boolean): StaffEntry {
    this.db.transaction(() => {
      const entry = this.entryOrNotFound(staffId);
      if (active) this.store.setActive(staffId, true);
      else {
        if (entry.role === 'admin') this.keepAnAdmin(entry);
        this.disable(staffId);
      }
    }).immediate();
    return this.entryOrNotFound(staffId);
  }

  /**
   * Refuses to take away the hall's last administrator who can sign in (CONFLICT
   * `lastAdmin`): nobody could then manage the hall, and a new setup code comes only with
   * a restart of the host.
   */
  private keepAnAdmin(entry: StaffEntry): void {
    if (entry.active && entry.hasPassword && this.store.usableAdmins() <= 1) throw new HallError('CONFLICT', { context: 'lastAdmin', name: entry.name, staffNo: entry.staffNo });
  }

  private entryOrNotFound(staffId: string): StaffEntry {
    const entry = this.store.entry(staffId);
    if (!entry) throw new HallError('NOT_FOUND', { context: 'staff' });
    return this.withLock(entry, this.clock.now());
  }

  /** SIGN_IN_LOCKED until then, the time in the hall's zone; `context` for another lock than a staff number's (the setup code's). */
  lockedError(until: number, language: Language, context?: string): HallError {
    const time = new Intl.DateTimeFormat(language, { timeZone: this.timeZone(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(until);
    // lockedUntil lets a page show the time in its own language and the hall's zone.
    return new HallError('SIGN_IN_LOCKED', { until: time, lockedUntil: until, ...(context ? { context } : {}) });
  }
}
