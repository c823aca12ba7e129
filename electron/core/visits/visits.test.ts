import { describe, expect, it } from 'vitest';
import { TIMELINE_ERROR_CODES, type RpcReply } from '../../../shared/contract';
import { i18nResources } from '../../../shared/i18n';
import { LANGUAGES } from '../../../shared/domain/languages';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { createTestHall, ManualClock, sessionTokenFor } from '../testing/test-core';

/** A valid ID number from the first 17 characters. */
const withCheck = (first17: string) => first17 + checkCharacter(first17);
const KIOSK_ID = withCheck('44030419900215002');
const TYPED_ID = withCheck('44030419750606003');
const PHONE = '13812345678';
const DAY_MS = 24 * 60 * 60 * 1000;

type Hall = ReturnType<typeof createTestHall>;

/** A complete visits.create input; tests override what they are about. */
function visitInput(hall: Hall, extra: Record<string, unknown> = {}) {
  return {
    person: { idNumber: TYPED_ID, name: '李建国', phone: PHONE },
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    representatives: null,
    problemLocation: '福田区华富街道',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决',
    request: '要求物业公司按原标准收费',
    factsAndReasons: '物业公司于2026年10月起单方面上调收费标准。',
    firstTime: true,
    jointOrGroup: false,
    ...extra,
  };
}

const counts = (hall: Hall) =>
  Object.fromEntries(
    ['visits', 'visit_events', 'visitors'].map((table) => [table, hall.core.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number]),
  );

const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

function kioskTicket(hall: Hall): string {
  const taken = hall.value('kiosk', 'kiosk.takeNumber', {
    serviceId: hall.serviceId('A'),
    language: 'zh-HK',
    person: { idNumber: KIOSK_ID, name: '陳美玲', phone: PHONE },
    partySize: 1,
    representatives: null,
    declaredPriority: null,
  });
  return taken.ticket.id;
}

function create(hall: Hall, extra: Record<string, unknown> = {}) {
  return hall.value('clerk', 'visits.create', visitInput(hall, extra)).visit;
}

function addEvent(hall: Hall, visitId: string, event: Record<string, unknown>) {
  return hall.call('clerk', 'visits.addEvent', { visitId, event });
}

/** Moves the test clock to 09:00 in Shenzhen on `day`. */
function moveTo(clock: ManualClock, day: string) {
  clock.advance(Date.parse(`${day}T01:00:00Z`) - clock.now());
}

