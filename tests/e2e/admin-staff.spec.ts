import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { api, createFirstAdmin, startTestHost, type TestHost } from '../support/hall-host';
import { openAdminPage, openReady, signInAtDesk } from '../support/pages';

const PASSWORD = 'zhao-xin-2026';
/** The hall's first administrator, made with the setup code (first-run.spec.ts covers that page). */
const ADMIN = { staffNo: 'A01', name: '林主任', password: 'lin-zhuren-2026' };

// A new real hall, not the demo: nobody can sign in until the admin creates them.
// Its one service and window are made over the API (admin-config.spec.ts covers that page).
let host: TestHost;
let serviceId: string;
test.beforeAll(async () => {
  host = await startTestHost({ demo: false });
  await createFirstAdmin(host, ADMIN);
  const text = (value: string) => ({ 'zh-CN': value, 'zh-HK': value, en: value });
  const service = await api(host.url, 'admin', 'hall.saveService', {
    letter: 'A',
    name: text('投诉建议'),
    description: text('投诉和建议'),
    openFrom: null,
    openUntil: null,
    dailyCapacity: null,
  });
  serviceId = service.body.value.id;
  await api(host.url, 'admin', 'hall.saveWindow', { number: 1, name: text('1号窗口'), location: text('一楼'), services: [{ serviceId, tier: 1 }] });
});
test.afterAll(async () => {
  await host?.stop();
});

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('on a new hall the admin adds a clerk with a password; the clerk signs in; disabled, their desk is signed out', async ({ browser }, testInfo) => {
  const admin = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const clerk = await (await browser.newContext()).newPage();
  await openAdminPage(admin, `${host.url}/admin`, ADMIN.staffNo, ADMIN.password);
  const section = admin.getByRole('region', { name: '工作人员' });
  // Only the administrator so far.
  await expect(section.getByRole('row', { name: /^A01 林主任/ })).toContainText('管理员');
  await expect(section.getByRole('row')).toHaveCount(2);

  // Add 2001: the dialog goes straight on to the password, which a new account needs.
  await section.getByRole('button', { name: '新增工作人员' }).click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: '新增工作人员' })).toBeVisible();
  await noSeriousAxeViolations(admin);
  await dialog.getByLabel('工号').fill('2001');
  await dialog.getByLabel('姓名').fill('赵新');
  await expect(dialog.getByLabel('角色')).toHaveValue('clerk');
  await dialog.getByRole('button', { name: '保存' }).click();

  await expect(dialog.getByRole('heading', { name: '为赵新（工号 2001）设置密码' })).toBeVisible();
  await expect(dialog).toContainText('密码至少 8 个字符，不能全部是同一个字符，也不能与工号相同。');
  const password = dialog.getByLabel('新密码', { exact: true });
  const repeated = dialog.getByLabel('再次输入新密码');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(repeated).toHaveAttribute('type', 'password');
  await noSeriousAxeViolations(admin);
  await admin.screenshot({ path: testInfo.outputPath('admin-staff-password.png') });
  // The two must match, and the rules are told one by one.
  await password.fill(PASSWORD);
  await repeated.fill('zhao-xin-2025');
  await dialog.getByRole('button', { name: '设置密码' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('两次输入的密码不一致');
  await password.fill('2001');
  await repeated.fill('2001');
  await dialog.getByRole('button', { name: '设置密码' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('密码至少需要 8 个字符');
  await password.fill(PASSWORD);
  await repeated.fill(PASSWORD);
  await dialog.getByRole('button', { name: '设置密码' }).click();
  await expect(admin.getByRole('dialog')).toHaveCount(0);
  await expect(section.getByRole('status')).toHaveText('已为赵新（工号 2001）设置新密码');
  const row = section.getByRole('row', { name: /^2001 赵新/ });
  await expect(row).toContainText('窗口工作人员');
  await expect(row).toContainText('在用');
  await expect(row).toContainText('已设置');
  await noSeriousAxeViolations(admin);
  await admin.screenshot({ path: testInfo.outputPath('admin-staff.png'), fullPage: true });

  // The clerk signs in with it and takes window 1, with one visitor waiting.
  await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId });
  await openReady(clerk, `${host.url}/clerk`);
  await signInAtDesk(clerk, '2001', PASSWORD);
  await expect(clerk.getByTestId('signed-in')).toContainText('赵新（工号 2001）');
  await clerk.getByRole('button', { name: /^1号窗口/ }).click();
  await expect(clerk.getByRole('heading', { name: '1号窗口' })).toBeVisible();
  await expect(clerk.getByTestId('waiting-count')).toContainText('1');

  // Disabled (after confirming): the desk's next action is refused and it is signed out.
  await row.getByRole('button', { name: '停用' }).click();
  await expect(dialog.getByRole('heading', { name: '停用赵新（工号 2001）？' })).toBeVisible();
  await expect(dialog).toContainText('已登录的窗口工作台会立即退出');
  await noSeriousAxeViolations(admin);
  await dialog.getByRole('button', { name: '停用' }).click();
  await expect(section.getByRole('status')).toHaveText('已停用赵新（工号 2001）');
  await expect(row).toContainText('已停用');

  await clerk.getByRole('button', { name: '叫下一位' }).click();
  await expect(clerk.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await expect(clerk.getByTestId('signed-in')).toHaveCount(0);
  expect(host.core.db.prepare("SELECT status FROM tickets WHERE number = 'A001'").pluck().get()).toBe('waiting');
  // Nor can they sign in again.
  const form = clerk.locator('.sign-in form');
  await form.locator('input[name="staffNo"]').fill('2001');
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
  await expect(clerk.getByRole('alert')).toHaveText('工号或密码不正确');

  // Enabled again, they sign in with the same password.
  await row.getByRole('button', { name: '启用' }).click();
  await dialog.getByRole('button', { name: '启用' }).click();
  await expect(row).toContainText('在用');
  await signInAtDesk(clerk, '2001', PASSWORD);
  await expect(clerk.getByRole('heading', { name: '1号窗口' })).toBeVisible();
});
