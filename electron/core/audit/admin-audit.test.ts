import { describe, expect, it } from 'vitest';
import { methods, type MethodName, type RpcReply } from '../../../shared/contract';
import { createTestHall, sessionTokenFor, TEST_ADMIN } from '../testing/test-core';

/**
 * "Every change validated and audit-logged" (issue 9): every method the admin page may
 * call is listed here with what it must leave in the audit log — a read nothing (and it
 * changes nothing), a write exactly one row with its action and the signed-in admin as
 * the actor. A method added to the contract for the admin fails the first test until it
 * is listed: the audit cannot be forgotten.
 */
type Hall = ReturnType<typeof hall>;

type Expectation =
  /** Changes nothing, records nothing. */
  | { read: true }
  /** Exactly one audit row with this action; the actor is the signed-in admin unless `byNobody` (a device pairing). */
  | { audited: string; byNobody?: true }
  /** A write the hall records elsewhere, with who did it: no audit row. */
  | { recorded: string }
  /** Audited, but only testable on another hall: the test that does. */
  | { elsewhere: string };

interface AdminCall {
  /** The params (any setup they need happens here, before the call is measured). */
  params?: (h: Hall) => unknown;
  expect: Expectation;
}

const text = (value: string) => ({ 'zh-CN': value, 'zh-HK': value, en: value });
/** A year of the working-day calendar (test data: not a real notice). */
const calendarYear = (year: number) => ({
  year,
  source: { title: `${year} 年测试日历`, documentNumber: null, issuedOn: `${year - 1}-11-01`, verified: false, checkedAgainst: [] },
  holidays: [{ name: '元旦', from: `${year}-01-01`, to: `${year}-01-01` }],
  adjustedWorkingDays: [],
});
const CSV_HEADER = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en';

function hall() {
  const test = createTestHall();
  const auditCount = () => test.core.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
  const changes = () => test.core.db.prepare('SELECT total_changes()').pluck().get() as number;
  return { ...test, auditCount, changes };
}

