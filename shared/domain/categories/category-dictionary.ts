/**
 * The content-category dictionary (内容分类): a tree of up to four levels the clerk
 * classifies each petition with, shown as a path (劳动社保 › 劳动报酬 › 拖欠工资 › 农民工工资).
 * It is data: imported from CSV or JSON, validated here with every problem reported at
 * its line, and replaced as a whole — never half-imported. docs/categories.md describes
 * the file formats, the code scheme and the checksum.
 */
import { z } from 'zod';
import { toCsv } from '../csv';
import { LANGUAGES, type Language } from '../languages';
import { readCsv } from './csv-reader';
import { sha256Hex } from './sha256';

// ── Limits ──────────────────────────────────────────────────────────────────────────

export const MAX_CATEGORY_LEVEL = 4;
/** The district's official list has 1,163 items; the rest is room to grow. */
export const MAX_CATEGORY_ENTRIES = 5_000;
/** A 5,000-entry CSV is about 0.5 MB; anything far larger is not a dictionary. */
export const MAX_CATEGORY_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_CATEGORY_NAME_LENGTH = 100;

/**
 * Two digits per level, each pair 01–99, a child's code being its parent's plus one
 * pair: 04 › 0401 › 040101 › 04010101. The code alone says the level and the parent,
 * sorting by code lists the tree depth-first, and `99` is kept for "other …" so new
 * items never renumber it.
 */
export const CATEGORY_CODE_PATTERN = /^(?:(?!00)\d\d){1,4}$/;
const CODE_DIGITS_PER_LEVEL = 2;

/** Shown between the levels of a path. */
export const CATEGORY_PATH_SEPARATOR = ' › ';

// ── Schemas ─────────────────────────────────────────────────────────────────────────
// Each check's error is the import error code it stands for, so a zod issue maps to a
// reported problem without a lookup table.

/** Tabs and line breaks would break the one-line path and the canonical form of the checksum. */
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\u2028\u2029]*$/u;

export const categoryCodeSchema = z.string({ error: 'BAD_CODE' }).regex(CATEGORY_CODE_PATTERN, { error: 'BAD_CODE' });
const parentCodeSchema = z.string({ error: 'BAD_PARENT_CODE' }).regex(CATEGORY_CODE_PATTERN, { error: 'BAD_PARENT_CODE' }).nullable();
const levelSchema = z
  .number({ error: 'BAD_LEVEL' })
  .int({ error: 'BAD_LEVEL' })
  .min(1, { error: 'BAD_LEVEL' })
  .max(MAX_CATEGORY_LEVEL, { error: 'BAD_LEVEL' });
const nameSchema = z
  .string({ error: 'EMPTY_NAME' })
  .trim()
  .min(1, { error: 'EMPTY_NAME' })
  .max(MAX_CATEGORY_NAME_LENGTH, { error: 'NAME_TOO_LONG' })
  .regex(NO_CONTROL_CHARACTERS, { error: 'NAME_CONTROL_CHARACTERS' });

/** What a dictionary version may look like: `2025.1`, `20250301-2`, a plain number … */
export const categoryVersionSchema = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/);

/**
 * Search keys of one Chinese name, computed by the core at import (pinyin-pro, with
 * context for polyphonic characters): one syllable per character of the name (toneless,
 * ü written v; a letter or digit stands for itself; punctuation is ''), the syllables
 * joined, and their first letters.
 */
export const categoryPinyinSchema = z.object({
  syllables: z.array(z.string().regex(/^[a-z0-9]*$/)).max(MAX_CATEGORY_NAME_LENGTH),
  full: z.string().regex(/^[a-z0-9]*$/),
  initials: z.string().regex(/^[a-z0-9]*$/),
});
export type CategoryPinyin = z.infer<typeof categoryPinyinSchema>;

