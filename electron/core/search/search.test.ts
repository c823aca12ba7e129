import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitSummary } from '../../../shared/contract';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { MIGRATIONS_DIRECTORY, openDatabase } from '../db/database';
import { loadMigrations, migrate } from '../db/migrate';
import { PersonalDataCrypto } from '../privacy/personal-data-crypto';
import { createTestHall, ManualClock } from '../testing/test-core';
import { SearchService } from './search-service';

const withCheck = (first17: string) => first17 + checkCharacter(first17);
const DAY_MS = 24 * 60 * 60 * 1000;

type Hall = ReturnType<typeof createTestHall>;

let nextPerson = 1;
/** A person with a valid ID number of their own (44030419800101xxx). */
function person(name: string, phone: string | null = null) {
  return { idNumber: withCheck(`44030419800101${String(nextPerson++).padStart(3, '0')}`), name, phone };
}

function create(hall: Hall, fields: Record<string, unknown>) {
  return hall.value('clerk', 'visits.create', {
    person: person('李建国'),
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '深圳市光明区光明街道东周社区华夏路12号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '咨询事项',
    request: '请求答复',
    factsAndReasons: '',
    firstTime: true,
    jointOrGroup: false,
    ...fields,
  }).visit as { id: string; caseNumber: string };
}

function search(hall: Hall, query: string, kind?: string, limit?: number) {
  return hall.value<{ kind: string; visits: VisitSummary[]; more: boolean }>('clerk', 'visits.search', { query, kind, limit });
}

/** The case numbers a search answers, in its order. */
const numbers = (hall: Hall, query: string, kind?: string, limit?: number) => search(hall, query, kind, limit).visits.map((visit) => visit.caseNumber);

/**
 * A small hall: names of one, two and four characters, content that mentions names,
 * and near misses for every kind of query.
 */
function hallWithCases() {
  const clock = new ManualClock();
  const hall = createTestHall({ clock });
  const wangLi = person('王丽', '13812345678');
  const cases = {
    wangLi: create(hall, { person: wangLi, summary: '楼上住户装修后卫生间漏水', request: '要求楼上维修防水层' }),
    wangJianguo: create(hall, { person: person('王建国'), summary: '小区物业费上涨未经业主大会表决', request: '要求按原标准收取物业费' }),
    // A name in the content, not on the case: a name query must not find it.
    zhangWei: create(hall, { person: person('张伟'), summary: '邻居王丽家的狗夜间吠叫扰民', request: '要求社区协调' }),
    ouyang: create(hall, { person: person('欧阳娜娜'), summary: '工资拖欠三个月', request: '要求公司支付工资' }),
    // Every pair of 欧阳娜娜 but never the name itself; every pair of 物业费 but not the word.
    nearMiss: create(hall, {
      person: person('阳娜娜欧阳'),
      summary: '物业公司收取的业费不明',
      request: '要求公示收费标准',
      peopleCount: 2,
      companions: [{ person: person('李'), address: '深圳市光明区' }],
    }),
  };
  return { hall, clock, cases, wangLi };
}

