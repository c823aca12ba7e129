import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_KEY_FILE, DataKeyFileError, keyFileDataKeyStore, memoryDataKeyStore } from './data-key-store';

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
    const key = keyFileDataKeyStore(dataDir).dataKey();
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
    const first = keyFileDataKeyStore(dataDir).dataKey();
    expect(keyFileDataKeyStore(dataDir).dataKey().equals(first)).toBe(true);
    expect(keyFileDataKeyStore(tempDir()).dataKey().equals(first)).toBe(false);
  });

  it('refuses a key file of the wrong size, and leaves it as it is', () => {
    const dataDir = tempDir();
    keyFileDataKeyStore(dataDir).dataKey();
    const path = join(dataDir, DATA_KEY_FILE);
    writeFileSync(path, Buffer.alloc(31));
    expect(() => keyFileDataKeyStore(dataDir).dataKey()).toThrow(DataKeyFileError);
    expect(() => keyFileDataKeyStore(dataDir).dataKey()).toThrow(/holds 31 bytes instead of 32/);
    expect(statSync(path).size).toBe(31);
  });

  it('is made once when several processes start on one folder at the same moment', async () => {
    const dataDir = tempDir();
    const module = fileURLToPath(new URL('./data-key-store.ts', import.meta.url));
    const script = `import { keyFileDataKeyStore } from ${JSON.stringify(module)};
      process.stdout.write(keyFileDataKeyStore(process.argv[1]).dataKey().toString('hex'));`;
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

  it('in memory: random per store, stable within one', () => {
    const store = memoryDataKeyStore();
    expect(store.dataKey().equals(store.dataKey())).toBe(true);
    expect(store.dataKey().equals(memoryDataKeyStore().dataKey())).toBe(false);
  });
});
