import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../core';
import { MIGRATIONS_DIRECTORY } from '../db/database';
import { DatabaseTooNewError, loadMigrations } from '../db/migrate';
import { KEY_CHECK_SETTING, dataKeyMatching, keyFileDataKeyStore } from '../privacy/data-key-store';
import { RETIRED_AUDIT_KEYS_SETTING, retiredAuditKeys } from '../privacy/key-rotation';
import { PersonalDataCrypto } from '../privacy/personal-data-crypto';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/service-day';
import { AuditLog, type AuditChainCheck } from './audit-log';

/** What `npm run audit:verify` found (docs/audit-log.md). */
export type FolderCheck =
  | { ok: true; rows: number }
  | {
      ok: false;
      firstBrokenSeq: number;
      reason: Extract<AuditChainCheck, { ok: false }>['reason'];
      /** The broken row's time and action, to find it by. */
      at: number;
      action: string;
      /** The hall's time zone, to show `at` as the hall's local time. */
      timeZone: string;
    };

/**
 * The data folder cannot be checked: no database in it (`noDatabase`), a file that is not
 * the hall's database (`notHallDatabase`). A missing or wrong key file is a DataKeyError, a
 * database of a newer version a DatabaseTooNewError, as when the host starts.
 */
export class FolderCheckError extends Error {
  constructor(
    readonly problem: 'noDatabase' | 'notHallDatabase',
    readonly path: string,
  ) {
    super(problem === 'noDatabase' ? `There is no hall database at ${path}` : `${path} is not a database of the hall terminal`);
    this.name = 'FolderCheckError';
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Verifies the audit chain of a data folder's database without writing anything: never
 * migrated, never a byte written to the database file, no -wal or -shm file left behind
 * where there was none. The audit key is the core's (the data key from the folder's key
 * file, never created here, and its audit chain key; after a key rotation also the
 * retired audit keys the database keeps under it); a key file of another folder is
 * refused as the host refuses it (the key check value stored in the database).
 */
export function verifyDataFolder(dataDir: string): FolderCheck {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) throw new FolderCheckError('noDatabase', path);
  const db = openReadOnly(path);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) throw new FolderCheckError('notHallDatabase', path);
    const known = loadMigrations(MIGRATIONS_DIRECTORY).length;
    if (version > known) throw new DatabaseTooNewError(version, known);

    const store = keyFileDataKeyStore(dataDir);
    const stored = setting(db, KEY_CHECK_SETTING);
    // The key the database is under: the key file's, or the pending key of a rotation cut short (settled by the host's next start, not here).
    const crypto = stored === undefined ? new PersonalDataCrypto(store.dataKey({ mayCreate: false })) : dataKeyMatching(stored, store, store.location);

    // A database from before the audit log (migration 0009) has no rows to verify.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get()) return { ok: true, rows: 0 };
    const retired = setting(db, RETIRED_AUDIT_KEYS_SETTING) === undefined ? [] : retiredAuditKeys(db, crypto);
    const check = new AuditLog(db, crypto.auditChainKey(), retired).verify();
    if (check.ok) return check;
    const row = db.prepare<[number], { at: number; action: string }>('SELECT at, action FROM audit_log WHERE seq = ?').get(check.firstBrokenSeq)!;
    const timeZone = setting(db, 'timeZone');
    return { ...check, at: row.at, action: row.action, timeZone: timeZone ? (JSON.parse(timeZone) as string) : DEFAULT_TIME_ZONE };
  } finally {
    db.close();
  }
}

/**
 * The database, read-only. With a -wal file beside it (the host is running, or stopped
 * without its last checkpoint), its newest rows are in that file: SQLite opens both
 * read-only and uses the -wal and -shm files already there. Without one, the database
 * file is the whole database: its bytes are read into memory and opened there, so that
 * SQLite makes no -wal or -shm file of its own (a read-only connection to a WAL database
 * would, and leave them behind). An in-memory database cannot be in WAL mode: the copy's
 * header says rollback journal (bytes 18–19); the file itself is not touched.
 */
function openReadOnly(path: string): Database.Database {
  if (existsSync(`${path}-wal`)) return checked(new Database(path, { readonly: true, fileMustExist: true }), path);
  const bytes = readFileSync(path);
  if (bytes.length === 0) throw new FolderCheckError('notHallDatabase', path);
  if (!bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) throw new FolderCheckError('notHallDatabase', path);
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  return checked(new Database(bytes, { readonly: true }), path);
}

/** A file SQLite cannot read as a database fails here, not halfway through the check. */
function checked(db: Database.Database, path: string): Database.Database {
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch {
    db.close();
    throw new FolderCheckError('notHallDatabase', path);
  }
}

function setting(db: Database.Database, key: string): string | undefined {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hall_settings'").get()) return undefined;
  return db.prepare<[string], string>('SELECT value FROM hall_settings WHERE key = ?').pluck().get(key);
}
