import { z } from 'zod';
import { localizedTextSchema } from '../domain/languages';

/**
 * A comic pack (docs/comics.md): the regulation comics people read while they wait. A pack
 * is a folder — `pack.json` (this schema) and its SVG files — shipped in
 * `resources/comics/<pack id>/` and, later, sent by the central server. The art is
 * language-neutral SVG; every word is in the pack, in the three languages, so that the
 * reader shows captions and speech in the page's language and reads them aloud.
 *
 * Integrity: `files` lists every file of the pack with the SHA-256 of its bytes, and
 * `checksum` is the SHA-256 of the pack's canonical JSON without `checksum` itself
 * (comic-pack-checksum.ts). A pack whose files or checksum do not match is refused and
 * the current pack stays.
 */

export const COMIC_PACK_SCHEMA_VERSION = 1;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and hyphens');
/** A path inside the pack folder: forward slashes, no `..`, an SVG file. */
export const packFilePathSchema = z
  .string()
  .regex(/^(?:[a-z0-9][a-z0-9_-]*\/)*[a-z0-9][a-z0-9_-]*\.svg$/, 'a relative path of an .svg file in the pack (lower-case, forward slashes)');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A text in the three languages (the hall's languages), short enough for a panel. */
const text = (max: number) =>
  z.object({ 'zh-CN': z.string().trim().min(1).max(max), 'zh-HK': z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) }).strict();

/**
 * An article of the 《信访工作条例》 a panel explains. `quote`: the words of that article
 * (paragraph, item) the panel rests on, exactly as in the regulation's text — a test finds
 * it there, and every number the caption states (15 days, 60 days, 5 representatives …)
 * must appear in a quote of the panel.
 */
export const articleReferenceSchema = z
  .object({
    article: z.number().int().min(1).max(50),
    paragraph: z.number().int().min(1).max(9).optional(),
    item: z.number().int().min(1).max(9).optional(),
    quote: z.string().min(2).max(200),
  })
  .strict();
export type ArticleReference = z.infer<typeof articleReferenceSchema>;

/** Someone who speaks in a panel: a member of the pack's cast. */
export const speechSchema = z
  .object({
    speaker: id,
    text: text(80),
    /** Where the bubble sits over the art, in percent of the panel's width and height (its top-left corner), and its width. */
    bubble: z.object({ x: z.number().min(0).max(100), y: z.number().min(0).max(100), width: z.number().min(10).max(100) }).strict(),
  })
  .strict();

export const comicPanelSchema = z
  .object({
    id,
    /** The art: an SVG of the pack, drawn for a 4:3 panel (viewBox 0 0 800 600). */
    file: packFilePathSchema,
    /** The line under the panel: what it explains, in plain words (large type). */
    caption: text(120),
    speech: z.array(speechSchema).max(3),
    /** What the picture shows, for screen readers and read-aloud. */
    alt: text(240),
    articles: z.array(articleReferenceSchema).min(1).max(4),
  })
  .strict();
export type ComicPanel = z.infer<typeof comicPanelSchema>;

export const comicSeriesSchema = z
  .object({
    id,
    title: text(40),
    summary: text(120),
    /** The panel shown on the series list: one of its panels' ids. */
    cover: id,
    panels: z.array(comicPanelSchema).min(6).max(16),
  })
  .strict()
  .superRefine((series, ctx) => {
    if (!series.panels.some((panel) => panel.id === series.cover)) ctx.addIssue({ code: 'custom', path: ['cover'], message: 'not a panel of the series' });
  });
export type ComicSeries = z.infer<typeof comicSeriesSchema>;

export const castMemberSchema = z.object({ id, name: text(20), role: text(40) }).strict();

export const comicPackSchema = z
  .object({
    schemaVersion: z.literal(COMIC_PACK_SCHEMA_VERSION),
    id,
    /** Newer packs replace older ones of the same id: `YYYY.MM.N`. */
    version: z.string().regex(/^\d{4}\.\d{1,2}\.\d{1,3}$/),
    title: localizedTextSchema,
    summary: localizedTextSchema,
    cast: z.array(castMemberSchema).min(1).max(12),
    series: z.array(comicSeriesSchema).min(1).max(20),
    /** Every file of the pack but pack.json, with the SHA-256 (hex) of its bytes. */
    files: z.record(packFilePathSchema, sha256),
    /** SHA-256 (hex) of the canonical JSON of this object without `checksum` (comic-pack-checksum.ts). */
    checksum: sha256,
  })
  .strict()
  .superRefine((pack, ctx) => {
    const cast = new Set(pack.cast.map((member) => member.id));
    const seen = new Set<string>();
    pack.series.forEach((series, s) => {
      if (seen.has(series.id)) ctx.addIssue({ code: 'custom', path: ['series', s, 'id'], message: 'duplicate series id' });
      seen.add(series.id);
      series.panels.forEach((panel, p) => {
        if (seen.has(panel.id)) ctx.addIssue({ code: 'custom', path: ['series', s, 'panels', p, 'id'], message: 'duplicate panel id' });
        seen.add(panel.id);
        if (!(panel.file in pack.files)) ctx.addIssue({ code: 'custom', path: ['series', s, 'panels', p, 'file'], message: 'file not listed in files' });
        panel.speech.forEach((line, l) => {
          if (!cast.has(line.speaker)) ctx.addIssue({ code: 'custom', path: ['series', s, 'panels', p, 'speech', l, 'speaker'], message: 'not in the cast' });
        });
      });
    });
  });
export type ComicPack = z.infer<typeof comicPackSchema>;
