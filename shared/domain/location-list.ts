/**
 * 问题属地: the hall's list of streets (街道) and their communities (社区), as a file an
 * admin imports (docs/locations.md). Checked whole here — every problem at its line (CSV)
 * or entry (JSON) — so the core imports all of it or nothing, and the admin page words
 * the same problems. Pure: no Node, no DOM.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from './languages';
import { readCsv } from './categories/csv-reader';

/** The columns of a list file (CSV header, or the keys of each JSON object); also in the contract. */
export const LOCATION_FILE_COLUMNS = ['code', 'parent_code', 'level', 'name_zh_cn', 'name_zh_hk', 'name_en'] as const;
export type LocationField = (typeof LOCATION_FILE_COLUMNS)[number];
export const LOCATION_NAME_FIELDS: Record<Language, LocationField> = { 'zh-CN': 'name_zh_cn', 'zh-HK': 'name_zh_hk', en: 'name_en' };

/** Codes as the migration allows them: letters, digits, _ and -, at most 32. */
export const LOCATION_CODE_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;
/** 6 streets and 56 communities in the district of the source; the rest is room. */
export const MAX_LOCATIONS = 2_000;
export const MAX_LOCATION_NAME_LENGTH = 60;
/** Shown between the street and the community, as category paths are. */
export const LOCATION_PATH_SEPARATOR = ' › ';

export const LOCATION_IMPORT_ERROR_CODES = [
  // The file as a whole.
  'FILE_EMPTY',
  'NOT_UTF8',
  'JSON_SYNTAX',
  'JSON_SHAPE',
  'NO_ENTRIES',
  'TOO_MANY_ENTRIES',
  // CSV layout.
  'CSV_UNCLOSED_QUOTE',
  'CSV_BAD_QUOTE',
  'MISSING_COLUMN',
  'UNKNOWN_COLUMN',
  'DUPLICATE_COLUMN',
  'WRONG_CELL_COUNT',
  // JSON layout.
  'NOT_AN_OBJECT',
  'UNKNOWN_FIELD',
  // One entry.
  'BAD_CODE',
  'BAD_LEVEL',
  'EMPTY_NAME',
  'NAME_TOO_LONG',
  'NAME_CONTROL_CHARACTERS',
  // Between entries.
  'DUPLICATE_CODE',
  'STREET_WITH_PARENT',
  'MISSING_PARENT',
  'UNKNOWN_PARENT',
  'PARENT_NOT_STREET',
] as const;
export type LocationImportErrorCode = (typeof LOCATION_IMPORT_ERROR_CODES)[number];

export interface LocationImportProblem {
  /** CSV: the 1-based line the record starts on (the header is line 1). */
  line?: number;
  /** JSON: the object's index in the array, 0-based. */
  entry?: number;
  field?: LocationField;
  code: LocationImportErrorCode;
  params: Record<string, string | number>;
}