export const categoryEntrySchema = z.object({
  code: categoryCodeSchema,
  /** null for a level-1 class. */
  parentCode: parentCodeSchema,
  level: levelSchema,
  names: z.object({ 'zh-CN': nameSchema, 'zh-HK': nameSchema, en: nameSchema }),
  /** Distinct readings of the Chinese names (zh-CN first); absent until the core adds them. */
  pinyin: z.array(categoryPinyinSchema).max(2).optional(),
});
export type CategoryEntry = z.infer<typeof categoryEntrySchema>;

export const categoryChecksumSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/);

export const categoryDictionarySchema = z.object({
  version: categoryVersionSchema.nullable(),
  /** Of the content only (codes, parents, levels, names): see `categoryChecksum`. */
  checksum: categoryChecksumSchema,
  /** Sorted by code, which lists the tree depth-first. */
  entries: z.array(categoryEntrySchema).max(MAX_CATEGORY_ENTRIES),
});
export type CategoryDictionary = z.infer<typeof categoryDictionarySchema>;

// ── Import errors ───────────────────────────────────────────────────────────────────

export const CATEGORY_IMPORT_ERROR_CODES = [
  // The file as a whole.
  'FILE_TOO_LARGE',
  'FILE_EMPTY',
  'NOT_TEXT',
  'NOT_UTF8',
  'JSON_SYNTAX',
  'JSON_SHAPE',
  'BAD_VERSION',
  'BAD_CHECKSUM',
  'CHECKSUM_MISMATCH',
  'TOO_MANY_ENTRIES',
  'NO_ENTRIES',
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
  'BAD_PARENT_CODE',
  'BAD_LEVEL',
  'EMPTY_NAME',
  'NAME_TOO_LONG',
  'NAME_CONTROL_CHARACTERS',
  'CODE_LEVEL_MISMATCH',
  // The tree.
  'DUPLICATE_CODE',
  'LEVEL1_WITH_PARENT',
  'MISSING_PARENT',
  'UNKNOWN_PARENT',
  'PARENT_LEVEL',
  'CODE_NOT_UNDER_PARENT',
  'CYCLE',
  'DUPLICATE_SIBLING_NAME',
] as const;
export type CategoryImportErrorCode = (typeof CATEGORY_IMPORT_ERROR_CODES)[number];

/** The CSV columns, in the order the seed and exports write them (import takes any order). */
export const CATEGORY_CSV_COLUMNS = ['code', 'parent_code', 'level', 'name_zh_cn', 'name_zh_hk', 'name_en'] as const;
/** A field of an entry, named as its CSV column (also for JSON, where it is e.g. `parentCode`). */
export type CategoryField = (typeof CATEGORY_CSV_COLUMNS)[number];
export const CATEGORY_NAME_FIELDS: Record<Language, CategoryField> = { 'zh-CN': 'name_zh_cn', 'zh-HK': 'name_zh_hk', en: 'name_en' };

export interface CategoryImportError {
  /** CSV: the 1-based line the record starts on (the header is line 1). */
  line?: number;
  /** JSON: the entry's index in the array, 0-based as in `entries[3]`. */
  entry?: number;
  /** Neither `line` nor `entry`: a problem of the whole file. */
  field?: CategoryField;
  code: CategoryImportErrorCode;
  params: Record<string, string | number>;
}

export type CategoryFileFormat = 'csv' | 'json';

export interface CategoryImportOptions {
  /** Taken from the file's first character when absent (`[` or `{` is JSON). */
  format?: CategoryFileFormat;
  /** The version of a CSV file (which has no place for one), or of a JSON array. */
  version?: string | null;
}

export type CategoryImportResult = { ok: true; dictionary: CategoryDictionary } | { ok: false; errors: CategoryImportError[] };

// ── Import ──────────────────────────────────────────────────────────────────────────

type Location = { line: number } | { entry: number };

/** One entry as read from the file, before any check. */
interface RawEntry {
  at: Location;
  code: unknown;
  parentCode: unknown;
  level: unknown;
  names: Record<Language, unknown>;
}

