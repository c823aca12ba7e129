import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger, RawPrinter, RawPrinterStatus } from '../ports';
import { createTestHall, ManualClock, TEST_CLERK } from '../testing/test-core';
import { describeEscPos } from './escpos';
import { NetworkPrinter, PrinterError } from './network-printer';
import { PRINT_POLICY } from './printing-service';
import { cut, qr, text } from './receipt-model';
import { closedPort, TestPrinterServer } from './test-printer-server';

type Hall = ReturnType<typeof createTestHall>;

/**
 * The real network adapter behind a power switch: a printer switched off refuses as one
 * does (ECONNREFUSED) without a closed port, which another test worker could take
 * meanwhile. network-printer.test.ts has the real refusal. Records whom it was asked.
 */
class SwitchablePrinter implements RawPrinter {
  readonly off = new Set<string>();
  readonly asked: Array<{ call: 'send' | 'status'; address: string }> = [];
  constructor(private readonly network: RawPrinter = new NetworkPrinter()) {}
  async send(address: string, bytes: Uint8Array): Promise<void> {
    this.asked.push({ call: 'send', address });
    if (this.off.has(address)) throw new PrinterError('ECONNREFUSED');
    await this.network.send(address, bytes);
  }
  async status(address: string): Promise<RawPrinterStatus> {
    this.asked.push({ call: 'status', address });
    if (this.off.has(address)) return { state: 'offline', paperLow: false, answered: false, error: 'ECONNREFUSED' };
    return this.network.status(address);
  }
}

