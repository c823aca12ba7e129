import { validateTimeline, type CaseEvent, type CaseEventType, type TimelineError } from './case-timeline';
import { isoDateSchema } from './queue-rules';
import { addCalendarDays, daysBetween, type WorkingDayCalendar } from './working-days';

/**
 * Every deadline of the 《信访工作条例》 that applies to a case, from its timeline.
 * The counting rules (docs/deadlines.md):
 *
 * - A period of n days counts from the day AFTER its start: the start day is day 0 and
 *   the period's last day is start + n. This is the general rule of Chinese law
 *   (《民法典》第二百零一条, 《民事诉讼法》第八十五条); the 条例 itself says only
 *   "自…之日起15日内".
 * - A period whose last day is not a working day ends on the first working day after
 *   it (《民事诉讼法》第八十五条, 《民法典》第二百零三条; 《行政诉讼法》第一百零一条 applies the
 *   former). The 条例 is silent, so this is the bureau's policy choice:
 *   `extendPastNonWorkingDays`, on by default.
 * - Working-day periods (art. 23 para. 3) count working days only, from the day after.
 */

export type DeadlineKind =
  | 'referral' // art. 22 para. 1: the petition department registers and transfers / assigns within 15 days
  | 'acceptance_notice' // art. 23 paras. 2–3: written notice whether accepted, within 15 days of receipt
  | 'jurisdiction_objection' // art. 23 para. 3: an organ given a matter outside its remit objects within 5 working days
  | 'handling' // art. 34: 60 days from acceptance, + an extension of at most 30
  | 'review_request' // art. 35: the petitioner may request 复查 within 30 days of the written reply
  | 'review_opinion' // art. 35: 复查 opinion within 30 days of the request
  | 'final_review_request' // art. 36 para. 1: 复核 may be requested within 30 days of the 复查 answer
  | 'final_review_opinion'; // art. 36 paras. 1–2: 复核 opinion within 30 days, hearing time not counted

/** A duty of an organ (late = overdue), or a window the petitioner / organ may use (past = lapsed). */
export type DeadlineNature = 'duty' | 'window';

export interface ArticleRef {
  article: number;
  paragraph?: number;
  item?: number;
}

export type DeadlineStatus =
  | { state: 'met'; on: string }
  | { state: 'met_late'; on: string; daysLate: number }
  | { state: 'open'; daysLeft: number }
  | { state: 'due_soon'; daysLeft: number }
  | { state: 'due_today' }
  | { state: 'overdue'; daysLate: number } // duties only
  | { state: 'lapsed'; daysPast: number } // windows only: passed unused
  | { state: 'waived' }; // windows only: no longer matters (the organ accepted the matter)

export interface CaseDeadline {
  kind: DeadlineKind;
  nature: DeadlineNature;
  article: ArticleRef;
  /** The day the period counts from (day 0, not counted). */
  startDate: string;
  period: { length: number; unit: 'calendar_days' | 'working_days' };
  /** The last day on which the step is on time. */
  dueDate: string;
  /** The period's arithmetic last day, when it fell on a non-working day and `dueDate` moved past it. */
  unmovedDueDate?: string;
  /** Art. 34: days granted, included in `period.length`. */
  extensionDays?: number;
  /** Art. 36 para. 2: hearing days not counted, included in `period.length`. */
  hearingDays?: number;
  /** The event that met the deadline (or used the window). */
  metBy?: { type: CaseEventType; date: string };
  status: DeadlineStatus;
  /** False when the due date depends on days of a year the calendar does not cover: uncertain. */
  calendarCovered: boolean;
}

export interface Finality {
  /** Art. 36 para. 3: after the 复核 opinion the same matter is not accepted again (不再受理). */
  reason: 'final_review_answered';
  since: string;
  article: ArticleRef;
}

export type CaseDeadlines =
  | { ok: true; deadlines: CaseDeadline[]; finality: Finality | null }
  | { ok: false; errors: TimelineError[] };

export interface DeadlineOptions {
  calendar: WorkingDayCalendar;
  /** The day statuses are reckoned for, `YYYY-MM-DD`. */
  today: string;
  /** A deadline this many calendar days away or fewer is `due_soon`. Default 3. */
  dueSoonDays?: number;
  /** Move a last day that is not a working day to the next working day. Default true (policy, see above). */
  extendPastNonWorkingDays?: boolean;
}

export const DEFAULT_DUE_SOON_DAYS = 3;

/** The 条例's periods, in days. */
export const PERIODS = {
  referral: 15, // art. 22 para. 1
  acceptanceNotice: 15, // art. 23 paras. 2–3
  jurisdictionObjectionWorkingDays: 5, // art. 23 para. 3
  handling: 60, // art. 34
  review: 30, // art. 35, request and opinion
  finalReview: 30, // art. 36, request and opinion
} as const;

const ARTICLES: Record<DeadlineKind, ArticleRef> = {
  referral: { article: 22, paragraph: 1 },
  acceptance_notice: { article: 23, paragraph: 3 }, // paragraph 2 for a matter the organ received directly
  jurisdiction_objection: { article: 23, paragraph: 3 },
  handling: { article: 34 },
  review_request: { article: 35 },
  review_opinion: { article: 35 },
  final_review_request: { article: 36, paragraph: 1 },
  final_review_opinion: { article: 36, paragraph: 1 },
};

