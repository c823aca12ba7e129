import { describe, expect, it } from 'vitest';
import shipped from '../../resources/calendar/cn-holidays.json';
import { computeCaseDeadlines, deadlineStatus, type CaseDeadline, type DeadlineKind, type DeadlineOptions } from './case-deadlines';
import type { CaseEvent } from './case-timeline';
import { loadWorkingDayCalendar } from './working-days';

const calendar = loadWorkingDayCalendar(shipped);
const options = (today: string, more: Partial<DeadlineOptions> = {}): DeadlineOptions => ({ calendar, today, ...more });

/** The deadlines of a valid timeline (fails the test on errors). */
function deadlinesOf(events: CaseEvent[], opts: DeadlineOptions): CaseDeadline[] {
  const result = computeCaseDeadlines(events, opts);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.deadlines;
}
function deadline(events: CaseEvent[], opts: DeadlineOptions, kind: DeadlineKind): CaseDeadline {
  const found = deadlinesOf(events, opts).filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
}
function errorsOf(events: CaseEvent[], opts: DeadlineOptions) {
  const result = computeCaseDeadlines(events, opts);
  return result.ok ? [] : result.errors;
}

describe('status around today', () => {
  // Due 2026-03-20; "due soon" within 3 days by default.
  const status = (today: string, metOn: string | null = null, nature: 'duty' | 'window' = 'duty', dueSoonDays?: number) =>
    deadlineStatus(nature, '2026-03-20', metOn, false, today, dueSoonDays);

  it('classifies an open deadline by the days left', () => {
    expect(status('2026-03-10')).toEqual({ state: 'open', daysLeft: 10 });
    expect(status('2026-03-16')).toEqual({ state: 'open', daysLeft: 4 });
    expect(status('2026-03-17')).toEqual({ state: 'due_soon', daysLeft: 3 });
    expect(status('2026-03-19')).toEqual({ state: 'due_soon', daysLeft: 1 });
    expect(status('2026-03-20')).toEqual({ state: 'due_today' });
    expect(status('2026-03-23')).toEqual({ state: 'overdue', daysLate: 3 });
    expect(status('2026-03-10', null, 'duty', 10)).toEqual({ state: 'due_soon', daysLeft: 10 }); // configurable
  });

  it('says when a deadline was met, on time or late', () => {
    expect(status('2026-04-01', '2026-03-20')).toEqual({ state: 'met', on: '2026-03-20' });
    expect(status('2026-04-01', '2026-03-22')).toEqual({ state: 'met_late', on: '2026-03-22', daysLate: 2 });
  });

  it('lets a window lapse rather than fall overdue, and waives it', () => {
    expect(status('2026-03-23', null, 'window')).toEqual({ state: 'lapsed', daysPast: 3 });
    expect(deadlineStatus('window', '2026-03-20', null, true, '2026-03-10')).toEqual({ state: 'waived' });
  });
});

describe('referral by the petition department (art. 22): 15 days from the visit', () => {
  // Visit 2026-02-03 (Tue). Day 1 is 02-04; day 15 is 02-18 (Wed), inside the Spring
  // Festival holiday (02-15…02-23), so the last day moves to 02-24 (Tue).
  const visit: CaseEvent[] = [{ type: 'received', date: '2026-02-03', by: 'petition_department' }];

  it('runs across the Spring Festival to the first working day after it', () => {
    expect(deadline(visit, options('2026-02-10'), 'referral')).toEqual({
      kind: 'referral',
      nature: 'duty',
      article: { article: 22, paragraph: 1 },
      startDate: '2026-02-03',
      period: { length: 15, unit: 'calendar_days' },
      dueDate: '2026-02-24',
      unmovedDueDate: '2026-02-18',
      status: { state: 'open', daysLeft: 14 },
      calendarCovered: true,
    });
  });

  it('ends on the 15th day itself when the policy of moving off holidays is off', () => {
    const d = deadline(visit, options('2026-02-10', { extendPastNonWorkingDays: false }), 'referral');
    expect(d.dueDate).toBe('2026-02-18');
    expect(d.unmovedDueDate).toBeUndefined();
  });

  it('is met by the transfer, late or on time', () => {
    const onTime = deadline([...visit, { type: 'transferred', date: '2026-02-24' }], options('2026-03-01'), 'referral');
    expect(onTime.status).toEqual({ state: 'met', on: '2026-02-24' });
    expect(onTime.metBy).toEqual({ type: 'transferred', date: '2026-02-24' });
    const late = deadline([...visit, { type: 'assigned', date: '2026-02-26' }], options('2026-03-01'), 'referral');
    expect(late.status).toEqual({ state: 'met_late', on: '2026-02-26', daysLate: 2 });
  });

  it('is overdue when nothing happened', () => {
    expect(deadline(visit, options('2026-02-24'), 'referral').status).toEqual({ state: 'due_today' });
    expect(deadline(visit, options('2026-02-27'), 'referral').status).toEqual({ state: 'overdue', daysLate: 3 });
  });
});

