import type Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HallError, type HallLocation, type MethodOutput } from '../../../shared/contract';
import { LOCATION_PATH_SEPARATOR, parseLocationFile, type LocationEntry } from '../../../shared/domain/location-list';
import type { Logger } from '../ports';
import { LocationStore, type StoredLocation } from './location-store';

/**
 * Where the shipped demo list is: beside the bundle in dist/electron (scripts/build-electron.mjs
 * copies it there), else in the source tree's resources folder.
 */
export function seedLocationPath(): string {
  const candidates = [new URL('./locations/locations.csv', import.meta.url), new URL('../../../resources/locations/locations.csv', import.meta.url)].map(
    (url) => fileURLToPath(url),
  );
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

/**
 * 问题属地 (docs/locations.md): the hall's streets and communities. The shipped demo list
 * on first start, replaced as a whole by an admin's import (later by central). Codes a
 * new list lacks are retired, never deleted: past cases keep reading their location.
 */
export class LocationService {
  private readonly store: LocationStore;

  constructor(private readonly db: Database.Database) {
    this.store = new LocationStore(db);
  }

  /** Imports the shipped list when the site has none. A seed that cannot be read is logged; the hall starts without a list. */
  seedIfEmpty(seedPath: string, logger: Logger): boolean {
    if (!this.store.isEmpty()) return false;
    let parsed;
    try {
      parsed = parseLocationFile(readFileSync(seedPath, 'utf8'), 'csv');
    } catch (error) {
      logger.error('the location seed could not be read', { path: seedPath, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
    if (!parsed.ok) {
      logger.error('the location seed is not a valid list', { path: seedPath, problems: parsed.problems.slice(0, 5) });
      return false;
    }
    const entries = parsed.entries;
    // Checked again under the write lock: another process on the database may have seeded it meanwhile.
    return this.db
      .transaction(() => {
        if (!this.store.isEmpty()) return false;
        this.replace(entries);
        return true;
      })
      .immediate();
  }

  /** Streets in the file's order, each followed by its communities; retired ones after the active ones of their group. */
  list(): HallLocation[] {
    const all = this.store.all();
    const order = (a: StoredLocation, b: StoredLocation) => Number(b.active) - Number(a.active) || a.position - b.position;
    const streets = all.filter((location) => location.level === 'street').sort(order);
    const streetCodes = new Set(streets.map((street) => street.code));
    const communities = all.filter((location) => location.level === 'community').sort(order);
    const under = (code: string) => communities.filter((community) => community.parentCode === code);
    // A retired community whose old street became a community in a newer list: still listed, last.
    const orphans = communities.filter((community) => !streetCodes.has(community.parentCode ?? ''));
    return [...streets.flatMap((street) => [street, ...under(street.code)]), ...orphans].map(({ position: _position, ...location }) => location);
  }

  /** An admin's file: checked whole (every problem by line in IMPORT_INVALID's details.problems, nothing changed), then made current. */
  importFile(format: 'csv' | 'json', content: string): MethodOutput<'locations.import'> {
    const parsed = parseLocationFile(content, format);
    if (!parsed.ok) throw new HallError('IMPORT_INVALID', { count: parsed.problems.length }, { problems: parsed.problems });
    return this.db.transaction(() => this.replace(parsed.entries)).immediate();
  }

  /**
   * A location a new case may name, and the path stored with it (zh-CN, "光明街道 › 东周社区"):
   * INVALID_LOCATION for a code the hall never had or one a newer list retired.
   */
  requireActive(code: string): { location: HallLocation; path: string } {
    const location = this.store.find(code);
    if (!location) throw new HallError('INVALID_LOCATION', { code });
    if (!location.active) throw new HallError('INVALID_LOCATION', { context: 'retired', code, name: location.name['zh-CN'] });
    const street = location.parentCode === null ? undefined : this.store.find(location.parentCode);
    const path = [street?.name['zh-CN'], location.name['zh-CN']].filter((name) => name !== undefined).join(LOCATION_PATH_SEPARATOR);
    return { location, path };
  }

  /** Call inside a transaction: writes the list (streets first, for the parent reference) and retires what it lacks. */
  private replace(entries: LocationEntry[]): { count: number; retired: number } {
    const before = this.store.activeCodes();
    const positions = new Map(entries.map((entry, index) => [entry, index]));
    for (const entry of [...entries].sort((a, b) => Number(a.level === 'community') - Number(b.level === 'community'))) {
      this.store.put(entry, positions.get(entry)!);
    }
    const codes = new Set(entries.map((entry) => entry.code));
    let retired = 0;
    for (const code of before) {
      if (codes.has(code)) continue;
      this.store.retire(code);
      retired++;
    }
    return { count: entries.length, retired };
  }
}
