import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { languageSchema, localizedTextSchema } from '../domain/languages';
import { clockTimeSchema, priorityReasonSchema, queueRulesSchema, resetHourChangeSchema } from '../domain/queue-rules';
import { serviceLetterSchema, ticketNumberSchema } from '../domain/ticket-number';
import { kioskDevicesSchema, kioskSettingsSchema } from '../domain/kiosk-settings';
import { hallAddressSchema } from '../domain/hall-settings';

export const serviceSchema = z.object({
  id: ulidSchema,
  letter: serviceLetterSchema,
  name: localizedTextSchema,
  description: localizedTextSchema,
  /** Local hours in which the kiosk issues tickets for it; null = whenever the hall is open. */
  openFrom: clockTimeSchema.nullable(),
  openUntil: clockTimeSchema.nullable(),
  /** Most tickets a day; null = no limit. */
  dailyCapacity: z.number().int().positive().nullable(),
});
export type Service = z.infer<typeof serviceSchema>;

export const WINDOW_STATES = ['open', 'paused', 'closed'] as const;
export const windowStateSchema = z.enum(WINDOW_STATES);
export type WindowState = z.infer<typeof windowStateSchema>;

export const windowSchema = z.object({
  id: ulidSchema,
  number: z.number().int().positive(),
  name: localizedTextSchema,
  /** Where it is, e.g. 二楼 3 号窗口; may be empty. */
  location: z.object({ 'zh-CN': z.string().max(100), 'zh-HK': z.string().max(100), en: z.string().max(100) }),
  state: windowStateSchema,
  /** The services it calls, in tiers: tier 1 first, a later tier only when the earlier ones are empty. */
  services: z.array(z.object({ serviceId: ulidSchema, tier: z.number().int().min(1).max(9) })),
});
export type HallWindow = z.infer<typeof windowSchema>;

export const hallInfoSchema = z.object({
  name: localizedTextSchema,
  siteCode: z.string(),
  /** Empty texts where the hall has not given one (hall.saveSettings). */
  address: hallAddressSchema,
  /** What the kiosk, the display and the other public pages offer: zh-CN always (docs/hall-settings.md). */
  languages: z.array(languageSchema),
  timeZone: z.string(),
  services: z.array(serviceSchema),
  windows: z.array(windowSchema),
  queueRules: queueRulesSchema,
  /** A reset hour saved today, in force from the next service day: pages work out "today" with it (serviceDayUnder). */
  resetHourChange: resetHourChangeSchema.nullable(),
  kiosk: kioskSettingsSchema,
  devices: kioskDevicesSchema,
});
export type HallInfo = z.infer<typeof hallInfoSchema>;

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'held', 'finished', 'no_show', 'cancelled', 'transferred'] as const;
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
  /** Why this visitor goes first, or null. */
  priority: priorityReasonSchema.nullable(),
  /** Transferred here to wait at the front of the queue. */
  front: z.boolean(),
  /** Only this window may call it (a transfer to a named window). */
  targetWindowId: ulidSchema.nullable(),
  /** The ticket this one continues after a transfer (same number, same visitor). */
  transferredFrom: ulidSchema.nullable(),
  windowId: ulidSchema.nullable(),
  issuedAt: epochMs,
  /** When it joined this queue (the issue time, or the transfer time). */
  queuedAt: epochMs,
  calledAt: epochMs.nullable(),
  servingAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  recalls: z.number().int().nonnegative(),
  cancelReason: z.string().nullable(),
  /** The visitor registered at the kiosk (visitors.ofTicket tells the clerk who). */
  registered: z.boolean(),
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
  /** A repeated announcement of the same call. */
  recall: z.boolean(),
});
export type CallAnnouncement = z.infer<typeof callAnnouncementSchema>;
