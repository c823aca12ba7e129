import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../ports';
import { createTestHall, ManualClock, TEST_CLERK } from '../testing/test-core';
import { describeEscPos } from './escpos';
import { PRINT_POLICY } from './printing-service';
import { cut, qr, text } from './receipt-model';
import { closedPort, TestPrinterServer } from './test-printer-server';

type Hall = ReturnType<typeof createTestHall>;

const servers: TestPrinterServer[] = [];
const halls: Hall[] = [];
const dirs: string[] = [];

async function printerServer(port = 0): Promise<TestPrinterServer> {
  const server = new TestPrinterServer();
  servers.push(server);
  await server.listen(port);
  return server;
}

function hall(options: Parameters<typeof createTestHall>[0] = {}): Hall {
  const made = createTestHall({ clock: new ManualClock(), ...options });
  halls.push(made);
  return made;
}

afterEach(async () => {
  for (const made of halls.splice(0)) made.core.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const takeNumber = (h: Hall) =>
  h.value('kiosk', 'kiosk.takeNumber', {
    serviceId: h.serviceId('A'),
    language: 'zh-CN',
    person: null,
    partySize: 1,
    representatives: null,
    declaredPriority: null,
  });

const savePrinter = (h: Hall, address: string, extra: Record<string, unknown> = {}) =>
  h.value('admin', 'printing.savePrinter', { name: '取号机打印机', role: 'kiosk', address, ...extra });

const jobs = (h: Hall, filter: Record<string, unknown> = {}) => h.value('clerk', 'printing.jobs', filter).jobs;

describe('the print queue: kiosk tickets to a printer on a loopback TCP port', () => {
  it('takeNumber answers before printing; the printer then receives exactly the job\'s bytes', async () => {
    const server = await printerServer();
    const h = hall();
    expect(h.value('kiosk', 'hall.info', {}).devices.ticketPrinter).toBe(false);
    savePrinter(h, server.address);
    expect(h.value('kiosk', 'hall.info', {}).devices.ticketPrinter).toBe(true);

    const taken = takeNumber(h);
    expect(taken.printing).toBe('queued');
    // Answered: the job is recorded and nothing was sent yet.
    const [job] = jobs(h);
    expect(job).toMatchObject({ state: 'queued', attempts: 0, document: { kind: 'ticket', ref: taken.ticket.id, label: 'A001' }, requestedRole: 'kiosk', requestedBy: null });
    expect(server.jobs).toEqual([]);

    await h.core.printing.runDue();
    await server.waitForJobs(1);
    const sent = h.core.printing.store.jobBytes(job.id)!;
    expect(Buffer.compare(server.jobs[0]!, Buffer.from(sent))).toBe(0);
    const listing = describeEscPos(server.jobs[0]!).join('\n');
    expect(listing).toContain('TEXT "A001"');
    expect(listing).toContain(`QR store ${JSON.stringify(taken.statusUrl)}`);
    expect(listing).toContain('GS V full cut');
    expect(jobs(h)[0]).toMatchObject({ state: 'done', attempts: 1, printedAt: h.clock.now(), lastError: null });
    expect(h.value('clerk', 'printing.status', {}).printers[0]).toMatchObject({ state: 'online', queued: 0 });
  });

  it('a job to a closed port stays queued, retries with backoff, and is delivered once the port opens', async () => {
    const port = await closedPort();
    const clock = new ManualClock();
    const h = hall({ clock });
    savePrinter(h, `tcp://127.0.0.1:${port}`);
    const taken = takeNumber(h);
    expect(taken.printing).toBe('queued'); // the visitor has the number whatever the printer does

    await h.core.printing.runDue();
    let [job] = jobs(h);
    expect(job).toMatchObject({ state: 'queued', attempts: 1, lastError: 'ECONNREFUSED', nextAttemptAt: clock.now() + PRINT_POLICY.firstRetryMs });
    expect(h.value('clerk', 'printing.status', {}).printers[0]).toMatchObject({ state: 'offline', error: 'ECONNREFUSED', queued: 1 });

    // Not due yet: no attempt.
    await h.core.printing.runDue();
    expect(jobs(h)[0].attempts).toBe(1);
    // Due, still closed: the next wait doubles.
    clock.advance(PRINT_POLICY.firstRetryMs);
    await h.core.printing.runDue();
    [job] = jobs(h);
    expect(job).toMatchObject({ state: 'queued', attempts: 2, nextAttemptAt: clock.now() + 2 * PRINT_POLICY.firstRetryMs });

    // The printer is switched on.
    const server = await printerServer(port);
    clock.advance(2 * PRINT_POLICY.firstRetryMs);
    await h.core.printing.runDue();
    await server.waitForJobs(1);
    expect(Buffer.compare(server.jobs[0]!, Buffer.from(h.core.printing.store.jobBytes(job.id)!))).toBe(0);
    expect(jobs(h)[0]).toMatchObject({ state: 'done', attempts: 3, nextAttemptAt: null });
    expect(h.core.printing.store.attempts(job.id).map((a) => [a.outcome, a.error])).toEqual([
      ['error', 'ECONNREFUSED'],
      ['error', 'ECONNREFUSED'],
      ['done', null],
    ]);
    expect(h.value('clerk', 'printing.status', {}).printers[0]).toMatchObject({ state: 'online', queued: 0 });
  });

  it('a ticket not printed within 15 minutes is given up; a clerk reprints it from the history to another printer', async () => {
    const port = await closedPort();
    const clock = new ManualClock();
    const h = hall({ clock });
    savePrinter(h, `tcp://127.0.0.1:${port}`);
    takeNumber(h);
    await h.core.printing.runDue();
    clock.advance(PRINT_POLICY.ticketGiveUpMs);
    await h.core.printing.runDue();
    const [failed] = jobs(h);
    expect(failed).toMatchObject({ state: 'failed', lastError: 'ECONNREFUSED', nextAttemptAt: null });
    expect(jobs(h, { state: 'failed' })).toHaveLength(1);
    expect(jobs(h, { state: 'queued' })).toHaveLength(0);

    const server = await printerServer();
    const office = h.value('admin', 'printing.savePrinter', { name: '大厅服务台', role: 'office', address: server.address });
    const { job } = h.value('clerk', 'printing.reprint', { jobId: failed.id, printerId: office.id });
    expect(job).toMatchObject({
      state: 'queued',
      reprintOf: failed.id,
      document: failed.document,
      printer: { id: office.id, name: '大厅服务台' },
      requestedRole: 'clerk',
      requestedBy: { staffNo: TEST_CLERK.staffNo, name: TEST_CLERK.name },
    });
    await h.core.printing.runDue();
    await server.waitForJobs(1);
    expect(Buffer.compare(server.jobs[0]!, Buffer.from(h.core.printing.store.jobBytes(failed.id)!))).toBe(0);
    // The history keeps both, newest first; filters by document and printer.
    expect(jobs(h, { documentRef: failed.document.ref }).map((j: { state: string }) => j.state)).toEqual(['done', 'failed']);
    expect(jobs(h, { printerId: office.id })).toHaveLength(1);
  });

  it('paper out (DLE EOT 4) is reported, the job kept, and delivered once paper is loaded', async () => {
    const server = await printerServer();
    server.paper = 'out';
    const clock = new ManualClock();
    const h = hall({ clock });
    savePrinter(h, server.address);
    await h.core.printing.refreshStatus();
    expect(h.value('clerk', 'printing.status', {}).printers[0]).toMatchObject({ state: 'paper_out', checkedAt: clock.now() });

    takeNumber(h);
    await h.core.printing.runDue();
    expect(jobs(h)[0]).toMatchObject({ state: 'queued', lastError: 'paper_out' });
    expect(server.jobs).toEqual([]);

    server.paper = 'low';
    clock.advance(PRINT_POLICY.firstRetryMs);
    await h.core.printing.refreshStatus();
    expect(h.value('clerk', 'printing.status', {}).printers[0]).toMatchObject({ state: 'online', paperLow: true, queued: 1 });
    await h.core.printing.runDue();
    await server.waitForJobs(1);
    expect(jobs(h)[0].state).toBe('done');
  });

  it('a job left printing by a crash is queued again at the next start (printed twice rather than lost)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-printing-'));
    dirs.push(dataDir);
    const port = await closedPort();
    const first = hall({ dataDir });
    savePrinter(first, `tcp://127.0.0.1:${port}`);
    takeNumber(first);
    first.core.db.prepare("UPDATE print_jobs SET state = 'printing', next_attempt_at = NULL").run();
    first.core.close();
    halls.splice(halls.indexOf(first), 1);

    const server = await printerServer(port);
    const second = hall({ dataDir });
    expect(jobs(second)[0].state).toBe('queued');
    await second.core.printing.runDue();
    await server.waitForJobs(1);
    expect(jobs(second)[0].state).toBe('done');
  });
});