describe('visits.create', () => {
  it('registers a case from a kiosk ticket: the kiosk visitor linked, ID and phone masked, the received event and its deadline', () => {
    const hall = createTestHall();
    const ticketId = kioskTicket(hall);
    const visit = create(hall, { ticketId, person: undefined });
    expect(visit).toMatchObject({
      caseNumber: 'DEMO-20261124-001',
      officialNumber: null,
      ticketId,
      visitor: { name: '陳美玲', idMasked: maskedId(KIOSK_ID), phoneMasked: '138****5678' },
      registeredBy: { staffNo: '1001', name: '王丽' },
      receivedOn: '2026-11-24',
      form: 'walk_in',
      identityUnclear: false,
      receiver: 'petition_department',
      timeline: [{ event: { type: 'received', date: '2026-11-24', by: 'petition_department' }, note: null }],
      finality: null,
    });
    const visitorId = hall.value('clerk', 'visitors.ofTicket', { ticketId }).registration.visitor.id;
    expect(visit.visitor.id).toBe(visitorId);
    // Art. 22: registered, transferred or decided within 15 days.
    expect(visit.deadlines).toEqual([
      expect.objectContaining({ kind: 'referral', article: { article: 22, paragraph: 1 }, dueDate: '2026-12-09', status: { state: 'open', daysLeft: 15 } }),
    ]);
    expect(JSON.stringify(visit)).not.toContain(KIOSK_ID);
    expect(JSON.stringify(visit)).not.toContain(PHONE);
    expect(counts(hall)).toEqual({ visits: 1, visit_events: 1, visitors: 1 });
    expect(hall.value('clerk', 'visits.get', { id: visit.id })).toEqual({ visit });
  });

  it('registers a case with the ID the clerk typed: the visitor created, then found again by the ID', () => {
    const hall = createTestHall();
    const first = create(hall);
    expect(first.visitor).toMatchObject({ name: '李建国', idMasked: maskedId(TYPED_ID), phoneMasked: '138****5678' });
    const again = create(hall, { person: { idNumber: TYPED_ID.toLowerCase(), name: '李建国', phone: null } });
    expect(again.visitor).toMatchObject({ id: first.visitor.id, phoneMasked: null });
    expect(counts(hall)).toEqual({ visits: 2, visit_events: 2, visitors: 1 });
    const row = hall.core.db.prepare('SELECT * FROM visitors').get() as Record<string, unknown>;
    expect((row.id_number_enc as Buffer).includes(Buffer.from(TYPED_ID))).toBe(false);
  });

  it('numbers cases per site and received day: 001, 002, then 001 again the next day', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    expect(create(hall).caseNumber).toBe('DEMO-20261124-001');
    expect(create(hall).caseNumber).toBe('DEMO-20261124-002');
    clock.advance(DAY_MS);
    expect(create(hall)).toMatchObject({ caseNumber: 'DEMO-20261125-001', receivedOn: '2026-11-25' });
  });

  it('registers a group visit with five representatives; a sixth is refused with art. 20 quoted, nothing written', () => {
    const hall = createTestHall();
    expect(create(hall, { peopleCount: 30, representatives: 5, jointOrGroup: true })).toMatchObject({ peopleCount: 30, representatives: 5 });
    const before = counts(hall);
    const refused = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { peopleCount: 30, representatives: 6 })));
    expect(refused).toMatchObject({ code: 'TOO_MANY_REPRESENTATIVES', details: { params: { representatives: 6, max: 5 } } });
    expect(refused?.message).toContain('第二十条');
    expect(errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { peopleCount: 8, representatives: null }))))
      .toMatchObject({ code: 'REPRESENTATIVES_REQUIRED' });
    expect(counts(hall)).toEqual(before);
  });

  it('refuses each bad input with its own error and writes nothing', () => {
    const hall = createTestHall();
    const ticketId = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket.id; // no registration
    const cases: [Record<string, unknown>, string, Record<string, unknown>?][] = [
      [{ summary: '  ' }, 'VALIDATION_FAILED', { fields: 'summary' }],
      [{ request: undefined, problemLocation: '' }, 'VALIDATION_FAILED', { fields: 'problemLocation, request' }],
      [{ purpose: 'complaint' }, 'VALIDATION_FAILED', { fields: 'purpose' }],
      [{ person: undefined }, 'VALIDATION_FAILED', { fields: 'person' }], // no visitor and not "identity unclear"
      [{ person: undefined, ticketId }, 'VALIDATION_FAILED', { fields: 'person' }], // the ticket has no kiosk registration
      [{ person: { idNumber: TYPED_ID.slice(0, 17) + (TYPED_ID.endsWith('0') ? '1' : '0'), name: '李建国', phone: null } }, 'INVALID_ID', { context: 'checkCharacter' }],
      [{ person: { idNumber: TYPED_ID, name: '李建国', phone: '12345' } }, 'INVALID_PHONE'],
      [{ serviceId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, 'NOT_FOUND', { context: 'service' }],
      [{ ticketId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, 'NOT_FOUND', { context: 'ticket' }],
      [{ categoryCode: '99' }, 'INVALID_CATEGORY', { code: '99' }],
    ];
    for (const [extra, code, params] of cases) {
      const error = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, extra)));
      expect(error?.code, JSON.stringify(extra)).toBe(code);
      if (params) expect(error?.details, JSON.stringify(extra)).toMatchObject({ params });
    }
    // The message names the fields as the clerk's form labels them; details keep the contract's names.
    const missing = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { request: undefined, problemLocation: '' })));
    expect(missing?.message).toBe('提交的内容有误，请检查：问题属地, 诉求');
    expect(errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { person: undefined }), 'en'))?.message).toBe('Some of what was sent is not valid: petitioner');
    const badPhone = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { person: { idNumber: TYPED_ID, name: '', phone: null } }), 'zh-HK'));
    expect(badPhone?.message).toBe('提交的內容有誤，請檢查：信訪人姓名');
    expect(counts(hall)).toEqual({ visits: 0, visit_events: 0, visitors: 0 });
    // "Name and address unclear": the one case without a visitor.
    expect(create(hall, { person: undefined, identityUnclear: true })).toMatchObject({ visitor: null, identityUnclear: true });
  });

  it('refuses a category retired by a newer dictionary, naming the dictionary, in the clerk\'s language', () => {
    const hall = createTestHall();
    hall.value('admin', 'categories.import', {
      format: 'csv',
      text: 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en\n02,,1,城乡建设,城鄉建設,Urban and rural construction\n',
      version: '2026.2',
    });
    const refused = errorOf(hall.call('clerk', 'visits.create', visitInput(hall), 'en'));
    expect(refused).toMatchObject({ code: 'INVALID_CATEGORY', details: { params: { context: 'retired', code: '020101', version: '2026.2' } } });
    expect(refused?.message).toContain('retired');
    expect(create(hall, { categoryCode: '02' }).categoryCode).toBe('02');
  });

  it('asks a desk nobody signed in at to sign in', () => {
    const hall = createTestHall();
    const reply = hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'desk-nobody' }, 'visits.create', visitInput(hall));
    expect(errorOf(reply)?.code).toBe('NOT_SIGNED_IN');
    // The admin page does not sign in until issue 9: it sees the hall's figures (visits.kpis), never a case.
    expect(errorOf(hall.call('admin', 'visits.create', visitInput(hall)))?.code).toBe('FORBIDDEN');
    expect(errorOf(hall.call('admin', 'visits.dueList', { scope: 'hall' }))?.code).toBe('FORBIDDEN');
    expect(counts(hall)).toMatchObject({ visits: 0 });
  });
});

