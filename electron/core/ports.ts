import type { IdCard } from '../../shared/contract';
import type { Language } from '../../shared/domain/languages';

/**
 * What the core needs from its host. Each host (Electron, the Node server, tests)
 * passes its own adapters; the core never reaches for the environment itself.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Structured log lines. Never pass personal data (names, ID or phone numbers) here. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function consoleLogger(stream: { write(line: string): unknown } = process.stderr): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  return {
    info: (message, fields) => line('info', message, fields),
    warn: (message, fields) => line('warn', message, fields),
    error: (message, fields) => line('error', message, fields),
  };
}

/**
 * The site's data key: 32 bytes from which the keys of personal data at rest are
 * derived (privacy/personal-data-crypto.ts). Must return the same key on every start
 * with the same data folder, or what was stored cannot be read.
 */
export interface DataKeyStore {
  /**
   * `mayCreate: false` when the database already holds data written under a key: a
   * store that has none must then refuse (DataKeyError 'missing'), never make a new one.
   */
  dataKey(options: { mayCreate: boolean }): Buffer;
  /** Where the key is kept (a file of the data folder), named in DataKeyError messages. */
  readonly location?: string;
  /**
   * A key rotation cut short (docs/security.md, "Key rotation") leaves the new key beside
   * the current one until the database shows which of the two it is under: that key,
   * or null when there is none.
   */
  pendingKey?(): Buffer | null;
  /**
   * openDataKey decided, from the database's key check: `committed` — the database is
   * under the pending key, which becomes the key; `abandoned` — it is not, and the
   * pending key is destroyed.
   */
  settlePending?(outcome: 'committed' | 'abandoned'): void;
}

/**
 * One queue ticket for the ticket printer, everything in the visitor's language.
 * Never personal data (no name, ID or phone): a ticket is left lying around.
 */
export interface TicketPrintJob {
  language: Language;
  hallName: string;
  number: string;
  serviceName: string;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
  /** The windows that call this service (closed ones left out). */
  windows: Array<{ number: number; location: string }>;
  issuedAt: number;
  /** The hall's time zone, to print `issuedAt` as local time. */
  timeZone: string;
  /** What the QR code holds. */
  statusUrl: string;
}

/**
 * The ticket printer. `submit` hands the job over and returns at once (the host's
 * print queue prints it, or reports the printer's trouble): it must not throw.
 */
export interface TicketPrinter {
  submit(job: TicketPrintJob): void;
}

/**
 * The ID-card reader. Calls into the core are synchronous, so the adapter keeps the
 * card that is on the reader now (null when none).
 */
export interface IdCardReader {
  current(): IdCard | null;
}

/**
 * What a raw-byte (ESC/POS) printer reports: `online` (reachable; paper present or the
 * printer does not say), `offline` (cannot be reached), `paper_out` (it answered DLE
 * EOT 4 with the paper-end bits). `paperLow`: the paper near-end sensor is set.
 * `answered`: the printer answered the status request at all.
 */
export interface RawPrinterStatus {
  state: 'online' | 'offline' | 'paper_out';
  paperLow: boolean;
  answered: boolean;
  /** Why it is offline (`ECONNREFUSED`, `timeout` …): no personal data. */
  error?: string;
}

/**
 * Printers that take raw ESC/POS bytes (thermal receipt printers), addressed by a URL
 * (`tcp://10.0.0.21:9100`, `usb:/dev/usb/lp0`, `usb:\\localhost\POS80`). `send` resolves once the printer has taken
 * every byte and rejects (never hangs: it has timeouts) when it could not; the print
 * queue (printing/printing-service.ts) retries. `status` never rejects.
 * The real adapter is printing/raw-printers.ts (network-printer.ts for tcp://, device-printer.ts
 * for usb:); tests without a socket use
 * testing/fake-devices.ts.
 */
export interface RawPrinter {
  send(address: string, bytes: Uint8Array): Promise<void>;
  status(address: string): Promise<RawPrinterStatus>;
}

/** One page for the operating system's printer: self-contained HTML with its @page size. */
export interface SystemPrintRequest {
  /** The OS's printer name (what follows `system:` in the printer's address). */
  deviceName: string;
  html: string;
  /** `80mm`: the roll (80 × 297 mm form, no margins); `A4`: the page's own margins. */
  pageSize: '80mm' | 'A4';
}

/**
 * Printers of the operating system, printed to from HTML through their drivers: the
 * Electron host's (webContents.print, silent, to the named printer, with the page size
 * of the document; printToPDF of the same page for the archive). The Node host has none:
 * its clerks print from their browser. `print` resolves once the OS took the job with
 * the PDF kept for the archive (null when the host makes none) and rejects with a short
 * code (`printer_not_found`, `print_failed` …) when it could not; `status` never rejects.
 * The real adapter: electron/main/system-printing.ts (through core-process.ts).
 */
export interface SystemPrinter {
  print(request: SystemPrintRequest): Promise<{ pdf: Uint8Array | null }>;
  status(deviceName: string): Promise<RawPrinterStatus>;
  list(): Promise<Array<{ name: string; displayName: string; isDefault: boolean }>>;
}
