import type Database from 'better-sqlite3';
import { printerConnectionOf, type PrintJob, type Printer } from '../../../shared/contract/printing-methods';

interface PrinterRow {
  id: string;
  name: string;
  role: Printer['role'];
  window_id: string | null;
  address: string;
  paper: Printer['paper'];
  paper_width_dots: number;
  font_coverage: Printer['fontCoverage'];
  active: number;
}

interface JobRow {
  id: string;
  document_kind: PrintJob['document']['kind'];
  document_ref: string;
  document_label: string;
  printer_id: string | null;
  printer_name: string | null;
  content_type: PrintJob['contentType'];
  archived: number;
  requested_by: string | null;
  staff_no: string | null;
  staff_name: string | null;
  requested_role: PrintJob['requestedRole'];
  requested_at: number;
  state: PrintJob['state'];
  attempts: number;
  next_attempt_at: number | null;
  give_up_at: number;
  last_error: string | null;
  printed_at: number | null;
  reprint_of: string | null;
  size: number;
}

export interface NewPrintJob {
  id: string;
  kind: PrintJob['document']['kind'];
  ref: string;
  label: string;
  /** null: handed to the clerk's browser (recorded done at once). */
  printerId: string | null;
  requestedBy: string | null;
  requestedRole: PrintJob['requestedRole'];
  requestedAt: number;
  contentType: PrintJob['contentType'];
  bytes: Uint8Array;
  giveUpAt: number;
  reprintOf: string | null;
}

export interface DueJob {
  id: string;
  kind: PrintJob['document']['kind'];
  printerId: string;
  address: string;
  paper: Printer['paper'];
  attempts: number;
  giveUpAt: number;
}

export interface JobFilter {
  from?: number;
  to?: number;
  state?: PrintJob['state'];
  printerId?: string;
  documentKind?: PrintJob['document']['kind'];
  documentRef?: string;
  limit: number;
}

/** Exactly the WHERE of the partial index print_jobs_open (migration 0013): SQLite uses it only for this term. */
const OPEN_JOBS = "state IN ('queued', 'printing')";

const JOB_COLUMNS = `j.id, j.document_kind, j.document_ref, j.document_label, j.printer_id, p.name AS printer_name,
  j.content_type, j.pdf IS NOT NULL AS archived,
  j.requested_by, s.staff_no, s.name AS staff_name, j.requested_role, j.requested_at, j.state, j.attempts,
  j.next_attempt_at, j.give_up_at, j.last_error, j.printed_at, j.reprint_of, length(j.bytes) AS size
  FROM print_jobs j LEFT JOIN printers p ON p.id = j.printer_id LEFT JOIN staff s ON s.id = j.requested_by`;

function toPrinter(row: PrinterRow): Printer {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    windowId: row.window_id,
    address: row.address,
    connection: printerConnectionOf(row.address),
    paper: row.paper,
    paperWidthDots: row.paper_width_dots as Printer['paperWidthDots'],
    fontCoverage: row.font_coverage,
    active: row.active === 1,
  };
}

function toJob(row: JobRow): PrintJob {
  return {
    id: row.id,
    document: { kind: row.document_kind, ref: row.document_ref, label: row.document_label },
    printer: row.printer_id === null ? null : { id: row.printer_id, name: row.printer_name ?? '' },
    contentType: row.content_type,
    archived: row.archived === 1,
    requestedBy: row.requested_by ? { staffId: row.requested_by, staffNo: row.staff_no ?? '', name: row.staff_name ?? '' } : null,
    requestedRole: row.requested_role,
    requestedAt: row.requested_at,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    giveUpAt: row.give_up_at,
    lastError: row.last_error,
    printedAt: row.printed_at,
    reprintOf: row.reprint_of,
    size: row.size,
  };
}

/** The SQL of printers and print_jobs (migrations 0013, 0014). */
export class PrintStore {
  constructor(private readonly db: Database.Database) {}

  printers(): Printer[] {
    return (this.db.prepare('SELECT * FROM printers ORDER BY role, name, id').all() as PrinterRow[]).map(toPrinter);
  }

  printer(id: string): Printer | null {
    const row = this.db.prepare('SELECT * FROM printers WHERE id = ?').get(id) as PrinterRow | undefined;
    return row ? toPrinter(row) : null;
  }

