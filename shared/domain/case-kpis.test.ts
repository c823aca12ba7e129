import { describe, expect, it } from 'vitest';
import shipped from '../../resources/calendar/cn-holidays.json';
import type { DeadlineOptions } from './case-deadlines';
import { onTimeClosureRate, timelyAcceptanceRate, type CaseRecord } from './case-kpis';
import { loadWorkingDayCalendar } from './working-days';

const calendar = loadWorkingDayCalendar(shipped);
const options = (today: string, more: Partial<DeadlineOptions> = {}): DeadlineOptions => ({ calendar, today, ...more });
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const JUNE = { from: '2026-06-01', to: '2026-06-30' };

describe('及时受理率 (timely acceptance)', () => {
  // Cases received in March 2026, reckoned on 2026-04-10. Every due date by hand
  // (start + 15; a last day off work moves to the next working day):
  const cases: CaseRecord[] = [
    {
      // A: referral due 03-02 + 15 = 03-17, transferred 03-05; the organ's notice due
      // 03-06 + 15 = 03-21 (Sat) → 03-23, accepted 03-11. ON TIME.
      caseId: 'A',
      timeline: [
        { type: 'received', date: '2026-03-02', by: 'petition_department' },
        { type: 'transferred', date: '2026-03-05', receivedOn: '2026-03-06' },
        { type: 'accepted', date: '2026-03-11' },
      ],
    },
    {
      // B: received by another organ, notice due 03-18, not accepted 03-10. ON TIME.
      caseId: 'B',
      timeline: [
        { type: 'received', date: '2026-03-03', by: 'other_organ' },
        { type: 'not_accepted', date: '2026-03-10' },
      ],
    },
    {
      // C: referral due 03-19, transferred only 03-25 (6 days late); the organ then
      // accepts in time. LATE: the visitor waited too long at the first step.
      caseId: 'C',
      timeline: [
        { type: 'received', date: '2026-03-04', by: 'petition_department' },
        { type: 'transferred', date: '2026-03-25' },
        { type: 'accepted', date: '2026-03-30' },
      ],
    },
    {
      // D: notice due 03-24, accepted 03-27. LATE.
      caseId: 'D',
      timeline: [
        { type: 'received', date: '2026-03-09', by: 'other_organ' },
        { type: 'accepted', date: '2026-03-27' },
      ],
    },
    {
      // E: referral due 03-31, transferred 03-20; notice due 03-20 + 15 = 04-04, the
      // Qingming holiday (04-04…04-06) → 04-07; accepted 04-07. ON TIME (by the policy).
      caseId: 'E',
      timeline: [
        { type: 'received', date: '2026-03-16', by: 'petition_department' },
        { type: 'transferred', date: '2026-03-20' },
        { type: 'accepted', date: '2026-04-07' },
      ],
    },
    {
      // F: notice due 04-14, nothing yet on 04-10. PENDING: not counted.
      caseId: 'F',
      timeline: [{ type: 'received', date: '2026-03-30', by: 'other_organ' }],
    },
    {
      // G: referral due 03-27, nothing done by 04-10. LATE (overdue).
      caseId: 'G',
      timeline: [{ type: 'received', date: '2026-03-12', by: 'petition_department' }],
    },
    {
      // H: received in February. NOT IN MARCH.
      caseId: 'H',
      timeline: [
        { type: 'received', date: '2026-02-27', by: 'other_organ' },
        { type: 'accepted', date: '2026-03-02' },
      ],
    },
    {
      // I: a reply with no acceptance. INVALID: listed, counted nowhere.
      caseId: 'I',
      timeline: [
        { type: 'received', date: '2026-03-20', by: 'other_organ' },
        { type: 'replied', date: '2026-03-25' },
      ],
    },
    {
      // J: transferred in time, the organ objected, not transferred anew yet; no
      // decision and nothing late. PENDING.
      caseId: 'J',
      timeline: [
        { type: 'received', date: '2026-03-05', by: 'petition_department' },
        { type: 'transferred', date: '2026-03-06' },
        { type: 'jurisdiction_objection', date: '2026-03-09' },
      ],
    },
    {
      // K: accepted on the spot (当场书面告知). ON TIME.
      caseId: 'K',
      timeline: [
        { type: 'received', date: '2026-03-18', by: 'other_organ' },
        { type: 'accepted', date: '2026-03-18' },
      ],
    },
    {
      // L: referral due 04-07, assigned 03-24; notice due 04-08, not accepted 04-08,
      // the last day. ON TIME.
      caseId: 'L',
      timeline: [
        { type: 'received', date: '2026-03-23', by: 'petition_department' },
        { type: 'assigned', date: '2026-03-24' },
        { type: 'not_accepted', date: '2026-04-08' },
      ],
    },
  ];

  it('counts the March cases: 5 on time of 8 decided or late → 62.5 %', () => {
    const result = timelyAcceptanceRate(cases, MARCH, options('2026-04-10'));
    expect(result.onTime).toEqual(['A', 'B', 'E', 'K', 'L']);
    expect(result.late).toEqual(['C', 'D', 'G']);
    expect(result.pending).toEqual(['F', 'J']);
    expect(result.invalid.map((c) => c.caseId)).toEqual(['I']);
    expect(result.invalid[0]!.errors[0]!.code).toBe('missing_prerequisite');
    expect([result.numerator, result.denominator]).toEqual([5, 8]);
    expect(result.rate).toBe(0.625);
  });

  it('follows the policy: ending on the Qingming holiday itself makes E late → 4 / 8 = 50 %', () => {
    const result = timelyAcceptanceRate(cases, MARCH, options('2026-04-10', { extendPastNonWorkingDays: false }));
    expect(result.late).toEqual(['C', 'D', 'E', 'G']);
    expect(result.rate).toBe(0.5);
  });

  it('has no rate when no case counts', () => {
    expect(timelyAcceptanceRate([], MARCH, options('2026-04-10'))).toMatchObject({ numerator: 0, denominator: 0, rate: null });
  });

  it('counts a case closed at intake (withdrawn, sent to another service) by its intake duty, never as pending', () => {
    const closedAtIntake: CaseRecord[] = [
      {
        // M: referral due 03-17, closed at the desk the day of the visit. ON TIME.
        caseId: 'M',
        timeline: [
          { type: 'received', date: '2026-03-02', by: 'petition_department' },
          { type: 'closed', date: '2026-03-02' },
        ],
      },
      {
        // N: notice due 03-18, closed 03-20. LATE.
        caseId: 'N',
        timeline: [
          { type: 'received', date: '2026-03-03', by: 'other_organ' },
          { type: 'closed', date: '2026-03-20' },
        ],
      },
    ];
    const result = timelyAcceptanceRate(closedAtIntake, MARCH, options('2026-04-10'));
    expect(result).toMatchObject({ onTime: ['M'], late: ['N'], pending: [], numerator: 1, denominator: 2, rate: 0.5 });
  });
});

