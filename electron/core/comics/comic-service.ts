import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { comicPackSchema, type ComicPack } from '../../../shared/comics/comic-pack';
import { checkPack, compareComicVersions } from '../../../shared/comics/comic-pack-validation';
import { HallError, type ComicSurface } from '../../../shared/contract';
import type { Clock, Logger } from '../ports';
import type { EventBus } from '../rpc/event-bus';
import { ComicPackError } from './comic-pack-error';
import { packFolders, readPackFolder, readPackJson } from './comic-pack-folder';
import { ComicStore, type ComicPackRow } from './comic-store';

export type ComicPackSource = 'shipped' | 'central';

export type InstallResult =
  | { installed: true; packId: string; version: string; replaced: string | null }
  | { installed: false; packId: string; version: string; reason: 'same-version' };

export interface ComicPackRefusal {
  packId: string | null;
  version: string | null;
  source: ComicPackSource;
  code: string;
  message: string;
  at: number;
}

const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The regulation comics (docs/comics.md): the verified packs in the database, the files
 * the pages show, and what was read.
 *
 * `installPack` is the one way in for a pack, whatever brought it (the shipped folder at
 * start-up; central sync later, issue 8): the pack is checked whole — schema, every
 * file's SHA-256, the checksum, SVG safety — and installed only when newer than the
 * current pack of its id. Anything else throws a ComicPackError and changes nothing.
 */