describe('the receiving organ after a transfer (art. 23 para. 3)', () => {
  // Visit 03-02 (Mon), transferred 03-05, received by the organ 03-06 (Fri).
  // Objection: 5 working days from 03-06: 03-09 Mon (1) … 03-13 Fri (5).
  // Written notice: 03-06 + 15 = 03-21, a Saturday → 03-23 (Mon).
  const transferred: CaseEvent[] = [
    { type: 'received', date: '2026-03-02', by: 'petition_department' },
    { type: 'transferred', date: '2026-03-05', receivedOn: '2026-03-06' },
  ];

  it('has 5 working days to object and 15 days to notify in writing', () => {
    const [referral, objection, notice] = deadlinesOf(transferred, options('2026-03-10'));
    expect(referral).toMatchObject({ kind: 'referral', status: { state: 'met', on: '2026-03-05' } });
    expect(objection).toMatchObject({
      kind: 'jurisdiction_objection',
      nature: 'window',
      article: { article: 23, paragraph: 3 },
      startDate: '2026-03-06',
      period: { length: 5, unit: 'working_days' },
      dueDate: '2026-03-13',
      status: { state: 'due_soon', daysLeft: 3 },
    });
    expect(notice).toMatchObject({
      kind: 'acceptance_notice',
      nature: 'duty',
      article: { article: 23, paragraph: 3 },
      startDate: '2026-03-06',
      dueDate: '2026-03-23',
      unmovedDueDate: '2026-03-21',
    });
  });

  it('waives the objection window once the organ accepts, and the notice is met', () => {
    const events: CaseEvent[] = [...transferred, { type: 'accepted', date: '2026-03-11' }];
    expect(deadline(events, options('2026-03-12'), 'jurisdiction_objection').status).toEqual({ state: 'waived' });
    expect(deadline(events, options('2026-03-12'), 'acceptance_notice').status).toEqual({ state: 'met', on: '2026-03-11' });
  });

  it('counts the objection window across the National Day week', () => {
    // Received 2026-09-30: 10-08 (1), 10-09 (2), 10-10 Sat worked (3), 10-12 (4), 10-13 (5).
    const events: CaseEvent[] = [
      { type: 'received', date: '2026-09-28', by: 'petition_department' },
      { type: 'assigned', date: '2026-09-30' },
      { type: 'jurisdiction_objection', date: '2026-10-12' },
    ];
    const objection = deadline(events, options('2026-10-14'), 'jurisdiction_objection');
    expect(objection.dueDate).toBe('2026-10-13');
    expect(objection.status).toEqual({ state: 'met', on: '2026-10-12' });
    // The organ objected: it owes no written notice; the matter goes back to be transferred anew.
    expect(deadlinesOf(events, options('2026-10-14')).map((d) => d.kind)).toEqual(['referral', 'jurisdiction_objection']);
  });

  it('gives the new organ its own periods after a re-transfer', () => {
    const events: CaseEvent[] = [
      ...transferred,
      { type: 'jurisdiction_objection', date: '2026-03-09' },
      { type: 'transferred', date: '2026-03-12' },
    ];
    const all = deadlinesOf(events, options('2026-03-13'));
    expect(all.map((d) => [d.kind, d.startDate, d.dueDate])).toEqual([
      ['referral', '2026-03-02', '2026-03-17'],
      ['jurisdiction_objection', '2026-03-06', '2026-03-13'],
      ['jurisdiction_objection', '2026-03-12', '2026-03-19'], // 03-13 (1), 03-16 … 03-19 (5)
      ['acceptance_notice', '2026-03-12', '2026-03-27'],
    ]);
  });
});

