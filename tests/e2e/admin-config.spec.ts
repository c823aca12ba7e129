import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from '../support/hall-host';
import { startAtKiosk } from '../support/kiosk';
import { openAdminPage, openReady } from '../support/pages';

let host: TestHost;
test.beforeAll(async () => {
  host = await startTestHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('an admin adds a service and a window, and changes the queue rules; the kiosk offers the service at once', async ({ browser }, testInfo) => {
  const admin = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const kiosk = await (await browser.newContext()).newPage();
  await openAdminPage(admin, `${host.url}/admin`);
  await openReady(kiosk, `${host.url}/kiosk`);

  await admin.getByRole('button', { name: '新增事项' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('字母').fill('f');
  const name = dialog.getByRole('group', { name: '事项名称' });
  await name.getByLabel('简体').fill('政策咨询');
  await name.getByLabel('繁體').fill('政策諮詢');
  await name.getByLabel('English').fill('Policy enquiries');
  const description = dialog.getByRole('group', { name: '一句话说明' });
  await description.getByLabel('简体').fill('信访政策和办理程序咨询');
  await description.getByLabel('繁體').fill('信訪政策和辦理程序諮詢');
  await description.getByLabel('English').fill('Questions about petitioning and its procedures');
  await dialog.getByLabel('每日号数上限').fill('50');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('dialog')).toHaveCount(0);
  await expect(admin.getByRole('row', { name: /^F 政策咨询/ })).toContainText('50');

  // The kiosk shows it without a reload.
  await startAtKiosk(kiosk);
  await expect(kiosk.getByRole('button', { name: /政策咨询/ })).toBeVisible();

  // A duplicate letter is refused with a clear message, and nothing is saved.
  await admin.getByRole('button', { name: '新增事项' }).click();
  await admin.getByRole('dialog').getByLabel('字母').fill('A');
  for (const group of ['事项名称', '一句话说明']) {
    for (const language of ['简体', '繁體', 'English']) {
      await admin.getByRole('dialog').getByRole('group', { name: group }).getByLabel(language).fill('x');
    }
  }
  await admin.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('dialog').getByRole('alert')).toHaveText('字母 A 已被事项「投诉建议」使用');
  await admin.getByRole('dialog').getByRole('button', { name: '返回' }).click();

  // Window 5 calls the new service first, complaints as an extra.
  await admin.getByRole('button', { name: '新增窗口' }).click();
  const windowDialog = admin.getByRole('dialog');
  await expect(windowDialog.getByLabel('编号')).toHaveValue('5');
  const windowName = windowDialog.getByRole('group', { name: '窗口名称' });
  await windowName.getByLabel('简体').fill('5号窗口');
  await windowName.getByLabel('繁體').fill('5號窗口');
  await windowName.getByLabel('English').fill('Window 5');
  await windowDialog.getByLabel(/F 政策咨询/).selectOption({ label: '优先办理' });
  await windowDialog.getByLabel(/A 投诉建议/).selectOption({ label: '兼办' });
  await windowDialog.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('row', { name: /5号窗口/ })).toContainText('F 政策咨询、A 投诉建议 (兼办)');

  // Elderly priority from 65.
  await admin.getByLabel('老年人优先的年龄').fill('65');
  const queueRules = admin.getByRole('region', { name: '排队规则' });
  await queueRules.getByRole('button', { name: '保存' }).click();
  await expect(queueRules.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  const rules = await (await fetch(`${host.url}/api/hall.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hall-Role': 'admin' }, body: '{}' })).json();
  expect(rules.value.queueRules.elderlyAge).toBe(65);

  await admin.screenshot({ path: testInfo.outputPath('admin.png'), fullPage: true });

  // Retire the new service: it leaves the kiosk.
  await admin.getByRole('row', { name: /^F 政策咨询/ }).getByRole('button', { name: '停用' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: '停用' }).click();
  await startAtKiosk(kiosk);
  await expect(kiosk.getByRole('button', { name: /政策咨询/ })).toHaveCount(0);
});
