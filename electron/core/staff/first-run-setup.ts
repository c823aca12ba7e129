import type Database from 'better-sqlite3';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { HallError, type SignIn } from '../../../shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../ports';
import type { CallContext } from '../rpc/dispatcher';
import { SIGN_IN_POLICY } from './sign-in-policy';
import type { StaffService } from './staff-service';

/**
 * First run without a default password (docs/security.md, "First run"). When the hall
 * has no administrator who can sign in, the core makes a one-time setup code at start —
 * 8 random digits, printed by the host on its console as `1234-5678` — and keeps only its
 * SHA-256, in memory: it is good until it is used or the host restarts (which makes a new
 * one). Whoever can read the host's console creates the first administrator with it on
 * the admin page (auth.setupFirstAdmin). Wrong codes are limited like passwords: after 5
 * in a row the setup is locked for 15 minutes.
 */
export class FirstRunSetup {
  /** A true private field: the hash never shows in a log or a JSON of this object. */
  #codeHash: Buffer | null = null;
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly staff: StaffService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Makes the setup code when the hall has no administrator; returns it (for the host to print) or null. */
  start(): string | null {
    if (this.staff.hasAdmin()) return null;
    const digits = String(randomInt(0, 100_000_000)).padStart(8, '0');
    this.#codeHash = sha256(digits);
    return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  }

  /** Whether the admin page should offer the first-run form: the hall has no administrator. */
  needed(): boolean {
    return !this.staff.hasAdmin();
  }

  /**
   * Checks the code (digits only), then creates the administrator and signs the page in
   * (StaffService.createFirstAdmin, which checks the number and the password rules). A
   * refused number or password keeps the code; a wrong code counts towards the lock.
   */
  setUp(code: string, draft: { staffNo: string; name: string; password: string }, context: CallContext): SignIn {
    if (this.staff.hasAdmin()) throw new HallError('CONFLICT', { context: 'setupDone' });
    const now = this.clock.now();
    if (this.lockedUntil > now) throw this.staff.lockedError(this.lockedUntil, context.language, 'setupCode');
    const expected = this.#codeHash;
    // No code while an administrator existed at start (then lost, which staff.* refuses): a restart makes one.
    if (expected === null) throw new HallError('CONFLICT', { context: 'setupNoCode' });
    if (!timingSafeEqual(sha256(code), expected)) {
      this.failures += 1;
      const lockNow = this.failures >= SIGN_IN_POLICY.maxFailures;
      this.db.transaction(() => {
        this.audit.append({ at: now, actorId: null, action: 'auth.setupFailed', subject: 'setup', details: { failures: this.failures, locked: lockNow } });
      }).immediate();
      if (!lockNow) throw new HallError('SIGN_IN_FAILED', { context: 'setupCode' });
      this.failures = 0;
      this.lockedUntil = now + SIGN_IN_POLICY.lockoutMs;
      throw this.staff.lockedError(this.lockedUntil, context.language, 'setupCode');
    }
    const signedIn = this.staff.createFirstAdmin(draft, context);
    // Used: gone for good.
    this.#codeHash = null;
    this.failures = 0;
    return signedIn;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