/** Where a deadline stands on `today`. */
export function deadlineStatus(
  nature: DeadlineNature,
  dueDate: string,
  metOn: string | null,
  waived: boolean,
  today: string,
  dueSoonDays = DEFAULT_DUE_SOON_DAYS,
): DeadlineStatus {
  if (metOn !== null) {
    const late = daysBetween(dueDate, metOn);
    return late > 0 ? { state: 'met_late', on: metOn, daysLate: late } : { state: 'met', on: metOn };
  }
  if (waived) return { state: 'waived' };
  const left = daysBetween(today, dueDate);
  if (left > dueSoonDays) return { state: 'open', daysLeft: left };
  if (left > 0) return { state: 'due_soon', daysLeft: left };
  if (left === 0) return { state: 'due_today' };
  return nature === 'duty' ? { state: 'overdue', daysLate: -left } : { state: 'lapsed', daysPast: -left };
}

interface DueDate {
  dueDate: string;
  unmovedDueDate?: string;
  covered: boolean;
}

/** Last day of `days` calendar days from `start`, moved off a non-working day if the policy says so. */
function calendarDaysDue(start: string, days: number, options: DeadlineOptions): DueDate {
  const last = addCalendarDays(start, days);
  if (options.extendPastNonWorkingDays === false) return { dueDate: last, covered: true };
  const moved = options.calendar.workingDayOnOrAfter(last);
  return moved.date === last ? { dueDate: last, covered: moved.covered } : { dueDate: moved.date, unmovedDueDate: last, covered: moved.covered };
}

type Indexed = { event: CaseEvent; index: number };

