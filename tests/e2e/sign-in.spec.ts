import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../electron/core/hall/demo-seed';
import { api, startTestHost, type TestHost } from '../support/hall-host';
import { openReady } from '../support/pages';

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

async function signIn(page: Page, staffNo: string, password: string) {
  await page.getByLabel('工号', { exact: true }).fill(staffNo);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** HH:MM in the hall's time zone. */
const hallTime = (epochMs: number) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);

test('a clerk signs in, stays signed in across a reload, and signs out', async ({ page }, testInfo) => {
  await openReady(page, `${host.url}/clerk`);
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await noSeriousAxeViolations(page);

  // A wrong password: told plainly, the password field emptied, the staff number kept.
  await signIn(page, '1002', 'not-my-password');
  await expect(page.getByRole('alert')).toHaveText('工号或密码不正确');
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('工号', { exact: true })).toHaveValue('1002');
  // An unknown staff number reads the same.
  await signIn(page, '4711', 'not-my-password');
  await expect(page.getByRole('alert')).toHaveText('工号或密码不正确');
  await page.screenshot({ path: testInfo.outputPath('clerk-sign-in-error.png') });

  await signIn(page, '1002', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in')).toContainText('李明（工号 1002）');
  await page.getByRole('button', { name: /^2号窗口/ }).click();
  await expect(page.getByRole('heading', { name: '2号窗口' })).toBeVisible();

  // The sign-in lives in this tab's sessionStorage only.
  const token: string = await page.evaluate(() => JSON.parse(window.sessionStorage.getItem('hall.session.clerk') ?? '{}').token);
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain(token);

  // A reload resumes without asking again.
  await page.reload();
  await expect(page.locator('header[data-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('signed-in')).toContainText('李明');
  await expect(page.getByRole('heading', { name: '2号窗口' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('clerk-signed-in.png') });

  // Signing out ends the sign-in here and for anyone holding its token.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
  expect(await page.evaluate(() => window.sessionStorage.getItem('hall.session.clerk'))).toBeNull();
  await expect
    .poll(async () => (await api(host.url, 'clerk', 'auth.whoAmI', {}, { Authorization: `Bearer ${token}` })).body.value.staff)
    .toBeNull();
  await page.reload();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
});

test('after five wrong passwords the staff number is locked, and the page says until when, in its language', async ({ page }) => {
  await openReady(page, `${host.url}/clerk`);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn(page, '1004', `guess-${attempt}`);
    await expect(page.getByRole('alert')).toHaveText('工号或密码不正确');
    await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
  }
  const before = Date.now();
  await signIn(page, '1004', 'guess-5');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('密码连续输错次数过多，该工号已暂时锁定');
  const after = Date.now();
  const shown = /请于 (\d{2}:\d{2}) 后再试/.exec((await alert.textContent()) ?? '')?.[1];
  expect([hallTime(before + 15 * 60_000), hallTime(after + 15 * 60_000)]).toContain(shown);

  // The right password is refused too while the lock lasts.
  await signIn(page, '1004', DEMO_PASSWORD);
  await expect(alert).toHaveText(`密码连续输错次数过多，该工号已暂时锁定，请于 ${shown} 后再试`);
  await expect(page.getByTestId('signed-in')).toHaveCount(0);

  // Switched to English, the same refusal reads in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  await expect(alert).toHaveText(`Too many wrong passwords: this staff number is locked for now. Try again after ${shown}.`);

  // Another clerk is not affected.
  await page.getByLabel('Staff number').fill('1003');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in')).toContainText('张伟 (staff no. 1003)');
});
