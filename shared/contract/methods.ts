import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { isoDateSchema, priorityReasonSchema, queueRulesSchema } from '../domain/queue-rules';
import { defineMethod } from './define';
import { CLERK_AT_A_DESK, SIGN_IN_ROLES } from './roles';
import { queueStatsRowSchema, statsGroupBySchema } from './stats-schemas';
import { passwordSchema, sessionTokenSchema, signInSchema, staffMemberSchema, staffNoSchema } from './staff-schemas';
import { staffMethods } from './staff-methods';
import { firstRunMethods } from './first-run-methods';
import { categoryMethods } from './category-methods';
import { locationMethods } from './location-methods';
import { ratingMethods } from './rating-methods';
import { deviceMethods } from './device-methods';
import { printingMethods } from './printing-methods';
import { comicMethods } from './comic-methods';
import { receiptMethods } from './receipt-methods';
import { retentionMethods } from './retention-methods';
import { calendarMethods } from './calendar-methods';
import { caseStatusInputSchema, caseStatusOutputSchema, visitMethods } from './visit-methods';
import {
  callAnnouncementSchema,
  hallInfoSchema,
  serviceSchema,
  windowSchema,
  ticketSchema,
  waitingCountSchema,
  windowStateSchema,
} from './hall-schemas';
import { kioskSettingsSchema } from '../domain/kiosk-settings';
import { hallSettingsSchema } from '../domain/hall-settings';
import {
  idCardSchema,
  takeNumberInputSchema,
  takeNumberOutputSchema,
  ticketProgressSchema,
  ticketRegistrationSchema,
} from './kiosk-schemas';

const atWindow = z.object({ windowId: ulidSchema, ticketId: ulidSchema }).strict();
const ticketResult = z.object({ ticket: ticketSchema });
const ticketStanding = z.object({
  ticket: ticketSchema,
  peopleAhead: z.number().int().nonnegative(),
  /** Whole minutes; null when no open window calls the service. */
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
});

/**
 * The contract: every method the core answers, whatever the transport. The
 * transports and the typed HallClient are generated from this table.
 */
