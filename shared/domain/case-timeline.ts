import { z } from 'zod';
import { isoDateSchema } from './queue-rules';

/**
 * The timeline of a walk-in case (来访登记): what happened to the matter, in the order it
 * happened, each with its calendar date. Deadlines and KPIs are computed from it
 * (case-deadlines.ts, case-kpis.ts; docs/deadlines.md). Article numbers are those of
 * the 《信访工作条例》 (2022).
 */

/** Who registered the visit: the petition department (art. 22) or another organ (art. 23). */
export const RECEIVERS = ['petition_department', 'other_organ'] as const;

const date = isoDateSchema;

export const caseEventSchema = z.discriminatedUnion('type', [
  /** The visit, registered at the hall (登记). Always the first event. */
  z.object({ type: z.literal('received'), date, by: z.enum(RECEIVERS) }),
  /** 转送 (art. 22 items 1–2, art. 23 para. 1). `receivedOn`: the organ's receipt, if later than sending. */
  z.object({ type: z.literal('transferred'), date, receivedOn: date.optional() }),
  /** 交办 (art. 22 item 3, art. 23 para. 1). */
  z.object({ type: z.literal('assigned'), date, receivedOn: date.optional() }),
  /** The receiving organ says the matter is not within its remit (art. 23 para. 3). */
  z.object({ type: z.literal('jurisdiction_objection'), date }),
  /** Written notice that the matter is accepted (受理; art. 23, art. 44 item 3). */
  z.object({ type: z.literal('accepted'), date }),
  /** Written notice that it is not accepted (不予受理告知书). */
  z.object({ type: z.literal('not_accepted'), date }),
  /** Handling period extended by the head of the organ, with the reason told to the petitioner (art. 34). */
  z.object({ type: z.literal('extended'), date, days: z.number(), reason: z.string().max(500) }),
  /** The written reply (书面答复 / 信访处理意见书). `deliveredOn`: the petitioner's receipt, if later. */
  z.object({ type: z.literal('replied'), date, deliveredOn: date.optional() }),
  /** 复查 requested at the next level up (art. 35); `date` is that organ's receipt of the request. */
  z.object({ type: z.literal('review_requested'), date }),
  /** 复查意见, answered in writing (art. 35). */
  z.object({ type: z.literal('review_answered'), date, deliveredOn: date.optional() }),
  /** 复核 requested (art. 36 para. 1); `date` is the receipt of the request. */
  z.object({ type: z.literal('final_review_requested'), date }),
  /** A 复核 hearing (art. 36 para. 2), `date` to `endDate` inclusive: those days do not count. */
  z.object({ type: z.literal('final_review_hearing'), date, endDate: date }),
  /** 复核意见 (art. 36 para. 1). After it the same matter is not accepted again (para. 3). */
  z.object({ type: z.literal('final_review_answered'), date }),
  /** Closed in the system (办结, withdrawn, settled by agreement). */
  z.object({ type: z.literal('closed'), date }),
]);
export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export const caseTimelineSchema = z.array(caseEventSchema);

/** Extension of the handling period: at most 30 days in all (art. 34). */
export const MAX_EXTENSION_DAYS = 30;

/**
 * Why a timeline cannot give deadlines. A code and its parameters, to be worded by i18n;
 * `index` is the position of the offending event in the timeline.
 */
export type TimelineErrorCode =
  | 'missing_received' // the first event must be the visit
  | 'invalid_date' // a field is not a YYYY-MM-DD calendar date
  | 'out_of_order' // an event dated before the event recorded before it
  | 'date_too_early' // before the date it depends on (receipt, delivery, a hearing's end)
  | 'date_range_reversed' // receipt / delivery / a hearing's end before the event's own date
  | 'duplicate_event' // a step that happens once, recorded twice
  | 'missing_prerequisite' // e.g. a reply with no acceptance, a 复核 with no 复查 answer
  | 'not_allowed_after' // e.g. a transfer after the decision, anything after the 复核 answer
  | 'conflicting_decision' // accepted and not accepted
  | 'extension_days_invalid' // not a whole number of days ≥ 1
  | 'extension_over_limit' // more than 30 days in all (art. 34)
  | 'extension_without_reason' // art. 34: the petitioner is told the reason
  | 'extension_after_deadline' // granted once the handling period had run out
  | 'event_after_today'; // dated after the day the deadlines are computed for

export interface TimelineError {
  code: TimelineErrorCode;
  params: Record<string, string | number>;
}

/** The step(s) that must come earlier in the timeline for an event to make sense. */
const PREREQUISITES: Partial<Record<CaseEventType, readonly CaseEventType[]>> = {
  jurisdiction_objection: ['transferred', 'assigned'],
  extended: ['accepted'],
  replied: ['accepted'],
  review_requested: ['replied'],
  review_answered: ['review_requested'],
  final_review_requested: ['review_answered'],
  final_review_hearing: ['final_review_requested'],
  final_review_answered: ['final_review_requested'],
};

/** Steps that happen at most once in a case. */
const ONCE: ReadonlySet<CaseEventType> = new Set([
  'received',
  'accepted',
  'not_accepted',
  'replied',
  'review_requested',
  'review_answered',
  'final_review_requested',
  'final_review_answered',
  'closed',
]);

/** After closing, only the petitioner's 复查 / 复核 can still move the matter (arts. 35–36). */
const ALLOWED_AFTER_CLOSED: ReadonlySet<CaseEventType> = new Set([
  'review_requested',
  'review_answered',
  'final_review_requested',
  'final_review_hearing',
  'final_review_answered',
]);

