import { z } from 'zod';
import { comicPackSchema, packFilePathSchema } from '../comics/comic-pack';
import { localizedTextSchema } from '../domain/languages';
import { isoDateSchema } from '../domain/queue-rules';
import { defineEvent, defineMethod } from './define';

/**
 * The regulation comics (issue 7, docs/comics.md): the current pack's manifest and its
 * SVGs for the /comics reader and the attract loops of the kiosk and the display, and
 * what was read — which series and panels, how far, how long — with no personal data.
 */

/** Where a panel was shown: the reader, or an attract loop (kiosk idle screen, hall display between calls). */
export const COMIC_SURFACES = ['reader', 'kiosk_attract', 'display_attract'] as const;
export const comicSurfaceSchema = z.enum(COMIC_SURFACES);
export type ComicSurface = z.infer<typeof comicSurfaceSchema>;

/** The longest time one panel counts for (10 minutes): a panel left on screen is not read for longer. */
export const COMIC_READING_MAX_MS = 10 * 60 * 1000;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const averageMs = z.number().int().nonnegative().nullable();

export const comicPanelStatsSchema = z.object({
  panelId: z.string(),
  /** Its place in the series, 0 = first. */
  index: z.number().int().nonnegative(),
  views: z.number().int().nonnegative(),
  /** Average time on the panel (ms); null when never shown. */
  averageMs,
});

export const comicSeriesStatsSchema = z.object({
  seriesId: z.string(),
  title: localizedTextSchema,
  /** Panels shown (every panel counts once each time it is shown). */
  views: z.number().int().nonnegative(),
  /** Reads that reached the series' last panel in the reader (once per read). */
  finishedReads: z.number().int().nonnegative(),
  /** Series opened in the reader (its first panel shown, once per read). */
  startedReads: z.number().int().nonnegative(),
  averageMs,
  panels: z.array(comicPanelStatsSchema),
});

export const comicPackInfoSchema = z.object({
  id: z.string(),
  version: z.string(),
  checksum: z.string(),
  source: z.enum(['shipped', 'central']),
  installedAt: z.number().int(),
});

/** The last pack the core refused since it started (docs/comics.md): why, in plain words. */
export const comicPackRefusalSchema = z.object({
  packId: z.string().nullable(),
  version: z.string().nullable(),
  source: z.enum(['shipped', 'central']),
  code: z.string(),
  message: z.string(),
  at: z.number().int(),
});

export const comicMethods = {
  'comics.pack': defineMethod({
    summary: 'The current comic pack: its manifest (pack.json: series, panels, captions, speech, alt text, article references, file hashes). null when no pack is installed.',
    roles: ['kiosk', 'display', 'clerk', 'admin'],
    signIn: false,
    input: z.object({}).strict(),
    output: z.object({ pack: comicPackSchema.nullable() }),
  }),
  'comics.file': defineMethod({
    summary: "One SVG of the current pack, as text, checked against its SHA-256 before it is sent. NOT_FOUND for a path the pack does not list.",
    roles: ['kiosk', 'display', 'clerk', 'admin'],
    signIn: false,
    input: z.object({ path: packFilePathSchema }).strict(),
    output: z.object({ path: z.string(), sha256: z.string(), svg: z.string() }),
  }),
  'comics.recordReading': defineMethod({
    summary:
      'A panel was shown: the series, the panel, how long it was on screen (capped at 10 minutes), where (reader, kiosk or display attract loop) and whether the same read showed it before. No personal data. NOT_FOUND for a panel the current pack does not have.',
    roles: ['kiosk', 'display'],
    signIn: false,
    input: z
      .object({
        seriesId: idSchema,
        panelId: idSchema,
        durationMs: z.number().int().min(0).max(COMIC_READING_MAX_MS),
        surface: comicSurfaceSchema,
        /** The reader showed this panel before in the same read (paging back): a view, but no new start or finish. */
        revisit: z.boolean().default(false),
      })
      .strict(),
    output: z.object({}),
  }),
  'comics.stats': defineMethod({
    summary:
      'What was read of the current pack, per series and panel: views, reads started and finished in the reader, average time; over a range of days (default: all) and one surface (default: all). Also the current pack and the last pack refused since start-up.',
    roles: ['admin'],
    signIn: true,
    input: z
      .object({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), surface: comicSurfaceSchema.optional() })
      .strict()
      .refine((range) => !range.from || !range.to || range.from <= range.to, { message: 'from must not be after to', path: ['to'] }),
    output: z.object({
      pack: comicPackInfoSchema.nullable(),
      lastRefusal: comicPackRefusalSchema.nullable(),
      series: z.array(comicSeriesStatsSchema),
    }),
  }),
};

export const comicEvents = {
  'comics.packChanged': defineEvent({
    summary: 'A newer comic pack was installed: reload comics.pack (pages that show comics start again from the series list).',
    audience: ['kiosk', 'display', 'clerk', 'admin'],
    data: z.object({ packId: z.string(), version: z.string() }),
  }),
};
