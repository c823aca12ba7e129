import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { DataKeyStore } from '../ports';
import { DATA_KEY_BYTES, PersonalDataCrypto } from './personal-data-crypto';

/**
 * The site's data key cannot be used: the key file is damaged (badSize), gone while the
 * database holds data written under it (missing), another folder's key (wrong), readable
 * by other users than the host's (exposed), or kept by the Electron app, wrapped by the
 * OS's secret store (wrapped: a Node host or tool cannot open it). The personal data
 * stored here cannot be read without the right one; the host stops and says what to do
 * (host.dataKey_<problem>, with `params`).
 */
export class DataKeyError extends Error {
  constructor(
    readonly problem: 'badSize' | 'missing' | 'wrong' | 'exposed' | 'wrapped',
    readonly path: string,
    readonly size = 0,
    /** The file's permission bits (exposed). */
    readonly mode = 0,
  ) {
    super(
      problem === 'badSize'
        ? `The data key file ${path} holds ${size} bytes instead of ${DATA_KEY_BYTES}: it is damaged or not a key file.`
        : problem === 'missing'
          ? `The data key file ${path} is missing, but the database holds personal data encrypted under it.`
          : problem === 'exposed'
            ? `The data key file ${path} can be read by other users (mode ${octal(mode)}): run chmod 600 ${path}`
            : problem === 'wrapped'
              ? `The data key of this folder is kept by the Electron app, wrapped by the OS's secret store (${path}).`
              : `The data key file ${path} is not the key this database was written with.`,
    );
    this.name = 'DataKeyError';
  }

  /** The values of the message host.dataKey_<problem>. */
  get params(): { path: string; size: number; mode: string } {
    return { path: this.path, size: this.size, mode: octal(this.mode) };
  }
}

const octal = (mode: number) => mode.toString(8).padStart(4, '0');

/** The key file of the Node host (and of the Electron host started with --allow-plain-key). */
export const DATA_KEY_FILE = join('keys', 'data.key');
/** The new key of a rotation not settled yet (rotate-data-folder.ts); settled by the next open (openDataKey). */
export const PENDING_DATA_KEY_FILE = join('keys', 'data.key.pending');
/** The Electron host's key, wrapped by safeStorage (electron/main/data-key-keeper.ts). */
export const WRAPPED_DATA_KEY_FILE = join('keys', 'data.key.wrapped');
/** The Electron host's pending key of a rotation, wrapped the same way. */
export const PENDING_WRAPPED_DATA_KEY_FILE = join('keys', 'data.key.pending.wrapped');

/** The permission bits of the group and of others: a key file may have none of them (POSIX). */
const GROUP_OR_OTHERS = 0o077;

/**
 * The data key in a file of the data folder (`keys/data.key`: 32 random bytes, mode
 * 0600 in a 0700 folder), made on first start. The database is useless without it,
 * and it is useless without the database: back them up together, keep them apart
 * from anything else. A key file other users may read is refused (DataKeyError
 * 'exposed', with the chmod that mends it); on Windows modes do not apply, and the
 * folder's ACL is the site's to set (docs/security.md, "The data key").
 */
export function keyFileDataKeyStore(dataDir: string): Required<DataKeyStore> {
  const path = join(dataDir, DATA_KEY_FILE);
  const pendingPath = join(dataDir, PENDING_DATA_KEY_FILE);
  let key: Buffer | null = null;
  return {
    location: path,
    dataKey({ mayCreate }) {
      if (key) return key;
      if (!existsSync(path)) {
        // The Electron app keeps this folder's key wrapped: a new key here would not be the database's.
        const wrapped = join(dataDir, WRAPPED_DATA_KEY_FILE);
        if (existsSync(wrapped)) throw new DataKeyError('wrapped', wrapped);
        // A new key for a database full of data encrypted under the lost one would make it unreadable for good.
        if (!mayCreate) throw new DataKeyError('missing', path);
        makeKeyFolder(dataDir);
        createKeyFile(path, randomBytes(DATA_KEY_BYTES));
      }
      key = readKeyFile(path);
      return key;
    },
    pendingKey: () => (existsSync(pendingPath) ? readKeyFile(pendingPath) : null),
    settlePending(outcome) {
      key = null;
      // Committed: the old key goes with the rename (the database holds nothing under it any more).
      if (outcome === 'committed') moveKeyFile(pendingPath, path);
      else destroyKeyFile(pendingPath);
    },
  };
}