describe('visits.addEvent: the timeline and its deadlines (docs/deadlines.md)', () => {
  it('moves the deadlines as the case goes: accepted → extended → replied → 复查, refusing impossible steps', () => {
    const clock = new ManualClock(); // 2026-11-24
    const hall = createTestHall({ clock });
    const { id } = create(hall);

    // A reply before acceptance (art. 34 counts from acceptance).
    expect(errorOf(addEvent(hall, id, { type: 'replied', date: '2026-11-24' }))).toMatchObject({
      code: 'TIMELINE_INVALID',
      message: '须先登记“受理”，才能登记“书面答复”',
      details: { params: { context: 'missing_prerequisite', requires: 'accepted', type: 'replied' } },
    });
    // Nothing that has not happened yet.
    expect(errorOf(addEvent(hall, id, { type: 'accepted', date: '2026-11-30' }))?.details).toMatchObject({ params: { context: 'event_after_today' } });

    // Accepted on 11-30: the referral duty (due 12-09) is met; handling runs 60 days to 2027-01-29 (art. 34).
    moveTo(clock, '2026-11-30');
    let visit = valueOf(addEvent(hall, id, { type: 'accepted', date: '2026-11-30' })).visit;
    expect(deadline(visit, 'referral')).toMatchObject({ dueDate: '2026-12-09', status: { state: 'met', on: '2026-11-30' } });
    expect(deadline(visit, 'handling')).toMatchObject({ startDate: '2026-11-30', dueDate: '2027-01-29', extensionDays: 0, status: { state: 'open', daysLeft: 60 } });

    // An extension of 31 days: over art. 34's 30, refused in the clerk's language, nothing written.
    moveTo(clock, '2026-12-10');
    const before = counts(hall);
    const over = errorOf(hall.call('clerk', 'visits.addEvent', { visitId: id, event: { type: 'extended', date: '2026-12-10', days: 31, reason: '涉及多个部门' } }, 'zh-HK'));
    expect(over).toMatchObject({ code: 'TIMELINE_INVALID', details: { params: { context: 'extension_over_limit', totalDays: 31, maxDays: 30 } } });
    expect(over?.message).toContain('第三十四條');
    expect(errorOf(addEvent(hall, id, { type: 'extended', date: '2026-12-10', days: 10, reason: ' ' }))?.details).toMatchObject({
      params: { context: 'extension_without_reason' },
    });
    expect(counts(hall)).toEqual(before);

    // 30 days: 90 in all, 2027-02-28 is a Sunday, so the period ends on Monday 2027-03-01.
    visit = valueOf(addEvent(hall, id, { type: 'extended', date: '2026-12-10', days: 30, reason: '涉及多个部门' })).visit;
    expect(deadline(visit, 'handling')).toMatchObject({ dueDate: '2027-03-01', unmovedDueDate: '2027-02-28', extensionDays: 30, period: { length: 90 } });

    // Replied on 12-20, delivered 12-22: handling met; the petitioner may ask for 复查 until 2027-01-21 (art. 35).
    moveTo(clock, '2026-12-22');
    visit = valueOf(addEvent(hall, id, { type: 'replied', date: '2026-12-20', deliveredOn: '2026-12-22' })).visit;
    expect(deadline(visit, 'handling')?.status).toEqual({ state: 'met', on: '2026-12-20' });
    expect(deadline(visit, 'review_request')).toMatchObject({ nature: 'window', startDate: '2026-12-22', dueDate: '2027-01-21' });

    // 复核 before 复查 is refused; 复查 requested on 2027-01-05 gives its opinion until 2027-02-04.
    moveTo(clock, '2027-01-05');
    expect(errorOf(addEvent(hall, id, { type: 'final_review_requested', date: '2027-01-05' }))?.details).toMatchObject({
      params: { context: 'missing_prerequisite', requires: 'review_answered' },
    });
    visit = valueOf(hall.call('clerk', 'visits.addEvent', { visitId: id, event: { type: 'review_requested', date: '2027-01-05' }, note: '向区政府申请复查' })).visit;
    expect(deadline(visit, 'review_request')?.status).toEqual({ state: 'met', on: '2027-01-05' });
    expect(deadline(visit, 'review_opinion')).toMatchObject({ article: { article: 35 }, dueDate: '2027-02-04', status: { state: 'open', daysLeft: 30 } });
    expect(visit.timeline.map((step: { event: { type: string } }) => step.event.type)).toEqual(['received', 'accepted', 'extended', 'replied', 'review_requested']);
    expect(visit.timeline[4]).toMatchObject({ note: '向区政府申请复查', actorId: hall.staffId('1001') });

    // Stored as written: read back, the same case.
    expect(hall.value('clerk', 'visits.get', { id }).visit).toEqual(visit);
    expect(errorOf(addEvent(hall, '01JZZZZZZZZZZZZZZZZZZZZZZZ', { type: 'accepted', date: '2027-01-05' }))).toMatchObject({ code: 'NOT_FOUND', message: '找不到这条来访登记' });
  });

  it('words every timeline problem in every language', () => {
    for (const language of LANGUAGES) {
      const errors = i18nResources[language].translation.errors as Record<string, string>;
      for (const code of TIMELINE_ERROR_CODES) expect(errors[`TIMELINE_INVALID_${code}`], `${language} ${code}`).toBeTruthy();
    }
  });
});