/** In the order they run; the sign-out last (the admin page stays signed in until then). */
const ADMIN_CALLS: Record<string, AdminCall> = {
  'auth.whoAmI': { expect: { read: true } },
  'auth.resume': { params: (h) => ({ token: sessionTokenFor(h.core, h.clock, TEST_ADMIN.staffNo) }), expect: { read: true } },
  'auth.signIn': { params: () => ({ staffNo: TEST_ADMIN.staffNo, password: 'demo1234' }), expect: { audited: 'auth.signIn' } },
  'auth.setupStatus': { expect: { read: true } },
  'auth.setupFirstAdmin': { expect: { elsewhere: 'electron/core/staff/first-run.test.ts (a hall without an administrator)' } },
  'staff.list': { expect: { read: true } },
  'staff.save': { params: () => ({ staffNo: '2001', name: '赵新', role: 'clerk' }), expect: { audited: 'staff.create' } },
  'staff.setPassword': { params: (h) => ({ id: h.staffId('2001'), password: 'zhao-xin-2026' }), expect: { audited: 'staff.setPassword' } },
  'staff.setActive': { params: (h) => ({ id: h.staffId('2001'), active: false }), expect: { audited: 'staff.disable' } },
  'locations.list': { expect: { read: true } },
  'locations.import': {
    params: () => ({ format: 'csv', content: [CSV_HEADER, 'matian,,street,马田街道,馬田街道,Matian Subdistrict'].join('\n') }),
    expect: { audited: 'locations.import' },
  },
  'ratings.summary': { params: () => ({ from: '2026-11-24', to: '2026-11-24' }), expect: { read: true } },
  'devices.createPairingCode': { params: () => ({ kind: 'display', name: '大厅屏幕' }), expect: { audited: 'device.pairingCode' } },
  'devices.pair': { params: (h) => ({ code: h.value('admin', 'devices.createPairingCode', { kind: 'kiosk', name: '取号机' }).code }), expect: { audited: 'device.paired', byNobody: true } },
  'devices.list': { expect: { read: true } },
  'devices.revoke': { params: (h) => ({ deviceId: h.value('admin', 'devices.list', {}).devices[0].id }), expect: { audited: 'device.revoked' } },
  'printing.savePrinter': { params: () => ({ name: '办公室打印机', role: 'office', address: 'tcp://10.0.0.9' }), expect: { audited: 'printing.savePrinter' } },
  'printing.jobs': { expect: { read: true } },
  'printing.status': { expect: { read: true } },
  'printing.systemPrinters': { expect: { read: true } },
  'printing.testPage': {
    params: (h) => ({ printerId: h.value('admin', 'printing.status', {}).printers[0].id }),
    expect: { recorded: 'the print history (printing.jobs: who asked, when)' },
  },
  'printing.reprint': { params: (h) => ({ jobId: h.value('admin', 'printing.jobs', {}).jobs[0].id }), expect: { recorded: 'the print history (printing.jobs)' } },
  'comics.pack': { expect: { read: true } },
  'comics.file': { params: (h) => ({ path: Object.keys(h.value('admin', 'comics.pack', {}).pack.files)[0] }), expect: { read: true } },
  'comics.stats': { expect: { read: true } },
  'receipts.settings': { expect: { read: true } },
  'receipts.saveSettings': { params: () => ({ hotline: '0755-1234 5678', organName: '示范区信访局' }), expect: { audited: 'receipts.saveSettings' } },
  'retention.status': { expect: { read: true } },
  'retention.runNow': { expect: { audited: 'retention.run' } },
  'calendar.get': { expect: { read: true } },
  'calendar.saveYear': { params: () => calendarYear(2027), expect: { audited: 'calendar.saveYear' } },
  'calendar.importFile': { params: () => ({ content: JSON.stringify({ schemaVersion: 1, years: [calendarYear(2028)] }) }), expect: { audited: 'calendar.importFile' } },
  'calendar.resetYear': { params: () => ({ year: 2027 }), expect: { audited: 'calendar.resetYear' } },
  'hall.info': { expect: { read: true } },
  'hall.saveSettings': {
    params: (h) => {
      const { name, siteCode, address, languages, timeZone } = h.value('admin', 'hall.info', {});
      return { name: { ...name, en: 'Demo Hall' }, siteCode, address, languages, timeZone };
    },
    expect: { audited: 'hall.saveSettings' },
  },
  'hall.saveQueueRules': { params: (h) => ({ ...h.value('admin', 'hall.info', {}).queueRules, maxPassOver: 5 }), expect: { audited: 'hall.saveQueueRules' } },
  'hall.saveService': {
    params: () => ({ letter: 'F', name: text('政策咨询'), description: text('政策咨询'), openFrom: null, openUntil: null, dailyCapacity: 50 }),
    expect: { audited: 'hall.saveService' },
  },
  'hall.removeService': {
    params: (h) => ({ id: h.value('admin', 'hall.info', {}).services.find((s: { letter: string }) => s.letter === 'F').id }),
    expect: { audited: 'hall.removeService' },
  },
  'hall.saveWindow': {
    params: (h) => ({ number: 9, name: text('9号窗口'), location: text('二楼'), services: [{ serviceId: h.serviceId('A'), tier: 1 }] }),
    expect: { audited: 'hall.saveWindow' },
  },
  'hall.removeWindow': { params: (h) => ({ id: h.value('admin', 'hall.info', {}).windows.find((w: { number: number }) => w.number === 9).id }), expect: { audited: 'hall.removeWindow' } },
  'hall.saveKioskSettings': { params: (h) => ({ ...h.value('admin', 'hall.info', {}).kiosk, idleSeconds: 90 }), expect: { audited: 'hall.saveKioskSettings' } },
  'kiosk.takeNumber': { expect: { recorded: 'the ticket and its events, with the staff id (queue)' } },
  'kiosk.caseStatus': { expect: { elsewhere: 'electron/core/visits/case-status.test.ts (a read with its own lock-out counter)' } },
  'queue.issueTicket': { params: (h) => ({ serviceId: h.serviceId('A') }), expect: { recorded: 'the ticket and its events, with the staff id (queue)' } },
  'queue.ticketProgress': { params: (h) => ({ ticketId: h.value('kiosk', 'queue.issueTicket', { serviceId: h.serviceId('A') }).ticket.id }), expect: { read: true } },
  'queue.serviceWaits': { expect: { read: true } },
  'queue.displayState': { expect: { read: true } },
  'categories.get': { expect: { read: true } },
  'categories.import': {
    params: () => ({ format: 'csv', text: [CSV_HEADER, '04,,1,劳动社保,勞動社保,Labour and social security'].join('\n'), version: '2026.1' }),
    expect: { audited: 'categories.import' },
  },
  'visits.kpis': { params: () => ({ from: '2026-11-01', to: '2026-11-24' }), expect: { read: true } },
  'stats.queue': { params: () => ({ from: '2026-11-24', to: '2026-11-24', groupBy: 'service' }), expect: { read: true } },
  'auth.signOut': { expect: { audited: 'auth.signOut' } },
};

