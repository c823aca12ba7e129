import { describe, expect, it } from 'vitest';
import shipped from '../../resources/calendar/cn-holidays.json';
import { computeCaseDeadlines } from './case-deadlines';
import type { CaseEvent } from './case-timeline';
import { decisionEvents, deskDecisionSchema, DESK_DECISION_KINDS, legalBasisOf, type DeskDecision } from './desk-decision';
import { loadWorkingDayCalendar } from './working-days';

const calendar = loadWorkingDayCalendar(shipped);
const SERVICE_ID = '01JD0000000000000000000000';

/** One decision of each kind and reason, with the basis its notice quotes. */
const EXAMPLES: [DeskDecision, { article: number; paragraph?: number; item?: number }][] = [
  [{ kind: 'answered_on_spot', answer: '物业收费标准以区发改局公布为准' }, { article: 23, paragraph: 2 }],
  [{ kind: 'accepted' }, { article: 23, paragraph: 1 }],
  [{ kind: 'transferred', department: '区住房和建设局' }, { article: 22, paragraph: 1, item: 1 }],
  [{ kind: 'assigned', department: '华富街道办事处' }, { article: 22, paragraph: 1, item: 3 }],
  [{ kind: 'not_accepted', reason: 'not_competent', competentBody: '市市场监督管理局' }, { article: 23, paragraph: 1 }],
  [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'litigation', competentBody: '福田区人民法院' }, { article: 31, item: 1 }],
  [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'arbitration', competentBody: '区劳动人事争议仲裁委员会' }, { article: 31, item: 2 }],
  [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'party_appeal', competentBody: '区纪委监委' }, { article: 31, item: 3 }],
  [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'administrative', competentBody: '区司法局（行政复议）' }, { article: 31, item: 4 }],
  [{ kind: 'not_accepted', reason: 'already_in_handling', caseNumber: 'FT-20261101-004' }, { article: 19, paragraph: 3 }],
  [{ kind: 'not_accepted', reason: 'final_review_done', caseNumber: 'SZ-2025-118' }, { article: 36, paragraph: 3 }],
  [{ kind: 'mediation' }, { article: 33 }],
  [{ kind: 'referred_service', serviceId: SERVICE_ID }, { article: 37 }],
];

describe('legal basis of a desk decision', () => {
  it.each(EXAMPLES.map(([decision, basis]) => [JSON.stringify(decision), decision, basis] as const))('%s', (_, decision, basis) => {
    expect(legalBasisOf(decision)).toEqual(basis);
  });

  it('covers every kind', () => {
    expect(new Set(EXAMPLES.map(([decision]) => decision.kind))).toEqual(new Set(DESK_DECISION_KINDS));
  });
});

describe('timeline steps of a desk decision', () => {
  const DAY = '2026-11-24';

  it('records each decision as the steps the deadlines are computed from', () => {
    const steps = (decision: DeskDecision) => decisionEvents(decision, DAY).map((event) => event.type);
    expect(steps({ kind: 'answered_on_spot', answer: '已当场答复' })).toEqual(['accepted', 'replied', 'closed']);
    expect(steps({ kind: 'accepted' })).toEqual(['accepted']);
    expect(steps({ kind: 'mediation' })).toEqual(['accepted']);
    expect(steps({ kind: 'transferred', department: '区住房和建设局' })).toEqual(['transferred']);
    expect(steps({ kind: 'assigned', department: '华富街道办事处' })).toEqual(['assigned']);
    expect(steps({ kind: 'not_accepted', reason: 'final_review_done', caseNumber: 'SZ-2025-118' })).toEqual(['not_accepted']);
    expect(steps({ kind: 'referred_service', serviceId: SERVICE_ID })).toEqual(['closed']);
    expect(decisionEvents({ kind: 'accepted' }, DAY)).toEqual([{ type: 'accepted', date: DAY }]);
  });

  it.each(EXAMPLES.map(([decision]) => [decision.kind, decision] as const))(
    'gives a possible history after the visit, with nothing overdue at once (%s)',
    (_, decision) => {
      for (const by of ['petition_department', 'other_organ'] as const) {
        const timeline: CaseEvent[] = [{ type: 'received', date: DAY, by }, ...decisionEvents(decision, DAY)];
        const computed = computeCaseDeadlines(timeline, { calendar, today: DAY });
        expect(computed.ok).toBe(true);
        if (!computed.ok) continue;
        // The visit's intake duty is met by the decision the same day.
        const intake = computed.deadlines.find((d) => d.startDate === DAY && (d.kind === 'referral' || d.article.paragraph === 2));
        expect(intake?.status).toEqual({ state: 'met', on: DAY });
        expect(computed.deadlines.filter((d) => d.status.state === 'overdue')).toEqual([]);
      }
    },
  );
});

describe('the decision schema', () => {
  const parse = (value: unknown) => deskDecisionSchema.safeParse(value);

  it('accepts every example', () => {
    for (const [decision] of EXAMPLES) expect(parse(decision).success, JSON.stringify(decision)).toBe(true);
  });

  it('needs what the notice names: the department, the competent body, the channel, the case number, the answer', () => {
    expect(parse({ kind: 'transferred' }).success).toBe(false);
    expect(parse({ kind: 'assigned', department: '   ' }).success).toBe(false);
    expect(parse({ kind: 'not_accepted', reason: 'not_competent' }).success).toBe(false);
    expect(parse({ kind: 'not_accepted', reason: 'legal_channel', competentBody: '区法院' }).success).toBe(false);
    expect(parse({ kind: 'not_accepted', reason: 'legal_channel', channel: 'mediation', competentBody: '区法院' }).success).toBe(false);
    expect(parse({ kind: 'not_accepted', reason: 'already_in_handling' }).success).toBe(false);
    expect(parse({ kind: 'answered_on_spot', answer: '' }).success).toBe(false);
    expect(parse({ kind: 'referred_service', serviceId: 'legal' }).success).toBe(false);
  });

  it('refuses unknown kinds, reasons and fields', () => {
    expect(parse({ kind: 'postponed' }).success).toBe(false);
    expect(parse({ kind: 'not_accepted', reason: 'too_late', caseNumber: 'X-1' }).success).toBe(false);
    expect(parse({ kind: 'accepted', department: '区住建局' }).success).toBe(false);
  });

  it('trims what the clerk typed', () => {
    expect(parse({ kind: 'transferred', department: '  区住房和建设局 ' })).toMatchObject({ success: true, data: { department: '区住房和建设局' } });
  });
});
