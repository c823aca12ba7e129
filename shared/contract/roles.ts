import { z } from 'zod';

/**
 * Who is calling. A session gets its role from the host (the Electron window it
 * lives in, or the device/connection on the Node host), never from what it claims
 * in a request body. See DESIGN.md section 6.
 */
export const ROLES = ['kiosk', 'display', 'clerk', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Who may act on the queue and read a visitor's registration or case: a clerk at a
 * desk, signed in — never the admin role. On the Node host a page names its own role
 * until device pairing (issue 9), so a role that needs no sign-in must not reach what
 * the clerk's sign-in guards; every such change then records who made it.
 */
export const CLERK_AT_A_DESK = ['clerk'] as const satisfies readonly Role[];

/**
 * Roles whose callers sign in as a staff member (auth.signIn) before they may use a
 * method marked `signIn: true`. Kiosks and displays never sign in; the admin page
 * joins with issue 9 (admin sign-in, device pairing, staff management).
 */
export const SIGN_IN_ROLES = ['clerk'] as const satisfies readonly Role[];

export function signsIn(role: Role): boolean {
  return (SIGN_IN_ROLES as readonly Role[]).includes(role);
}
