import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../core/ports';
import { DATA_KEY_FILE, WRAPPED_DATA_KEY_FILE, keyFileDataKeyStore } from '../core/privacy/data-key-store';
import { DataKeyKeeper, KeyStoreError, type HandedKey } from './data-key-keeper';
import { FakeSecretStore } from './testing/fake-secret-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-keeper-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const posix = process.platform !== 'win32';

function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { logger: { info: record('info'), warn: record('warn'), error: record('error') }, lines };
}

function keeperFor(dataDir: string, store = new FakeSecretStore(), options = { allowPlainKey: false }) {
  const { logger, lines } = recordingLogger();
  return { keeper: new DataKeyKeeper(dataDir, store, options, logger), store, lines };
}

const keysFolder = (dataDir: string) => readdirSync(join(dataDir, 'keys')).sort();
const wrappedKey = (held: HandedKey) => {
  if (held.source !== 'wrapped') throw new Error(`expected a wrapped key, got ${held.source}`);
  return held;
};

describe('the Electron host’s data key, wrapped by safeStorage', () => {
  it('first start: a new key, wrapped and written 0600 in a 0700 folder; later starts unwrap the same key', async () => {
    const dataDir = tempDir();
    const { keeper, store, lines } = keeperFor(dataDir);
    const first = wrappedKey(await keeper.open());
    expect(first).toMatchObject({ created: true, pendingKey: null, location: join(dataDir, WRAPPED_DATA_KEY_FILE) });
    expect(first.key).toHaveLength(32);
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']); // no plain key, no temporary file
    const file = readFileSync(join(dataDir, WRAPPED_DATA_KEY_FILE));
    expect(file.includes(first.key)).toBe(false);
    expect(file.includes(Buffer.from(first.key.toString('base64')))).toBe(false);
    if (posix) {
      expect(statSync(join(dataDir, WRAPPED_DATA_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    }
    expect(lines).toEqual([expect.stringMatching(/^info data key made, kept wrapped by the OS secret store/)]);

    const again = wrappedKey(await keeperFor(dataDir, store).keeper.open());
    expect(again).toMatchObject({ created: false, pendingKey: null });
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('wraps the key again when the OS store renewed its own key (shouldReEncrypt): the same data key', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    const key = wrappedKey(await keeperFor(dataDir, store).keeper.open()).key;
    store.renew();
    const { keeper, lines } = keeperFor(dataDir, store);
    expect(wrappedKey(await keeper.open()).key.equals(key)).toBe(true);
    expect(store.versionOf(readFileSync(join(dataDir, WRAPPED_DATA_KEY_FILE)))).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^info data key wrapped again under the renewed key/)]);
  });

  it('moves the plain key file of an earlier hall into the secret store: the same key, the plain file gone', async () => {
    const dataDir = tempDir();
    const plainKey = keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
    const { keeper, store, lines } = keeperFor(dataDir);
    const held = wrappedKey(await keeper.open());
    expect(held).toMatchObject({ created: false, pendingKey: null });
    expect(held.key.equals(plainKey)).toBe(true);
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
    expect(lines).toEqual([expect.stringMatching(/^info data key moved into the OS secret store; the plain key file was overwritten and removed/)]);
    expect(wrappedKey(await keeperFor(dataDir, store).keeper.open()).key.equals(plainKey)).toBe(true);
  });

  it('finishes a move cut short (both files there): removes the plain copy of the same key, keeps a different one', async () => {
    const dataDir = tempDir();
    const plainKey = keyFileDataKeyStore(dataDir).dataKey({ mayCreate: true });
    const store = new FakeSecretStore();
    writeFileSync(join(dataDir, WRAPPED_DATA_KEY_FILE), await store.encryptStringAsync(plainKey.toString('base64')), { mode: 0o600 });
    const { keeper } = keeperFor(dataDir, store);
    expect(wrappedKey(await keeper.open()).key.equals(plainKey)).toBe(true);
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);

    writeFileSync(join(dataDir, DATA_KEY_FILE), Buffer.alloc(32, 7), { mode: 0o600 });
    const other = keeperFor(dataDir, store);
    expect(wrappedKey(await other.keeper.open()).key.equals(plainKey)).toBe(true);
    expect(keysFolder(dataDir)).toEqual(['data.key', 'data.key.wrapped']);
    expect(other.lines).toEqual([expect.stringMatching(/^warn a plain key file that is not the wrapped key lies in the keys folder/)]);
  });

  it('refuses to start without a secret store (or with Linux’s basic_text), unless --allow-plain-key: then the core keeps the plain file', async () => {
    for (const setUp of [(store: FakeSecretStore) => (store.available = false), (store: FakeSecretStore) => (store.backend = 'basic_text')]) {
      const dataDir = tempDir();
      const store = new FakeSecretStore();
      setUp(store);
      await expect(keeperFor(dataDir, store).keeper.open()).rejects.toThrow(expect.objectContaining({ problem: 'unavailable' }));
      expect(readdirSync(dataDir)).toEqual([]); // nothing written

      const allowed = keeperFor(dataDir, store, { allowPlainKey: true });
      expect(await allowed.keeper.open()).toEqual({ source: 'keyFile' });
      expect(allowed.lines).toEqual([expect.stringMatching(/^warn no OS secret store: the data key is kept in a plain key file readable by this user only \(--allow-plain-key\)/)]);
    }
  });

  it('never gives a wrapped key up for a plain one: a store gone away is refused, even with --allow-plain-key', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    await keeperFor(dataDir, store).keeper.open();
    store.available = false;
    await expect(keeperFor(dataDir, store, { allowPlainKey: true }).keeper.open()).rejects.toThrow(expect.objectContaining({ problem: 'unavailableWrapped' }));
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
  });

  it('says when the store cannot unwrap the key (locked, another user’s), and when the file holds no key', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    await keeperFor(dataDir, store).keeper.open();
    store.failDecrypt = true;
    await expect(keeperFor(dataDir, store).keeper.open()).rejects.toThrow(KeyStoreError);
    await expect(keeperFor(dataDir, store).keeper.open()).rejects.toThrow(expect.objectContaining({ problem: 'unwrapFailed' }));

    store.failDecrypt = false;
    writeFileSync(join(dataDir, WRAPPED_DATA_KEY_FILE), await store.encryptStringAsync('not a key'));
    await expect(keeperFor(dataDir, store).keeper.open()).rejects.toThrow(expect.objectContaining({ problem: 'badWrapped', path: join(dataDir, WRAPPED_DATA_KEY_FILE) }));
  });

  it('--rotate-keys: a new key wrapped as the pending key; settled as the key, or destroyed', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    const key = wrappedKey(await keeperFor(dataDir, store).keeper.open()).key;

    const { keeper } = keeperFor(dataDir, store);
    const rotation = wrappedKey(await keeper.prepareRotation());
    expect(rotation.key.equals(key)).toBe(true);
    expect(rotation.pendingKey).toHaveLength(32);
    expect(rotation.pendingKey!.equals(key)).toBe(false);
    expect(keysFolder(dataDir)).toEqual(['data.key.pending.wrapped', 'data.key.wrapped']);
    // An earlier rotation not settled yet: refused.
    await expect(keeperFor(dataDir, store).keeper.prepareRotation()).rejects.toThrow(expect.objectContaining({ problem: 'rotationPending' }));
    // The next start hands both over.
    const both = wrappedKey(await keeperFor(dataDir, store).keeper.open());
    expect(both.pendingKey!.equals(rotation.pendingKey!)).toBe(true);

    keeper.settle('committed');
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
    expect(wrappedKey(await keeperFor(dataDir, store).keeper.open()).key.equals(rotation.pendingKey!)).toBe(true);

    const next = keeperFor(dataDir, store).keeper;
    await next.prepareRotation();
    next.settle('abandoned');
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
    expect(wrappedKey(await keeperFor(dataDir, store).keeper.open()).key.equals(rotation.pendingKey!)).toBe(true);
  });

  it('removes a key it made on this start when the core refuses it, and only such a key', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    const { keeper } = keeperFor(dataDir, store);
    await keeper.open();
    keeper.settle('discardCreated');
    expect(keysFolder(dataDir)).toEqual([]);

    const made = keeperFor(dataDir, store).keeper;
    await made.open();
    const later = keeperFor(dataDir, store).keeper;
    await later.open(); // unwrapped, not made
    later.settle('discardCreated');
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
  });
});
