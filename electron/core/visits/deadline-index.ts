import type Database from 'better-sqlite3';
import { computeCaseDeadlines, DEFAULT_DUE_SOON_DAYS, type DeadlineOptions } from '../../../shared/domain/case-deadlines';
import { caseEventSchema, type CaseEvent } from '../../../shared/domain/case-timeline';
import { addCalendarDays, type WorkingDayCalendar } from '../../../shared/domain/working-days';
import type { CurrentCalendar } from '../calendar/hall-calendar';

/** Where the index takes the calendar in force from (HallCalendar): the shipped years and the hall's own. */
export interface CalendarSource {
  current(): CurrentCalendar;
}

/** What a rebuild did: every case indexed anew, and how many of them had a due date move. */
export interface RebuildResult {
  cases: number;
  redated: number;
}

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
    /** The calendar every case is reckoned with; its checksum tells a rebuild is due (a different one may move every due date). */
    private readonly calendar: CalendarSource,
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

  /** What every case is reckoned with on `today`: the calendar in force. */
  optionsOn(today: string): DeadlineOptions {
    return { calendar: this.calendar.current().calendar, today };
  }

  /** Recomputes one case's rows from its stored timeline (call inside the write's transaction). */
  refresh(visitId: string): void {
    this.refreshWith(visitId, this.calendar.current().calendar);
  }

  private refreshWith(visitId: string, calendar: WorkingDayCalendar): void {
    const events = this.s.events.all(visitId).map(eventOf);
    this.s.remove.run(visitId);
    const computed = computeCaseDeadlines(events, { calendar, today: AFTER_EVERYTHING });
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
    if (this.s.state.get()?.calendar_checksum === this.calendar.current().checksum) return 0;
    return this.db
      .transaction(() => {
        const { calendar, checksum } = this.calendar.current();
        this.db.prepare('DELETE FROM visit_deadlines').run();
        const ids = this.db.prepare<[], { id: string }>('SELECT id FROM visits').pluck().all() as unknown as string[];
        for (const id of ids) this.refreshWith(id, calendar);
        this.s.saveState.run(checksum);
        return ids.length;
      })
      .immediate();
  }

  /**
   * Recomputes every case's deadlines with the calendar in force now (an admin saved the
   * working-day calendar), inside the caller's transaction: the calendar and every case's
   * dates change together or not at all. Answers how many cases were indexed and how many
   * of them had a last day move (the due dates compared before and after, in SQL).
   */
  rebuild(): RebuildResult {
    const { calendar, checksum } = this.calendar.current();
    this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS deadlines_before (visit_id TEXT, position INTEGER, kind TEXT, due_date TEXT);
      DELETE FROM temp.deadlines_before;
      INSERT INTO temp.deadlines_before SELECT visit_id, position, kind, due_date FROM main.visit_deadlines;
      DELETE FROM main.visit_deadlines;`);
    const ids = this.db.prepare<[], { id: string }>('SELECT id FROM visits').pluck().all() as unknown as string[];
    for (const id of ids) this.refreshWith(id, calendar);
    this.s.saveState.run(checksum);
    const redated = this.db
      .prepare(
        `SELECT COUNT(DISTINCT visit_id) FROM (
           SELECT visit_id FROM (SELECT visit_id, position, kind, due_date FROM temp.deadlines_before
                                 EXCEPT SELECT visit_id, position, kind, due_date FROM main.visit_deadlines)
           UNION ALL
           SELECT visit_id FROM (SELECT visit_id, position, kind, due_date FROM main.visit_deadlines
                                 EXCEPT SELECT visit_id, position, kind, due_date FROM temp.deadlines_before))`,
      )
      .pluck()
      .get() as number;
    this.db.exec('DELETE FROM temp.deadlines_before');
    return { cases: ids.length, redated };
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
