import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComicPack } from '../../shared/comics/comic-pack';
import { i18nResources } from '../../shared/i18n';
import { api, startTestHost, type TestHost } from '../support/hall-host';
import { openAdminPage, openReady } from '../support/pages';

/**
 * The admin's comics reading section (issue 7, docs/comics.md): a series read to its end
 * in /comics shows up with its views, one finished read and its panels; the surface
 * filter, the page's language; a refused pack with its reason in words; axe-core.
 */
const SHIPPED = fileURLToPath(new URL('../../resources/comics/regulation-basics/', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/comics/fixture-basics/', import.meta.url));
const PACK_DIR = existsSync(join(SHIPPED, 'pack.json')) ? SHIPPED : FIXTURE;
const zhCN = i18nResources['zh-CN'].translation.admin.comics;
const en = i18nResources.en.translation.admin.comics;

let host: TestHost;
let pack: ComicPack;
test.beforeAll(async () => {
  host = await startTestHost({ comicPackDir: PACK_DIR });
  pack = (await api(host.url, 'kiosk', 'comics.pack', {})).body.value.pack;
  expect(pack).not.toBeNull();
});
test.afterAll(async () => {
  await host?.stop();
});

const section = (page: Page, title = zhCN.title) => page.getByRole('region', { name: title });

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('[data-testid="comics-stats"]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('a series read to its end in /comics shows on the admin page: views, one finished read, and its panels', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  const series = pack.series[1] ?? pack.series[0]!;
  const index = pack.series.indexOf(series);
  const total = series.panels.length;

  // Read it to the end with the keys, then back to the list (the last panel is counted then).
  await openReady(page, `${host.url}/comics`);
  await page.locator('.comic-series-card').nth(index).click();
  for (let i = 1; i < total; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('comic-progress')).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await api(host.url, 'admin', 'comics.stats', {})).body.value.series[index].finishedReads).toBe(1);

  await openAdminPage(page, `${host.url}/admin`);
  const comics = section(page);
  await comics.scrollIntoViewIfNeeded();
  await expect(comics.getByTestId('comic-pack')).toContainText(pack.id);
  await expect(comics.getByTestId('comic-pack')).toContainText(pack.version);
  await expect(comics.getByTestId('comic-refusal')).toHaveCount(0);
  // The last 30 days up to today.
  const from = await comics.getByLabel('开始日期').inputValue();
  const to = await comics.getByLabel('结束日期').inputValue();
  expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(29);

  // Its row: every panel viewed once, one read started and finished.
  const table = comics.getByTestId('comic-series-stats');
  await expect(table.getByRole('rowheader')).toHaveText(pack.series.map((one) => one.title['zh-CN']));
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: series.title['zh-CN'], exact: true }) });
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText(String(total));
  await expect(cells.nth(1)).toHaveText('1');
  await expect(cells.nth(2)).toHaveText('1');
  await expect(cells.nth(3)).toHaveText('100%');
  await expect(cells.nth(4)).toHaveText(/^\d+(\.\d)?$/);
  // A series nobody read.
  const other = pack.series.find((one) => one !== series)!;
  const otherRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: other.title['zh-CN'], exact: true }) });
  await expect(otherRow.getByRole('cell')).toHaveText(['0', '0', '0', '—', '—', /各格明细$/]);

  // Opened to its panels: number, caption in the page's language, views and time.
  const toggle = row.getByRole('button', { name: `「${series.title['zh-CN']}」各格明细` });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panels = comics.getByRole('table', { name: `「${series.title['zh-CN']}」各格明细` });
  await expect(panels.getByRole('rowheader')).toHaveText(series.panels.map((_, i) => String(i + 1)));
  const panelRows = panels.locator('tbody tr');
  for (const [i, panel] of series.panels.entries()) {
    await expect(panelRows.nth(i).getByRole('cell')).toHaveText([panel.caption['zh-CN'], '1', /^\d+(\.\d)?$/]);
  }
  await noSeriousAxeViolations(page);
  await comics.screenshot({ path: testInfo.outputPath('admin-comics-zh-CN.png') });

  // One surface: nothing was read on the kiosk's idle screen; the reader has it all.
  const surface = comics.getByLabel('展示位置');
  await surface.selectOption({ label: zhCN.surfaces.kiosk_attract });
  await expect(comics.getByText(zhCN.none)).toBeVisible();
  await surface.selectOption({ label: zhCN.surfaces.reader });
  await expect(cells.nth(2)).toHaveText('1');

  // In English: titles and captions follow the page's language; the panels stay open.
  await page.getByRole('button', { name: 'English' }).click();
  const english = section(page, en.title);
  await expect(english.getByRole('rowheader', { name: series.title.en, exact: true })).toBeVisible();
  await expect(english.getByRole('table', { name: `Panels of “${series.title.en}”` }).locator('tbody tr').first().getByRole('cell').first()).toHaveText(
    series.panels[0]!.caption.en,
  );
  await noSeriousAxeViolations(page);
  await english.screenshot({ path: testInfo.outputPath('admin-comics-en.png') });
});

test('a refused pack is shown with its reason in words', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'admin-comics-'));
  const corrupt = join(work, 'fixture-basics');
  cpSync(FIXTURE, corrupt, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(corrupt, 'pack.json'), 'utf8'));
  writeFileSync(join(corrupt, 'pack.json'), JSON.stringify({ ...manifest, version: '2099.1.1', checksum: 'f'.repeat(64) }, null, 2));
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  let corruptHost: TestHost | null = null;
  try {
    corruptHost = await startTestHost({ comicPackDir: corrupt, logger: silent });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await openAdminPage(page, `${corruptHost.url}/admin`);
    const comics = section(page);
    await expect(comics.getByText(zhCN.noPack)).toBeVisible();
    const refusal = comics.getByTestId('comic-refusal');
    await expect(refusal).toContainText('fixture-basics，版本 2099.1.1');
    await expect(refusal).toContainText(zhCN.refusal.sources.shipped);
    await expect(refusal.getByTestId('comic-refusal-reason')).toHaveText(`原因：${zhCN.refusal.codes.CHECKSUM_MISMATCH} ${zhCN.refusal.kept}`);
    await noSeriousAxeViolations(page);
  } finally {
    await corruptHost?.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
