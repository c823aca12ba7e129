import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../core/ports';
import type { PrintSessionPort } from './security';
import { SystemPrinting, pageUrl, printerStatusOf, type PrintHost, type PrinterInfoPort, type PrintWindowPort } from './system-printing';
import { PRINT_PARTITION } from './window-options';

/** How a fake window's steps end: at once, with a failure, or never (until the test says). */
type Step = 'ok' | 'fail' | 'hang';
interface Behaviour {
  load: Step;
  /** `fail:<reason>`: the print callback's (false, reason). `manual`: the test calls `finishPrint`. */
  print: 'ok' | 'manual' | 'hang' | `fail:${string}`;
  pdf: Step;
}

const PDF_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x00, 0xff, 0x80]); // %PDF-1.7 and binary

/** A hidden BrowserWindow: records every call. */
class FakePrintWindow implements PrintWindowPort {
  readonly calls: string[] = [];
  readonly loaded: string[] = [];
  readonly printOptions: WebContentsPrintOptions[] = [];
  readonly pdfOptions: PrintToPDFOptions[] = [];
  destroyed = false;
  private printCallback: ((success: boolean, failureReason: string) => void) | null = null;

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly behaviour: Behaviour,
  ) {}

  readonly webContents = {
    loadURL: (url: string): Promise<void> => {
      this.calls.push('loadURL');
      this.loaded.push(url);
      return this.step(this.behaviour.load, undefined);
    },
    print: (options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void => {
      this.calls.push('print');
      this.printOptions.push(options);
      const print = this.behaviour.print;
      if (print === 'ok') queueMicrotask(() => callback(true, ''));
      else if (print.startsWith('fail:')) queueMicrotask(() => callback(false, print.slice('fail:'.length)));
      else if (print === 'manual') this.printCallback = callback;
    },
    printToPDF: (options: PrintToPDFOptions): Promise<Uint8Array> => {
      this.calls.push('printToPDF');
      this.pdfOptions.push(options);
      return this.step(this.behaviour.pdf, Buffer.from(PDF_BYTES));
    },
  };

  destroy(): void {
    this.calls.push('destroy');
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.destroyed = true;
  }

  finishPrint(success = true): void {
    this.printCallback?.(success, success ? '' : 'Print job failed');
  }

  private step<T>(step: Step, value: T): Promise<T> {
    if (step === 'ok') return Promise.resolve(value);
    if (step === 'fail') return Promise.reject(new Error('ERR_FAILED (-2) loading data:text/html;… with the page in it'));
    return new Promise<T>(() => {});
  }
}

type SessionHandlers = {
  permissionRequest?: Parameters<PrintSessionPort['setPermissionRequestHandler']>[0];
  permissionCheck?: Parameters<PrintSessionPort['setPermissionCheckHandler']>[0];
  device?: Parameters<PrintSessionPort['setDevicePermissionHandler']>[0];
  download?: (event: { preventDefault(): void }, item: { getURL(): string }) => void;
  beforeRequest?: Parameters<PrintSessionPort['webRequest']['onBeforeRequest']>[0];
};

class FakePrintHost implements PrintHost {
  readonly windows: FakePrintWindow[] = [];
  readonly sessions = new Map<string, SessionHandlers>();
  behaviour: Behaviour = { load: 'ok', print: 'ok', pdf: 'ok' };
  printerCalls = 0;
  printersFail = false;

  constructor(public installed: PrinterInfoPort[] = [{ name: 'Office_A4', displayName: 'Office A4' }, { name: 'POS80', displayName: 'POS-80' }]) {}

  createWindow(options: BrowserWindowConstructorOptions): PrintWindowPort {
    const window = new FakePrintWindow(options, { ...this.behaviour });
    this.windows.push(window);
    return window;
  }

  session(partition: string): PrintSessionPort {
    const handlers: SessionHandlers = {};
    this.sessions.set(partition, handlers);
    return {
      setPermissionRequestHandler: (handler) => void (handlers.permissionRequest = handler),
      setPermissionCheckHandler: (handler) => void (handlers.permissionCheck = handler),
      setDevicePermissionHandler: (handler) => void (handlers.device = handler),
      on: (_event: 'will-download', listener: SessionHandlers['download']) => void (handlers.download = listener),
      webRequest: {
        onBeforeRequest: (listener) => void (handlers.beforeRequest = listener),
      },
    };
  }

  async printers(): Promise<PrinterInfoPort[]> {
    this.printerCalls++;
    if (this.printersFail) throw new Error('CUPS not running');
    return this.installed;
  }
}

function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = {
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
  };
  return { logger, lines };
}

function setup(options: { timeoutMs?: number } = {}) {
  const host = new FakePrintHost();
  const { logger, lines } = recordingLogger();
  const printing = new SystemPrinting(host, logger, options);
  return { host, printing, lines };
}