/** The keys folder, made readable by the host's user only (mode 0700). */
export function makeKeyFolder(dataDir: string): void {
  const directory = join(dataDir, 'keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700); // whatever the umask
}

/** A key file's 32 bytes, refused when other users may read it (POSIX) or when it is no key. */
export function readKeyFile(path: string): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode & 0o777;
    if (mode & GROUP_OR_OTHERS) throw new DataKeyError('exposed', path, 0, mode);
  }
  const read = readFileSync(path);
  if (read.length !== DATA_KEY_BYTES) throw new DataKeyError('badSize', path, read.length);
  return read;
}

/**
 * Writes new content beside the final name (mode 0600, on disk before anything points to
 * it), then links it into place: the link fails if another process (a second core on the
 * same folder) made the file meanwhile, and then everyone reads that one. Nobody ever
 * sees a half-written key. Answers whether this call made it.
 */
export function createKeyFile(path: string, content: Buffer): boolean {
  const temporary = writeTemporary(path, content);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkSync(temporary);
    syncDirectory(dirname(path));
  }
}

/** Writes a key file whole or not at all, replacing what was there (write a temporary file, fsync, rename). */
export function replaceKeyFile(path: string, content: Buffer): void {
  const temporary = writeTemporary(path, content);
  try {
    renameSync(temporary, path);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
  syncDirectory(dirname(path));
}

/** Renames a pending key over the key (atomically); one already moved (another host settled it first) is fine. */
export function moveKeyFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  syncDirectory(dirname(to));
}

/**
 * Overwrites a key file with zeros, then removes it. Best effort: a journaling file
 * system or an SSD may keep the old blocks; the file's mode and the disk's own
 * encryption are what protect it. A file already gone is fine.
 */
export function destroyKeyFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    writeSync(fd, Buffer.alloc(fstatSync(fd).size));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  syncDirectory(dirname(path));
}

function writeTemporary(path: string, content: Buffer): string {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temporary;
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
 *
 * A rotation cut short left a pending key beside the current one: the check value names
 * the one the database is under, and the store is told to keep that one (a rotation that
 * committed: the pending key becomes the key) or to destroy the pending one (it never
 * committed).
 */
export function openDataKey(db: Database.Database, store: DataKeyStore, where: string): PersonalDataCrypto {
  const stored = db.prepare('SELECT value FROM hall_settings WHERE key = ?').pluck().get(KEY_CHECK_SETTING) as string | undefined;
  const pending = stored === undefined ? null : (store.pendingKey?.() ?? null);
  if (pending) {
    const underPending = new PersonalDataCrypto(pending);
    if (JSON.stringify(underPending.keyCheck()) === stored) {
      store.settlePending?.('committed');
      return underPending;
    }
  }
  const crypto = new PersonalDataCrypto(store.dataKey({ mayCreate: stored === undefined }));
  const check = JSON.stringify(crypto.keyCheck());
  // Two processes starting on a fresh folder may both get here: the first check value
  // stored wins, and each compares its key with that one.
  if (stored === undefined) db.prepare('INSERT OR IGNORE INTO hall_settings (key, value) VALUES (?, ?)').run(KEY_CHECK_SETTING, check);
  const kept = db.prepare('SELECT value FROM hall_settings WHERE key = ?').pluck().get(KEY_CHECK_SETTING) as string;
  if (kept !== check) throw new DataKeyError('wrong', store.location ?? where);
  if (pending) store.settlePending?.('abandoned');
  return crypto;
}

/**
 * The key a database is under, by its stored check value, without writing or settling
 * anything (audit:verify): the store's key, or a pending key a cut-short rotation left.
 */
export function dataKeyMatching(stored: string, store: DataKeyStore, where: string): PersonalDataCrypto {
  const pending = store.pendingKey?.() ?? null;
  if (pending) {
    const underPending = new PersonalDataCrypto(pending);
    if (JSON.stringify(underPending.keyCheck()) === stored) return underPending;
  }
  const crypto = new PersonalDataCrypto(store.dataKey({ mayCreate: false }));
  if (JSON.stringify(crypto.keyCheck()) !== stored) throw new DataKeyError('wrong', store.location ?? where);
  return crypto;
}
