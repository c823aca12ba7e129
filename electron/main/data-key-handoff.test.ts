import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitSummary } from '../../shared/contract';
import { createHallCore } from '../core/core';
import { silentLogger } from '../core/ports';
import { DATA_KEY_FILE, keyFileDataKeyStore } from '../core/privacy/data-key-store';
import { SEEDED_PEOPLE, seedPersonalData } from '../core/testing/personal-data-folder';
import { createTestHall } from '../core/testing/test-core';
import type { DataKeyMessage, KeysRotatedMessage } from './core-protocol';
import { DataKeyHandoff, DataKeyReceiver, coreDataKeyStore, dataKeyMessage, rotateHandedKey } from './data-key-handoff';
import { DataKeyKeeper } from './data-key-keeper';
import { FakeSecretStore } from './testing/fake-secret-store';

const dirs: string[] = [];
const closers: Array<() => void> = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-handoff-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  closers.splice(0).forEach((close) => close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const NOW = Date.parse('2026-12-01T02:00:00Z');
const keysFolder = (dataDir: string) => readdirSync(join(dataDir, 'keys')).sort();

/**
 * Main and one start of the core process, joined by a real message port: what crosses it
 * is a structured clone, as over Electron's utility process port (a Buffer arrives as a
 * Uint8Array). `settled()` waits until main has handled everything the core posted.
 */
function spawnCore(dataDir: string, store: FakeSecretStore, options = { allowPlainKey: false }) {
  const { port1: mainEnd, port2: coreEnd } = new MessageChannel();
  closers.push(() => mainEnd.close());
  const keeper = new DataKeyKeeper(dataDir, store, options, silentLogger);
  const rotated: KeysRotatedMessage[] = [];
  const handoff = new DataKeyHandoff(keeper, silentLogger, (message) => rotated.push(message));
  const forTheLink: unknown[] = [];
  let pong: (() => void) | null = null;
  mainEnd.on('message', (data: unknown) => {
    if ((data as { kind?: string }).kind === 'pong') return pong?.();
    if (!handoff.receive(data)) forTheLink.push(data);
  });
  const receiver = new DataKeyReceiver(2000);
  const forTheRelay: unknown[] = [];
  coreEnd.on('message', (data: unknown) => {
    if ((data as { kind?: string }).kind === 'ping') return coreEnd.postMessage({ kind: 'pong' });
    if (!receiver.receive(data)) forTheRelay.push(data);
  });
  const post = (message: unknown) => coreEnd.postMessage(message);
  return {
    fromMain: (message: unknown) => mainEnd.postMessage(message),
    keeper,
    rotated,
    forTheLink,
    forTheRelay,
    post,
    /** What main does right after the spawn: the key, first thing. */
    async handOver(rotate = false): Promise<DataKeyMessage> {
      const handed = rotate ? await keeper.prepareRotation() : await keeper.open();
      mainEnd.postMessage(dataKeyMessage(handed, rotate));
      return receiver.received;
    },
    settled: () => new Promise<void>((resolve) => ((pong = resolve), mainEnd.postMessage({ kind: 'ping' }))),
  };
}

/** The seeded case, found by its visitor's ID number and unmasked, under the key the core was handed. */
function expectReadable(dataDir: string, message: DataKeyMessage, post: (message: unknown) => void): void {
  const hall = createTestHall({ dataDir, dataKeys: coreDataKeyStore(message, dataDir, post) });
  try {
    const person = SEEDED_PEOPLE[0]!;
    const found = hall.value<{ visits: VisitSummary[] }>('clerk', 'visits.search', { query: person.idNumber, kind: 'id_number' }).visits;
    expect(found).toHaveLength(1);
    const visit = hall.value('clerk', 'visits.get', { id: found[0]!.id }).visit;
    expect(hall.value('clerk', 'visitors.unmask', { visitorId: visit.visitor.id, reason: '核对身份' })).toEqual({ idNumber: person.idNumber, phone: person.phone });
    expect(hall.core.audit.verify()).toMatchObject({ ok: true });
  } finally {
    hall.core.close();
  }
}

describe('the data key from main to the core process', () => {
  it('crosses the message port once, right after the spawn; the core waits for it and opens the hall with it', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    const first = spawnCore(dataDir, store);
    const message = await first.handOver();
    expect(message).toMatchObject({ kind: 'dataKey', source: 'wrapped', created: true, rotate: false, pendingKey: null });
    if (message.source !== 'wrapped') throw new Error('wrapped');
    // A structured clone: bytes, not the Buffer main held.
    expect(message.key).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(message.key)).toBe(false);
    const unwrapped = (await store.decryptStringAsync(readFileSync(message.location))).result;
    expect(Buffer.from(message.key).toString('base64')).toBe(unwrapped);

    seedPersonalData(dataDir, { dataKeys: coreDataKeyStore(message, dataDir, first.post) });
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']); // never a plain key file

    // The next start: the same key, unwrapped again. The windows' requests, posted after it, are the relay's.
    const next = spawnCore(dataDir, store);
    const again = await next.handOver();
    expect(again).toMatchObject({ created: false });
    const request = { kind: 'request', callId: 1, windowId: 3, role: 'clerk', language: 'zh-CN', request: { id: 1, method: 'hall.info' } };
    next.fromMain(request);
    await next.settled();
    expect(next.forTheRelay).toEqual([request]);
    expectReadable(dataDir, again, next.post);
  });

  it('gives up when no key comes in time, and takes only the first, well-formed key message', async () => {
    const silent = new DataKeyReceiver(20);
    await expect(silent.received).rejects.toThrow('no data key from the main process');

    const receiver = new DataKeyReceiver(1000);
    expect(receiver.receive({ kind: 'request', callId: 1 })).toBe(false); // the relay's
    expect(receiver.receive({ kind: 'dataKey', source: 'wrapped', key: new Uint8Array(31), pendingKey: null, created: false, location: 'x', rotate: false })).toBe(true);
    await expect(receiver.received).rejects.toThrow('a malformed data key message');

    const once = new DataKeyReceiver(1000);
    const key = new Uint8Array(32).fill(1);
    once.receive({ kind: 'dataKey', source: 'wrapped', key, pendingKey: null, created: false, location: 'x', rotate: false });
    expect(once.receive({ kind: 'dataKey', source: 'keyFile', rotate: true })).toBe(true); // consumed, changes nothing
    await expect(once.received).resolves.toMatchObject({ source: 'wrapped', rotate: false });
  });

  it('moves a Node-era plain key file into the secret store, and the hall reads on', async () => {
    const dataDir = tempDir();
    seedPersonalData(dataDir); // keys/data.key, as before issue 9
    const store = new FakeSecretStore();
    const core = spawnCore(dataDir, store);
    const message = await core.handOver();
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
    expectReadable(dataDir, message, core.post);
  });

  it('--allow-plain-key without a secret store: the core keeps keys/data.key itself (0600)', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    store.backend = 'basic_text';
    const core = spawnCore(dataDir, store, { allowPlainKey: true });
    const message = await core.handOver();
    expect(message).toEqual({ kind: 'dataKey', source: 'keyFile', rotate: false });
    seedPersonalData(dataDir, { dataKeys: coreDataKeyStore(message, dataDir, core.post) });
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, DATA_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a lost wrapped key: the key main made on this start is refused by the database ("missing") and removed again', async () => {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    const first = spawnCore(dataDir, store);
    seedPersonalData(dataDir, { dataKeys: coreDataKeyStore(await first.handOver(), dataDir, first.post) });
    rmSync(join(dataDir, 'keys', 'data.key.wrapped'));

    for (let start = 0; start < 2; start++) {
      const core = spawnCore(dataDir, store);
      const message = await core.handOver();
      expect(message).toMatchObject({ created: true });
      expect(() => createHallCore({ dataDir, dataKeys: coreDataKeyStore(message, dataDir, core.post) })).toThrow(expect.objectContaining({ problem: 'missing' }));
      await core.settled();
      expect(keysFolder(dataDir)).toEqual([]);
    }
  });
});

