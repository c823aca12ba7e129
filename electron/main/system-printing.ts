import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import type { Logger, RawPrinterStatus, SystemPrinter, SystemPrintRequest } from '../core/ports';
import type { SystemPrintMessage, SystemPrintReplyMessage } from './core-protocol';
import { hardenPrintSession, type PrintSessionPort } from './security';
import { PRINT_PARTITION, printWindowOptions } from './window-options';

/**
 * The operating system's printers, for the core (its `SystemPrinter` port, reached
 * through core-protocol's `systemPrint` messages): only the main process can print, with
 * a webContents. Each page gets a hidden window of its own (window-options.ts
 * `printWindowOptions`: no script, sandboxed, in the hardened `hall-print` session), is
 * printed silently to the named printer at the document's page size, then printed to PDF
 * for the archive, and the window is destroyed whatever happened.
 *
 * Electron is reached through the small PrintHost port below, so every rule here is
 * tested in Node with a fake (system-printing.test.ts); main.ts passes the real one.
 */

/** What SystemPrinting needs of a hidden BrowserWindow (a real one fits as it is). */
export interface PrintWindowPort {
  readonly webContents: {
    loadURL(url: string): Promise<void>;
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
  };
  destroy(): void;
}

/**
 * Electron 45's PrinterInfo (electron.d.ts): `name` (the OS's), `displayName`,
 * `description` and platform `options` (CUPS: the destination's attributes such as
 * `printer-state`; Windows: location and driver only). Electron no longer has `status`
 * or `isDefault` (Chromium stopped reporting them), so a Windows printer's state is not
 * known: present means online.
 */
export interface PrinterInfoPort {
  name: string;
  displayName: string;
  options?: unknown;
}

export interface PrintHost {
  /** A new window with these options (main: `new BrowserWindow(options)`). */
  createWindow(options: BrowserWindowConstructorOptions): PrintWindowPort;
  /** The session of a partition (main: `session.fromPartition`). */
  session(partition: string): PrintSessionPort;
  /** The OS's printers (main: `getPrintersAsync()` of a window's webContents). */
  printers(): Promise<PrinterInfoPort[]>;
}

/** Everything a print may take, from the call (a wait behind the device's previous page included) to the end. */
export const PRINT_TIMEOUT_MS = 60_000;

/**
 * Chromium refuses URLs over 2 MiB (url::kMaxURLChars). A receipt or letter is tens of
 * kilobytes; a page that large is refused by code rather than failing to load.
 */
const MAX_PAGE_URL_CHARS = 2 * 1024 * 1024;

/** A print failure: `code` and message are the same short code, never a reason text. */
export function printError(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}

/** The short code of an error, or `fallback` (a message may quote a path or a page). */
export function errorCodeOf(error: unknown, fallback = 'print_failed'): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : fallback;
}

/**
 * The page as a `data:` URL. main loads it with `loadURL`, a browser-initiated
 * navigation: the app's guards (security.ts hardenContents) act on `will-navigate` and
 * `will-redirect`, which fire for navigations a page starts and for server redirects,
 * never for `loadURL`; the app's CSP header is set by the role sessions, not the print
 * session. So nothing of the app's hardening has to be opened for it, and no page is ever
 * served from app:// (a one-time path would be more code for the same result). A `data:`
 * page has no response headers: its policy is its own `<meta>` (shared/receipts/page.ts),
 * with no script in its window and no other request let through by its session. Base64
 * keeps Chinese text at 4 characters per character, not 9.
 */
export function pageUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

const MM_PER_INCH = 25.4;

/**
 * The print settings of a page (docs/receipts.md "Printing the HTML"): silent, to the
 * named printer, one copy, no backgrounds (black on white).
 * - 80mm: the roll's form, 80 × 297 mm (Electron's custom `pageSize` is in microns), no
 *   margins: the page's @page rule says the same, so Chromium never scales it.
 * - A4: the page's own margins (37/26/35/28 mm). Chromium keeps the @page margins only
 *   with `marginType: 'default'` (any other type sets ignore_css_margins).
 */
export function printOptions(request: Pick<SystemPrintRequest, 'deviceName' | 'pageSize'>): WebContentsPrintOptions {
  const common = { silent: true, deviceName: request.deviceName, printBackground: false, copies: 1 };
  return request.pageSize === '80mm'
    ? { ...common, pageSize: { width: 80_000, height: 297_000 }, margins: { marginType: 'none' } }
    : { ...common, pageSize: 'A4', margins: { marginType: 'default' } };
}

