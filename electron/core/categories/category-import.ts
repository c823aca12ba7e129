/**
 * Reading a dictionary file from disk: the size is checked before reading (a wrong file
 * picked by mistake may be huge), the bytes go to the shared parser and validator, and
 * a valid dictionary gets its pinyin search keys. All or nothing: the result is either a
 * complete dictionary or the list of problems.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  MAX_CATEGORY_FILE_BYTES,
  parseCategoryFile,
  type CategoryFileFormat,
  type CategoryImportResult,
} from '../../../shared/domain/categories/category-dictionary';
import { withPinyin } from './category-pinyin';

/** The representative seed shipped in the resources folder (resources/dictionary/README.md). */
export const SEED_CATEGORY_FILE = join('dictionary', 'categories.csv');

function formatOf(path: string): CategoryFileFormat | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : undefined;
}

/** Reads, checks and prepares a CSV or JSON dictionary file (the format from its extension, else its content). */
export async function readCategoryFile(path: string, options: { version?: string | null } = {}): Promise<CategoryImportResult> {
  const { size } = await stat(path);
  if (size > MAX_CATEGORY_FILE_BYTES) {
    return { ok: false, errors: [{ code: 'FILE_TOO_LARGE', params: { bytes: size, maxBytes: MAX_CATEGORY_FILE_BYTES } }] };
  }
  const bytes = new Uint8Array(await readFile(path));
  const format = formatOf(path);
  const result = parseCategoryFile(bytes, { ...(format ? { format } : {}), ...options });
  return result.ok ? { ok: true, dictionary: withPinyin(result.dictionary) } : result;
}

/** The seed dictionary from the application's resources folder (the host knows where that is). */
export function readSeedCategories(resourcesDirectory: string): Promise<CategoryImportResult> {
  return readCategoryFile(join(resourcesDirectory, SEED_CATEGORY_FILE), { version: 'seed-1' });
}