describe('visits.search by name', () => {
  it('finds one-, two- and four-character names: 王, 王丽, 欧阳娜娜, newest first', () => {
    const { hall, cases } = hallWithCases();
    expect(search(hall, '王', 'name').visits.map((visit) => visit.id)).toEqual([cases.wangJianguo.id, cases.wangLi.id]);
    expect(search(hall, '王丽', 'name')).toMatchObject({ kind: 'name', more: false, visits: [{ id: cases.wangLi.id, visitorName: '王丽' }] });
    // 欧阳 / 阳娜 / 娜娜 are all in 阳娜娜欧阳 too: only the name that holds 欧阳娜娜 is an answer.
    expect(search(hall, '欧阳娜娜', 'name').visits.map((visit) => visit.id)).toEqual([cases.ouyang.id]);
    expect(search(hall, '欧阳', 'name').visits.map((visit) => visit.id)).toEqual([cases.nearMiss.id, cases.ouyang.id]);
    expect(numbers(hall, '赵', 'name')).toEqual([]);
  });

  it('finds everyone listed on a case, not only the main visitor', () => {
    const { hall, cases } = hallWithCases();
    // 李 is the one-character companion of the near-miss case (and 李建国 is nobody's name here).
    expect(search(hall, '李', 'name').visits.map((visit) => visit.id)).toEqual([cases.nearMiss.id]);
  });

  it('matches names only: a name mentioned in the content is not found by name, and a word of the content not as a name', () => {
    const { hall, cases } = hallWithCases();
    expect(search(hall, '王丽', 'name').visits.map((visit) => visit.id)).not.toContain(cases.zhangWei.id);
    expect(search(hall, '王丽', 'content').visits.map((visit) => visit.id)).toEqual([cases.zhangWei.id]);
    expect(numbers(hall, '漏水', 'name')).toEqual([]);
    expect(numbers(hall, '张伟', 'content')).toEqual([]);
  });

  it('finds a renamed visitor under the new name at once, and no longer under the old one', () => {
    const { hall, cases, wangLi } = hallWithCases();
    // Registered again with the same ID number and a corrected name: every earlier case follows.
    const again = create(hall, { person: { ...wangLi, name: '王莉' }, summary: '再次来访' });
    expect(search(hall, '王莉', 'name').visits.map((visit) => visit.id)).toEqual([again.id, cases.wangLi.id]);
    expect(search(hall, '王丽', 'name').visits.map((visit) => visit.id)).toEqual([]);
    expect(search(hall, '王', 'name').visits.map((visit) => visit.id)).toEqual([again.id, cases.wangJianguo.id, cases.wangLi.id]);
  });

  it('leaves the index as it was when a registration fails: the rename inside it is undone too', () => {
    const { hall, wangLi } = hallWithCases();
    const before = hall.core.db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get();
    const taken = hall.value('kiosk', 'kiosk.takeNumber', {
      serviceId: hall.serviceId('A'),
      language: 'zh-CN',
      person: wangLi,
      partySize: 2,
      representatives: null,
      declaredPriority: null,
    });
    // The kiosk's visitor typed again as a companion under another name: the visit is written and
    // the visitor renamed before the duplicate shows, and all of it rolls back.
    const refused = hall.call('clerk', 'visits.create', {
      ticketId: taken.ticket.id,
      serviceId: hall.serviceId('A'),
      peopleCount: 2,
      address: '深圳市光明区',
      companions: [{ person: { ...wangLi, name: '王小丽' }, address: '' }],
      problemLocationCode: 'guangming-dongzhou',
      purpose: 'seek_resolution',
      matterClass: 'appeal_request',
      categoryCode: '020101',
      summary: '新的诉求内容独有词',
      request: '请求',
      firstTime: true,
      jointOrGroup: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(numbers(hall, '王小丽', 'name')).toEqual([]);
    expect(numbers(hall, '王丽', 'name')).toHaveLength(1);
    expect(numbers(hall, '独有词', 'content')).toEqual([]);
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get()).toBe(before);
  });
});

describe('visits.search by content', () => {
  it('finds one-, two- and three-or-more-character words of the summary and the request', () => {
    const { hall, cases } = hallWithCases();
    expect(search(hall, '漏', 'content').visits.map((visit) => visit.id)).toEqual([cases.wangLi.id]);
    expect(search(hall, '漏水', 'content').visits.map((visit) => visit.id)).toEqual([cases.wangLi.id]);
    expect(search(hall, '卫生间漏水', 'content').visits.map((visit) => visit.id)).toEqual([cases.wangLi.id]);
    // 物业 and 业费 are both in the near miss, 物业费 is not.
    expect(search(hall, '物业费', 'content').visits.map((visit) => visit.id)).toEqual([cases.wangJianguo.id]);
    expect(search(hall, '物业', 'content').visits.map((visit) => visit.id)).toEqual([cases.nearMiss.id, cases.wangJianguo.id]);
    // Words apart in the query are each found, anywhere in the case.
    expect(search(hall, '防水层  漏水', 'content').visits.map((visit) => visit.id)).toEqual([cases.wangLi.id]);
    expect(numbers(hall, '漏水 工资', 'content')).toEqual([]);
  });

  it('finds the facts and reasons, full-width and upper-case letters as their plain forms', () => {
    const { hall } = hallWithCases();
    const visit = create(hall, { summary: '噪音', factsAndReasons: 'ＫＴＶ营业至凌晨三点，噪音超过70分贝' });
    expect(numbers(hall, 'ktv', 'content')).toEqual([visit.caseNumber]);
    expect(numbers(hall, '凌晨三点', 'content')).toEqual([visit.caseNumber]);
    expect(numbers(hall, '70分贝', 'content')).toEqual([visit.caseNumber]);
  });

  it('reads quotes, *, NEAR, parentheses, %, _ and SQL as plain text: never an error, never more than the text matches', () => {
    const { hall } = hallWithCases();
    const percent = create(hall, { summary: '租金上涨50%', request: '要求按合同_第3条执行' });
    for (const query of ['"', '"王丽', '王*', '*', 'NEAR(王 丽)', 'NEAR', '(', ')', '王 OR 李', 'AND', 'NOT 王', "'; DROP TABLE visits; --", '%', '_', '\\', '-王', '^王', '{tokens}: 王', '王\u0000丽', '\ud800']) {
      for (const kind of ['auto', 'name', 'content', 'case_number', 'id_number', 'phone']) {
        const reply = hall.call('clerk', 'visits.search', { query, kind });
        expect(reply.ok, `${kind} ${query}`).toBe(true);
      }
    }
    expect(numbers(hall, '%', 'content')).toEqual([percent.caseNumber]);
    expect(numbers(hall, '50%', 'content')).toEqual([percent.caseNumber]);
    expect(numbers(hall, '合同_第3条', 'content')).toEqual([percent.caseNumber]);
    // No prefix search, no boolean operators: 王* is the two characters 王 and *, which nobody's name holds.
    expect(numbers(hall, '王*', 'name')).toEqual([]);
    expect(numbers(hall, '王 OR 李', 'name')).toEqual([]);
    expect(numbers(hall, '%', 'case_number')).toEqual([]);
    expect(numbers(hall, '_', 'name')).toEqual([]);
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM visits').pluck().get()).toBe(6);
  });
});

describe('visits.search by ID and phone number', () => {
  it('finds the cases of an ID number through its keyed hash, exactly: in any case, spaced, or as the legacy 15 digits', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const legacy = '440304800101123'; // 15 digits: 1980-01-01, sequence 123
    const canonical = '44030419800101123' + checkCharacter('44030419800101123');
    const first = create(hall, { person: { idNumber: canonical, name: '陈静', phone: '13900001111' } });
    const other = create(hall, { person: person('刘洋') });
    const asCompanion = create(hall, { person: person('周杰'), peopleCount: 2, companions: [{ person: { idNumber: legacy, name: '陈静', phone: null }, address: '深圳' }] });
    for (const query of [canonical, canonical.toLowerCase(), `${canonical.slice(0, 6)} ${canonical.slice(6, 14)} ${canonical.slice(14)}`, legacy]) {
      expect(search(hall, query, 'id_number').visits.map((visit) => visit.id), query).toEqual([asCompanion.id, first.id]);
    }
    expect(search(hall, canonical)).toMatchObject({ kind: 'id_number', visits: [{ id: asCompanion.id }, { id: first.id }] });
    // Never partial: a prefix, a suffix, one digit off.
    for (const query of [canonical.slice(0, 17), canonical.slice(0, 14), canonical.slice(4), canonical.slice(0, 16) + '00']) {
      expect(numbers(hall, query, 'id_number'), query).toEqual([]);
      expect(numbers(hall, query), query).toEqual([]);
    }
    expect(numbers(hall, canonical, 'id_number')).not.toContain(other.caseNumber);
  });

  it('finds the cases of a phone number exactly, as typed with spaces or dashes; never a part of it', () => {
    const hall = createTestHall();
    const visit = create(hall, { person: person('吴敏', '13912345678') });
    create(hall, { person: person('郑强', '13912345679') });
    for (const query of ['13912345678', '139 1234 5678', '139-1234-5678']) {
      expect(search(hall, query)).toMatchObject({ kind: 'phone', visits: [{ id: visit.id }] });
      expect(numbers(hall, query, 'phone')).toEqual([visit.caseNumber]);
    }
    for (const query of ['1391234567', '139123456789', '12345678', '5678']) expect(numbers(hall, query, 'phone'), query).toEqual([]);
    expect(numbers(hall, '1391234567')).toEqual([]);
  });

  it('never writes an ID or phone number to the log', () => {
    const lines: string[] = [];
    const record = (message: string, data?: unknown) => lines.push(`${message} ${JSON.stringify(data ?? {})}`);
    const hall = createTestHall({ logger: { info: record, warn: record, error: record } });
    const someone = person('孙丽', '13700001234');
    create(hall, { person: someone });
    search(hall, someone.idNumber);
    search(hall, '13700001234');
    search(hall, someone.idNumber.slice(0, 10), 'id_number');
    expect(lines.join('\n')).not.toContain(someone.idNumber.slice(6, 14));
    expect(lines.join('\n')).not.toContain('13700001234');
  });
});