/** Collects problems in the order found; they are sorted by location at the end. */
class Problems {
  readonly list: CategoryImportError[] = [];
  add(at: Location | null, code: CategoryImportErrorCode, params: Record<string, string | number> = {}, field?: CategoryField): void {
    this.list.push({ ...(at ?? {}), ...(field ? { field } : {}), code, params });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  sorted(): CategoryImportError[] {
    // File-level problems first, then by line or entry; Array.sort is stable, so the
    // problems of one line keep the order they were found in.
    const position = (error: CategoryImportError) => error.line ?? error.entry ?? -1;
    return [...this.list].sort((a, b) => position(a) - position(b));
  }
}

/**
 * Reads and checks a dictionary file. Bytes are checked to be UTF-8 text (a CSV saved by
 * Excel as GBK is refused, with the line of the first bad byte); a string is taken as
 * already decoded. Returns the dictionary, or every problem found — never a part.
 */
export function parseCategoryFile(input: Uint8Array | string, options: CategoryImportOptions = {}): CategoryImportResult {
  const problems = new Problems();
  const text = decodeText(input, problems);
  if (text === null) return { ok: false, errors: problems.sorted() };

  if (options.version !== undefined && options.version !== null && !categoryVersionSchema.safeParse(options.version).success) {
    problems.add(null, 'BAD_VERSION', { value: options.version });
  }
  const format = options.format ?? (/^\s*[[{]/.test(text) ? 'json' : 'csv');
  const file = format === 'json' ? readJsonEntries(text, problems) : { raw: readCsvEntries(text, problems), version: undefined, checksum: undefined };
  if (!file) return { ok: false, errors: problems.sorted() };

  if (file.raw.length === 0) problems.add(null, 'NO_ENTRIES');
  if (file.raw.length > MAX_CATEGORY_ENTRIES) problems.add(null, 'TOO_MANY_ENTRIES', { count: file.raw.length, max: MAX_CATEGORY_ENTRIES });

  const entries = checkTree(file.raw.map((raw) => checkEntry(raw, problems)), problems);
  if (problems.any) return { ok: false, errors: problems.sorted() };

  const checksum = categoryChecksum(entries);
  if (file.checksum !== undefined && file.checksum !== checksum) {
    problems.add(null, 'CHECKSUM_MISMATCH', { expected: file.checksum, actual: checksum });
    return { ok: false, errors: problems.sorted() };
  }
  const version = file.version ?? options.version ?? null;
  return { ok: true, dictionary: { version, checksum, entries } };
}

/** The text of the file, or null when it is not UTF-8 text of an acceptable size. */
function decodeText(input: Uint8Array | string, problems: Problems): string | null {
  const bytes = typeof input === 'string' ? utf8Length(input) : input.length;
  if (bytes > MAX_CATEGORY_FILE_BYTES) {
    problems.add(null, 'FILE_TOO_LARGE', { bytes, maxBytes: MAX_CATEGORY_FILE_BYTES });
    return null;
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    // A NUL byte means a binary file (an .xlsx workbook) or UTF-16 text, not a CSV.
    if (input.includes(0)) {
      problems.add(null, 'NOT_TEXT');
      return null;
    }
    const bad = firstInvalidUtf8Byte(input);
    if (bad >= 0) {
      problems.add({ line: lineOfByte(input, bad) }, 'NOT_UTF8');
      return null;
    }
    text = new TextDecoder('utf-8').decode(input);
  }
  if (text.includes('\u0000')) {
    problems.add(null, 'NOT_TEXT');
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    problems.add(null, 'FILE_EMPTY');
    return null;
  }
  return text;
}

function readCsvEntries(text: string, problems: Problems): RawEntry[] {
  const { records, problems: csvProblems } = readCsv(text);
  for (const problem of csvProblems) problems.add({ line: problem.line }, problem.code);

  // Rows of nothing but commas are what spreadsheets leave below the data.
  const nonEmpty = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) return [];

  const columnIndex = new Map<CategoryField, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    const known = (CATEGORY_CSV_COLUMNS as readonly string[]).includes(name) ? (name as CategoryField) : null;
    if (!known) problems.add({ line: header.line }, 'UNKNOWN_COLUMN', { column: cell.trim(), position: index + 1 });
    else if (columnIndex.has(known)) problems.add({ line: header.line }, 'DUPLICATE_COLUMN', { column: known, position: index + 1 }, known);
    else columnIndex.set(known, index);
  });
  for (const column of CATEGORY_CSV_COLUMNS) {
    if (!columnIndex.has(column)) problems.add({ line: header.line }, 'MISSING_COLUMN', { column }, column);
  }

