import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from '../support/hall-host';
import { startAtKiosk, takeNumberAtKiosk } from '../support/kiosk';
import { openClerkDesk, openReady, signInAsAdmin } from '../support/pages';

let host: TestHost;
test.beforeAll(async () => {
  host = await startTestHost();
});
test.afterAll(async () => {
  await host?.stop();
});

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('a visitor takes a number at the kiosk, a clerk calls it, the display shows it — live', async ({ browser }, testInfo) => {
  const kioskContext = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
  const clerkContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const displayContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const kiosk = await kioskContext.newPage();
  const clerk = await clerkContext.newPage();
  const display = await displayContext.newPage();

  await Promise.all([openReady(kiosk, `${host.url}/kiosk`), openClerkDesk(clerk, `${host.url}/clerk`), openReady(display, `${host.url}/display`)]);
  await expect(display.getByText('暂无叫号，请耐心等候')).toBeVisible();

  // Kiosk: choose 法律服务 (C) → C001, nobody ahead; a second visitor gets C002 with one ahead.
  expect(await takeNumberAtKiosk(kiosk, /法律服务/)).toBe('C001');
  await expect(kiosk.getByTestId('people-ahead')).toHaveText('前面没有人，请留意叫号');
  await expect(kiosk.getByTestId('estimated-wait')).toHaveText('很快就会叫到您');
  await kiosk.getByRole('button', { name: '完成' }).click();
  expect(await takeNumberAtKiosk(kiosk, /法律服务/)).toBe('C002');
  await expect(kiosk.getByTestId('people-ahead')).toHaveText('前面还有 1 人');
  await testInfo.attach('kiosk', { body: await kiosk.screenshot(), contentType: 'image/png' });
  await kiosk.screenshot({ path: testInfo.outputPath('kiosk.png') });

  // The display learned the waiting count by push, without a reload.
  await expect(display.getByTestId('waiting-list').getByText(/法律服务/).locator('..')).toContainText('2 人');

  // Clerk: window 2 serves 投诉建议 and 法律服务.
  await clerk.getByRole('button', { name: /2号窗口/ }).click();
  await expect(clerk.getByTestId('waiting-count')).toHaveText('等候 2 人');
  await clerk.getByRole('button', { name: '叫下一位' }).click();
  await expect(clerk.getByTestId('current-number')).toHaveText('C001');
  await expect(clerk.getByRole('button', { name: '叫下一位' })).toBeDisabled();

  // Display: the call, by push.
  const latest = display.getByTestId('latest-call');
  await expect(latest).toContainText('请 C001 号到 2 号窗口');
  await expect(display.getByTestId('waiting-list').getByText(/法律服务/).locator('..')).toContainText('1 人');

  // Finish, call the next one: C002 becomes the latest call and C001 moves to the list.
  await clerk.getByRole('button', { name: '办结' }).click();
  await expect(clerk.getByText('当前没有来访人')).toBeVisible();
  await clerk.getByRole('button', { name: '叫下一位' }).click();
  await expect(clerk.getByTestId('current-number')).toHaveText('C002');
  await expect(latest).toContainText('请 C002 号到 2 号窗口');
  await expect(display.getByTestId('recent-calls')).toContainText('C001');

  await clerk.screenshot({ path: testInfo.outputPath('clerk.png') });
  await display.screenshot({ path: testInfo.outputPath('display.png') });
  await testInfo.attach('clerk', { body: await clerk.screenshot(), contentType: 'image/png' });
  await testInfo.attach('display', { body: await display.screenshot(), contentType: 'image/png' });

  for (const page of [kiosk, clerk, display]) await noSeriousAxeViolations(page);
  await Promise.all([kioskContext.close(), clerkContext.close(), displayContext.close()]);
});

test('every page switches language: 繁體 and English', async ({ page }) => {
  await page.goto(`${host.url}/kiosk`);
  await page.getByRole('button', { name: '繁體' }).click();
  await startAtKiosk(page, 'zh-HK');
  await expect(page.getByRole('heading', { name: '請選擇您要辦理的事項' })).toBeVisible();
  await expect(page.getByRole('button', { name: /投訴建議/ })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'What have you come for today?' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Legal services/ })).toBeVisible();

  // The choice is remembered on this device; the display shows English too.
  await page.goto(`${host.url}/display`);
  await expect(page.getByRole('heading', { name: 'Recent calls' })).toBeVisible();
  await page.goto(`${host.url}/clerk?lang=zh-CN`);
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
});

test('the display shows numbers and windows only, and its role can do nothing else', async ({ page }) => {
  await page.goto(`${host.url}/display`);
  // What the display receives is numbers, windows, services and times — nothing about a person.
  const state = await page.evaluate(async () => {
    const response = await fetch('/api/queue.displayState', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hall-Role': 'display' },
      body: '{}',
    });
    return response.json();
  });
  expect(Object.keys(state.value).sort()).toEqual(['recentCalls', 'waitingByService']);
  for (const call of state.value.recentCalls) {
    expect(Object.keys(call).sort()).toEqual(['calledAt', 'number', 'recall', 'serviceId', 'ticketId', 'windowId', 'windowNumber']);
  }
  const forbidden = await page.evaluate(async () => {
    const attempts = ['queue.issueTicket', 'queue.callNext', 'queue.windowStatus', 'queue.waitingList'];
    return Promise.all(
      attempts.map(async (method) => {
        const response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Hall-Role': 'display' },
          body: JSON.stringify({ serviceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', windowId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
        });
        return response.status;
      }),
    );
  });
  expect(forbidden).toEqual([403, 403, 403, 403]);
});

test('the admin overview, its sign-in and the start page have no serious accessibility problems', async ({ page }) => {
  await openReady(page, `${host.url}/admin`);
  await expect(page.getByRole('heading', { name: '管理员登录' })).toBeVisible();
  await noSeriousAxeViolations(page);
  await signInAsAdmin(page);
  await expect(page.getByRole('heading', { name: '服务事项' })).toBeVisible();
  await noSeriousAxeViolations(page);
  await page.goto(`${host.url}/`);
  await expect(page.getByRole('link', { name: '自助取号机' })).toBeVisible();
  await noSeriousAxeViolations(page);
});
