import type Database from 'better-sqlite3';
import type { RetentionCounts, RetentionRun, RetentionStatus } from '../../../shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { HallStore } from '../hall/hall-store';
import type { Clock, Logger } from '../ports';
import type { PersonalDataCrypto } from '../privacy/personal-data-crypto';
import { NO_COUNTS, RetentionStore, type StoredRun } from './retention-store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** docs/retention.md. */
export const RETENTION_POLICY = {
  /** Cases (or registrations, or print jobs) per transaction: a big first run never holds the write lock for long. */
  batchSize: 500,
  /** The reprint window: a printed receipt or letter keeps its bytes this long, then only its row stays. */
  printedContentDays: 30,
  /** A failed case-status look-up counts for 15 minutes (CASE_STATUS_POLICY): a day later it is of no use. */
  lookupFailureMs: DAY_MS,
  everyMs: DAY_MS,
  /** The start-up run waits this long, so that starting the hall is not slowed by it. */
  startDelayMs: 60_000,
  /** After a run that failed (the error is logged), the next try. */
  retryMs: 60 * 60_000,
} as const;

export interface RetentionOptions {
  /**
   * Run by itself (hosts): a minute after start-up when the last run is more than a day
   * old, then every 24 hours, on unref'd timers. Default true; the test helpers pass false
   * and call runNow() or runInBackground().
   */
  autoRun?: boolean;
  /** Default RETENTION_POLICY.batchSize (tests make it small). */
  batchSize?: number;
  /** Default RETENTION_POLICY.startDelayMs. */
  startDelayMs?: number;
}

/** The parts of a run, in order; each step is one transaction of one of them. */
type Phase = 'cases' | 'registrations' | 'printed' | 'lookups' | 'done';

interface ActiveRun {
  id: number;
  trigger: RetentionRun['trigger'];
  actorId: string | null;
  startedAt: number;
  retentionYears: number;
  casesBefore: number;
  printedBefore: number;
  phase: Phase;
  counts: RetentionCounts;
  /** Set once finished (by whichever caller finished it). */
  result: RetentionRun | null;
}

/**
 * The retention job (docs/retention.md): anonymises the cases past the hall's retention
 * period, deletes the kiosk registrations past it and the visitors no record needs any
 * more, empties printed receipts and letters after the reprint window, and forgets old
 * failed case-status look-ups. One transaction per batch; each run kept in
 * retention_runs and, when it did something or an admin ran it, in the audit log
 * (`retention.run`, counts only). Never logs an id or a name.
 */