  return rows.map(({ line, cells }) => {
    if (cells.length !== header.cells.length) problems.add({ line }, 'WRONG_CELL_COUNT', { expected: header.cells.length, actual: cells.length });
    // A missing column was reported once on the header: its cells count as valid here
    // (undefined → skipped), not as one more problem on every line.
    const cell = (column: CategoryField): string | undefined => {
      const index = columnIndex.get(column);
      return index === undefined ? undefined : unescapeFormula((cells[index] ?? '').trim());
    };
    const parent = cell('parent_code');
    const level = cell('level');
    return {
      at: { line },
      code: cell('code'),
      parentCode: parent === '' ? null : parent,
      level: level !== undefined && /^\d{1,3}$/.test(level) ? Number(level) : level,
      names: { 'zh-CN': cell('name_zh_cn'), 'zh-HK': cell('name_zh_hk'), en: cell('name_en') },
    };
  });
}

/** Undoes the ' that toCsv (../csv.ts) puts before a cell starting like a formula, so an export reads back as it was. */
function unescapeFormula(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

const JSON_ENTRY_KEYS = new Set(['code', 'parentCode', 'level', 'names']);
const JSON_FILE_KEYS = new Set(['version', 'checksum', 'entries']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON: an array of entries, or `{ version?, checksum?, entries }`. */
function readJsonEntries(text: string, problems: Problems): { raw: RawEntry[]; version: string | undefined; checksum: string | undefined } | null {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    problems.add(null, 'JSON_SYNTAX');
    return null;
  }

  let items: unknown[];
  let version: string | undefined;
  let checksum: string | undefined;
  if (Array.isArray(document)) {
    items = document;
  } else if (isObject(document) && Array.isArray(document.entries)) {
    items = document.entries;
    for (const key of Object.keys(document)) if (!JSON_FILE_KEYS.has(key)) problems.add(null, 'UNKNOWN_FIELD', { name: key });
    if (document.version !== undefined && document.version !== null) {
      // A plain number is a fine version too (central may count them).
      const value = typeof document.version === 'number' && Number.isSafeInteger(document.version) && document.version >= 0 ? String(document.version) : document.version;
      if (typeof value === 'string' && categoryVersionSchema.safeParse(value).success) version = value;
      else problems.add(null, 'BAD_VERSION', { value: display(document.version) });
    }
    if (document.checksum !== undefined) {
      if (typeof document.checksum === 'string' && categoryChecksumSchema.safeParse(document.checksum).success) checksum = document.checksum;
      else problems.add(null, 'BAD_CHECKSUM', { value: display(document.checksum) });
    }
  } else {
    problems.add(null, 'JSON_SHAPE');
    return null;
  }

  const raw: RawEntry[] = [];
  items.forEach((item, entry) => {
    if (!isObject(item)) {
      problems.add({ entry }, 'NOT_AN_OBJECT');
      return;
    }
    for (const key of Object.keys(item)) if (!JSON_ENTRY_KEYS.has(key)) problems.add({ entry }, 'UNKNOWN_FIELD', { name: key });
    const names = isObject(item.names) ? item.names : {};
    for (const key of Object.keys(names)) if (!(LANGUAGES as readonly string[]).includes(key)) problems.add({ entry }, 'UNKNOWN_FIELD', { name: `names.${key}` });
    raw.push({
      at: { entry },
      code: item.code,
      parentCode: item.parentCode === undefined || item.parentCode === '' ? null : item.parentCode,
      level: item.level,
      names: { 'zh-CN': names['zh-CN'], 'zh-HK': names['zh-HK'], en: names.en },
    });
  });
  return { raw, version, checksum };
}

/** An entry after its own checks: each field is its valid value, or null when it failed (already reported). */
interface CheckedEntry {
  at: Location;
  code: string | null;
  /** `undefined`: the parent code itself is invalid (reported), so its tree checks are skipped. */
  parentCode: string | null | undefined;
  level: number | null;
  names: Partial<Record<Language, string>>;
}

/** Field checks of one entry. A field whose column is missing (undefined in a CSV) was reported on the header. */
function checkEntry(raw: RawEntry, problems: Problems): CheckedEntry {
  const fromCsv = 'line' in raw.at;
  const skip = (value: unknown) => fromCsv && value === undefined;

  const field = <T>(schema: z.ZodType<T>, value: unknown, name: CategoryField, params: Record<string, string | number> = {}): T | null => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const code = result.error.issues[0]!.message as CategoryImportErrorCode;
    problems.add(raw.at, code, code === 'NAME_TOO_LONG' ? { max: MAX_CATEGORY_NAME_LENGTH } : params, name);
    return null;
  };

  // A JSON value is shown as JSON, so "2" (a string) and 2 (a number) look different.
  const shown = (value: unknown) => display(value, !fromCsv);
  const code = skip(raw.code) ? null : field(categoryCodeSchema, raw.code, 'code', { value: shown(raw.code) });
  const parentCode = skip(raw.parentCode) ? null : field(parentCodeSchema, raw.parentCode, 'parent_code', { value: shown(raw.parentCode) });
  // undefined (tree checks skipped) when the parent code is invalid or its column missing, both reported already.
  const parentValid = !skip(raw.parentCode) && (parentCode !== null || raw.parentCode === null);
  const level = skip(raw.level) ? null : field(levelSchema, raw.level, 'level', { value: shown(raw.level) });
  const names: Partial<Record<Language, string>> = {};
  for (const language of LANGUAGES) {
    if (skip(raw.names[language])) continue;
    const name = field(nameSchema, raw.names[language], CATEGORY_NAME_FIELDS[language]);
    if (name !== null) names[language] = name;
  }

  if (code !== null && level !== null && code.length !== level * CODE_DIGITS_PER_LEVEL) {
    problems.add(raw.at, 'CODE_LEVEL_MISMATCH', { code, level, expectedLength: level * CODE_DIGITS_PER_LEVEL }, 'code');
  }
  return { at: raw.at, code, parentCode: parentValid ? parentCode : undefined, level, names };
}