describe('visits.dueList', () => {
  it("lists deadlines due soon, today and overdue, of the clerk's own cases or the whole hall's", () => {
    const hall = createTestHall();
    const mine = create(hall);
    const desk2 = { role: 'clerk' as const, language: 'zh-CN' as const, sessionId: 'desk-2' };
    expect(hall.dispatch(desk2, 'auth.resume', { token: sessionTokenFor(hall.core, hall.clock, '1002') }).ok).toBe(true);
    const theirs = valueOf(hall.dispatch(desk2, 'visits.create', visitInput(hall))).visit;

    // Both received 11-24: the referral is due 12-09 (art. 22).
    expect(hall.value('clerk', 'visits.dueList', { scope: 'hall', today: '2026-12-01' }).items).toEqual([]); // 8 days left: not yet
    const soon = hall.value('clerk', 'visits.dueList', { scope: 'hall', today: '2026-12-07' });
    expect(soon.items).toEqual([
      { visitId: mine.id, caseNumber: 'DEMO-20261124-001', registeredBy: hall.staffId('1001'), kind: 'referral', nature: 'duty', article: { article: 22, paragraph: 1 }, dueDate: '2026-12-09', state: 'due_soon', daysLeft: 2 },
      expect.objectContaining({ visitId: theirs.id, caseNumber: 'DEMO-20261124-002', registeredBy: hall.staffId('1002'), state: 'due_soon' }),
    ]);
    expect(hall.value('clerk', 'visits.dueList', { scope: 'mine', today: '2026-12-09' }).items).toEqual([
      expect.objectContaining({ visitId: mine.id, state: 'due_today', daysLeft: 0 }),
    ]);
    expect(valueOf(hall.dispatch(desk2, 'visits.dueList', { scope: 'mine', today: '2026-12-10' })).items).toEqual([
      expect.objectContaining({ visitId: theirs.id, state: 'overdue', daysLeft: -1 }),
    ]);
    // Today by default: the hall's service day.
    expect(hall.value('clerk', 'visits.dueList', { scope: 'hall' })).toEqual({ today: '2026-11-24', items: [] });
  });
});

