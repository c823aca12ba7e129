import './browser-print.css';

/**
 * Prints a document page (receipts.render's HTML: one self-contained page, no script, its
 * own @page size) through the browser's print dialog, without leaving the desk: the page
 * goes into a hidden `<iframe srcdoc>`, its `print()` opens the dialog for that page
 * alone, and the frame is removed afterwards. The page's @page rule (80 × 297 mm roll,
 * A4) sets the dialog's paper; "Save as PDF" is one of its destinations.
 *
 * Two things Chromium imposes, found by trying:
 * - The frame's sandbox allows modals (`print()` is one) and the same origin (this page
 *   calls the frame's `print()` and styles it); no scripts — the page has none, and its
 *   own policy forbids them.
 * - A srcdoc frame inherits this page's Content-Security-Policy (`style-src 'self'`),
 *   under which the document's inline `<style>` would be dropped, @page size and all. So
 *   the `<style>` is taken out of the markup and given to the frame as a constructed
 *   style sheet (CSSOM, which the policy does not govern): the same rules, applied.
 */
export async function printInBrowser(html: string, title: string): Promise<void> {
  const { markup, css } = splitStyles(html);
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = title;
  frame.srcdoc = markup;
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  document.body.append(frame);
  try {
    await loaded;
    const frameWindow = frame.contentWindow as (Window & typeof globalThis) | null;
    const frameDocument = frame.contentDocument;
    if (!frameWindow || !frameDocument) throw new Error('print frame not available');
    const sheet = new frameWindow.CSSStyleSheet();
    sheet.replaceSync(css);
    frameDocument.adoptedStyleSheets = [sheet];
    await frameDocument.fonts.ready;
    // Chromium's print() returns once the dialog is closed; afterprint says the same where it does not block.
    frameWindow.addEventListener('afterprint', () => frame.remove(), { once: true });
    frameWindow.focus();
    frameWindow.print();
    // A browser whose print() neither blocks nor reports afterprint: the frame goes after a while all the same.
    window.setTimeout(() => frame.remove(), LINGER_MS);
  } catch (error) {
    frame.remove();
    throw error;
  }
}

/** How long a frame may stay when the browser never says the dialog closed. */
const LINGER_MS = 60_000;

/**
 * The page without its `<style>` elements, and their rules. Read as text: every value from
 * the record is escaped in these pages (shared/receipts/html.ts), so a `<style>` tag can
 * only be the page's own. (Parsing it with DOMParser would have the style checked, and
 * reported, against this page's policy.)
 */
function splitStyles(html: string): { markup: string; css: string } {
  const rules: string[] = [];
  const markup = html.replace(STYLE_ELEMENT, (_element, css: string) => {
    rules.push(css);
    return '';
  });
  return { markup, css: rules.join('\n') };
}

const STYLE_ELEMENT = /<style[^>]*>([\s\S]*?)<\/style>/gi;