export class RetentionService {
  private readonly store: RetentionStore;
  private readonly batchSize: number;
  private active: ActiveRun | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextRunAt: number | null = null;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly crypto: PersonalDataCrypto,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
    private readonly options: RetentionOptions = {},
  ) {
    this.store = new RetentionStore(db);
    this.batchSize = options.batchSize ?? RETENTION_POLICY.batchSize;
    this.closeInterrupted();
    if (options.autoRun ?? true) {
      const last = this.store.lastFinished()?.run.finishedAt ?? null;
      const due = last === null ? 0 : last + RETENTION_POLICY.everyMs - clock.now();
      this.schedule(Math.max(options.startDelayMs ?? RETENTION_POLICY.startDelayMs, due));
    }
  }

  status(): RetentionStatus {
    const last = this.store.lastFinished();
    return {
      retentionYears: this.hall.kioskSettings().retentionYears,
      printedContentDays: RETENTION_POLICY.printedContentDays,
      lastRun: last ? finished(last) : null,
      nextRunAt: this.nextRunAt,
    };
  }

  /**
   * Runs the job to its end, now (retention.runNow): all its batches, one transaction
   * each, without giving the event loop back in between. A run the schedule has under
   * way is finished instead of starting a second one.
   */
  runNow(actorId: string | null): RetentionRun {
    const run = this.active ?? this.begin('admin', actorId);
    let more = true;
    while (more) more = this.step(run);
    return run.result!;
  }

  /**
   * Runs the job giving the event loop back after each batch, so that requests are
   * answered between them (the schedule's way). Resolves with the run, also when
   * runNow() finished it meanwhile; null when the core was closed before its end.
   */
  async runInBackground(): Promise<RetentionRun | null> {
    const run = this.active ?? this.begin('schedule', null);
    for (;;) {
      if (this.closed) return null;
      if (!this.step(run)) return run.result;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  private begin(trigger: RetentionRun['trigger'], actorId: string | null): ActiveRun {
    const now = this.clock.now();
    const retentionYears = this.hall.kioskSettings().retentionYears;
    const casesBefore = yearsBefore(now, retentionYears);
    const printedBefore = now - RETENTION_POLICY.printedContentDays * DAY_MS;
    const id = this.db
      .transaction(() => this.store.insertRun({ trigger, actorId, at: now, years: retentionYears, casesBefore, printedBefore }))
      .immediate();
    this.active = { id, trigger, actorId, startedAt: now, retentionYears, casesBefore, printedBefore, phase: 'cases', counts: { ...NO_COUNTS }, result: null };
    return this.active;
  }

  /**
   * One transaction of the current phase; moves on once a batch comes back short, and
   * finishes the run after the last. Answers whether there is more to do. A failure ends
   * the run as interrupted, then is thrown.
   */
  private step(run: ActiveRun): boolean {
    if (run.phase === 'done') return false;
    try {
      const phase = run.phase;
      const { processed, counts } = this.write(() => {
        const done = this.batch(run);
        this.store.addCounts(run.id, done.counts);
        return done;
      });
      // Counted once committed, as retention_runs counts them.
      for (const [key, value] of Object.entries(counts) as [keyof RetentionCounts, number][]) run.counts[key] += value;
      if (processed < this.batchSize) run.phase = nextPhase(phase);
      if (run.phase !== 'done') return true;
      this.finish(run, false);
      return false;
    } catch (error) {
      if (this.active === run) this.finish(run, true);
      throw error;
    }
  }

  /** One batch of the run's phase: how many rows it took (a short batch ends the phase) and what it did. */
  private batch(run: ActiveRun): { processed: number; counts: RetentionCounts } {
    const now = this.clock.now();
    const counts = { ...NO_COUNTS };
    let processed = 0;
    switch (run.phase) {
      case 'cases': {
        const lastDay = new Date(run.casesBefore + 2 * DAY_MS).toISOString().slice(0, 10);
        const ids = this.store.dueCases(run.casesBefore, lastDay, this.batchSize);
        processed = ids.length;
        if (ids.length === 0) break;
        this.store.ensureAnonymisedVisitor(this.crypto.encrypt('idNumber', ''), now);
        const { attachments, listed } = this.store.anonymiseCases(ids, now);
        counts.casesAnonymised = ids.length;
        counts.attachmentsRemoved = attachments;
        counts.visitorsDeleted = this.store.deleteUnneededVisitors(listed);
        break;
      }
      case 'registrations': {
        const due = this.store.dueRegistrations(run.casesBefore, this.batchSize);
        processed = due.length;
        counts.registrationsDeleted = this.store.deleteRegistrations(due.map((row) => row.id));
        counts.visitorsDeleted = this.store.deleteUnneededVisitors([...new Set(due.flatMap((row) => (row.visitor_id ? [row.visitor_id] : [])))]);
        break;
      }
      case 'printed':
        processed = this.store.removePrintContents(run.printedBefore, now, this.batchSize);
        counts.printContentsRemoved = processed;
        break;
      case 'lookups':
        counts.lookupFailuresDeleted = this.store.deleteLookupFailures(now - RETENTION_POLICY.lookupFailureMs, now);
        break;
    }
    return { processed, counts };
  }

  private finish(run: ActiveRun, interrupted: boolean): void {
    run.phase = 'done';
    this.active = null;
    // The anonymised text out of the search indexes' segments, not only marked deleted.
    if (run.counts.casesAnonymised > 0) this.optimizeSearch();
    const stored = this.db.transaction(() => this.record(this.store.finishRun(run.id, this.clock.now(), interrupted))).immediate();
    run.result = finished(stored);
    this.logger.info('retention run', { trigger: run.trigger, interrupted, retentionYears: run.retentionYears, ...run.counts });
    // Old page images out of the WAL as well (the freed pages were zeroed: secure_delete).
    if (changedAnything(run.counts)) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** The audit row of a finished run: whenever it changed something, and whenever an admin ran it. Counts only. */
  private record(stored: StoredRun): StoredRun {
    const { run } = stored;
    if (changedAnything(run.counts) || run.trigger === 'admin') {
      this.audit.append({
        at: run.finishedAt!,
        actorId: stored.actorId,
        action: 'retention.run',
        subject: `retention:${stored.id}`,
        details: {
          trigger: run.trigger,
          interrupted: run.interrupted,
          retentionYears: run.retentionYears,
          casesBefore: run.casesBefore,
          printedBefore: run.printedBefore,
          ...run.counts,
        },
      });
    }
    return stored;
  }

  /** Runs a host stopped mid-way are closed at start-up as interrupted: what they did is audited all the same. */
  private closeInterrupted(): void {
    for (const stored of this.store.unfinished()) {
      this.db.transaction(() => this.record(this.store.finishRun(stored.id, this.clock.now(), true))).immediate();
      this.logger.warn('retention run interrupted by a restart', { ...stored.run.counts });
      // What it anonymised before the stop is purged from the search indexes' segments now.
      if (stored.run.counts.casesAnonymised > 0) this.optimizeSearch();
    }
  }

  /**
   * The anonymised text out of the search indexes' segments, not only marked deleted —
   * also after a run that stopped half-way. A failure here (a full disk) is logged: the
   * next run that anonymises anything merges again.
   */
  private optimizeSearch(): void {
    try {
      this.write(() => this.store.optimizeSearch());
    } catch (error) {
      this.logger.error('retention: search index merge failed', { error: error instanceof Error ? error.name : 'error' });
    }
  }

  /**
   * A write transaction with secure_delete on: what the job deletes or overwrites is
   * zeroed in the file, not left in free pages.
   */
  private write<T>(work: () => T): T {
    const previous = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      return this.db.transaction(work).immediate();
    } finally {
      this.db.pragma(`secure_delete = ${previous === 2 ? 'FAST' : previous}`);
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.nextRunAt = this.clock.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runInBackground().then(
        () => this.schedule(RETENTION_POLICY.everyMs),
        (error: unknown) => {
          // A code, never a message: a message may quote data.
          this.logger.error('retention run failed', { error: error instanceof Error ? error.name : typeof error, code: (error as { code?: unknown })?.code });
          this.schedule(RETENTION_POLICY.retryMs);
        },
      );
    }, delayMs);
    this.timer.unref();
  }
}

/** The same moment `years` calendar years earlier (29 February → 1 March). */
export function yearsBefore(epochMs: number, years: number): number {
  const date = new Date(epochMs);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.getTime();
}

function nextPhase(phase: Phase): Phase {
  const order: Phase[] = ['cases', 'registrations', 'printed', 'lookups', 'done'];
  return order[order.indexOf(phase) + 1] ?? 'done';
}

function changedAnything(counts: RetentionCounts): boolean {
  return Object.values(counts).some((count) => count > 0);
}

function finished(stored: StoredRun): RetentionRun {
  return { ...stored.run, finishedAt: stored.run.finishedAt! };
}
