import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { FakeSystemPrinter } from '../testing/fake-devices';
import { createTestHall, ManualClock, TEST_CLERK } from '../testing/test-core';
import { TestPrinterServer } from './test-printer-server';

type Hall = ReturnType<typeof createTestHall>;

const ID_NUMBER = (() => {
  const first17 = '44030419750606003';
  return first17 + checkCharacter(first17);
})();
const PHONE = '13812345678';
const OFFICE = { name: 'HP_LaserJet_M404', displayName: 'HP LaserJet M404（办公室）', isDefault: true };

const halls: Hall[] = [];
const servers: TestPrinterServer[] = [];
afterEach(async () => {
  for (const hall of halls.splice(0)) hall.core.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function hallWith(options: { systemPrinter?: FakeSystemPrinter } = {}): Hall {
  const hall = createTestHall({ clock: new ManualClock(Date.parse('2026-03-02T01:00:00Z')), ...options });
  halls.push(hall);
  return hall;
}

async function printerServer(): Promise<TestPrinterServer> {
  const server = new TestPrinterServer();
  servers.push(server);
  await server.listen(0);
  return server;
}

function registerCase(hall: Hall) {
  return hall.value('clerk', 'visits.create', {
    person: { idNumber: ID_NUMBER, name: '李建国', phone: PHONE },
    language: 'zh-CN',
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
  }).visit as { id: string; caseNumber: string };
}

const decide = (hall: Hall, visitId: string, decision: unknown) => hall.value('clerk', 'visits.decide', { visitId, decision });
const print = (hall: Hall, params: unknown, language: Language = 'zh-CN') => hall.call('clerk', 'printing.print', params, language);
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);
const changes = (hall: Hall) => hall.core.db.prepare('SELECT total_changes()').pluck().get() as number;
const jobsOf = (hall: Hall, ref: string) => hall.value('clerk', 'printing.jobs', { documentRef: ref }).jobs;
/** Resolves once `condition` holds (checked every 10 ms): the test server has a job once the connection closed. */
async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const decoded = (bytes: Buffer | Uint8Array) => iconv.decode(Buffer.from(bytes), 'gb18030');

describe('printing.print: the desk prints a document of the case and the print is recorded', () => {
  it('with no printer for the desk, the page goes back to the browser, recorded as handed to it by the clerk', () => {
    const hall = hallWith();
    const visit = registerCase(hall);
    const reply = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, windowId: hall.windowId(1) });
    expect(reply.browser.pageSize).toBe('80mm');
    expect(reply.browser.html).toContain(visit.caseNumber);
    expect(reply.browser.html).toContain('138****5678');
    expect(reply.browser.html).not.toContain(PHONE);
    expect(reply.job).toMatchObject({
      printer: null,
      contentType: 'html',
      state: 'done',
      archived: false,
      document: { kind: 'visit_receipt', ref: visit.id, label: `来访登记回执 ${visit.caseNumber}` },
      requestedRole: 'clerk',
      requestedBy: { staffNo: TEST_CLERK.staffNo },
    });
    expect(jobsOf(hall, visit.id).map((job: { id: string }) => job.id)).toEqual([reply.job.id]);
    // The browser's job is done: nothing for the queue to send.
    expect(hall.core.printing.store.nextDue()).toBeNull();
  });

  it('the receipt goes to the desk window’s thermal printer as ESC/POS, and arrives there', async () => {
    const server = await printerServer();
    const hall = hallWith();
    const printer = hall.value('admin', 'printing.savePrinter', { name: '1号窗口打印机', role: 'window', windowId: hall.windowId(1), address: server.address });
    const visit = registerCase(hall);
    decide(hall, visit.id, { kind: 'accepted' });

    // Another window's desk has no printer: its receipt goes to the browser.
    expect(hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, windowId: hall.windowId(2) }).job.printer).toBeNull();

    const reply = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, windowId: hall.windowId(1) });
    expect(reply.browser).toBeNull();
    expect(reply.job).toMatchObject({ printer: { id: printer.id, name: '1号窗口打印机' }, contentType: 'escpos', state: 'queued' });
    await hall.core.printing.runDue();
    expect(jobsOf(hall, visit.id)[0]).toMatchObject({ id: reply.job.id, state: 'done' });
    await until(() => server.jobs.length === 1);
    const text = decoded(server.jobs[0]!);
    expect(text).toContain(visit.caseNumber);
    expect(text).toContain('138****5678');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ID_NUMBER);
  });

  it('a letter goes to an A4 office printer of the OS, which keeps a PDF of it; without one, to the browser', async () => {
    const system = new FakeSystemPrinter([OFFICE]);
    const hall = hallWith({ systemPrinter: system });
    const visit = registerCase(hall);
    decide(hall, visit.id, { kind: 'accepted' });

    const before = hall.value('clerk', 'printing.print', { document: { kind: 'acceptance_notice', visitId: visit.id } });
    expect(before.job.printer).toBeNull();
    expect(before.browser.pageSize).toBe('A4');

    const office = hall.value('admin', 'printing.savePrinter', { name: '办公室', role: 'office', address: `system:${OFFICE.name}`, paper: 'A4' });
    expect(office).toMatchObject({ connection: 'system', paper: 'A4' });
    const reply = hall.value('clerk', 'printing.print', { document: { kind: 'acceptance_notice', visitId: visit.id } });
    expect(reply.job).toMatchObject({ printer: { id: office.id }, contentType: 'html', state: 'queued', document: { kind: 'notice' } });
    await hall.core.printing.runDue();
    expect(system.printed).toHaveLength(1);
    expect(system.printed[0]).toMatchObject({ deviceName: OFFICE.name, pageSize: 'A4' });
    expect(system.printed[0]!.html).toContain('信访事项受理告知书');
    const [done] = jobsOf(hall, visit.id);
    expect(done).toMatchObject({ id: reply.job.id, state: 'done', archived: true });
    expect(new TextDecoder().decode(hall.core.printing.store.archive(done.id)!)).toMatch(/^%PDF-/);

    // The receipt still goes to the roll (here: the browser; no roll printer at this desk).
    expect(hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, windowId: hall.windowId(1) }).job.printer).toBeNull();
  });

  it('refuses, with nothing recorded, a letter the case does not call for, the wrong paper and a printer switched off', async () => {
    const server = await printerServer();
    const hall = hallWith();
    const roll = hall.value('admin', 'printing.savePrinter', { name: '1号窗口打印机', role: 'window', windowId: hall.windowId(1), address: server.address });
    const visit = registerCase(hall);
    const before = changes(hall);

    expect(errorOf(print(hall, { document: { kind: 'acceptance_notice', visitId: visit.id } }))).toMatchObject({ code: 'CONFLICT', details: { params: { context: 'receipt_undecided' } } });
    decide(hall, visit.id, { kind: 'accepted' });
    const decided = changes(hall);
    expect(decided).toBeGreaterThan(before);

    const messages = (['zh-CN', 'zh-HK', 'en'] as const).map((language) =>
      errorOf(print(hall, { document: { kind: 'acceptance_notice', visitId: visit.id }, printer: roll.id }, language))!.message,
    );
    expect(messages).toEqual([
      '打印机「1号窗口打印机」装的纸不适合这份文件：告知书用 A4 纸，号票和回执用热敏卷纸。请选择装有合适纸张的打印机',
      '打印機「1号窗口打印机」裝的紙不適合這份文件：告知書用 A4 紙，號票和回執用熱敏捲紙。請選擇裝有合適紙張的打印機',
      'The paper in the printer "1号窗口打印机" does not suit this document: notices need A4, tickets and receipts the thermal roll. Choose a printer loaded with the right paper',
    ]);
    expect(errorOf(print(hall, { document: { kind: 'not_accepted_notice', visitId: visit.id } }))?.details).toMatchObject({ params: { context: 'receipt_decision' } });

    hall.value('admin', 'printing.savePrinter', { id: roll.id, name: roll.name, role: 'window', windowId: roll.windowId, address: roll.address, active: false });
    expect(errorOf(print(hall, { document: { kind: 'visit_receipt', visitId: visit.id }, printer: roll.id }))?.code).toBe('IN_USE');
    expect(errorOf(print(hall, { document: { kind: 'visit_receipt', visitId: visit.id }, printer: '01JAAAAAAAAAAAAAAAAAAAAAAA' }))?.code).toBe('NOT_FOUND');
    expect(errorOf(print(hall, { document: { kind: 'visit_receipt', visitId: visit.id }, printer: 'lp0' }))?.code).toBe('VALIDATION_FAILED');
    // Only the printer's own change (switched off) and its audit row were written since the decision.
    expect(jobsOf(hall, visit.id)).toEqual([]);
    expect(changes(hall)).toBe(decided + 2);
  });

  it('only a signed-in clerk prints documents of a case; the kiosk, the display and the admin page cannot', () => {
    const hall = hallWith();
    const visit = registerCase(hall);
    const params = { document: { kind: 'visit_receipt', visitId: visit.id } };
    for (const role of ['kiosk', 'display', 'admin'] as const) expect(errorOf(hall.call(role, 'printing.print', params))?.code).toBe('FORBIDDEN');
    expect(errorOf(hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody' }, 'printing.print', params))?.code).toBe('NOT_SIGNED_IN');
  });
});

