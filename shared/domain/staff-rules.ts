/**
 * The rules for staff accounts an admin creates: what a staff number looks like and
 * what a password must be. Shared so that the admin page states and pre-checks them;
 * the core enforces them (staff-service), with a message per rule.
 */

export const STAFF_NO_MAX_LENGTH = 20;
/** A staff number (工号) as printed on a badge: 1–20 digits or Latin letters (an input's `pattern`). */
export const STAFF_NO_PATTERN = `[0-9A-Za-z]{1,${STAFF_NO_MAX_LENGTH}}`;

/** Whether a staff number, already trimmed, has the form of one. */
export function isValidStaffNo(staffNo: string): boolean {
  return new RegExp(`^${STAFF_NO_PATTERN}$`).test(staffNo);
}

export const PASSWORD_MIN_LENGTH = 8;

/** Why a password is refused; each has its message (errors.WEAK_PASSWORD_<problem>). */
export type PasswordProblem = 'tooShort' | 'oneCharacter' | 'sameAsStaffNo';

/**
 * The first rule a password breaks, or null. Deliberately few rules: length does
 * most of the work, and the two others refuse what a guesser tries first. Length is
 * counted in characters (code points), as a person counts them.
 */
export function passwordProblem(password: string, staffNo: string): PasswordProblem | null {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (new Set(characters).size === 1) return 'oneCharacter';
  if (password.toLowerCase() === staffNo.trim().toLowerCase()) return 'sameAsStaffNo';
  return null;
}