describe('visits.kpis', () => {
  it('computes 及时受理率 and 按期办结率 over hand-counted cases', () => {
    const clock = new ManualClock(); // 2026-11-24
    const hall = createTestHall({ clock });
    const k1 = create(hall).id; // accepted 11-30 (on time), replied 12-15
    const k2 = create(hall).id; // accepted 12-15, after the 12-09 referral deadline: late
    create(hall); // never decided: overdue on 12-15, late
    moveTo(clock, '2026-11-30');
    valueOf(addEvent(hall, k1, { type: 'accepted', date: '2026-11-30' }));
    moveTo(clock, '2026-12-15');
    valueOf(addEvent(hall, k1, { type: 'replied', date: '2026-12-15' }));
    valueOf(addEvent(hall, k2, { type: 'accepted', date: '2026-12-15' }));
    create(hall); // received 12-15: its referral runs to 12-30, pending

    const november = hall.value('clerk', 'visits.kpis', { from: '2026-11-01', to: '2026-11-30' });
    expect(november.timelyAcceptance).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3, pending: 0, invalid: 0 });
    // No handling deadline falls in November and none ended there.
    expect(november.onTimeClosure).toEqual({ numerator: 0, denominator: 0, rate: null, pending: 0, invalid: 0 });

    const december = hall.value('clerk', 'visits.kpis', { from: '2026-12-01', to: '2026-12-31' });
    expect(december.timelyAcceptance).toEqual({ numerator: 0, denominator: 0, rate: null, pending: 1, invalid: 0 });
    // k1 replied 12-15, before its 2027-01-29 deadline; k2's handling runs to 2027-02-13: outside.
    expect(december.onTimeClosure).toEqual({ numerator: 1, denominator: 1, rate: 1, pending: 0, invalid: 0 });

    expect(errorOf(hall.call('clerk', 'visits.kpis', { from: '2026-12-31', to: '2026-12-01' }))?.code).toBe('VALIDATION_FAILED');
  });
});

function maskedId(id: string): string {
  return `${id.slice(0, 4)}**********${id.slice(-4)}`;
}

function valueOf(reply: RpcReply): any {
  if (!reply.ok) throw new Error(`${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

function deadline(visit: { deadlines: { kind: string }[] }, kind: string): any {
  return visit.deadlines.find((d) => d.kind === kind);
}
