import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createHallCore } from '../core';
import { createTestHall } from '../testing/test-core';
import { openDatabase } from '../db/database';
import { translatorFor } from '../i18n/translate';
import { DATA_KEY_FILE, DataKeyError, WRAPPED_DATA_KEY_FILE, destroyKeyFile, keyFileDataKeyStore, memoryDataKeyStore, openDataKey } from './data-key-store';
import { PersonalDataCrypto } from './personal-data-crypto';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const posix = process.platform !== 'win32';

describe('the data key file', () => {
  it('is made on first use: 32 random bytes, mode 0600 in a 0700 folder', () => {
    const dataDir = tempDir();
    const key = keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
    expect(key).toHaveLength(32);
    const path = join(dataDir, DATA_KEY_FILE);
    expect(existsSync(path)).toBe(true);
    if (posix) {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    }
    expect(readdirSync(join(dataDir, 'keys'))).toEqual(['data.key']); // no temporary file left
  });

  it('gives the same key on every start with the same folder, another in another folder', () => {
    const dataDir = tempDir();
    const first = keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
    expect(keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true }).equals(first)).toBe(true);
    expect(keyFileDataKeyStore(tempDir()).dataKey({ mayCreate: true }).equals(first)).toBe(false);
  });

  it('refuses a key file of the wrong size, and leaves it as it is', () => {
    const dataDir = tempDir();
    keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
    const path = join(dataDir, DATA_KEY_FILE);
    writeFileSync(path, Buffer.alloc(31));
    expect(() => keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true })).toThrow(DataKeyError);
    expect(() => keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true })).toThrow(/holds 31 bytes instead of 32/);
    expect(statSync(path).size).toBe(31);
  });

  it('is never made anew for a database that holds data under a key: missing means missing', () => {
    const dataDir = tempDir();
    expect(() => keyFileDataKeyStore(dataDir).dataKey({ mayCreate: false })).toThrow(DataKeyError);
    expect(existsSync(join(dataDir, DATA_KEY_FILE))).toBe(false);
  });

  it('is made once when several processes start on one folder at the same moment', async () => {
    const dataDir = tempDir();
    const module = fileURLToPath(new URL('./data-key-store.ts', import.meta.url));
    const script = `import { keyFileDataKeyStore } from ${JSON.stringify(module)};
      process.stdout.write(keyFileDataKeyStore(process.argv[1]).dataKey({ mayCreate: true }).toString('hex'));`;
    const keys = await Promise.all(
      Array.from({ length: 4 }, () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
          child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
        }),
      ),
    );
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toHaveLength(64);
  });

  it('refuses a key file other users may read, naming the chmod that mends it, and reads it once mended', () => {
    if (!posix) return; // Windows: modes do not apply; the keys folder's ACL is the site's (docs/security.md)
    const dataDir = tempDir();
    const key = keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
    const path = join(dataDir, DATA_KEY_FILE);
    for (const mode of [0o644, 0o640, 0o604, 0o620]) {
      chmodSync(path, mode);
      const refused = (() => {
        try {
          keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
          return null;
        } catch (error) {
          return error as DataKeyError;
        }
      })();
      expect(refused).toBeInstanceOf(DataKeyError);
      expect(refused).toMatchObject({ problem: 'exposed', path, params: { mode: `0${mode.toString(8)}` } });
      expect(refused!.message).toContain(`run chmod 600 ${path}`);
      expect(translatorFor('en')(`host.dataKey_${refused!.problem}`, refused!.params)).toContain(`run chmod 600 ${path}`);
    }
    chmodSync(path, 0o600);
    expect(keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true }).equals(key)).toBe(true);
    chmodSync(path, 0o400); // read-only for its owner is fine too
    expect(keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true }).equals(key)).toBe(true);
  });

  it("refuses a folder whose key the Electron app keeps wrapped, rather than make a plain one beside it", () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'keys'), { mode: 0o700 });
    writeFileSync(join(dataDir, WRAPPED_DATA_KEY_FILE), 'wrapped by the OS', { mode: 0o600 });
    expect(() => keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true })).toThrow(expect.objectContaining({ problem: 'wrapped' }));
    expect(existsSync(join(dataDir, DATA_KEY_FILE))).toBe(false);
  });

  it('destroys a key file by overwriting it before removing it', () => {
    const dataDir = tempDir();
    keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
    const path = join(dataDir, DATA_KEY_FILE);
    const otherName = join(dataDir, 'same-file');
    linkSync(path, otherName); // a second name for the same bytes shows what happened to them
    destroyKeyFile(path);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(otherName)).toEqual(Buffer.alloc(32));
    expect(() => destroyKeyFile(path)).not.toThrow(); // already gone: fine
  });

  it('in memory: random per store, stable within one', () => {
    const store = memoryDataKeyStore();
    expect(store.dataKey({ mayCreate: true }).equals(store.dataKey({ mayCreate: true }))).toBe(true);
    expect(store.dataKey({ mayCreate: true }).equals(memoryDataKeyStore().dataKey({ mayCreate: true }))).toBe(false);
  });
});

describe('the hall core and its data key', () => {
  const registerSomeone = (dataDir: string) => {
    const hall = createTestHall({ dataDir });
    hall.value('kiosk', 'kiosk.takeNumber', {
      serviceId: hall.serviceId('A'), language: 'zh-CN', partySize: 1, representatives: null, declaredPriority: null,
      person: { idNumber: '11010519491231002X', name: '王小明', phone: null },
    });
    hall.core.close();
  };

  it('refuses to start when the key file is gone, and does not make a new one', () => {
    const dataDir = tempDir();
    registerSomeone(dataDir);
    rmSync(join(dataDir, DATA_KEY_FILE));
    expect(() => createHallCore({ dataDir })).toThrow(expect.objectContaining({ problem: 'missing' }));
    expect(existsSync(join(dataDir, DATA_KEY_FILE))).toBe(false);
  });

  it('lets a second host that starts at the same moment on a fresh folder come up, with the same key', () => {
    const db = openDatabase({ filename: ':memory:' });
    const key = randomBytes(32);
    // The other host stores its check value after we looked for one and before we store ours.
    const racing = (otherKey: Buffer) => ({
      dataKey: () => {
        const check = JSON.stringify(new PersonalDataCrypto(otherKey).keyCheck());
        db.prepare("INSERT INTO hall_settings (key, value) VALUES ('dataKeyCheck', ?)").run(check);
        return key;
      },
    });
    expect(openDataKey(db, racing(key), 'here')).toBeInstanceOf(PersonalDataCrypto);
    db.prepare("DELETE FROM hall_settings WHERE key = 'dataKeyCheck'").run();
    // A host that made another key meanwhile (it should not: the key file is made once) is refused.
    expect(() => openDataKey(db, racing(randomBytes(32)), 'here')).toThrow(expect.objectContaining({ problem: 'wrong' }));
    db.close();
  });

  it("refuses another folder's key file, and starts again once the right one is back", () => {
    const dataDir = tempDir();
    registerSomeone(dataDir);
    const path = join(dataDir, DATA_KEY_FILE);
    const right = readFileSync(path);
    writeFileSync(path, randomBytes(32));
    expect(() => createHallCore({ dataDir })).toThrow(expect.objectContaining({ problem: 'wrong' }));
    writeFileSync(path, right);
    const core = createHallCore({ dataDir });
    expect(core.db.prepare('SELECT COUNT(*) FROM visitors').pluck().get()).toBe(1);
    core.close();
  });
});