const ADMIN_METHODS = (Object.keys(methods) as MethodName[]).filter((name) => (methods[name].roles as readonly string[]).includes('admin'));

describe("the admin's writes in the audit log", () => {
  it('lists every method the admin page may call', () => {
    expect(Object.keys(ADMIN_CALLS).sort()).toEqual([...ADMIN_METHODS].sort());
  });

  it('leaves exactly one row per write, with its action and the admin as actor; none for a read; the chain stays intact', () => {
    const h = hall();
    const admin = h.staffId(TEST_ADMIN.staffNo);
    h.value('admin', 'auth.whoAmI', {}); // signs the test's admin page in, before anything is measured
    for (const [name, { params, expect: expected }] of Object.entries(ADMIN_CALLS)) {
      if ('elsewhere' in expected) continue;
      if (name === 'kiosk.takeNumber') continue; // a kiosk registration's params: kiosk.test.ts; a ticket like queue.issueTicket
      const input = params?.(h) ?? {};
      const rowsBefore = h.auditCount();
      const changesBefore = h.changes();
      const reply: RpcReply = h.call('admin', name, input);
      expect(reply.ok, `${name}: ${JSON.stringify(reply.ok ? null : reply.error)}`).toBe(true);
      const rows = h.core.db.prepare('SELECT actor_id AS actorId, action, details FROM audit_log WHERE seq > ? ORDER BY seq').all(rowsBefore) as Array<{
        actorId: string | null;
        action: string;
        details: string;
      }>;
      const dataChanges = h.changes() - changesBefore - rows.length;
      if ('read' in expected) {
        expect(rows, name).toEqual([]);
        expect(dataChanges, `${name} changed the database`).toBe(0);
      } else if ('recorded' in expected) {
        expect(rows, name).toEqual([]);
        expect(dataChanges, name).toBeGreaterThan(0);
      } else {
        expect(rows.map((row) => row.action), name).toEqual([expected.audited]);
        expect(rows[0]!.actorId, name).toBe(expected.byNobody ? null : admin);
        expect(dataChanges, name).toBeGreaterThan(0);
      }
      for (const row of rows) for (const secret of ['demo1234', 'zhao-xin-2026']) expect(row.details, name).not.toContain(secret);
    }
    expect(h.core.audit.verify()).toMatchObject({ ok: true });
  });

  it('records what changed: the new values of a setting, the counts of an import, never a password', () => {
    const h = hall();
    const admin = h.staffId(TEST_ADMIN.staffNo);
    const last = () => h.core.db.prepare('SELECT actor_id AS actorId, action, subject, details FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { actorId: string; action: string; subject: string; details: string };
    const kiosk = h.value('admin', 'hall.saveKioskSettings', { ...h.info.kiosk, idleSeconds: 90 });
    expect(last()).toMatchObject({ actorId: admin, action: 'hall.saveKioskSettings', subject: 'hall:kioskSettings' });
    expect(JSON.parse(last().details)).toEqual(kiosk);

    const { name, siteCode, address, timeZone } = h.info;
    const settings = h.value('admin', 'hall.saveSettings', { name, siteCode, address: { ...address, 'zh-CN': '华夏路 8 号' }, languages: ['zh-CN'], timeZone });
    expect(last()).toMatchObject({ actorId: admin, action: 'hall.saveSettings', subject: 'hall:settings' });
    expect(JSON.parse(last().details)).toEqual(settings);
    h.value('admin', 'calendar.saveYear', calendarYear(2027));
    expect(last()).toMatchObject({ action: 'calendar.saveYear', subject: 'calendar:2027' });
    expect(JSON.parse(last().details)).toMatchObject({ year: 2027, holidays: [{ name: '元旦' }], cases: 0, redated: 0 });

    const service = h.value('admin', 'hall.saveService', { letter: 'F', name: text('政策咨询'), description: text('咨询'), openFrom: '09:00', openUntil: '12:00', dailyCapacity: 50 });
    expect(last()).toMatchObject({ action: 'hall.saveService', subject: `service:${service.id}` });
    expect(JSON.parse(last().details)).toMatchObject({ created: true, letter: 'F', openFrom: '09:00', dailyCapacity: 50 });
    h.value('admin', 'hall.saveService', { ...service, dailyCapacity: 60 });
    expect(JSON.parse(last().details)).toMatchObject({ created: false, dailyCapacity: 60 });

    const created = h.value('admin', 'staff.save', { staffNo: '2001', name: '赵新', role: 'clerk' });
    h.value('admin', 'staff.save', { id: created.id, name: '赵新', role: 'admin' });
    expect(last()).toMatchObject({ action: 'staff.update', subject: `staff:${created.id}` });
    expect(JSON.parse(last().details)).toEqual({ staffNo: '2001', name: '赵新', role: 'admin' });
    h.value('admin', 'staff.setPassword', { id: created.id, password: 'zhao-xin-2026' });
    expect(JSON.parse(last().details)).toEqual({ staffNo: '2001' });
    h.value('admin', 'staff.setActive', { id: created.id, active: true });
    expect(last().action).toBe('staff.enable');

    h.value('admin', 'locations.import', { format: 'csv', content: [CSV_HEADER, 'matian,,street,马田街道,馬田街道,Matian'].join('\n') });
    expect(JSON.parse(last().details)).toEqual({ format: 'csv', count: 1, retired: expect.any(Number) });
    const dump = JSON.stringify(h.core.db.prepare('SELECT details FROM audit_log').all());
    expect(dump).not.toContain('zhao-xin-2026');
    expect(dump).not.toContain('马田街道');
  });

  it('writes neither the change nor its row when either fails: one transaction', () => {
    const h = hall();
    const before = h.auditCount();
    // A refused change: no row.
    const duplicate = h.call('admin', 'hall.saveService', { letter: 'A', name: text('重复'), description: text('重复'), openFrom: null, openUntil: null, dailyCapacity: null });
    expect(duplicate.ok).toBe(false);
    expect(h.auditCount()).toBe(before);
    // A row that cannot be written: no change.
    h.core.db.exec("CREATE TEMP TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END");
    const reply = h.call('admin', 'hall.saveKioskSettings', { ...h.info.kiosk, idleSeconds: 300 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    h.core.db.exec('DROP TRIGGER no_audit');
    expect(h.value('admin', 'hall.info', {}).kiosk.idleSeconds).toBe(h.info.kiosk.idleSeconds);
    expect(h.auditCount()).toBe(before);
    expect(h.core.audit.verify()).toMatchObject({ ok: true });
  });
});
