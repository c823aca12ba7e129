import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { openReady } from '../support/pages';

/** Replaces the browser's speech engine with one that records what it says, and when. */
async function recordSpeech(page: Page) {
  await page.addInitScript(() => {
    const spoken: Array<{ text: string; lang: string; start: number; end: number }> = [];
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
      getVoices: () => [{ lang: 'zh-CN', name: 'test voice' }, { lang: 'en-GB', name: 'test voice en' }],
      speak(utterance: FakeUtterance) {
        const entry = { text: utterance.text, lang: utterance.lang, start: performance.now(), end: 0 };
        spoken.push(entry);
        setTimeout(() => {
          entry.end = performance.now();
          utterance.onend?.();
        }, 150);
      },
      cancel() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
  });
}

const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; start: number; end: number }> }).__spoken);

async function demoIds(url: string) {
  const info = (await api(url, 'admin', 'hall.info', {})).body.value;
  const clerk = await signInHeaders(url);
  return {
    /** A demo clerk's call over HTTP, signed in. */
    clerk: (method: string, params: unknown) => api(url, 'clerk', method, params, clerk),
    service: (letter: string): string => info.services.find((s: { letter: string }) => s.letter === letter).id,
    window: (number: number): string => info.windows.find((w: { number: number }) => w.number === number).id,
  };
}

test.describe('hall display', () => {
  let host: TestHost;
  test.beforeEach(async () => {
    host = await startTestHost();
  });
  test.afterEach(async () => {
    await host.stop();
  });

  test('announces every call and recall twice, one after another, and flashes the call', async ({ page }) => {
    await recordSpeech(page);
    await openReady(page, `${host.url}/display`);
    const ids = await demoIds(host.url);
    for (const letter of ['A', 'B']) await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: ids.service(letter) });
    await expect(page.getByTestId('latest-call')).toBeVisible();

    // A burst: two windows call at once, then window 1 calls its visitor again.
    const first = (await ids.clerk('queue.callNext', { windowId: ids.window(1) })).body.value.ticket;
    await ids.clerk('queue.callNext', { windowId: ids.window(4) });
    await ids.clerk('queue.recall', { windowId: ids.window(1), ticketId: first.id });

    await expect(page.getByTestId('latest-call')).toHaveClass(/flashing/);
    await expect.poll(async () => (await spoken(page)).length, { timeout: 15_000 }).toBe(6);
    const said = await spoken(page);
    expect(said.map((s) => s.text)).toEqual([
      '请 A 0 0 1 号到 1 号窗口',
      '请 A 0 0 1 号到 1 号窗口',
      '请 B 0 0 1 号到 4 号窗口',
      '请 B 0 0 1 号到 4 号窗口',
      '请 A 0 0 1 号到 1 号窗口',
      '请 A 0 0 1 号到 1 号窗口',
    ]);
    // Never two at once.
    for (let i = 1; i < said.length; i++) expect(said[i]!.start).toBeGreaterThanOrEqual(said[i - 1]!.end);
  });

  test('speaks in the display language', async ({ page }) => {
    await recordSpeech(page);
    await openReady(page, `${host.url}/display?lang=en`);
    const ids = await demoIds(host.url);
    await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: ids.service('C') });
    await ids.clerk('queue.callNext', { windowId: ids.window(2) });
    await expect.poll(async () => (await spoken(page)).map((s) => s.text)).toEqual([
      'Ticket C 0 0 1, please go to window 2',
      'Ticket C 0 0 1, please go to window 2',
    ]);
  });

  test('without any voice it still chimes and shows the call, flashing', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: { getVoices: () => [], speak() {}, cancel() {} }, configurable: true });
      // Count the chime's tones as Web Audio plays them.
      const tones: number[] = [];
      (window as unknown as { __tones: number[] }).__tones = tones;
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        const oscillator = create.call(this);
        const start = oscillator.start.bind(oscillator);
        oscillator.start = (when?: number) => {
          tones.push(oscillator.frequency.value);
          start(when);
        };
        return oscillator;
      };
    });
    await openReady(page, `${host.url}/display`);
    const ids = await demoIds(host.url);
    await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: ids.service('E') });
    await ids.clerk('queue.callNext', { windowId: ids.window(3) });
    await expect(page.getByTestId('latest-call')).toContainText('请 E001 号到 3 号窗口');
    await expect(page.getByTestId('latest-call')).toHaveClass(/flashing/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __tones: number[] }).__tones)).toEqual([880, 660]);
  });

  for (const size of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
    test(`is readable across the hall at ${size.width}×${size.height}`, async ({ page }, testInfo) => {
      await page.setViewportSize(size);
      await openReady(page, `${host.url}/display`);
      const ids = await demoIds(host.url);
      for (const letter of ['A', 'B', 'C', 'D', 'E', 'A', 'C']) await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: ids.service(letter) });
      for (const window of [1, 2, 3, 4]) await ids.clerk('queue.callNext', { windowId: ids.window(window) });
      const latest = page.getByTestId('latest-call');
      await expect(latest).toContainText('号窗口');
      await expect(page.getByTestId('recent-calls').locator('tr')).toHaveCount(3);
      // Everything fits on the screen: no scrolling on a TV.
      const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
      expect(overflow).toBeLessThanOrEqual(0);
      // The number is big: at least a tenth of the screen's height.
      const numberBox = await page.locator('.latest-number').boundingBox();
      expect(numberBox!.height).toBeGreaterThan(size.height / 10);
      await page.screenshot({ path: testInfo.outputPath(`display-${size.width}x${size.height}.png`) });
    });
  }
});

test('the display reconnects by itself after the hub restarts, and catches up', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-reconnect-'));
  let host = await startTestHost({ dataDir });
  const port = host.server.port;
  try {
    await openReady(page, `${host.url}/display`);
    const ids = await demoIds(host.url);
    await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: ids.service('A') });
    await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: ids.service('A') });
    await ids.clerk('queue.callNext', { windowId: ids.window(1) });
    await expect(page.getByTestId('latest-call')).toContainText('A001');

    await host.stop();
    await expect(page.getByRole('status')).toContainText('正在重新连接');

    host = await startTestHost({ dataDir, port });
    // A call made while the display is still reconnecting: it must not be missed.
    await ids.clerk('queue.callNext', { windowId: ids.window(2) });
    await expect(page.getByTestId('latest-call')).toContainText('请 A002 号到 2 号窗口', { timeout: 15_000 });
    await expect(page.getByRole('status')).toHaveCount(0);
    await expect(page.getByTestId('recent-calls')).toContainText('A001');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
