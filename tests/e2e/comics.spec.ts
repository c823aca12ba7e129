import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComicPack } from '../../shared/comics/comic-pack';
import type { Logger } from '../../electron/core/ports';
import { i18nResources } from '../../shared/i18n';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { openReady } from '../support/pages';

/**
 * The regulation comics (issue 7, docs/comics.md) in Chromium: the /comics reader (swipe,
 * keys, language, read aloud, idle), the attract loops of the kiosk and the display, a
 * corrupt pack refused, axe-core; and the screenshots of every series' cover and of one
 * full series, kept in test-results/comics/.
 *
 * The reader runs on the shipped pack (resources/comics/regulation-basics) once it is
 * built, else on the test fixture (tests/fixtures/comics/).
 */
const SHIPPED = fileURLToPath(new URL('../../resources/comics/regulation-basics/', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/comics/fixture-basics/', import.meta.url));
const PACK_DIR = existsSync(join(SHIPPED, 'pack.json')) ? SHIPPED : FIXTURE;
const SHOTS = fileURLToPath(new URL('../../test-results/comics/', import.meta.url));
const KIOSK = { width: 1280, height: 1024 };
const zhCN = i18nResources['zh-CN'].translation;
const zhHK = i18nResources['zh-HK'].translation;
const en = i18nResources.en.translation;

let host: TestHost;
let pack: ComicPack;
test.beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  host = await startTestHost({ comicPackDir: PACK_DIR });
  pack = (await api(host.url, 'kiosk', 'comics.pack', {})).body.value.pack;
  expect(pack, `a pack installed from ${PACK_DIR}`).not.toBeNull();
});
test.afterAll(async () => {
  await host.stop();
});

const progress = (page: Page) => page.getByTestId('comic-progress');
const caption = (page: Page) => page.locator('.comic-stage .comic-caption');

async function openSeries(page: Page, index: number, query = '') {
  await openReady(page, `${host.url}/comics${query}`);
  await page.locator('.comic-series-card').nth(index).click();
  await expect(progress(page)).toHaveText(`1 / ${pack.series[index]!.panels.length}`);
}

/** A swipe with the mouse (pointer events, as a finger makes them) across the picture. */
async function swipe(page: Page, direction: 'left' | 'right') {
  const box = (await page.locator('.comic-stage').boundingBox())!;
  const y = box.y + box.height / 2;
  const [from, to] = direction === 'left' ? [box.x + box.width * 0.8, box.x + box.width * 0.2] : [box.x + box.width * 0.2, box.x + box.width * 0.8];
  await page.mouse.move(from, y);
  await page.mouse.down();
  await page.mouse.move((from + to) / 2, y + 5, { steps: 4 });
  await page.mouse.move(to, y + 10, { steps: 4 });
  await page.mouse.up();
}

