import type { Printer } from '../../../shared/contract/printing-methods';
import type { Translate } from '../../../shared/receipts/receipt-kinds';
import { TEST_PAGE_SAMPLES, testPagePaper, testPageQrPayload, type TestPageOptions } from '../../../shared/receipts/test-page';
import { fontPrints } from './gb18030';
import { cut, feed, qr, rule, text, type ReceiptDocument } from './receipt-model';
import { localDateTime } from './ticket-document';

/**
 * The admin's test page for a raw (ESC/POS) printer: the printer's name, address, paper
 * and font, the time, then what shows the printer at work — common characters, digits
 * and Latin, the rare characters 堃 䶮 𠮷 (those the printer's font lacks go through the
 * image path, and the page says so), the sizes 1×1 and 2×2, a QR code holding Chinese
 * text (its stored length counts bytes), and the line that says all is well, then cut.
 * The same content as the system printers' page (shared/receipts/test-page.ts).
 */
export function testPageDocument(printer: Printer, options: TestPageOptions, t: Translate): ReceiptDocument {
  const payload = testPageQrPayload(printer);
  const inFont = TEST_PAGE_SAMPLES.rare.filter((character) => fontPrints(character, printer.fontCoverage));
  const asImage = TEST_PAGE_SAMPLES.rare.filter((character) => !fontPrints(character, printer.fontCoverage));
  return {
    blocks: [
      text(t('printing.testPage.title'), { align: 'center', width: 2, height: 2, bold: true }),
      rule(),
      text(t('printing.testPage.printer', { name: printer.name })),
      text(t('printing.testPage.address', { address: printer.address })),
      text(t('printing.testPage.paper', { paper: testPagePaper(printer, t) })),
      text(t('printing.testPage.font', { font: t(`printing.testPage.fonts.${printer.fontCoverage}`) })),
      text(t('printing.testPage.printedAt', { time: localDateTime(options.now, options.timeZone) })),
      rule(),
      text(t('printing.testPage.common'), { bold: true }),
      text(TEST_PAGE_SAMPLES.chinese),
      text(t('printing.testPage.latin'), { bold: true }),
      ...TEST_PAGE_SAMPLES.latin.map((line) => text(line)),
      // One block each way: a block holding a character the font lacks goes whole as an image.
      ...(inFont.length > 0 ? [text(t('printing.testPage.rareAsText'), { bold: true }), text(inFont.join(' '))] : []),
      ...(asImage.length > 0 ? [text(t('printing.testPage.rareAsImage'), { bold: true }), text(asImage.join(' '))] : []),
      text(t('printing.testPage.sizes'), { bold: true }),
      text(`1×1 ${TEST_PAGE_SAMPLES.sizes}`),
      text(`2×2 ${TEST_PAGE_SAMPLES.sizes}`, { width: 2, height: 2 }),
      feed(1),
      qr(payload, { align: 'center', moduleSize: 6, errorLevel: 'M' }),
      text(t('printing.testPage.qrCaption', { payload }), { align: 'center' }),
      rule(),
      text(t('printing.testPage.ok'), { align: 'center', bold: true }),
      feed(2),
      cut(),
    ],
  };
}