export class ComicService {
  private readonly store: ComicStore;
  private manifestCache: { key: string; pack: ComicPack } | null = null;
  private refusal: ComicPackRefusal | null = null;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly today: () => string,
  ) {
    this.store = new ComicStore(db);
  }

  /** Checks a pack (pack.json's content and its files' bytes by relative path) and installs it. Throws ComicPackError. */
  installPack(candidate: unknown, files: ReadonlyMap<string, Uint8Array>, source: ComicPackSource): InstallResult {
    const { pack, problems } = checkPack(candidate, files, nodeSha256);
    if (!pack || problems.length > 0) throw ComicPackError.fromProblems(problems);
    const current = this.store.currentOf(pack.id);
    if (current) {
      const order = compareComicVersions(pack.version, current.version);
      if (order < 0) throw new ComicPackError('NOT_NEWER', `version ${pack.version} is older than the current ${current.version}`);
      if (order === 0) {
        if (pack.checksum === current.checksum) return { installed: false, packId: pack.id, version: pack.version, reason: 'same-version' };
        throw new ComicPackError('VERSION_CONFLICT', `a different pack (checksum ${pack.checksum.slice(0, 12)}…) under the current version ${current.version}`);
      }
    }
    this.store.install(
      { pack_id: pack.id, version: pack.version, checksum: pack.checksum, manifest: JSON.stringify(pack), source, installed_at: this.clock.now() },
      Object.entries(pack.files).map(([path, sha256]) => ({ path, sha256, content: Buffer.from(files.get(path)!) })),
    );
    this.manifestCache = null;
    this.bus.publish('comics.packChanged', { packId: pack.id, version: pack.version });
    return { installed: true, packId: pack.id, version: pack.version, replaced: current?.version ?? null };
  }

  /**
   * Installs the packs of a folder (start-up: the shipped resources/comics/). A pack that
   * is the current one already is not read again; one that fails is logged and refused,
   * and the current pack stays. Never throws.
   */
  installFromFolder(folder: string, source: ComicPackSource = 'shipped'): void {
    const folders = packFolders(folder);
    if (folders.length === 0) this.logger.warn('no comic pack found', { folder });
    for (const packFolder of folders) {
      let packId: string | null = null;
      let version: string | null = null;
      try {
        const head = readPackJson(packFolder) as { id?: unknown; version?: unknown; checksum?: unknown } | null;
        packId = typeof head?.id === 'string' ? head.id : null;
        version = typeof head?.version === 'string' ? head.version : null;
        const current = packId ? this.store.currentOf(packId) : undefined;
        if (current && current.version === version && current.checksum === head?.checksum) continue;
        if (current && version && /^\d+\.\d+\.\d+$/.test(version) && compareComicVersions(version, current.version) < 0) {
          this.logger.info('comic pack kept: the current one is newer', { packId, shipped: version, current: current.version });
          continue;
        }
        const { candidate, files } = readPackFolder(packFolder);
        const result = this.installPack(candidate, files, source);
        if (result.installed) this.logger.info('comic pack installed', { packId: result.packId, version: result.version, replaced: result.replaced, source });
      } catch (error) {
        this.refuse(error, { packId, version, source, folder: packFolder });
      }
    }
  }

  /** Logs and remembers a refused pack (comics.stats shows the last one). */
  refuse(error: unknown, where: { packId: string | null; version: string | null; source: ComicPackSource; folder?: string }): void {
    const code = error instanceof ComicPackError ? error.code : 'UNREADABLE';
    const message = error instanceof Error ? error.message : String(error);
    const current = where.packId ? this.store.currentOf(where.packId) : this.store.current();
    this.refusal = { packId: where.packId, version: where.version, source: where.source, code, message, at: this.clock.now() };
    this.logger.warn('comic pack refused: the current pack stays', {
      ...where,
      code,
      reason: message,
      current: current ? `${current.pack_id} ${current.version}` : null,
    });
  }

  lastRefusal(): ComicPackRefusal | null {
    return this.refusal;
  }

  private currentRow(): ComicPackRow | undefined {
    return this.store.current();
  }

  /** The current pack's manifest, or null. */
  currentPack(): ComicPack | null {
    const row = this.currentRow();
    if (!row) return null;
    const key = `${row.pack_id} ${row.version} ${row.checksum}`;
    if (this.manifestCache?.key !== key) this.manifestCache = { key, pack: comicPackSchema.parse(JSON.parse(row.manifest)) };
    return this.manifestCache.pack;
  }

  currentInfo() {
    const row = this.currentRow();
    return row ? { id: row.pack_id, version: row.version, checksum: row.checksum, source: row.source, installedAt: row.installed_at } : null;
  }

  /** An SVG of the current pack, checked against its hash. */
  file(path: string): { path: string; sha256: string; svg: string } {
    const row = this.currentRow();
    const pack = this.currentPack();
    const expected = pack?.files[path];
    if (!row || !expected) throw new HallError('NOT_FOUND', { context: 'comicFile' });
    const stored = this.store.file(row.pack_id, row.version, path);
    if (!stored || stored.sha256 !== expected || nodeSha256(stored.content) !== expected) {
      this.logger.error('comic file does not match its hash', { packId: row.pack_id, version: row.version, path });
      throw new HallError('UNAVAILABLE', { context: 'comicFile' });
    }
    return { path, sha256: expected, svg: stored.content.toString('utf8') };
  }

  recordReading(reading: { seriesId: string; panelId: string; durationMs: number; surface: ComicSurface; revisit: boolean }): void {
    const row = this.currentRow();
    const series = this.currentPack()?.series.find((one) => one.id === reading.seriesId);
    const index = series?.panels.findIndex((panel) => panel.id === reading.panelId) ?? -1;
    if (!row || !series || index < 0) throw new HallError('NOT_FOUND', { context: 'comicPanel' });
    this.store.insertRead({
      pack_id: row.pack_id,
      pack_version: row.version,
      series_id: series.id,
      panel_id: reading.panelId,
      panel_index: index,
      is_last: index === series.panels.length - 1 ? 1 : 0,
      revisit: reading.revisit ? 1 : 0,
      surface: reading.surface,
      duration_ms: reading.durationMs,
      recorded_at: this.clock.now(),
      service_day: this.today(),
    });
  }

  /** Per series and panel of the current pack: views, reads started and finished in the reader, average time. */
  stats(range: { from?: string | undefined; to?: string | undefined; surface?: ComicSurface | undefined }) {
    const pack = this.currentPack();
    const info = this.currentInfo();
    if (!pack || !info) return { pack: null, lastRefusal: this.refusal, series: [] };
    const counts = new Map(
      this.store
        .readCounts(pack.id, { from: range.from ?? null, to: range.to ?? null, surface: range.surface ?? null })
        .map((row) => [`${row.series_id}/${row.panel_id}`, row]),
    );
    const average = (total: number, views: number) => (views > 0 ? Math.round(total / views) : null);
    const series = pack.series.map((one) => {
      let views = 0;
      let total = 0;
      let finished = 0;
      let started = 0;
      const panels = one.panels.map((panel, index) => {
        const row = counts.get(`${one.id}/${panel.id}`);
        views += row?.views ?? 0;
        total += row?.total_ms ?? 0;
        finished += row?.finished ?? 0;
        started += row?.started ?? 0;
        return { panelId: panel.id, index, views: row?.views ?? 0, averageMs: average(row?.total_ms ?? 0, row?.views ?? 0) };
      });
      return { seriesId: one.id, title: one.title, views, finishedReads: finished, startedReads: started, averageMs: average(total, views), panels };
    });
    return { pack: info, lastRefusal: this.refusal, series };
  }
}