export function computeCaseDeadlines(events: readonly CaseEvent[], options: DeadlineOptions): CaseDeadlines {
  if (!isoDateSchema.safeParse(options.today).success) {
    return { ok: false, errors: [{ code: 'invalid_date', params: { field: 'today', value: String(options.today) } }] };
  }
  const errors = validateTimeline(events, options.today);
  if (errors.length > 0) return { ok: false, errors };

  const indexed: Indexed[] = events.map((event, index) => ({ event, index }));
  const first = (types: readonly CaseEventType[], after = -1, before = Infinity) =>
    indexed.find(({ event, index }) => index > after && index < before && types.includes(event.type));
  const all = (types: readonly CaseEventType[]) => indexed.filter(({ event }) => types.includes(event.type));

  const deadlines: CaseDeadline[] = [];
  const add = (
    kind: DeadlineKind,
    nature: DeadlineNature,
    startDate: string,
    period: CaseDeadline['period'],
    due: DueDate,
    metBy: Indexed | undefined,
    extra: { article?: ArticleRef; waived?: boolean; extensionDays?: number; hearingDays?: number } = {},
  ) => {
    const metOn = metBy ? metBy.event.date : null;
    deadlines.push({
      kind,
      nature,
      article: extra.article ?? ARTICLES[kind],
      startDate,
      period,
      dueDate: due.dueDate,
      ...(due.unmovedDueDate ? { unmovedDueDate: due.unmovedDueDate } : {}),
      ...(extra.extensionDays !== undefined ? { extensionDays: extra.extensionDays } : {}),
      ...(extra.hearingDays !== undefined ? { hearingDays: extra.hearingDays } : {}),
      ...(metBy ? { metBy: { type: metBy.event.type, date: metBy.event.date } } : {}),
      status: deadlineStatus(nature, due.dueDate, metOn, extra.waived ?? false, options.today, options.dueSoonDays),
      calendarCovered: due.covered,
    });
  };
  const days = (length: number) => ({ length, unit: 'calendar_days' as const });

  // ── Intake: the visit's 15 days (arts. 22–23) ──
  const received = events[0] as Extract<CaseEvent, { type: 'received' }>;
  // Closing before any decision (withdrawn, settled, sent to another service of the hall)
  // also ends the intake: nobody owes a notice on a matter that is over.
  const decisionOrClosing = first(['accepted', 'not_accepted', 'closed']);
  const firstDisposal = first(['transferred', 'assigned', 'accepted', 'not_accepted', 'closed']);
  const intakeDue = calendarDaysDue(received.date, PERIODS.referral, options);
  if (received.by === 'petition_department') {
    // Art. 22: registered, and within 15 days transferred / assigned (or decided or closed here).
    add('referral', 'duty', received.date, days(PERIODS.referral), intakeDue, firstDisposal);
  } else {
    // Art. 23 para. 2: written notice within 15 days (a transfer down tells where it went, para. 1).
    add('acceptance_notice', 'duty', received.date, days(PERIODS.acceptanceNotice), intakeDue, firstDisposal, {
      article: { article: 23, paragraph: 2 },
    });
  }

  // ── Each transfer / assignment: the receiving organ's 5 working days and 15 days (art. 23 para. 3) ──
  const transfers = all(['transferred', 'assigned']);
  transfers.forEach((transfer, k) => {
    const event = transfer.event as Extract<CaseEvent, { type: 'transferred' | 'assigned' }>;
    const receipt = event.receivedOn ?? event.date;
    const next = transfers[k + 1];
    const objection = first(['jurisdiction_objection'], transfer.index, next ? next.index : Infinity);
    const objectionDue = options.calendar.addWorkingDays(receipt, PERIODS.jurisdictionObjectionWorkingDays);
    // Once the organ has decided, the matter was closed or moved on, the window no longer matters.
    const moot = !objection && (decisionOrClosing !== undefined || next !== undefined);
    add(
      'jurisdiction_objection',
      'window',
      receipt,
      { length: PERIODS.jurisdictionObjectionWorkingDays, unit: 'working_days' },
      { dueDate: objectionDue.date, covered: objectionDue.covered },
      objection,
      { waived: moot },
    );
    // The notice duty is the organ now holding the matter: the last transfer, not objected to.
    if (!next && !objection) {
      add('acceptance_notice', 'duty', receipt, days(PERIODS.acceptanceNotice), calendarDaysDue(receipt, PERIODS.acceptanceNotice, options), decisionOrClosing);
    }
  });

  // ── Handling: 60 days from acceptance, + at most 30 (art. 34) ──
  const accepted = first(['accepted']);
  if (accepted) {
    const start = accepted.event.date;
    let granted = 0;
    for (const extension of all(['extended'])) {
      const dueBefore = calendarDaysDue(start, PERIODS.handling + granted, options);
      // An extension must be granted while the period runs; afterwards it would hide a late case.
      if (extension.event.date > dueBefore.dueDate) {
        return { ok: false, errors: [{ code: 'extension_after_deadline', params: { index: extension.index, date: extension.event.date, dueDate: dueBefore.dueDate } }] };
      }
      granted += (extension.event as Extract<CaseEvent, { type: 'extended' }>).days;
    }
    add('handling', 'duty', start, days(PERIODS.handling + granted), calendarDaysDue(start, PERIODS.handling + granted, options), first(['replied', 'closed'], accepted.index), {
      extensionDays: granted,
    });
  }

  // ── 复查 (art. 35) ──
  const replied = first(['replied']);
  if (replied) {
    const event = replied.event as Extract<CaseEvent, { type: 'replied' }>;
    const start = event.deliveredOn ?? event.date;
    add('review_request', 'window', start, days(PERIODS.review), calendarDaysDue(start, PERIODS.review, options), first(['review_requested']));
  }
  const reviewRequested = first(['review_requested']);
  if (reviewRequested) {
    const start = reviewRequested.event.date;
    add('review_opinion', 'duty', start, days(PERIODS.review), calendarDaysDue(start, PERIODS.review, options), first(['review_answered']));
  }

  // ── 复核 (art. 36) ──
  const reviewAnswered = first(['review_answered']);
  if (reviewAnswered) {
    const event = reviewAnswered.event as Extract<CaseEvent, { type: 'review_answered' }>;
    const start = event.deliveredOn ?? event.date;
    add('final_review_request', 'window', start, days(PERIODS.finalReview), calendarDaysDue(start, PERIODS.finalReview, options), first(['final_review_requested']));
  }
  const finalRequested = first(['final_review_requested']);
  if (finalRequested) {
    const start = finalRequested.event.date;
    const { hearingDays, due } = finalReviewDue(start, all(['final_review_hearing']), options);
    add('final_review_opinion', 'duty', start, days(PERIODS.finalReview + hearingDays), due, first(['final_review_answered']), {
      hearingDays,
      ...(hearingDays > 0 ? { article: { article: 36, paragraph: 2 } } : {}),
    });
  }

  const finalAnswer = first(['final_review_answered']);
  const finality: Finality | null = finalAnswer
    ? { reason: 'final_review_answered', since: finalAnswer.event.date, article: { article: 36, paragraph: 3 } }
    : null;
  return { ok: true, deadlines, finality };
}

/**
 * The 复核 opinion's due date: 30 days, plus the days of every hearing (art. 36 para. 2),
 * each day counted once. A hearing that starts after the period has already run out
 * adds nothing: it cannot revive a late opinion.
 */
function finalReviewDue(start: string, hearings: readonly Indexed[], options: DeadlineOptions): { hearingDays: number; due: DueDate } {
  let hearingDays = 0;
  let due = calendarDaysDue(start, PERIODS.finalReview, options);
  let countedUntil: string | null = null;
  for (const { event } of hearings) {
    const hearing = event as Extract<CaseEvent, { type: 'final_review_hearing' }>;
    if (hearing.date > due.dueDate) continue;
    const from = countedUntil !== null && countedUntil >= hearing.date ? addCalendarDays(countedUntil, 1) : hearing.date;
    const added = daysBetween(from, hearing.endDate) + 1;
    if (added <= 0) continue;
    hearingDays += added;
    countedUntil = hearing.endDate;
    due = calendarDaysDue(start, PERIODS.finalReview + hearingDays, options);
  }
  return { hearingDays, due };
}