describe('an organ receiving the visit itself (art. 23 para. 2)', () => {
  it('owes the written notice within 15 days; across Labour Day', () => {
    // 2026-04-20 + 15 = 05-05, the last day of the Labour Day holiday (05-01…05-05) → 05-06.
    const events: CaseEvent[] = [
      { type: 'received', date: '2026-04-20', by: 'other_organ' },
      { type: 'not_accepted', date: '2026-05-06' },
    ];
    const notice = deadline(events, options('2026-05-07'), 'acceptance_notice');
    expect(notice).toMatchObject({ article: { article: 23, paragraph: 2 }, dueDate: '2026-05-06', status: { state: 'met', on: '2026-05-06' } });
    // Not accepted: no handling, no 复查.
    expect(deadlinesOf(events, options('2026-05-07')).map((d) => d.kind)).toEqual(['acceptance_notice']);
  });
});

describe('closing at intake (withdrawn, settled, sent to another service of the hall)', () => {
  it('meets the referral (art. 22): nothing stays open, and nothing falls overdue after 15 days', () => {
    const events: CaseEvent[] = [
      { type: 'received', date: '2026-03-02', by: 'petition_department' },
      { type: 'closed', date: '2026-03-04' },
    ];
    const all = deadlinesOf(events, options('2026-04-10'));
    expect(all).toEqual([
      expect.objectContaining({ kind: 'referral', dueDate: '2026-03-17', metBy: { type: 'closed', date: '2026-03-04' }, status: { state: 'met', on: '2026-03-04' } }),
    ]);
  });

  it("meets another organ's written notice (art. 23 para. 2), the same day or late", () => {
    const received: CaseEvent = { type: 'received', date: '2026-04-20', by: 'other_organ' };
    const sameDay = deadline([received, { type: 'closed', date: '2026-04-20' }], options('2026-06-01'), 'acceptance_notice');
    expect(sameDay).toMatchObject({ article: { article: 23, paragraph: 2 }, status: { state: 'met', on: '2026-04-20' } });
    // Due 05-05 → 05-06 (Labour Day); closed 05-08: two days late, not overdue for ever.
    const late = deadline([received, { type: 'closed', date: '2026-05-08' }], options('2026-06-01'), 'acceptance_notice');
    expect(late.status).toEqual({ state: 'met_late', on: '2026-05-08', daysLate: 2 });
  });

  it("ends the receiving organ's notice duty and waives its objection window (art. 23 para. 3)", () => {
    const events: CaseEvent[] = [
      { type: 'received', date: '2026-03-02', by: 'petition_department' },
      { type: 'transferred', date: '2026-03-05', receivedOn: '2026-03-06' },
      { type: 'closed', date: '2026-03-09' },
    ];
    const [referral, objection, notice] = deadlinesOf(events, options('2026-04-10'));
    expect(referral).toMatchObject({ kind: 'referral', status: { state: 'met', on: '2026-03-05' } });
    expect(objection).toMatchObject({ kind: 'jurisdiction_objection', status: { state: 'waived' } });
    expect(notice).toMatchObject({ kind: 'acceptance_notice', status: { state: 'met', on: '2026-03-09' } });
  });

  it('allows no decision after closing', () => {
    const events: CaseEvent[] = [
      { type: 'received', date: '2026-03-02', by: 'petition_department' },
      { type: 'closed', date: '2026-03-04' },
      { type: 'accepted', date: '2026-03-05' },
    ];
    expect(errorsOf(events, options('2026-04-10'))).toEqual([{ code: 'not_allowed_after', params: { index: 2, type: 'accepted', after: 'closed' } }]);
  });
});

