import { z } from 'zod';
import { MAX_CALENDAR_FILE_BYTES } from '../domain/calendar-problems';
import { holidayYearShape } from '../domain/working-days';
import { defineMethod } from './define';

/**
 * The working-day calendar the regulation's deadlines are reckoned with (docs/deadlines.md,
 * "The hall's own years"): the holidays and worked weekend days of each year, as the State
 * Council's notice gives them. The shipped file is the default for every year the hall has
 * not set. A change re-dates every case's deadlines in the same transaction; the answer
 * says how many cases moved.
 */
export const calendarYearViewSchema = z.object({
  entry: holidayYearShape,
  /** shipped: resources/calendar/cn-holidays.json; hall: set by this hall's admin. */
  origin: z.enum(['shipped', 'hall']),
  /** The hall's entry stands in for a shipped one (calendar.resetYear brings that back). */
  replacesShipped: z.boolean(),
});
export type CalendarYearView = z.infer<typeof calendarYearViewSchema>;

const rebuildSchema = {
  /** Cases whose deadlines were computed anew: all of them. */
  cases: z.number().int().nonnegative(),
  /** Cases with a last day that moved. */
  redated: z.number().int().nonnegative(),
};

const yearSchema = z.number().int().min(2000).max(2100);

export const calendarMethods = {
  'calendar.get': defineMethod({
    summary: 'The working-day calendar in force: every year known (ascending) with its notice, holidays and worked weekend days, and where it comes from; the years it covers (verified).',
    roles: ['admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: z.object({ years: z.array(calendarYearViewSchema), coveredYears: z.array(yearSchema) }),
  }),
  'calendar.saveYear': defineMethod({
    summary:
      "Add a year or replace the one in force: the notice (title, number, date issued, verified, where checked), the holidays (name, from, to) and the worked weekend days. Checked whole, also against the other years; refused with every problem (VALIDATION_FAILED calendar, details.problems), nothing written. Every case's deadlines re-dated in the same transaction.",
    roles: ['admin'],
    signIn: true,
    input: holidayYearShape.strict(),
    output: z.object({ year: yearSchema, ...rebuildSchema }),
    audit: {
      subject: ({ year }) => `calendar:${year}`,
      details: (entry, { cases, redated }) => ({ ...entry, cases, redated }),
    },
  }),
  'calendar.importFile': defineMethod({
    summary:
      'Import a calendar file shaped like the shipped resources/calendar/cn-holidays.json (JSON text): each year in it is added or replaces the one in force, the others stay. All or nothing: IMPORT_INVALID with every problem (details.problems). Every case re-dated in the same transaction.',
    roles: ['admin'],
    signIn: true,
    input: z.object({ content: z.string().max(MAX_CALENDAR_FILE_BYTES) }).strict(),
    output: z.object({ years: z.array(yearSchema), ...rebuildSchema }),
    // The years and counts, never the file.
    audit: { subject: () => 'calendar:import', details: (_params, { years, cases, redated }) => ({ years, cases, redated }) },
  }),
  'calendar.resetYear': defineMethod({
    summary: "Remove the hall's own entry for a year: the shipped one is in force again (restored: shipped), or none (restored: none). NOT_FOUND calendarYear when the hall set nothing for it. Every case re-dated.",
    roles: ['admin'],
    signIn: true,
    input: z.object({ year: yearSchema }).strict(),
    output: z.object({ year: yearSchema, restored: z.enum(['shipped', 'none']), ...rebuildSchema }),
    audit: { subject: ({ year }) => `calendar:${year}`, details: (_params, { restored, cases, redated }) => ({ reset: true, restored, cases, redated }) },
  }),
};