async function noSeriousAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Elderly-friendly (DESIGN.md section 7): everything fits, buttons ≥ 60 px, text ≥ 24 px (18 pt). */
async function elderlyFriendly(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${where}: horizontal overflow`).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main button, header button, header a')]
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .map((b) => ({ text: (b.textContent ?? '').trim(), box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 59.5 || box.width < 59.5)
      .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, `${where}: targets under 60 px`).toEqual([]);
  const smallText = await page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((element) => (element as HTMLElement).offsetParent !== null && !element.closest('.visually-hidden'))
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
      .map((element) => ({ text: element.textContent!.trim().slice(0, 20), size: parseFloat(getComputedStyle(element).fontSize) }))
      .filter(({ size }) => size < 23.5)
      .map(({ text, size }) => `${text} ${size}px`),
  );
  expect(smallText, `${where}: text under 24 px`).toEqual([]);
}

/** Replaces the browser's speech engine with one that records what it is asked to say (`voices`: the languages it has). */
async function stubSpeech(page: Page, voices: string[]) {
  await page.addInitScript((langs) => {
    const spoken: Array<{ text: string; lang: string }> = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    class FakeUtterance {
      lang = '';
      voice: unknown = null;
      rate = 1;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly text: string) {}
    }
    const synthesis = {
      getVoices: () => langs.map((lang) => ({ lang, name: `test ${lang}` })),
      speak(utterance: FakeUtterance) {
        spoken.push({ text: utterance.text, lang: utterance.lang });
        setTimeout(() => utterance.onend?.(), 100);
      },
      cancel() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
  }, voices);
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken);

async function stats(surface?: string) {
  return (await api(host.url, 'admin', 'comics.stats', surface ? { surface } : {})).body.value;
}

function shotsDir(testInfo: TestInfo) {
  mkdirSync(SHOTS, { recursive: true });
  return (name: string) => {
    const path = join(SHOTS, name);
    void testInfo.attach(name, { path, contentType: 'image/png' }).catch(() => {});
    return path;
  };
}

test.describe('the /comics reader', () => {
  test.use({ viewport: KIOSK });

  test('reads a series to the end by swipe: progress, the end, and the reading counted', async ({ page }) => {
    const series = pack.series[0]!;
    const before = (await stats('reader')).series[0];
    await openSeries(page, 0);
    for (let i = 1; i < series.panels.length; i++) {
      await swipe(page, 'left');
      await expect(progress(page)).toHaveText(`${i + 1} / ${series.panels.length}`);
      await expect(caption(page)).toHaveText(series.panels[i]!.caption['zh-CN']);
    }
    await expect(page.getByText(zhCN.comics.theEnd)).toBeVisible();
    // A swipe back, and on again; a swipe past the end stays on the last panel.
    await swipe(page, 'right');
    await expect(progress(page)).toHaveText(`${series.panels.length - 1} / ${series.panels.length}`);
    await swipe(page, 'left');
    await swipe(page, 'left');
    await expect(progress(page)).toHaveText(`${series.panels.length} / ${series.panels.length}`);
    await page.getByRole('button', { name: zhCN.comics.backToList }).first().click();
    await expect(page.locator('.comic-series-card')).toHaveCount(pack.series.length);

    // What was read: every panel, the series started and finished (no personal data: see the core's tests).
    await expect.poll(async () => (await stats('reader')).series[0].finishedReads).toBe(before.finishedReads + 1);
    const after = (await stats('reader')).series[0];
    expect(after.startedReads).toBe(before.startedReads + 1);
    expect(after.views).toBeGreaterThanOrEqual(before.views + series.panels.length);
  });

  test('reads a series by keys and by taps; Escape goes back to the list', async ({ page }) => {
    const index = Math.min(1, pack.series.length - 1);
    const series = pack.series[index]!;
    const total = series.panels.length;
    await openSeries(page, index);
    for (let i = 1; i < total; i++) await page.keyboard.press('ArrowRight');
    await expect(progress(page)).toHaveText(`${total} / ${total}`);
    await expect(caption(page)).toHaveText(series.panels[total - 1]!.caption['zh-CN']);
    await page.keyboard.press('ArrowRight');
    await expect(progress(page)).toHaveText(`${total} / ${total}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(progress(page)).toHaveText(`${total - 2} / ${total}`);
    await page.locator('.comic-stage').click();
    await expect(progress(page)).toHaveText(`${total - 1} / ${total}`);
    await page.getByRole('button', { name: zhCN.comics.next }).click();
    await expect(progress(page)).toHaveText(`${total} / ${total}`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: zhCN.comics.listHeading })).toBeVisible();
  });

  test('switching the language keeps the place; captions, speech and articles follow it', async ({ page }) => {
    const series = pack.series[0]!;
    await openSeries(page, 0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const panel = series.panels[2]!;
    await expect(caption(page)).toHaveText(panel.caption['zh-CN']);
    await expect(page.locator('.comic-stage .comic-articles')).toContainText('《信访工作条例》第');

    await page.getByRole('button', { name: '繁體' }).click();
    await expect(caption(page)).toHaveText(panel.caption['zh-HK']);
    await expect(progress(page)).toHaveText(`3 / ${series.panels.length}`);
    await expect(page.locator('.comic-stage .comic-articles')).toContainText('《信訪工作條例》第');
    await expect(page.getByRole('heading', { name: series.title['zh-HK'] })).toBeVisible();

    await page.getByRole('button', { name: 'English' }).click();
    await expect(caption(page)).toHaveText(panel.caption.en);
    await expect(progress(page)).toHaveText(`3 / ${series.panels.length}`);
    await expect(page.locator('.comic-stage .comic-articles')).toContainText(`Regulations on Letters and Visits, art. ${panel.articles[0]!.article}`);
    for (const [i, line] of panel.speech.entries()) await expect(page.locator('.comic-stage .comic-bubble').nth(i)).toContainText(line.text.en);
    await expect(page.locator('.comic-stage img')).toHaveAttribute('alt', panel.alt.en);
    await page.getByRole('button', { name: en.comics.next }).click();
    await expect(progress(page)).toHaveText(`4 / ${series.panels.length}`);
    await page.getByRole('button', { name: '简体' }).click();
    await expect(caption(page)).toHaveText(series.panels[3]!.caption['zh-CN']);
  });

  test('read aloud says the caption, then what each person says, in the page language', async ({ page }) => {
    await stubSpeech(page, ['zh-CN', 'en-GB']);
    const series = pack.series[0]!;
    const panelIndex = Math.max(0, series.panels.findIndex((panel) => panel.speech.length > 0));
    const panel = series.panels[panelIndex]!;
    await openSeries(page, 0);
    for (let i = 0; i < panelIndex; i++) await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: zhCN.comics.readAloud }).click();
    const name = (speaker: string) => pack.cast.find((member) => member.id === speaker)!.name;
    await expect
      .poll(() => spoken(page))
      .toEqual([
        { text: panel.caption['zh-CN'], lang: 'zh-CN' },
        ...panel.speech.map((line) => ({ text: `${name(line.speaker)['zh-CN']}：${line.text['zh-CN']}`, lang: 'zh-CN' })),
      ]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: en.comics.readAloud }).click();
    await expect.poll(async () => (await spoken(page)).at(-1 - panel.speech.length)).toEqual({ text: panel.caption.en, lang: 'en-GB' });
  });

  test('read aloud on a device without a voice for the language says so', async ({ page }) => {
    await stubSpeech(page, ['en-US']);
    await openSeries(page, 0);
    await page.getByRole('button', { name: zhCN.comics.readAloud }).click();
    await expect(page.getByRole('status').filter({ hasText: zhCN.comics.noVoice })).toBeVisible();
    expect(await spoken(page)).toEqual([]);
    await page.getByRole('button', { name: '繁體' }).click();
    await page.getByRole('button', { name: zhHK.comics.readAloud }).click();
    await expect(page.getByRole('status').filter({ hasText: zhHK.comics.noVoice })).toBeVisible();
  });

  test('is elderly-friendly and has no serious axe-core violation, on the list and the reader', async ({ page }) => {
    await openReady(page, `${host.url}/comics`);
    await expect(page.locator('.comic-series-card img')).toHaveCount(pack.series.length);
    await elderlyFriendly(page, 'list');
    await noSeriousAxeViolations(page, 'list');
    await page.locator('.comic-series-card').first().click();
    await expect(page.locator('.comic-stage img')).toBeVisible();
    await elderlyFriendly(page, 'reader');
    await noSeriousAxeViolations(page, 'reader');
    await page.getByRole('button', { name: 'English' }).click();
    await elderlyFriendly(page, 'reader en');
    await noSeriousAxeViolations(page, 'reader en');
  });

  test('left alone on a kiosk, it goes back to the list, and to the kiosk when opened from there', async ({ page }) => {
    await page.clock.install();
    await openSeries(page, 0, '?from=kiosk');
    await page.keyboard.press('ArrowRight');
    await page.clock.runFor(60_000 - 10_000);
    await expect(page.getByTestId('idle-warning')).toBeVisible();
    await page.clock.runFor(11_000);
    await expect(page).toHaveURL(/\/kiosk$/);
  });

  test('the kiosk\'s attract screen opens the comics', async ({ page }) => {
    await openReady(page, `${host.url}/kiosk`);
    await page.getByRole('button', { name: zhCN.comics.open }).click();
    await expect(page).toHaveURL(/\/comics\?from=kiosk$/);
    await expect(page.locator('.comic-series-card')).toHaveCount(pack.series.length);
    await page.getByRole('link', { name: zhCN.comics.takeNumber }).click();
    await expect(page).toHaveURL(/\/kiosk$/);
  });
});

