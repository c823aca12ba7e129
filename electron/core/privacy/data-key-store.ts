import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataKeyStore } from '../ports';
import { DATA_KEY_BYTES } from './personal-data-crypto';

/** The key file is not a key: wrong size. The folder's personal data cannot be read without the right one. */
export class DataKeyFileError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    super(
      `The data key file ${path} holds ${size} bytes instead of ${DATA_KEY_BYTES}: it is damaged or not a key file. ` +
        'Restore it from the backup of this data folder; without it the personal data stored here cannot be read. Nothing was changed.',
    );
    this.name = 'DataKeyFileError';
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
    dataKey() {
      if (key) return key;
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      chmodSync(directory, 0o700);
      if (!existsSync(path)) createKeyFile(path);
      const read = readFileSync(path);
      if (read.length !== DATA_KEY_BYTES) throw new DataKeyFileError(path, read.length);
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
