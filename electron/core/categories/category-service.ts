import type Database from 'better-sqlite3';
import { HallError, type CategoryDictionaryInfo, type CategorySource, type MethodOutput } from '../../../shared/contract';
import {
  compareCodes,
  MAX_CATEGORY_LEVEL,
  parseCategoryFile,
  type CategoryDictionary,
  type CategoryEntry,
  type CategoryFileFormat,
} from '../../../shared/domain/categories/category-dictionary';
import type { Clock, Logger } from '../ports';
import type { EventBus } from '../rpc/event-bus';
import { withPinyin } from './category-pinyin';
import { preparedSeedCategories, SEED_CATEGORY_VERSION } from './category-import';
import { CategoryStore, type StoredCategory } from './category-store';

export interface CategoryReplacement {
  info: CategoryDictionaryInfo;
  /** Codes new to this site, or back from retirement. */
  added: number;
  /** Codes the new dictionary lacks, now retired. */
  retired: number;
}

/**
 * The site's content-category dictionary: the shipped seed on first start, replaced as
 * a whole by an admin's import (later by central). A replacement is one transaction;
 * codes it drops are retired, never deleted, so the codes of past records still read.
 */
export class CategoryService {
  private readonly store: CategoryStore;
  /** The current dictionary as last read, by its row id (a replacement makes a new row). */
  private cached: { id: number; dictionary: CategoryDictionary } | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {
    this.store = new CategoryStore(db);
  }

  /**
   * Imports the shipped seed when the site has no dictionary yet. A seed that cannot be
   * read is logged and the hall starts without one (the queue needs none; an admin can
   * import one); false then.
   */
  seedIfEmpty(seedPath: string, logger: Logger): boolean {
    if (this.store.current()) return false;
    let result;
    try {
      result = preparedSeedCategories(seedPath);
    } catch (error) {
      logger.error('the category seed could not be read', { path: seedPath, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
    if (!result.ok) {
      logger.error('the category seed is not a valid dictionary', { path: seedPath, problems: result.errors.slice(0, 5) });
      return false;
    }
    const seed = { ...result.dictionary, version: result.dictionary.version ?? SEED_CATEGORY_VERSION };
    // Checked again under the write lock: another process on the database may have seeded it meanwhile.
    return this.db
      .transaction(() => {
        if (this.store.current()) return false;
        this.replace(seed, 'seed', null);
        return true;
      })
      .immediate();
  }

  /** The current dictionary, or only its facts when the caller holds it already (`knownChecksum`). */
  get(knownChecksum: string | undefined): MethodOutput<'categories.get'> {
    const current = this.store.current();
    if (!current) throw new HallError('NOT_FOUND', { context: 'categories' });
    const { id, ...info } = current;
    if (knownChecksum === info.checksum) return { unchanged: true, info };
    if (this.cached?.id !== id) this.cached = { id, dictionary: { version: info.version, checksum: info.checksum, entries: this.store.currentEntries() } };
    return { unchanged: false, info, dictionary: this.cached.dictionary };
  }

  /**
   * A code a new record may use: in the current dictionary. A retired code still reads
   * on past records but classifies nothing new (docs/categories.md).
   */
  requireCurrentCode(code: string): void {
    const stored = this.store.find(code);
    if (!stored) throw new HallError('INVALID_CATEGORY', { code });
    if (stored.retiredIn !== null) throw new HallError('INVALID_CATEGORY', { context: 'retired', code, version: stored.retiredIn });
  }

  /**
   * An admin's file: checked whole (every problem, by line, in IMPORT_INVALID's
   * details.problems, and nothing changed), then made current.
   */
  importFile(file: { format: CategoryFileFormat; text: string; version: string }, staffId: string | null): CategoryReplacement {
    const parsed = parseCategoryFile(file.text, { format: file.format, version: file.version });
    if (!parsed.ok) throw new HallError('IMPORT_INVALID', { count: parsed.errors.length }, { problems: parsed.errors });
    // The file's own version (JSON may carry one), else the one the admin typed.
    return this.replace({ ...withPinyin(parsed.dictionary), version: parsed.dictionary.version ?? file.version }, 'import', staffId);
  }

  /** Makes a checked dictionary (with its pinyin keys) current, in one transaction, and tells the pages. */
  replace(dictionary: CategoryDictionary & { version: string }, source: CategorySource, staffId: string | null): CategoryReplacement {
    const { added, retired } = this.db
      .transaction(() => {
        const before = this.store.codeStates();
        const id = this.store.insertDictionary({
          version: dictionary.version,
          checksum: dictionary.checksum,
          entryCount: dictionary.entries.length,
          source,
          importedAt: this.clock.now(),
          importedBy: staffId,
        });
        let added = 0;
        // Code order puts every parent before its children (the parent_code reference).
        const entries = [...dictionary.entries].sort((a, b) => compareCodes(a.code, b.code));
        for (const entry of entries) {
          if (!before.has(entry.code) || before.get(entry.code) !== null) added++;
          this.store.putEntry(entry, id);
        }
        const codes = new Set(entries.map((entry) => entry.code));
        let retired = 0;
        for (const [code, retiredIn] of before) {
          if (retiredIn === null && !codes.has(code)) {
            this.store.retire(code, id);
            retired++;
          }
        }
        return { added, retired };
      })
      .immediate();
    const { id: _id, ...info } = this.store.current()!;
    this.bus.publish('categories.changed', { checksum: info.checksum });
    return { info, added, retired };
  }

  /**
   * A code as a past record reads it, retired or not: the entries from level 1 down to
   * it (their latest names) and the version that retired it; undefined for an unknown code.
   */
  resolve(code: string): { ancestry: CategoryEntry[]; retiredIn: string | null } | undefined {
    const found = this.store.find(code);
    if (!found) return undefined;
    const ancestry: StoredCategory[] = [found];
    for (let parent = found.entry.parentCode; parent !== null && ancestry.length < MAX_CATEGORY_LEVEL; ) {
      const above = this.store.find(parent);
      if (!above) break;
      ancestry.unshift(above);
      parent = above.entry.parentCode;
    }
    return { ancestry: ancestry.map((stored) => stored.entry), retiredIn: found.retiredIn };
  }
}