test.describe('attract loops', () => {
  test('the kiosk\'s idle screen shows comic panels between its slides, counted as kiosk_attract', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.clock.install();
    await openReady(page, `${host.url}/kiosk`);
    const before = (await stats('kiosk_attract')).series.reduce((sum: number, s: { views: number }) => sum + s.views, 0);
    const comic = page.locator('.attract-slides .comic-attract img');
    for (let i = 0; i < 15 && (await comic.count()) === 0; i++) {
      await page.clock.runFor(7_100);
      await page.waitForTimeout(100);
    }
    await expect(comic).toBeVisible();
    await expect(page.locator('.attract-slides .comic-caption')).toHaveText(pack.series[0]!.panels[0]!.caption['zh-CN']);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    await page.clock.runFor(10_100);
    await expect(page.locator('.attract-slides .comic-caption')).toHaveText(pack.series[0]!.panels[1]!.caption['zh-CN']);
    await expect
      .poll(async () => (await stats('kiosk_attract')).series.reduce((sum: number, s: { views: number }) => sum + s.views, 0))
      .toBeGreaterThan(before);
    // "Touch to start" still starts from a comic panel.
    await page.locator('.attract-slides').click();
    await expect(page.getByTestId('step-service')).toBeVisible();
  });

  test('the display loops panels between calls, and a call interrupts the loop at once', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.clock.install();
    await openReady(page, `${host.url}/display`);
    const loop = page.getByTestId('display-comics');
    await expect(loop.locator('img')).toBeVisible();
    await expect(page.getByTestId('latest-call')).toContainText('暂无叫号，请耐心等候');
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shotsDir(testInfo)('display-idle-1920x1080.png'), animations: 'disabled' });

    const info = (await api(host.url, 'admin', 'hall.info', {})).body.value;
    const service = info.services.find((s: { letter: string }) => s.letter === 'A').id;
    const window1 = info.windows.find((w: { number: number }) => w.number === 1).id;
    await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: service });
    const clerk = await signInHeaders(host.url);
    await api(host.url, 'clerk', 'queue.callNext', { windowId: window1 }, clerk);
    // At once: no waiting for the panel's ten seconds (the page's clock does not move here).
    await expect(loop).toHaveCount(0, { timeout: 2_000 });
    await expect(page.locator('.latest-number')).toBeVisible();
    await expect(page.getByTestId('latest-call')).toContainText('号到 1 号窗口');
    await page.clock.runFor(25_000);
    await expect(loop).toHaveCount(0);
    // The call has had its time: the loop comes back, under the last call.
    await page.clock.runFor(6_000);
    await expect(loop.locator('img')).toBeVisible();
    await expect(page.getByTestId('latest-call')).toContainText('号到 1 号窗口');
    await expect.poll(async () => (await stats('display_attract')).series.reduce((sum: number, s: { views: number }) => sum + s.views, 0)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
  });
});

