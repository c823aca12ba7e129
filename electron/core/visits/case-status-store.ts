import type Database from 'better-sqlite3';

/**
 * Failed case-status look-ups per case number (migrations 0008, 0017), each kept as the
 * keyed hash the service makes of it, never the number typed. No rules here: see case-status-service.
 */
export class CaseStatusStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      lockedUntil: db.prepare<[Buffer, number], { locked_until: number }>(
        'SELECT locked_until FROM case_status_failures WHERE case_number_key = ? AND locked_until > ?',
      ),
      // A failure older than the window starts the count again (UPDATE reads the old row in every SET expression).
      recordFailure: db.prepare<{ key: Buffer; now: number; windowMs: number }, { failures: number }>(
        `INSERT INTO case_status_failures (case_number_key, failures, window_start, locked_until) VALUES (@key, 1, @now, NULL)
         ON CONFLICT (case_number_key) DO UPDATE SET
           failures = CASE WHEN window_start <= @now - @windowMs THEN 1 ELSE failures + 1 END,
           window_start = CASE WHEN window_start <= @now - @windowMs THEN @now ELSE window_start END
         RETURNING failures`,
      ),
      lock: db.prepare('UPDATE case_status_failures SET failures = 0, locked_until = ? WHERE case_number_key = ?'),
      clear: db.prepare('DELETE FROM case_status_failures WHERE case_number_key = ?'),
    };
  }

  /** Until when look-ups of this case number are refused, or null when they are not (now). */
  lockedUntil(key: Buffer, now: number): number | null {
    return this.s.lockedUntil.get(key, now)?.locked_until ?? null;
  }

  /** Counts one more failure within the window; returns how many there are now. */
  recordFailure(key: Buffer, now: number, windowMs: number): number {
    return this.s.recordFailure.get({ key, now, windowMs })!.failures;
  }

  /** Refuses the case number until then, and starts counting again from zero. */
  lock(key: Buffer, until: number): void {
    this.s.lock.run(until, key);
  }

  clear(key: Buffer): void {
    this.s.clear.run(key);
  }
}