/** The rules between entries; returns the entries sorted by code (meaningful only without problems). */
function checkTree(checked: CheckedEntry[], problems: Problems): CategoryEntry[] {
  const firstAt = (at: Location): Record<string, number> => ('line' in at ? { firstLine: at.line } : { firstEntry: at.entry });

  // The first entry with a code owns it; later ones are duplicates.
  const byCode = new Map<string, CheckedEntry>();
  for (const entry of checked) {
    if (entry.code === null) continue;
    const first = byCode.get(entry.code);
    if (first) problems.add(entry.at, 'DUPLICATE_CODE', { code: entry.code, ...firstAt(first.at) }, 'code');
    else byCode.set(entry.code, entry);
  }

  for (const entry of checked) {
    const { parentCode, level, code } = entry;
    if (parentCode === undefined) continue;
    if (level === 1 && parentCode !== null) problems.add(entry.at, 'LEVEL1_WITH_PARENT', { parentCode }, 'parent_code');
    if (level !== null && level > 1 && parentCode === null) problems.add(entry.at, 'MISSING_PARENT', { level }, 'parent_code');
    // An entry that is its own parent is reported once, as a cycle.
    if (parentCode === null || level === 1 || parentCode === code) continue;
    const parent = byCode.get(parentCode);
    if (!parent) {
      problems.add(entry.at, 'UNKNOWN_PARENT', { parentCode }, 'parent_code');
      continue;
    }
    if (level !== null && parent.level !== null && parent.level !== level - 1) {
      problems.add(entry.at, 'PARENT_LEVEL', { parentCode, parentLevel: parent.level, expectedLevel: level - 1 }, 'parent_code');
    }
    if (code !== null && !code.startsWith(parentCode)) {
      problems.add(entry.at, 'CODE_NOT_UNDER_PARENT', { code, parentCode }, 'code');
    }
  }

  reportCycles(checked, byCode, problems);
  reportSiblingNames(checked, problems, firstAt);

  const entries: CategoryEntry[] = [];
  for (const entry of checked) {
    const { code, parentCode, level, names } = entry;
    if (code === null || parentCode === undefined || level === null) continue;
    if (names['zh-CN'] === undefined || names['zh-HK'] === undefined || names.en === undefined) continue;
    entries.push({ code, parentCode, level, names: { 'zh-CN': names['zh-CN'], 'zh-HK': names['zh-HK'], en: names.en } });
  }
  return entries.sort((a, b) => compareCodes(a.code, b.code));
}

