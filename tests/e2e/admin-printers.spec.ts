import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeEscPos } from '../../electron/core/printing/escpos';
import { closedPort, TestPrinterServer } from '../../electron/core/printing/test-printer-server';
import { api, startTestHost, type TestHost } from '../support/hall-host';
import { openAdminPage } from '../support/pages';

/**
 * The admin's printer screens on the real Node host with its print queue running on its
 * own timers (`autoRun`): a printer on a loopback port (TestPrinterServer) takes the test
 * page as a thermal printer would; a port nobody listens on is a printer switched off.
 */
const OUT = fileURLToPath(new URL('../../test-results/admin-printers/', import.meta.url));
const PRINTER_NAME = '1号窗口热敏打印机';

let host: TestHost;
const printer = new TestPrinterServer();
let port: number;
test.beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  port = await printer.listen();
  host = await startTestHost({ printing: { autoRun: true } });
});
test.afterAll(async () => {
  await host?.stop();
  await printer.close();
});

async function noSeriousAxeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Fills the add-printer dialog for a network printer (window 1 unless told) and saves it. */
async function addNetworkPrinter(page: Page, section: Locator, name: string, host: string, port: number, role: 'window' | 'office' = 'window') {
  await section.getByRole('button', { name: '添加打印机' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill(name);
  if (role === 'window') await dialog.getByRole('combobox', { name: /^窗口/ }).selectOption({ label: '1号窗口' });
  else await dialog.getByLabel('用途').selectOption('office');
  await dialog.getByLabel('IP 地址或主机名').fill(host);
  await dialog.getByLabel('端口').fill(String(port));
  await dialog.getByRole('button', { name: '保存' }).click();
  return dialog;
}

test('the admin adds a network printer, sees it online, prints a test page it receives, and finds it in the print history', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openAdminPage(page, `${host.url}/admin`);
  const section = page.getByRole('region', { name: '打印机', exact: true });
  await section.scrollIntoViewIfNeeded();
  await expect(section).toContainText('还没有打印机');

  // The dialog: the address checked as typed, system printers explained as the desktop app's.
  await section.getByRole('button', { name: '添加打印机' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: '添加打印机' })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: '网络' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: '系统打印机' })).toBeDisabled();
  await expect(dialog.getByTestId('system-printers-unavailable')).toHaveText(
    '系统打印机（通过操作系统的驱动程序打印）需要使用桌面版（Electron）程序；当前的服务器版只能使用网络或 USB 热敏打印机。',
  );
  await expect(dialog.getByLabel('端口')).toHaveValue('9100');
  await dialog.getByLabel('名称').fill(PRINTER_NAME);
  await expect(dialog.getByLabel('用途')).toHaveValue('window');
  await dialog.getByRole('combobox', { name: /^窗口/ }).selectOption({ label: '1号窗口' });
  const hostField = dialog.getByLabel('IP 地址或主机名');
  await hostField.fill('127.0.0.1:9100');
  await hostField.blur();
  await expect(dialog.getByRole('alert')).toHaveText('主机名或 IP 地址不正确：只能有字母、数字、点和连字符（端口请填在“端口”一栏）');
  await expect(hostField).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: '保存' })).toBeDisabled();
  await hostField.fill('127.0.0.1');
  await dialog.getByLabel('端口').fill(String(port));
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByLabel('纸张')).toHaveValue('roll80');
  await expect(dialog.getByLabel('纸张').locator('option')).toHaveText(['80 mm 热敏纸', '58 mm 热敏纸']);
  await expect(dialog).toContainText('其他字符以图像打印');
  await noSeriousAxeViolations(page, 'dialog');
  await page.screenshot({ path: `${OUT}printer-dialog.png` });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(section.getByRole('status').first()).toHaveText(`已保存打印机「${PRINTER_NAME}」`);

  // Online after the core's status check (asked when it was saved; the page looks every 10 s).
  const row = section.getByRole('row', { name: new RegExp(`^${PRINTER_NAME}`) });
  await expect(row.getByTestId('printer-state')).toHaveText('✓在线', { timeout: 15_000 });
  await expect(row).toContainText('1号窗口');
  await expect(row).toContainText(`网络tcp://127.0.0.1:${port}`);
  await expect(row).toContainText('80 mm 热敏纸字库 GB2312');
  await expect(row).toContainText('刚刚检测');
  await expect(row).toContainText('在用');

  // The test page: queued, then printed; the printer received its bytes.
  await row.getByRole('button', { name: '打印测试页' }).click();
  const outcome = section.locator('.printer-test-row');
  await expect(outcome).toContainText('测试页已加入打印队列。');
  await expect(outcome.getByTestId('test-page-state')).toHaveText('当前状态：已打印', { timeout: 15_000 });
  await printer.waitForJobs(1);
  const bytes = printer.jobs[0]!;
  expect(bytes.includes(iconv.encode(PRINTER_NAME, 'gb18030'))).toBe(true);
  const commands = describeEscPos(bytes);
  expect(commands.some((line) => line.includes('FS & Chinese mode on'))).toBe(true);
  // 堃 䶮 𠮷 are not in a GB2312 font: they go as a raster image.
  expect(commands.some((line) => line.includes('GS v 0'))).toBe(true);
  await noSeriousAxeViolations(page, 'section[aria-labelledby="printers-heading"]');
  await section.screenshot({ path: `${OUT}printers.png` });

  // The print history: the test page, by the admin, printed; printed again on the same printer.
  const history = page.getByRole('region', { name: '打印记录' });
  await history.getByRole('button', { name: '刷新' }).click();
  const job = history.getByRole('row', { name: /测试页/ });
  await expect(job).toHaveCount(1);
  await expect(job).toContainText(PRINTER_NAME);
  // Who asked: the administrator signed in on the admin page.
  await expect(job).toContainText('刘芳（工号 9001）');
  await expect(job).toContainText('已打印');
  await noSeriousAxeViolations(page, 'section[aria-labelledby="print-jobs-heading"]');
  await job.getByRole('button', { name: /^重印/ }).click();
  await expect(dialog.getByLabel('打印到')).toHaveValue('');
  await expect(dialog.getByLabel('打印到').locator('option')).toHaveText([`原打印机（${PRINTER_NAME}）`]);
  await noSeriousAxeViolations(page, 'dialog');
  await dialog.getByRole('button', { name: '重印' }).click();
  await expect(history.getByTestId('reprint-done')).toHaveText(`已加入打印队列：测试页 ${PRINTER_NAME}，打印到 ${PRINTER_NAME}`);
  await printer.waitForJobs(2);
  expect(printer.jobs[1]!.equals(bytes)).toBe(true);
  await expect(history.getByRole('row', { name: /（重印）/ })).toContainText('已打印', { timeout: 15_000 });
  await history.screenshot({ path: `${OUT}print-history.png` });

  // The same address again: the core's refusal, and the dialog keeps what was typed.
  const refused = await addNetworkPrinter(page, section, '另一台打印机', '127.0.0.1', port);
  await expect(refused.getByRole('alert')).toHaveText(`地址 tcp://127.0.0.1:${port} 已被打印机「${PRINTER_NAME}」使用`);
  await expect(refused.getByLabel('名称')).toHaveValue('另一台打印机');
  await refused.getByRole('button', { name: '返回' }).click();
  await expect(section.getByRole('row')).toHaveCount(1 + 2); // the header, the printer, its test page line
});