describe('reprints across the paths', () => {
  it('a page the browser printed is reprinted only to a printer that takes HTML; ESC/POS only to a raw printer', async () => {
    const server = await printerServer();
    const system = new FakeSystemPrinter([OFFICE, { name: 'POS80', displayName: 'POS-80 (USB)', isDefault: false }]);
    const hall = hallWith({ systemPrinter: system });
    const visit = registerCase(hall);
    const browserJob = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, printer: 'browser' }).job;

    expect(errorOf(hall.call('clerk', 'printing.reprint', { jobId: browserJob.id }))).toMatchObject({
      code: 'CONFLICT',
      message: `「来访登记回执 ${visit.caseNumber}」上次是用浏览器打印的，没有对应的打印机：请选择一台打印机，或再次用浏览器打印`,
    });
    const raw = hall.value('admin', 'printing.savePrinter', { name: '1号窗口打印机', role: 'window', windowId: hall.windowId(1), address: server.address });
    expect(errorOf(hall.call('clerk', 'printing.reprint', { jobId: browserJob.id, printerId: raw.id }))?.details).toMatchObject({ params: { context: 'printer_content' } });

    const driver = hall.value('admin', 'printing.savePrinter', { name: '2号窗口 POS80', role: 'window', windowId: hall.windowId(2), address: 'system:POS80' });
    const again = hall.value('clerk', 'printing.reprint', { jobId: browserJob.id, printerId: driver.id }).job;
    expect(again).toMatchObject({ reprintOf: browserJob.id, contentType: 'html', printer: { id: driver.id } });
    await hall.core.printing.runDue();
    expect(system.printed.map((page) => [page.deviceName, page.pageSize])).toEqual([['POS80', '80mm']]);

    const escpos = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, printer: raw.id }).job;
    expect(errorOf(hall.call('clerk', 'printing.reprint', { jobId: escpos.id, printerId: driver.id }))?.details).toMatchObject({ params: { context: 'printer_content' } });
  });
});

