import { z } from 'zod';
import { isoDateSchema } from './queue-rules';

/**
 * Calendar days and working days of the mainland, for the regulation's deadlines
 * (docs/deadlines.md). Dates are plain `YYYY-MM-DD` calendar dates: arithmetic goes
 * through UTC day numbers, so no time zone can move a day.
 *
 * Which days are worked is DATA, one entry per State Council General Office notice
 * (国务院办公厅关于20xx年部分节假日安排的通知): the holidays (放假调休) and the weekend
 * days that are worked instead (调休上班日). Shipped in resources/calendar/cn-holidays.json,
 * later updated by the central server; both go through `holidayCalendarSchema`.
 */

const MS_PER_DAY = 86_400_000;

function dayNumber(date: string): number {
  if (!isoDateSchema.safeParse(date).success) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

function dateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function isDate(value: string): boolean {
  return isoDateSchema.safeParse(value).success;
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to`: 1 from a day to the next, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

// ── The data ────────────────────────────────────────────────────────────────

const holidayRangeSchema = z.object({
  /** As the notice names it: 春节, 国庆节、中秋节 … */
  name: z.string().trim().min(1).max(60),
  from: isoDateSchema,
  /** Inclusive. */
  to: isoDateSchema,
});

const adjustedWorkingDaySchema = z.object({
  date: isoDateSchema,
  /** The holiday it makes up for. */
  for: z.string().trim().min(1).max(60),
});

const noticeSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** 国办发明电〔2024〕12号; null when not known. */
  documentNumber: z.string().trim().min(1).max(100).nullable(),
  issuedOn: isoDateSchema,
  /**
   * True only when the dates were checked against the notice's text. An unverified year
   * is used as best effort but counts as NOT covered: deadlines in it are flagged.
   */
  verified: z.boolean(),
  /** Where the dates were checked (addresses, publications). */
  checkedAgainst: z.array(z.string().trim().min(1).max(500)).max(20),
  note: z.string().max(2000).optional(),
});

/**
 * Why a calendar was refused, for each problem the schema's own checks find (zod's
 * `params.problem` on the issue): the admin page and the core word them from it
 * (calendar-problems.ts) instead of zod's English.
 */
export const CALENDAR_RULE_PROBLEMS = [
  'ends_before_start',
  'outside_year',
  'in_two_holidays',
  'not_weekend',
  'also_holiday',
  'listed_twice',
  'year_twice',
  'set_by_other_year',
] as const;
export type CalendarRuleProblem = (typeof CALENDAR_RULE_PROBLEMS)[number];

/**
 * One year's entry, its shape only: bounded, so that a request cannot make the checks
 * walk without end (a notice has a handful of holidays). `holidayYearSchema` adds the checks.
 */
export const holidayYearShape = z.object({
  year: z.number().int().min(2000).max(2100),
  source: noticeSchema,
  holidays: z.array(holidayRangeSchema).min(1).max(40),
  adjustedWorkingDays: z.array(adjustedWorkingDaySchema).max(40),
});

export const holidayYearSchema = holidayYearShape.superRefine((entry, ctx) => {
  const issue = (path: (string | number)[], problem: CalendarRuleProblem, message: string, values: Record<string, string | number> = {}) =>
    ctx.addIssue({ code: 'custom', path, message, params: { problem, ...values } });
  // A notice can reach into the previous December (the 2023 notice's New Year began 2022-12-31).
  const earliest = `${entry.year - 1}-12-01`;
  const latest = `${entry.year}-12-31`;
  const outside = (date: string) => date < earliest || date > latest;
  const holidayDays = new Set<string>();
  entry.holidays.forEach((range, i) => {
    // A date zod already refused (the issue is reported) is left out of the checks between dates.
    if (!isDate(range.from) || !isDate(range.to)) return;
    if (range.to < range.from) {
      issue(['holidays', i, 'to'], 'ends_before_start', 'ends before it starts', { from: range.from, to: range.to });
      return;
    }
    if (outside(range.from) || outside(range.to)) {
      issue(['holidays', i, outside(range.from) ? 'from' : 'to'], 'outside_year', `outside ${entry.year} (or the December before)`, { year: entry.year });
      return;
    }
    for (let day = range.from; day <= range.to; day = addCalendarDays(day, 1)) {
      if (holidayDays.has(day)) issue(['holidays', i], 'in_two_holidays', `${day} is in two holidays`, { day });
      holidayDays.add(day);
    }
  });
  const seen = new Set<string>();
  entry.adjustedWorkingDays.forEach(({ date }, i) => {
    if (!isDate(date)) return;
    const path = ['adjustedWorkingDays', i, 'date'];
    if (outside(date)) issue(path, 'outside_year', `outside ${entry.year} (or the December before)`, { year: entry.year });
    // An adjusted working day is by definition a weekend day that is worked.
    if (!isWeekend(date)) issue(path, 'not_weekend', `${date} is not a Saturday or Sunday`, { day: date });
    if (holidayDays.has(date)) issue(path, 'also_holiday', `${date} is also a holiday`, { day: date });
    if (seen.has(date)) issue(path, 'listed_twice', `${date} is listed twice`, { day: date });
    seen.add(date);
  });
});

export const holidayCalendarSchema = z
  .object({
    schemaVersion: z.literal(1),
    description: z.string().max(2000).optional(),
    years: z.array(holidayYearSchema).max(101),
  })
  .superRefine((calendar, ctx) => {
    const years = new Set<number>();
    const owner = new Map<string, number>();
    calendar.years.forEach((entry, i) => {
      if (years.has(entry.year)) {
        ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `${entry.year} is listed twice`, params: { problem: 'year_twice', year: entry.year } });
      }
      years.add(entry.year);
      for (const day of [...daysOf(entry.holidays), ...entry.adjustedWorkingDays.map((d) => d.date).filter(isDate)]) {
        const other = owner.get(day);
        if (other !== undefined && other !== entry.year) {
          ctx.addIssue({
            code: 'custom',
            path: ['years', i],
            message: `${day} is also set by the ${other} notice`,
            params: { problem: 'set_by_other_year', day, year: entry.year, other },
          });
        }
        owner.set(day, entry.year);
      }
    });
  });
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;
export type HolidayYear = HolidayCalendar['years'][number];

function daysOf(ranges: readonly { from: string; to: string }[]): string[] {
  const days: string[] = [];
  for (const range of ranges) {
    if (!isDate(range.from) || !isDate(range.to) || range.to < range.from) continue;
    for (let day = range.from; day <= range.to; day = addCalendarDays(day, 1)) days.push(day);
  }
  return days;
}

// ── The calendar ────────────────────────────────────────────────────────────

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** False when the date's year has no verified notice: `kind` then only knows weekends. */
  covered: boolean;
  /** The holiday's name, for a holiday or an adjusted working day. */
  holidayName?: string;
}

/** A date computed through the calendar, and whether every day it looked at was covered. */
export interface CalendarAnswer {
  date: string;
  covered: boolean;
  /** Years the computation went through without a verified notice. */
  uncoveredYears: number[];
}

/** Thrown by `isWorkingDay` for a date in a year the calendar does not cover. */
export class CalendarNotCoveredError extends Error {
  readonly code = 'calendar_not_covered';
  constructor(
    readonly date: string,
    readonly year: number,
  ) {
    super(`the working-day calendar does not cover ${year} (${date})`);
    this.name = 'CalendarNotCoveredError';
  }
}

export interface WorkingDayCalendar {
  /** Years with a verified notice, ascending. */
  readonly coveredYears: readonly number[];
  covers(date: string): boolean;
  /** What kind of day it is; outside the covered years only weekends are known (`covered: false`). */
  dayInfo(date: string): DayInfo;
  /** Strict: throws `CalendarNotCoveredError` rather than guess about an uncovered year. */
  isWorkingDay(date: string): boolean;
  /** The n-th working day after `date` (the day after `date` is the first candidate; n = 0 gives `date`). */
  addWorkingDays(date: string, n: number): CalendarAnswer;
  /** `date` itself if it is a working day, else the first working day after it. */
  workingDayOnOrAfter(date: string): CalendarAnswer;
}

export function createWorkingDayCalendar(data: HolidayCalendar): WorkingDayCalendar {
  const holidays = new Map<string, string>();
  const adjusted = new Map<string, string>();
  for (const entry of data.years) {
    for (const range of entry.holidays) for (const day of daysOf([range])) holidays.set(day, range.name);
    for (const day of entry.adjustedWorkingDays) adjusted.set(day.date, day.for);
  }
  const coveredYears = data.years
    .filter((entry) => entry.source.verified)
    .map((entry) => entry.year)
    .sort((a, b) => a - b);
  const covered = new Set(coveredYears);
  const covers = (date: string) => covered.has(yearOf(date));

  function dayInfo(date: string): DayInfo {
    dayNumber(date); // validates
    const base = { date, covered: covers(date) };
    const holidayName = holidays.get(date);
    if (holidayName !== undefined) return { ...base, kind: 'holiday', working: false, holidayName };
    const madeUpFor = adjusted.get(date);
    if (madeUpFor !== undefined) return { ...base, kind: 'adjusted_workday', working: true, holidayName: madeUpFor };
    return isWeekend(date) ? { ...base, kind: 'weekend', working: false } : { ...base, kind: 'workday', working: true };
  }

  /** Walks forward from `date`, noting every uncovered year it passes through. */
  function walk(date: string, n: number, countStart: boolean): CalendarAnswer {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count of working days: ${n}`);
    const uncovered = new Set<number>();
    const look = (day: string) => {
      const info = dayInfo(day);
      if (!info.covered) uncovered.add(yearOf(day));
      return info.working;
    };
    let day = date;
    let left = n;
    if (countStart) {
      // workingDayOnOrAfter: the start day itself may be the answer.
      while (!look(day)) day = addCalendarDays(day, 1);
    } else {
      while (left > 0) {
        day = addCalendarDays(day, 1);
        if (look(day)) left -= 1;
      }
    }
    const uncoveredYears = [...uncovered].sort((a, b) => a - b);
    return { date: day, covered: uncoveredYears.length === 0, uncoveredYears };
  }

  return {
    coveredYears,
    covers,
    dayInfo,
    isWorkingDay(date) {
      const info = dayInfo(date);
      if (!info.covered) throw new CalendarNotCoveredError(date, yearOf(date));
      return info.working;
    },
    addWorkingDays: (date, n) => walk(date, n, false),
    workingDayOnOrAfter: (date) => walk(date, 0, true),
  };
}

/** Validates calendar data (the shipped file, an update from the central server) and builds the calendar. Throws a ZodError. */
export function loadWorkingDayCalendar(json: unknown): WorkingDayCalendar {
  return createWorkingDayCalendar(holidayCalendarSchema.parse(json));
}