describe('handling (art. 34): 60 days from acceptance, + at most 30', () => {
  const accepted: CaseEvent[] = [
    { type: 'received', date: '2026-03-02', by: 'other_organ' },
    { type: 'accepted', date: '2026-03-20' },
  ];

  it('is 60 days from acceptance', () => {
    // 03-20 + 60: 11 days to 03-31, 30 to 04-30, 19 to 05-19 (Tue).
    expect(deadline(accepted, options('2026-05-01'), 'handling')).toMatchObject({
      article: { article: 34 },
      startDate: '2026-03-20',
      period: { length: 60, unit: 'calendar_days' },
      dueDate: '2026-05-19',
      extensionDays: 0,
      status: { state: 'open', daysLeft: 18 },
    });
  });

  it('runs across the Spring Festival', () => {
    // 2025-12-17 + 60 = 2026-02-15, the first day of the Spring Festival holiday → 02-24.
    const events: CaseEvent[] = [
      { type: 'received', date: '2025-12-10', by: 'other_organ' },
      { type: 'accepted', date: '2025-12-17' },
      { type: 'replied', date: '2026-02-24' },
    ];
    const handling = deadline(events, options('2026-03-01'), 'handling');
    expect(handling).toMatchObject({ dueDate: '2026-02-24', unmovedDueDate: '2026-02-15', status: { state: 'met', on: '2026-02-24' } });
    // Without the policy the period ends on the holiday and the reply is 9 days late.
    const strict = deadline(events, options('2026-03-01', { extendPastNonWorkingDays: false }), 'handling');
    expect(strict.status).toEqual({ state: 'met_late', on: '2026-02-24', daysLate: 9 });
  });

  it('adds a granted extension', () => {
    // 60 + 30 = 90 days: 03-20 + 90 = 06-18 (Thu).
    const events: CaseEvent[] = [...accepted, { type: 'extended', date: '2026-05-15', days: 30, reason: '涉及多个部门，需要联合调查' }];
    expect(deadline(events, options('2026-06-01'), 'handling')).toMatchObject({
      period: { length: 90, unit: 'calendar_days' },
      extensionDays: 30,
      dueDate: '2026-06-18',
    });
    // Two extensions of 10 and 10: 80 days → 06-08 (Mon). The second is granted within the first.
    const twice: CaseEvent[] = [
      ...accepted,
      { type: 'extended', date: '2026-05-15', days: 10, reason: '需要补充调查' },
      { type: 'extended', date: '2026-05-28', days: 10, reason: '等待鉴定结论' },
      { type: 'replied', date: '2026-06-05' },
    ];
    expect(deadline(twice, options('2026-06-10'), 'handling')).toMatchObject({ dueDate: '2026-06-08', extensionDays: 20, status: { state: 'met', on: '2026-06-05' } });
  });

  it('refuses an extension over 30 days, in one or in all', () => {
    expect(errorsOf([...accepted, { type: 'extended', date: '2026-05-15', days: 31, reason: '复杂' }], options('2026-06-01'))).toEqual([
      { code: 'extension_over_limit', params: { index: 2, days: 31, totalDays: 31, maxDays: 30 } },
    ]);
    const twice: CaseEvent[] = [
      ...accepted,
      { type: 'extended', date: '2026-05-15', days: 20, reason: '复杂' },
      { type: 'extended', date: '2026-05-30', days: 15, reason: '仍需调查' },
    ];
    expect(errorsOf(twice, options('2026-06-01'))).toEqual([{ code: 'extension_over_limit', params: { index: 3, days: 15, totalDays: 35, maxDays: 30 } }]);
  });

  it('refuses an extension with no reason, of no days, or granted after the period ran out', () => {
    expect(errorsOf([...accepted, { type: 'extended', date: '2026-05-15', days: 10, reason: '  ' }], options('2026-06-01'))).toEqual([
      { code: 'extension_without_reason', params: { index: 2 } },
    ]);
    expect(errorsOf([...accepted, { type: 'extended', date: '2026-05-15', days: 0, reason: '复杂' }], options('2026-06-01'))).toEqual([
      { code: 'extension_days_invalid', params: { index: 2, days: 0 } },
    ]);
    expect(errorsOf([...accepted, { type: 'extended', date: '2026-05-20', days: 10, reason: '复杂' }], options('2026-06-01'))).toEqual([
      { code: 'extension_after_deadline', params: { index: 2, date: '2026-05-20', dueDate: '2026-05-19' } },
    ]);
  });

  it('is met by the reply, or by closing without one (withdrawn, settled)', () => {
    const replied = deadline([...accepted, { type: 'replied', date: '2026-05-25' }], options('2026-06-01'), 'handling');
    expect(replied.status).toEqual({ state: 'met_late', on: '2026-05-25', daysLate: 6 });
    const closed = deadline([...accepted, { type: 'closed', date: '2026-04-02' }], options('2026-06-01'), 'handling');
    expect(closed.status).toEqual({ state: 'met', on: '2026-04-02' });
  });
});

