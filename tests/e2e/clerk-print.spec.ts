import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import jsQR from 'jsqr';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { TestPrinterServer } from '../../electron/core/printing/test-printer-server';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { residentId } from '../support/kiosk';
import { openClerkDesk, openReady } from '../support/pages';

/**
 * The desk prints (docs/receipts.md, "Printing at the desk"), on the real Node host in
 * Chromium with the print queue running: a clerk serves a kiosk-registered visitor,
 * records and accepts the case, and prints — through the browser's print dialog while
 * the hall has no printer for the desk, then to a thermal printer on a loopback port
 * once the window has one (ESC/POS, reprinted); a letter on A4 through the browser;
 * and the receipt's QR code opens `/case/<number>` on a phone.
 */
const OUT = fileURLToPath(new URL('../../test-results/clerk-print/', import.meta.url));
const DESK = { width: 1440, height: 1000 };
const PHONE_SCREEN = { width: 390, height: 844 };
const ID_NUMBER = residentId('19620918', { area: '440306', sequence: '135' });
const PHONE = '13923456789';
const PHONE_MASKED = '139****6789';
const ID_MASKED = `4403**********${ID_NUMBER.slice(-4)}`;

let host: TestHost;
let printer: TestPrinterServer;
let windowOne: { id: string };
let serviceA: string;
/** A case registered at a desk and accepted, for the tests after the first (which registers its own at the window). */
let accepted: { id: string; caseNumber: string };

async function call(role: string, method: string, params: unknown, headers: Record<string, string> = {}) {
  const reply = await api(host.url, role, method, params, headers);
  if (!reply.body.ok) throw new Error(`${method}: ${reply.body.error.code} ${reply.body.error.message}`);
  return reply.body.value;
}

test.beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  // The queue on its own timers, as on a host: a job is sent without the test's help.
  host = await startTestHost({ printing: { autoRun: true } });
  const info = await call('admin', 'hall.info', {});
  // The QR codes point to this hub's pages (a district would give its public site).
  await call('admin', 'hall.saveKioskSettings', { ...info.kiosk, statusBaseUrl: host.url });
  windowOne = info.windows.find((w: { name: { 'zh-CN': string } }) => w.name['zh-CN'].startsWith('1号窗口'));
  serviceA = info.services.find((s: { letter: string }) => s.letter === 'A').id;
  const clerk = await signInHeaders(host.url);
  const { visit } = await call(
    'clerk',
    'visits.create',
    {
      person: { idNumber: ID_NUMBER, name: '郑秀英', phone: PHONE },
      serviceId: serviceA,
      peopleCount: 1,
      address: '光明区马田街道将石社区石围路3号',
      problemLocationCode: 'matian-jiangshi',
      purpose: 'seek_resolution',
      matterClass: 'appeal_request',
      categoryCode: '020101',
      summary: '楼上漏水多次协调未果',
      request: '要求物业协调维修',
      firstTime: true,
      jointOrGroup: false,
    },
    clerk,
  );
  await call('clerk', 'visits.decide', { visitId: visit.id, decision: { kind: 'accepted' } }, clerk);
  accepted = { id: visit.id, caseNumber: visit.caseNumber };
  printer = new TestPrinterServer();
  await printer.listen();
});
test.afterAll(async () => {
  await host?.stop();
  await printer?.close();
});

/**
 * What the desk's browser printed: every `print()` called on a frame's window is noted
 * (the frame's page, its text, its style rules) and then goes on to the real print().
 * Headless Chromium opens no dialog, so nothing blocks.
 */
async function countPrints(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const prints: Array<{ srcdoc: string; sandbox: string | null; text: string; rules: string[]; bodyWidth: string }> = [];
    (window as unknown as { __prints: typeof prints }).__prints = prints;
    const contentWindow = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!.get!;
    Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
      configurable: true,
      get(this: HTMLIFrameElement) {
        const frameWindow = contentWindow.call(this) as (Window & { __counted?: boolean }) | null;
        if (frameWindow && !frameWindow.__counted) {
          const print = frameWindow.print.bind(frameWindow);
          frameWindow.print = () => {
            const document = this.contentDocument!;
            prints.push({
              srcdoc: this.srcdoc,
              sandbox: this.getAttribute('sandbox'),
              text: document.body.innerText,
              rules: document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)),
              bodyWidth: frameWindow.getComputedStyle(document.body).width,
            });
            print();
          };
          frameWindow.__counted = true;
        }
        return frameWindow;
      },
    });
  });
}

