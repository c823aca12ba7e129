import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
// The attribute lets Node's own ESM loader (Playwright's test runner) read the JSON as well as the bundlers do.
import shippedData from '../../../resources/calendar/cn-holidays.json' with { type: 'json' };
import type { DeadlineOptions } from '../../../shared/domain/case-deadlines';
import {
  createWorkingDayCalendar,
  holidayCalendarSchema,
  holidayYearShape,
  type HolidayCalendar,
  type HolidayYear,
  type WorkingDayCalendar,
} from '../../../shared/domain/working-days';
import { z } from 'zod';

/** The shipped calendar (resources/calendar/cn-holidays.json), validated once: the default for every year the hall has not set. */
export const SHIPPED_CALENDAR: HolidayCalendar = holidayCalendarSchema.parse(shippedData);

/** Where the hall's own years are kept (hall_settings, JSON: an array of year entries). */
export const HALL_CALENDAR_SETTING = 'workingDayCalendar';

const hallYearsSchema = z.array(holidayYearShape);

/** The checksum of a calendar's data, as the deadline index records it (deadline_index_state). */
export function calendarChecksum(calendarData: unknown): string {
  return createHash('sha256').update(JSON.stringify(calendarData)).digest('hex');
}

/** The calendar in force, built once per change of the hall's years. */
export interface CurrentCalendar {
  data: HolidayCalendar;
  calendar: WorkingDayCalendar;
  /** Identifies the data: the deadline index is rebuilt when it changes. */
  checksum: string;
}

/** Where each year of the calendar in force comes from. */
export type CalendarYearOrigin = 'shipped' | 'hall';

/**
 * The working-day calendar deadlines are reckoned with (docs/deadlines.md, "The hall's
 * own years"): the shipped years, each replaced by the hall's own entry for that year,
 * plus the years only the hall has set. Read from the database on every use (one small
 * row), rebuilt only when the stored text changed: a save that is rolled back leaves
 * nothing stale behind.
 */
export class HallCalendar {
  private readonly s;
  private cached: { text: string | null; current: CurrentCalendar } | null = null;

  constructor(db: Database.Database) {
    this.s = {
      read: db.prepare<[string], { value: string }>('SELECT value FROM hall_settings WHERE key = ?'),
      write: db.prepare('INSERT INTO hall_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      remove: db.prepare('DELETE FROM hall_settings WHERE key = ?'),
    };
  }

  current(): CurrentCalendar {
    const text = this.s.read.get(HALL_CALENDAR_SETTING)?.value ?? null;
    if (this.cached?.text !== text) this.cached = { text, current: build(text === null ? [] : hallYearsSchema.parse(JSON.parse(text))) };
    return this.cached.current;
  }

  /** What every case is reckoned with on `today`. */
  optionsOn(today: string): DeadlineOptions {
    return { calendar: this.current().calendar, today };
  }

  /** The years the hall has set itself, ascending. */
  hallYears(): HolidayYear[] {
    const text = this.s.read.get(HALL_CALENDAR_SETTING)?.value;
    return text === undefined ? [] : hallYearsSchema.parse(JSON.parse(text));
  }

  /** Every year of the calendar in force, ascending, with where it comes from. */
  years(): Array<{ entry: HolidayYear; origin: CalendarYearOrigin; replacesShipped: boolean }> {
    const own = new Set(this.hallYears().map((entry) => entry.year));
    const shipped = new Set(SHIPPED_CALENDAR.years.map((entry) => entry.year));
    return this.current().data.years.map((entry) => ({
      entry,
      origin: own.has(entry.year) ? 'hall' : 'shipped',
      replacesShipped: own.has(entry.year) && shipped.has(entry.year),
    }));
  }

  /** Stores the hall's years (call inside the write's transaction, after checking them with `merged`). */
  putHallYears(years: readonly HolidayYear[]): void {
    if (years.length === 0) this.s.remove.run(HALL_CALENDAR_SETTING);
    else this.s.write.run(HALL_CALENDAR_SETTING, JSON.stringify([...years].sort((a, b) => a.year - b.year)));
  }
}

/** The shipped calendar with the hall's years in place of (or beside) its own, years ascending. */
export function merged(hallYears: readonly HolidayYear[]): HolidayCalendar {
  const own = new Map(hallYears.map((entry) => [entry.year, entry]));
  const years = [...SHIPPED_CALENDAR.years.filter((entry) => !own.has(entry.year)), ...own.values()].sort((a, b) => a.year - b.year);
  return { ...SHIPPED_CALENDAR, years };
}

function build(hallYears: HolidayYear[]): CurrentCalendar {
  // Without years of its own a hall is on the shipped file exactly: its checksum is the file's, as before the hall could set any.
  if (hallYears.length === 0) return { data: SHIPPED_CALENDAR, calendar: createWorkingDayCalendar(SHIPPED_CALENDAR), checksum: calendarChecksum(shippedData) };
  const data = merged(hallYears);
  return { data, calendar: createWorkingDayCalendar(data), checksum: calendarChecksum(data) };
}