describe('复查 and 复核 (arts. 35–36)', () => {
  // Reply delivered 05-12 → 复查 may be requested until 05-12 + 30 = 06-11.
  // Requested 06-01 → opinion due 06-01 + 30 = 07-01. Answered 06-28, delivered 06-30
  // → 复核 may be requested until 06-30 + 30 = 07-30. Requested 07-20 → opinion due
  // 07-20 + 30 = 08-19; a hearing 08-03…08-07 (5 days) does not count → 08-24 (Mon).
  const full: CaseEvent[] = [
    { type: 'received', date: '2026-03-02', by: 'other_organ' },
    { type: 'accepted', date: '2026-03-10' },
    { type: 'replied', date: '2026-05-10', deliveredOn: '2026-05-12' },
    { type: 'review_requested', date: '2026-06-01' },
    { type: 'review_answered', date: '2026-06-28', deliveredOn: '2026-06-30' },
    { type: 'final_review_requested', date: '2026-07-20' },
    { type: 'final_review_hearing', date: '2026-08-03', endDate: '2026-08-07' },
    { type: 'final_review_answered', date: '2026-08-21' },
  ];

  it('gives each window and each opinion its 30 days', () => {
    const all = deadlinesOf(full, options('2026-09-01'));
    expect(all.filter((d) => d.kind !== 'acceptance_notice' && d.kind !== 'handling').map((d) => [d.kind, d.nature, d.startDate, d.dueDate, d.status])).toEqual([
      ['review_request', 'window', '2026-05-12', '2026-06-11', { state: 'met', on: '2026-06-01' }],
      ['review_opinion', 'duty', '2026-06-01', '2026-07-01', { state: 'met', on: '2026-06-28' }],
      ['final_review_request', 'window', '2026-06-30', '2026-07-30', { state: 'met', on: '2026-07-20' }],
      ['final_review_opinion', 'duty', '2026-07-20', '2026-08-24', { state: 'met', on: '2026-08-21' }],
    ]);
  });

  it('does not count the hearing days', () => {
    const opinion = deadline(full, options('2026-09-01'), 'final_review_opinion');
    expect(opinion).toMatchObject({ period: { length: 35, unit: 'calendar_days' }, hearingDays: 5, article: { article: 36, paragraph: 2 } });
    // Without the hearing the same answer would be 2 days late.
    const noHearing = full.filter((e) => e.type !== 'final_review_hearing');
    expect(deadline(noHearing, options('2026-09-01'), 'final_review_opinion').status).toEqual({ state: 'met_late', on: '2026-08-21', daysLate: 2 });
  });

  it('ends the matter after the 复核 opinion: no further deadlines, not accepted again (art. 36 para. 3)', () => {
    const result = computeCaseDeadlines(full, options('2026-09-01'));
    expect(result.ok && result.finality).toEqual({ reason: 'final_review_answered', since: '2026-08-21', article: { article: 36, paragraph: 3 } });
    expect(errorsOf([...full, { type: 'review_requested', date: '2026-09-01' }], options('2026-09-02'))).toEqual([
      { code: 'duplicate_event', params: { index: 8, type: 'review_requested' } },
      { code: 'not_allowed_after', params: { index: 8, type: 'review_requested', after: 'final_review_answered' } },
    ]);
  });

  it('lets the 复查 window lapse, and records a late request as such', () => {
    const replied = full.slice(0, 3);
    expect(deadline(replied, options('2026-06-15'), 'review_request').status).toEqual({ state: 'lapsed', daysPast: 4 });
    const late: CaseEvent[] = [...replied, { type: 'review_requested', date: '2026-06-15' }];
    expect(deadline(late, options('2026-06-16'), 'review_request').status).toEqual({ state: 'met_late', on: '2026-06-15', daysLate: 4 });
  });

  it('flags a due date in a year the calendar does not cover', () => {
    // Delivered 2026-12-10: + 30 = 2027-01-09, a Saturday; 2027 has no notice yet, so
    // the move to 01-11 (Mon) knows only weekends: uncertain.
    const events: CaseEvent[] = [...full.slice(0, 2), { type: 'replied', date: '2026-12-10' }];
    const window = deadline(events, options('2026-12-11'), 'review_request');
    expect(window).toMatchObject({ dueDate: '2027-01-11', unmovedDueDate: '2027-01-09', calendarCovered: false });
    // Without the policy the calendar is not needed: the date is certain.
    expect(deadline(events, options('2026-12-11', { extendPastNonWorkingDays: false }), 'review_request')).toMatchObject({
      dueDate: '2027-01-09',
      calendarCovered: true,
    });
  });
});