test('a printer that is switched off shows offline, and its test page stays queued, retried, with the reason in words', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openAdminPage(page, `${host.url}/admin`);
  const section = page.getByRole('region', { name: '打印机', exact: true });
  await section.scrollIntoViewIfNeeded();
  const offPort = await closedPort();
  await addNetworkPrinter(page, section, '办公室打印机', '127.0.0.1', offPort, 'office');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const row = section.getByRole('row', { name: /^办公室打印机/ });
  await expect(row).toContainText('办公室');
  await expect(row.getByTestId('printer-state')).toHaveText('✕离线', { timeout: 15_000 });
  await expect(row).toContainText('原因：连接被拒绝');

  await row.getByRole('button', { name: '打印测试页' }).click();
  const outcome = section.locator('.printer-test-row').filter({ hasText: '测试页已加入打印队列。' }).last();
  const state = outcome.getByTestId('test-page-state');
  const attempted = /^当前状态：排队中（已尝试 (\d+) 次：连接被拒绝）$/;
  await expect(state).toHaveText(attempted, { timeout: 15_000 });
  const first = Number(attempted.exec((await state.textContent()) ?? '')![1]);
  // Retried after 2 s, then 4 s …: the attempts count up, the job stays queued.
  await expect(async () => {
    const now = attempted.exec((await state.textContent()) ?? '');
    expect(Number(now?.[1])).toBeGreaterThan(first);
  }).toPass({ timeout: 15_000 });
  await expect(row.getByRole('cell').nth(4)).toHaveText('1'); // one job waiting for it
  await noSeriousAxeViolations(page, 'section[aria-labelledby="printers-heading"]');
  await section.screenshot({ path: `${OUT}printers-offline.png` });

  const history = page.getByRole('region', { name: '打印记录' });
  await history.getByLabel('状态').selectOption('queued');
  await expect(history.getByRole('row', { name: /测试页/ })).toHaveCount(1);
  await expect(history.getByRole('row', { name: /测试页/ })).toContainText('办公室打印机');
});