/** IMPORT_INVALID's details as a page reads them back (locations.import). */
export const locationImportRefusalSchema = z.object({
  problems: z.array(
    z.object({
      line: z.number().int().positive().optional(),
      entry: z.number().int().nonnegative().optional(),
      field: z.enum(LOCATION_FILE_COLUMNS).optional(),
      code: z.enum(LOCATION_IMPORT_ERROR_CODES),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
});

export interface LocationEntry {
  code: string;
  /** The street of a community; null for a street. */
  parentCode: string | null;
  level: 'street' | 'community';
  names: Record<Language, string>;
}

export type LocationParseResult = { ok: true; entries: LocationEntry[] } | { ok: false; problems: LocationImportProblem[] };

type At = { line: number } | { entry: number };
type Raw = { at: At } & Partial<Record<LocationField, unknown>>;

/**
 * Reads and checks a list file. Returns the entries in file order (the order the list
 * shows), or every problem found, sorted by line — never a part.
 */
export function parseLocationFile(text: string, format: 'csv' | 'json'): LocationParseResult {
  const problems: LocationImportProblem[] = [];
  const add = (at: At | null, code: LocationImportErrorCode, params: Record<string, string | number> = {}, field?: LocationField) =>
    problems.push({ ...(at ?? {}), ...(field ? { field } : {}), code, params });
  const done = (): LocationParseResult => {
    const position = (problem: LocationImportProblem) => problem.line ?? problem.entry ?? -1;
    return { ok: false, problems: problems.sort((a, b) => position(a) - position(b)) };
  };

  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') {
    add(null, 'FILE_EMPTY');
    return done();
  }
  const raw = format === 'json' ? readJson(source, add) : readCsvRows(source, add);
  if (raw === null) return done();
  if (raw.length === 0) add(null, 'NO_ENTRIES');
  if (raw.length > MAX_LOCATIONS) add(null, 'TOO_MANY_ENTRIES', { count: raw.length, max: MAX_LOCATIONS });

  const entries = raw.map((row) => checkEntry(row, add));
  checkTree(entries, add);
  if (problems.length > 0) return done();
  return { ok: true, entries: entries.map(({ at: _at, ...entry }) => entry as LocationEntry) };
}

type Add = (at: At | null, code: LocationImportErrorCode, params?: Record<string, string | number>, field?: LocationField) => void;

function readCsvRows(text: string, add: Add): Raw[] {
  const { records, problems } = readCsv(text);
  for (const problem of problems) add({ line: problem.line }, problem.code);
  // Rows of nothing but commas are what spreadsheets leave below the data.
  const [header, ...rows] = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  if (!header) return [];
  const columns = new Map<LocationField, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    const known = (LOCATION_FILE_COLUMNS as readonly string[]).includes(name) ? (name as LocationField) : null;
    if (!known) add({ line: header.line }, 'UNKNOWN_COLUMN', { column: cell.trim(), position: index + 1 });
    else if (columns.has(known)) add({ line: header.line }, 'DUPLICATE_COLUMN', { column: known, position: index + 1 }, known);
    else columns.set(known, index);
  });
  for (const column of LOCATION_FILE_COLUMNS) if (!columns.has(column)) add({ line: header.line }, 'MISSING_COLUMN', { column }, column);
  return rows.map(({ line, cells }) => {
    if (cells.length !== header.cells.length) add({ line }, 'WRONG_CELL_COUNT', { expected: header.cells.length, actual: cells.length });
    const row: Raw = { at: { line } };
    // A missing column was reported once, on the header: its cells are left undefined and not checked.
    for (const [column, index] of columns) row[column] = (cells[index] ?? '').trim();
    return row;
  });
}

function readJson(text: string, add: Add): Raw[] | null {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    add(null, 'JSON_SYNTAX');
    return null;
  }
  if (!Array.isArray(document)) {
    add(null, 'JSON_SHAPE');
    return null;
  }
  const rows: Raw[] = [];
  document.forEach((item: unknown, entry) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return add({ entry }, 'NOT_AN_OBJECT');
    const row: Raw = { at: { entry } };
    for (const [key, value] of Object.entries(item)) {
      if ((LOCATION_FILE_COLUMNS as readonly string[]).includes(key)) row[key as LocationField] = typeof value === 'string' ? value.trim() : value;
      else add({ entry }, 'UNKNOWN_FIELD', { name: key });
    }
    // Every key is needed in JSON: an absent one is an empty value (parent_code may be).
    for (const column of LOCATION_FILE_COLUMNS) if (row[column] === undefined) row[column] = column === 'parent_code' ? '' : null;
    rows.push(row);
  });
  return rows;
}

interface Checked {
  at: At;
  code: string | null;
  /** undefined: not checked (its column missing); '' for none. */
  parentCode: string | null | undefined;
  level: LocationEntry['level'] | null;
  names: Partial<Record<Language, string>>;
}