type Printed = { srcdoc: string; sandbox: string | null; text: string; rules: string[]; bodyWidth: string };
const printsOf = (page: Page): Promise<Printed[]> => page.evaluate(() => (window as unknown as { __prints: Printed[] }).__prints);

async function checkAccessible(page: Page, name: string, include = 'main') {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** The case's print panel, its 打印记录 rows newest first. */
const panelOf = (page: Page) => page.getByRole('region', { name: '打印' });
const historyRows = (page: Page) => panelOf(page).getByTestId('print-history').locator('tbody tr');

test('at the desk without a printer: the visit receipt prints through the browser’s dialog, the letters follow the decision, the history says so', async ({ browser }) => {
  test.setTimeout(120_000);
  const taken = await call('kiosk', 'kiosk.takeNumber', {
    serviceId: serviceA,
    language: 'zh-CN',
    person: { idNumber: ID_NUMBER, name: '郑秀英', phone: PHONE },
    partySize: 1,
    representatives: null,
    declaredPriority: null,
  });

  const context = await browser.newContext({ viewport: DESK });
  await countPrints(context);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text() + JSON.stringify(message.location())));

  // 王丽 (1001) at window 1 serves the kiosk's ticket and registers the visit.
  await openClerkDesk(page, `${host.url}/clerk`);
  await page.getByRole('button', { name: /^1号窗口/ }).click();
  await page.getByRole('button', { name: '叫下一位' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(taken.ticket.number);
  await page.getByRole('button', { name: '已到窗' }).click();
  await page.getByRole('button', { name: '登记来访' }).click();
  const form = page.getByTestId('interview');
  const field = (path: string) => page.locator(`#interview-${path.replace(/\./g, '-')}`);
  await expect(form.getByTestId('registered-name')).toHaveText('郑秀英');
  await field('address').fill('光明区马田街道将石社区石围路3号');
  await form.getByRole('group', { name: /^联名信或集体访/ }).getByRole('radio', { name: '否' }).check();
  await field('problemLocationCode').selectOption({ label: '马田街道' });
  await field('purpose').selectOption({ label: '求决' });
  await form.getByRole('searchbox', { name: '内容分类' }).fill('tqgz');
  await form.getByRole('button', { name: /拖欠工资/ }).first().click();
  await field('summary').fill('某电子厂拖欠工资三个月');
  await field('request').fill('要求企业支付拖欠的工资');
  await form.getByRole('button', { name: /^保存登记/ }).click();

  const view = page.getByTestId('case-view');
  const heading = view.getByRole('heading', { name: /^案件 DEMO-\d{8}-\d{3}$/ });
  await expect(heading).toBeVisible();
  const caseNumber = ((await heading.textContent()) ?? '').replace('案件 ', '').trim();
  const panel = panelOf(page);

  // Before a decision: the receipt, and why there is no letter yet.
  await expect(panel.getByRole('button', { name: '打印来访登记回执' })).toBeVisible();
  await expect(panel.getByTestId('print-no-letter')).toHaveText('作出处理决定后可打印告知书');
  await expect(panel.getByTestId('print-letters').getByRole('button')).toHaveCount(0);
  await expect(panel).toContainText('本案还没有打印记录');

  // Accepted: the 受理告知书 and the 答复意见书, not the 不予受理告知书.
  await view.getByRole('button', { name: '作出处理决定' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: '受理（本机关办理）' }).check();
  await dialog.getByRole('button', { name: '保存处理决定' }).click();
  await expect(view.getByTestId('decision-text')).toHaveText('✓ 受理，由本机关办理');
  const letters = panel.getByTestId('print-letters').getByRole('button');
  await expect(letters).toHaveText(['打印受理告知书', '打印答复意见书']);
  await expect(panel.getByRole('button', { name: '打印不予受理告知书' })).toHaveCount(0);
  await expect(panel.getByTestId('print-no-letter')).toHaveCount(0);

  // No printer for this desk: the page comes back and the browser prints it, from a hidden frame.
  consoleErrors.length = 0;
  await panel.getByRole('button', { name: '打印来访登记回执' }).click();
  await expect(panel.getByTestId('print-browser')).toContainText('已打开打印对话框');
  await expect(panel.getByTestId('print-browser')).toContainText('另存为 PDF');
  const [printed] = await printsOf(page);
  expect(printed, 'print() was called on the frame').toBeDefined();
  expect(printed!.sandbox).toBe('allow-modals allow-same-origin');
  for (const words of [caseNumber, PHONE_MASKED, ID_MASKED, '来访登记回执', '接待人员工号：1001']) expect(printed!.srcdoc).toContain(words);
  expect(printed!.text).toContain(caseNumber);
  expect(printed!.text).toContain(PHONE_MASKED);
  for (const full of [PHONE, ID_NUMBER]) {
    expect(printed!.srcdoc).not.toContain(full);
    expect(printed!.text).not.toContain(full);
  }
  // The receipt's own style sheet applies inside the frame: the roll's page size drives the dialog.
  expect(printed!.rules).toContain('@page { size: 80mm 297mm; margin: 0px; }');
  // Laid out on the roll's printable 72 mm.
  expect(parseFloat(printed!.bodyWidth)).toBeCloseTo((72 / 25.4) * 96, 0);
  // This page's policy (no inline style) stands, and printing broke none of it.
  expect(consoleErrors.filter((text) => /Content Security Policy/.test(text))).toEqual([]);

  // The history: the receipt, to the browser, by her.
  await expect(historyRows(page)).toHaveCount(1);
  const row = historyRows(page).first();
  await expect(row.locator('td').nth(1)).toHaveText('来访登记回执');
  await expect(row.locator('td').nth(2)).toHaveText('浏览器');
  await expect(row.locator('td').nth(3)).toHaveText('王丽（1001）');
  await expect(row.locator('td').nth(4)).toHaveText('↗ 已交浏览器打印');
  await checkAccessible(page, 'print panel');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, '1-browser-print.png'), animations: 'disabled' });
  await context.close();
});

