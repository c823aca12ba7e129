import { z } from 'zod';
import { defineMethod } from './define';
import { passwordSchema, signInSchema, staffNameSchema, staffNoSchema } from './staff-schemas';

/**
 * First run (docs/security.md, "First run"): a new hall has no administrator and no
 * default password. The host prints a one-time setup code at start; whoever can read the
 * host's console types it on the admin page to create the first administrator.
 */

/** The setup code as printed (`1234-5678`): 8 digits; spaces and dashes are ignored. */
export const setupCodeSchema = z
  .string()
  .max(20)
  .transform((code) => code.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8}$/, '8 digits'));

export const firstRunMethods = {
  'auth.setupStatus': defineMethod({
    summary: 'Whether the hall still needs its first administrator (the admin page then asks for the setup code instead of a sign-in). Nothing else.',
    roles: ['admin'],
    signIn: false,
    input: z.object({}).strict(),
    output: z.object({ needed: z.boolean() }),
  }),
  'auth.setupFirstAdmin': defineMethod({
    summary:
      "Create the hall's first administrator with the one-time setup code the host printed at start: staff number, name, password (the staff admin's password rules). Only while the hall has no administrator; the page is signed in as them and the code is used up. A wrong code answers SIGN_IN_FAILED; after 5 wrong codes the setup is locked for 15 minutes.",
    roles: ['admin'],
    signIn: false,
    input: z.object({ code: setupCodeSchema, staffNo: staffNoSchema, name: staffNameSchema, password: passwordSchema }).strict(),
    output: signInSchema,
  }),
} as const;
