import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/hall-host';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { residentId, takeNumberAtKiosk } from '../support/kiosk';
import { openAdminPage, openClerkDesk, openReady } from '../support/pages';

// The hub runs as its own process, so that it can be killed in the middle of the morning.
const dataDir = mkdtempSync(join(tmpdir(), 'hall-morning-'));
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess(dataDir, ['--demo']);
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A desk at a window, where a demo clerk signs in: 1001 王丽 at window 1, 1002 李明 at 2, 1003 张伟 at 3. */
async function clerkAt(browser: Browser, window: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await openClerkDesk(page, `${host.url}/clerk`, String(1000 + window));
  await page.getByRole('button', { name: new RegExp(`^${window}号窗口`) }).click();
  await expect(page.getByRole('heading', { name: `${window}号窗口` })).toBeVisible();
  return page;
}

const current = (page: Page) => page.getByTestId('current-number');

test('a mixed morning — priority, a recall, a no-show, a transfer, a pause and a crash of the hub — gives the expected order and statistics', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const kiosk = await (await browser.newContext()).newPage();
  const display = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await openReady(kiosk, `${host.url}/kiosk`);
  await openReady(display, `${host.url}/display`);
  const [desk1, desk2, desk3] = [await clerkAt(browser, 1), await clerkAt(browser, 2), await clerkAt(browser, 3)];

  // Visitors take numbers at the kiosk: A001, C001, A002, D001.
  for (const [service, number] of [['投诉建议', 'A001'], ['法律服务', 'C001'], ['投诉建议', 'A002'], ['心理服务', 'D001']] as const) {
    expect(await takeNumberAtKiosk(kiosk, new RegExp(service))).toBe(number);
  }
  // A 76-year-old registers at the kiosk with her ID number: the core gives her priority from its birth date.
  expect(await takeNumberAtKiosk(kiosk, /投诉建议/, { idNumber: residentId('19500601'), phone: null })).toBe('A003');
  await expect(kiosk.getByTestId('ticket-priority')).toBeVisible();
  const info = (await api(host.url, 'admin', 'hall.info', {})).body.value;
  const serviceId = (letter: string) => info.services.find((s: { letter: string }) => s.letter === letter).id;

  // Window 1 calls the elderly visitor first, though A001 and A002 came earlier.
  await expect(desk1.getByTestId('waiting-list')).toContainText('老年人');
  await desk1.getByRole('button', { name: '叫下一位' }).click();
  await expect(current(desk1)).toHaveText('A003');
  await expect(display.getByTestId('latest-call')).toContainText('请 A003 号到 1 号窗口');
  await desk1.getByRole('button', { name: '已到窗' }).click();
  await desk1.getByRole('button', { name: '办结' }).click();
  await expect(desk1.getByText('当前没有来访人')).toBeVisible();

  // Window 2 calls A001, who does not come: two recalls, then no-show.
  await desk2.getByRole('button', { name: '叫下一位' }).click();
  await expect(current(desk2)).toHaveText('A001');
  await expect(desk2.getByRole('button', { name: '过号' })).toBeDisabled();
  await desk2.getByRole('button', { name: '重呼' }).click();
  await expect(desk2.getByTestId('current-status')).toContainText('已重呼 1 次');
  await desk2.getByRole('button', { name: '重呼' }).click();
  await expect(desk2.getByTestId('current-status')).toContainText('已重呼 2 次');
  await desk2.getByRole('button', { name: '过号' }).click();
  await expect(desk2.getByText('当前没有来访人')).toBeVisible();

  // Window 1 calls A002 and sends them on to legal services, at the front of that queue.
  await desk1.getByRole('button', { name: '叫下一位' }).click();
  await expect(current(desk1)).toHaveText('A002');
  await desk1.getByRole('button', { name: '转办' }).click();
  await desk1.getByRole('radio', { name: 'C 法律服务' }).check();
  await desk1.getByRole('button', { name: '确认转办' }).click();
  await expect(desk1.getByText('当前没有来访人')).toBeVisible();

  // The hub crashes (SIGKILL) and comes back on the same address: every page
  // reconnects by itself, every desk is still signed in (nobody types a password
  // again), and nothing of the morning is lost.
  await host.kill();
  await expect(desk3.getByRole('status')).toContainText('正在重新连接');
  host = await startHostProcess(dataDir, [], Number(new URL(host.url).port));
  for (const page of [desk1, desk2, desk3, display]) await expect(page.locator('header[data-ready="true"]')).toBeVisible({ timeout: 15_000 });
  for (const [page, name] of [[desk1, '王丽'], [desk2, '李明'], [desk3, '张伟']] as const) {
    await expect(page.getByTestId('signed-in')).toContainText(name);
  }
  await expect(desk2.getByTestId('waiting-count')).toHaveText('等候 2 人'); // C001 and the transferred A002
  await expect(display.getByTestId('recent-calls')).toContainText('A001');

  // Window 3 takes a break: it calls nobody; then it reopens and calls D001.
  await desk3.getByRole('button', { name: '暂停' }).click();
  await expect(desk3.getByText('窗口暂停中（休息），不会叫号。')).toBeVisible();
  await expect(desk3.getByRole('button', { name: '叫下一位' })).toBeDisabled();
  await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: serviceId('E') });
  await desk3.getByRole('button', { name: '开放' }).click();
  await desk3.getByRole('button', { name: '叫下一位' }).click();
  await expect(current(desk3)).toHaveText('D001');
  await desk3.getByRole('button', { name: '办结' }).click();

  // Window 2: the transferred A002 goes before C001, who came earlier.
  await desk2.getByRole('button', { name: '叫下一位' }).click();
  await expect(current(desk2)).toHaveText('A002');
  await desk2.getByRole('button', { name: '办结' }).click();
  await desk2.getByRole('button', { name: '叫下一位' }).click();
  await expect(current(desk2)).toHaveText('C001');
  await desk2.getByRole('button', { name: '办结' }).click();

  // The display's history, newest first: C001 (latest), A002 at 2, D001, A002 at 1, A001, A003.
  await expect(display.getByTestId('latest-call')).toContainText('请 C001 号到 2 号窗口');
  await expect(display.getByTestId('recent-calls').locator('tr')).toHaveText([/A002\s*2 号窗口/, /D001\s*3 号窗口/, /A002\s*1 号窗口/, /A001\s*2 号窗口/, /A003\s*1 号窗口/]);

  // The statistics, by service, on the admin overview.
  const admin = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await openAdminPage(admin, `${host.url}/admin`);
  const table = admin.getByTestId('stats-table');
  const row = (label: string) => table.locator('tbody tr', { has: admin.getByRole('rowheader', { name: label }) }).locator('td');
  // tickets, served, no-shows, cancelled, transferred …
  await expect(row('A 投诉建议').nth(0)).toHaveText('3');
  await expect(row('A 投诉建议').nth(1)).toHaveText('1');
  await expect(row('A 投诉建议').nth(2)).toHaveText('1');
  await expect(row('A 投诉建议').nth(4)).toHaveText('1');
  await expect(row('C 法律服务').nth(0)).toHaveText('2');
  await expect(row('C 法律服务').nth(1)).toHaveText('2');
  await expect(row('D 心理服务').nth(1)).toHaveText('1');
  await expect(row('E 帮扶救助').nth(1)).toHaveText('0');
  const totals = table.locator('tfoot td');
  await expect(totals.nth(0)).toHaveText('7');
  await expect(totals.nth(1)).toHaveText('4');
  await expect(totals.nth(2)).toHaveText('1');
  await expect(totals.nth(4)).toHaveText('1');

  // The export carries the same figures, with the header row in Chinese.
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: '导出 CSV（Excel 兼容）' }).click()]);
  const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF事项,取号,办结,过号,取消,转办,')).toBe(true);
  expect(csv).toContain('\r\nA 投诉建议,3,1,1,0,1,');
  expect(csv).toContain('\r\n合计,7,4,1,0,1,');

  // By clerk: who called each queue entry. 王丽 called A003 and A002; 李明 A001, the
  // transferred A002 and C001; 张伟 D001; nobody called E001.
  await admin.getByLabel('分组').selectOption('clerk');
  await expect(row('王丽（1001）').nth(0)).toHaveText('2');
  await expect(row('李明（1002）').nth(0)).toHaveText('3');
  await expect(row('李明（1002）').nth(1)).toHaveText('2');
  await expect(row('李明（1002）').nth(2)).toHaveText('1');
  await expect(row('张伟（1003）').nth(0)).toHaveText('1');
  await expect(row('未记录工作人员').nth(0)).toHaveText('1');

  await desk2.screenshot({ path: testInfo.outputPath('clerk-window-2.png'), fullPage: true });
  await admin.screenshot({ path: testInfo.outputPath('admin-stats.png'), fullPage: true });
});