export const methods = {
  'auth.signIn': defineMethod({
    summary:
      "Sign this page in as a staff member: staff number and password. The same error for an unknown number and a wrong password; after 5 failures in a row the number is locked for 15 minutes. The admin page takes administrators only (a clerk's account: FORBIDDEN adminOnly). The token resumes the sign-in after a reload or a reconnection (auth.resume). Recorded in the audit log, success or failure (the staff number typed, never the password).",
    roles: SIGN_IN_ROLES,
    signIn: false,
    input: z.object({ staffNo: staffNoSchema, password: passwordSchema }).strict(),
    output: signInSchema,
  }),
  'auth.resume': defineMethod({
    summary: 'Sign this page in again with the token of an earlier sign-in (after a reload, or a reconnection to a restarted hub). NOT_SIGNED_IN when it has expired or was revoked.',
    roles: SIGN_IN_ROLES,
    signIn: false,
    input: z.object({ token: sessionTokenSchema }).strict(),
    output: z.object({ staff: staffMemberSchema }),
  }),
  'auth.signOut': defineMethod({
    summary: "Sign out: the session's token is revoked everywhere.",
    roles: SIGN_IN_ROLES,
    signIn: false,
    input: z.object({}).strict(),
    output: z.object({}),
  }),
  'auth.whoAmI': defineMethod({
    summary: 'The staff member this page is signed in as, or null.',
    roles: SIGN_IN_ROLES,
    signIn: false,
    input: z.object({}).strict(),
    output: z.object({ staff: staffMemberSchema.nullable() }),
  }),
  ...firstRunMethods,
  ...staffMethods,
  ...locationMethods,
  ...ratingMethods,
  ...deviceMethods,
  ...printingMethods,
  ...comicMethods,
  ...receiptMethods,
  ...retentionMethods,
  ...calendarMethods,
  'hall.info': defineMethod({
    summary: "The hall's configuration: name, site code, address, the languages its public pages offer, time zone, services, windows, queue rules, kiosk settings.",
    roles: ['kiosk', 'display', 'clerk', 'admin'],
    signIn: false,
    input: z.object({}).strict(),
    output: hallInfoSchema,
  }),
  'hall.saveSettings': defineMethod({
    summary:
      "Change the hall itself: its name (three languages), site code, address, the languages its public pages offer (zh-CN always) and its time zone (an IANA name). The site code is refused once the hall has a case (CONFLICT siteCode: it is in every case number, and central knows the site by it); the time zone once it has a ticket or a case (CONFLICT timeZone: service days are reckoned in it).",
    roles: ['admin'],
    signIn: true,
    input: hallSettingsSchema.strict(),
    output: hallSettingsSchema,
    audit: { subject: () => 'hall:settings', details: (_params, settings) => settings },
  }),
  'hall.saveQueueRules': defineMethod({
    summary: 'Change the queue rules: reset hour, priority reasons and age, overtaking limit, recalls before no-show.',
    roles: ['admin'],
    signIn: true,
    input: queueRulesSchema.strict(),
    output: queueRulesSchema,
    audit: { subject: () => 'hall:queueRules', details: (_params, rules) => rules },
  }),
  'hall.saveService': defineMethod({
    summary: 'Create a service (no id) or change one: letter, names and descriptions in three languages, hours, daily capacity.',
    roles: ['admin'],
    signIn: true,
    input: serviceSchema
      .extend({ id: ulidSchema.optional(), sortOrder: z.number().int().min(0).max(999).optional() })
      .strict()
      .refine((s) => (s.openFrom === null) === (s.openUntil === null), { message: 'both hours or neither', path: ['openUntil'] }),
    output: serviceSchema,
    audit: { subject: (_params, service) => `service:${service.id}`, details: (params, service) => ({ created: params.id === undefined, ...service }) },
  }),
  'hall.removeService': defineMethod({
    summary: 'Take a service off the kiosk (kept for history); refused while tickets of it are open.',
    roles: ['admin'],
    signIn: true,
    input: z.object({ id: ulidSchema }).strict(),
    output: z.object({}),
    audit: { subject: ({ id }) => `service:${id}`, details: () => ({ retired: true }) },
  }),
  'hall.saveWindow': defineMethod({
    summary: 'Create a window (no id) or change one: number, name, location, the services it calls in tiers.',
    roles: ['admin'],
    signIn: true,
    input: windowSchema
      .omit({ id: true, state: true })
      // At most one entry per service letter (A–Z): an unbounded list let one request hold the host (docs/security.md, "Fuzzing the contract").
      .extend({ id: ulidSchema.optional(), services: windowSchema.shape.services.min(1).max(26) })
      .strict(),
    output: windowSchema,
    // The window's state (open, paused) is the desk's, not configuration.
    audit: { subject: (_params, window) => `window:${window.id}`, details: (params, { state: _state, ...window }) => ({ created: params.id === undefined, ...window }) },
  }),
  'hall.removeWindow': defineMethod({
    summary: 'Retire a window (kept for history); refused while a visitor is at it or waits for it.',
    roles: ['admin'],
    signIn: true,
    input: z.object({ id: ulidSchema }).strict(),
    output: z.object({}),
    audit: { subject: ({ id }) => `window:${id}`, details: () => ({ retired: true }) },
  }),
  'hall.saveKioskSettings': defineMethod({
    summary: 'Change how the kiosk behaves: idle countdown, the general (consultation) service, the retention stated in its notice, the QR code base URL.',
    roles: ['admin'],
    signIn: true,
    input: kioskSettingsSchema.strict(),
    output: kioskSettingsSchema,
    audit: { subject: () => 'hall:kioskSettings', details: (_params, settings) => settings },
  }),
  'kiosk.takeNumber': defineMethod({
    summary:
      'Self-registration at the kiosk: checks the ID number, phone and party, creates or updates the visitor (matched by the keyed hash of the ID), issues the ticket linked to them and sends it to the ticket printer — all or nothing. Personal data is write-only here.',
    roles: ['kiosk', 'clerk', 'admin'],
    signIn: true,
    input: takeNumberInputSchema,
    output: takeNumberOutputSchema,
  }),
  'kiosk.readIdCard': defineMethod({
    summary: "Reads the ID card on the kiosk's reader. UNAVAILABLE when no reader is attached or no card is on it.",
    roles: ['kiosk'],
    signIn: false,
    input: z.object({}).strict(),
    output: idCardSchema,
    personalData: {
      exceptFor: {
        kiosk: "the card on this terminal's own reader, laid there by the visitor standing at it, to fill in their form: nothing from the hall's records",
      },
    },
  }),
  'kiosk.caseStatus': defineMethod({
    summary:
      "A visitor's case status: case number (or official number) and the last four digits of the phone on record → the stage and the next deadline, nothing else. A wrong number, wrong digits and a case without a phone get the same NOT_FOUND; after 5 failures within 15 minutes the case number is refused for 15 minutes (CASE_STATUS_LOCKED).",
    roles: ['kiosk', 'clerk', 'admin'],
    // Kiosks never sign in; a clerk's desk must (like everything at a desk that touches a case).
    signIn: true,
    input: caseStatusInputSchema,
    output: caseStatusOutputSchema,
  }),
  'queue.ticketProgress': defineMethod({
    summary: "Where a ticket stands, for whoever holds it (the ticket's QR page): number, state, people ahead, wait, window. No person, no priority reason.",
    roles: ['kiosk', 'display', 'clerk', 'admin'],
    signIn: false,
    input: z.object({ ticketId: ulidSchema }).strict(),
    output: ticketProgressSchema,
  }),
  'visitors.ofTicket': defineMethod({
    summary: "The registration behind a ticket (a transfer's new ticket included), as the clerk sees it on calling: party, language, the visitor with ID and phone masked, earlier visits. null when the ticket was not taken through kiosk.takeNumber; visitor null when the visitor chose to register at the window.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ ticketId: ulidSchema }).strict(),
    output: z.object({ registration: ticketRegistrationSchema.nullable() }),
    personalData: true,
  }),
  'queue.issueTicket': defineMethod({
    summary: 'Take a number for a service; numbering restarts every service day. A birth date (from the ID) gives elderly priority; it is not stored.',
    roles: ['kiosk', 'clerk', 'admin'],
    signIn: true,
    input: z
      .object({
        serviceId: ulidSchema,
        birthDate: isoDateSchema.optional(),
        priorityReason: priorityReasonSchema.exclude(['elderly']).optional(),
      })
      .strict(),
    output: ticketStanding,
  }),
  'queue.ticketStatus': defineMethod({
    summary: 'Where a ticket stands: its state, the people ahead, the estimated wait. Staff only: the ticket carries priority reasons.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ ticketId: ulidSchema }).strict(),
    output: ticketStanding,
  }),
  'queue.serviceWaits': defineMethod({
    summary: 'Per service: how many wait and the estimated wait for a ticket taken now (null: no open window).',
    roles: ['kiosk', 'display', 'clerk', 'admin'],
    signIn: false,
    input: z.object({}).strict(),
    output: z.object({
      services: z.array(
        z.object({ serviceId: ulidSchema, waiting: z.number().int().nonnegative(), estimatedWaitMinutes: z.number().int().nonnegative().nullable() }),
      ),
    }),
  }),
  'queue.callNext': defineMethod({
    summary: "Call the next ticket to the window by its services, tiers and the priority rules. Atomic.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ windowId: ulidSchema }).strict(),
    output: z.object({ ticket: ticketSchema.nullable() }),
  }),
  'queue.callTicket': defineMethod({
    summary: 'Call a particular waiting ticket to the window, out of order.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: atWindow,
    output: ticketResult,
  }),
  'queue.recall': defineMethod({
    summary: 'Announce the current call again.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: atWindow,
    output: ticketResult,
  }),
  'queue.startServing': defineMethod({
    summary: 'The called visitor has arrived at the window.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: atWindow,
    output: ticketResult,
  }),
  'queue.finish': defineMethod({
    summary: 'Finish the visitor currently at the window.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: atWindow,
    output: ticketResult,
  }),
  'queue.noShow': defineMethod({
    summary: 'The called visitor did not come (after the configured number of recalls).',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: atWindow,
    output: ticketResult,
  }),
  'queue.hold': defineMethod({
    summary: 'Put the visitor at the window on hold; the window may call the next one meanwhile.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: atWindow,
    output: ticketResult,
  }),
  'queue.resume': defineMethod({
    summary: 'Take a held visitor back at the window.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: atWindow,
    output: ticketResult,
  }),
  'queue.cancel': defineMethod({
    summary: 'Cancel a waiting ticket, or the one at the window, with a reason.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z
      .object({ ticketId: ulidSchema, windowId: ulidSchema.optional(), reason: z.string().trim().min(1).max(200) })
      .strict(),
    output: ticketResult,
  }),
  'queue.transfer': defineMethod({
    summary: 'Send the visitor to another service or a named window, keeping the number; waits at the front by default.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z
      .object({
        windowId: ulidSchema,
        ticketId: ulidSchema,
        toServiceId: ulidSchema,
        toWindowId: ulidSchema.optional(),
        position: z.enum(['front', 'back']).default('front'),
      })
      .strict(),
    output: z.object({ ticket: ticketSchema, from: ticketSchema }),
  }),
  'queue.setWindowState': defineMethod({
    summary: 'Open, pause (a break) or close a window. Paused and closed windows call nobody.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ windowId: ulidSchema, state: windowStateSchema }).strict(),
    output: z.object({ state: windowStateSchema }),
  }),
  'queue.windowStatus': defineMethod({
    summary: 'A window now: its state, the ticket at it, tickets it holds, how many wait for it.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ windowId: ulidSchema }).strict(),
    output: z.object({
      state: windowStateSchema,
      current: ticketSchema.nullable(),
      held: z.array(ticketSchema),
      waiting: z.number().int().nonnegative(),
    }),
  }),
  'queue.waitingList': defineMethod({
    summary: 'The tickets a window may call, in calling order (to pick one out of order).',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ windowId: ulidSchema, limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ tickets: z.array(ticketSchema) }),
  }),
  'queue.displayState': defineMethod({
    summary: 'What the hall display shows: recent calls and waiting counts. No personal data.',
    roles: ['display', 'clerk', 'admin'],
    signIn: false,
    input: z.object({ limit: z.number().int().min(1).max(20).default(8) }).strict(),
    output: z.object({
      recentCalls: z.array(callAnnouncementSchema),
      waitingByService: z.array(waitingCountSchema),
    }),
  }),
  ...categoryMethods,
  ...visitMethods,
  'stats.queue': defineMethod({
    summary: 'Queue statistics of a range of service days, grouped by day, service, window, clerk or hour. Clerks see today only.',
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z
      .object({ from: isoDateSchema, to: isoDateSchema, groupBy: statsGroupBySchema })
      .strict()
      .refine((range) => range.from <= range.to, { message: 'from must not be after to', path: ['to'] }),
    output: z.object({
      rows: z.array(queueStatsRowSchema),
      total: queueStatsRowSchema,
      /** The staff members the rows name when grouped by clerk (their keys are staff ids); empty otherwise. */
      clerks: z.array(staffMemberSchema.pick({ id: true, staffNo: true, name: true })),
    }),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<N extends MethodName> = z.input<Methods[N]['input']>;
export type MethodParams<N extends MethodName> = z.output<Methods[N]['input']>;
export type MethodOutput<N extends MethodName> = z.output<Methods[N]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