function isDate(value: unknown): value is string {
  return typeof value === 'string' && isoDateSchema.safeParse(value).success;
}

/**
 * Checks that a timeline is a possible history. Events must be in the order they
 * happened (dates never going back). Returns every problem found; empty when valid.
 * The check that needs the calendar (an extension after the deadline) is in
 * case-deadlines.ts.
 */
export function validateTimeline(events: readonly CaseEvent[], today?: string): TimelineError[] {
  const errors: TimelineError[] = [];
  const fail = (code: TimelineErrorCode, params: Record<string, string | number>) => errors.push({ code, params });

  if (events.length === 0 || events[0]!.type !== 'received') {
    fail('missing_received', {});
    return errors;
  }

  const seen = new Set<CaseEventType>();
  let previousDate: string | null = null;
  let decision: 'accepted' | 'not_accepted' | null = null;
  let lastReceipt: string | null = null; // the latest transfer's receipt by the organ
  let transfersSinceObjection = 0;
  let replyDeliveredOn: string | null = null;
  let reviewDeliveredOn: string | null = null;
  let hearingEnd: string | null = null;
  let extensionTotal = 0;

  events.forEach((event, index) => {
    const type = event.type;
    const dates: [string, unknown][] = [['date', event.date]];
    if ('receivedOn' in event && event.receivedOn !== undefined) dates.push(['receivedOn', event.receivedOn]);
    if ('deliveredOn' in event && event.deliveredOn !== undefined) dates.push(['deliveredOn', event.deliveredOn]);
    if (type === 'final_review_hearing') dates.push(['endDate', event.endDate]);
    const badDate = dates.find(([, value]) => !isDate(value));
    if (badDate) {
      fail('invalid_date', { index, type, field: badDate[0], value: String(badDate[1]) });
      return;
    }

    if (index > 0 && type === 'received') fail('duplicate_event', { index, type });
    if (previousDate !== null && event.date < previousDate) fail('out_of_order', { index, type, date: event.date, previousDate });
    previousDate = event.date > (previousDate ?? '') ? event.date : previousDate;
    if (today !== undefined) {
      // A hearing may be scheduled ahead; everything else has happened.
      for (const [field, value] of dates) {
        if (field !== 'endDate' && (value as string) > today) fail('event_after_today', { index, type, field, date: value as string, today });
      }
    }
    const endsBeforeStart = dates.find(([field, value]) => field !== 'date' && (value as string) < event.date);
    if (endsBeforeStart) fail('date_range_reversed', { index, type, field: endsBeforeStart[0], date: event.date, value: endsBeforeStart[1] as string });

    if (ONCE.has(type) && seen.has(type) && type !== 'received') fail('duplicate_event', { index, type });
    if (seen.has('final_review_answered') && type !== 'closed') {
      fail('not_allowed_after', { index, type, after: 'final_review_answered' }); // art. 36 para. 3: 不再受理
    } else if (seen.has('closed') && !ALLOWED_AFTER_CLOSED.has(type)) {
      fail('not_allowed_after', { index, type, after: 'closed' });
    }
    const requires = PREREQUISITES[type];
    if (requires && !requires.some((step) => seen.has(step))) fail('missing_prerequisite', { index, type, requires: requires.join('|') });
    const tooEarly = (earliest: string | null, after: string) => {
      if (earliest !== null && event.date < earliest) fail('date_too_early', { index, type, date: event.date, earliest, after });
    };

    switch (type) {
      case 'transferred':
      case 'assigned':
        if (decision) fail('not_allowed_after', { index, type, after: decision });
        lastReceipt = event.receivedOn ?? event.date;
        transfersSinceObjection += 1;
        break;
      case 'jurisdiction_objection':
        if (decision) fail('not_allowed_after', { index, type, after: decision });
        else if (seen.has('transferred') || seen.has('assigned')) {
          if (transfersSinceObjection === 0) fail('duplicate_event', { index, type });
          tooEarly(lastReceipt, 'transfer_receipt');
        }
        transfersSinceObjection = 0;
        break;
      case 'accepted':
      case 'not_accepted':
        if (decision && decision !== type) fail('conflicting_decision', { index, type, earlier: decision });
        tooEarly(lastReceipt, 'transfer_receipt');
        decision ??= type;
        break;
      case 'extended': {
        if (seen.has('replied')) fail('not_allowed_after', { index, type, after: 'replied' });
        if (!Number.isInteger(event.days) || event.days < 1) {
          fail('extension_days_invalid', { index, days: event.days });
          break;
        }
        extensionTotal += event.days;
        if (extensionTotal > MAX_EXTENSION_DAYS) {
          fail('extension_over_limit', { index, days: event.days, totalDays: extensionTotal, maxDays: MAX_EXTENSION_DAYS });
        }
        if (typeof event.reason !== 'string' || event.reason.trim() === '') fail('extension_without_reason', { index });
        break;
      }
      case 'replied':
        replyDeliveredOn = event.deliveredOn ?? event.date;
        break;
      case 'review_requested':
        tooEarly(replyDeliveredOn, 'reply_delivery');
        break;
      case 'review_answered':
        reviewDeliveredOn = event.deliveredOn ?? event.date;
        break;
      case 'final_review_requested':
        tooEarly(reviewDeliveredOn, 'review_answer_delivery');
        break;
      case 'final_review_hearing':
        if (hearingEnd === null || event.endDate > hearingEnd) hearingEnd = event.endDate;
        break;
      case 'final_review_answered':
        tooEarly(hearingEnd, 'hearing_end');
        break;
      case 'received':
      case 'closed':
        break;
    }
    seen.add(type);
  });
  return errors;
}
