import type Database from 'better-sqlite3';
import type { CategoryDictionaryInfo, CategorySource } from '../../../shared/contract';
import type { CategoryEntry, CategoryPinyin } from '../../../shared/domain/categories/category-dictionary';

interface DictionaryRow {
  id: number;
  version: string;
  checksum: string;
  entry_count: number;
  source: CategorySource;
  imported_at: number;
  staff_id: string | null;
  staff_no: string | null;
  staff_name: string | null;
  retired_count: number;
}

interface EntryRow {
  code: string;
  parent_code: string | null;
  level: number;
  name_zh_cn: string;
  name_zh_hk: string;
  name_en: string;
  pinyin: string;
}

/** A code as a past record reads it: its latest names, and the dictionary that retired it (if one did). */
export interface StoredCategory {
  entry: CategoryEntry;
  /** The version of the dictionary that dropped it; null while it is current. */
  retiredIn: string | null;
}

export interface CurrentDictionary extends CategoryDictionaryInfo {
  /** category_dictionaries.id: changes with every replacement, even to the same content. */
  id: number;
}

function entryFromRow(row: EntryRow): CategoryEntry {
  return {
    code: row.code,
    parentCode: row.parent_code,
    level: row.level,
    names: { 'zh-CN': row.name_zh_cn, 'zh-HK': row.name_zh_hk, en: row.name_en },
    pinyin: JSON.parse(row.pinyin) as CategoryPinyin[],
  };
}

/** The SQL of the category dictionary (migration 0006). */
export class CategoryStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      current: db.prepare<[], DictionaryRow>(`
        SELECT d.id, d.version, d.checksum, d.entry_count, d.source, d.imported_at,
               s.id AS staff_id, s.staff_no, s.name AS staff_name,
               (SELECT COUNT(*) FROM categories WHERE retired_in IS NOT NULL) AS retired_count
        FROM category_dictionaries d LEFT JOIN staff s ON s.id = d.imported_by
        ORDER BY d.id DESC LIMIT 1`),
      currentEntries: db.prepare<[], EntryRow>(
        'SELECT code, parent_code, level, name_zh_cn, name_zh_hk, name_en, pinyin FROM categories WHERE retired_in IS NULL ORDER BY code',
      ),
      states: db.prepare<[], { code: string; retired_in: number | null }>('SELECT code, retired_in FROM categories'),
      insertDictionary: db.prepare<[string, string, number, CategorySource, number, string | null]>(
        'INSERT INTO category_dictionaries (version, checksum, entry_count, source, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      // A code back from retirement keeps the dictionary it was first added in.
      upsertEntry: db.prepare(`
        INSERT INTO categories (code, parent_code, level, name_zh_cn, name_zh_hk, name_en, pinyin, added_in, retired_in)
        VALUES (@code, @parentCode, @level, @nameZhCN, @nameZhHK, @nameEn, @pinyin, @dictionaryId, NULL)
        ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, level = excluded.level, name_zh_cn = excluded.name_zh_cn,
          name_zh_hk = excluded.name_zh_hk, name_en = excluded.name_en, pinyin = excluded.pinyin, retired_in = NULL`),
      retire: db.prepare<[number, string]>('UPDATE categories SET retired_in = ? WHERE code = ? AND retired_in IS NULL'),
      byCode: db.prepare<[string], EntryRow & { retired_version: string | null }>(`
        SELECT c.code, c.parent_code, c.level, c.name_zh_cn, c.name_zh_hk, c.name_en, c.pinyin, d.version AS retired_version
        FROM categories c LEFT JOIN category_dictionaries d ON d.id = c.retired_in WHERE c.code = ?`),
    };
  }

  /** The current dictionary's facts, or null before any (a site whose seed could not be read). */
  current(): CurrentDictionary | null {
    const row = this.s.current.get();
    if (!row) return null;
    return {
      id: row.id,
      version: row.version,
      checksum: row.checksum,
      entryCount: row.entry_count,
      retiredCount: row.retired_count,
      source: row.source,
      importedAt: row.imported_at,
      importedBy: row.staff_id === null ? null : { id: row.staff_id, staffNo: row.staff_no!, name: row.staff_name! },
    };
  }

  /** The current entries in code order, with their pinyin keys. */
  currentEntries(): CategoryEntry[] {
    return this.s.currentEntries.all().map(entryFromRow);
  }

  /** Every code ever stored: null while current, else the id of the dictionary that retired it. */
  codeStates(): Map<string, number | null> {
    return new Map(this.s.states.all().map((row) => [row.code, row.retired_in]));
  }

  insertDictionary(row: { version: string; checksum: string; entryCount: number; source: CategorySource; importedAt: number; importedBy: string | null }): number {
    const { lastInsertRowid } = this.s.insertDictionary.run(row.version, row.checksum, row.entryCount, row.source, row.importedAt, row.importedBy);
    return Number(lastInsertRowid);
  }

  /** Writes an entry of the dictionary `dictionaryId` (parents first: call in code order). */
  putEntry(entry: CategoryEntry, dictionaryId: number): void {
    this.s.upsertEntry.run({
      code: entry.code,
      parentCode: entry.parentCode,
      level: entry.level,
      nameZhCN: entry.names['zh-CN'],
      nameZhHK: entry.names['zh-HK'],
      nameEn: entry.names.en,
      pinyin: JSON.stringify(entry.pinyin ?? []),
      dictionaryId,
    });
  }

  retire(code: string, dictionaryId: number): void {
    this.s.retire.run(dictionaryId, code);
  }

  /** A code as stored, retired or not; undefined for a code this site never had. */
  find(code: string): StoredCategory | undefined {
    const row = this.s.byCode.get(code);
    return row && { entry: entryFromRow(row), retiredIn: row.retired_version };
  }
}
