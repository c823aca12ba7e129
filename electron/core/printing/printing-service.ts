import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import { HallError } from '../../../shared/contract';
import { printerConnectionOf, type SavePrinterInput } from '../../../shared/contract/printing-methods';
import type { PrintJob, Printer } from '../../../shared/contract/printing-methods';
import type { Clock, Logger, RawPrinter, RawPrinterStatus, SystemPrinter } from '../ports';
import { renderEscPos } from './escpos-render';
import type { TextRasterizer } from './raster';
import type { ReceiptDocument } from './receipt-model';
import { PrintStore, type DueJob, type JobFilter } from './print-store';

/** Retry and give-up times of the queue (docs/receipts.md). */
export const PRINT_POLICY = {
  /** The first retry after 2 s, then doubling, at most every minute. */
  firstRetryMs: 2_000,
  maxRetryMs: 60_000,
  /** A queue ticket not printed within 15 minutes is given up (the visitor has left the kiosk); reprint if asked. */
  ticketGiveUpMs: 15 * 60_000,
  /** Any other document: within the working day (10 hours). */
  documentGiveUpMs: 10 * 3_600_000,
  /** How often the printers' state is read while the core runs. */
  statusEveryMs: 30_000,
  /** Jobs sent at once per round (one at a time per printer). */
  batch: 20,
};

