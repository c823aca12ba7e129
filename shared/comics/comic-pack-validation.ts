import { z } from 'zod';
import { LANGUAGES } from '../domain/languages';
import { comicPackSchema, comicSeriesSchema, COMIC_PACK_SCHEMA_VERSION, castMemberSchema, type ComicPack, type ComicSeries } from './comic-pack';
import { fileHash, packChecksum } from './comic-pack-checksum';
import { checkQuote, statedNumbers, type Regulation } from './regulation-text';
import { checkSvg } from './svg-safety';

/**
 * The checks of a comic pack (docs/comics.md), shared by the build script (sources →
 * resources/comics/…), the core (a shipped or synced pack before it is installed) and
 * the tests. Each problem names its file and, where there is one, the panel.
 */
export interface PackProblem {
  /** The file the problem is in: `pack.json`, `series/03-group-visits.json`, `group-visits/02.svg` … */
  file: string;
  /** The panel (or series) id, when the problem is about one. */
  panel?: string;
  message: string;
  /** What kind of check failed (the core's ComicPackError code follows from it). */
  kind?: PackProblemKind;
}

export type PackProblemKind = 'schema' | 'checksum' | 'file-missing' | 'file-hash' | 'file-extra' | 'file-unused' | 'svg' | 'text' | 'source';

export function formatProblem(problem: PackProblem): string {
  return `${problem.file}${problem.panel ? ` [${problem.panel}]` : ''}: ${problem.message}`;
}