/**
 * The archive's PDF of the same page: the page's @page size and margins
 * (`preferCSSPageSize`), as the e2e test prints it with Chromium (tests/e2e/receipts-pdf);
 * the size given here (in inches for printToPDF) and the zero margins only stand in
 * where a page had no @page rule.
 */
export function pdfOptions(pageSize: SystemPrintRequest['pageSize']): PrintToPDFOptions {
  return {
    preferCSSPageSize: true,
    printBackground: false,
    pageSize: pageSize === '80mm' ? { width: 80 / MM_PER_INCH, height: 297 / MM_PER_INCH } : 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  };
}

/** One print in progress: what the deadline must clean up, and whether the OS already took the page. */
interface PrintJob {
  settled: boolean;
  printed: boolean;
  window: PrintWindowPort | null;
}

export class SystemPrinting implements SystemPrinter {
  /** Per device name: settles when its last queued print has. */
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly timeoutMs: number;

  constructor(
    private readonly host: PrintHost,
    private readonly logger: Logger,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? PRINT_TIMEOUT_MS;
    hardenPrintSession(host.session(PRINT_PARTITION));
  }

  /**
   * Prints one page; one at a time per device (a second page waits for the first, whose
   * driver may still be taking it), different devices at once. Rejects with
   * `printer_not_found`, `page_too_large`, `page_failed`, `print_failed`, `cancelled` or
   * `timeout`; a PDF that could not be made leaves `pdf` null, never fails the print.
   */
  print(request: SystemPrintRequest): Promise<{ pdf: Uint8Array | null }> {
    const before = this.lanes.get(request.deviceName) ?? Promise.resolve();
    const result = this.withDeadline(request, before);
    const lane = result.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(request.deviceName, lane);
    void lane.then(() => {
      if (this.lanes.get(request.deviceName) === lane) this.lanes.delete(request.deviceName);
    });
    return result;
  }

  /** Never rejects: a printer the OS does not list is offline (`printer_not_found`). */
  async status(deviceName: string): Promise<RawPrinterStatus> {
    let printers: PrinterInfoPort[];
    try {
      printers = await this.host.printers();
    } catch {
      return { state: 'offline', paperLow: false, answered: false, error: 'printer_list_failed' };
    }
    const info = printers.find((printer) => printer.name === deviceName);
    if (!info) return { state: 'offline', paperLow: false, answered: true, error: 'printer_not_found' };
    return printerStatusOf(info);
  }

  async list(): Promise<Array<{ name: string; displayName: string; isDefault: boolean }>> {
    const printers = await this.host.printers();
    return printers.map((printer) => ({ name: printer.name, displayName: printer.displayName || printer.name, isDefault: isDefaultPrinter(printer) }));
  }

  /**
   * Runs the print once `before` (the device's previous print) has settled, within the
   * deadline. At the deadline the window is destroyed and the call rejects `timeout`;
   * if the OS had already taken the page, only the PDF is given up (`pdf` null), so the
   * queue does not print the page again.
   */
  private withDeadline(request: SystemPrintRequest, before: Promise<void>): Promise<{ pdf: Uint8Array | null }> {
    return new Promise((resolve, reject) => {
      const job: PrintJob = { settled: false, printed: false, window: null };
      const settle = (outcome: () => void) => {
        if (job.settled) return;
        job.settled = true;
        clearTimeout(timer);
        this.destroyWindow(job);
        outcome();
      };
      const timer = setTimeout(() => {
        if (job.printed) {
          this.logger.warn('system print: no archive PDF', { code: 'pdf_timeout' });
          settle(() => resolve({ pdf: null }));
        } else {
          this.logger.warn('system print failed', { code: 'timeout' });
          settle(() => reject(printError('timeout')));
        }
      }, this.timeoutMs);
      before
        .then(() => this.printPage(request, job))
        .then(
          (pdf) => settle(() => resolve({ pdf })),
          (error: unknown) => {
            const code = errorCodeOf(error);
            if (!job.settled) this.logger.warn('system print failed', { code });
            settle(() => reject(printError(code)));
          },
        );
    });
  }