export function retryDelayMs(attempts: number): number {
  return Math.min(PRINT_POLICY.maxRetryMs, PRINT_POLICY.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

/** What a job prints: ESC/POS bytes, an HTML page, or a receipt model to render for the raw printer it goes to. */
export type PrintContent = { contentType: 'escpos'; bytes: Uint8Array } | { contentType: 'html'; html: string } | { contentType: 'receipt'; document: ReceiptDocument };

export interface EnqueueRequest {
  kind: PrintJob['document']['kind'];
  ref: string;
  label: string;
  /** null: the clerk's browser prints it (an HTML page, recorded done as it is handed over). */
  printerId: string | null;
  content: PrintContent;
  requestedBy: { staffId: string | null; role: PrintJob['requestedRole'] };
  reprintOf?: string | null;
}

/** The paper a document needs: the letters are A4, the rest is made for the roll; a test page fits either. */
export function paperFor(kind: PrintJob['document']['kind']): Printer['paper'] | null {
  if (kind === 'notice') return 'A4';
  return kind === 'test_page' ? null : 'roll';
}

export type SystemPrinterInfo = Awaited<ReturnType<SystemPrinter['list']>>[number];

export interface PrintingOptions {
  /**
   * Run the queue by itself with timers, and read the printers' states in the background
   * (hosts). Default true. With false nothing is sent and no printer is asked until the
   * caller calls runDue() or refreshStatus() (the test helpers' default).
   */
  autoRun?: boolean;
  rasterizer?: TextRasterizer | null;
  /** The operating system's printers (the Electron host); none: `system:` printers cannot be used. */
  systemPrinter?: SystemPrinter | null;
}

/**
 * The print queue. `enqueue` only writes a row (synchronous, inside the caller's
 * request): the ticket or the case is recorded whatever the printer does. The worker
 * (`runDue`) sends due jobs — ESC/POS bytes through the RawPrinter port (network, USB),
 * HTML pages through the SystemPrinter port (the OS's printers, keeping the PDF it
 * returns as the archive) — one job at a time per printer; a failure leaves the job queued with its next attempt
 * (2 s, 4 s … 1 min) until it is delivered or its give-up time passes. Printer states
 * are read in the background (`refreshStatus`) and kept here for `printing.status`.
 */
export class PrintingService {
  readonly store: PrintStore;
  private readonly ulid = monotonicFactory();
  private readonly states = new Map<string, RawPrinterStatus & { checkedAt: number }>();
  private readonly busyPrinters = new Set<string>();
  private systemList: SystemPrinterInfo[] = [];
  private running: Promise<void> | null = null;
  private rerun = false;
  private timer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly autoRun: boolean;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
    private readonly rawPrinter: RawPrinter,
    private readonly logger: Logger,
    private readonly options: PrintingOptions = {},
  ) {
    this.store = new PrintStore(db);
    this.autoRun = options.autoRun ?? true;
    const requeued = this.store.requeueInterrupted(clock.now());
    if (requeued > 0) logger.warn('print jobs interrupted by a restart were queued again', { jobs: requeued });
    if (this.autoRun) {
      this.schedule(0);
      this.statusTimer = setInterval(() => void this.refreshStatus(), PRINT_POLICY.statusEveryMs);
      this.statusTimer.unref();
      void this.refreshStatus();
    }
  }

  // ── printers ──

  printers(): Printer[] {
    return this.store.printers();
  }

  /** Whether the hall has an active printer of this role (the kiosk's: hall.info's `devices.ticketPrinter`). */
  hasPrinterFor(role: Printer['role'], windowId: string | null = null): boolean {
    return this.store.printerFor(role, windowId) !== null;
  }

  /** Whether this host prints to the OS's printers (system: addresses). */
  get printsToSystemPrinters(): boolean {
    return !!this.options.systemPrinter;
  }

  /**
   * The OS's printers this host can print to, as last listed (calls into the core are
   * synchronous: the list is read with the printers' states, at start and every 30 s);
   * none on a host without the port.
   */
  systemPrinters(): { available: boolean; printers: SystemPrinterInfo[] } {
    return { available: !!this.options.systemPrinter, printers: this.systemList };
  }

  /**
   * Adds a printer or changes one; what a change leaves out keeps its stored value, a new
   * printer gets the defaults. A raw printer is a roll printer whatever was stored. A
   * printer with jobs waiting keeps what it takes — raw or the OS's, the roll's width, its
   * font — since the waiting jobs were made for it (CONFLICT printer_busy).
   */
  savePrinter(input: SavePrinterInput): Printer {
    const now = this.clock.now();
    const stored = input.id ? this.store.printer(input.id) : null;
    if (input.id && !stored) throw new HallError('NOT_FOUND', { context: 'printer' });
    const connection = printerConnectionOf(input.address);
    // The Node host has no OS printing (its clerks print from their browser): a system printer there would never print.
    if (connection === 'system' && !this.options.systemPrinter) throw new HallError('UNAVAILABLE', { context: 'systemPrinters' });
    const sameAddress = this.store.printerAt(input.address);
    if (sameAddress && sameAddress.id !== input.id) {
      throw new HallError('DUPLICATE', { context: 'printerAddress', address: input.address, name: sameAddress.name });
    }
    const printer: Printer = {
      id: stored?.id ?? this.ulid(now),
      name: input.name,
      role: input.role,
      windowId: input.windowId,
      address: input.address,
      connection,
      paper: connection === 'system' ? (input.paper ?? stored?.paper ?? 'roll') : 'roll',
      paperWidthDots: input.paperWidthDots ?? stored?.paperWidthDots ?? 576,
      fontCoverage: input.fontCoverage ?? stored?.fontCoverage ?? 'gb2312',
      active: input.active ?? stored?.active ?? true,
    };
    const waiting = stored ? (this.store.queuedCounts().get(stored.id) ?? 0) : 0;
    if (stored && waiting > 0 && takesOtherJobs(stored, printer)) throw new HallError('CONFLICT', { context: 'printer_busy', name: stored.name, queued: waiting });
    try {
      this.store.savePrinter(printer, now);
    } catch (error) {
      // The window does not exist (foreign key).
      if (error instanceof Error && /FOREIGN KEY/.test(error.message)) throw new HallError('NOT_FOUND', { context: 'window' });
      throw error;
    }
    this.states.delete(printer.id);
    if (this.autoRun) void this.refreshStatus([printer]);
    return printer;
  }

  status() {
    const counts = this.store.queuedCounts();
    return this.store.printers().map((printer) => {
      const state = this.states.get(printer.id);
      return {
        ...printer,
        state: state?.state ?? ('unknown' as const),
        paperLow: state?.paperLow ?? false,
        checkedAt: state?.checkedAt ?? null,
        error: state?.error ?? null,
        queued: counts.get(printer.id) ?? 0,
      };
    });
  }

  /** Reads the state of every active printer (or those given); never rejects. */
  async refreshStatus(printers?: Printer[]): Promise<void> {
    if (this.closed) return;
    try {
      const port = this.options.systemPrinter;
      if (port && !printers) {
        const listed = await port.list().catch((error: unknown) => {
          this.logger.warn('system printers could not be listed', { error: errorCode(error) });
          return null;
        });
        if (listed && !this.closed) this.systemList = listed;
      }
      const asked = printers ?? this.store.printers().filter((p) => p.active);
      await Promise.all(
        // A printer taking a job is not asked meanwhile: many accept one connection at a time.
        asked.filter((printer) => !this.busyPrinters.has(printer.id)).map(async (printer) => {
          const status = await this.readStatus(printer).catch(() => ({ state: 'offline' as const, paperLow: false, answered: false, error: 'error' }));
          if (this.closed) return;
          this.states.set(printer.id, { ...status, checkedAt: this.clock.now() });
        }),
      );
    } catch (error) {
      if (!this.closed) this.logger.error('printer status check failed', { error: errorCode(error) });
    }
  }

  // ── jobs ──

  /**
   * Records a job (queued) and wakes the worker; a job for the browser (no printer) is
   * recorded done. Synchronous; never sends anything itself. Refuses, with nothing
   * written, a printer that is switched off, a kiosk printer for anything but tickets and
   * test pages, paper that does not fit the document (an A4 letter on the roll), and
   * content the printer cannot take (HTML on a raw printer, ESC/POS on the OS's or in a browser).
   */
  enqueue(request: EnqueueRequest): PrintJob {
    const printer = request.printerId === null ? null : this.store.printer(request.printerId);
    if (request.printerId !== null && !printer) throw new HallError('NOT_FOUND', { context: 'printer' });
    if (printer) this.checkPrinterTakes(printer, request.kind);
    const { contentType, bytes } = this.contentFor(printer, request.content);
    const now = this.clock.now();
    const id = this.ulid(now);
    this.store.insertJob({
      id,
      kind: request.kind,
      ref: request.ref,
      label: request.label,
      printerId: printer?.id ?? null,
      requestedBy: request.requestedBy.staffId,
      requestedRole: request.requestedBy.role,
      requestedAt: now,
      contentType,
      bytes,
      giveUpAt: now + (request.kind === 'ticket' ? PRINT_POLICY.ticketGiveUpMs : PRINT_POLICY.documentGiveUpMs),
      reprintOf: request.reprintOf ?? null,
    });
    this.logger.info(printer ? 'print job queued' : 'print job handed to the browser', {
      job: id,
      kind: request.kind,
      printer: printer?.id ?? null,
      bytes: bytes.length,
    });
    if (printer) this.schedule(0);
    return this.store.job(id)!;
  }

  /** The same content again, as a new job by the caller, to the same printer or another that takes it. */
  reprint(jobId: string, printerId: string | undefined, requestedBy: EnqueueRequest['requestedBy']): PrintJob {
    const original = this.store.job(jobId);
    const content = this.store.jobContent(jobId);
    if (!original || !content) throw new HallError('NOT_FOUND', { context: 'printJob' });
    // A receipt's or letter's bytes are emptied after the reprint window (docs/retention.md; no job is ever made empty): print it anew from the case.
    if (content.bytes.length === 0) throw new HallError('NOT_FOUND', { context: 'print_content_removed', label: original.document.label });
    const target = printerId ?? original.printer?.id;
    // A page the browser printed has no printer of the hall to go back to: the caller names one (or prints it in the browser again).
    if (!target) throw new HallError('CONFLICT', { context: 'reprint_browser', label: original.document.label });
    // ESC/POS bytes are made for one roll width and one font: another printer must print them alike.
    const from = original.printer ? this.store.printer(original.printer.id) : null;
    const to = this.store.printer(target);
    if (content.contentType === 'escpos' && from && to && from.id !== to.id && to.connection !== 'system' && !printsBytesOf(to, from)) {
      throw new HallError('CONFLICT', { context: 'reprint_format', name: to.name, label: original.document.label });
    }
    return this.enqueue({
      kind: original.document.kind,
      ref: original.document.ref,
      label: original.document.label,
      printerId: target,
      content: content.contentType === 'html' ? { contentType: 'html', html: new TextDecoder().decode(content.bytes) } : { contentType: 'escpos', bytes: content.bytes },
      requestedBy,
      reprintOf: original.id,
    });
  }

  /** The printer of a role (and window) for a document of this kind, or null (the browser then). */
  printerFor(role: Printer['role'], windowId: string | null, kind: PrintJob['document']['kind']): Printer | null {
    return this.store.printerFor(role, windowId, paperFor(kind) ?? 'roll');
  }

  printer(id: string): Printer | null {
    return this.store.printer(id);
  }

  private checkPrinterTakes(printer: Printer, kind: PrintJob['document']['kind']): void {
    if (!printer.active) throw new HallError('IN_USE', { context: 'printerInactive', name: printer.name });
    // The kiosk's printer is in the hall, in front of everyone: queue tickets only (a test page
    // carries nothing either); a receipt or a notice, reprinted there, would give a visitor's
    // data to whoever comes next.
    if (printer.role === 'kiosk' && !KIOSK_PRINTER_KINDS.has(kind)) {
      throw new HallError('CONFLICT', { context: 'kiosk_printer', name: printer.name });
    }
    const paper = paperFor(kind);
    if (paper !== null && paper !== printer.paper) throw new HallError('CONFLICT', { context: 'printer_paper', name: printer.name, paper: printer.paper });
  }

  /** The job's bytes for that printer (or the browser): HTML for the OS's printers and the browser, ESC/POS for raw ones. */
  private contentFor(printer: Printer | null, content: PrintContent): { contentType: PrintJob['contentType']; bytes: Uint8Array } {
    const takesHtml = printer === null || printer.connection === 'system';
    if (content.contentType === 'html') {
      if (!takesHtml) throw new HallError('CONFLICT', { context: 'printer_content', name: printer.name });
      return { contentType: 'html', bytes: new TextEncoder().encode(content.html) };
    }
    if (takesHtml) throw new HallError('CONFLICT', { context: 'printer_content', name: printer?.name ?? '' });
    if (content.contentType === 'escpos') return { contentType: 'escpos', bytes: content.bytes };
    const rendered = renderEscPos(content.document, { paperWidthDots: printer.paperWidthDots, fontCoverage: printer.fontCoverage, rasterizer: this.options.rasterizer });
    return { contentType: 'escpos', bytes: rendered.bytes };
  }

  jobs(filter: JobFilter): PrintJob[] {
    return this.store.jobs(filter);
  }

  /**
   * One round of the worker: gives up expired jobs, then sends every due job (one at a
   * time per printer) and records each attempt. Resolves when the round is over. A call
   * during a round runs another one after it. Never rejects: a failure of the round
   * (SQLite's: a full disk, a locked or closed database) is logged with its code and the
   * round is tried again later; what it had not recorded is sent again then.
   */
  runDue(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      let failed = false;
      try {
        do {
          this.rerun = false;
          try {
            await this.round();
          } catch (error) {
            failed = true;
            this.roundFailed(error);
          }
        } while (this.rerun && !failed && !this.closed);
      } finally {
        this.running = null;
        this.scheduleNext(failed);
      }
    })();
    return this.running;
  }

  /** Resolves when no round is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.timer = null;
    this.statusTimer = null;
  }

  private async round(): Promise<void> {
    if (this.closed) return;
    const now = this.clock.now();
    const expired = this.store.giveUp(now);
    if (expired > 0) this.logger.warn('print jobs given up', { jobs: expired });
    const due = this.store.dueJobs(now, PRINT_POLICY.batch);
    // One job at a time per printer, in order; printers in parallel.
    const byPrinter = new Map<string, typeof due>();
    for (const job of due) {
      if (this.busyPrinters.has(job.printerId)) continue;
      byPrinter.set(job.printerId, [...(byPrinter.get(job.printerId) ?? []), job]);
    }
    // Every printer's jobs run to their end before the round does, whatever another's do.
    const outcomes = await Promise.allSettled(
      [...byPrinter].map(async ([printerId, jobs]) => {
        this.busyPrinters.add(printerId);
        try {
          for (const job of jobs) {
            if (this.closed) return;
            const delivered = await this.attempt(job);
            if (!delivered) break; // the printer is down: its later jobs wait for their own next attempt
          }
        } finally {
          this.busyPrinters.delete(printerId);
        }
      }),
    );
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private roundFailed(error: unknown): void {
    // After close() the database is gone on purpose: nothing to report.
    if (this.closed) return;
    this.logger.error('print queue round failed', { error: errorCode(error), kind: errorKind(error) });
  }

  private async attempt(job: DueJob): Promise<boolean> {
    if (!this.store.claim(job.id)) return true;
    const content = this.store.jobContent(job.id)!;
    const startedAt = this.clock.now();
    // The printer was changed to the other kind since (only possible with no job waiting; a
    // crash's requeue could still meet it): these bytes can never print there.
    if ((content.contentType === 'html') !== (printerConnectionOf(job.address) === 'system')) {
      this.store.finishAttempt(job.id, { startedAt, endedAt: startedAt }, { state: 'failed', error: 'printer_changed' });
      this.logger.warn('print job does not fit its printer any more', { job: job.id, printer: job.printerId });
      return true;
    }
    let archive: Uint8Array | null = null;
    try {
      if (content.contentType === 'escpos') await this.rawPrinter.send(job.address, content.bytes);
      else archive = await this.printPage(job, new TextDecoder().decode(content.bytes));
    } catch (error) {
      const code = errorCode(error);
      const endedAt = this.clock.now();
      if (this.closed) return false;
      const attempts = job.attempts + 1;
      const nextAttemptAt = endedAt + retryDelayMs(attempts);
      this.store.finishAttempt(
        job.id,
        { startedAt, endedAt },
        endedAt >= job.giveUpAt ? { state: 'failed', error: code } : { state: 'queued', nextAttemptAt, error: code },
      );
      this.states.set(job.printerId, {
        state: code === 'paper_out' ? 'paper_out' : 'offline',
        paperLow: false,
        answered: code === 'paper_out',
        error: code,
        checkedAt: endedAt,
      });
      this.logger.warn('print job not delivered', { job: job.id, printer: job.printerId, attempt: attempts, error: code });
      return false;
    }
    const endedAt = this.clock.now();
    if (this.closed) return true;
    this.store.finishAttempt(job.id, { startedAt, endedAt }, { state: 'done', archive });
    const known = this.states.get(job.printerId);
    this.states.set(job.printerId, { state: 'online', paperLow: known?.paperLow ?? false, answered: known?.answered ?? false, checkedAt: endedAt });
    this.logger.info('print job delivered', { job: job.id, printer: job.printerId });
    return true;
  }

  /** An HTML page to the OS's printer, at the document's page size; the PDF it returns is the archive. */
  private async printPage(job: DueJob, html: string): Promise<Uint8Array | null> {
    const port = this.options.systemPrinter;
    // A job queued where the OS's printers were reachable, on a host that has none now: it waits (and gives up in time).
    if (!port) throw Object.assign(new Error('no_system_printing'), { code: 'no_system_printing' });
    const paper = paperFor(job.kind) ?? job.paper;
    const { pdf } = await port.print({ deviceName: systemPrinterName(job.address), html, pageSize: paper === 'A4' ? 'A4' : '80mm' });
    return pdf;
  }

  private async readStatus(printer: Printer): Promise<RawPrinterStatus> {
    if (printer.connection !== 'system') return this.rawPrinter.status(printer.address);
    const port = this.options.systemPrinter;
    if (!port) return { state: 'offline', paperLow: false, answered: false, error: 'no_system_printing' };
    return port.status(systemPrinterName(printer.address));
  }

  private schedule(delayMs: number): void {
    if (!this.autoRun || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // runDue never rejects; should it ever, the error is logged, never left unhandled.
      this.runDue().catch((error: unknown) => this.roundFailed(error));
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  /** The timer of the next round: at the earliest due job; not before a retry's wait after a failed round. */
  private scheduleNext(afterFailure = false): void {
    if (!this.autoRun || this.closed) return;
    let due: number | null;
    try {
      due = this.store.nextDue();
    } catch (error) {
      this.roundFailed(error);
      this.schedule(PRINT_POLICY.firstRetryMs);
      return;
    }
    if (due === null) return;
    const wait = due - this.clock.now();
    this.schedule(afterFailure ? Math.max(PRINT_POLICY.firstRetryMs, wait) : wait);
  }
}

/** What a kiosk printer takes: queue tickets, and the admin's test page. */
const KIOSK_PRINTER_KINDS: ReadonlySet<PrintJob['document']['kind']> = new Set(['ticket', 'test_page']);

/** Whether a change would make a printer take other jobs than those made for it: raw / the OS's, the roll's width, the font. */
function takesOtherJobs(before: Printer, after: Printer): boolean {
  return (
    (before.connection === 'system') !== (after.connection === 'system') ||
    before.paperWidthDots !== after.paperWidthDots ||
    before.fontCoverage !== after.fontCoverage ||
    before.paper !== after.paper
  );
}

const FONT_BREADTH: Record<Printer['fontCoverage'], number> = { gb2312: 1, gbk: 2, gb18030: 3 };

/** Whether raw printer `to` prints ESC/POS made for `from` alike: the same width, a font with at least the same characters. */
function printsBytesOf(to: Printer, from: Printer): boolean {
  return to.paperWidthDots === from.paperWidthDots && FONT_BREADTH[to.fontCoverage] >= FONT_BREADTH[from.fontCoverage];
}

/** The OS's name of a `system:` printer. */
function systemPrinterName(address: string): string {
  return address.slice('system:'.length);
}

/** A short code of an error (`ECONNREFUSED`, `paper_out`, `SQLITE_FULL` …): never a message, which may quote data. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code)) return code;
  return error instanceof Error && /^[A-Za-z_]{1,40}$/.test(error.message) ? error.message : 'error';
}

/** The error's class (`SqliteError`, `TypeError` …), for a log line where the code says little. */
function errorKind(error: unknown): string {
  return error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : typeof error;
}