/** Follows parent links; a chain that comes back to itself is reported once, at its first entry in the file. */
function reportCycles(checked: CheckedEntry[], byCode: Map<string, CheckedEntry>, problems: Problems): void {
  const order = new Map(checked.map((entry, index) => [entry, index]));
  const done = new Set<CheckedEntry>();
  for (const start of checked) {
    if (done.has(start) || start.code === null || byCode.get(start.code) !== start) continue;
    const chain: CheckedEntry[] = [];
    const onChain = new Set<CheckedEntry>();
    let current: CheckedEntry | undefined = start;
    while (current && !done.has(current) && !onChain.has(current)) {
      chain.push(current);
      onChain.add(current);
      current = typeof current.parentCode === 'string' ? byCode.get(current.parentCode) : undefined;
    }
    if (current && onChain.has(current)) {
      const cycle = chain.slice(chain.indexOf(current));
      const first = cycle.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
      const codes = [...cycle, cycle[0]!].map((entry) => entry.code!);
      problems.add(first.at, 'CYCLE', { path: codes.join(' → ') }, 'parent_code');
    }
    for (const entry of chain) done.add(entry);
  }
}

/** Two children of one parent with the same name (in any language) cannot be told apart in a picker. */
function reportSiblingNames(checked: CheckedEntry[], problems: Problems, firstAt: (at: Location) => Record<string, number>): void {
  const seen = new Map<string, CheckedEntry>();
  for (const entry of checked) {
    if (entry.code === null || entry.parentCode === undefined) continue;
    for (const language of LANGUAGES) {
      const name = entry.names[language];
      if (name === undefined) continue;
      const key = `${entry.parentCode ?? ''}\u0000${language}\u0000${name.toLowerCase()}`;
      const first = seen.get(key);
      if (first && first.code !== entry.code) {
        problems.add(entry.at, 'DUPLICATE_SIBLING_NAME', { name, ...firstAt(first.at) }, CATEGORY_NAME_FIELDS[language]);
      } else if (!first) {
        seen.set(key, entry);
      }
    }
  }
}

// ── Checksum and export ─────────────────────────────────────────────────────────────

/** Code order is plain character order (never locale-dependent), which for these codes is tree order. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CANONICAL_HEADER = 'category-dictionary/1\n';

/**
 * `sha256:<hex>` of the canonical form: the line `category-dictionary/1`, then one line
 * per entry in code order, `code␉parent␉level␉zh-CN␉zh-HK␉en` (parent empty for level 1),
 * each ending in LF, in UTF-8. Only content counts: not the row order of the file, not
 * its format (CSV or JSON), not the version label, not the computed pinyin — so the same
 * dictionary has the same checksum wherever it is computed, and a re-sent copy is
 * recognised as unchanged. Names can hold no tab or line break, so the form is unambiguous.
 */