describe('test pages and the OS’s printers', () => {
  it('the test page: ESC/POS to a raw printer, the HTML page to the OS’s, each at its paper', async () => {
    const server = await printerServer();
    const system = new FakeSystemPrinter([OFFICE]);
    const hall = hallWith({ systemPrinter: system });
    const raw = hall.value('admin', 'printing.savePrinter', { name: '取号机打印机', role: 'kiosk', address: server.address });
    const office = hall.value('admin', 'printing.savePrinter', { name: '办公室', role: 'office', address: `system:${OFFICE.name}`, paper: 'A4' });

    const rawJob = hall.value('admin', 'printing.testPage', { printerId: raw.id }).job;
    const officeJob = hall.value('admin', 'printing.testPage', { printerId: office.id }).job;
    expect(rawJob).toMatchObject({ document: { kind: 'test_page', ref: raw.id, label: '取号机打印机' }, contentType: 'escpos', requestedRole: 'admin' });
    expect(officeJob).toMatchObject({ contentType: 'html' });
    await hall.core.printing.runDue();
    await until(() => server.jobs.length === 1);
    expect(decoded(server.jobs[0]!)).toContain('取号机打印机');
    expect(system.printed[0]).toMatchObject({ deviceName: OFFICE.name, pageSize: 'A4' });
    expect(system.printed[0]!.html).toContain('办公室');
    expect(errorOf(hall.call('clerk', 'printing.testPage', { printerId: raw.id }))?.code).toBe('FORBIDDEN');
  });

  it('lists the OS’s printers where the host has them; the Node host refuses a system: printer in words', async () => {
    const system = new FakeSystemPrinter([OFFICE]);
    const desktop = hallWith({ systemPrinter: system });
    expect(desktop.value('admin', 'printing.systemPrinters', {})).toEqual({ available: true, printers: [] });
    await desktop.core.printing.refreshStatus();
    expect(desktop.value('admin', 'printing.systemPrinters', {})).toEqual({ available: true, printers: [OFFICE] });

    const node = hallWith();
    expect(node.value('admin', 'printing.systemPrinters', {})).toEqual({ available: false, printers: [] });
    const before = changes(node);
    const refusal = errorOf(node.call('admin', 'printing.savePrinter', { name: '办公室', role: 'office', address: 'system:HP', paper: 'A4' }));
    expect(refusal).toMatchObject({ code: 'UNAVAILABLE', message: '系统打印机只能在桌面版（Electron）终端上使用；在浏览器中使用时，请通过浏览器的打印对话框打印' });
    // A4 is for the OS's printers only; the addresses are checked.
    expect(errorOf(node.call('admin', 'printing.savePrinter', { name: '窗口', role: 'office', address: 'tcp://10.0.0.9', paper: 'A4' }))?.code).toBe('VALIDATION_FAILED');
    // Printer devices only: not the host's own output, a watchdog, or a share on another machine.
    for (const address of ['usb:/dev/../etc/passwd', 'usb:lp0', 'system:', 'lpt://x', 'usb:/etc/passwd', 'usb:/dev/stdout', 'usb:/dev/fd/1', 'usb:/dev/watchdog', 'usb:\\\\otherhost\\POS80']) {
      expect(errorOf(node.call('admin', 'printing.savePrinter', { name: '窗口', role: 'office', address }))?.code, address).toBe('VALIDATION_FAILED');
    }
    expect(changes(node)).toBe(before);
    expect(node.value('admin', 'printing.savePrinter', { name: 'USB', role: 'office', address: 'usb:/dev/usb/lp0' })).toMatchObject({ connection: 'usb', paper: 'roll' });
    expect(node.value('admin', 'printing.savePrinter', { name: 'Windows 共享', role: 'window', windowId: node.windowId(1), address: 'usb:\\\\localhost\\POS80' })).toMatchObject({ connection: 'usb' });
  });

  it('the kiosk’s tickets print through the OS’s driver when its printer is a system printer', async () => {
    const system = new FakeSystemPrinter([{ name: 'POS80', displayName: 'POS-80', isDefault: false }]);
    const hall = hallWith({ systemPrinter: system });
    hall.value('admin', 'printing.savePrinter', { name: '取号机', role: 'kiosk', address: 'system:POS80' });
    const taken = hall.value('kiosk', 'kiosk.takeNumber', { serviceId: hall.serviceId('A'), language: 'en', person: null, partySize: 1, representatives: null, declaredPriority: null });
    expect(taken.printing).toBe('queued');
    await hall.core.printing.runDue();
    expect(system.printed).toHaveLength(1);
    expect(system.printed[0]).toMatchObject({ deviceName: 'POS80', pageSize: '80mm' });
    expect(system.printed[0]!.html).toContain(taken.ticket.number);
    expect(system.printed[0]!.html).toContain('lang="en"');
  });
});

