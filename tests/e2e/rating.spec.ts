import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { openClerkDesk, openReady, signInAsAdmin } from '../support/pages';

/** A window-side tablet, landscape. */
const TABLET = { width: 1280, height: 800 };

let host: TestHost;
test.beforeEach(async () => {
  host = await startTestHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function hallIds(url: string) {
  const info = (await api(url, 'admin', 'hall.info', {})).body.value;
  return {
    service: (letter: string): string => info.services.find((s: { letter: string }) => s.letter === letter).id,
    window: (number: number): string => info.windows.find((w: { number: number }) => w.number === number).id,
  };
}

/** A tablet page that has chosen its window (first start) and shows the idle screen. */
async function openTablet(page: Page, windowName: string, query = '') {
  await openReady(page, `${host.url}/rate${query}`);
  await page.getByRole('button', { name: new RegExp(`^${windowName}`) }).click();
  await expect(page.getByTestId('rate-idle')).toContainText(windowName);
}

/** Elderly-friendly and accessible: no serious axe violation, 60 px targets, 24 px text, no scrolling; and a screenshot. */
async function checkScreen(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`rate-${name}.png`) });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  const problems = await page.evaluate(() => {
    const visible = (element: Element) => (element as HTMLElement).offsetParent !== null;
    const small = [...document.querySelectorAll('main button, header button')]
      .filter(visible)
      .map((b) => ({ text: (b.textContent ?? '').trim(), box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 59.5 || box.width < 59.5)
      .map(({ text, box }) => `button ${text} ${Math.round(box.width)}×${Math.round(box.height)}`);
    const smallText = [...document.querySelectorAll('main *, header *')]
      .filter(visible)
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
      .filter((element) => parseFloat(getComputedStyle(element).fontSize) < 23.5)
      .map((element) => `text ${element.textContent!.trim().slice(0, 20)}`);
    const overflow = document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth;
    return [...small, ...smallText, ...(overflow ? ['needs scrolling'] : [])];
  });
  expect(problems, name).toEqual([]);
}

test('the clerk asks, the visitor rates on the window tablet, and the rating counts', async ({ browser, page: desk }, testInfo) => {
  test.setTimeout(90_000);
  const ids = await hallIds(host.url);
  const tablet = await (await browser.newContext({ viewport: TABLET })).newPage();
  await openTablet(tablet, '1号窗口');
  await checkScreen(tablet, testInfo, '1-idle');

  // A ticket at the kiosk; 王丽 calls it to window 1 and serves it.
  const issued = (await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: ids.service('A') })).body.value.ticket;
  await openClerkDesk(desk, `${host.url}/clerk`);
  await desk.getByRole('button', { name: /^1号窗口/ }).click();
  await desk.getByRole('button', { name: '叫下一位' }).click();
  await expect(desk.getByTestId('current-number')).toHaveText(issued.number);
  await desk.getByRole('button', { name: '已到窗' }).click();
  await expect(desk.getByTestId('current-status')).toContainText('办理中');

  await desk.getByRole('button', { name: '请评价' }).click();
  await expect(desk.getByTestId('rate-request')).toContainText('已请求评价');

  // The tablet shows the number and the clerk, by push.
  await expect(tablet.getByTestId('rate-ticket')).toHaveText(`号码 ${issued.number}`);
  await expect(tablet.getByTestId('rate-clerk')).toHaveText('为您服务的是 王丽（1001）');
  for (const level of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) {
    await expect(tablet.getByRole('button', { name: level, exact: true })).toBeVisible();
  }
  await checkScreen(tablet, testInfo, '2-scale');

  await tablet.getByRole('button', { name: '满意', exact: true }).click();
  await expect(tablet.getByRole('heading', { name: '您的选择：满意' })).toBeVisible();
  const reason = tablet.getByRole('button', { name: '解释清楚' });
  await reason.click();
  await expect(reason).toHaveAttribute('aria-pressed', 'true');
  await expect(reason).toContainText('✓');
  await checkScreen(tablet, testInfo, '3-reasons');

  await tablet.getByRole('button', { name: '提交' }).click();
  await expect(tablet.getByTestId('rate-thanks')).toContainText('谢谢您的评价！');
  await checkScreen(tablet, testInfo, '4-thanks');
  // Back to idle by itself, ready for the next visitor.
  await expect(tablet.getByTestId('rate-idle')).toBeVisible({ timeout: 10_000 });

  // The rating counts: for 王丽, for 投诉建议.
  const today = issued.serviceDay;
  const counted = (await api(host.url, 'admin', 'ratings.summary', { from: today, to: today })).body.value;
  expect(counted.all).toEqual({ levels: { 5: 0, 4: 1, 3: 0, 2: 0, 1: 0 }, total: 1, satisfiedRate: 1, unanswered: 0 });
  expect(counted.byClerk).toMatchObject([{ staffNo: '1001', name: '王丽', total: 1 }]);
  expect(counted.byService).toMatchObject([{ serviceId: ids.service('A'), total: 1 }]);
  const rating = host.core.db.prepare('SELECT level, reasons FROM ratings').get();
  expect(rating).toEqual({ level: 4, reasons: '["clarity"]' });

  // The admin page's figures, and the desk's button: accessible too.
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(`${host.url}/admin`);
  await expect(admin.locator('header[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await signInAsAdmin(admin);
  const panel = admin.getByTestId('satisfaction-panel');
  await expect(panel.getByRole('heading', { name: '满意度评价' })).toBeVisible();
  await expect(panel.getByTestId('satisfaction-by-clerk').getByRole('row', { name: /王丽（1001）/ })).toContainText('100%');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: testInfo.outputPath('rate-5-admin-panel.png') });
  for (const [page, selector] of [
    [admin, '[data-testid="satisfaction-panel"]'],
    [desk, '[data-testid="rate-request"]'],
  ] as const) {
    const results = await new AxeBuilder({ page }).include(selector).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${selector}: ${v.id}`)).toEqual([]);
  }
});

test('a reload keeps the request; one answered on another tablet or replaced leaves the scale; in English too', async ({ browser }) => {
  const ids = await hallIds(host.url);
  const clerk = await signInHeaders(host.url, '1002');
  const ask = async () => (await api(host.url, 'clerk', 'ratings.request', { windowId: ids.window(2) }, clerk)).body.value.request;
  const context = await browser.newContext({ viewport: TABLET });
  const first = await context.newPage();
  await openTablet(first, '2号窗口');

  // Asked before the second tablet loads: it finds the request on load (ratings.pending).
  const asked = await ask();
  await expect(first.getByTestId('rate-clerk')).toHaveText('为您服务的是 李明（1002）');
  await expect(first.getByTestId('rate-ticket')).toHaveCount(0); // no ticket at the window: no number
  const second = await context.newPage();
  await openReady(second, `${host.url}/rate?lang=en`);
  await expect(second.getByTestId('rate-clerk')).toHaveText('You were served by 李明 (1002)');
  await expect(second.getByRole('button', { name: 'Very satisfied' })).toBeVisible();

  // A choice survives a reload of the page's connection (a language switch reconnects it).
  await first.getByRole('button', { name: '非常满意' }).click();
  await first.getByRole('button', { name: '繁體' }).click();
  await expect(first.getByRole('heading', { name: '您的選擇：非常滿意' })).toBeVisible();

  // Replaced: both show the new request, the choice gone.
  const again = await ask();
  expect(again.id).not.toBe(asked.id);
  await expect(first.getByRole('button', { name: '非常滿意' })).toBeVisible();

  // Answered on the second tablet: the first goes back to idle.
  await second.getByRole('button', { name: 'Fairly satisfied' }).click();
  await second.getByRole('button', { name: 'Submit' }).click();
  await expect(second.getByTestId('rate-thanks')).toContainText('Thank you for your rating!');
  await expect(first.getByTestId('rate-idle')).toBeVisible();
  expect(host.core.db.prepare('SELECT COUNT(*) FROM ratings').pluck().get()).toBe(1);
});
