import { z } from 'zod';
import {
  CATEGORY_CSV_COLUMNS,
  CATEGORY_IMPORT_ERROR_CODES,
  categoryChecksumSchema,
  categoryDictionarySchema,
  MAX_CATEGORY_FILE_BYTES,
} from '../domain/categories/category-dictionary';
import { defineEvent, defineMethod } from './define';
import { staffMemberSchema } from './staff-schemas';

/** Where the current dictionary came from: the seed shipped with the terminal, an admin's import, the central server. */
export const CATEGORY_SOURCES = ['seed', 'import', 'central'] as const;
export const categorySourceSchema = z.enum(CATEGORY_SOURCES);
export type CategorySource = z.infer<typeof categorySourceSchema>;

/** What is known about the current dictionary, without its entries (small: sent on every categories.get). */
export const categoryDictionaryInfoSchema = z.object({
  version: z.string(),
  checksum: categoryChecksumSchema,
  entryCount: z.number().int().nonnegative(),
  /** Codes of earlier dictionaries that this one lacks: kept so that past records still read. */
  retiredCount: z.number().int().nonnegative(),
  source: categorySourceSchema,
  importedAt: z.number().int().nonnegative(),
  /** The administrator who imported it; null: the seed, or central. */
  importedBy: staffMemberSchema.pick({ id: true, staffNo: true, name: true }).nullable(),
});
export type CategoryDictionaryInfo = z.infer<typeof categoryDictionaryInfoSchema>;

/**
 * One problem of a refused import, as `IMPORT_INVALID` carries it in `details.problems`
 * (the domain's CategoryImportError): pages render each with categoryImportErrorText in
 * their own language.
 */
export const categoryImportProblemSchema = z.object({
  line: z.number().int().positive().optional(),
  entry: z.number().int().nonnegative().optional(),
  field: z.enum(CATEGORY_CSV_COLUMNS).optional(),
  code: z.enum(CATEGORY_IMPORT_ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export const categoryImportRefusalSchema = z.object({ problems: z.array(categoryImportProblemSchema) });

/** The content-category dictionary (spread into the contract's method table). */
export const categoryMethods = {
  'categories.get': defineMethod({
    summary:
      "The current content-category dictionary with each entry's pinyin search keys (for the clerk's picker; ~100 KB for 500 entries). Send the checksum of the copy you hold as knownChecksum: when it is still current the answer is { unchanged: true } without the entries.",
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z.object({ knownChecksum: categoryChecksumSchema.optional() }).strict(),
    output: z.discriminatedUnion('unchanged', [
      z.object({ unchanged: z.literal(true), info: categoryDictionaryInfoSchema }),
      z.object({ unchanged: z.literal(false), info: categoryDictionaryInfoSchema, dictionary: categoryDictionarySchema }),
    ]),
  }),
  'categories.import': defineMethod({
    summary:
      'Replace the dictionary with a CSV or JSON file (docs/categories.md), all or nothing: a file with problems answers IMPORT_INVALID listing every one by line (details.problems) and changes nothing. Codes the new dictionary lacks are retired, never deleted. A JSON file carrying its own version keeps it.',
    roles: ['admin'],
    signIn: true,
    input: z
      .object({
        format: z.enum(['csv', 'json']),
        // In characters, which never outnumber the UTF-8 bytes: the import checks the bytes exactly (FILE_TOO_LARGE).
        text: z.string().max(MAX_CATEGORY_FILE_BYTES),
        // Checked by the import (BAD_VERSION, with its message); bounded here.
        version: z.string().max(100),
      })
      .strict(),
    output: z.object({
      info: categoryDictionaryInfoSchema,
      /** Codes new to this site, or back from retirement. */
      added: z.number().int().nonnegative(),
      /** Codes this import retired. */
      retired: z.number().int().nonnegative(),
    }),
    // Counts and the version, never the file.
    audit: {
      subject: () => 'categories:dictionary',
      details: ({ format }, { info, added, retired }) => ({ format, version: info.version, checksum: info.checksum, entries: info.entryCount, added, retired }),
    },
  }),
} as const;

export const categoryEvents = {
  'categories.changed': defineEvent({
    summary: 'The content-category dictionary was replaced: reload it (categories.get with the checksum held).',
    audience: ['clerk', 'admin'],
    data: z.object({ checksum: categoryChecksumSchema }),
  }),
} as const;
