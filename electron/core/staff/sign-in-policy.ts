/**
 * How sign-in is guarded. The one place these numbers live (docs/architecture.md
 * repeats them).
 */
export const SIGN_IN_POLICY = {
  /** Failed sign-ins in a row after which a staff number is locked. */
  maxFailures: 5,
  /** How long a locked staff number is refused, whatever the password. */
  lockoutMs: 15 * 60_000,
  /**
   * How long a session lasts from sign-in: one long working day, fixed rather than
   * sliding, so that a call never has to write to extend it and a desk left signed in
   * overnight is signed out by the morning.
   */
  sessionMs: 12 * 60 * 60_000,
} as const;
