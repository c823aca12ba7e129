import { z } from 'zod';
import { ulidSchema } from '../domain/ids';

export const STAFF_ROLES = ['clerk', 'admin'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** A staff member's number (工号) as printed on their badge, e.g. 1001. */
export const staffNoSchema = z.string().trim().min(1).max(32);

/** What a staff member types; never trimmed, never logged, never echoed in an error. */
export const passwordSchema = z.string().min(1).max(256);

/** A session token: 256 random bits, base64url. The core keeps only its SHA-256. */
export const sessionTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'session token');

/** A signed-in staff member as pages and statistics see them. */
export const staffMemberSchema = z.object({
  id: ulidSchema,
  staffNo: z.string(),
  name: z.string(),
  role: staffRoleSchema,
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** A sign-in: who, and the token that resumes it (auth.signIn's answer; what a page keeps). */
export const signInSchema = z.object({ staff: staffMemberSchema, token: sessionTokenSchema });
export type SignIn = z.infer<typeof signInSchema>;

/** A staff member's name as the admin types it. */
export const staffNameSchema = z.string().trim().min(1).max(40);

/**
 * A staff account as the admin page lists it. Never the password hash: the output is
 * parsed against this schema, which drops any key it does not name.
 */
export const staffEntrySchema = staffMemberSchema.extend({
  /** false: disabled, cannot sign in. */
  active: z.boolean(),
  /** false: created but no password set yet, cannot sign in. */
  hasPassword: z.boolean(),
  /** Epoch ms of the last password set (by an admin, or the demo seed); null: never. */
  passwordChangedAt: z.number().int().nullable(),
  /** Epoch ms until which the staff number is locked after wrong passwords; null: not locked now. */
  lockedUntil: z.number().int().nullable(),
});
export type StaffEntry = z.infer<typeof staffEntrySchema>;
