import { describe, expect, it } from 'vitest';
import { TIMELINE_ERROR_CODES, type RpcReply } from '../../../shared/contract';
import { i18nResources } from '../../../shared/i18n';
import { LANGUAGES } from '../../../shared/domain/languages';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { auditRowsOf } from '../audit/audit-log';
import { createTestHall, ManualClock, sessionTokenFor, TEST_CLERK } from '../testing/test-core';

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
    address: '深圳市光明区光明街道东周社区华夏路12号',
    problemLocationCode: 'guangming-dongzhou',
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
/** Everything a case writes, for "nothing was written". */
const allCounts = (hall: Hall) =>
  Object.fromEntries(
    ['visits', 'visit_events', 'visitors', 'visit_people', 'visit_tags'].map((table) => [
      table,
      hall.core.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    ]),
  );

/** `n` companions with valid, distinct ID numbers (4403041980010100n…). */
function companions(n: number, from = 1) {
  return Array.from({ length: n }, (_, i) => ({
    person: { idNumber: withCheck(`44030419800101${String(from + i).padStart(3, '0')}`), name: `同行人${from + i}`, phone: null },
    address: `深圳市光明区凤凰街道${from + i}号`,
  }));
}

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

  it('registers a group visit with five listed as its representatives; a sixth is refused with art. 20 quoted, nothing written', () => {
    const hall = createTestHall();
    const group = create(hall, { peopleCount: 30, jointOrGroup: true, companions: companions(4) });
    // More than five came: the five listed are the representatives (art. 20), the main visitor first.
    expect(group).toMatchObject({ peopleCount: 30, representatives: 5 });
    expect(group.people.map((p: { name: string }) => p.name)).toEqual(['李建国', '同行人1', '同行人2', '同行人3', '同行人4']);
    expect(group.people[0]).toMatchObject({ id: group.visitor.id, idMasked: maskedId(TYPED_ID), address: '深圳市光明区光明街道东周社区华夏路12号' });
    expect(group.people[1]).toMatchObject({ idMasked: maskedId(companions(1)[0]!.person.idNumber), phoneMasked: null, address: '深圳市光明区凤凰街道1号' });

    const before = allCounts(hall);
    for (const language of LANGUAGES) {
      const refused = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { peopleCount: 30, companions: companions(5) }), language));
      expect(refused).toMatchObject({ code: 'TOO_MANY_REPRESENTATIVES', details: { params: { context: 'listed', listed: 6, max: 5 } } });
      expect(refused?.message).toContain({ 'zh-CN': '第二十条', 'zh-HK': '第二十條', en: 'article 20' }[language]);
      expect(refused?.message).toContain('5');
    }
    // Six listed is refused even when only six came: the regulation bounds the representatives, not the group.
    expect(errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { peopleCount: 6, companions: companions(5) })))?.code).toBe('TOO_MANY_REPRESENTATIVES');
    // More listed than came.
    expect(errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { peopleCount: 2, companions: companions(2) })))).toMatchObject({
      code: 'TOO_MANY_REPRESENTATIVES',
      details: { params: { context: 'people_count', listed: 3, peopleCount: 2 } },
    });
    // More than five, nobody named: "name and address unclear" cannot stand for representatives.
    expect(errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { person: undefined, identityUnclear: true, address: '', peopleCount: 8 }))))
      .toMatchObject({ code: 'REPRESENTATIVES_REQUIRED' });
    expect(allCounts(hall)).toEqual(before);

    // Five or fewer came: everyone listed, no representatives.
    expect(create(hall, { peopleCount: 3, companions: companions(2, 10) })).toMatchObject({ peopleCount: 3, representatives: null });
  });

  it('refuses each bad input with its own error and writes nothing', () => {
    const hall = createTestHall();
    const ticketId = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket.id; // no registration
    const cases: [Record<string, unknown>, string, Record<string, unknown>?][] = [
      [{ summary: '  ' }, 'VALIDATION_FAILED', { fields: 'summary' }],
      [{ request: undefined, problemLocationCode: '' }, 'VALIDATION_FAILED', { fields: 'problemLocationCode, request' }],
      [{ address: '  ' }, 'VALIDATION_FAILED', { fields: 'address' }], // art. 19: 住址
      [{ problemLocationCode: 'atlantis' }, 'INVALID_LOCATION', { code: 'atlantis' }],
      [{ companions: [{ person: { idNumber: TYPED_ID, name: '李建国', phone: null } }] }, 'VALIDATION_FAILED', { context: 'duplicate', fields: 'companions.0.person.idNumber' }],
      [{ companions: [...companions(1), { person: { idNumber: '440304198001010020', name: '错号', phone: null } }] }, 'INVALID_ID'],
      [{ companions: [{ person: { idNumber: KIOSK_ID, name: '陳美玲', phone: '123' } }] }, 'INVALID_PHONE'],
      [{ person: undefined, identityUnclear: true, address: '', companions: companions(1) }, 'VALIDATION_FAILED', { fields: 'identityUnclear, companions' }],
      [{ tags: [{ kind: 'backlog' }, { kind: 'backlog' }] }, 'VALIDATION_FAILED', { fields: 'tags' }],
      [{ tags: [{ kind: 'leader_owned', leader: ' ' }] }, 'VALIDATION_FAILED', { fields: 'tags.0.leader' }],
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
    const missing = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { request: undefined, problemLocationCode: '' })));
    expect(missing?.message).toBe('提交的内容有误，请检查：问题属地, 诉求');
    // A companion's field is named as the form labels every companion's, whichever it is.
    const twice = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { companions: [...companions(1), ...companions(1)] }), 'zh-HK'));
    expect(twice).toMatchObject({ code: 'VALIDATION_FAILED', message: '同一個身份證號碼在本次登記中出現了兩次，請檢查：同行人身份證號碼', details: { params: { fields: 'companions.1.person.idNumber' } } });
    const badCompanion = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { companions: [...companions(1), { person: { idNumber: '440304198001010020', name: '错号', phone: null } }] })));
    expect(badCompanion?.details).toMatchObject({ field: 'companions.1.person' });
    expect(errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { person: undefined }), 'en'))?.message).toBe('Some of what was sent is not valid: petitioner');
    const badPhone = errorOf(hall.call('clerk', 'visits.create', visitInput(hall, { person: { idNumber: TYPED_ID, name: '', phone: null } }), 'zh-HK'));
    expect(badPhone?.message).toBe('提交的內容有誤，請檢查：信訪人姓名');
    expect(allCounts(hall)).toEqual({ visits: 0, visit_events: 0, visitors: 0, visit_people: 0, visit_tags: 0 });
    // "Name and address unclear": the one case without a visitor, nor an address.
    expect(create(hall, { person: undefined, identityUnclear: true, address: '' })).toMatchObject({ visitor: null, identityUnclear: true, people: [], address: '' });
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

