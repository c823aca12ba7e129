import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import { i18nResources } from '../../../shared/i18n';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { DATABASE_FILE } from '../core';
import type { Logger } from '../ports';
import { createTestHall, ManualClock, sessionTokenFor } from '../testing/test-core';
import { RETENTION_POLICY, yearsBefore } from './retention-service';
import { ANONYMISED_TEXT, ANONYMISED_VISITOR_ID } from './retention-store';

const withCheck = (first17: string) => first17 + checkCharacter(first17);
const KIOSK_ID = withCheck('44030419900215002');
const TYPED_ID = withCheck('44030419750606003');
const REPEAT_ID = withCheck('44030419680312004');
const ACTIVE_ID = withCheck('44030419800808005');
const KIOSK_ONLY_ID = withCheck('44030419911111006');
const KIOSK_PHONE = '13812345678';
const TYPED_PHONE = '13987654321';
const REPEAT_PHONE = '13700001111';
const DAY_MS = 24 * 60 * 60 * 1000;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAGElEQVR4AWKSSznx/4Sc3H+mVbvCGEAAAAAA//+F/Z03AAAABklEQVQDAEVqBgueYPOZAAAAAElFTkSuQmCC';

type Hall = ReturnType<typeof createTestHall>;
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

/** Moves the test clock to 09:00 in Shenzhen on `day`. */
function moveTo(clock: ManualClock, day: string) {
  clock.advance(Date.parse(`${day}T01:00:00Z`) - clock.now());
}

/** The admin page, signed in as the demo administrator (again whenever the clock has moved past its session). */
function adminOf(hall: Hall) {
  const context = { role: 'admin' as const, language: 'en' as const, sessionId: 'retention-admin' };
  return (method: string, params: unknown = {}): RpcReply => {
    const reply = hall.dispatch(context, method, params);
    if (reply.ok || reply.error.code !== 'NOT_SIGNED_IN') return reply;
    hall.dispatch(context, 'auth.resume', { token: sessionTokenFor(hall.core, hall.clock, '9001') });
    return hall.dispatch(context, method, params);
  };
}

