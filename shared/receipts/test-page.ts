import type { Printer } from '../contract/printing-methods';
import type { Language } from '../domain/languages';
import { localDateTime } from './dates';
import { html } from './html';
import { documentPage } from './page';
import { qrSvg } from './qr-svg';
import type { RenderedDocument, Translate } from './receipt-kinds';

/**
 * What the admin's test page prints to show a printer's font: the same samples on the
 * thermal roll (printing/test-page-document.ts) and on a system printer (below). They are
 * test content, not wording, so they are the same in every language.
 */
export const TEST_PAGE_SAMPLES = {
  /** Common characters, all inside GB2312. */
  chinese: '信访工作条例 一张笑脸相迎，一杯热茶相敬，一个说法相送',
  latin: ['0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz .,:;!?()+-/@#%&'],
  /** 堃 (GBK only), 䶮 (Extension A, in GBK's user rows), 𠮷 (Extension B, four bytes): what a GB2312 font lacks. */
  rare: ['堃', '䶮', '𠮷'],
  /** Printed at 1×1 and 2×2. */
  sizes: '汉字 ABC 123',
} as const;

export interface TestPageOptions {
  now: number;
  timeZone: string;
  language: Language;
}

/** What the test page's QR code holds: Chinese, so that a printer's byte count of the payload is put to the test. */
export function testPageQrPayload(printer: Pick<Printer, 'name'>): string {
  return `打印机测试 ${printer.name}`;
}

/** The paper as the page names it: A4, or the roll by its width. */
export function testPagePaper(printer: Pick<Printer, 'paper' | 'paperWidthDots'>, t: Translate): string {
  if (printer.paper === 'A4') return t('printing.testPage.paperA4');
  return t(printer.paperWidthDots === 384 ? 'printing.testPage.paper58' : 'printing.testPage.paper80');
}

/**
 * The test page for a printer of the operating system (HTML through its driver): the
 * same content as the raw printers' page — title, the printer's name, address and paper,
 * the time, common characters, digits and Latin, the rare characters, two sizes, a QR
 * code of Chinese text, and the line that says all is well if it can be read. The
 * driver prints with the host's fonts, so there is no printer font to report. The roll's
 * style sheet has the receipts' classes, the A4 one the letters': what only one of them
 * styles is set inline (the page's policy allows inline style, no script).
 */
export function testPageHtml(printer: Printer, options: TestPageOptions, t: Translate): RenderedDocument {
  const pageSize = printer.paper === 'A4' ? 'A4' : '80mm';
  const payload = testPageQrPayload(printer);
  const body = html`<main class="test-page">
<div class="${pageSize === '80mm' ? 'doc-title' : 'letter-title'}">${t('printing.testPage.title')}</div>
<hr class="rule">
<div data-field="printer">${t('printing.testPage.printer', { name: printer.name })}</div>
<div data-field="address">${t('printing.testPage.address', { address: printer.address })}</div>
<div data-field="paper">${t('printing.testPage.paper', { paper: testPagePaper(printer, t) })}</div>
<div data-field="font">${t('printing.testPage.fontSystem')}</div>
<div data-field="printedAt">${t('printing.testPage.printedAt', { time: localDateTime(options.now, options.timeZone) })}</div>
<hr class="rule">
<div class="block-title">${t('printing.testPage.common')}</div>
<div data-field="common">${TEST_PAGE_SAMPLES.chinese}</div>
<div class="block-title">${t('printing.testPage.latin')}</div>
${TEST_PAGE_SAMPLES.latin.map((line) => html`<div class="mono">${line}</div>`)}
<div class="block-title">${t('printing.testPage.rare')}</div>
<div data-field="rare">${TEST_PAGE_SAMPLES.rare.join(' ')}</div>
<div class="block-title">${t('printing.testPage.sizes')}</div>
<div>1×1 ${TEST_PAGE_SAMPLES.sizes}</div>
<div style="font-size: 200%; line-height: 1.3">2×2 ${TEST_PAGE_SAMPLES.sizes}</div>
<div class="qr-box" style="text-align: center">${qrSvg(payload, { sizeMm: 26, label: payload })}</div>
<div class="center small" style="text-align: center" data-field="qr">${t('printing.testPage.qrCaption', { payload })}</div>
<hr class="rule">
<div class="center block-title" style="text-align: center; font-weight: 700" data-field="ok">${t('printing.testPage.ok')}</div>
</main>`;
  const title = t('printing.testPage.documentTitle', { name: printer.name });
  return { html: documentPage({ language: options.language, title, pageSize, body }), pageSize, title };
}
