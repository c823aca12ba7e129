import type Database from 'better-sqlite3';
import { HallError, type MethodOutput } from '../../../shared/contract';
import { calendarProblems, type CalendarProblem } from '../../../shared/domain/calendar-problems';
import { holidayCalendarSchema, holidayYearSchema, type HolidayYear } from '../../../shared/domain/working-days';
import type { DeadlineIndex, RebuildResult } from '../visits/deadline-index';
import { merged, SHIPPED_CALENDAR, type HallCalendar } from './hall-calendar';

/**
 * The admin's working-day calendar (docs/deadlines.md, "The hall's own years"): the
 * years known and where each comes from, a year added or replaced by hand or from a file
 * shaped like the shipped one, a year given back to the shipped default. Every change is
 * checked whole — the year itself, then the calendar it makes with the other years (no
 * day set by two notices) — and written in one transaction with the deadline index
 * rebuilt: the calendar and every case's dates change together, or nothing does.
 */
export class CalendarService {
  constructor(
    private readonly db: Database.Database,
    private readonly calendar: HallCalendar,
    private readonly deadlineIndex: DeadlineIndex,
  ) {}

  list(): MethodOutput<'calendar.get'> {
    return { years: this.calendar.years(), coveredYears: [...this.calendar.current().calendar.coveredYears] };
  }

  /** Adds a year or replaces the one in force. VALIDATION_FAILED calendar with every problem (details.problems), nothing written. */
  saveYear(entry: HolidayYear): RebuildResult & { year: number } {
    const checked = holidayYearSchema.safeParse(entry);
    if (!checked.success) throw refused('year', calendarProblems(checked.error.issues, entry, 'year'));
    return { year: entry.year, ...this.write([checked.data], 'year') };
  }

  /**
   * A calendar file shaped like resources/calendar/cn-holidays.json: each year in it is
   * added or replaces the one in force; years it does not list stay as they are.
   * IMPORT_INVALID with every problem, nothing written.
   */
  importFile(content: string): RebuildResult & { years: number[] } {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      throw refused('file', [{ path: [], code: 'json_syntax', params: {} }]);
    }
    const checked = holidayCalendarSchema.safeParse(data);
    if (!checked.success) throw refused('file', calendarProblems(checked.error.issues, data, 'file'));
    if (checked.data.years.length === 0) throw refused('file', [{ path: [], code: 'not_a_calendar', params: { field: 'years' } }]);
    return { years: checked.data.years.map((entry) => entry.year).sort((a, b) => a - b), ...this.write(checked.data.years, 'file') };
  }

  /** The hall's own entry for a year removed: the shipped one is in force again, or none. NOT_FOUND calendarYear when the hall has none. */
  resetYear(year: number): RebuildResult & { year: number; restored: 'shipped' | 'none' } {
    return this.db
      .transaction(() => {
        const own = this.calendar.hallYears();
        if (!own.some((entry) => entry.year === year)) throw new HallError('NOT_FOUND', { context: 'calendarYear', year });
        const rest = own.filter((entry) => entry.year !== year);
        this.check(rest, 'year');
        this.calendar.putHallYears(rest);
        const restored = SHIPPED_CALENDAR.years.some((entry) => entry.year === year) ? 'shipped' : 'none';
        return { year, restored, ...this.deadlineIndex.rebuild() } as const;
      })
      .immediate();
  }

  /**
   * The hall's years with `entries` in place of the same years, checked as one calendar
   * with the shipped years, then stored and every case re-dated. An entry equal to the
   * shipped one is not kept as the hall's own: the shipped year stays in force, and a
   * correction in a later release reaches the hall.
   */
  private write(entries: readonly HolidayYear[], within: 'year' | 'file'): RebuildResult {
    return this.db
      .transaction(() => {
        const replaced = new Set(entries.map((entry) => entry.year));
        const years = [...this.calendar.hallYears().filter((entry) => !replaced.has(entry.year)), ...entries.filter((entry) => !isShipped(entry))];
        this.check(years, within);
        this.calendar.putHallYears(years);
        return this.deadlineIndex.rebuild();
      })
      .immediate();
  }

  /** The calendar the hall's years make with the shipped ones: no day set by two notices. */
  private check(hallYears: readonly HolidayYear[], within: 'year' | 'file'): void {
    const calendar = merged(hallYears);
    const checked = holidayCalendarSchema.safeParse(calendar);
    if (!checked.success) throw refused(within, calendarProblems(checked.error.issues, calendar, 'file'));
  }
}

function isShipped(entry: HolidayYear): boolean {
  const shipped = SHIPPED_CALENDAR.years.find((candidate) => candidate.year === entry.year);
  return shipped !== undefined && JSON.stringify(holidayYearSchema.parse(shipped)) === JSON.stringify(holidayYearSchema.parse(entry));
}

/** A year from the form: VALIDATION_FAILED calendar; a file: IMPORT_INVALID. Every problem in details.problems. */
function refused(within: 'year' | 'file', problems: CalendarProblem[]): HallError {
  return within === 'year'
    ? new HallError('VALIDATION_FAILED', { context: 'calendar', count: problems.length }, { problems })
    : new HallError('IMPORT_INVALID', { count: problems.length }, { problems });
}