const RECEIPT = '<!doctype html><html lang="zh-Hans-CN"><head><style>@page { size: 80mm 297mm; margin: 0; }</style></head><body>接待回执 第22条</body></html>';
const LETTER = '<!doctype html><html lang="zh-Hans-CN"><head><style>@page { size: A4; margin: 37mm 26mm 35mm 28mm; }</style></head><body>告知书</body></html>';

/** Lets queued microtasks (fake print callbacks, awaits) run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('SystemPrinting: printing a page', () => {
  it('prints an 80 mm receipt silently to the named printer on the 80 × 297 mm roll form, without margins, then keeps its PDF', async () => {
    const { host, printing } = setup();
    const result = await printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });

    expect(host.windows).toHaveLength(1);
    const window = host.windows[0]!;
    expect(window.calls).toEqual(['loadURL', 'print', 'printToPDF', 'destroy']);
    expect(window.printOptions).toEqual([
      {
        silent: true,
        deviceName: 'POS80',
        printBackground: false,
        copies: 1,
        pageSize: { width: 80_000, height: 297_000 }, // microns
        margins: { marginType: 'none' },
      },
    ]);
    expect(window.pdfOptions).toEqual([
      { preferCSSPageSize: true, printBackground: false, pageSize: { width: 80 / 25.4, height: 297 / 25.4 }, margins: { top: 0, bottom: 0, left: 0, right: 0 } },
    ]);
    expect(result.pdf).toBeInstanceOf(Uint8Array);
    expect([...result.pdf!]).toEqual([...PDF_BYTES]);
  });

  it("prints an A4 letter as A4 with the page's own @page margins (marginType default)", async () => {
    const { host, printing } = setup();
    await printing.print({ deviceName: 'Office_A4', html: LETTER, pageSize: 'A4' });
    const window = host.windows[0]!;
    expect(window.printOptions).toEqual([
      { silent: true, deviceName: 'Office_A4', printBackground: false, copies: 1, pageSize: 'A4', margins: { marginType: 'default' } },
    ]);
    expect(window.pdfOptions[0]).toMatchObject({ preferCSSPageSize: true, printBackground: false, pageSize: 'A4' });
    expect(window.destroyed).toBe(true);
  });

  it('loads exactly the page it was given, as a data: URL (Chinese text intact)', async () => {
    const { host, printing } = setup();
    await printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });
    const url = host.windows[0]!.loaded[0]!;
    expect(url).toBe(pageUrl(RECEIPT));
    const prefix = 'data:text/html;charset=utf-8;base64,';
    expect(url.startsWith(prefix)).toBe(true);
    expect(Buffer.from(url.slice(prefix.length), 'base64').toString('utf8')).toBe(RECEIPT);
  });

  it('refuses a printer the OS does not list at once, without opening or loading a page', async () => {
    const { host, printing } = setup();
    await expect(printing.print({ deviceName: 'Gone_Printer', html: RECEIPT, pageSize: '80mm' })).rejects.toMatchObject({ code: 'printer_not_found' });
    expect(host.windows).toEqual([]);
  });

  it("rejects with a short code when the print callback reports failure, never with the OS's reason text", async () => {
    const { host, printing, lines } = setup();
    host.behaviour = { load: 'ok', print: 'fail:Print job failed', pdf: 'ok' };
    const failed = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });
    await expect(failed).rejects.toMatchObject({ code: 'print_failed', message: 'print_failed' });

    host.behaviour = { load: 'ok', print: 'fail:Print job canceled', pdf: 'ok' };
    await expect(printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' })).rejects.toMatchObject({ code: 'cancelled' });

    for (const window of host.windows) {
      expect(window.calls).toEqual(['loadURL', 'print', 'destroy']); // no PDF of a page that did not print
      expect(window.destroyed).toBe(true);
    }
    expect(JSON.stringify(lines)).not.toMatch(/Print job|接待|<html/);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.fields?.code)).toEqual(['print_failed', 'cancelled']);
  });

  it('rejects page_failed when the page does not load, and destroys its window', async () => {
    const { host, printing, lines } = setup();
    host.behaviour = { load: 'fail', print: 'ok', pdf: 'ok' };
    await expect(printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' })).rejects.toMatchObject({ code: 'page_failed' });
    expect(host.windows[0]!.calls).toEqual(['loadURL', 'destroy']);
    expect(JSON.stringify(lines)).not.toContain('data:');
  });

  it('a PDF that fails leaves pdf null and the print done, with a warning by code', async () => {
    const { host, printing, lines } = setup();
    host.behaviour = { load: 'ok', print: 'ok', pdf: 'fail' };
    await expect(printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' })).resolves.toEqual({ pdf: null });
    expect(host.windows[0]!.calls).toEqual(['loadURL', 'print', 'printToPDF', 'destroy']);
    expect(lines).toEqual([{ level: 'warn', message: 'system print: no archive PDF', fields: { code: 'pdf_failed' } }]);
  });

  it('refuses a page too large for a data: URL without opening a window', async () => {
    const { host, printing } = setup();
    const huge = `<p>${'x'.repeat(2 * 1024 * 1024)}</p>`;
    await expect(printing.print({ deviceName: 'POS80', html: huge, pageSize: '80mm' })).rejects.toMatchObject({ code: 'page_too_large' });
    expect(host.windows).toEqual([]);
  });
});

describe('SystemPrinting: the deadline', () => {
  it('rejects timeout after 60 s when the print callback never comes, and destroys the window', async () => {
    vi.useFakeTimers();
    const { host, printing } = setup();
    host.behaviour = { load: 'ok', print: 'hang', pdf: 'ok' };
    const result = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });
    const outcome = result.then(
      () => 'resolved',
      (error: { code: string }) => error.code,
    );
    await vi.advanceTimersByTimeAsync(59_999);
    expect(host.windows[0]!.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('timeout');
    expect(host.windows[0]!.calls).toEqual(['loadURL', 'print', 'destroy']);
  });

  it('rejects timeout when the page never loads, destroying the window once', async () => {
    vi.useFakeTimers();
    const { host, printing } = setup();
    host.behaviour = { load: 'hang', print: 'ok', pdf: 'ok' };
    const outcome = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' }).catch((error: { code: string }) => error.code);
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(outcome).resolves.toBe('timeout');
    expect(host.windows[0]!.calls).toEqual(['loadURL', 'destroy']);
  });

  it('once the OS took the page, a PDF that never comes gives pdf null at the deadline, not a failure (no second print)', async () => {
    vi.useFakeTimers();
    const { host, printing, lines } = setup();
    host.behaviour = { load: 'ok', print: 'ok', pdf: 'hang' };
    const result = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(result).resolves.toEqual({ pdf: null });
    expect(host.windows[0]!.destroyed).toBe(true);
    expect(lines.map((line) => line.fields?.code)).toEqual(['pdf_timeout']);
  });
});

describe('SystemPrinting: one page at a time per printer', () => {
  it('queues a second page for the same printer until the first is done; another printer prints meanwhile', async () => {
    const { host, printing } = setup();
    host.behaviour = { load: 'ok', print: 'manual', pdf: 'ok' };
    const first = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });
    const second = printing.print({ deviceName: 'POS80', html: RECEIPT.replace('接待回执', '第二张'), pageSize: '80mm' });
    const other = printing.print({ deviceName: 'Office_A4', html: LETTER, pageSize: 'A4' });
    await flush();
    // The first POS80 page and the A4 letter are printing; the second POS80 page waits.
    expect(host.windows.map((window) => window.printOptions[0]?.deviceName)).toEqual(['POS80', 'Office_A4']);

    host.windows[1]!.finishPrint();
    await expect(other).resolves.toMatchObject({ pdf: expect.any(Uint8Array) });
    await flush();
    expect(host.windows).toHaveLength(2);

    host.windows[0]!.finishPrint();
    await expect(first).resolves.toMatchObject({ pdf: expect.any(Uint8Array) });
    await flush();
    expect(host.windows).toHaveLength(3);
    expect(host.windows[0]!.destroyed).toBe(true);
    expect(Buffer.from(host.windows[2]!.loaded[0]!.split(',')[1]!, 'base64').toString('utf8')).toContain('第二张');
    host.windows[2]!.finishPrint();
    await expect(second).resolves.toMatchObject({ pdf: expect.any(Uint8Array) });
  });

  it('a failed page does not hold the queue: the next one prints', async () => {
    const { host, printing } = setup();
    host.behaviour = { load: 'ok', print: 'manual', pdf: 'ok' };
    const first = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' }).catch((error: { code: string }) => error.code);
    const second = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });
    await flush();
    host.windows[0]!.finishPrint(false);
    await expect(first).resolves.toBe('print_failed');
    await flush();
    host.windows[1]!.finishPrint();
    await expect(second).resolves.toMatchObject({ pdf: expect.any(Uint8Array) });
  });

  it('the deadline counts the wait in the queue: main answers every call within 60 s', async () => {
    vi.useFakeTimers();
    const { host, printing } = setup();
    host.behaviour = { load: 'ok', print: 'hang', pdf: 'ok' };
    const first = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' }).catch((error: { code: string }) => error.code);
    await vi.advanceTimersByTimeAsync(30_000);
    const second = printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' }).catch((error: { code: string }) => error.code);
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(first).resolves.toBe('timeout');
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(second).resolves.toBe('timeout');
    expect(host.windows.every((window) => window.destroyed)).toBe(true);
  });
});

describe('SystemPrinting: the print window and its session', () => {
  it('opens a hidden window without script, node or preload, sandboxed, in the print session', async () => {
    const { host, printing } = setup();
    await printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' });
    const options = host.windows[0]!.options;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      partition: PRINT_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('hardens the print session once: no permission, no download, no request but the data: page', () => {
    const { host } = setup();
    expect([...host.sessions.keys()]).toEqual([PRINT_PARTITION]);
    const session = host.sessions.get(PRINT_PARTITION)!;

    const granted: boolean[] = [];
    session.permissionRequest?.({}, 'media', (answer) => granted.push(answer));
    expect(granted).toEqual([false]);
    expect(session.permissionCheck?.({}, 'clipboard-read')).toBe(false);
    expect(session.device?.({ deviceType: 'usb' })).toBe(false);

    let prevented = false;
    session.download?.({ preventDefault: () => (prevented = true) }, { getURL: () => 'data:application/pdf;base64,AA==' });
    expect(prevented).toBe(true);

    const cancels = (url: string) => {
      let cancel: boolean | undefined;
      session.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancels(pageUrl(RECEIPT))).toBe(false);
    for (const url of ['https://example.com/track.png', 'http://10.0.0.5/', 'file:///etc/passwd', 'app://hall/kiosk', 'blob:null/1']) {
      expect(cancels(url), url).toBe(true);
    }
  });
});

describe('SystemPrinting: printers and their state', () => {
  it('lists the OS printers with their display names, the CUPS default marked', async () => {
    const { host, printing } = setup();
    host.installed = [
      { name: 'Office_A4', displayName: 'Office A4', options: { 'printer-type': String(0x20000 | 0x9044) } },
      { name: 'POS80', displayName: '', options: { 'printer-type': '36932' } },
      { name: 'Microsoft Print to PDF', displayName: 'Microsoft Print to PDF', options: { 'printer-location': '' } },
    ];
    await expect(printing.list()).resolves.toEqual([
      { name: 'Office_A4', displayName: 'Office A4', isDefault: true },
      { name: 'POS80', displayName: 'POS80', isDefault: false },
      { name: 'Microsoft Print to PDF', displayName: 'Microsoft Print to PDF', isDefault: false },
    ]);
  });

  it('answers offline printer_not_found for a printer the OS does not list, online for one it lists without a state', async () => {
    const { printing } = setup();
    await expect(printing.status('Gone')).resolves.toEqual({ state: 'offline', paperLow: false, answered: true, error: 'printer_not_found' });
    await expect(printing.status('POS80')).resolves.toEqual({ state: 'online', paperLow: false, answered: false });
  });

  it('never rejects: a printer list the OS cannot give is offline, not answered', async () => {
    const { host, printing } = setup();
    host.printersFail = true;
    await expect(printing.status('POS80')).resolves.toEqual({ state: 'offline', paperLow: false, answered: false, error: 'printer_list_failed' });
    await expect(printing.print({ deviceName: 'POS80', html: RECEIPT, pageSize: '80mm' })).rejects.toMatchObject({ code: 'print_failed' });
    expect(host.windows).toEqual([]);
  });

  it.each([
    [{ 'printer-state': '3', 'printer-state-reasons': 'none', 'printer-is-accepting-jobs': 'true' }, { state: 'online', paperLow: false, answered: true }],
    [{ 'printer-state': '4', 'printer-state-reasons': 'media-low-report' }, { state: 'online', paperLow: true, answered: true }],
    [{ 'printer-state': '5', 'printer-state-reasons': 'paused' }, { state: 'offline', paperLow: false, answered: true, error: 'stopped' }],
    [{ 'printer-state': '3', 'printer-is-accepting-jobs': 'false' }, { state: 'offline', paperLow: false, answered: true, error: 'not_accepting' }],
    [{ 'printer-state': '3', 'printer-state-reasons': 'offline-report' }, { state: 'offline', paperLow: false, answered: true, error: 'offline' }],
    [{ 'printer-state': '3', 'printer-state-reasons': 'media-empty-error,media-low-warning' }, { state: 'paper_out', paperLow: true, answered: true }],
    [{ 'printer-state': '4', 'printer-state-reasons': 'media-needed' }, { state: 'paper_out', paperLow: false, answered: true }],
    [{ 'printer-location': 'Hall', system_driverinfo: 'POS-80;1.0' }, { state: 'online', paperLow: false, answered: false }], // Windows: no state
  ])('maps what the OS reports: %j', (options, expected) => {
    expect(printerStatusOf({ name: 'P', displayName: 'P', options })).toEqual(expected);
  });
});