  /** The steps of one print. After each wait: a job the deadline ended goes no further. */
  private async printPage(request: SystemPrintRequest, job: PrintJob): Promise<Uint8Array | null> {
    if (job.settled) return null;
    const url = pageUrl(request.html);
    if (url.length > MAX_PAGE_URL_CHARS) throw printError('page_too_large');
    const printers = await this.host.printers();
    if (job.settled) return null;
    if (!printers.some((printer) => printer.name === request.deviceName)) throw printError('printer_not_found');

    const window = this.host.createWindow(printWindowOptions());
    job.window = window;
    try {
      await window.webContents.loadURL(url);
    } catch {
      throw printError('page_failed');
    }
    if (job.settled) return null;
    await printOnce(window, request);
    job.printed = true;
    if (job.settled) return null;

    try {
      const pdf = await window.webContents.printToPDF(pdfOptions(request.pageSize));
      return new Uint8Array(pdf);
    } catch {
      if (!job.settled) this.logger.warn('system print: no archive PDF', { code: 'pdf_failed' });
      return null;
    }
  }

  private destroyWindow(job: PrintJob): void {
    const window = job.window;
    job.window = null;
    try {
      window?.destroy();
    } catch {
      // already gone
    }
  }
}

/** webContents.print as a promise: the callback's failure as a short code (its reason text is never passed on). */
function printOnce(window: PrintWindowPort, request: SystemPrintRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      window.webContents.print(printOptions(request), (success, failureReason) => {
        if (success) resolve();
        else reject(printError(/cancel/i.test(failureReason) ? 'cancelled' : 'print_failed'));
      });
    } catch {
      reject(printError('print_failed')); // settings Electron refused outright
    }
  });
}

// ── what the OS says about a printer ──

function optionOf(info: PrinterInfoPort, name: string): string | undefined {
  const options = info.options;
  if (typeof options !== 'object' || options === null) return undefined;
  const value = (options as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** CUPS's `printer-type` bit of the default destination (CUPS_PRINTER_DEFAULT), as Qt's CUPS backend reads it. */
const CUPS_PRINTER_DEFAULT = 0x20000;

export function isDefaultPrinter(info: PrinterInfoPort): boolean {
  const type = Number(optionOf(info, 'printer-type'));
  return Number.isInteger(type) && (type & CUPS_PRINTER_DEFAULT) !== 0;
}

/**
 * The state of a printer the OS lists. CUPS (Linux, macOS) gives `printer-state`
 * (3 idle, 4 printing, 5 stopped), `printer-is-accepting-jobs` and
 * `printer-state-reasons` (keywords, maybe with -error/-warning/-report: media-empty,
 * media-needed, media-low, offline …). Windows gives none of these through Electron 45:
 * listed means online, and `answered` is false.
 */
export function printerStatusOf(info: PrinterInfoPort): RawPrinterStatus {
  const state = optionOf(info, 'printer-state');
  if (state === undefined) return { state: 'online', paperLow: false, answered: false };
  const reasons = new Set(
    (optionOf(info, 'printer-state-reasons') ?? '')
      .split(',')
      .map((reason) => reason.trim().replace(/-(error|warning|report)$/, ''))
      .filter((reason) => reason !== '' && reason !== 'none'),
  );
  const paperLow = reasons.has('media-low');
  if (state === '5') return { state: 'offline', paperLow, answered: true, error: 'stopped' };
  if (optionOf(info, 'printer-is-accepting-jobs') === 'false') return { state: 'offline', paperLow, answered: true, error: 'not_accepting' };
  if (reasons.has('offline')) return { state: 'offline', paperLow, answered: true, error: 'offline' };
  if (reasons.has('media-empty') || reasons.has('media-needed')) return { state: 'paper_out', paperLow, answered: true };
  return { state: 'online', paperLow, answered: true };
}

// ── main's answer to the core's message ──

/** Runs one `systemPrint` message; never rejects (a failure is answered with its short code). */
export async function answerSystemPrint(printer: SystemPrinter, message: SystemPrintMessage): Promise<SystemPrintReplyMessage> {
  const { requestId } = message;
  try {
    let result: unknown;
    if (message.op === 'print') result = await printer.print({ deviceName: message.deviceName, html: message.html, pageSize: message.pageSize });
    else if (message.op === 'status') result = await printer.status(message.deviceName);
    else result = await printer.list();
    return { kind: 'systemPrintReply', requestId, ok: true, result };
  } catch (error) {
    return { kind: 'systemPrintReply', requestId, ok: false, code: errorCodeOf(error) };
  }
}