describe('changing printers and reprinting elsewhere', () => {
  it('an edit keeps what it leaves out; a printer with jobs waiting keeps what it takes', async () => {
    const system = new FakeSystemPrinter([OFFICE]);
    const hall = hallWith({ systemPrinter: system });
    const office = hall.value('admin', 'printing.savePrinter', { name: '办公室', role: 'office', address: `system:${OFFICE.name}`, paper: 'A4' });
    // Renamed, sent back as printing.status gives it minus its state: still A4.
    const renamed = hall.value('admin', 'printing.savePrinter', { id: office.id, name: '办公室 A4', role: 'office', windowId: null, address: office.address, connection: 'system' });
    expect(renamed).toMatchObject({ paper: 'A4', active: true });

    const visit = registerCase(hall);
    decide(hall, visit.id, { kind: 'accepted' });
    hall.value('clerk', 'printing.print', { document: { kind: 'acceptance_notice', visitId: visit.id } });
    const before = changes(hall);
    // One job waits for it (nothing ran the queue): it cannot become a raw printer, nor a roll one.
    const busy = errorOf(hall.call('admin', 'printing.savePrinter', { id: office.id, name: '办公室', role: 'office', address: 'tcp://10.0.0.8' }));
    expect(busy).toMatchObject({ code: 'CONFLICT', message: '打印机「办公室 A4」还有 1 个任务等待打印，这些任务是按它现在的设置生成的：请等它们打印完（或失败）后再更改连接方式、纸宽或字库' });
    expect(errorOf(hall.call('admin', 'printing.savePrinter', { id: office.id, name: '办公室', role: 'office', address: office.address, paper: 'roll' }))?.details).toMatchObject({ params: { context: 'printer_busy' } });
    expect(changes(hall)).toBe(before);
    // A rename is fine; once its job printed, it may change.
    hall.value('admin', 'printing.savePrinter', { id: office.id, name: '办公室（二楼）', role: 'office', address: office.address });
    await hall.core.printing.runDue();
    expect(hall.value('admin', 'printing.savePrinter', { id: office.id, name: '办公室', role: 'office', address: 'tcp://10.0.0.8' })).toMatchObject({ connection: 'network', paper: 'roll' });
  });

  it('a job whose printer changed kind under it fails at once instead of retrying for hours', async () => {
    const system = new FakeSystemPrinter([OFFICE]);
    const hall = hallWith({ systemPrinter: system });
    const printer = hall.value('admin', 'printing.savePrinter', { name: '1号窗口', role: 'window', windowId: hall.windowId(1), address: `system:${OFFICE.name}` });
    const visit = registerCase(hall);
    const job = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, windowId: hall.windowId(1) }).job;
    expect(job.contentType).toBe('html');
    // As a restored backup or a crash mid-change could leave it: the row changed under the job.
    hall.core.db.prepare("UPDATE printers SET address = 'tcp://10.0.0.9' WHERE id = ?").run(printer.id);
    await hall.core.printing.runDue();
    expect(jobsOf(hall, visit.id)[0]).toMatchObject({ id: job.id, state: 'failed', lastError: 'printer_changed', attempts: 1 });
    expect(system.printed).toEqual([]);
  });

  it('ESC/POS is reprinted only on a raw printer of the same width with at least the same font', async () => {
    const server = await printerServer();
    const hall = hallWith();
    const wide = hall.value('admin', 'printing.savePrinter', { name: '1号窗口', role: 'window', windowId: hall.windowId(1), address: server.address, fontCoverage: 'gbk' });
    const narrow = hall.value('admin', 'printing.savePrinter', { name: '58mm', role: 'window', windowId: hall.windowId(2), address: 'tcp://10.0.0.58', paperWidthDots: 384, fontCoverage: 'gb18030' });
    const poorFont = hall.value('admin', 'printing.savePrinter', { name: 'GB2312', role: 'window', windowId: hall.windowId(3), address: 'tcp://10.0.0.23' });
    const richer = hall.value('admin', 'printing.savePrinter', { name: 'GB18030', role: 'office', address: 'tcp://10.0.0.30', fontCoverage: 'gb18030' });
    const visit = registerCase(hall);
    const job = hall.value('clerk', 'printing.print', { document: { kind: 'visit_receipt', visitId: visit.id }, printer: wide.id }).job;
    for (const target of [narrow, poorFont]) {
      expect(errorOf(hall.call('clerk', 'printing.reprint', { jobId: job.id, printerId: target.id }))).toMatchObject({
        code: 'CONFLICT',
        details: { params: { context: 'reprint_format', name: target.name } },
      });
    }
    expect(hall.value('clerk', 'printing.reprint', { jobId: job.id, printerId: richer.id }).job).toMatchObject({ reprintOf: job.id, printer: { id: richer.id } });
  });
});
