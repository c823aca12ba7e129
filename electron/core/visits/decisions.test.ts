import { describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { createTestHall, ManualClock } from '../testing/test-core';

type Hall = ReturnType<typeof createTestHall>;

const ID_NUMBER = (() => {
  const first17 = '44030419750606003';
  return first17 + checkCharacter(first17);
})();

/** A hall whose clock stands at 09:00 in Shenzhen on `day`. */
function hallOn(day: string) {
  const clock = new ManualClock(Date.parse(`${day}T01:00:00Z`));
  return createTestHall({ clock });
}

function moveTo(hall: Hall, day: string) {
  (hall.clock as ManualClock).advance(Date.parse(`${day}T01:00:00Z`) - hall.clock.now());
}

/** A case registered at the desk today, for service A unless told otherwise. */
function registerCase(hall: Hall, extra: Record<string, unknown> = {}) {
  return hall.value('clerk', 'visits.create', {
    person: { idNumber: ID_NUMBER, name: '李建国', phone: '13812345678' },
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '光明街道东周社区东周路1号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决',
    request: '要求物业公司按原标准收费',
    firstTime: true,
    jointOrGroup: false,
    ...extra,
  }).visit;
}

const decide = (hall: Hall, visitId: string, decision: unknown, note?: string, language: 'zh-CN' | 'zh-HK' | 'en' = 'zh-CN') =>
  hall.call('clerk', 'visits.decide', { visitId, decision, ...(note === undefined ? {} : { note }) }, language);

function decided(hall: Hall, visitId: string, decision: unknown, note?: string) {
  const reply = decide(hall, visitId, decision, note);
  if (!reply.ok) throw new Error(`visits.decide failed: ${reply.error.code} ${reply.error.message}`);
  return (reply.value as { visit: any }).visit;
}

/** The steps as stored, with their notes: what the timeline shows. */
function stepsOf(hall: Hall, visitId: string) {
  return hall.core.db.prepare('SELECT type, date, note FROM visit_events WHERE visit_id = ? ORDER BY id').all(visitId);
}

function decisionRow(hall: Hall, visitId: string) {
  return hall.core.db
    .prepare('SELECT kind, json(decision) AS decision, basis_article, basis_paragraph, basis_item, decided_by FROM visit_decisions WHERE visit_id = ?')
    .get(visitId) as { kind: string; decision: string; basis_article: number; basis_paragraph: number | null; basis_item: number | null; decided_by: string } | undefined;
}

const counts = (hall: Hall) =>
  Object.fromEntries(['visit_events', 'visit_decisions'].map((table) => [table, hall.core.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()]));

const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

// Decisions taken on Monday 2026-03-02, the day of the visit.
const DAY = '2026-03-02';

describe('visits.decide: each decision, its steps, its legal basis and the deadlines that follow', () => {
  it('answered on the spot: accepted, replied and closed today; the 复查 window opens (art. 35)', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const answer = '物业服务收费标准以区发展改革局备案为准，已当场书面答复';
    const after = decided(hall, visit.id, { kind: 'answered_on_spot', answer });

    expect(stepsOf(hall, visit.id)).toEqual([
      { type: 'received', date: DAY, note: null },
      { type: 'accepted', date: DAY, note: null },
      { type: 'replied', date: DAY, note: answer },
      { type: 'closed', date: DAY, note: null },
    ]);
    expect(after.decision).toMatchObject({
      decision: { kind: 'answered_on_spot', answer },
      legalBasis: { article: 23, paragraph: 2 },
      decidedBy: { staffNo: '1001', name: '王丽' },
    });
    expect(after.deadlines.map((d: any) => [d.kind, d.status.state])).toEqual([
      ['referral', 'met'],
      ['handling', 'met'],
      ['review_request', 'open'],
    ]);
    // The petitioner may ask for 复查 within 30 days of the written reply: 03-02 + 30 = 04-01.
    expect(after.deadlines[2]).toMatchObject({ nature: 'window', article: { article: 35 }, dueDate: '2026-04-01', status: { daysLeft: 30 } });
    expect(hall.value('clerk', 'visits.get', { id: visit.id }).visit).toEqual(after);
  });

  it("transferred to a named department: the department on the timeline; the receiving organ's 5 working days and 15 days (art. 23 para. 3)", () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const after = decided(hall, visit.id, { kind: 'transferred', department: '区住房和建设局' });

    expect(stepsOf(hall, visit.id).at(-1)).toEqual({ type: 'transferred', date: DAY, note: '区住房和建设局' });
    expect(after.decision.legalBasis).toEqual({ article: 22, paragraph: 1, item: 1 });
    const [referral, objection, notice] = after.deadlines;
    expect(referral).toMatchObject({ kind: 'referral', status: { state: 'met', on: DAY } });
    // 03-03 (1), 03-04, 03-05, 03-06, 03-09 (5).
    expect(objection).toMatchObject({ kind: 'jurisdiction_objection', period: { length: 5, unit: 'working_days' }, dueDate: '2026-03-09' });
    expect(notice).toMatchObject({ kind: 'acceptance_notice', article: { article: 23, paragraph: 3 }, dueDate: '2026-03-17', status: { state: 'open' } });
  });

  it('assigned (交办): art. 22 para. 1 item 3, with the clerk’s own note when given', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const after = decided(hall, visit.id, { kind: 'assigned', department: '光明街道办事处' }, '要求10日内反馈办理结果');
    expect(stepsOf(hall, visit.id).at(-1)).toEqual({ type: 'assigned', date: DAY, note: '要求10日内反馈办理结果' });
    expect(decisionRow(hall, visit.id)).toMatchObject({ kind: 'assigned', basis_article: 22, basis_paragraph: 1, basis_item: 3 });
    expect(after.deadlines.map((d: any) => d.kind)).toEqual(['referral', 'jurisdiction_objection', 'acceptance_notice']);
  });

  it('accepted: handling 60 days (art. 34), moved off the Labour Day holiday', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const after = decided(hall, visit.id, { kind: 'accepted' });
    expect(stepsOf(hall, visit.id).at(-1)).toEqual({ type: 'accepted', date: DAY, note: null });
    expect(after.decision.legalBasis).toEqual({ article: 23, paragraph: 1 });
    // 03-02 + 60 = 05-01, inside the holiday (05-01…05-05) → 05-06.
    expect(after.deadlines.find((d: any) => d.kind === 'handling')).toMatchObject({
      article: { article: 34 },
      dueDate: '2026-05-06',
      unmovedDueDate: '2026-05-01',
      status: { state: 'open', daysLeft: 65 },
    });
  });

  it('mediation: accepted and handled by mediation (art. 33), the 60 days running', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall, { serviceId: hall.serviceId('B') });
    const after = decided(hall, visit.id, { kind: 'mediation' });
    expect(after.decision.legalBasis).toEqual({ article: 33 });
    expect(after.deadlines.map((d: any) => [d.kind, d.status.state])).toEqual([
      ['referral', 'met'],
      ['handling', 'open'],
    ]);
  });

  it.each([
    [{ reason: 'not_competent', competentBody: '市市场监督管理局' }, { article: 23, paragraph: 1 }, '市市场监督管理局'],
    [{ reason: 'legal_channel', channel: 'litigation', competentBody: '光明区人民法院' }, { article: 31, item: 1 }, '光明区人民法院'],
    [{ reason: 'legal_channel', channel: 'arbitration', competentBody: '区劳动人事争议仲裁委员会' }, { article: 31, item: 2 }, '区劳动人事争议仲裁委员会'],
    [{ reason: 'legal_channel', channel: 'administrative', competentBody: '区司法局' }, { article: 31, item: 4 }, '区司法局'],
    [{ reason: 'already_in_handling', caseNumber: 'GM-20260210-007' }, { article: 19, paragraph: 3 }, 'GM-20260210-007'],
    [{ reason: 'final_review_done', caseNumber: 'SZ-2025-118' }, { article: 36, paragraph: 3 }, 'SZ-2025-118'],
  ])('not accepted (%o): its article, the body or case on the timeline, and nothing left to run', (reason, basis, note) => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const after = decided(hall, visit.id, { kind: 'not_accepted', ...reason });
    expect(stepsOf(hall, visit.id).at(-1)).toEqual({ type: 'not_accepted', date: DAY, note });
    expect(after.decision).toMatchObject({ decision: { kind: 'not_accepted', ...reason }, legalBasis: basis });
    expect(after.deadlines).toEqual([expect.objectContaining({ kind: 'referral', status: { state: 'met', on: DAY } })]);
  });

  it('referred to another service of the hall (art. 37): closed here, nothing left open, the ticket left to the queue', () => {
    const hall = hallOn(DAY);
    const ticket = hall.value('kiosk', 'kiosk.takeNumber', { serviceId: hall.serviceId('A'), language: 'zh-CN', person: null, partySize: 1, representatives: null, declaredPriority: null }).ticket;
    const visit = registerCase(hall);
    const after = decided(hall, visit.id, { kind: 'referred_service', serviceId: hall.serviceId('C') });
    expect(stepsOf(hall, visit.id).at(-1)).toEqual({ type: 'closed', date: DAY, note: null });
    expect(after.decision).toMatchObject({ decision: { kind: 'referred_service', serviceId: hall.serviceId('C') }, legalBasis: { article: 37 } });
    expect(after.deadlines).toEqual([expect.objectContaining({ kind: 'referral', status: { state: 'met', on: DAY }, metBy: { type: 'closed', date: DAY } })]);
    // Fifteen days on, nothing is overdue (closing met the intake duty).
    moveTo(hall, '2026-03-20');
    expect(hall.value('clerk', 'visits.get', { id: visit.id }).visit.deadlines.map((d: any) => d.status.state)).toEqual(['met']);
    expect(hall.value('clerk', 'visits.dueList', { scope: 'hall' }).items).toEqual([]);
    // The page transfers the ticket itself (queue.transfer): the core did not touch it.
    expect(hall.core.db.prepare('SELECT service_id, status FROM tickets WHERE id = ?').get(ticket.id)).toEqual({ service_id: hall.serviceId('A'), status: 'waiting' });
  });

  it('dates the steps on the day of the decision: a case decided after its 15 days met its referral late', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    moveTo(hall, '2026-03-20');
    const after = decided(hall, visit.id, { kind: 'transferred', department: '区住房和建设局' });
    expect(stepsOf(hall, visit.id).at(-1)).toMatchObject({ type: 'transferred', date: '2026-03-20' });
    expect(after.deadlines[0]).toMatchObject({ kind: 'referral', dueDate: '2026-03-17', status: { state: 'met_late', daysLate: 3 } });
  });

  it('records the decision as given, with who took it and when', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    decided(hall, visit.id, { kind: 'transferred', department: '  区住房和建设局 ' });
    expect(decisionRow(hall, visit.id)).toEqual({
      kind: 'transferred',
      decision: '{"kind":"transferred","department":"区住房和建设局"}',
      basis_article: 22,
      basis_paragraph: 1,
      basis_item: 1,
      decided_by: hall.staffId('1001'),
    });
  });
});

