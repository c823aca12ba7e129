import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { indexSearchBacklog, registerSearchFunctions } from '../search/search-index';
import { DatabaseTooNewError, loadMigrations, migrate, type Migration } from './migrate';

/** Beside this module in the source tree and beside the bundle in dist/electron. */
export const MIGRATIONS_DIRECTORY = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  filename: string;
  migrations?: Migration[];
  now?: () => number;
  /** A better_sqlite3.node built for this runtime (Electron in development); default: the package's own. */
  nativeBinding?: string;
}

/**
 * Opens the site's database the way the register needs it: WAL, synchronous=FULL
 * (an acknowledged record survives a power cut), foreign keys on, a busy timeout so
 * a second connection waits instead of failing, then migrates it.
 */
export function openDatabase({ filename, migrations, now, nativeBinding }: OpenDatabaseOptions): Database.Database {
  const db = new Database(filename, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    // Refuse a newer database before anything writes to it (WAL mode is a write).
    const knownVersions = (migrations ??= loadMigrations(MIGRATIONS_DIRECTORY)).length;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > knownVersions) throw new DatabaseTooNewError(version, knownVersions);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // The search indexes' triggers call these (migration 0010, docs/search.md).
    registerSearchFunctions(db);
    migrate(db, migrations, now);
    indexSearchBacklog(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