/** The messages of a zod error, one per issue, with the path that failed. */
export function schemaProblems(error: z.ZodError, file: string, describePath?: (path: PropertyKey[]) => string | undefined): PackProblem[] {
  return error.issues.map((issue) => {
    const panel = describePath?.(issue.path);
    return { file, kind: 'schema' as const, ...(panel ? { panel } : {}), message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` };
  });
}

/** The pack without its integrity values: what pack-meta.json + the series make. */
export const packMetaSchema = z
  .object({
    schemaVersion: z.literal(COMIC_PACK_SCHEMA_VERSION),
    id: comicPackSchema.shape.id,
    version: comicPackSchema.shape.version,
    title: comicPackSchema.shape.title,
    summary: comicPackSchema.shape.summary,
    cast: z.array(castMemberSchema).min(1).max(12),
  })
  .strict();
export type PackMeta = z.infer<typeof packMetaSchema>;

/** Puts a pack together from its metadata, its series and its files' bytes: the hashes and the checksum. */
export function assemblePack(meta: PackMeta, series: ComicSeries[], files: ReadonlyMap<string, Uint8Array>): ComicPack {
  const hashes: Record<string, string> = {};
  for (const path of [...files.keys()].sort()) hashes[path] = fileHash(files.get(path)!);
  const pack = { ...meta, series, files: hashes };
  return { ...pack, checksum: packChecksum(pack) } as ComicPack;
}

function panelPathDescriber(pack: unknown) {
  return (path: PropertyKey[]): string | undefined => {
    if (path[0] !== 'series' || typeof path[1] !== 'number') return undefined;
    const series = (pack as { series?: { id?: unknown; panels?: { id?: unknown }[] }[] }).series?.[path[1]];
    if (path[2] === 'panels' && typeof path[3] === 'number') {
      const id = series?.panels?.[path[3]]?.id;
      return typeof id === 'string' ? id : `${String(series?.id)} panel ${path[3] + 1}`;
    }
    return typeof series?.id === 'string' ? series.id : undefined;
  };
}

/**
 * Checks a pack as it would be installed: the schema, every listed file present with its
 * hash, no file that is not listed, every file used by a panel, every SVG safe, and the
 * checksum. `files` holds the bytes of the pack's files (paths relative to the pack folder).
 */
export function checkPack(
  candidate: unknown,
  files: ReadonlyMap<string, Uint8Array>,
  /** The SHA-256 (hex) of a file: the shared one by default; the core passes node:crypto's, which is faster. */
  hash: (bytes: Uint8Array) => string = fileHash,
): { pack: ComicPack | null; problems: PackProblem[] } {
  const parsed = comicPackSchema.safeParse(candidate);
  if (!parsed.success) return { pack: null, problems: schemaProblems(parsed.error, 'pack.json', panelPathDescriber(candidate)) };
  const pack = parsed.data;
  const problems: PackProblem[] = [];
  const used = new Set(pack.series.flatMap((series) => series.panels.map((panel) => panel.file)));
  for (const [path, expected] of Object.entries(pack.files)) {
    const bytes = files.get(path);
    if (!bytes) {
      problems.push({ file: path, kind: 'file-missing', message: 'listed in pack.json but missing' });
      continue;
    }
    if (hash(bytes) !== expected) problems.push({ file: path, kind: 'file-hash', message: "its SHA-256 is not the one pack.json lists (the file was changed)" });
    if (!used.has(path)) problems.push({ file: path, kind: 'file-unused', message: 'no panel uses this file' });
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    for (const message of checkSvg(text, bytes.length)) problems.push({ file: path, kind: 'svg', message });
  }
  for (const path of files.keys()) if (!(path in pack.files)) problems.push({ file: path, kind: 'file-extra', message: 'a file of the pack that pack.json does not list' });
  const checksum = packChecksum(pack as unknown as Record<string, unknown>);
  if (checksum !== pack.checksum) problems.push({ file: 'pack.json', kind: 'checksum', message: `the checksum does not match the pack's content (expected ${checksum}, pack.json says ${pack.checksum})` });
  return { pack, problems };
}

/**
 * Checks what the panels say against the regulation: every quote is in the article (and
 * paragraph, item) it names, and every number a caption states, in any language, is in a
 * quote of the same panel. `fileOf` names the source file of a series for the messages.
 */
export function checkPackText(pack: Pick<ComicPack, 'series'>, regulation: Regulation, fileOf: (series: ComicSeries) => string = () => 'pack.json'): PackProblem[] {
  const problems: PackProblem[] = [];
  for (const series of pack.series) {
    const file = fileOf(series);
    for (const panel of series.panels) {
      const quoted = new Set<number>();
      for (const [r, reference] of panel.articles.entries()) {
        const problem = checkQuote(regulation, reference);
        if (problem) problems.push({ file, panel: panel.id, kind: 'text', message: `articles[${r}] (第${reference.article}条): ${problem}` });
        for (const value of statedNumbers(reference.quote)) quoted.add(value);
      }
      for (const language of LANGUAGES) {
        for (const value of new Set(statedNumbers(panel.caption[language]))) {
          if (!quoted.has(value)) {
            problems.push({ file, panel: panel.id, kind: 'text', message: `the ${language} caption states ${value}, which no quote of the panel contains («${panel.caption[language]}»)` });
          }
        }
      }
    }
  }
  return problems;
}

/** Checks one series source file (series/NN-<id>.json): the schema and its name. */
export function checkSeriesSource(candidate: unknown, file: string): { series: ComicSeries | null; problems: PackProblem[] } {
  const parsed = comicSeriesSchema.safeParse(candidate);
  if (!parsed.success) {
    const describe = (path: PropertyKey[]) => {
      if (path[0] !== 'panels' || typeof path[1] !== 'number') return undefined;
      const id = (candidate as { panels?: { id?: unknown }[] }).panels?.[path[1]]?.id;
      return typeof id === 'string' ? id : `panel ${path[1] + 1}`;
    };
    return { series: null, problems: schemaProblems(parsed.error, file, describe) };
  }
  const series = parsed.data;
  const problems: PackProblem[] = [];
  const expected = /^\d{2}-(.+)\.json$/.exec(file.split('/').at(-1)!)?.[1];
  if (expected !== series.id) problems.push({ file, kind: 'source', message: `the file should be named NN-${series.id}.json (series id "${series.id}")` });
  for (const panel of series.panels) {
    if (!panel.file.startsWith(`${series.id}/`)) problems.push({ file, panel: panel.id, kind: 'source', message: `the panel's file ${panel.file} should be in the series folder ${series.id}/` });
  }
  return { series, problems };
}

/** Compares two pack versions (`YYYY.MM.N`) as numbers: negative when a is older than b. */
export function compareComicVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
