import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestHost, type TestHost } from '../support/hall-host';
import { openAdminPage } from '../support/pages';

let host: TestHost;
test.beforeAll(async () => {
  host = await startTestHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const SEED_ROWS = readFileSync(fileURLToPath(new URL('../../resources/dictionary/categories.csv', import.meta.url)), 'utf8').trim().split(/\r?\n/).length - 1;
const HEADER = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en';
const csv = (name: string, rows: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\r\n'), 'utf8') });

async function noSeriousAxeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('an admin sees the seed, finds a category by its initials, is shown every problem of a bad file by line, and imports a good one', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openAdminPage(page, `${host.url}/admin`);
  const section = page.getByRole('region', { name: '内容分类' });
  await section.scrollIntoViewIfNeeded();

  // The seed the terminal ships with.
  await expect(section.getByTestId('category-version')).toHaveText('seed-1');
  await expect(section.getByTestId('category-entry-count')).toHaveText(String(SEED_ROWS));
  await expect(section.getByTestId('category-source')).toHaveText('随系统提供的示例字典');
  await expect(section.getByTestId('category-checksum')).toHaveText(/^[0-9a-f]{12}$/);

  // Search by pinyin initials: the result shows its path; choosing it opens its subcategories.
  const search = section.getByRole('searchbox', { name: '内容分类' });
  await search.fill('tqgz');
  const results = section.getByRole('list', { name: '搜索结果' });
  await expect(results.getByRole('button').first()).toContainText('劳动社保 › 劳动报酬 › 拖欠工资');
  await noSeriousAxeViolations(page, 'section[aria-labelledby="categories-heading"]');
  await search.press('Enter');
  await expect(section.getByTestId('category-selected')).toHaveText('劳动社保 › 劳动报酬 › 拖欠工资');
  await expect(section.getByRole('button', { name: /^✓?\s*农民工工资/ })).toBeFocused();
  await expect(section.getByRole('navigation', { name: '当前位置' }).getByRole('listitem')).toHaveText(['全部一级分类', '劳动社保', '劳动报酬', '拖欠工资']);
  // Level by level: back to the top, into 劳动社保.
  await section.getByRole('button', { name: '全部一级分类' }).click();
  await section.getByRole('button', { name: /^劳动社保/ }).click();
  await expect(section.getByRole('heading', { name: '二级分类' })).toBeVisible();
  await expect(section.getByTestId('category-selected')).toHaveText('劳动社保');

  // A file with problems: each one with its line, in Chinese; nothing imported.
  const fileInput = section.getByLabel('字典文件（CSV 或 JSON）');
  await fileInput.setInputFiles(csv('bad.csv', ['04,,1,劳动社保,勞動社保,Labour', '0401,04,2,劳动报酬,勞動報酬,', '0402,0409,2,社会保险,社會保險,Social insurance', '04,,1,劳动,勞動,Labour again']));
  await section.getByLabel('版本号').fill('2025.1');
  await section.getByRole('button', { name: '导入并替换当前字典' }).click();
  await expect(section.getByRole('alert')).toHaveText('文件有 3 处问题，未导入任何内容。请修改后重新导入。');
  const problems = section.getByRole('list', { name: '文件中的问题' }).getByRole('listitem');
  await expect(problems).toHaveText(['第 3 行：英文名称为空', '第 4 行：上级代码 0409 不存在', '第 5 行：代码 04 重复，第 2 行已使用']);
  await noSeriousAxeViolations(page, 'section[aria-labelledby="categories-heading"]');
  await expect(section.getByTestId('category-entry-count')).toHaveText(String(SEED_ROWS));
  await section.screenshot({ path: testInfo.outputPath('categories-refused.png') });

  // The same problems in English after a language switch.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('list', { name: 'Problems in the file' }).getByRole('listitem').first()).toHaveText('Line 3: The English name is empty');
  await page.getByRole('button', { name: '简体' }).click();

  // A CSV saved as GBK by Excel is refused in the browser with the same message.
  const gbk = Buffer.concat([Buffer.from(`${HEADER}\r\n04,,1,`, 'ascii'), Buffer.from([0xc0, 0xcd, 0xb6, 0xaf]), Buffer.from(',x,Labour\r\n', 'ascii')]);
  await section.getByLabel('字典文件（CSV 或 JSON）').setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: gbk });
  await section.getByRole('button', { name: '导入并替换当前字典' }).click();
  await expect(section.getByRole('list', { name: '文件中的问题' }).getByRole('listitem')).toHaveText([/^第 2 行：文件不是 UTF-8 编码/]);

  // A good file replaces the dictionary; the figures and the browsing follow.
  await section
    .getByLabel('字典文件（CSV 或 JSON）')
    .setInputFiles(csv('good.csv', ['04,,1,劳动社保,勞動社保,Labour and social security', '0401,04,2,劳动报酬,勞動報酬,Pay', '040101,0401,3,拖欠工资,拖欠工資,Wage arrears', '0490,04,2,灵活就业,靈活就業,Flexible employment']));
  await section.getByRole('button', { name: '导入并替换当前字典' }).click();
  await expect(section.getByTestId('category-import-done')).toContainText('已导入 4 个分类（版本 2025.1，校验值');
  await expect(section.getByTestId('category-import-done')).toContainText(`新增 1 个代码，停用 ${SEED_ROWS - 3} 个代码`);
  await expect(section.getByTestId('category-entry-count')).toHaveText('4');
  await expect(section.getByTestId('category-version')).toHaveText('2025.1');
  await expect(section.getByTestId('category-source')).toHaveText('管理员导入');
  await search.fill('lhjy');
  await expect(results.getByRole('button')).toHaveText([/^劳动社保 › 灵活就业/]);
  await noSeriousAxeViolations(page, 'section[aria-labelledby="categories-heading"]');
  await section.screenshot({ path: testInfo.outputPath('categories.png') });
});
