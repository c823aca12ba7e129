/**
 * Reading a dictionary file from disk: the size is checked before reading (a wrong file
 * picked by mistake may be huge), the bytes go to the shared parser and validator, and
 * a valid dictionary gets its pinyin search keys. All or nothing: the result is either a
 * complete dictionary or the list of problems.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MAX_CATEGORY_FILE_BYTES,
  parseCategoryFile,
  type CategoryFileFormat,
  type CategoryImportResult,
} from '../../../shared/domain/categories/category-dictionary';
import { withPinyin } from './category-pinyin';

/** The representative seed shipped in the resources folder (resources/dictionary/README.md). */
export const SEED_CATEGORY_FILE = join('dictionary', 'categories.csv');
/** The version a site's dictionary has until it imports one. */
export const SEED_CATEGORY_VERSION = 'seed-1';

/**
 * Where the shipped seed is: beside the bundle in dist/electron (scripts/build-electron.mjs
 * copies it there, as it does the migrations), else in the source tree's resources folder.
 */
export function seedCategoryPath(): string {
  const candidates = [new URL('./dictionary/categories.csv', import.meta.url), new URL('../../../resources/dictionary/categories.csv', import.meta.url)].map(
    (url) => fileURLToPath(url),
  );
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

function formatOf(path: string): CategoryFileFormat | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : undefined;
}

function tooLarge(size: number): CategoryImportResult {
  return { ok: false, errors: [{ code: 'FILE_TOO_LARGE', params: { bytes: size, maxBytes: MAX_CATEGORY_FILE_BYTES } }] };
}

function prepare(path: string, bytes: Uint8Array, options: { version?: string | null }): CategoryImportResult {
  const format = formatOf(path);
  const result = parseCategoryFile(bytes, { ...(format ? { format } : {}), ...options });
  return result.ok ? { ok: true, dictionary: withPinyin(result.dictionary) } : result;
}

/** Reads, checks and prepares a CSV or JSON dictionary file (the format from its extension, else its content). */
export async function readCategoryFile(path: string, options: { version?: string | null } = {}): Promise<CategoryImportResult> {
  const { size } = await stat(path);
  if (size > MAX_CATEGORY_FILE_BYTES) return tooLarge(size);
  return prepare(path, new Uint8Array(await readFile(path)), options);
}

/** The same, synchronously: for the core's start, which is synchronous. */
export function readCategoryFileSync(path: string, options: { version?: string | null } = {}): CategoryImportResult {
  const { size } = statSync(path);
  if (size > MAX_CATEGORY_FILE_BYTES) return tooLarge(size);
  return prepare(path, new Uint8Array(readFileSync(path)), options);
}

/** The seed dictionary from the application's resources folder (the host knows where that is). */
export function readSeedCategories(resourcesDirectory: string): Promise<CategoryImportResult> {
  return readCategoryFile(join(resourcesDirectory, SEED_CATEGORY_FILE), { version: SEED_CATEGORY_VERSION });
}

// The shipped seed does not change while the process runs: prepared once (its pinyin takes
// ~0.1 s), not again for every core a test suite opens on an empty database.
const preparedSeeds = new Map<string, CategoryImportResult>();

/** The seed at `path`, checked and with its pinyin keys, read once per process. */
export function preparedSeedCategories(path: string): CategoryImportResult {
  let result = preparedSeeds.get(path);
  if (!result) preparedSeeds.set(path, (result = readCategoryFileSync(path, { version: SEED_CATEGORY_VERSION })));
  return result;
}