test('the receipts settings are saved, read back after a reload, and a bad hotline is refused in words', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openAdminPage(page, `${host.url}/admin`);
  const section = page.getByRole('region', { name: '回执和告知书' });
  // Loaded (the section shows its fields once the settings came).
  await expect(section.getByLabel('咨询电话')).toHaveValue('');
  await section.scrollIntoViewIfNeeded();
  await expect(section).toContainText('不填则用大厅的中文名称');
  await noSeriousAxeViolations(page, 'section[aria-labelledby="receipt-settings-heading"]');

  await section.getByLabel('咨询电话').fill('0755-2345 6789');
  await section.getByLabel('出具告知书的机关名称').fill('深圳市光明区信访局');
  await section.getByRole('button', { name: '保存' }).click();
  await expect(section.getByRole('status')).toHaveText('已保存');
  await section.screenshot({ path: `${OUT}receipt-settings.png` });

  await page.reload();
  await expect(page.locator('header[data-ready="true"]')).toBeVisible();
  await expect(section.getByLabel('咨询电话')).toHaveValue('0755-2345 6789');
  await expect(section.getByLabel('出具告知书的机关名称')).toHaveValue('深圳市光明区信访局');

  // Letters are not a telephone number: refused, nothing changed.
  await section.getByLabel('咨询电话').fill('请拨打 12345');
  await section.getByRole('button', { name: '保存' }).click();
  await expect(section.getByRole('status')).toHaveText('提交的内容有误，请检查：咨询电话');
  expect((await api(host.url, 'admin', 'receipts.settings', {})).body.value).toEqual({ hotline: '0755-2345 6789', organName: '深圳市光明区信访局' });

  // Emptied: none (the hall's name on the letters).
  await section.getByLabel('咨询电话').fill('0755-2345 6789');
  await section.getByLabel('出具告知书的机关名称').fill('');
  await section.getByRole('button', { name: '保存' }).click();
  await expect(section.getByRole('status')).toHaveText('已保存');
  expect((await api(host.url, 'admin', 'receipts.settings', {})).body.value).toEqual({ hotline: '0755-2345 6789', organName: null });
});
