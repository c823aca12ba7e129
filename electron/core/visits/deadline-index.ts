import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { computeCaseDeadlines, DEFAULT_DUE_SOON_DAYS, type DeadlineOptions } from '../../../shared/domain/case-deadlines';
import { caseEventSchema, type CaseEvent } from '../../../shared/domain/case-timeline';
import { addCalendarDays } from '../../../shared/domain/working-days';

/**
 * The deadline index (migration 0011): each case's deadlines as its timeline and the
 * calendar give them, without "today". The due list and the KPIs ask it which cases can
 * matter on a day or in a period, then compute just those exactly (case-deadlines.ts,
 * case-kpis.ts): the index narrows, the domain code decides. Every timeline write calls
 * `refresh` in its own transaction, so the index is never behind what was acknowledged.
 */

/** Computing a case's dates without a "today": any day after every event will do. */
const AFTER_EVERYTHING = '9999-12-31';

export class DeadlineIndex {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    /** The options every case is reckoned with, minus today (the shipped calendar). */
    private readonly options: Omit<DeadlineOptions, 'today'>,
    /** Identifies the calendar: a different one means every due date may move. */
    private readonly calendarChecksum: string,
  ) {
    this.s = {
      remove: db.prepare<[string]>('DELETE FROM visit_deadlines WHERE visit_id = ?'),
      insert: db.prepare(`INSERT INTO visit_deadlines (visit_id, position, kind, nature, due_date, met_on, waived)
        VALUES (@visitId, @position, @kind, @nature, @dueDate, @metOn, @waived)`),
      events: db.prepare<[string], EventRow>('SELECT type, date, details FROM visit_events WHERE visit_id = ? ORDER BY id'),
      state: db.prepare<[], { calendar_checksum: string }>('SELECT calendar_checksum FROM deadline_index_state WHERE id = 1'),
      saveState: db.prepare<[string]>(
        'INSERT INTO deadline_index_state (id, calendar_checksum) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET calendar_checksum = excluded.calendar_checksum',
      ),
      // Running deadlines whose last day is on or before `soon`: duties however late, windows only until they
      // lapse. Two ranges of one index (visit_deadlines_open): lapsed windows pile up and are never read.
      due: db.prepare<{ soon: string; today: string }, { visit_id: string }>(
        `SELECT visit_id FROM visit_deadlines WHERE met_on IS NULL AND waived = 0 AND nature = 'duty' AND due_date <= @soon
         UNION
         SELECT visit_id FROM visit_deadlines WHERE met_on IS NULL AND waived = 0 AND nature = 'window' AND due_date BETWEEN @today AND @soon`,
      ),
      // 及时受理率 (case-kpis.ts timelyAcceptanceRate) over the cases received in the period. A case
      // with no rows has a timeline that gives no deadlines: invalid, counted nowhere.
      timely: db.prepare<Range, KpiRow>(
        `WITH verdicts AS (
           SELECT
             EXISTS (SELECT 1 FROM visit_deadlines d WHERE d.visit_id = v.id) AS indexed,
             EXISTS (SELECT 1 FROM visit_deadlines d WHERE d.visit_id = v.id AND d.kind IN ('referral', 'acceptance_notice')
                     AND (d.met_on > d.due_date OR (d.met_on IS NULL AND d.due_date < @today))) AS late,
             NOT EXISTS (SELECT 1 FROM visit_deadlines d WHERE d.visit_id = v.id AND d.kind IN ('referral', 'acceptance_notice')
                     AND (d.met_on IS NULL OR d.met_on > d.due_date)) AS all_met,
             EXISTS (SELECT 1 FROM visit_events e WHERE e.visit_id = v.id AND e.type IN ('accepted', 'not_accepted', 'closed')) AS decided
           FROM visits v WHERE v.received_on BETWEEN @from AND @to)
         SELECT COALESCE(SUM(indexed AND NOT late AND decided AND all_met), 0) AS on_time,
                COALESCE(SUM(indexed AND late), 0) AS late,
                COALESCE(SUM(indexed AND NOT late AND NOT (decided AND all_met)), 0) AS pending,
                COALESCE(SUM(NOT indexed), 0) AS invalid
         FROM verdicts`,
      ),
      // 按期办结率 (onTimeClosureRate) over the handling deadlines due, or met, in the period.
      onTime: db.prepare<Range, KpiRow>(
        `SELECT COALESCE(SUM(d.met_on <= d.due_date), 0) AS on_time,
                COALESCE(SUM(d.met_on > d.due_date OR (d.met_on IS NULL AND d.due_date < @today)), 0) AS late,
                COALESCE(SUM(d.met_on IS NULL AND d.due_date >= @today), 0) AS pending,
                0 AS invalid
         FROM visit_deadlines d
         WHERE d.kind = 'handling' AND d.visit_id IN (
           SELECT visit_id FROM visit_deadlines WHERE kind = 'handling' AND due_date BETWEEN @from AND @to
           UNION SELECT visit_id FROM visit_deadlines WHERE kind = 'handling' AND met_on BETWEEN @from AND @to)`,
      ),
    };
  }

  /** Recomputes one case's rows from its stored timeline (call inside the write's transaction). */
  refresh(visitId: string): void {
    const events = this.s.events.all(visitId).map(eventOf);
    this.s.remove.run(visitId);
    const computed = computeCaseDeadlines(events, { ...this.options, today: AFTER_EVERYTHING });
    // A stored timeline was valid when written; one that no longer is has no deadlines to index.
    if (!computed.ok) return;
    computed.deadlines.forEach((deadline, position) => {
      this.s.insert.run({
        visitId,
        position,
        kind: deadline.kind,
        nature: deadline.nature,
        dueDate: deadline.dueDate,
        metOn: deadline.metBy?.date ?? null,
        waived: deadline.status.state === 'waived' ? 1 : 0,
      });
    });
  }

  /**
   * Rebuilds the whole index when it was computed with another calendar, or never (a
   * database from before 0011). One transaction; returns the number of cases indexed
   * (0 when it was current).
   */
  rebuildIfStale(): number {
    if (this.s.state.get()?.calendar_checksum === this.calendarChecksum) return 0;
    return this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM visit_deadlines').run();
        const ids = this.db.prepare<[], { id: string }>('SELECT id FROM visits').pluck().all() as unknown as string[];
        for (const id of ids) this.refresh(id);
        this.s.saveState.run(this.calendarChecksum);
        return ids.length;
      })
      .immediate();
  }

  /** Cases with a deadline that may be due soon, due today or overdue on `today`. */
  casesDueBy(today: string, dueSoonDays = DEFAULT_DUE_SOON_DAYS): string[] {
    return this.s.due.all({ soon: addCalendarDays(today, dueSoonDays), today }).map((row) => row.visit_id);
  }

  /**
   * 及时受理率 and 按期办结率 for [from, to] reckoned on `today`, counted in SQL over the index
   * instead of computing every timeline of the period. The queries state case-kpis.ts's
   * definitions over the stored deadlines (docs/deadlines.md, "KPIs"); a test holds them
   * to the domain functions on the same cases. `invalid`: cases received in the period
   * whose timeline gives no deadlines.
   */
  kpis(from: string, to: string, today: string): { timelyAcceptance: KpiCounts; onTimeClosure: KpiCounts } {
    const range = { from, to, today };
    const timely = countsOf(this.s.timely.get(range));
    return { timelyAcceptance: timely, onTimeClosure: { ...countsOf(this.s.onTime.get(range)), invalid: timely.invalid } };
  }
}

interface Range {
  from: string;
  to: string;
  today: string;
}

interface KpiRow {
  on_time: number;
  late: number;
  pending: number;
  invalid: number;
}

export interface KpiCounts {
  numerator: number;
  denominator: number;
  rate: number | null;
  pending: number;
  invalid: number;
}

function countsOf(row: KpiRow | undefined): KpiCounts {
  const onTime = row?.on_time ?? 0;
  const denominator = onTime + (row?.late ?? 0);
  return { numerator: onTime, denominator, rate: denominator === 0 ? null : onTime / denominator, pending: row?.pending ?? 0, invalid: row?.invalid ?? 0 };
}

interface EventRow {
  type: string;
  date: string;
  details: string;
}

function eventOf(row: EventRow): CaseEvent {
  return caseEventSchema.parse({ type: row.type, date: row.date, ...(JSON.parse(row.details) as object) });
}

/** The checksum of a calendar's data, as the index records it. */
export function calendarChecksum(calendarData: unknown): string {
  return createHash('sha256').update(JSON.stringify(calendarData)).digest('hex');
}
