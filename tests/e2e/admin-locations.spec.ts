import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from '../support/hall-host';
import { openAdminPage } from '../support/pages';

let host: TestHost;
test.beforeAll(async () => {
  host = await startTestHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const HEADER = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en';
const csv = (name: string, rows: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\r\n'), 'utf8') });

test("an admin sees the demo list of streets and communities, is shown a bad file's problems by line, and imports a good one", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openAdminPage(page, `${host.url}/admin`);
  const section = page.getByRole('region', { name: '问题属地（街道 / 社区）' });
  await section.scrollIntoViewIfNeeded();

  // The demo list: six streets, each followed by its communities.
  await expect(section.getByTestId('location-counts')).toHaveText('6 个街道，26 个社区（另有 0 个已停用）');
  const rows = section.getByTestId('location-table').locator('tbody tr');
  await expect(rows.nth(0)).toContainText('光明街道');
  await expect(rows.nth(2)).toContainText('东周社区');
  const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="locations-heading"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // A file with problems: each with its line; nothing imported.
  const fileInput = section.getByLabel('列表文件（CSV 或 JSON）');
  await fileInput.setInputFiles(csv('bad.csv', ['gm,,street,光明街道,光明街道,Guangming', 'gm-a,nowhere,community,甲社区,甲社區,A', 'gm,,street,光明,光明,Again']));
  await section.getByRole('button', { name: '导入', exact: true }).click();
  await expect(section.getByRole('alert')).toHaveText('文件有 2 处问题，未导入任何内容。请修改后重新导入。');
  await expect(section.getByRole('list', { name: '文件中的问题' }).getByRole('listitem')).toHaveText([
    '第 3 行：所属街道 nowhere 不在本文件中',
    '第 4 行：代码 gm 重复，第 2 行已使用',
  ]);
  await expect(section.getByTestId('location-counts')).toHaveText('6 个街道，26 个社区（另有 0 个已停用）');

  // A good file replaces the list; what it lacks is retired and still listed.
  await fileInput.setInputFiles(csv('good.csv', ['guangming,,street,光明街道,光明街道,Guangming Subdistrict', 'guangming-dongzhou,guangming,community,东周社区,東周社區,Dongzhou Community']));
  await section.getByRole('button', { name: '导入', exact: true }).click();
  await expect(section.getByTestId('location-import-done')).toHaveText('已导入 2 个街道和社区，停用 30 个');
  await expect(section.getByTestId('location-counts')).toHaveText('1 个街道，1 个社区（另有 30 个已停用）');
  await expect(rows.nth(0)).toContainText('使用中');
  await expect(section.getByRole('row', { name: /马田街道/ })).toContainText('已停用');
});