test('at a window with its thermal printer: ESC/POS to the printer, 已打印, and 重印 sends a second copy', async ({ browser }) => {
  test.setTimeout(90_000);
  // The admin gives window 1 its receipt printer: a thermal printer on a loopback port.
  await call('admin', 'printing.savePrinter', { name: '1号窗口回执打印机', role: 'window', windowId: windowOne.id, address: printer.address });

  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  await openClerkDesk(page, `${host.url}/clerk`);
  await page.getByRole('button', { name: /^1号窗口/ }).click();
  await page.getByRole('tab', { name: '今日案件' }).click();
  await page.getByRole('button', { name: `打开案件 ${accepted.caseNumber}` }).click();
  const panel = panelOf(page);

  await panel.getByRole('button', { name: '打印来访登记回执' }).click();
  await expect(panel.getByTestId('print-sent')).toContainText('已发送到打印机「1号窗口回执打印机」');
  await printer.waitForJobs(1);
  await expect(panel.getByTestId('print-sent').getByTestId('print-state')).toHaveText('✓ 已打印', { timeout: 15_000 });

  // The bytes: the receipt's text in GB18030 (the printer's Chinese mode), masked numbers only.
  const text = iconv.decode(printer.jobs[0]!, 'gb18030');
  expect(text).toContain(accepted.caseNumber);
  expect(text).toContain('来访登记回执');
  expect(text).toContain(PHONE_MASKED);
  expect(text).not.toContain(PHONE);
  expect(text).not.toContain(ID_NUMBER);

  await expect(historyRows(page)).toHaveCount(1);
  const latest = historyRows(page).first();
  await expect(latest.locator('td').nth(2)).toHaveText('1号窗口回执打印机');
  await expect(latest.locator('td').nth(4)).toHaveText('✓ 已打印');

  // 重印: a second job of the same bytes, recorded as a reprint, and a second copy out of the printer.
  await latest.getByRole('button', { name: /^重印/ }).click();
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyRows(page).first().locator('td').nth(1)).toHaveText('来访登记回执 （重印）');
  await printer.waitForJobs(2);
  expect(printer.jobs[1]!.equals(printer.jobs[0]!)).toBe(true);
  await expect(historyRows(page).first().locator('td').nth(4)).toHaveText('✓ 已打印', { timeout: 15_000 });
  await checkAccessible(page, 'print panel with a printer');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, '2-thermal-printed.png'), animations: 'disabled' });
});

