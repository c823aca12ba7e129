import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import { HallError } from '../../../shared/contract';
import type { PrintJob, Printer } from '../../../shared/contract/printing-methods';
import type { Clock, Logger, RawPrinter, RawPrinterStatus, TicketPrinter, TicketPrintJob } from '../ports';
import { renderEscPos } from './escpos-render';
import type { TextRasterizer } from './raster';
import type { ReceiptDocument } from './receipt-model';
import { PrintStore, type JobFilter } from './print-store';
import { ticketDocument } from './ticket-document';

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

export interface EnqueueRequest {
  kind: PrintJob['document']['kind'];
  ref: string;
  label: string;
  printerId: string;
  /** The bytes (already rendered), or a receipt to render for that printer. */
  document: ReceiptDocument | Uint8Array;
  requestedBy: { staffId: string | null; role: PrintJob['requestedRole'] };
  reprintOf?: string | null;
}

export interface PrintingOptions {
  /**
   * Run the queue by itself with timers, and read the printers' states in the background
   * (hosts). Default true. With false nothing is sent and no printer is asked until the
   * caller calls runDue() or refreshStatus() (the test helpers' default).
   */
  autoRun?: boolean;
  rasterizer?: TextRasterizer | null;
}

/**
 * The print queue. `enqueue` only writes a row (synchronous, inside the caller's
 * request): the ticket or the case is recorded whatever the printer does. The worker
 * (`runDue`) sends due jobs through the RawPrinter port, one connection per job, one job
 * at a time per printer; a failure leaves the job queued with its next attempt
 * (2 s, 4 s … 1 min) until it is delivered or its give-up time passes. Printer states
 * are read in the background (`refreshStatus`) and kept here for `printing.status`.
 */
export class PrintingService {
  readonly store: PrintStore;
  private readonly ulid = monotonicFactory();
  private readonly states = new Map<string, RawPrinterStatus & { checkedAt: number }>();
  private readonly busyPrinters = new Set<string>();
  private running: Promise<void> | null = null;
  private rerun = false;
  private timer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly autoRun: boolean;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
    private readonly printer: RawPrinter,
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

  savePrinter(input: Omit<Printer, 'id'> & { id?: string }): Printer {
    const now = this.clock.now();
    if (input.id && !this.store.printer(input.id)) throw new HallError('NOT_FOUND', { context: 'printer' });
    const sameAddress = this.store.printerAt(input.address);
    if (sameAddress && sameAddress.id !== input.id) {
      throw new HallError('DUPLICATE', { context: 'printerAddress', address: input.address, name: sameAddress.name });
    }
    const printer: Printer = { ...input, id: input.id ?? this.ulid(now) };
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
      const asked = printers ?? this.store.printers().filter((p) => p.active);
      await Promise.all(
        // A printer taking a job is not asked meanwhile: many accept one connection at a time.
        asked.filter((printer) => !this.busyPrinters.has(printer.id)).map(async (printer) => {
          const status = await this.printer.status(printer.address).catch(() => ({ state: 'offline' as const, paperLow: false, answered: false, error: 'error' }));
          if (this.closed) return;
          this.states.set(printer.id, { ...status, checkedAt: this.clock.now() });
        }),
      );
    } catch (error) {
      if (!this.closed) this.logger.error('printer status check failed', { error: errorCode(error) });
    }
  }

  // ── jobs ──

  /** Records a job (queued) and wakes the worker. Synchronous; never sends anything itself. */
  enqueue(request: EnqueueRequest): PrintJob {
    const printer = this.store.printer(request.printerId);
    if (!printer) throw new HallError('NOT_FOUND', { context: 'printer' });
    if (!printer.active) throw new HallError('IN_USE', { context: 'printerInactive', name: printer.name });
    // The kiosk's printer is in the hall, in front of everyone: queue tickets only (a test page
    // carries nothing either); a receipt or a notice, reprinted there, would give a visitor's
    // data to whoever comes next.
    if (printer.role === 'kiosk' && !KIOSK_PRINTER_KINDS.has(request.kind)) {
      throw new HallError('CONFLICT', { context: 'kiosk_printer', name: printer.name });
    }
    const bytes =
      request.document instanceof Uint8Array
        ? request.document
        : renderEscPos(request.document, { paperWidthDots: printer.paperWidthDots, fontCoverage: printer.fontCoverage, rasterizer: this.options.rasterizer }).bytes;
    const now = this.clock.now();
    const id = this.ulid(now);
    this.store.insertJob({
      id,
      kind: request.kind,
      ref: request.ref,
      label: request.label,
      printerId: printer.id,
      requestedBy: request.requestedBy.staffId,
      requestedRole: request.requestedBy.role,
      requestedAt: now,
      bytes,
      giveUpAt: now + (request.kind === 'ticket' ? PRINT_POLICY.ticketGiveUpMs : PRINT_POLICY.documentGiveUpMs),
      reprintOf: request.reprintOf ?? null,
    });
    this.logger.info('print job queued', { job: id, kind: request.kind, printer: printer.id, bytes: bytes.length });
    this.schedule(0);
    return this.store.job(id)!;
  }

  /** The same bytes again, as a new job by the caller, to the same printer or another. */
  reprint(jobId: string, printerId: string | undefined, requestedBy: EnqueueRequest['requestedBy']): PrintJob {
    const original = this.store.job(jobId);
    const bytes = this.store.jobBytes(jobId);
    if (!original || !bytes) throw new HallError('NOT_FOUND', { context: 'printJob' });
    return this.enqueue({
      kind: original.document.kind,
      ref: original.document.ref,
      label: original.document.label,
      printerId: printerId ?? original.printer.id,
      document: bytes,
      requestedBy,
      reprintOf: original.id,
    });
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

  /** A TicketPrinter for the kiosk: each ticket becomes a job for the hall's kiosk printer. */
  ticketPrinter(): TicketPrinter {
    return {
      submit: (job: TicketPrintJob) => {
        const printer = this.store.printerFor('kiosk');
        if (!printer) throw new HallError('UNAVAILABLE', { context: 'noPrinter' });
        this.enqueue({
          kind: 'ticket',
          ref: ticketIdOf(job.statusUrl) ?? job.number,
          label: job.number,
          printerId: printer.id,
          document: ticketDocument(job),
          requestedBy: { staffId: null, role: 'kiosk' },
        });
      },
    };
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

  private async attempt(job: { id: string; printerId: string; address: string; attempts: number; giveUpAt: number }): Promise<boolean> {
    if (!this.store.claim(job.id)) return true;
    const bytes = this.store.jobBytes(job.id)!;
    const startedAt = this.clock.now();
    try {
      await this.printer.send(job.address, bytes);
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
    this.store.finishAttempt(job.id, { startedAt, endedAt }, { state: 'done' });
    const known = this.states.get(job.printerId);
    this.states.set(job.printerId, { state: 'online', paperLow: known?.paperLow ?? false, answered: known?.answered ?? false, checkedAt: endedAt });
    this.logger.info('print job delivered', { job: job.id, printer: job.printerId });
    return true;
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

/** The ticket's id from its status URL (`…/q/<ULID>`), the job's reference. */
function ticketIdOf(statusUrl: string): string | null {
  return /\/q\/([0-9A-HJKMNP-TV-Z]{26})(?:[?#].*)?$/.exec(statusUrl)?.[1] ?? null;
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