describe('按期办结率 (closed on time)', () => {
  // Accepted cases, reckoned on 2026-07-10 for June 2026. Handling due = acceptance + 60
  // (+ extension), a last day off work moved to the next working day.
  const received = { type: 'received', date: '2026-03-01', by: 'other_organ' } as const;
  const cases: CaseRecord[] = [
    {
      // P1: due 04-02 + 60 = 06-01 (in June), replied 05-28. ON TIME.
      caseId: 'P1',
      timeline: [received, { type: 'accepted', date: '2026-04-02' }, { type: 'replied', date: '2026-05-28' }],
    },
    {
      // P2: due 04-10 + 60 = 06-09, replied 06-12. LATE.
      caseId: 'P2',
      timeline: [received, { type: 'accepted', date: '2026-04-10' }, { type: 'replied', date: '2026-06-12' }],
    },
    {
      // P3: due 04-20 + 60 = 06-19, the Dragon Boat holiday (06-19…06-21) → 06-22;
      // replied 06-22. ON TIME (by the policy).
      caseId: 'P3',
      timeline: [received, { type: 'accepted', date: '2026-04-20' }, { type: 'replied', date: '2026-06-22' }],
    },
    {
      // P4: due 05-05 + 60 = 07-04 (Sat) → 07-06, not in June; replied 06-15, in June. ON TIME.
      caseId: 'P4',
      timeline: [received, { type: 'accepted', date: '2026-05-05' }, { type: 'replied', date: '2026-06-15' }],
    },
    {
      // P5: due 03-20 + 60 = 05-19, extended 05-10 by 30 → 03-20 + 90 = 06-18; replied 06-18. ON TIME.
      caseId: 'P5',
      timeline: [
        received,
        { type: 'accepted', date: '2026-03-20' },
        { type: 'extended', date: '2026-05-10', days: 30, reason: '涉及多部门，需联合调查' },
        { type: 'replied', date: '2026-06-18' },
      ],
    },
    {
      // P6: due 04-25 + 60 = 06-24, no reply by 07-10. LATE (overdue).
      caseId: 'P6',
      timeline: [received, { type: 'accepted', date: '2026-04-25' }],
    },
    {
      // P7: due 05-20 + 60 = 07-19 (Sun) → 07-20, open. NOT IN JUNE.
      caseId: 'P7',
      timeline: [received, { type: 'accepted', date: '2026-05-20' }],
    },
    {
      // P10: not accepted: no handling deadline. NOT COUNTED.
      caseId: 'P10',
      timeline: [received, { type: 'not_accepted', date: '2026-03-10' }],
    },
    {
      // P11: due 05-10 + 60 = 07-09; withdrawn and closed 06-05, in June. ON TIME.
      caseId: 'P11',
      timeline: [received, { type: 'accepted', date: '2026-05-10' }, { type: 'closed', date: '2026-06-05' }],
    },
  ];

  it('counts June: 5 on time of 7 → 71.4 %', () => {
    const result = onTimeClosureRate(cases, JUNE, options('2026-07-10'));
    expect(result.onTime).toEqual(['P1', 'P3', 'P4', 'P5', 'P11']);
    expect(result.late).toEqual(['P2', 'P6']);
    expect(result.pending).toEqual([]);
    expect([result.numerator, result.denominator]).toEqual([5, 7]);
    expect(result.rate).toBeCloseTo(0.714, 3);
  });

  it('follows the policy: ending on the Dragon Boat holiday makes P3 late → 4 / 7 = 57.1 %', () => {
    const result = onTimeClosureRate(cases, JUNE, options('2026-07-10', { extendPastNonWorkingDays: false }));
    expect(result.late).toEqual(['P2', 'P3', 'P6']);
    expect(result.rate).toBeCloseTo(0.571, 3);
  });

  it('leaves a case not yet due out, while the period is still running', () => {
    // On 06-20, P6 (due 06-24) is open: pending. Cases with events after 06-20 are left out here.
    const early = cases.filter((c) => ['P1', 'P2', 'P6'].includes(c.caseId));
    const result = onTimeClosureRate(early, JUNE, options('2026-06-20'));
    expect(result).toMatchObject({ onTime: ['P1'], late: ['P2'], pending: ['P6'], numerator: 1, denominator: 2, rate: 0.5 });
  });

  it('counts a late closing in the period of its deadline and in the period it closed', () => {
    // P8: due 03-01 + 60 = 04-30 (Thu), replied 06-02: late in April and late in June.
    const p8: CaseRecord = { caseId: 'P8', timeline: [received, { type: 'accepted', date: '2026-03-01' }, { type: 'replied', date: '2026-06-02' }] };
    expect(onTimeClosureRate([p8], { from: '2026-04-01', to: '2026-04-30' }, options('2026-07-10')).late).toEqual(['P8']);
    expect(onTimeClosureRate([p8], JUNE, options('2026-07-10')).late).toEqual(['P8']);
    expect(onTimeClosureRate([p8], { from: '2026-05-01', to: '2026-05-31' }, options('2026-07-10')).denominator).toBe(0);
  });
});
