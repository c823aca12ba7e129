import { z } from 'zod';
import { localizedTextSchema } from '../domain/languages';
import { defineMethod } from './define';

/**
 * 问题属地: the streets (街道) and communities (社区) of the hall's area, a configurable
 * list (docs/locations.md). A case names one of them; the dashboard counts by them.
 */
export const locationCodeSchema = z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, 'location code');
export const LOCATION_LEVELS = ['street', 'community'] as const;

export const locationSchema = z.object({
  code: locationCodeSchema,
  /** The street a community belongs to; null for a street. */
  parentCode: locationCodeSchema.nullable(),
  level: z.enum(LOCATION_LEVELS),
  name: localizedTextSchema,
  /** false: no longer offered for new cases, kept so that past cases still read. */
  active: z.boolean(),
});
export type HallLocation = z.infer<typeof locationSchema>;

/** The columns of a location list file (CSV with this header, or JSON objects with these keys). */
export const LOCATION_CSV_COLUMNS = ['code', 'parent_code', 'level', 'name_zh_cn', 'name_zh_hk', 'name_en'] as const;
export const MAX_LOCATION_FILE_BYTES = 1_000_000;

export const locationMethods = {
  'locations.list': defineMethod({
    summary: "The hall's streets and communities (active and retired), streets first, each followed by its communities.",
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: z.object({ locations: z.array(locationSchema) }),
  }),
  'locations.import': defineMethod({
    summary:
      'Replace the list with a CSV or JSON file (docs/locations.md), all or nothing: a file with problems answers IMPORT_INVALID listing every one by line (details.problems) and changes nothing. Codes the new list lacks are retired (active: false), never deleted.',
    roles: ['admin'],
    signIn: true,
    input: z
      .object({ format: z.enum(['csv', 'json']), content: z.string().max(MAX_LOCATION_FILE_BYTES) })
      .strict(),
    output: z.object({ count: z.number().int().nonnegative(), retired: z.number().int().nonnegative() }),
    // Counts, never the file.
    audit: { subject: () => 'locations:list', details: ({ format }, { count, retired }) => ({ format, count, retired }) },
  }),
};
