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
 * desk, signed in — never the admin page. Every such change records who made it.
 */
export const CLERK_AT_A_DESK = ['clerk'] as const satisfies readonly Role[];

/**
 * Roles whose callers sign in as a staff member (auth.signIn) before they may use a
 * method marked `signIn: true`: the clerk's desk and the admin page. Kiosks and
 * displays never sign in (a LAN one is paired as a device instead).
 */
export const SIGN_IN_ROLES = ['clerk', 'admin'] as const satisfies readonly Role[];

export function signsIn(role: Role): boolean {
  return (SIGN_IN_ROLES as readonly Role[]).includes(role);
}

/**
 * Whether a staff member of this staff role may act on a page of this role once signed
 * in: the admin page takes administrators only (a clerk's account is refused there,
 * FORBIDDEN `adminOnly`); a desk takes any staff member. docs/security.md.
 */
export function staffMayActAs(pageRole: Role, staffRole: 'clerk' | 'admin'): boolean {
  return pageRole !== 'admin' || staffRole === 'admin';
}