describe('visits.search by case number', () => {
  it('finds a case number exactly or by its start, ignoring case, newest first; the official number too', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const day1 = [create(hall, {}), create(hall, {}), create(hall, {})];
    clock.advance(DAY_MS);
    const day2 = create(hall, {});
    expect(day1.map((visit) => visit.caseNumber)).toEqual(['DEMO-20261124-001', 'DEMO-20261124-002', 'DEMO-20261124-003']);
    expect(search(hall, 'DEMO-20261124-002')).toMatchObject({ kind: 'case_number', visits: [{ caseNumber: 'DEMO-20261124-002' }] });
    expect(numbers(hall, 'demo-20261124-002', 'case_number')).toEqual(['DEMO-20261124-002']);
    expect(numbers(hall, 'demo-20261124')).toEqual(['DEMO-20261124-003', 'DEMO-20261124-002', 'DEMO-20261124-001']);
    expect(numbers(hall, 'DEMO-2026112')).toEqual([day2.caseNumber, 'DEMO-20261124-003', 'DEMO-20261124-002', 'DEMO-20261124-001']);
    expect(numbers(hall, 'DEMO-20261126', 'case_number')).toEqual([]);
    expect(numbers(hall, 'EMO-20261124', 'case_number')).toEqual([]);

    // Central assigns official numbers later (sync): found the same way.
    hall.core.db.prepare("UPDATE visits SET official_number = 'GD2026-0456789' WHERE id = ?").run(day1[0]!.id);
    expect(search(hall, 'gd2026-0456789')).toMatchObject({ kind: 'case_number', visits: [{ caseNumber: 'DEMO-20261124-001', officialNumber: 'GD2026-0456789' }] });
    expect(numbers(hall, 'GD2026', 'case_number')).toEqual(['DEMO-20261124-001']);
  });
});

