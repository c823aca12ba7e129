import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { languageSchema } from '../domain/languages';
import { priorityReasonSchema } from '../domain/queue-rules';
import { ticketNumberSchema } from '../domain/ticket-number';
import { ticketSchema, ticketStatusSchema } from './hall-schemas';

export * from '../domain/kiosk-settings';

/**
 * A visitor registering at the kiosk. Shapes only: the core checks the ID number
 * (GB 11643), the mobile number and the party with specific errors in the visitor's
 * language (INVALID_ID, INVALID_PHONE, REPRESENTATIVES_REQUIRED, TOO_MANY_REPRESENTATIVES).
 */
export const kioskPersonSchema = z
  .object({
    idNumber: z.string().max(32),
    name: z.string().trim().min(1).max(50),
    /** Mainland mobile; null when the visitor has none. */
    phone: z.string().max(20).nullable(),
  })
  .strict();
export type KioskPerson = z.infer<typeof kioskPersonSchema>;

export const takeNumberInputSchema = z
  .object({
    serviceId: ulidSchema,
    /** The language the visitor chose: receipts and notices for them use it. */
    language: languageSchema,
    /** null: "I prefer to register at the window" — a ticket without personal data. */
    person: kioskPersonSchema.nullable(),
    /** People who came together (1 = alone). */
    partySize: z.number().int().min(1).max(999),
    /** Required when more than five came (art. 20): the representatives they elected, 1–5. */
    representatives: z.number().int().min(1).max(99).nullable(),
    /** Self-declared; elderly priority comes from the ID's birth date, never declared. */
    declaredPriority: priorityReasonSchema.exclude(['elderly']).nullable(),
  })
  .strict();
export type TakeNumberInput = z.infer<typeof takeNumberInputSchema>;

export const takeNumberOutputSchema = z.object({
  ticket: ticketSchema,
  peopleAhead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  /** A visitor record was created or updated and linked to the ticket. */
  registered: z.boolean(),
  /** Where the QR code points: absolute, or a path on the hub (`/q/<ticket id>`). */
  statusUrl: z.string(),
  /** queued: sent to the ticket printer; no_printer: none attached (the screen is the ticket). */
  printing: z.enum(['queued', 'no_printer']),
});
export type TakeNumberOutput = z.infer<typeof takeNumberOutputSchema>;

/** What anyone holding the ticket may see of it (the QR page): no priority reason, no person. */
export const ticketProgressSchema = z.object({
  number: ticketNumberSchema,
  serviceId: ulidSchema,
  status: ticketStatusSchema,
  peopleAhead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  /** The window it was called to, while called, served or on hold there. */
  windowNumber: z.number().int().positive().nullable(),
});
export type TicketProgress = z.infer<typeof ticketProgressSchema>;

/** An ID card as the reader gives it. */
export const idCardSchema = z.object({ idNumber: z.string(), name: z.string() });
export type IdCard = z.infer<typeof idCardSchema>;

/** What the clerk sees of a ticket's registration when calling it: ID and phone masked. */
export const ticketRegistrationSchema = z.object({
  ticketId: ulidSchema,
  partySize: z.number().int().positive(),
  representatives: z.number().int().positive().nullable(),
  language: languageSchema,
  declaredPriority: priorityReasonSchema.nullable(),
  /** null: taken at the kiosk without personal data ("I prefer to register at the window"). */
  visitor: z
    .object({
      id: ulidSchema,
      name: z.string(),
      idMasked: z.string(),
      phoneMasked: z.string().nullable(),
      /** YYYY-MM-DD from the ID number. */
      birthDate: z.string(),
      sex: z.enum(['male', 'female']),
      /** Earlier tickets of the same person (matched by the ID's keyed hash), this one excluded. */
      earlierVisits: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type TicketRegistration = z.infer<typeof ticketRegistrationSchema>;
