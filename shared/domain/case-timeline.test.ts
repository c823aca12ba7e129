import { describe, expect, it } from 'vitest';
import { caseTimelineSchema, validateTimeline, type CaseEvent } from './case-timeline';

describe('case timeline', () => {
  it('parses a timeline as it travels (JSON), and refuses an unknown event', () => {
    const json = JSON.parse(
      '[{"type":"received","date":"2026-03-02","by":"petition_department"},{"type":"transferred","date":"2026-03-05","receivedOn":"2026-03-06"},{"type":"accepted","date":"2026-03-11"}]',
    );
    expect(caseTimelineSchema.parse(json)).toEqual(json);
    expect(caseTimelineSchema.safeParse([{ type: 'escalated', date: '2026-03-02' }]).success).toBe(false);
    expect(caseTimelineSchema.safeParse([{ type: 'received', date: '2026-3-2', by: 'petition_department' }]).success).toBe(false);
  });

  it('accepts a complete, ordered history', () => {
    const events: CaseEvent[] = [
      { type: 'received', date: '2026-03-02', by: 'petition_department' },
      { type: 'assigned', date: '2026-03-03' },
      { type: 'accepted', date: '2026-03-04' },
      { type: 'extended', date: '2026-04-20', days: 15, reason: '需要现场核查' },
      { type: 'replied', date: '2026-05-20' },
      { type: 'closed', date: '2026-05-20' },
      { type: 'review_requested', date: '2026-06-10' }, // 复查 remains possible after closing
    ];
    expect(validateTimeline(events, '2026-06-30')).toEqual([]);
  });

  it('refuses steps recorded twice, and steps after closing other than 复查 / 复核', () => {
    const received: CaseEvent = { type: 'received', date: '2026-03-02', by: 'other_organ' };
    expect(validateTimeline([received, { type: 'accepted', date: '2026-03-03' }, { type: 'accepted', date: '2026-03-04' }])).toEqual([
      { code: 'duplicate_event', params: { index: 2, type: 'accepted' } },
    ]);
    expect(validateTimeline([received, { type: 'closed', date: '2026-03-03' }, { type: 'accepted', date: '2026-03-04' }])).toEqual([
      { code: 'not_allowed_after', params: { index: 2, type: 'accepted', after: 'closed' } },
    ]);
    expect(validateTimeline([received, { type: 'jurisdiction_objection', date: '2026-03-03' }])).toEqual([
      { code: 'missing_prerequisite', params: { index: 1, type: 'jurisdiction_objection', requires: 'transferred|assigned' } },
    ]);
  });
});