describe('visits.search: what it answers', () => {
  it('reads the query as auto says: case number, ID, phone, then a name, then the content', () => {
    const { hall, cases } = hallWithCases();
    expect(search(hall, cases.ouyang.caseNumber).kind).toBe('case_number');
    expect(search(hall, '13812345678')).toMatchObject({ kind: 'phone', visits: [{ id: cases.wangLi.id }] });
    expect(search(hall, '王丽')).toMatchObject({ kind: 'name', visits: [{ id: cases.wangLi.id }] });
    expect(search(hall, '拖欠')).toMatchObject({ kind: 'content', visits: [{ id: cases.ouyang.id }] });
    // A word nobody's name or case holds: the content answered, empty.
    expect(search(hall, '高铁')).toEqual({ kind: 'content', visits: [], more: false });
    // Letters that are no case number fall through to the names and the content.
    expect(search(hall, 'KTV').kind).toBe('content');
  });

  it('answers at most `limit` cases, newest first across days, and whether there were more', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const made: string[] = [];
    for (let day = 0; day < 3; day++) {
      made.push(create(hall, { person: person('黄磊'), summary: `第${day + 1}次反映噪音问题` }).caseNumber);
      made.push(create(hall, { person: person('黄晓明'), summary: '噪音扰民' }).caseNumber);
      clock.advance(DAY_MS);
    }
    const newestFirst = [...made].reverse();
    expect(search(hall, '黄', 'name', 4)).toMatchObject({ more: true });
    expect(numbers(hall, '黄', 'name', 4)).toEqual(newestFirst.slice(0, 4));
    expect(search(hall, '黄', 'name', 6)).toMatchObject({ more: false });
    expect(numbers(hall, '噪音', 'content', 100)).toEqual(newestFirst);
    expect(search(hall, '噪音')).toMatchObject({ kind: 'content', more: false });
    // Each summary is the list's own: stage and deadline, no ID, no phone.
    const [first] = search(hall, '黄磊', 'name', 1).visits;
    expect(first).toMatchObject({ caseNumber: made[4], visitorName: '黄磊', stage: 'received', registeredBy: { staffNo: '1001' } });
  });

  it('refuses a blank, overlong or unknown query with a typed error, and callers other than a signed-in clerk', () => {
    const hall = createTestHall();
    expect(hall.call('clerk', 'visits.search', { query: '   ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('clerk', 'visits.search', { query: '王'.repeat(51) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('clerk', 'visits.search', { query: '王', kind: 'address' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('clerk', 'visits.search', { query: '王', limit: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('kiosk', 'visits.search', { query: '王' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody' }, 'visits.search', { query: '王' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
  });
});

describe('the search index of cases registered before migration 0010', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is written once when the database is opened: found by name and content, the backlog emptied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-search-'));
    dirs.push(dir);
    const file = join(dir, 'hall.sqlite');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    migrate(raw, loadMigrations(MIGRATIONS_DIRECTORY).slice(0, 9));
    raw.exec(`
      INSERT INTO staff (id, staff_no, name, role) VALUES ('P1', '1001', '王丽', 'clerk');
      INSERT INTO services (id, letter, name_zh_cn, name_zh_hk, name_en) VALUES ('S', 'A', '投诉建议', '投訴建議', 'Complaints');
      INSERT INTO category_dictionaries (version, checksum, entry_count, source, imported_at) VALUES ('seed', 'sha256:${'0'.repeat(64)}', 1, 'seed', 1);
      INSERT INTO categories (code, parent_code, level, name_zh_cn, name_zh_hk, name_en, pinyin, added_in) VALUES ('04', NULL, 1, 'n', 'n', 'n', '[]', 1);
      INSERT INTO visitors (id, id_number_enc, id_number_index, name, language, created_at, updated_at)
        VALUES ('01JA0000000000000000000001', x'01', x'01', '欧阳娜娜', 'zh-CN', 1, 1), ('01JA0000000000000000000002', x'01', x'02', '王丽', 'zh-CN', 1, 1);`);
    const visit = raw.prepare(`INSERT INTO visits (id, site_code, received_on, seq, case_number, visitor_id, identity_unclear, registered_by,
        registered_at, form, people_count, problem_location, purpose, matter_class, service_id, category_code, summary, request,
        facts_and_reasons, first_time, joint_or_group, receiver)
      VALUES (?, 'DEMO', '2026-11-24', ?, ?, ?, 0, 'P1', 1, 'walk_in', 1, '光明街道', 'seek_resolution', 'appeal_request', 'S', '04', ?, '诉求', '', 1, 0, 'petition_department')`);
    visit.run('01JB0000000000000000000001', 1, 'DEMO-20261124-001', '01JA0000000000000000000001', '拖欠工资');
    visit.run('01JB0000000000000000000002', 2, 'DEMO-20261124-002', '01JA0000000000000000000002', '楼上漏水');
    raw.prepare("INSERT INTO visit_people (visit_id, position, visitor_id, address) VALUES ('01JB0000000000000000000002', 0, '01JA0000000000000000000002', '')").run();
    raw.close();

    const db = openDatabase({ filename: file });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM search_backlog').pluck().get()).toBe(0);
      const service = new SearchService(db, new PersonalDataCrypto(randomBytes(32)), () => '2026-11-24');
      const ids = (query: string, kind: 'name' | 'content') => service.search({ query, kind, limit: 20 }).visits.map((v) => v.caseNumber);
      expect(ids('欧阳娜娜', 'name')).toEqual(['DEMO-20261124-001']);
      expect(ids('丽', 'name')).toEqual(['DEMO-20261124-002']);
      expect(ids('漏水', 'content')).toEqual(['DEMO-20261124-002']);
      expect(ids('工', 'content')).toEqual(['DEMO-20261124-001']);
      // Numbered in registration order: newest first, as for cases registered later.
      expect(db.prepare('SELECT visit_id FROM search_docs ORDER BY doc').pluck().all()).toEqual(['01JB0000000000000000000001', '01JB0000000000000000000002']);
    } finally {
      db.close();
    }
    // Opening again finds nothing left to do, and the index is as it was.
    const again = openDatabase({ filename: file });
    try {
      const service = new SearchService(again, new PersonalDataCrypto(randomBytes(32)), () => '2026-11-24');
      expect(service.search({ query: '娜娜', kind: 'name', limit: 20 }).visits).toHaveLength(1);
    } finally {
      again.close();
    }
  });
});
