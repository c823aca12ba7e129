import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { localizedTextSchema } from '../domain/languages';
import { serviceLetterSchema, ticketNumberSchema } from '../domain/ticket-number';

export const serviceSchema = z.object({
  id: ulidSchema,
  letter: serviceLetterSchema,
  name: localizedTextSchema,
  description: localizedTextSchema,
});
export type Service = z.infer<typeof serviceSchema>;

export const windowSchema = z.object({
  id: ulidSchema,
  number: z.number().int().positive(),
  name: localizedTextSchema,
  serviceIds: z.array(ulidSchema),
});
export type HallWindow = z.infer<typeof windowSchema>;

export const hallInfoSchema = z.object({
  name: localizedTextSchema,
  siteCode: z.string(),
  timeZone: z.string(),
  services: z.array(serviceSchema),
  windows: z.array(windowSchema),
});
export type HallInfo = z.infer<typeof hallInfoSchema>;

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'finished', 'no_show', 'cancelled', 'transferred'] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** Epoch milliseconds. Clients format them in the user's locale and the hall's time zone. */
const epochMs = z.number().int().nonnegative();

export const ticketSchema = z.object({
  id: ulidSchema,
  number: ticketNumberSchema,
  serviceId: ulidSchema,
  serviceDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  status: ticketStatusSchema,
  windowId: ulidSchema.nullable(),
  issuedAt: epochMs,
  calledAt: epochMs.nullable(),
  finishedAt: epochMs.nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const waitingCountSchema = z.object({ serviceId: ulidSchema, waiting: z.number().int().nonnegative() });
export type WaitingCount = z.infer<typeof waitingCountSchema>;

/** What the hall display may know of a call: numbers only, never a person. */
export const callAnnouncementSchema = z.object({
  ticketId: ulidSchema,
  number: ticketNumberSchema,
  serviceId: ulidSchema,
  windowId: ulidSchema,
  windowNumber: z.number().int().positive(),
  calledAt: epochMs,
});
export type CallAnnouncement = z.infer<typeof callAnnouncementSchema>;
