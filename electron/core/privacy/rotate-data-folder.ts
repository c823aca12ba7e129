import Database from 'better-sqlite3';
import type { TFunction } from 'i18next';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../core';
import { MIGRATIONS_DIRECTORY } from '../db/database';
import { DatabaseTooNewError, loadMigrations } from '../db/migrate';
import { registerSearchFunctions } from '../search/search-index';
import {
  DataKeyError,
  KEY_CHECK_SETTING,
  PENDING_DATA_KEY_FILE,
  WRAPPED_DATA_KEY_FILE,
  keyFileDataKeyStore,
  openDataKey,
  replaceKeyFile,
} from './data-key-store';
import { DATA_KEY_BYTES, PersonalDataCrypto } from './personal-data-crypto';
import { rotateDataKey, type RotateOptions, type RotationReport } from './key-rotation';

/**
 * The data folder cannot be rotated: no database (`noDatabase`), a file that is not the
 * hall's database (`notHallDatabase`), a host or another tool has it open (`inUse`), it
 * was written by an older version and not upgraded yet (`notCurrent`: start the host
 * once), or it never held a key (`neverStarted`: nothing to rotate).
 */
export class RotationError extends Error {
  constructor(
    readonly problem: 'noDatabase' | 'notHallDatabase' | 'inUse' | 'notCurrent' | 'neverStarted',
    readonly path: string,
  ) {
    super(`Cannot rotate the data key of ${path}: ${problem}`);
    this.name = 'RotationError';
  }
}

/**
 * Opens the folder's database for a rotation, to this connection alone: SQLite's
 * EXCLUSIVE locking mode, taken at once (no waiting). A host holds its database open
 * from start to stop, which keeps this lock from being taken (`inUse`); and while it is
 * held no host can open the database (it gives up after its busy timeout). The lock
 * goes with the connection — also when the process is killed. Secure delete: the old
 * ciphertexts the rotation replaces are overwritten in the file, not left in free space.
 */
export function openForRotation(dataDir: string, options: { nativeBinding?: string } = {}): Database.Database {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) throw new RotationError('noDatabase', path);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch {
    throw new RotationError('notHallDatabase', path);
  }
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new RotationError('inUse', path);
      throw new RotationError('notHallDatabase', path);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) throw new RotationError('notHallDatabase', path);
    const known = loadMigrations(MIGRATIONS_DIRECTORY).length;
    if (version > known) throw new DatabaseTooNewError(version, known);
    if (version < known) throw new RotationError('notCurrent', path);
    if (db.prepare('SELECT value FROM hall_settings WHERE key = ?').pluck().get(KEY_CHECK_SETTING) === undefined) throw new RotationError('neverStarted', path);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    registerSearchFunctions(db); // the search triggers' functions, as on every connection that writes
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Rotates a database opened with openForRotation from `from` to `to`, `to` already kept
 * as the pending key. Then settles the pending key by what the database says: committed
 * (the pending key becomes the key) or — when the rotation failed and the database is not
 * under `to` — abandoned (the pending key destroyed). A process killed halfway settles
 * nothing: the next start of a host makes the same decision (openDataKey).
 */
export function rotateLockedDatabase(
  db: Database.Database,
  from: Buffer,
  to: Buffer,
  settle: (outcome: 'committed' | 'abandoned') => void,
  options: RotateOptions,
): RotationReport {
  let report: RotationReport;
  try {
    report = rotateDataKey(db, from, to, options);
  } catch (error) {
    const stored = db.prepare('SELECT value FROM hall_settings WHERE key = ?').pluck().get(KEY_CHECK_SETTING);
    if (!db.inTransaction && stored !== JSON.stringify(new PersonalDataCrypto(to).keyCheck())) settle('abandoned');
    throw error;
  }
  try {
    settle('committed');
  } catch {
    // Committed all the same: the new key stays pending, and the next start settles it (openDataKey).
  }
  // Old ciphertexts may still lie in pages freed before the rotation (a deleted visitor, a
  // changed phone): VACUUM rewrites the file without them; the checkpoint empties the WAL.
  // Neither can undo the rotation: one that fails (no room on the disk) leaves it as it is.
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // The next rotation, or a VACUUM by hand, clears them.
  }
  return report;
}

/**
 * `npm run keys:rotate` on a Node host's folder (keys/data.key): a rotation cut short
 * earlier is settled first (as a host's start would), the new key is written as
 * keys/data.key.pending (0600, on disk before the transaction begins), the database
 * rotated, and the pending key renamed over the old one. The Electron app's folder
 * (keys/data.key.wrapped) is refused: only the app can unwrap its key (--rotate-keys).
 */
export function rotateKeyFileFolder(dataDir: string, options: Omit<RotateOptions, 'location'> & { nativeBinding?: string }): RotationReport {
  const wrapped = join(dataDir, WRAPPED_DATA_KEY_FILE);
  if (existsSync(wrapped)) throw new DataKeyError('wrapped', wrapped);
  const db = openForRotation(dataDir, { nativeBinding: options.nativeBinding });
  try {
    const store = keyFileDataKeyStore(dataDir);
    openDataKey(db, store, store.location); // checks the key, and settles an earlier rotation cut short
    const from = store.dataKey({ mayCreate: false });
    const to = randomBytes(DATA_KEY_BYTES);
    replaceKeyFile(join(dataDir, PENDING_DATA_KEY_FILE), to);
    return rotateLockedDatabase(db, from, to, (outcome) => store.settlePending(outcome), { ...options, location: store.location });
  } finally {
    db.close();
  }
}

/**
 * What to tell the operator when a rotation was refused before anything changed (the
 * message, in their language), or null for a failure of the rotation itself (undone).
 */
export function rotationRefusal(error: unknown, t: TFunction): string | null {
  if (error instanceof RotationError) {
    return error.problem === 'noDatabase' || error.problem === 'notHallDatabase'
      ? t(`auditVerify.${error.problem}`, { path: error.path })
      : t(`keysRotate.${error.problem}`, { path: error.path });
  }
  if (error instanceof DatabaseTooNewError) return t('host.databaseTooNew', { database: error.databaseVersion, supported: error.supportedVersion });
  if (error instanceof DataKeyError) return t(`host.dataKey_${error.problem}`, error.params);
  return null;
}