describe('visits.decide refuses, in the clerk’s language, and writes nothing', () => {
  it('a second decision on the same case (CONFLICT, the case number named)', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    decided(hall, visit.id, { kind: 'accepted' });
    const before = counts(hall);
    const again = decide(hall, visit.id, { kind: 'not_accepted', reason: 'not_competent', competentBody: '市市场监督管理局' });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', message: `案件 ${visit.caseNumber} 已经作出处理决定，不能再次决定；后续进展请记入案件经过` });
    expect(errorOf(decide(hall, visit.id, { kind: 'accepted' }, undefined, 'en'))?.message).toBe(
      `Case ${visit.caseNumber} already has a decision; it cannot be decided again. Record later steps on its timeline.`,
    );
    expect(counts(hall)).toEqual(before);
    expect(decisionRow(hall, visit.id)?.kind).toBe('accepted');
  });

  it('a transfer without the department, a refusal without the competent body (VALIDATION_FAILED, the field named)', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const before = counts(hall);
    const noDepartment = errorOf(decide(hall, visit.id, { kind: 'transferred' }));
    expect(noDepartment).toMatchObject({ code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查：转送 / 交办单位', details: { params: { fields: 'decision.department' } } });
    const noBody = errorOf(decide(hall, visit.id, { kind: 'not_accepted', reason: 'legal_channel', channel: 'arbitration' }));
    expect(noBody).toMatchObject({ code: 'VALIDATION_FAILED', details: { params: { fields: 'decision.competentBody' } } });
    expect(errorOf(decide(hall, visit.id, { kind: 'postponed' }))?.code).toBe('VALIDATION_FAILED');
    expect(counts(hall)).toEqual(before);
  });

  it('a referral to a service the hall does not have, or to the case’s own service', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const before = counts(hall);
    const unknown = errorOf(decide(hall, visit.id, { kind: 'referred_service', serviceId: '01JD0000000000000000000000' }, undefined, 'zh-HK'));
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED', message: '要轉去的服務事項不存在或已停用，請重新整理頁面後重新選擇', details: { params: { fields: 'decision.serviceId' } } });
    const same = errorOf(decide(hall, visit.id, { kind: 'referred_service', serviceId: hall.serviceId('A') }, undefined, 'en'));
    expect(same).toMatchObject({ code: 'VALIDATION_FAILED', message: "A case cannot be referred to its own service: choose another of the hall's services." });
    expect(counts(hall)).toEqual(before);
  });

  it('grounds the article does not fit: a legal channel or mediation for a matter that is not 申诉求决类 (arts. 31, 33)', () => {
    const hall = hallOn(DAY);
    const suggestion = registerCase(hall, { matterClass: 'suggestion_opinion', purpose: 'opinion_suggestion' });
    const before = counts(hall);
    const channel = errorOf(decide(hall, suggestion.id, { kind: 'not_accepted', reason: 'legal_channel', channel: 'litigation', competentBody: '区人民法院' }));
    expect(channel).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('只适用于申诉求决类事项') });
    expect(errorOf(decide(hall, suggestion.id, { kind: 'mediation' }, undefined, 'en'))?.message).toContain('only for petitions seeking a remedy');
    expect(counts(hall)).toEqual(before);
  });

  it('a cited case of this site that does not exist, is this case, or is not in the state the article needs (arts. 19 para. 3, 36 para. 3)', () => {
    const hall = hallOn(DAY);
    const earlier = registerCase(hall); // only received: neither in handling nor final
    const visit = registerCase(hall);
    const before = counts(hall);
    const refusal = (reason: string, caseNumber: string) => errorOf(decide(hall, visit.id, { kind: 'not_accepted', reason, caseNumber }));
    expect(refusal('final_review_done', 'DEMO-20260302-099')).toMatchObject({ code: 'VALIDATION_FAILED', message: '本中心没有编号为 DEMO-20260302-099 的案件，请核对编号' });
    expect(refusal('already_in_handling', visit.caseNumber)?.message).toContain('不能引用本案自己的编号');
    expect(refusal('final_review_done', earlier.caseNumber)?.message).toBe(`案件 ${earlier.caseNumber} 尚未作出复核意见，不能以“不再受理”（第三十六条第三款）答复`);
    expect(refusal('already_in_handling', earlier.caseNumber)?.message).toBe(`案件 ${earlier.caseNumber} 目前不在受理或办理中，不适用第十九条第三款`);
    expect(counts(hall)).toEqual(before);

    // Once the earlier case is accepted, it is in handling: the refusal stands on art. 19 para. 3.
    expect(hall.call('clerk', 'visits.addEvent', { visitId: earlier.id, event: { type: 'accepted', date: DAY } }).ok).toBe(true);
    expect(decided(hall, visit.id, { kind: 'not_accepted', reason: 'already_in_handling', caseNumber: earlier.caseNumber }).decision.legalBasis).toEqual({
      article: 19,
      paragraph: 3,
    });
  });

  it('a case that does not exist (NOT_FOUND)', () => {
    const hall = hallOn(DAY);
    registerCase(hall);
    const before = counts(hall);
    expect(errorOf(decide(hall, '01JD0000000000000000000000', { kind: 'accepted' }))).toMatchObject({ code: 'NOT_FOUND', message: '找不到这条来访登记' });
    expect(counts(hall)).toEqual(before);
  });

  it('a decision the timeline does not allow: after the case was closed, or with a decision already on the timeline (TIMELINE_INVALID)', () => {
    const hall = hallOn(DAY);
    const closed = registerCase(hall);
    expect(hall.call('clerk', 'visits.addEvent', { visitId: closed.id, event: { type: 'closed', date: DAY }, note: '来访人撤回' }).ok).toBe(true);
    const accepted = registerCase(hall);
    expect(hall.call('clerk', 'visits.addEvent', { visitId: accepted.id, event: { type: 'accepted', date: DAY } }).ok).toBe(true);
    const before = counts(hall);

    const afterClosing = errorOf(decide(hall, closed.id, { kind: 'transferred', department: '区住房和建设局' }));
    expect(afterClosing).toMatchObject({ code: 'TIMELINE_INVALID', details: { params: { context: 'not_allowed_after', after: 'closed' } } });
    const twice = errorOf(decide(hall, accepted.id, { kind: 'accepted' }, undefined, 'en'));
    expect(twice).toMatchObject({ code: 'TIMELINE_INVALID', message: 'The acceptance is already recorded' });
    // Only the first of the three steps fits; none is written.
    expect(errorOf(decide(hall, accepted.id, { kind: 'answered_on_spot', answer: '已答复' }))?.code).toBe('TIMELINE_INVALID');
    expect(counts(hall)).toEqual(before);
  });

  it('a desk nobody signed in at, and a kiosk', () => {
    const hall = hallOn(DAY);
    const visit = registerCase(hall);
    const before = counts(hall);
    const unsigned = hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody' }, 'visits.decide', { visitId: visit.id, decision: { kind: 'accepted' } });
    expect(errorOf(unsigned)?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(hall.call('kiosk', 'visits.decide', { visitId: visit.id, decision: { kind: 'accepted' } }))?.code).toBe('FORBIDDEN');
    expect(counts(hall)).toEqual(before);
  });
});
