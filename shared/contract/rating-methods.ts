import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { isoDateSchema } from '../domain/queue-rules';
import { CLERK_AT_A_DESK } from './roles';
import { defineEvent, defineMethod } from './define';
import { RATING_REASONS } from './visit-methods';

/**
 * Satisfaction (art. 21): after the interview the clerk asks the visitor to rate it on the
 * window's rating tablet (`/rate`, paired to the window; a kiosk-role page until device
 * pairing, issue 9). A request names the window, the ticket number and the clerk, never
 * the visitor; the rating joins the case and the clerk's statistics (docs/ratings.md).
 */
/** How long a request waits for the visitor (docs/ratings.md): then it is no longer pending and a rating is refused. */
export const RATING_REQUEST_TTL_MS = 15 * 60 * 1000;

export const ratingRequestSchema = z.object({
  id: ulidSchema,
  windowId: ulidSchema,
  /** The ticket number, so the visitor knows it is theirs (A012); null for a case without a ticket. */
  ticketNumber: z.string().nullable(),
  clerk: z.object({ staffNo: z.string(), name: z.string() }),
  requestedAt: z.number().int(),
});
export type RatingRequest = z.infer<typeof ratingRequestSchema>;

const countsSchema = z.object({
  /** Ratings at each level, 5 (非常满意) … 1 (非常不满意). */
  levels: z.object({ 5: z.number().int(), 4: z.number().int(), 3: z.number().int(), 2: z.number().int(), 1: z.number().int() }),
  total: z.number().int().nonnegative(),
  /** (非常满意 + 满意 + 基本满意) / total; null when none. */
  satisfiedRate: z.number().min(0).max(1).nullable(),
  /** Requests the visitor left without rating. */
  unanswered: z.number().int().nonnegative(),
});

export const ratingMethods = {
  'ratings.request': defineMethod({
    summary:
      "Ask the visitor at this window to rate the interview on the window's rating tablet: replaces the window's open request, if any. `visitId`: the case it rates (its ticket gives the number); without one, the window's current ticket.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ windowId: ulidSchema, visitId: ulidSchema.optional() }).strict(),
    output: z.object({ request: ratingRequestSchema }),
  }),
  'ratings.pending': defineMethod({
    summary: "The window's open rating request, if any (what the rating tablet shows after a reload).",
    roles: ['kiosk'],
    signIn: false,
    input: z.object({ windowId: ulidSchema }).strict(),
    output: z.object({ request: ratingRequestSchema.nullable() }),
  }),
  'ratings.submit': defineMethod({
    summary: 'The visitor\'s rating of an open request: five levels, optional reasons. A request is rated once (CONFLICT after); an expired or replaced one answers NOT_FOUND.',
    roles: ['kiosk'],
    signIn: false,
    input: z
      .object({ requestId: ulidSchema, level: z.number().int().min(1).max(5), reasons: z.array(z.enum(RATING_REASONS)).max(RATING_REASONS.length).default([]) })
      .strict(),
    output: z.object({}),
  }),
  'ratings.summary': defineMethod({
    summary: 'Satisfaction over a range of days, in all and by clerk and by service.',
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z
      .object({ from: isoDateSchema, to: isoDateSchema })
      .strict()
      .refine((range) => range.from <= range.to, { message: 'from must not be after to', path: ['to'] }),
    output: z.object({
      all: countsSchema,
      byClerk: z.array(countsSchema.extend({ staffId: ulidSchema, staffNo: z.string(), name: z.string() })),
      byService: z.array(countsSchema.extend({ serviceId: ulidSchema })),
    }),
  }),
};

export const ratingEvents = {
  'ratings.requested': defineEvent({
    summary: "A window asks its visitor for a rating: the tablet paired to that window shows the scale.",
    audience: ['kiosk'],
    data: z.object({ request: ratingRequestSchema }),
  }),
  'ratings.closed': defineEvent({
    summary: "A window's rating request was answered or replaced: the tablet returns to its idle screen.",
    audience: ['kiosk'],
    data: z.object({ windowId: ulidSchema, requestId: ulidSchema }),
  }),
};
