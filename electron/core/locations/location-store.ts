import type Database from 'better-sqlite3';
import type { HallLocation } from '../../../shared/contract';
import type { LocationEntry } from '../../../shared/domain/location-list';

interface LocationRow {
  code: string;
  parent_code: string | null;
  level: HallLocation['level'];
  name_zh_cn: string;
  name_zh_hk: string;
  name_en: string;
  position: number;
  active: 0 | 1;
}

/** A location as stored, with the order of the file it came from. */
export interface StoredLocation extends HallLocation {
  position: number;
}

function fromRow(row: LocationRow): StoredLocation {
  return {
    code: row.code,
    parentCode: row.parent_code,
    level: row.level,
    name: { 'zh-CN': row.name_zh_cn, 'zh-HK': row.name_zh_hk, en: row.name_en },
    active: row.active === 1,
    position: row.position,
  };
}

/** The SQL of the street / community list (migration 0009). No rules here: see location-service. */
export class LocationStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      all: db.prepare<[], LocationRow>('SELECT * FROM locations ORDER BY position, code'),
      byCode: db.prepare<[string], LocationRow>('SELECT * FROM locations WHERE code = ?'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM locations'),
      activeCodes: db.prepare<[], { code: string }>('SELECT code FROM locations WHERE active = 1'),
      // A code back in a newer list is active again, with that list's names and place.
      upsert: db.prepare(`
        INSERT INTO locations (code, parent_code, level, name_zh_cn, name_zh_hk, name_en, position, active)
        VALUES (@code, @parentCode, @level, @nameZhCN, @nameZhHK, @nameEn, @position, 1)
        ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, level = excluded.level, name_zh_cn = excluded.name_zh_cn,
          name_zh_hk = excluded.name_zh_hk, name_en = excluded.name_en, position = excluded.position, active = 1`),
      retire: db.prepare<[string]>('UPDATE locations SET active = 0 WHERE code = ?'),
    };
  }

  all(): StoredLocation[] {
    return this.s.all.all().map(fromRow);
  }

  find(code: string): StoredLocation | undefined {
    const row = this.s.byCode.get(code);
    return row && fromRow(row);
  }

  isEmpty(): boolean {
    return this.s.count.get()!.n === 0;
  }

  activeCodes(): Set<string> {
    return new Set(this.s.activeCodes.all().map((row) => row.code));
  }

  /** Writes an entry of a new list at its place in the file (a community after its street: the parent reference). */
  put(entry: LocationEntry, position: number): void {
    this.s.upsert.run({
      code: entry.code,
      parentCode: entry.parentCode,
      level: entry.level,
      nameZhCN: entry.names['zh-CN'],
      nameZhHK: entry.names['zh-HK'],
      nameEn: entry.names.en,
      position,
    });
  }

  retire(code: string): void {
    this.s.retire.run(code);
  }
}