  printerAt(address: string): Printer | null {
    const row = this.db.prepare('SELECT * FROM printers WHERE address = ?').get(address) as PrinterRow | undefined;
    return row ? toPrinter(row) : null;
  }

  /** The active printer of a role (and window) with that paper, the first by name when there are several. */
  printerFor(role: Printer['role'], windowId: string | null = null, paper: Printer['paper'] = 'roll'): Printer | null {
    const row = this.db
      .prepare('SELECT * FROM printers WHERE active = 1 AND role = ? AND window_id IS ? AND paper = ? ORDER BY name, id LIMIT 1')
      .get(role, windowId, paper) as PrinterRow | undefined;
    return row ? toPrinter(row) : null;
  }

  savePrinter(printer: Printer, now: number): void {
    this.db
      .prepare(
        `INSERT INTO printers (id, name, role, window_id, address, paper, paper_width_dots, font_coverage, active, created_at)
         VALUES (@id, @name, @role, @windowId, @address, @paper, @paperWidthDots, @fontCoverage, @active, @now)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, window_id = excluded.window_id,
           address = excluded.address, paper = excluded.paper, paper_width_dots = excluded.paper_width_dots,
           font_coverage = excluded.font_coverage, active = excluded.active`,
      )
      .run({ id: printer.id, name: printer.name, role: printer.role, windowId: printer.windowId, address: printer.address, paper: printer.paper,
        paperWidthDots: printer.paperWidthDots, fontCoverage: printer.fontCoverage, active: printer.active ? 1 : 0, now });
  }

