import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulidx';
import { HallError, type StaffEntry, type StaffMember, type StaffRole } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { isValidStaffNo, PASSWORD_MIN_LENGTH, passwordProblem, STAFF_NO_MAX_LENGTH } from '../../../shared/domain/staff-rules';
import type { Clock } from '../ports';
import type { CallContext } from '../rpc/dispatcher';
import { hashPassword, needsRehash, UNMATCHABLE_HASH, verifyPassword } from './password-hash';
import { SIGN_IN_POLICY } from './sign-in-policy';
import { StaffStore } from './staff-store';

const TOKEN_BYTES = 32;

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
 * Nothing here is logged: not the password, not the token, not who tried.
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
  ) {
    this.store = new StaffStore(db);
  }

  /**
   * Checks the staff number and password. An unknown number, a wrong password, a
   * disabled account and one without a password all get the same SIGN_IN_FAILED,
   * after the same scrypt work, and all count towards the lockout of the number typed.
   */
  signIn(staffNo: string, password: string, context: CallContext): { staff: StaffMember; token: string } {
    const now = this.clock.now();
    // Locked means refused, even with the right password: guessing goes no faster.
    const lockedUntil = this.store.lockedUntil(staffNo, now);
    if (lockedUntil !== null) throw this.locked(lockedUntil, context.language);

    const account = this.store.account(staffNo);
    const matches = verifyPassword(password, account?.passwordHash ?? UNMATCHABLE_HASH);
    if (!matches || !account?.active || account.passwordHash === null) {
      const until = this.db.transaction(() => {
        if (this.store.recordFailure(staffNo, now) < SIGN_IN_POLICY.maxFailures) return null;
        this.store.lock(staffNo, now + SIGN_IN_POLICY.lockoutMs);
        return now + SIGN_IN_POLICY.lockoutMs;
      }).immediate();
      throw until === null ? new HallError('SIGN_IN_FAILED') : this.locked(until, context.language);
    }

    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const tokenHash = hashToken(token);
    const previous = this.bindings.get(context.sessionId);
    // Hashed before the transaction: scrypt must not hold the write lock.
    const rehashed = needsRehash(account.passwordHash) ? hashPassword(password) : null;
    this.db.transaction(() => {
      this.store.clearFailures(staffNo);
      if (rehashed) this.store.replaceHash(account.id, rehashed);
      // The page signs in anew (another clerk takes the desk): its earlier token is done.
      if (previous) this.store.deleteSession(previous);
      this.store.deleteExpiredSessions(now);
      this.store.insertSession(tokenHash, account.id, now, now + SIGN_IN_POLICY.sessionMs);
    }).immediate();
    this.bindings.set(context.sessionId, tokenHash);
    const { id, staffNo: number, name, role } = account;
    return { staff: { id, staffNo: number, name, role }, token };
  }

  /** Binds the caller's session to the token of an earlier sign-in, if it is still good. */
  resume(token: string, context: CallContext): { staff: StaffMember } {
    const tokenHash = hashToken(token);
    const staff = this.store.sessionStaff(tokenHash, this.clock.now());
    if (!staff) throw new HallError('NOT_SIGNED_IN', { context: 'sessionEnded' });
    this.bindings.set(context.sessionId, tokenHash);
    return { staff };
  }

  /** Revokes the caller's token (bound, or sent as a bearer token) and unbinds the session. */
  signOut(context: CallContext): void {
    const tokenHash = context.bearerToken !== undefined ? hashToken(context.bearerToken) : this.bindings.get(context.sessionId);
    if (tokenHash) this.store.deleteSession(tokenHash);
    this.bindings.delete(context.sessionId);
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

  // Staff management (the admin page). Nothing here is logged either.

  list(): StaffEntry[] {
    return this.store.entries(this.clock.now());
  }

  /** Creates an account without a password (it cannot sign in until one is set), or changes a name and role. */
  save(draft: StaffDraft): StaffEntry {
    const id = this.db.transaction(() => {
      if ('id' in draft) {
        this.entryOrNotFound(draft.id);
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
    // Hashed before the transaction: scrypt must not hold the write lock.
    const passwordHash = hashPassword(password);
    this.db.transaction(() => {
      this.entryOrNotFound(staffId);
      this.store.setPassword(staffId, passwordHash, this.clock.now());
      this.store.deleteSessionsOf(staffId);
      this.store.clearFailures(staffNo);
    }).immediate();
    return this.entryOrNotFound(staffId);
  }

  /** Disables (every sign-in of theirs ends now) or enables a staff member. */
  setActive(staffId: string, active: boolean): StaffEntry {
    this.entryOrNotFound(staffId);
    if (active) this.store.setActive(staffId, true);
    else this.disable(staffId);
    return this.entryOrNotFound(staffId);
  }

  private entryOrNotFound(staffId: string): StaffEntry {
    const entry = this.store.entry(staffId, this.clock.now());
    if (!entry) throw new HallError('NOT_FOUND', { context: 'staff' });
    return entry;
  }

  private locked(until: number, language: Language): HallError {
    const time = new Intl.DateTimeFormat(language, { timeZone: this.timeZone(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(until);
    // lockedUntil lets a page show the time in its own language and the hall's zone.
    return new HallError('SIGN_IN_LOCKED', { until: time, lockedUntil: until });
  }
}