function valueOf<T = any>(reply: RpcReply): T {
  if (!reply.ok) throw new Error(`${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

function visitInput(hall: Hall, extra: Record<string, unknown>) {
  return {
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '深圳市光明区光明街道东周社区华夏路12号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    firstTime: true,
    jointOrGroup: false,
    ...extra,
  };
}

function createCase(hall: Hall, extra: Record<string, unknown>) {
  return hall.value('clerk', 'visits.create', visitInput(hall, extra)).visit as { id: string; caseNumber: string };
}

function kioskTicket(hall: Hall, idNumber: string, name: string, phone: string | null): string {
  return hall.value('kiosk', 'kiosk.takeNumber', {
    serviceId: hall.serviceId('A'),
    language: 'zh-CN',
    person: { idNumber, name, phone },
    partySize: 1,
    representatives: null,
    declaredPriority: null,
  }).ticket.id;
}

/** A timeline as anonymisation leaves it: every note and an extension's reason replaced by the marker, the rest as recorded. */
function blanked(timeline: { event: { type: string }; note: string | null }[]) {
  return timeline.map((step) => ({
    ...step,
    event: step.event.type === 'extended' ? { ...step.event, reason: ANONYMISED_TEXT } : step.event,
    note: step.note === null ? null : ANONYMISED_TEXT,
  }));
}

const getCase = (hall: Hall, id: string) => hall.value('clerk', 'visits.get', { id }).visit;
const search = (hall: Hall, query: string, kind: string) =>
  (hall.value('clerk', 'visits.search', { query, kind }).visits as { id: string }[]).map((visit) => visit.id);
const scalar = (hall: Hall, sql: string, ...params: unknown[]) => hall.core.db.prepare(sql).pluck().get(...params);
/** What the statistics count: cases by service and day. */
const casesByServiceAndDay = (hall: Hall) =>
  hall.core.db.prepare('SELECT service_id, received_on, COUNT(*) AS cases FROM visits GROUP BY service_id, received_on ORDER BY 1, 2').all();

/**
 * A hall over several years (retention period 3 years, the default):
 * - 2026-11-24: a case from a kiosk registration with a companion; a typed visitor's case
 *   with an attachment, an on-the-spot answer and its receipt printed; a case accepted and
 *   extended (a reason and a note naming the visitor) whose visitor comes back in 2028; a
 *   case closed only in 2028 (still active then); a kiosk registration without a case; a
 *   failed case-status look-up.
 * - 2028-11-24: the returning visitor's new case.
 */
function hallOverYears(options: { logger?: Logger; dataDir?: string } = {}) {
  const clock = new ManualClock();
  const hall = createTestHall({ clock, ...options });
  moveTo(clock, '2026-11-24');
  const kioskCase = createCase(hall, {
    ticketId: kioskTicket(hall, KIOSK_ID, '陈美玲', KIOSK_PHONE),
    peopleCount: 2,
    companions: [{ person: { idNumber: withCheck('44030419800101001'), name: '欧阳同行', phone: null }, address: '凤凰街道1号' }],
    summary: '菜市场凌晨装卸噪音扰民',
    request: '要求夜间停止装卸',
    factsAndReasons: '每天凌晨三点开始卸货',
  });
  const typedCase = createCase(hall, {
    person: { idNumber: TYPED_ID, name: '李建国', phone: TYPED_PHONE },
    summary: '楼上住户漏水多次协商无果',
    request: '要求楼上维修防水',
    factsAndReasons: '自去年起卫生间顶棚渗水',
  });
  hall.value('clerk', 'visits.addAttachment', { visitId: typedCase.id, fileName: '李建国身份证.png', mediaType: 'image/png', contentBase64: PNG });
  hall.value('clerk', 'visits.decide', { visitId: typedCase.id, decision: { kind: 'answered_on_spot', answer: '已当场答复李建国：建议向街道申请调解' } });
  const receipt = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: typedCase.id }, printer: 'browser' }).job;
  const repeatOld = createCase(hall, {
    person: { idNumber: REPEAT_ID, name: '赵淑芬', phone: REPEAT_PHONE },
    summary: '拆迁补偿款迟迟未发放',
    request: '要求发放补偿款',
    factsAndReasons: '',
  });
  hall.value('clerk', 'visits.decide', { visitId: repeatOld.id, decision: { kind: 'accepted' } });
  const active = createCase(hall, {
    person: { idNumber: ACTIVE_ID, name: '孙立新', phone: null },
    summary: '小区绿地被占用建停车场',
    request: '要求恢复绿地',
    factsAndReasons: '',
  });
  kioskTicket(hall, KIOSK_ONLY_ID, '周海燕', null);
  expect(errorOf(hall.call('kiosk', 'kiosk.caseStatus', { caseNumber: typedCase.caseNumber, phoneLast4: '0000' }))?.code).toBe('NOT_FOUND');

  moveTo(clock, '2026-12-01');
  hall.value('clerk', 'visits.addEvent', {
    visitId: repeatOld.id,
    event: { type: 'extended', date: '2026-12-01', days: 30, reason: '需向赵淑芬本人核实补偿面积' },
    note: '赵淑芬来电补充了材料',
  });

  moveTo(clock, '2028-03-01');
  hall.value('clerk', 'visits.addEvent', { visitId: active.id, event: { type: 'closed', date: '2028-03-01' } });

  moveTo(clock, '2028-11-24');
  const repeatYoung = createCase(hall, {
    person: { idNumber: REPEAT_ID, name: '赵淑芬', phone: REPEAT_PHONE },
    summary: '补偿款发放后仍有差额',
    request: '要求补足差额',
    factsAndReasons: '',
  });
  return { hall, clock, admin: adminOf(hall), kioskCase, typedCase, repeatOld, active, repeatYoung, receipt };
}

describe('the retention job', () => {
  it('anonymises the cases past the period, leaves the younger ones as they were, and the statistics count the same', () => {
    const lines: string[] = [];
    const keep = (message: string, fields?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
    const { hall, clock, admin, kioskCase, typedCase, repeatOld, active, repeatYoung, receipt } = hallOverYears({ logger: { info: keep, warn: keep, error: keep } });
    moveTo(clock, '2030-01-15');
    const oldVisitorIds = [getCase(hall, kioskCase.id), getCase(hall, typedCase.id)].flatMap((visit) => visit.people.map((person: { id: string }) => person.id));
    // Their ciphertexts and blind indexes as stored, to look for afterwards.
    const oldBlobs = (
      hall.core.db
        .prepare('SELECT id_number_enc, id_number_index, phone_enc, phone_index FROM visitors WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(oldVisitorIds)) as Record<string, Buffer | null>[]
    ).flatMap((row) => Object.values(row).filter((blob): blob is Buffer => blob !== null));
    expect(oldBlobs.length).toBeGreaterThanOrEqual(7);
    const before = {
      kpis: hall.value('clerk', 'visits.kpis', { from: '2026-11-01', to: '2026-12-31' }),
      byServiceAndDay: casesByServiceAndDay(hall),
      young: getCase(hall, repeatYoung.id),
      active: getCase(hall, active.id),
      repeatOld: getCase(hall, repeatOld.id),
      typed: getCase(hall, typedCase.id),
    };
    expect(before.typed.people.map((person: { name: string }) => person.name)).toEqual(['李建国']);
    expect(search(hall, '赵淑芬', 'name')).toEqual([repeatYoung.id, repeatOld.id]);

    const run = valueOf(admin('retention.runNow'));
    expect(run).toMatchObject({
      trigger: 'admin',
      interrupted: false,
      retentionYears: 3,
      casesBefore: Date.parse('2027-01-15T01:00:00Z'),
      printedBefore: clock.now() - 30 * DAY_MS,
      counts: {
        casesAnonymised: 3,
        attachmentsRemoved: 1,
        // The kiosk case's registration and the registration without a case.
        registrationsDeleted: 2,
        // 陈美玲 (once her registration went), her companion, 李建国, 周海燕; not 赵淑芬 (a young case) nor 孙立新.
        visitorsDeleted: 4,
        printContentsRemoved: 1,
        lookupFailuresDeleted: 1,
      },
    });

    // The anonymised case: its dates, service, category, location, decision and timeline stay; its people and text do not.
    const typed = getCase(hall, typedCase.id);
    const anonymisedPerson = { id: ANONYMISED_VISITOR_ID, name: ANONYMISED_TEXT, idMasked: '', phoneMasked: null };
    expect(typed).toMatchObject({
      caseNumber: before.typed.caseNumber,
      receivedOn: '2026-11-24',
      serviceId: before.typed.serviceId,
      categoryCode: before.typed.categoryCode,
      problemLocationCode: before.typed.problemLocationCode,
      matterClass: before.typed.matterClass,
      visitor: anonymisedPerson,
      people: [{ ...anonymisedPerson, address: '' }],
      address: '',
      summary: ANONYMISED_TEXT,
      request: ANONYMISED_TEXT,
      factsAndReasons: ANONYMISED_TEXT,
      decision: { ...before.typed.decision, decision: { kind: 'answered_on_spot', answer: ANONYMISED_TEXT } },
      attachments: [{ ...before.typed.attachments[0], fileName: ANONYMISED_TEXT }],
      // The on-the-spot answer is also the reply step's note.
      timeline: blanked(before.typed.timeline),
      deadlines: before.typed.deadlines,
    });
    expect(getCase(hall, kioskCase.id).people).toEqual([{ ...anonymisedPerson, address: '' }]);
    // Its documents still render, from what is left.
    const rendered = hall.value('clerk', 'receipts.render', { kind: 'visit_receipt', visitId: typedCase.id }).html as string;
    expect(rendered).toContain(typedCase.caseNumber);
    expect(rendered).toContain(ANONYMISED_TEXT);
    expect(rendered).not.toContain('李建国');
    // The extension's reason and the note go; its days, its date and so every deadline stay.
    const repeat = getCase(hall, repeatOld.id);
    expect(repeat.timeline).toEqual(blanked(before.repeatOld.timeline));
    expect(repeat.timeline.find((step: { event: { type: string } }) => step.event.type === 'extended')).toMatchObject({
      event: { type: 'extended', date: '2026-12-01', days: 30, reason: ANONYMISED_TEXT },
      note: ANONYMISED_TEXT,
    });
    expect(repeat.deadlines).toEqual(before.repeatOld.deadlines);

    // Younger cases, and an old one active within the period, exactly as they were.
    expect(getCase(hall, repeatYoung.id)).toEqual(before.young);
    expect(getCase(hall, active.id)).toEqual(before.active);
    // The statistics of the old period count the same.
    expect(hall.value('clerk', 'visits.kpis', { from: '2026-11-01', to: '2026-12-31' })).toEqual(before.kpis);
    expect(casesByServiceAndDay(hall)).toEqual(before.byServiceAndDay);

    // Nothing finds the old people or text any more; the returning visitor's young case is still found.
    for (const name of ['陈美玲', '欧阳同行', '李建国', '周海燕']) expect(search(hall, name, 'name'), name).toEqual([]);
    expect(search(hall, '赵淑芬', 'name')).toEqual([repeatYoung.id]);
    for (const words of ['菜市场', '漏水', '拆迁补偿']) expect(search(hall, words, 'content'), words).toEqual([]);
    expect(search(hall, '补足差额', 'content')).toEqual([repeatYoung.id]);
    expect(search(hall, TYPED_ID, 'id_number')).toEqual([]);
    expect(search(hall, KIOSK_ID, 'id_number')).toEqual([]);
    expect(search(hall, TYPED_PHONE, 'phone')).toEqual([]);
    expect(search(hall, KIOSK_PHONE, 'phone')).toEqual([]);
    expect(search(hall, REPEAT_ID, 'id_number')).toEqual([repeatYoung.id]);
    expect(search(hall, typedCase.caseNumber, 'case_number')).toEqual([typedCase.id]);
    expect(search(hall, '已匿名', 'name').sort()).toEqual([kioskCase.id, typedCase.id, repeatOld.id].sort());
    expect(hall.value('clerk', 'visits.history', { idNumber: TYPED_ID })).toEqual({ visitor: null, visits: [], warnings: [] });

    // No ciphertext, blind index or name of theirs is left in the database.
    expect(scalar(hall, `SELECT COUNT(*) FROM visitors WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(oldVisitorIds))).toBe(0);
    expect(scalar(hall, "SELECT COUNT(*) FROM visitors WHERE name IN ('陈美玲', '欧阳同行', '李建国', '周海燕')")).toBe(0);
    const stored = hall.core.db.prepare('SELECT id_number_enc, id_number_index, phone_enc, phone_index FROM visitors').all() as Record<string, Buffer | null>[];
    for (const blob of oldBlobs) expect(stored.some((row) => Object.values(row).some((value) => value?.equals(blob)))).toBe(false);
    expect(scalar(hall, 'SELECT COUNT(*) FROM ticket_registrations')).toBe(0);
    expect(scalar(hall, "SELECT COUNT(*) FROM visits WHERE address <> '' AND anonymised_at IS NOT NULL")).toBe(0);
    expect(scalar(hall, 'SELECT COUNT(*) FROM visit_people WHERE visit_id IN (?, ?, ?)', kioskCase.id, typedCase.id, repeatOld.id)).toBe(0);
    expect(scalar(hall, 'SELECT length(content_enc) FROM visit_attachments WHERE visit_id = ?', typedCase.id)).toBe(0);

    // The attachment and the receipt's bytes are gone, said so in words.
    const attachment = errorOf(hall.call('clerk', 'visits.attachment', { attachmentId: typed.attachments[0].id }, 'en'));
    expect(attachment).toMatchObject({ code: 'NOT_FOUND', message: i18nResources.en.translation.errors.NOT_FOUND_attachment_removed });
    expect(hall.value('clerk', 'printing.jobs', { documentRef: typedCase.id }).jobs).toEqual([expect.objectContaining({ id: receipt.id, size: 0, archived: false })]);
    expect(errorOf(hall.call('clerk', 'printing.reprint', { jobId: receipt.id }))).toMatchObject({ code: 'NOT_FOUND', details: { params: { context: 'print_content_removed' } } });

    // Recorded: the audit log (counts only) and the structured log (counts only).
    const audit = hall.core.db.prepare("SELECT * FROM audit_log WHERE action = 'retention.run'").all() as { actor_id: string; details: string; subject: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(hall.staffId('9001'));
    expect(JSON.parse(audit[0]!.details)).toEqual({ trigger: 'admin', interrupted: false, retentionYears: 3, casesBefore: run.casesBefore, printedBefore: run.printedBefore, ...run.counts });
    expect(hall.core.audit.verify()).toMatchObject({ ok: true });
    const logged = lines.filter((line) => line.startsWith('retention run'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('"casesAnonymised":3');
    for (const secret of [...oldVisitorIds, '陈美玲', '李建国', KIOSK_ID, TYPED_ID, KIOSK_PHONE, TYPED_PHONE]) {
      expect(audit[0]!.details + lines.join('\n'), secret).not.toContain(secret);
    }
    expect(hall.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => hall.core.db.exec("INSERT INTO search_names (search_names, rank) VALUES ('integrity-check', 0)")).not.toThrow();
    expect(() => hall.core.db.exec("INSERT INTO search_content (search_content, rank) VALUES ('integrity-check', 0)")).not.toThrow();

    // The status says so; a second run finds nothing to do and changes nothing.
    const status = valueOf(admin('retention.status'));
    expect(status).toEqual({ retentionYears: 3, printedContentDays: 30, lastRun: run, nextRunAt: null });
    const everything = () =>
      ['visits', 'visitors', 'visit_people', 'visit_events', 'visit_attachments', 'ticket_registrations', 'print_jobs'].map((table) =>
        hall.core.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
      );
    const snapshot = everything();
    clock.advance(DAY_MS);
    expect(valueOf(admin('retention.runNow')).counts).toEqual({
      casesAnonymised: 0,
      attachmentsRemoved: 0,
      registrationsDeleted: 0,
      visitorsDeleted: 0,
      printContentsRemoved: 0,
      lookupFailuresDeleted: 0,
    });
    expect(everything()).toEqual(snapshot);
  });

  it('takes the period from the kiosk settings: the years its notice tells visitors', () => {
    const { hall, clock, admin, kioskCase, repeatOld, active } = hallOverYears();
    expect(valueOf(admin('hall.saveKioskSettings', { ...hall.info.kiosk, retentionYears: 5 })).retentionYears).toBe(5);
    moveTo(clock, '2030-01-15');
    expect(valueOf(admin('retention.runNow')).counts.casesAnonymised).toBe(0);
    expect(getCase(hall, kioskCase.id).summary).toBe('菜市场凌晨装卸噪音扰民');
    valueOf(admin('hall.saveKioskSettings', { ...hall.info.kiosk, retentionYears: 2 }));
    // Two years back from 2030-01-15: the case closed on 2028-03-01 and the young one stay, the three others go.
    expect(valueOf(admin('retention.runNow')).counts.casesAnonymised).toBe(3);
    expect(getCase(hall, repeatOld.id).summary).toBe(ANONYMISED_TEXT);
    expect(getCase(hall, active.id).summary).toBe('小区绿地被占用建停车场');
  });

  it("empties a printed receipt's bytes after the 30-day reprint window, not before; its row stays", () => {
    const { hall, clock, admin, typedCase } = hallOverYears();
    moveTo(clock, '2029-01-01');
    const job = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: typedCase.id }, printer: 'browser' }).job;
    clock.advance((RETENTION_POLICY.printedContentDays - 1) * DAY_MS);
    valueOf(admin('retention.runNow'));
    const size = () => scalar(hall, 'SELECT length(bytes) FROM print_jobs WHERE id = ?', job.id) as number;
    expect(size()).toBeGreaterThan(0);
    clock.advance(2 * DAY_MS);
    expect(valueOf(admin('retention.runNow')).counts.printContentsRemoved).toBe(1);
    expect(size()).toBe(0);
    expect(hall.value('clerk', 'printing.jobs', { documentRef: typedCase.id }).jobs.map((row: { id: string }) => row.id)).toContain(job.id);
    expect(errorOf(hall.call('clerk', 'printing.reprint', { jobId: job.id }, 'en'))?.message).toBe(
      `The content of "来访登记回执 ${typedCase.caseNumber}" was removed after the reprint period: print it again from the case.`,
    );
  });

  it('works in batches, one transaction each, giving the event loop back between them', async () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock, retention: { batchSize: 2 } });
    for (let i = 0; i < 5; i++) createCase(hall, { person: { idNumber: withCheck(`4403041970010100${i}`), name: `批量${i}`, phone: null }, summary: `批量案件${i}`, request: '要求', factsAndReasons: '' });
    clock.advance(4 * 366 * DAY_MS);
    const anonymised = () => scalar(hall, 'SELECT COUNT(*) FROM visits WHERE anonymised_at IS NOT NULL') as number;
    const running = hall.core.retention.runInBackground();
    // The first batch is committed before anything else runs: no transaction held open in between.
    expect(anonymised()).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(hall.core.db.inTransaction).toBe(false);
    expect(anonymised()).toBe(4);
    // Requests are answered meanwhile, and see what was committed so far.
    expect(hall.value('clerk', 'visits.search', { query: '批量', kind: 'name' }).visits).toHaveLength(1);
    const run = await running;
    expect(run?.counts.casesAnonymised).toBe(5);
    expect(anonymised()).toBe(5);
    expect(hall.core.retention.status().lastRun).toEqual(run);
  });

  it('an admin asking during a scheduled run finishes that run instead of starting another', async () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock, retention: { batchSize: 1 } });
    for (let i = 0; i < 3; i++) createCase(hall, { person: { idNumber: withCheck(`4403041970010100${i}`), name: `并发${i}`, phone: null }, summary: '并发', request: '要求', factsAndReasons: '' });
    clock.advance(4 * 366 * DAY_MS);
    const scheduled = hall.core.retention.runInBackground();
    const now = valueOf(adminOf(hall)('retention.runNow'));
    expect(now).toMatchObject({ trigger: 'schedule', counts: { casesAnonymised: 3 } });
    expect(await scheduled).toEqual(now);
    expect(scalar(hall, 'SELECT COUNT(*) FROM retention_runs')).toBe(1);
  });

  it('a run cut short by a stop is closed at the next start, interrupted, and audited with what it did', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    const clock = new ManualClock();
    const first = createTestHall({ clock, dataDir, retention: { batchSize: 1 } });
    for (let i = 0; i < 3; i++) createCase(first, { person: { idNumber: withCheck(`4403041970010100${i}`), name: `中断${i}`, phone: null }, summary: '中断', request: '要求', factsAndReasons: '' });
    clock.advance(4 * 366 * DAY_MS);
    const running = first.core.retention.runInBackground();
    first.core.close();
    expect(await running).toBeNull();

    const second = createTestHall({ clock, dataDir });
    const lastRun = second.core.retention.status().lastRun;
    expect(lastRun).toMatchObject({ trigger: 'schedule', interrupted: true, counts: { casesAnonymised: 1 } });
    const audit = second.core.db.prepare("SELECT details FROM audit_log WHERE action = 'retention.run'").pluck().all() as string[];
    expect(audit.map((details) => JSON.parse(details))).toEqual([expect.objectContaining({ interrupted: true, casesAnonymised: 1 })]);
    expect(second.core.audit.verify()).toMatchObject({ ok: true });
    // The rest is done by the next run.
    expect(second.core.retention.runNow(null).counts.casesAnonymised).toBe(2);
    second.core.close();
  });

  it('leaves no old name in the database file or its WAL', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    const { hall, clock, admin } = hallOverYears({ dataDir });
    moveTo(clock, '2030-01-15');
    valueOf(admin('retention.runNow'));
    const file = join(dataDir, DATABASE_FILE);
    const bytes = () => Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    // The young case's visitor is there, in plain text (names are searched): the test can see names.
    expect(bytes().includes(Buffer.from('赵淑芬'))).toBe(true);
    for (const text of ['陈美玲', '欧阳同行', '李建国', '周海燕', '菜市场凌晨', '楼上住户漏水', '需向赵淑芬本人核实', '李建国身份证']) {
      expect(bytes().includes(Buffer.from(text)), text).toBe(false);
    }
    hall.core.close();
  });

  it('runs by itself a moment after start-up when the last run is a day old, then every 24 hours', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    const clock = new ManualClock();
    const seeded = createTestHall({ clock, dataDir });
    createCase(seeded, { person: { idNumber: TYPED_ID, name: '李建国', phone: null }, summary: '定时', request: '要求', factsAndReasons: '' });
    seeded.core.close();
    clock.advance(4 * 366 * DAY_MS);

    const started = clock.now();
    const hall = createTestHall({ clock, dataDir, retention: { autoRun: true, startDelayMs: 0 } });
    expect(hall.core.retention.status().nextRunAt).toBe(started);
    const end = Date.now() + 5_000;
    while (hall.core.retention.status().lastRun === null && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hall.core.retention.status()).toMatchObject({ lastRun: { trigger: 'schedule', counts: { casesAnonymised: 1 } }, nextRunAt: started + DAY_MS });
    hall.core.close();

    // Started again within the day: the next run is a day after the last, not now.
    clock.advance(DAY_MS / 2);
    const again = createTestHall({ clock, dataDir, retention: { autoRun: true, startDelayMs: 0 } });
    expect(again.core.retention.status().nextRunAt).toBe(started + DAY_MS);
    again.core.close();
  });

  it('refuses, in words and with nothing written, anything added to a case once it is anonymised (a desk that had it open)', () => {
    const { hall, clock, admin, typedCase, repeatOld } = hallOverYears();
    moveTo(clock, '2030-01-15');
    valueOf(admin('retention.runNow'));
    const changes = () => hall.core.db.prepare('SELECT total_changes()').pluck().get() as number;
    getCase(hall, typedCase.id); // the desk signs in again after the years the clock moved (a write of its own)
    const before = changes();
    const attempts = [
      hall.call('clerk', 'visits.addEvent', { visitId: repeatOld.id, event: { type: 'replied', date: '2030-01-15' }, note: '赵淑芬又来电' }, 'en'),
      hall.call('clerk', 'visits.setTags', { visitId: typedCase.id, tags: [{ kind: 'leader_owned', leader: '张明 副区长' }] }, 'en'),
      hall.call('clerk', 'visits.addAttachment', { visitId: repeatOld.id, fileName: '补充材料.png', mediaType: 'image/png', contentBase64: PNG }, 'en'),
    ];
    for (const reply of attempts) {
      expect(errorOf(reply)).toMatchObject({ code: 'CONFLICT', message: i18nResources.en.translation.errors.CONFLICT_case_anonymised });
    }
    expect(changes()).toBe(before);
    expect(hall.core.db.prepare('SELECT count(*) FROM visit_events WHERE note LIKE ?').pluck().get('%赵淑芬%')).toBe(0);
  });

  it('is the admin’s only', () => {
    const hall = createTestHall();
    for (const role of ['kiosk', 'display', 'clerk'] as const) {
      for (const method of ['retention.status', 'retention.runNow']) expect(errorOf(hall.call(role, method, {}))?.code, `${method} as ${role}`).toBe('FORBIDDEN');
    }
    expect(valueOf(adminOf(hall)('retention.status'))).toEqual({ retentionYears: 3, printedContentDays: 30, lastRun: null, nextRunAt: null });
  });

  it('keeps the timeline append-only for everything but blanking the text of an anonymised case', () => {
    const { hall, clock, admin, repeatOld, active } = hallOverYears();
    const db = hall.core.db;
    // Not anonymised: no edit at all.
    expect(() => db.prepare("UPDATE visit_events SET note = '〔已匿名〕' WHERE visit_id = ?").run(active.id)).toThrow(/append-only/);
    moveTo(clock, '2030-01-15');
    valueOf(admin('retention.runNow'));
    // Anonymised: its dates and types stay as recorded, and no other text than the marker.
    expect(() => db.prepare("UPDATE visit_events SET date = '2026-11-25' WHERE visit_id = ? AND type = 'extended'").run(repeatOld.id)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE visit_events SET note = 'x' WHERE visit_id = ? AND note IS NOT NULL").run(repeatOld.id)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE visit_events SET details = json_set(details, '$.days', 10) WHERE visit_id = ? AND type = 'extended'").run(repeatOld.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM visit_events WHERE visit_id = ?').run(repeatOld.id)).toThrow(/append-only/);
  });

  it('counts the period in calendar years', () => {
    expect(new Date(yearsBefore(Date.parse('2030-01-15T01:00:00Z'), 3)).toISOString()).toBe('2027-01-15T01:00:00.000Z');
    expect(new Date(yearsBefore(Date.parse('2028-02-29T01:00:00Z'), 1)).toISOString()).toBe('2027-03-01T01:00:00.000Z');
  });
});
