import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { DataKeyStore } from '../ports';
import { DATA_KEY_BYTES, PersonalDataCrypto } from './personal-data-crypto';

/**
 * The site's data key cannot be used: the key file is damaged (badSize), gone while the
 * database holds data written under it (missing), or another folder's key (wrong). The
 * personal data stored here cannot be read without the right one; the host stops and
 * says how to restore it (host.dataKey_<problem>).
 */
export class DataKeyError extends Error {
  constructor(
    readonly problem: 'badSize' | 'missing' | 'wrong',
    readonly path: string,
    readonly size = 0,
  ) {
    super(
      problem === 'badSize'
        ? `The data key file ${path} holds ${size} bytes instead of ${DATA_KEY_BYTES}: it is damaged or not a key file.`
        : problem === 'missing'
          ? `The data key file ${path} is missing, but the database holds personal data encrypted under it.`
          : `The data key file ${path} is not the key this database was written with.`,
    );
    this.name = 'DataKeyError';
  }
}

export const DATA_KEY_FILE = join('keys', 'data.key');

/**
 * The data key in a file of the data folder (`keys/data.key`: 32 random bytes, mode
 * 0600 in a 0700 folder), made on first start. The database is useless without it,
 * and it is useless without the database: back them up together, keep them apart
 * from anything else. (Issue 9 wraps it with the OS secret store in the Electron host.)
 */
export function keyFileDataKeyStore(dataDir: string): DataKeyStore {
  const directory = join(dataDir, 'keys');
  const path = join(dataDir, DATA_KEY_FILE);
  let key: Buffer | null = null;
  return {
    dataKey({ mayCreate }) {
      if (key) return key;
      if (!existsSync(path)) {
        // A new key for a database full of data encrypted under the lost one would make it unreadable for good.
        if (!mayCreate) throw new DataKeyError('missing', path);
        mkdirSync(directory, { recursive: true, mode: 0o700 });
        chmodSync(directory, 0o700);
        createKeyFile(path);
      }
      const read = readFileSync(path);
      if (read.length !== DATA_KEY_BYTES) throw new DataKeyError('badSize', path, read.length);
      key = read;
      return key;
    },
  };
}

/**
 * Writes a new key beside the final name, then links it into place: the link fails
 * if another process (a second core on the same folder) made the key meanwhile, and
 * then everyone reads that one. Nobody ever sees a half-written key.
 */
function createKeyFile(path: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(DATA_KEY_BYTES));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  syncDirectory(dirname(path));
}

/** A new file survives a power cut only once its folder entry is on disk (not possible on Windows: skipped). */
function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder; NTFS journals the entry itself.
  }
}

/** A random key held in memory only: for ':memory:' databases, which die with the process too. */
export function memoryDataKeyStore(): DataKeyStore {
  const key = randomBytes(DATA_KEY_BYTES);
  return { dataKey: () => key };
}

/** Where the database keeps the check value of its data key (a JSON string of PersonalDataCrypto.keyCheck()). */
export const KEY_CHECK_SETTING = 'dataKeyCheck';

/**
 * Gets the data key and makes sure it is this database's: the first start stores a
 * check value derived from the key (never the key), every later start compares it.
 * A key file swapped for another folder's stops the start instead of failing at the
 * first visitor looked up.
 */
export function openDataKey(db: Database.Database, store: DataKeyStore, where: string): PersonalDataCrypto {
  const stored = db.prepare('SELECT value FROM hall_settings WHERE key = ?').pluck().get(KEY_CHECK_SETTING) as string | undefined;
  const crypto = new PersonalDataCrypto(store.dataKey({ mayCreate: stored === undefined }));
  const check = JSON.stringify(crypto.keyCheck());
  // Two processes starting on a fresh folder may both get here: the first check value
  // stored wins, and each compares its key with that one.
  if (stored === undefined) db.prepare('INSERT OR IGNORE INTO hall_settings (key, value) VALUES (?, ?)').run(KEY_CHECK_SETTING, check);
  const kept = db.prepare('SELECT value FROM hall_settings WHERE key = ?').pluck().get(KEY_CHECK_SETTING) as string;
  if (kept !== check) throw new DataKeyError('wrong', where);
  return crypto;
}
