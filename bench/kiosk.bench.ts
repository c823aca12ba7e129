import { chromium, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { systemChromium } from '../tests/support/browser';
import { kioskText, startAtKiosk } from '../tests/support/kiosk';
import { percentile, withHost, type Benchmark } from './support';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = 40;
const WARMUP_ROUNDS = 5;
const TEXT = kioskText('zh-CN');

/** The renderer as `npm start` serves it: built now, so the figures are of this code. */
function buildRenderer(): void {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url)), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('vite build failed');
}

async function launch(): Promise<Browser> {
  const executablePath = systemChromium();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Gzipped size of every script the page loaded (the entry, its imports, lazy chunks), in KB. */
async function scriptKbGzipped(page: Page, url: string): Promise<number> {
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body());
  });
  await page.goto(url);
  await page.locator('header[data-ready="true"]').waitFor();
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(bodies.map(async (body) => gzipSync(await body).length));
  return sizes.reduce((total, size) => total + size, 0) / 1024;
}

/**
 * From the tap on the confirmation screen's button to the ticket number on screen, as
 * the visitor sees it: both instants are taken inside the page (the tap's event and a
 * mutation observer), so the driver's own round trips are not counted.
 */
async function tapToTicketMs(page: Page): Promise<number> {
  const confirm = page.getByRole('button', { name: TEXT.flow.confirm.take });
  await confirm.waitFor();
  const measured = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let tappedAt = 0;
        document.addEventListener('pointerdown', () => (tappedAt = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (tappedAt > 0 && document.querySelector('[data-testid="ticket-number"]')) {
            observer.disconnect();
            resolve(performance.now() - tappedAt);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }),
  );
  await confirm.click();
  return measured;
}

/** The quickest path to the confirmation screen: a service, register at the window, alone. */
async function toConfirmation(page: Page): Promise<void> {
  await startAtKiosk(page);
  await page.getByTestId('step-service').getByRole('button').first().click();
  await page.getByRole('button', { name: TEXT.flow.notice.atWindow }).click();
  await page.getByTestId('step-party').waitFor();
  await page.getByRole('button', { name: TEXT.flow.nav.continue, exact: true }).click();
  // The priority step shows only where the hall honours declared priority.
  await page.getByTestId('step-priority').or(page.getByTestId('step-confirm')).waitFor();
  if (await page.getByTestId('step-priority').isVisible()) await page.getByRole('button', { name: TEXT.flow.nav.continue, exact: true }).click();
}

export const benchmarks: Benchmark[] = [
  {
    metrics: [
      { name: 'kiosk.tap_to_ticket_p95_ms', unit: 'ms', budget: 300 },
      { name: 'renderer.kiosk_bundle_kb_gz', unit: 'KB', budget: 350 },
    ],
    run: async () => {
      buildRenderer();
      const browser = await launch();
      try {
        return await withHost(async ({ url }) => {
          const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
          const bundleKb = await scriptKbGzipped(page, `${url}/kiosk`);
          const timings: number[] = [];
          for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            await toConfirmation(page);
            const ms = await tapToTicketMs(page);
            if (round >= WARMUP_ROUNDS) timings.push(ms);
          }
          return { 'kiosk.tap_to_ticket_p95_ms': percentile(timings, 95), 'renderer.kiosk_bundle_kb_gz': bundleKb };
        });
      } finally {
        await browser.close();
      }
    },
  },
];