test('a corrupt pack (bad checksum) is refused with a clear message, and the current pack stays', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'comics-corrupt-'));
  const lines: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = { info: () => {}, warn: (message, fields) => lines.push({ message, fields }), error: (message, fields) => lines.push({ message, fields }) };
  const corrupt = join(work, 'fixture-basics');
  cpSync(FIXTURE, corrupt, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(corrupt, 'pack.json'), 'utf8'));
  writeFileSync(join(corrupt, 'pack.json'), JSON.stringify({ ...manifest, version: '2099.1.1', checksum: 'f'.repeat(64) }, null, 2));
  let corruptHost: TestHost | null = null;
  try {
    // A new site with only the corrupt pack: no comics, and the reader says so.
    corruptHost = await startTestHost({ comicPackDir: corrupt, logger });
    const refusal = lines.find((line) => line.message.startsWith('comic pack refused'));
    expect(refusal?.fields).toMatchObject({ packId: 'fixture-basics', version: '2099.1.1', code: 'CHECKSUM_MISMATCH' });
    expect(String(refusal?.fields?.reason)).toContain("the checksum does not match the pack's content");
    const stats = (await api(corruptHost.url, 'admin', 'comics.stats', {})).body.value;
    expect(stats.pack).toBeNull();
    expect(stats.lastRefusal).toMatchObject({ code: 'CHECKSUM_MISMATCH', version: '2099.1.1' });
    await openReady(page, `${corruptHost.url}/comics`);
    await expect(page.getByRole('status').filter({ hasText: zhCN.comics.empty })).toBeVisible();
    const dataDir = corruptHost.dataDir;
    await corruptHost.server.close();
    corruptHost.core.close();
    corruptHost = null;

    // A site with a good pack: the corrupt newer one is refused, the good one stays and is shown.
    const siteDir = join(work, 'site');
    await (await startTestHost({ comicPackDir: FIXTURE, dataDir: siteDir })).stop();
    lines.length = 0;
    corruptHost = await startTestHost({ comicPackDir: corrupt, dataDir: siteDir, logger });
    expect(lines.find((line) => line.message.startsWith('comic pack refused'))?.fields).toMatchObject({ code: 'CHECKSUM_MISMATCH', current: 'fixture-basics 2020.1.1' });
    await openReady(page, `${corruptHost.url}/comics`);
    await expect(page.locator('.comic-series-card')).toHaveCount(2);
    rmSync(dataDir, { recursive: true, force: true });
  } finally {
    await corruptHost?.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('screenshots: the cover of every series, and every panel of one full series', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize(KIOSK);
  const shot = shotsDir(testInfo);
  await openReady(page, `${host.url}/comics`);
  const cards = page.locator('.comic-series-card');
  await expect(page.locator('.comic-series-card img')).toHaveCount(pack.series.length);
  await page.screenshot({ path: shot('series-list.png'), fullPage: true });
  for (const [i, series] of pack.series.entries()) {
    await cards.nth(i).locator('img').screenshot({ path: shot(`cover-${String(i + 1).padStart(2, '0')}-${series.id}.png`) });
  }
  // One full series at the kiosk's size, panel by panel, as a reader sees it.
  const series = pack.series[0]!;
  await cards.first().click();
  for (let i = 0; i < series.panels.length; i++) {
    await expect(progress(page)).toHaveText(`${i + 1} / ${series.panels.length}`);
    await expect(page.locator('.comic-stage img')).toBeVisible();
    await page.screenshot({ path: shot(`${series.id}-${String(i + 1).padStart(2, '0')}.png`), animations: 'disabled' });
    await page.keyboard.press('ArrowRight');
  }
});