function checkEntry(row: Raw, add: Add): Checked {
  const shown = (value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  };
  let code: string | null = null;
  if (row.code !== undefined) {
    if (typeof row.code === 'string' && LOCATION_CODE_PATTERN.test(row.code)) code = row.code;
    else add(row.at, 'BAD_CODE', { value: shown(row.code) }, 'code');
  }
  let parentCode: string | null | undefined;
  if (row.parent_code !== undefined) {
    if (row.parent_code === null || row.parent_code === '') parentCode = null;
    else if (typeof row.parent_code === 'string' && LOCATION_CODE_PATTERN.test(row.parent_code)) parentCode = row.parent_code;
    else add(row.at, 'BAD_CODE', { value: shown(row.parent_code) }, 'parent_code');
  }
  let level: Checked['level'] = null;
  if (row.level !== undefined) {
    if (row.level === 'street' || row.level === 'community') level = row.level;
    else add(row.at, 'BAD_LEVEL', { value: shown(row.level) }, 'level');
  }
  const names: Partial<Record<Language, string>> = {};
  for (const language of LANGUAGES) {
    const field = LOCATION_NAME_FIELDS[language];
    const value = row[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') add(row.at, 'EMPTY_NAME', {}, field);
    else if (value.length > MAX_LOCATION_NAME_LENGTH) add(row.at, 'NAME_TOO_LONG', { max: MAX_LOCATION_NAME_LENGTH }, field);
    // Names go into the one-line path stored on each case: no line breaks or tabs.
    else if (/[\p{Cc}\u2028\u2029]/u.test(value)) add(row.at, 'NAME_CONTROL_CHARACTERS', {}, field);
    else names[language] = value;
  }
  return { at: row.at, code, parentCode, level, names };
}

/** A community's parent must be a street of the same file; a street has none; codes are unique. */
function checkTree(entries: Checked[], add: Add): void {
  const byCode = new Map<string, Checked>();
  const firstAt = (at: At): Record<string, number> => ('line' in at ? { firstLine: at.line } : { firstEntry: at.entry });
  for (const entry of entries) {
    if (entry.code === null) continue;
    const first = byCode.get(entry.code);
    if (first) add(entry.at, 'DUPLICATE_CODE', { code: entry.code, ...firstAt(first.at) }, 'code');
    else byCode.set(entry.code, entry);
  }
  for (const entry of entries) {
    if (entry.level === null || entry.parentCode === undefined) continue;
    if (entry.level === 'street') {
      if (entry.parentCode !== null) add(entry.at, 'STREET_WITH_PARENT', { parentCode: entry.parentCode }, 'parent_code');
      continue;
    }
    if (entry.parentCode === null) {
      add(entry.at, 'MISSING_PARENT', {}, 'parent_code');
      continue;
    }
    const parent = byCode.get(entry.parentCode);
    if (!parent) add(entry.at, 'UNKNOWN_PARENT', { parentCode: entry.parentCode }, 'parent_code');
    else if (parent.level !== null && parent.level !== 'street') add(entry.at, 'PARENT_NOT_STREET', { parentCode: entry.parentCode }, 'parent_code');
  }
}

/** The i18n keys that word one problem: "第 12 行：" (or the JSON entry) and the message; names take the field as context. */
export function locationImportProblemText(problem: LocationImportProblem): {
  location: { key: string; options: Record<string, number> } | null;
  message: { key: string; options: Record<string, string | number> };
} {
  const location: { key: string; options: Record<string, number> } | null =
    problem.line !== undefined
      ? { key: 'locations.import.at.line', options: { line: problem.line } }
      : problem.entry !== undefined
        ? { key: 'locations.import.at.entry', options: { entry: problem.entry } }
        : null;
  const options: Record<string, string | number> = { ...problem.params };
  if ((problem.code === 'EMPTY_NAME' || problem.code === 'NAME_TOO_LONG' || problem.code === 'NAME_CONTROL_CHARACTERS') && problem.field) options.context = problem.field;
  if (problem.code === 'DUPLICATE_CODE' && problem.entry !== undefined) options.context = 'json';
  return { location, message: { key: `locations.import.errors.${problem.code}`, options } };
}
