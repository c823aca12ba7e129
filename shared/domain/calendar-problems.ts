/**
 * A refused working-day calendar, worded: the problems zod finds in a year's entry (or in
 * a calendar file) as codes with their values, so that the admin page can say each one
 * next to its field, in the page's language, and the core can send them in a refusal's
 * details (docs/deadlines.md, "The hall's own years"). Pure: no Node, no DOM.
 */
import { z } from 'zod';
import type { TranslationCall } from './categories/category-dictionary';
import { CALENDAR_RULE_PROBLEMS, type CalendarRuleProblem } from './working-days';

/** The largest calendar file an admin may import (the shipped one is 5 KB for two years). */
export const MAX_CALENDAR_FILE_BYTES = 500_000;

export const CALENDAR_PROBLEM_CODES = [
  ...CALENDAR_RULE_PROBLEMS,
  // A field of the wrong shape.
  'bad_date',
  'bad_text',
  'bad_year',
  'no_holidays',
  'too_many',
  'unknown_field',
  'bad_value',
  // A file as a whole.
  'json_syntax',
  'not_a_calendar',
] as const;
export type CalendarProblemCode = (typeof CALENDAR_PROBLEM_CODES)[number];

/** The fields a problem can name (their words: `calendar.fields.<field>`). */
export const CALENDAR_FIELDS = ['year', 'title', 'documentNumber', 'issuedOn', 'verified', 'checkedAgainst', 'note', 'name', 'from', 'to', 'date', 'for'] as const;

export const calendarProblemSchema = z.object({
  /** The year's entry it is in: its year, or for a file's entry without a good one, its place (1-based) as `entry`. */
  year: z.number().int().optional(),
  entry: z.number().int().positive().optional(),
  /** Where in the year's entry: ['holidays', 2, 'to'], ['adjustedWorkingDays', 0, 'date'], ['source', 'title'], [] for the entry itself. */
  path: z.array(z.union([z.string(), z.number()])),
  code: z.enum(CALENDAR_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type CalendarProblem = z.infer<typeof calendarProblemSchema>;

/** A refusal's details as a page reads them back (VALIDATION_FAILED calendar, IMPORT_INVALID). */
export const calendarRefusalSchema = z.object({ problems: z.array(calendarProblemSchema) });

const DATE_FIELDS = new Set(['from', 'to', 'date', 'issuedOn']);
const TEXT_FIELDS = new Set(['title', 'documentNumber', 'checkedAgainst', 'note', 'name', 'for']);

/**
 * The problems of zod's issues on one year's entry (`inYear`) or on a whole calendar
 * file: each placed in its year's entry. `data` is what was parsed, to name a file's
 * entries by their year.
 */
export function calendarProblems(issues: readonly z.core.$ZodIssue[], data: unknown, within: 'year' | 'file'): CalendarProblem[] {
  return issues.map((issue) => {
    let path = [...issue.path].filter((key): key is string | number => typeof key !== 'symbol');
    const place: Pick<CalendarProblem, 'year' | 'entry'> = {};
    if (within === 'file') {
      if (path[0] !== 'years' || typeof path[1] !== 'number') return { path: [], ...fileProblem(issue, path) };
      const year = yearOf(data, path[1]);
      if (year === null) place.entry = path[1] + 1;
      else place.year = year;
      path = path.slice(2);
    } else {
      const year = yearOf({ years: [data] }, 0);
      if (year !== null) place.year = year;
    }
    return { ...place, path, ...problemOf(issue, path) };
  });
}

function fileProblem(issue: z.core.$ZodIssue, path: (string | number)[]): Pick<CalendarProblem, 'code' | 'params'> {
  if (issue.code === 'unrecognized_keys') return { code: 'unknown_field', params: { field: issue.keys.join(', ') } };
  if (issue.code === 'too_big') return { code: 'too_many', params: { max: Number(issue.maximum) } };
  return { code: 'not_a_calendar', params: { field: path.join('.') || '—' } };
}

function problemOf(issue: z.core.$ZodIssue, path: (string | number)[]): Pick<CalendarProblem, 'code' | 'params'> {
  if (issue.code === 'custom') {
    const params = (issue.params ?? {}) as Record<string, unknown>;
    const problem = params.problem;
    if (typeof problem === 'string' && (CALENDAR_RULE_PROBLEMS as readonly string[]).includes(problem)) {
      const values: Record<string, string | number> = {};
      for (const [key, value] of Object.entries(params)) if (key !== 'problem' && (typeof value === 'string' || typeof value === 'number')) values[key] = value;
      return { code: problem as CalendarRuleProblem, params: values };
    }
  }
  const field = [...path].reverse().find((key): key is string => typeof key === 'string') ?? '';
  if (issue.code === 'unrecognized_keys') return { code: 'unknown_field', params: { field: issue.keys.join(', ') } };
  if (field === 'holidays' && issue.code === 'too_small') return { code: 'no_holidays', params: {} };
  if (issue.code === 'too_big' && issue.origin === 'array') return { code: 'too_many', params: { field, max: Number(issue.maximum) } };
  if (field === 'year') return { code: 'bad_year', params: {} };
  if (DATE_FIELDS.has(field)) return { code: 'bad_date', params: { field } };
  if (TEXT_FIELDS.has(field)) return { code: 'bad_text', params: { field, max: issue.code === 'too_big' ? Number(issue.maximum) : 0 } };
  return { code: 'bad_value', params: { field: field || '—' } };
}

function yearOf(data: unknown, index: number): number | null {
  const years = typeof data === 'object' && data !== null && 'years' in data ? (data as { years: unknown }).years : null;
  const entry = Array.isArray(years) ? (years[index] as unknown) : null;
  const year = typeof entry === 'object' && entry !== null && 'year' in entry ? (entry as { year: unknown }).year : null;
  return typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}

/**
 * The i18n calls that say one problem: where ("2027 年 · 第 3 个假期：", left out when the
 * form shows it beside the field: `placed`) and what is wrong.
 */
export function calendarProblemText(problem: CalendarProblem, placed = false): { location: TranslationCall | null; message: TranslationCall } {
  // A field the words know is named in the message ("$t(calendar.fields.{{field}})"); any other gets the message without it.
  const named = typeof problem.params.field === 'string' && (CALENDAR_FIELDS as readonly string[]).includes(problem.params.field);
  const code = (problem.code === 'bad_date' || problem.code === 'bad_text') && !named ? 'bad_value' : problem.code;
  const message: TranslationCall = { key: `calendar.problems.${code}`, options: { ...problem.params } };
  if (placed) return { location: null, message };
  const [section, index] = problem.path;
  const where =
    section === 'holidays' && typeof index === 'number'
      ? { part: 'holiday', row: index + 1 }
      : section === 'adjustedWorkingDays' && typeof index === 'number'
        ? { part: 'workday', row: index + 1 }
        : section === 'source'
          ? { part: 'source' }
          : { part: 'whole' };
  const options: Record<string, string | number> = { ...('row' in where ? { row: where.row } : {}) };
  let key: string;
  if (problem.year !== undefined) {
    key = `calendar.problems.at.year_${where.part}`;
    options.year = problem.year;
  } else if (problem.entry !== undefined) {
    key = `calendar.problems.at.entry_${where.part}`;
    options.entry = problem.entry;
  } else {
    if (where.part === 'whole') return { location: null, message };
    key = `calendar.problems.at.${where.part}`;
  }
  return { location: { key, options }, message };
}