describe('the print queue on the contract', () => {
  it('roles: clerks and the admin read the history and status; the kiosk and the display do not', () => {
    const h = hall();
    for (const role of ['kiosk', 'display'] as const) {
      for (const method of ['printing.jobs', 'printing.status', 'printing.reprint']) {
        expect(h.call(role, method, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(h.call('clerk', 'printing.savePrinter', { name: 'x', role: 'office', address: 'tcp://127.0.0.1:9100' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(h.value('admin', 'printing.jobs', {})).toEqual({ jobs: [] });
  });

  it('bad input gets a typed error in the caller\'s language and changes nothing', () => {
    const h = hall();
    const count = () => h.core.db.prepare('SELECT (SELECT count(*) FROM printers) + (SELECT count(*) FROM print_jobs)').pluck().get();
    expect(h.call('admin', 'printing.savePrinter', { name: '打印机', role: 'office', address: 'http://10.0.0.1' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(h.call('admin', 'printing.savePrinter', { name: '打印机', role: 'office', address: 'tcp://10.0.0.1:99999' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(h.call('admin', 'printing.savePrinter', { name: '窗口', role: 'window', address: 'tcp://10.0.0.1' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(h.call('admin', 'printing.savePrinter', { name: '窗口', role: 'window', windowId: '01JDXK3T8M2V7P9Q4R5S6T7V8W', address: 'tcp://10.0.0.1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(count()).toBe(0);

    const first = h.value('admin', 'printing.savePrinter', { name: '一号窗口打印机', role: 'window', windowId: h.windowId(1), address: 'tcp://10.0.0.1' });
    const messages = (['zh-CN', 'zh-HK', 'en'] as const).map((language) => {
      const reply = h.call('admin', 'printing.savePrinter', { name: '另一台', role: 'office', address: 'tcp://10.0.0.1' }, language);
      expect(reply).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
      return reply.ok ? '' : reply.error.message;
    });
    expect(messages).toEqual([
      '地址 tcp://10.0.0.1 已被打印机「一号窗口打印机」使用',
      '地址 tcp://10.0.0.1 已被打印機「一号窗口打印机」使用',
      'The address tcp://10.0.0.1 is already used by the printer "一号窗口打印机"',
    ]);
    const unknown = (['zh-CN', 'zh-HK', 'en'] as const).map((language) => {
      const reply = h.call('clerk', 'printing.reprint', { jobId: '01JDXK3T8M2V7P9Q4R5S6T7V8W' }, language);
      return reply.ok ? '' : `${reply.error.code} ${reply.error.message}`;
    });
    expect(unknown).toEqual(['NOT_FOUND 找不到这次打印记录，请刷新后重试', 'NOT_FOUND 找不到這次打印記錄，請重新整理後再試', 'NOT_FOUND This print job was not found. Please refresh and try again']);
    expect(h.core.db.prepare('SELECT count(*) FROM print_jobs').pluck().get()).toBe(0);
    // A printer switched off takes no new job.
    h.value('admin', 'printing.savePrinter', { ...first, active: false });
    expect(() => h.core.printing.enqueue({ kind: 'test_page', ref: 'x', label: 'x', printerId: first.id, document: { blocks: [] }, requestedBy: { staffId: null, role: 'admin' } })).toThrow('IN_USE');
    expect(h.value('kiosk', 'hall.info', {}).devices.ticketPrinter).toBe(false);
  });

  it('logs name no person: a receipt with a name and masked numbers prints, the log holds codes only', async () => {
    const lines: string[] = [];
    const logger: Logger = { info: (m, f) => lines.push(JSON.stringify([m, f])), warn: (m, f) => lines.push(JSON.stringify([m, f])), error: (m, f) => lines.push(JSON.stringify([m, f])) };
    const server = await printerServer();
    const h = hall({ logger });
    const office = h.value('admin', 'printing.savePrinter', { name: '窗口打印机', role: 'office', address: server.address });
    const job = h.core.printing.enqueue({
      kind: 'visit_receipt',
      ref: '01JDXK3T8M2V7P9Q4R5S6T7V8W',
      label: 'DEMO-20261124-001',
      printerId: office.id,
      document: { blocks: [text('来访人：王堃'), text('身份证号：4403**********123X'), qr('DEMO-20261124-001'), cut()] },
      requestedBy: { staffId: h.staffId(TEST_CLERK.staffNo), role: 'clerk' },
    });
    await h.core.printing.runDue();
    await server.waitForJobs(1);
    expect(describeEscPos(server.jobs[0]!).some((line) => line.includes('GS v 0 raster 576x24'))).toBe(true);
    expect(jobs(h)[0]).toMatchObject({ id: job.id, state: 'done', requestedBy: { staffNo: TEST_CLERK.staffNo } });
    const log = lines.join('\n');
    expect(log).toContain('print job delivered');
    for (const personal of ['王', '堃', '4403', '123X']) expect(log).not.toContain(personal);
  });
});
