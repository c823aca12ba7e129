import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { defineMethod } from './define';
import { passwordSchema, staffEntrySchema, staffNameSchema, staffNoSchema, staffRoleSchema } from './staff-schemas';

/**
 * Staff management, the admin's (spread into the contract's method table): a signed-in
 * administrator only. No method ever answers a password or its hash, and the audit log
 * records who changed whom, never the password.
 */
export const staffMethods = {
  'staff.list': defineMethod({
    summary: 'Every staff account, disabled ones included: number, name, role, whether active, whether a password is set and when, and until when the number is locked (if it is).',
    roles: ['admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: z.object({ staff: z.array(staffEntrySchema) }),
  }),
  'staff.save': defineMethod({
    summary:
      'Create a staff account (staff number: 1–20 digits or letters, unique; no password yet, so it cannot sign in until one is set) or change the name and role of one (with its id; the number stays). The last administrator who can sign in keeps the role (CONFLICT lastAdmin).',
    roles: ['admin'],
    signIn: true,
    input: z.union([
      z.object({ staffNo: staffNoSchema, name: staffNameSchema, role: staffRoleSchema }).strict(),
      z.object({ id: ulidSchema, name: staffNameSchema, role: staffRoleSchema }).strict(),
    ]),
    output: staffEntrySchema,
    audit: {
      action: (params) => ('id' in params ? 'staff.update' : 'staff.create'),
      subject: (_params, entry) => `staff:${entry.id}`,
      details: (_params, { staffNo, name, role }) => ({ staffNo, name, role }),
    },
  }),
  'staff.setPassword': defineMethod({
    summary:
      "Set a staff member's password (the first one, or a reset): at least 8 characters, not one character repeated, not the staff number. Signs them out everywhere and lifts a lockout of their number.",
    roles: ['admin'],
    signIn: true,
    input: z.object({ id: ulidSchema, password: passwordSchema }).strict(),
    output: staffEntrySchema,
    // That it was set, and for whom: never the password.
    audit: { subject: ({ id }) => `staff:${id}`, details: (_params, { staffNo }) => ({ staffNo }) },
  }),
  'staff.setActive': defineMethod({
    summary:
      'Disable a staff member (they cannot sign in, and every sign-in of theirs ends at once) or enable them again. The last administrator who can sign in cannot be disabled (CONFLICT lastAdmin).',
    roles: ['admin'],
    signIn: true,
    input: z.object({ id: ulidSchema, active: z.boolean() }).strict(),
    output: staffEntrySchema,
    audit: {
      action: ({ active }) => (active ? 'staff.enable' : 'staff.disable'),
      subject: ({ id }) => `staff:${id}`,
      details: (_params, { staffNo }) => ({ staffNo }),
    },
  }),
} as const;
