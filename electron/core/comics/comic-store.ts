import type Database from 'better-sqlite3';
import type { ComicSurface } from '../../../shared/contract';

export interface ComicPackRow {
  pack_id: string;
  version: string;
  checksum: string;
  manifest: string;
  source: 'shipped' | 'central';
  installed_at: number;
  is_current: 0 | 1;
}

export interface ComicReadRow {
  pack_id: string;
  pack_version: string;
  series_id: string;
  panel_id: string;
  panel_index: number;
  is_last: 0 | 1;
  revisit: 0 | 1;
  surface: ComicSurface;
  duration_ms: number;
  recorded_at: number;
  service_day: string;
}

export interface PanelReadCounts {
  series_id: string;
  panel_id: string;
  views: number;
  total_ms: number;
  finished: number;
  started: number;
}

/** The SQL of comic packs and reading statistics (migration 0012). No rules here: see comic-service. */
export class ComicStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      current: db.prepare<[], ComicPackRow>('SELECT * FROM comic_packs WHERE is_current = 1 ORDER BY installed_at, pack_id LIMIT 1'),
      currentOf: db.prepare<[string], ComicPackRow>('SELECT * FROM comic_packs WHERE pack_id = ? AND is_current = 1'),
      file: db.prepare<[string, string, string], { sha256: string; content: Buffer }>(
        'SELECT sha256, content FROM comic_pack_files WHERE pack_id = ? AND version = ? AND path = ?',
      ),
      clearCurrent: db.prepare<[string]>('UPDATE comic_packs SET is_current = 0 WHERE pack_id = ? AND is_current = 1'),
      insertPack: db.prepare(`INSERT INTO comic_packs (pack_id, version, checksum, manifest, source, installed_at, is_current)
        VALUES (@pack_id, @version, @checksum, @manifest, @source, @installed_at, 1)`),
      insertFile: db.prepare<[string, string, string, string, Buffer]>('INSERT INTO comic_pack_files (pack_id, version, path, sha256, content) VALUES (?, ?, ?, ?, ?)'),
      // Earlier versions are not shown any more: their files go (the statistics keep their version's name).
      dropOthers: db.prepare<[string, string]>('DELETE FROM comic_packs WHERE pack_id = ? AND version <> ?'),
      dropOthersFiles: db.prepare<[string, string]>('DELETE FROM comic_pack_files WHERE pack_id = ? AND version <> ?'),
      insertRead: db.prepare(`INSERT INTO comic_reads
        (pack_id, pack_version, series_id, panel_id, panel_index, is_last, revisit, surface, duration_ms, recorded_at, service_day)
        VALUES (@pack_id, @pack_version, @series_id, @panel_id, @panel_index, @is_last, @revisit, @surface, @duration_ms, @recorded_at, @service_day)`),
    };
  }

  /** The pack the pages show: the current one (of the first pack id installed, when there are several). */
  current(): ComicPackRow | undefined {
    return this.s.current.get();
  }

  currentOf(packId: string): ComicPackRow | undefined {
    return this.s.currentOf.get(packId);
  }

  file(packId: string, version: string, path: string): { sha256: string; content: Buffer } | undefined {
    return this.s.file.get(packId, version, path);
  }

  /** Stores a verified pack and makes it the current one of its id, in one transaction. */
  install(row: Omit<ComicPackRow, 'is_current'>, files: Array<{ path: string; sha256: string; content: Buffer }>): void {
    this.db.transaction(() => {
      this.s.clearCurrent.run(row.pack_id);
      this.s.insertPack.run(row);
      for (const file of files) this.s.insertFile.run(row.pack_id, row.version, file.path, file.sha256, file.content);
      this.s.dropOthersFiles.run(row.pack_id, row.version);
      this.s.dropOthers.run(row.pack_id, row.version);
    })();
  }

  insertRead(row: ComicReadRow): void {
    this.s.insertRead.run(row);
  }

  /** Views, total time, finished and started reads per panel of a pack, over days and a surface (null: all). */
  readCounts(packId: string, range: { from: string | null; to: string | null; surface: ComicSurface | null }): PanelReadCounts[] {
    const where = ['pack_id = @packId'];
    if (range.from) where.push('service_day >= @from');
    if (range.to) where.push('service_day <= @to');
    if (range.surface) where.push('surface = @surface');
    return this.db
      .prepare<Record<string, unknown>, PanelReadCounts>(
        `SELECT series_id, panel_id, COUNT(*) AS views, SUM(duration_ms) AS total_ms,
           SUM(CASE WHEN is_last = 1 AND surface = 'reader' AND revisit = 0 THEN 1 ELSE 0 END) AS finished,
           SUM(CASE WHEN panel_index = 0 AND surface = 'reader' AND revisit = 0 THEN 1 ELSE 0 END) AS started
         FROM comic_reads WHERE ${where.join(' AND ')} GROUP BY series_id, panel_id`,
      )
      .all({ packId, from: range.from, to: range.to, surface: range.surface });
  }
}