describe('the case record: people, location, tags and what others record on it', () => {
  it("lists the kiosk's visitor and the companions with their addresses; a companion typed again is the same visitor, updated", () => {
    const hall = createTestHall();
    const ticketId = kioskTicket(hall);
    const [first] = companions(1);
    const visit = create(hall, { ticketId, person: undefined, peopleCount: 2, companions: [first] });
    expect(visit.people).toEqual([
      { id: visit.visitor.id, name: '陳美玲', idMasked: maskedId(KIOSK_ID), phoneMasked: '138****5678', address: '深圳市光明区光明街道东周社区华夏路12号' },
      { id: expect.any(String), name: '同行人1', idMasked: maskedId(first!.person.idNumber), phoneMasked: null, address: '深圳市光明区凤凰街道1号' },
    ]);
    expect(visit.address).toBe('深圳市光明区光明街道东周社区华夏路12号');
    // The kiosk's visitor typed again as a companion: the same person twice, nothing written.
    const before = allCounts(hall);
    const twice = errorOf(
      hall.call('clerk', 'visits.create', visitInput(hall, { ticketId, person: undefined, peopleCount: 2, companions: [{ person: { idNumber: KIOSK_ID, name: '陳美玲', phone: null } }] })),
    );
    expect(twice).toMatchObject({ code: 'VALIDATION_FAILED', details: { params: { context: 'duplicate', fields: 'companions.0.person.idNumber' } } });
    expect(allCounts(hall)).toEqual(before);
    // The companion comes back with a phone now: found by the ID's keyed hash, updated.
    const again = create(hall, { peopleCount: 2, companions: [{ person: { ...first!.person, phone: '13987654321' }, address: '' }] });
    expect(again.people[1]).toMatchObject({ id: visit.people[1].id, phoneMasked: '139****4321', address: '' });
    expect(JSON.stringify([visit, again])).not.toContain(first!.person.idNumber);
  });

  it('keeps the location as a code and as its zh-CN path; a retired location is refused for new cases and still reads on old ones', () => {
    const hall = createTestHall();
    const community = create(hall);
    expect(community).toMatchObject({ problemLocationCode: 'guangming-dongzhou', problemLocation: '光明街道 › 东周社区' });
    expect(create(hall, { problemLocationCode: 'matian' })).toMatchObject({ problemLocationCode: 'matian', problemLocation: '马田街道' });

    hall.value('admin', 'locations.import', {
      format: 'csv',
      content: 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en\nguangming,,street,光明街道,光明街道,Guangming Subdistrict\n',
    });
    const refused = errorOf(hall.call('clerk', 'visits.create', visitInput(hall), 'en'));
    expect(refused).toMatchObject({ code: 'INVALID_LOCATION', details: { params: { context: 'retired', code: 'guangming-dongzhou', name: '东周社区' } } });
    expect(refused?.message).toContain('retired');
    expect(hall.value('clerk', 'visits.get', { id: community.id }).visit).toMatchObject({ problemLocationCode: 'guangming-dongzhou', problemLocation: '光明街道 › 东周社区' });
  });

  it('reads a case registered before the street / community list: no code, its free text, its main visitor as the one person', () => {
    const hall = createTestHall();
    const visit = create(hall);
    // As migration 0009 left a 0007 case: no code, no people rows.
    hall.core.db.prepare("UPDATE visits SET problem_location_code = NULL, problem_location = '福田区华富街道', address = '' WHERE id = ?").run(visit.id);
    hall.core.db.prepare('DELETE FROM visit_people WHERE visit_id = ?').run(visit.id);
    expect(hall.value('clerk', 'visits.get', { id: visit.id }).visit).toMatchObject({
      problemLocationCode: '',
      problemLocation: '福田区华富街道',
      people: [{ id: visit.visitor.id, name: '李建国', address: '' }],
    });
  });

  it('keeps tags (each kind once, 领导包案 with its leader) and replaces them in one step', () => {
    const hall = createTestHall();
    const visit = create(hall, { tags: [{ kind: 'leader_owned', leader: '张明 副区长' }, { kind: 'backlog' }] });
    expect(visit.tags).toEqual([{ kind: 'backlog' }, { kind: 'leader_owned', leader: '张明 副区长' }]);
    const replaced = hall.value('clerk', 'visits.setTags', { visitId: visit.id, tags: [{ kind: 'six_without' }, { kind: 'three_cross' }] }).visit;
    expect(replaced.tags).toEqual([{ kind: 'six_without' }, { kind: 'three_cross' }]);
    // A bad replacement changes nothing.
    expect(errorOf(hall.call('clerk', 'visits.setTags', { visitId: visit.id, tags: [{ kind: 'backlog' }, { kind: 'backlog' }] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { params: { fields: 'tags' } },
    });
    expect(errorOf(hall.call('clerk', 'visits.setTags', { visitId: visit.id, tags: [{ kind: 'leader_owned' }] }))?.code).toBe('VALIDATION_FAILED');
    expect(hall.value('clerk', 'visits.get', { id: visit.id }).visit.tags).toEqual(replaced.tags);
    expect(hall.value('clerk', 'visits.setTags', { visitId: visit.id, tags: [] }).visit.tags).toEqual([]);
    expect(errorOf(hall.call('clerk', 'visits.setTags', { visitId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', tags: [] }))?.code).toBe('NOT_FOUND');
    expect(errorOf(hall.call('admin', 'visits.setTags', { visitId: visit.id, tags: [] }))?.code).toBe('FORBIDDEN');
  });

  it('records who changed the tags (a 领导包案 leader too) in the audit log, with the change; a refused change records nothing', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const visit = create(hall);
    const tagRows = () => auditRowsOf(hall.core.db, `visit:${visit.id}`);
    expect(tagRows()).toEqual([]);
    hall.value('clerk', 'visits.setTags', { visitId: visit.id, tags: [{ kind: 'leader_owned', leader: '张明 副区长' }] });
    clock.advance(60_000);
    hall.value('clerk', 'visits.setTags', { visitId: visit.id, tags: [{ kind: 'backlog' }, { kind: 'leader_owned', leader: '李华 区长' }] });
    const clerkId = hall.staffId(TEST_CLERK.staffNo);
    expect(tagRows()).toEqual([
      expect.objectContaining({ at: hall.clock.now() - 60_000, actorId: clerkId, action: 'visit.tags', details: { tags: [{ kind: 'leader_owned', leader: '张明 副区长' }] } }),
      expect.objectContaining({ at: hall.clock.now(), actorId: clerkId, action: 'visit.tags', details: { tags: [{ kind: 'backlog' }, { kind: 'leader_owned', leader: '李华 区长' }] } }),
    ]);
    expect(hall.core.audit.verify()).toEqual({ ok: true, rows: 2 });

    expect(errorOf(hall.call('clerk', 'visits.setTags', { visitId: visit.id, tags: [{ kind: 'backlog' }, { kind: 'backlog' }] }))?.code).toBe('VALIDATION_FAILED');
    expect(errorOf(hall.call('clerk', 'visits.setTags', { visitId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', tags: [] }))?.code).toBe('NOT_FOUND');
    const unsigned = hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody' }, 'visits.setTags', { visitId: visit.id, tags: [] });
    expect(errorOf(unsigned)?.code).toBe('NOT_SIGNED_IN');
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(2);
  });

  it("reads the desk's decision, the attachments (never their content) and the latest rating as the other parts record them", () => {
    const hall = createTestHall();
    const visit = create(hall);
    expect(visit).toMatchObject({ decision: null, attachments: [], rating: null });
    const db = hall.core.db;
    const clerk = hall.staffId('1001');
    db.prepare(
      `INSERT INTO visit_decisions (visit_id, kind, decision, basis_article, basis_paragraph, basis_item, decided_by, decided_at)
       VALUES (?, 'assigned', ?, 22, 1, 3, ?, 1000)`,
    ).run(visit.id, JSON.stringify({ kind: 'assigned', department: '光明区住房和建设局' }), clerk);
    db.prepare(
      `INSERT INTO visit_attachments (id, visit_id, file_name, media_type, size, sha256, content_enc, added_by, added_at)
       VALUES ('01JATTACHMENT0000000000001', ?, '身份证复印件.jpg', 'image/jpeg', 3, ?, x'DEADBEEF', ?, 2000)`,
    ).run(visit.id, 'a'.repeat(64), clerk);
    const request = db.prepare(
      `INSERT INTO rating_requests (id, window_id, visit_id, staff_id, requested_at, service_day, state, closed_at) VALUES (?, ?, ?, ?, ?, '2026-11-24', ?, ?)`,
    );
    const rating = db.prepare('INSERT INTO ratings (request_id, level, reasons, rated_at) VALUES (?, ?, ?, ?)');
    request.run('01JRATINGREQUEST0000000001', hall.windowId(1), visit.id, clerk, 3000, 'rated', 3100);
    rating.run('01JRATINGREQUEST0000000001', 2, JSON.stringify(['waiting']), 3100);
    request.run('01JRATINGREQUEST0000000002', hall.windowId(1), visit.id, clerk, 4000, 'rated', 4100);
    rating.run('01JRATINGREQUEST0000000002', 5, JSON.stringify(['attitude', 'clarity']), 4100);

    const read = hall.value('clerk', 'visits.get', { id: visit.id }).visit;
    expect(read.decision).toEqual({
      decision: { kind: 'assigned', department: '光明区住房和建设局' },
      legalBasis: { article: 22, paragraph: 1, item: 3 },
      decidedBy: { id: clerk, staffNo: '1001', name: '王丽' },
      decidedAt: 1000,
    });
    expect(read.attachments).toEqual([
      {
        id: '01JATTACHMENT0000000000001',
        fileName: '身份证复印件.jpg',
        mediaType: 'image/jpeg',
        size: 3,
        sha256: 'a'.repeat(64),
        addedBy: { id: clerk, staffNo: '1001', name: '王丽' },
        addedAt: 2000,
      },
    ]);
    expect(read.rating).toEqual({ level: 5, reasons: ['attitude', 'clarity'], ratedAt: 4100 });
  });
});

describe('visits.history: the returning visitor and the warnings of arts. 19 and 36', () => {
  it('lists the cases a visitor is listed on, newest first, by id or by the ID number typed; an unknown number is nobody yet', () => {
    const hall = createTestHall();
    const ticketId = kioskTicket(hall);
    const own = create(hall, { ticketId, person: undefined }); // the kiosk's visitor as main visitor
    const asCompanion = create(hall, { peopleCount: 2, companions: [{ person: { idNumber: KIOSK_ID, name: '陳美玲', phone: PHONE }, address: '' }] });
    create(hall); // someone else's alone
    const visitorId = own.visitor.id;

    const byId = hall.value('clerk', 'visits.history', { visitorId });
    expect(byId.visitor).toEqual({ id: visitorId, name: '陳美玲', idMasked: maskedId(KIOSK_ID), phoneMasked: '138****5678' });
    expect(byId.visits.map((v: { id: string }) => v.id)).toEqual([asCompanion.id, own.id]);
    expect(byId.visits[1]).toMatchObject({ caseNumber: own.caseNumber, visitorName: '陳美玲', stage: 'received', final: false, registeredBy: { staffNo: '1001' } });
    expect(byId.warnings).toEqual([{ kind: 'repeat_visit', earlierVisits: 2, lastVisitOn: '2026-11-24' }]);
    // Typed at the desk, lower-case x and all: the same visitor through the keyed hash.
    expect(hall.value('clerk', 'visits.history', { idNumber: KIOSK_ID.toLowerCase() })).toEqual(byId);
    expect(JSON.stringify(byId)).not.toContain(KIOSK_ID);

    expect(hall.value('clerk', 'visits.history', { idNumber: withCheck('11010519491231002') })).toEqual({ visitor: null, visits: [], warnings: [] });
    expect(errorOf(hall.call('clerk', 'visits.history', { idNumber: '440304199002150021' }))).toMatchObject({ code: 'INVALID_ID' });
    expect(errorOf(hall.call('clerk', 'visits.history', { visitorId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }))).toMatchObject({ code: 'NOT_FOUND', message: '找不到该信访人，请刷新后重试' });
    expect(errorOf(hall.call('clerk', 'visits.history', {}))?.code).toBe('VALIDATION_FAILED');
    expect(errorOf(hall.call('clerk', 'visits.history', { visitorId, idNumber: KIOSK_ID }))?.code).toBe('VALIDATION_FAILED');
    // The case being registered is left out: a first visit has no warning.
    expect(hall.value('clerk', 'visits.history', { visitorId, excludeVisitId: asCompanion.id }).warnings).toEqual([
      { kind: 'repeat_visit', earlierVisits: 1, lastVisitOn: '2026-11-24' },
    ]);
  });

  it('warns of the same matter in handling (art. 19 para. 3) and past its 复核 (art. 36 para. 3), from hand-built timelines', () => {
    const clock = new ManualClock(); // 2026-11-24
    const hall = createTestHall({ clock });
    const inHandling = create(hall).id; // accepted: in handling
    const final = create(hall).id; // 办理 → 复查 → 复核 answered
    const replied = create(hall).id; // accepted and replied: handled
    const received = create(hall).id; // only received: not yet accepted
    const otherMatter = create(hall, { categoryCode: '030101' }).id; // accepted, another category
    const inReview = create(hall).id; // replied, 复查 requested and not yet answered: in handling again
    moveTo(clock, '2027-01-20');
    const steps: [string, Record<string, unknown>][] = [
      [inHandling, { type: 'accepted', date: '2026-11-25' }],
      [otherMatter, { type: 'accepted', date: '2026-11-25' }],
      [replied, { type: 'accepted', date: '2026-11-25' }],
      [replied, { type: 'replied', date: '2026-12-01' }],
      [final, { type: 'accepted', date: '2026-11-25' }],
      [final, { type: 'replied', date: '2026-11-30' }],
      [final, { type: 'review_requested', date: '2026-12-10' }],
      [final, { type: 'review_answered', date: '2026-12-20' }],
      [final, { type: 'final_review_requested', date: '2026-12-28' }],
      [final, { type: 'final_review_answered', date: '2027-01-15' }],
      [inReview, { type: 'accepted', date: '2026-11-25' }],
      [inReview, { type: 'replied', date: '2026-12-02' }],
      [inReview, { type: 'review_requested', date: '2026-12-20' }],
    ];
    for (const [visitId, event] of steps) valueOf(addEvent(hall, visitId, event));
    const today = create(hall); // the visit being registered now, same matter
    const caseNumberOf = (id: string) => hall.value('clerk', 'visits.get', { id }).visit.caseNumber;

    const history = hall.value('clerk', 'visits.history', { visitorId: today.visitor.id, categoryCode: '020101', excludeVisitId: today.id });
    expect(history.visits.map((v: { id: string }) => v.id)).toEqual([inReview, otherMatter, received, replied, final, inHandling]);
    expect(history.visits.find((v: { id: string }) => v.id === final)).toMatchObject({ final: true, stage: 'final_review_answered' });
    expect(history.warnings).toEqual([
      { kind: 'repeat_visit', earlierVisits: 6, lastVisitOn: '2026-11-24' },
      { kind: 'same_matter_in_handling', visitId: inReview, caseNumber: caseNumberOf(inReview), categoryCode: '020101', article: { article: 19, paragraph: 3 } },
      { kind: 'same_matter_final', visitId: final, caseNumber: caseNumberOf(final), categoryCode: '020101', article: { article: 36, paragraph: 3 } },
      { kind: 'same_matter_in_handling', visitId: inHandling, caseNumber: caseNumberOf(inHandling), categoryCode: '020101', article: { article: 19, paragraph: 3 } },
    ]);
    // Another matter: only the repeat visit, and the case in handling of that matter.
    expect(hall.value('clerk', 'visits.history', { visitorId: today.visitor.id, categoryCode: '030101', excludeVisitId: today.id }).warnings).toEqual([
      expect.objectContaining({ kind: 'repeat_visit' }),
      expect.objectContaining({ kind: 'same_matter_in_handling', visitId: otherMatter }),
    ]);
  });

  it('lists at most 50 cases but counts them all, and reads the visitor\'s cases by index, never every case', () => {
    const hall = createTestHall();
    const ids = Array.from({ length: 52 }, () => create(hall).id);
    const history = hall.value('clerk', 'visits.history', { idNumber: TYPED_ID });
    expect(history.visits).toHaveLength(50);
    expect(history.visits[0].id).toBe(ids[51]);
    expect(history.warnings[0]).toEqual({ kind: 'repeat_visit', earlierVisits: 52, lastVisitOn: '2026-11-24' });
    const plan = hall.core.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT v.id FROM visits v
         WHERE v.id IN (SELECT visit_id FROM visit_people WHERE visitor_id = 'x' UNION SELECT id FROM visits WHERE visitor_id = 'x') AND v.id <> ''
         ORDER BY v.registered_at DESC, v.id DESC LIMIT -1`,
      )
      .all()
      .map((row: any) => row.detail as string);
    expect(plan.join('\n')).toMatch(/visit_people_visitor/);
    expect(plan.join('\n')).toMatch(/visits_visitor/);
    expect(plan.filter((detail) => /^SCAN v\b/.test(detail))).toEqual([]);
  });
});

describe('visits.mine', () => {
  it("lists the signed-in clerk's cases of a day, newest first, with their stage and next deadline", () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const first = create(hall);
    const second = create(hall, { tags: [{ kind: 'backlog' }] });
    const desk2 = { role: 'clerk' as const, language: 'zh-CN' as const, sessionId: 'desk-2' };
    expect(hall.dispatch(desk2, 'auth.resume', { token: sessionTokenFor(hall.core, hall.clock, '1002') }).ok).toBe(true);
    const theirs = valueOf(hall.dispatch(desk2, 'visits.create', visitInput(hall))).visit;

    const mine = hall.value('clerk', 'visits.mine', {});
    expect(mine.day).toBe('2026-11-24');
    expect(mine.visits.map((v: { id: string }) => v.id)).toEqual([second.id, first.id]);
    expect(mine.visits[0]).toMatchObject({
      caseNumber: 'DEMO-20261124-002',
      visitorName: '李建国',
      categoryCode: '020101',
      stage: 'received',
      tags: [{ kind: 'backlog' }],
      nextDeadline: { kind: 'referral', dueDate: '2026-12-09', state: 'open', article: { article: 22, paragraph: 1 } },
    });
    expect(valueOf(hall.dispatch(desk2, 'visits.mine', {})).visits.map((v: { id: string }) => v.id)).toEqual([theirs.id]);
    clock.advance(DAY_MS);
    expect(hall.value('clerk', 'visits.mine', {})).toEqual({ day: '2026-11-25', visits: [] });
    expect(hall.value('clerk', 'visits.mine', { day: '2026-11-24' }).visits).toHaveLength(2);
    expect(errorOf(hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'desk-nobody' }, 'visits.mine', {}))?.code).toBe('NOT_SIGNED_IN');
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