const servers: TestPrinterServer[] = [];
const halls: Hall[] = [];
const dirs: string[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

async function printerServer(port = 0): Promise<TestPrinterServer> {
  const server = new TestPrinterServer();
  servers.push(server);
  await server.listen(port);
  return server;
}

function hall(options: Parameters<typeof createTestHall>[0] = {}): Hall & { printer: SwitchablePrinter } {
  const printer = options.rawPrinter instanceof SwitchablePrinter ? options.rawPrinter : new SwitchablePrinter(options.rawPrinter);
  const made = createTestHall({ clock: new ManualClock(), ...options, rawPrinter: printer });
  halls.push(made);
  return { ...made, printer };
}

afterEach(async () => {
  for (const made of halls.splice(0)) made.core.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Resolves once `condition` holds (checked every 10 ms), or fails after `ms`. */
async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function recordingLogger() {
  const lines: Array<{ level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { logger, lines };
}

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

  it('a job to a real closed port is queued, and delivered once a printer listens on that port', async () => {
    // The port is let go and taken again later: should another process take it meanwhile
    // (listen fails with EADDRINUSE), the walk starts over on a fresh port.
    for (let round = 0; ; round++) {
      const port = await closedPort();
      const address = `tcp://127.0.0.1:${port}`;
      const clock = new ManualClock();
      const h = hall({ clock });
      savePrinter(h, address);
      takeNumber(h);
      await h.core.printing.runDue();
      const [job] = jobs(h);
      expect(job).toMatchObject({ state: 'queued', attempts: 1, lastError: 'ECONNREFUSED' });

      const server = new TestPrinterServer();
      const listening = await server.listen(port).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EADDRINUSE' || round === 4) throw error;
          return false;
        },
      );
      if (!listening) continue;
      servers.push(server);
      clock.advance(PRINT_POLICY.firstRetryMs);
      await h.core.printing.runDue();
      await server.waitForJobs(1);
      expect(Buffer.compare(server.jobs[0]!, Buffer.from(h.core.printing.store.jobBytes(job.id)!))).toBe(0);
      expect(jobs(h)[0]).toMatchObject({ state: 'done', attempts: 2 });
      return;
    }
  });

  it('a job to a printer switched off stays queued, retries with backoff, and is delivered once it is switched on', async () => {
    const server = await printerServer();
    const clock = new ManualClock();
    const h = hall({ clock });
    h.printer.off.add(server.address);
    savePrinter(h, server.address);
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
    expect(server.jobs).toEqual([]);
    h.printer.off.delete(server.address);
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
    const clock = new ManualClock();
    const h = hall({ clock });
    h.printer.off.add('tcp://127.0.0.1:9');
    savePrinter(h, 'tcp://127.0.0.1:9');
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
    const server = await printerServer();
    const first = hall({ dataDir });
    savePrinter(first, server.address);
    takeNumber(first);
    first.core.db.prepare("UPDATE print_jobs SET state = 'printing', next_attempt_at = NULL").run();
    first.core.close();
    halls.splice(halls.findIndex((made) => made.core === first.core), 1);
    expect(server.jobs).toEqual([]);

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
    expect(() => h.core.printing.enqueue({ kind: 'test_page', ref: 'x', label: 'x', printerId: first.id, content: { contentType: 'receipt', document: { blocks: [] } }, requestedBy: { staffId: null, role: 'admin' } })).toThrow('IN_USE');
    expect(h.value('kiosk', 'hall.info', {}).devices.ticketPrinter).toBe(false);
    // The test hall's queue does not run by itself: saving printers on the LAN asked none of them.
    expect(h.printer.asked).toEqual([]);
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
      content: { contentType: 'receipt', document: { blocks: [text('来访人：王堃'), text('身份证号：4403**********123X'), qr('DEMO-20261124-001'), cut()] } },
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

describe('the print queue on its own timers (autoRun, as the hosts run it)', () => {
  it('reads the printer\'s state in the background and delivers a kiosk ticket with nobody calling runDue', async () => {
    const server = await printerServer();
    const clock = new ManualClock();
    const h = hall({ clock, printing: { autoRun: true } });
    savePrinter(h, server.address);
    await until(() => h.value('clerk', 'printing.status', {}).printers[0].checkedAt !== null);
    expect(h.value('clerk', 'printing.status', {}).printers[0]).toMatchObject({ state: 'online', checkedAt: clock.now() });

    const taken = takeNumber(h);
    expect(taken.printing).toBe('queued');
    await server.waitForJobs(1);
    await until(() => jobs(h)[0].state === 'done');
    expect(jobs(h)[0]).toMatchObject({ document: { ref: taken.ticket.id }, attempts: 1 });
    expect(Buffer.compare(server.jobs[0]!, Buffer.from(h.core.printing.store.jobBytes(jobs(h)[0].id)!))).toBe(0);
  });

  it('closing the core while a job is in flight leaves no promise unhandled and logs no error', async () => {
    // A printer that takes the connection and then neither answers nor reads.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.pause();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const address = `tcp://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    cleanups.push(() => void process.off('unhandledRejection', onUnhandled));

    const { logger, lines } = recordingLogger();
    const h = hall({ logger, printing: { autoRun: true }, rawPrinter: new NetworkPrinter({ statusTimeoutMs: 150 }) });
    savePrinter(h, address);
    takeNumber(h);
    // The worker took the job: it is waiting for the printer.
    await until(() => h.core.db.prepare('SELECT state FROM print_jobs').pluck().get() === 'printing');
    h.core.close();
    halls.splice(halls.findIndex((made) => made.core === h.core), 1);

    // The attempt ends after the close (the status wait runs out, the bytes go): the round ends quietly.
    await expect(h.core.printing.idle()).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('an SQLite error inside a round is logged with its code, never thrown; the job goes out at the next round', async () => {
    const server = await printerServer();
    const { logger, lines } = recordingLogger();
    const h = hall({ logger });
    savePrinter(h, server.address);
    takeNumber(h);
    h.core.db.exec("CREATE TEMP TRIGGER print_jobs_broken BEFORE UPDATE ON main.print_jobs BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");

    await expect(h.core.printing.runDue()).resolves.toBeUndefined();
    expect(lines.filter((line) => line.level === 'error')).toEqual([
      { level: 'error', message: 'print queue round failed', fields: { error: 'SQLITE_CONSTRAINT_TRIGGER', kind: 'SqliteError' } },
    ]);
    expect(jobs(h)[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(server.jobs).toEqual([]);

    h.core.db.exec('DROP TRIGGER temp.print_jobs_broken');
    await h.core.printing.runDue();
    await server.waitForJobs(1);
    expect(jobs(h)[0]).toMatchObject({ state: 'done', attempts: 1 });
  });
});

describe('the kiosk\'s printer prints queue tickets only', () => {
  it('a receipt or a notice, reprinted or queued, is refused for a kiosk printer in the caller\'s language; a ticket and a test page go', async () => {
    const kioskServer = await printerServer();
    const officeServer = await printerServer();
    const h = hall();
    const kiosk = savePrinter(h, kioskServer.address);
    const office = h.value('admin', 'printing.savePrinter', { name: '大厅服务台', role: 'office', address: officeServer.address });
    const receipt = h.core.printing.enqueue({
      kind: 'visit_receipt',
      ref: '01JDXK3T8M2V7P9Q4R5S6T7V8W',
      label: 'DEMO-20261124-001',
      printerId: office.id,
      content: { contentType: 'receipt', document: { blocks: [text('来访人：王小明'), cut()] } },
      requestedBy: { staffId: h.staffId(TEST_CLERK.staffNo), role: 'clerk' },
    });
    const count = () => h.core.db.prepare('SELECT count(*) FROM print_jobs').pluck().get();
    expect(count()).toBe(1);

    const replies = (['zh-CN', 'zh-HK', 'en'] as const).map((language) => h.call('clerk', 'printing.reprint', { jobId: receipt.id, printerId: kiosk.id }, language));
    for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(replies.map((reply) => (reply.ok ? '' : reply.error.message))).toEqual([
      '打印机「取号机打印机」是自助取号机的打印机，只打印排队号票：回执和告知书请选择窗口或其他打印机',
      '打印機「取号机打印机」是自助取號機的打印機，只列印排隊號票：回執和告知書請選擇窗口或其他打印機',
      'The printer "取号机打印机" is the ticket kiosk\'s and prints queue tickets only: choose a window\'s or another printer for receipts and notices',
    ]);
    for (const kind of ['visit_receipt', 'notice'] as const) {
      expect(() =>
        h.core.printing.enqueue({ kind, ref: 'x', label: 'x', printerId: kiosk.id, content: { contentType: 'receipt', document: { blocks: [text('告知书')] } }, requestedBy: { staffId: null, role: 'system' } }),
      ).toThrow(expect.objectContaining({ code: 'CONFLICT', params: { context: 'kiosk_printer', name: '取号机打印机' } }));
    }
    expect(count()).toBe(1);

    // A ticket (reprinted to the kiosk's printer) and the admin's test page are what it is for.
    const taken = takeNumber(h);
    const [ticketJob] = jobs(h, { documentRef: taken.ticket.id });
    expect(h.value('clerk', 'printing.reprint', { jobId: ticketJob.id, printerId: kiosk.id }).job).toMatchObject({ reprintOf: ticketJob.id, printer: { id: kiosk.id } });
    h.core.printing.enqueue({ kind: 'test_page', ref: 'test', label: 'test', printerId: kiosk.id, content: { contentType: 'receipt', document: { blocks: [text('测试页')] } }, requestedBy: { staffId: null, role: 'admin' } });
    await h.core.printing.runDue();
    await kioskServer.waitForJobs(3);
    await officeServer.waitForJobs(1);
    expect(jobs(h, { printerId: kiosk.id }).map((job: { document: { kind: string } }) => job.document.kind).sort()).toEqual(['test_page', 'ticket', 'ticket']);
  });
});