test('a letter with no A4 printer goes to the browser: an A4 page with the 60 days of art. 34', async ({ browser }) => {
  const context = await browser.newContext({ viewport: DESK });
  await countPrints(context);
  const page = await context.newPage();
  await openClerkDesk(page, `${host.url}/clerk`);
  await page.getByRole('button', { name: /^1号窗口/ }).click();
  await page.getByRole('tab', { name: '今日案件' }).click();
  await page.getByRole('button', { name: `打开案件 ${accepted.caseNumber}` }).click();
  const panel = panelOf(page);

  await panel.getByRole('button', { name: '打印受理告知书' }).click();
  await expect(panel.getByTestId('print-browser')).toContainText('已打开打印对话框');
  const [letter] = await printsOf(page);
  expect(letter).toBeDefined();
  expect(letter!.rules.some((rule) => /^@page \{ size: a4;/.test(rule))).toBe(true);
  expect(letter!.text).toContain('信访事项受理告知书');
  expect(letter!.text).toContain(accepted.caseNumber);
  expect(letter!.text.replace(/\s+/g, '')).toContain('本机关将自受理之日起60日内办结');
  expect(letter!.text).not.toContain(ID_NUMBER);
  const row = historyRows(page).first();
  await expect(row.locator('td').nth(1)).toHaveText('受理告知书');
  await expect(row.locator('td').nth(2)).toHaveText('浏览器');
  await context.close();
});

test('the receipt’s QR code opens /case/<number> on a phone: the last four digits asked, a miss refused, then the stage and the deadline', async ({ browser }) => {
  test.setTimeout(90_000);
  // The QR code as printed: the receipt rendered as the desk gets it, photographed, decoded.
  const clerk = await signInHeaders(host.url);
  const receipt = await call('clerk', 'receipts.render', { kind: 'visit_receipt', visitId: accepted.id }, clerk);
  const paper = await (await browser.newContext({ viewport: { width: 302, height: 600 }, deviceScaleFactor: 3 })).newPage();
  await paper.setContent(receipt.html);
  const shot = PNG.sync.read(await paper.locator('svg').last().screenshot({ animations: 'disabled' }));
  const framed = new PNG({ width: shot.width + 80, height: shot.height + 80 });
  framed.data.fill(255);
  PNG.bitblt(shot, framed, 0, 0, shot.width, shot.height, 40, 40);
  const url = jsQR(new Uint8ClampedArray(framed.data.buffer, framed.data.byteOffset, framed.data.byteLength), framed.width, framed.height)?.data;
  expect(url).toBe(`${host.url}/case/${accepted.caseNumber}`);

  const phone = await (await browser.newContext({ viewport: PHONE_SCREEN, isMobile: true, hasTouch: true })).newPage();
  await openReady(phone, url!);
  await expect(phone.getByTestId('case-number')).toHaveText(accepted.caseNumber);
  await expect(phone.getByRole('heading', { name: '请输入登记时所留手机号码的后四位' })).toBeVisible();
  await checkPhonePage(phone, '3-case-page-digits');

  // A wrong last four: the look-up's answer to an unknown case, and the digits gone.
  const keypad = phone.getByRole('group', { name: '数字键' });
  for (const key of '0000') await keypad.getByRole('button', { name: key, exact: true }).click();
  await phone.getByRole('button', { name: '查询', exact: true }).click();
  await expect(phone.getByTestId('server-error')).toHaveText('没有找到这个案件，请核对案件编号和手机号码后四位');
  await expect(phone.getByRole('textbox', { name: '手机号码后四位' })).toHaveValue('');
  await checkPhonePage(phone, '4-case-page-miss');

  for (const key of PHONE.slice(-4)) await keypad.getByRole('button', { name: key, exact: true }).click();
  await phone.getByRole('button', { name: '查询', exact: true }).click();
  await expect(phone.getByTestId('case-stage')).toHaveText('已受理，正在办理');
  const { visit } = await call('clerk', 'visits.get', { id: accepted.id }, clerk);
  const handling = visit.deadlines.find((d: { kind: string }) => d.kind === 'handling').dueDate as string;
  const zhDate = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${handling}T00:00:00Z`));
  await expect(phone.getByTestId('case-deadline')).toHaveText(`应在 ${zhDate} 前办结（《信访工作条例》第三十四条）`);
  await expect(phone.locator('main')).not.toContainText('郑秀英');
  await expect(phone.locator('main')).not.toContainText(PHONE_MASKED);
  await checkPhonePage(phone, '5-case-page-answer');

  // The same page on the hall's kiosk screen (portrait).
  const kiosk = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
  await openReady(kiosk, url!);
  await expect(kiosk.getByTestId('case-number')).toHaveText(accepted.caseNumber);
  await checkPhonePage(kiosk, '6-case-page-kiosk');

  // A number that is none: said so, with the way to the kiosk's look-up.
  await openReady(phone, `${host.url}/case/${encodeURIComponent('DEMO 2026<b>')}`);
  await expect(phone.getByRole('heading', { name: '链接中的案件编号不正确' })).toBeVisible();
  await expect(phone.getByRole('link', { name: '打开自助查询' })).toHaveAttribute('href', '/kiosk');
  await checkPhonePage(phone, '7-case-page-malformed');
});

test('left alone on a hall tablet, /case/<number> warns as the kiosk does, then clears the answer back to the digits', async ({ browser }) => {
  // The kiosk's idle time made short, as an admin would set it (the shortest allowed).
  const settings = (await call('admin', 'hall.info', {})).kiosk;
  await call('admin', 'hall.saveKioskSettings', { ...settings, idleSeconds: 20, idleWarningSeconds: 5 });
  const tablet = await (await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true })).newPage();
  try {
    // The page's own clock, moved by the test: no waiting out the idle time.
    await tablet.clock.install();
    await openReady(tablet, `${host.url}/case/${accepted.caseNumber}`);
    const keypad = tablet.getByRole('group', { name: '数字键' });
    for (const key of PHONE.slice(-4)) await keypad.getByRole('button', { name: key, exact: true }).click();
    await tablet.getByRole('button', { name: '查询', exact: true }).click();
    await expect(tablet.getByTestId('case-stage')).toHaveText('已受理，正在办理');

    // Nobody touches it: the kiosk's warning, worded for this page, then the answer is gone.
    const warning = tablet.getByTestId('idle-warning');
    await tablet.clock.runFor(16_000);
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('还要继续吗？');
    await expect(warning).toContainText('秒后清除已输入的号码和查询结果');
    await tablet.clock.runFor(6_000);
    await expect(tablet.getByRole('heading', { name: '请输入登记时所留手机号码的后四位' })).toBeVisible();
    await expect(warning).toBeHidden();
    await expect(tablet.getByTestId('case-result')).toHaveCount(0);
    await expect(tablet.locator('main')).not.toContainText('已受理，正在办理');
    await expect(tablet.getByRole('textbox', { name: '手机号码后四位' })).toHaveValue('');
    await expect(tablet.getByTestId('case-number')).toHaveText(accepted.caseNumber);

    // Digits typed and left: cleared the same way.
    await keypad.getByRole('button', { name: '1', exact: true }).click();
    await keypad.getByRole('button', { name: '3', exact: true }).click();
    await expect(tablet.getByRole('textbox', { name: '手机号码后四位' })).toHaveValue('13');
    await tablet.clock.runFor(16_000);
    await expect(warning).toBeVisible();
    await tablet.clock.runFor(6_000);
    await expect(tablet.getByRole('textbox', { name: '手机号码后四位' })).toHaveValue('');
    await expect(warning).toBeHidden();
  } finally {
    await tablet.context().close();
    await call('admin', 'hall.saveKioskSettings', settings);
  }
});

/** On a phone (or the kiosk): nothing wider than the screen, no serious axe violation, a screenshot. */
async function checkPhonePage(page: Page, name: string) {
  const overflow = await page.evaluate(() => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { scroll: document.documentElement.scrollWidth > window.innerWidth, wide };
  });
  expect(overflow, name).toEqual({ scroll: false, wide: [] });
  await checkAccessible(page, name, 'body');
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true, animations: 'disabled' });
}