  /** A printer's job is queued, due now; a job handed to the browser is done as it is written. */
  insertJob(job: NewPrintJob): void {
    const handedOver = job.printerId === null;
    this.db
      .prepare(
        `INSERT INTO print_jobs (id, document_kind, document_ref, document_label, printer_id, requested_by, requested_role,
           requested_at, content_type, bytes, state, attempts, next_attempt_at, give_up_at, printed_at, reprint_of)
         VALUES (@id, @kind, @ref, @label, @printerId, @requestedBy, @requestedRole, @requestedAt, @contentType, @bytes,
           @state, 0, @nextAttemptAt, @giveUpAt, @printedAt, @reprintOf)`,
      )
      .run({
        ...job,
        bytes: Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength),
        state: handedOver ? 'done' : 'queued',
        nextAttemptAt: handedOver ? null : job.requestedAt,
        printedAt: handedOver ? job.requestedAt : null,
      });
  }

  /** What a job is to print: its bytes and how to read them. */
  jobContent(id: string): { contentType: PrintJob['contentType']; bytes: Uint8Array } | null {
    const row = this.db.prepare('SELECT content_type, bytes FROM print_jobs WHERE id = ?').get(id) as
      | { content_type: PrintJob['contentType']; bytes: Buffer }
      | undefined;
    return row ? { contentType: row.content_type, bytes: new Uint8Array(row.bytes) } : null;
  }

  jobBytes(id: string): Uint8Array | null {
    return this.jobContent(id)?.bytes ?? null;
  }

  /** The PDF the host made of an HTML page it printed: the archive of what went out. */
  saveArchive(id: string, pdf: Uint8Array): void {
    this.db.prepare('UPDATE print_jobs SET pdf = ? WHERE id = ?').run(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), id);
  }

  archive(id: string): Uint8Array | null {
    const row = this.db.prepare('SELECT pdf FROM print_jobs WHERE id = ?').get(id) as { pdf: Buffer | null } | undefined;
    return row?.pdf ? new Uint8Array(row.pdf) : null;
  }

  job(id: string): PrintJob | null {
    const row = this.db.prepare(`SELECT ${JOB_COLUMNS} WHERE j.id = ?`).get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  jobs(filter: JobFilter): PrintJob[] {
    const conditions: Array<[keyof JobFilter, string]> = [
      ['from', 'j.requested_at >= @from'],
      ['to', 'j.requested_at <= @to'],
      ['state', 'j.state = @state'],
      ['printerId', 'j.printer_id = @printerId'],
      ['documentKind', 'j.document_kind = @documentKind'],
      ['documentRef', 'j.document_ref = @documentRef'],
    ];
    const params: Record<string, unknown> = { limit: filter.limit };
    const where: string[] = [];
    for (const [key, condition] of conditions) {
      if (filter[key] === undefined) continue;
      where.push(condition);
      params[key] = filter[key];
    }
    const sql = `SELECT ${JOB_COLUMNS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY j.requested_at DESC, j.id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as JobRow[]).map(toJob);
  }

  /** Queued jobs due now, oldest first, with their printer's address. */
  dueJobs(now: number, limit: number): DueJob[] {
    return this.db
      .prepare(
        `SELECT j.id, j.document_kind AS kind, j.printer_id AS printerId, p.address, p.paper, j.attempts, j.give_up_at AS giveUpAt
         FROM print_jobs j JOIN printers p ON p.id = j.printer_id
         WHERE j.state = 'queued' AND j.next_attempt_at <= ? ORDER BY j.next_attempt_at, j.id LIMIT ?`,
      )
      .all(now, limit) as DueJob[];
  }

  /** The earliest next attempt of any queued job, or null. */
  nextDue(): number | null {
    const row = this.db.prepare("SELECT min(next_attempt_at) AS due FROM print_jobs WHERE state = 'queued'").get() as { due: number | null };
    return row.due;
  }

  /** queued → printing; false when someone else took it first. */
  claim(id: string): boolean {
    return this.db.prepare("UPDATE print_jobs SET state = 'printing', next_attempt_at = NULL WHERE id = ? AND state = 'queued'").run(id).changes === 1;
  }

  finishAttempt(
    id: string,
    attempt: { startedAt: number; endedAt: number },
    result: { state: 'done'; archive?: Uint8Array | null } | { state: 'queued'; nextAttemptAt: number; error: string } | { state: 'failed'; error: string },
  ): void {
    this.db.transaction(() => {
      const { attempts } = this.db.prepare('SELECT attempts FROM print_jobs WHERE id = ?').get(id) as { attempts: number };
      const number = attempts + 1;
      const error = result.state === 'done' ? null : result.error;
      this.db
        .prepare('INSERT INTO print_attempts (job_id, attempt, started_at, ended_at, outcome, error) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, number, attempt.startedAt, attempt.endedAt, result.state === 'done' ? 'done' : 'error', error);
      this.db
        .prepare(
          `UPDATE print_jobs SET state = @state, attempts = @number, next_attempt_at = @next,
             last_error = coalesce(@error, last_error), printed_at = @printedAt WHERE id = @id`,
        )
        .run({
          id,
          state: result.state,
          number,
          next: result.state === 'queued' ? result.nextAttemptAt : null,
          error,
          printedAt: result.state === 'done' ? attempt.endedAt : null,
        });
      // The PDF of what went out, in the same transaction as its being done.
      if (result.state === 'done' && result.archive) this.saveArchive(id, result.archive);
    })();
  }

  /** Queued jobs past their give-up time: failed. */
  giveUp(now: number): number {
    return this.db
      .prepare("UPDATE print_jobs SET state = 'failed', next_attempt_at = NULL, last_error = coalesce(last_error, 'expired') WHERE state = 'queued' AND give_up_at <= ?")
      .run(now).changes;
  }

  /** After a crash: a job left `printing` is queued again (printed twice rather than lost). */
  requeueInterrupted(now: number): number {
    // Written with the open jobs' term so that SQLite takes their index (print_jobs_open), not the whole history.
    return this.db
      .prepare(`UPDATE print_jobs SET state = 'queued', next_attempt_at = ? WHERE ${OPEN_JOBS} AND state = 'printing'`)
      .run(now).changes;
  }

  /** Jobs not finished per printer, from the open jobs' index (not the whole history). */
  queuedCounts(): Map<string, number> {
    const rows = this.db.prepare(`SELECT printer_id, count(*) AS n FROM print_jobs WHERE ${OPEN_JOBS} GROUP BY printer_id`).all() as Array<{
      printer_id: string;
      n: number;
    }>;
    return new Map(rows.map((row) => [row.printer_id, row.n]));
  }

  attempts(jobId: string): Array<{ attempt: number; outcome: string; error: string | null; startedAt: number }> {
    return this.db
      .prepare('SELECT attempt, outcome, error, started_at AS startedAt FROM print_attempts WHERE job_id = ? ORDER BY attempt')
      .all(jobId) as Array<{ attempt: number; outcome: string; error: string | null; startedAt: number }>;
  }
}