describe('invalid timelines give typed errors, never dates', () => {
  const today = options('2026-12-31');

  it('needs the visit first', () => {
    expect(errorsOf([], today)).toEqual([{ code: 'missing_received', params: {} }]);
    expect(errorsOf([{ type: 'accepted', date: '2026-03-01' }], today)).toEqual([{ code: 'missing_received', params: {} }]);
  });

  it('refuses a reply before acceptance', () => {
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-01', by: 'other_organ' },
          { type: 'replied', date: '2026-03-05' },
          { type: 'accepted', date: '2026-03-03' },
        ],
        today,
      ),
    ).toEqual([
      { code: 'missing_prerequisite', params: { index: 1, type: 'replied', requires: 'accepted' } },
      { code: 'out_of_order', params: { index: 2, type: 'accepted', date: '2026-03-03', previousDate: '2026-03-05' } },
    ]);
  });

  it('refuses 复核 before 复查', () => {
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-01', by: 'other_organ' },
          { type: 'accepted', date: '2026-03-03' },
          { type: 'replied', date: '2026-04-01' },
          { type: 'final_review_requested', date: '2026-04-10' },
        ],
        today,
      ),
    ).toEqual([{ code: 'missing_prerequisite', params: { index: 3, type: 'final_review_requested', requires: 'review_answered' } }]);
  });

  it('refuses dates in the wrong order', () => {
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-10', by: 'petition_department' },
          { type: 'transferred', date: '2026-03-08' },
        ],
        today,
      ),
    ).toEqual([{ code: 'out_of_order', params: { index: 1, type: 'transferred', date: '2026-03-08', previousDate: '2026-03-10' } }]);
    // Received by the organ before it was sent; accepted before the organ had it.
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-10', by: 'petition_department' },
          { type: 'transferred', date: '2026-03-12', receivedOn: '2026-03-11' },
        ],
        today,
      ),
    ).toEqual([{ code: 'date_range_reversed', params: { index: 1, type: 'transferred', field: 'receivedOn', date: '2026-03-12', value: '2026-03-11' } }]);
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-10', by: 'petition_department' },
          { type: 'transferred', date: '2026-03-12', receivedOn: '2026-03-16' },
          { type: 'accepted', date: '2026-03-13' },
        ],
        today,
      ),
    ).toEqual([{ code: 'date_too_early', params: { index: 2, type: 'accepted', date: '2026-03-13', earliest: '2026-03-16', after: 'transfer_receipt' } }]);
  });

  it('refuses a 复核 answer before its hearing ended, and events after today', () => {
    const base: CaseEvent[] = [
      { type: 'received', date: '2026-03-01', by: 'other_organ' },
      { type: 'accepted', date: '2026-03-03' },
      { type: 'replied', date: '2026-04-01' },
      { type: 'review_requested', date: '2026-04-10' },
      { type: 'review_answered', date: '2026-05-01' },
      { type: 'final_review_requested', date: '2026-05-10' },
      { type: 'final_review_hearing', date: '2026-05-20', endDate: '2026-05-25' },
    ];
    expect(errorsOf([...base, { type: 'final_review_answered', date: '2026-05-22' }], today)).toEqual([
      { code: 'date_too_early', params: { index: 7, type: 'final_review_answered', date: '2026-05-22', earliest: '2026-05-25', after: 'hearing_end' } },
    ]);
    expect(errorsOf(base, options('2026-05-05'))).toEqual([
      { code: 'event_after_today', params: { index: 5, type: 'final_review_requested', field: 'date', date: '2026-05-10', today: '2026-05-05' } },
      { code: 'event_after_today', params: { index: 6, type: 'final_review_hearing', field: 'date', date: '2026-05-20', today: '2026-05-05' } },
    ]);
  });

  it('refuses contradictions and impossible dates', () => {
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-01', by: 'other_organ' },
          { type: 'accepted', date: '2026-03-03' },
          { type: 'not_accepted', date: '2026-03-04' },
        ],
        today,
      ),
    ).toEqual([{ code: 'conflicting_decision', params: { index: 2, type: 'not_accepted', earlier: 'accepted' } }]);
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-01', by: 'other_organ' },
          { type: 'accepted', date: '2026-02-30' },
        ],
        today,
      ),
    ).toEqual([{ code: 'invalid_date', params: { index: 1, type: 'accepted', field: 'date', value: '2026-02-30' } }]);
    expect(
      errorsOf(
        [
          { type: 'received', date: '2026-03-01', by: 'petition_department' },
          { type: 'accepted', date: '2026-03-03' },
          { type: 'transferred', date: '2026-03-04' },
        ],
        today,
      ),
    ).toEqual([{ code: 'not_allowed_after', params: { index: 2, type: 'transferred', after: 'accepted' } }]);
  });
});
