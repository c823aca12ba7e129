import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { openReady, signInAsAdmin } from '../support/pages';

// A new hall: the Node host started without --demo on a fresh data folder, as an IT
// officer starts it the first time. No default password: its console prints a setup code.
let host: HostProcess;
let dataDir: string;
test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hall-first-run-e2e-'));
  host = await startHostProcess(dataDir);
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const ADMIN = { staffNo: 'A01', name: '林主任', password: 'lin-zhuren-2026' };

test('the first administrator is created on the admin page with the code the host printed; then the page signs in', async ({ browser }, testInfo) => {
  await expect.poll(() => /first-run setup code: \d{4}-\d{4}/.test(host.output())).toBe(true);
  const code = /first-run setup code: (\d{4}-\d{4}) — open (\S+)/.exec(host.output())!;
  expect(code[2]).toBe(`${host.url}/admin`);

  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await openReady(page, `${host.url}/admin`);
  const form = page.getByRole('region', { name: '创建第一位管理员' });
  await expect(form).toContainText('请输入主机启动时在控制台打印的一次性设置代码');
  // The hall's configuration is not shown to whoever opened the page.
  await expect(page.getByRole('heading', { name: '服务事项' })).toHaveCount(0);
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => v.id)).toEqual([]);

  // A wrong code is refused in words; nothing is created.
  const wrong = code[1]!.replace(/^\d/, (digit) => String((Number(digit) + 1) % 10));
  await form.getByLabel('设置代码').fill(wrong);
  await form.getByLabel('工号').fill(ADMIN.staffNo);
  await form.getByLabel('姓名').fill(ADMIN.name);
  await form.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await form.getByLabel('再次输入密码').fill(ADMIN.password);
  await form.getByRole('button', { name: '创建并登录' }).click();
  await expect(form.getByRole('alert')).toHaveText('设置代码不正确，请使用主机最近一次启动时打印的代码');
  await expect(form.getByLabel('设置代码')).toHaveValue('');
  await page.screenshot({ path: testInfo.outputPath('first-run-wrong-code.png') });

  // The right one creates the administrator, who is signed in and sees the hall's sections.
  await form.getByLabel('设置代码').fill(code[1]!);
  await form.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByTestId('signed-in')).toContainText('林主任（工号 A01）');
  await expect(page.getByRole('heading', { name: '服务事项' })).toBeVisible();
  await expect(page.getByRole('region', { name: '工作人员' }).getByRole('row', { name: /^A01 林主任/ })).toContainText('管理员');
  await page.screenshot({ path: testInfo.outputPath('first-run-done.png'), fullPage: true });

  // A reload keeps the sign-in; the setup form is gone for good.
  await page.reload();
  await expect(page.getByTestId('signed-in')).toContainText('A01');
  await expect(page.getByRole('region', { name: '创建第一位管理员' })).toHaveCount(0);
  // Signed out, and on a page of its own, the admin page asks for a sign-in.
  await page.getByTestId('signed-in').getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '管理员登录' })).toBeVisible();
  const other = await (await browser.newContext()).newPage();
  await openReady(other, `${host.url}/admin`);
  await expect(other.getByRole('heading', { name: '管理员登录' })).toBeVisible();
  await expect(other.getByRole('region', { name: '创建第一位管理员' })).toHaveCount(0);
  await signInAsAdmin(other, ADMIN.staffNo, ADMIN.password);
  await expect(other.getByTestId('signed-in')).toContainText('林主任（工号 A01）');
});

test("a clerk's account is refused on the admin page, in words", async ({ page }) => {
  // The administrator (made above) adds a clerk over the page's own connection.
  await openReady(page, `${host.url}/admin`);
  await signInAsAdmin(page, ADMIN.staffNo, ADMIN.password);
  const section = page.getByRole('region', { name: '工作人员' });
  await section.getByRole('button', { name: '新增工作人员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('工号').fill('2001');
  await dialog.getByLabel('姓名').fill('赵新');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByLabel('新密码', { exact: true }).fill('zhao-xin-2026');
  await dialog.getByLabel('再次输入新密码').fill('zhao-xin-2026');
  await dialog.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByTestId('signed-in').getByRole('button', { name: '退出登录' }).click();

  const form = page.locator('.sign-in form');
  await form.locator('input[name="staffNo"]').fill('2001');
  await form.locator('input[name="password"]').fill('zhao-xin-2026');
  await form.locator('button[type="submit"]').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('此处只有管理员可以登录；窗口工作人员请在窗口工作台登录');
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
});