describe('--rotate-keys: the core rotates under the keys main hands it', () => {
  async function wrappedHall() {
    const dataDir = tempDir();
    const store = new FakeSecretStore();
    const first = spawnCore(dataDir, store);
    const message = await first.handOver();
    seedPersonalData(dataDir, { dataKeys: coreDataKeyStore(message, dataDir, first.post) });
    return { dataDir, store, oldKey: Buffer.from((message as { key: Uint8Array }).key) };
  }

  it('rotates the database; main keeps the new key wrapped in place of the old; the hall reads on, its chain intact', async () => {
    const { dataDir, store, oldKey } = await wrappedHall();
    const rotation = spawnCore(dataDir, store);
    const message = await rotation.handOver(true);
    expect(message).toMatchObject({ source: 'wrapped', rotate: true });
    expect(keysFolder(dataDir)).toEqual(['data.key.pending.wrapped', 'data.key.wrapped']); // kept before the core starts
    const report = rotateHandedKey(dataDir, message, rotation.post, { now: NOW });
    rotation.post({ kind: 'keysRotated', ok: true, report });
    await rotation.settled();
    expect(rotation.rotated).toEqual([{ kind: 'keysRotated', ok: true, report: expect.objectContaining({ generation: 1, visitors: 4, attachments: 3 }) }]);
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);

    const next = spawnCore(dataDir, store);
    const after = await next.handOver();
    expect(Buffer.from((after as { key: Uint8Array }).key).equals(oldKey)).toBe(false);
    expectReadable(dataDir, after, next.post);
  });

  it('a core that died after the commit, before main heard of it: the next start settles the new key', async () => {
    const { dataDir, store } = await wrappedHall();
    const rotation = spawnCore(dataDir, store);
    const message = await rotation.handOver(true);
    rotateHandedKey(dataDir, message, () => {}, { now: NOW }); // its messages lost with it
    expect(keysFolder(dataDir)).toEqual(['data.key.pending.wrapped', 'data.key.wrapped']);

    const next = spawnCore(dataDir, store);
    const both = await next.handOver();
    expect(both).toMatchObject({ pendingKey: expect.any(Uint8Array) });
    expectReadable(dataDir, both, next.post);
    await next.settled();
    expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
    const settled = spawnCore(dataDir, store);
    expect(Buffer.from((await settled.handOver() as { key: Uint8Array }).key).equals(Buffer.from((message as { pendingKey: Uint8Array }).pendingKey))).toBe(true);
  });

  it('refused while the hall is open elsewhere: nothing changes, and the unused new key is destroyed', async () => {
    const { dataDir, store, oldKey } = await wrappedHall();
    const running = spawnCore(dataDir, store);
    const core = createHallCore({ dataDir, dataKeys: coreDataKeyStore(await running.handOver(), dataDir, running.post) });
    try {
      const rotation = spawnCore(dataDir, store);
      const message = await rotation.handOver(true);
      expect(() => rotateHandedKey(dataDir, message, rotation.post, { now: NOW })).toThrow(expect.objectContaining({ problem: 'inUse' }));
      await rotation.settled();
      expect(keysFolder(dataDir)).toEqual(['data.key.wrapped']);
    } finally {
      core.close();
    }
    const next = spawnCore(dataDir, store);
    expect(Buffer.from((await next.handOver() as { key: Uint8Array }).key).equals(oldKey)).toBe(true);
  });

  it('a plain key file (--allow-plain-key) is rotated by the core as keys:rotate does it', async () => {
    const dataDir = tempDir();
    seedPersonalData(dataDir);
    const oldKey = keyFileDataKeyStore(dataDir).dataKey({ mayCreate: false });
    const store = new FakeSecretStore();
    store.available = false;
    const rotation = spawnCore(dataDir, store, { allowPlainKey: true });
    const message = await rotation.handOver(true);
    expect(message).toEqual({ kind: 'dataKey', source: 'keyFile', rotate: true });
    expect(rotateHandedKey(dataDir, message, rotation.post, { now: NOW })).toMatchObject({ generation: 1 });
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    expect(readFileSync(join(dataDir, DATA_KEY_FILE)).equals(oldKey)).toBe(false);
    expectReadable(dataDir, message, rotation.post);
  });
});