export function categoryChecksum(entries: readonly CategoryEntry[]): string {
  const sorted = [...entries].sort((a, b) => compareCodes(a.code, b.code));
  let canonical = CANONICAL_HEADER;
  for (const e of sorted) canonical += `${e.code}\t${e.parentCode ?? ''}\t${e.level}\t${e.names['zh-CN']}\t${e.names['zh-HK']}\t${e.names.en}\n`;
  return `sha256:${sha256Hex(new TextEncoder().encode(canonical))}`;
}

/** The dictionary as the seed's CSV (with the byte-order mark Excel needs to read UTF-8). */
export function toCategoryCsv(dictionary: Pick<CategoryDictionary, 'entries'>): string {
  return toCsv(
    [[...CATEGORY_CSV_COLUMNS], ...dictionary.entries.map((e) => [e.code, e.parentCode ?? '', e.level, e.names['zh-CN'], e.names['zh-HK'], e.names.en])],
    { excel: true },
  );
}

/** The dictionary as importable JSON: `{ version, checksum, entries }`, without the computed pinyin. */
export function toCategoryJson(dictionary: CategoryDictionary): string {
  const entries = dictionary.entries.map(({ code, parentCode, level, names }) => ({ code, parentCode, level, names }));
  return `${JSON.stringify({ version: dictionary.version, checksum: dictionary.checksum, entries }, null, 2)}\n`;
}

// ── Messages ────────────────────────────────────────────────────────────────────────

export interface TranslationCall {
  key: string;
  options: Record<string, string | number>;
}

/**
 * The i18n calls that render one import error: a location prefix ("第 12 行：") unless the
 * problem is the whole file's, and the message. Name problems take the field as i18next
 * context (`EMPTY_NAME_name_en`); a duplicate found in JSON names the first as an entry
 * (`DUPLICATE_CODE_json`).
 */
export function categoryImportErrorText(error: CategoryImportError): { location: TranslationCall | null; message: TranslationCall } {
  const location: TranslationCall | null =
    error.line !== undefined
      ? { key: 'categories.import.at.line', options: { line: error.line } }
      : error.entry !== undefined
        ? { key: 'categories.import.at.entry', options: { entry: error.entry } }
        : null;
  const options: Record<string, string | number> = { ...error.params };
  if (error.code === 'EMPTY_NAME' || error.code === 'NAME_TOO_LONG' || error.code === 'NAME_CONTROL_CHARACTERS') {
    if (error.field) options.context = error.field;
  } else if ((error.code === 'DUPLICATE_CODE' || error.code === 'DUPLICATE_SIBLING_NAME') && error.entry !== undefined) {
    options.context = 'json';
  }
  return { location, message: { key: `categories.import.errors.${error.code}`, options } };
}

// ── Bytes ───────────────────────────────────────────────────────────────────────────

/** A value as shown in a message, cut short: strings as they are (unless `asJson`), anything else as JSON. */
function display(value: unknown, asJson = false): string {
  const text = typeof value === 'string' && !asJson ? value : value === undefined ? '' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

/**
 * The offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or -1. GBK text fails here at its first
 * Chinese character, which is how an Excel "CSV" saved on Chinese Windows is recognised.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let continuation: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) continuation = 1;
    else if (lead >= 0xe0 && lead <= 0xef) continuation = 2;
    else if (lead >= 0xf0 && lead <= 0xf4) continuation = 3;
    else return i;
    if (lead === 0xe0) low = 0xa0; // overlong
    else if (lead === 0xed) high = 0x9f; // surrogates
    else if (lead === 0xf0) low = 0x90; // overlong
    else if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    for (let k = 1; k <= continuation; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return i;
      if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return i;
    }
    i += continuation + 1;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
