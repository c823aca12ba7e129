import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports';
import {
  DATA_KEY_FILE,
  DataKeyError,
  PENDING_DATA_KEY_FILE,
  PENDING_WRAPPED_DATA_KEY_FILE,
  WRAPPED_DATA_KEY_FILE,
  createKeyFile,
  destroyKeyFile,
  makeKeyFolder,
  moveKeyFile,
  replaceKeyFile,
} from '../core/privacy/data-key-store';
import { DATA_KEY_BYTES } from '../core/privacy/personal-data-crypto';

/**
 * The Electron host's data key (docs/security.md, "The data key"): 32 random bytes kept
 * in `keys/data.key.wrapped`, encrypted by the OS's secret store through Electron's
 * safeStorage (its asynchronous API: DPAPI on Windows, the Keychain on macOS, the
 * desktop's keyring on Linux). safeStorage exists in the main process only, and the core
 * runs in a utility process: main unwraps the key here and hands it over the process's
 * message port (data-key-handoff.ts), never in argv or the environment.
 *
 * - First start: a new key, wrapped, written (temporary file, fsync, link into place).
 * - A hall that ran with the plain key file (keys/data.key, before issue 9): its key is
 *   wrapped, the wrapped file written, the plain file overwritten and removed — once the
 *   wrapped copy was read back right.
 * - No secret store (safeStorage unavailable, or Linux's `basic_text`, a hard-coded
 *   password): the host refuses to start, unless started with `--allow-plain-key`, in
 *   which case the core keeps the plain key file as the Node host does (mode 0600), with
 *   a warning. A wrapped key is never given up for a plain one.
 * - A rotation (--rotate-keys) adds `keys/data.key.pending.wrapped`, settled by the core.
 */

/** What the keeper needs of safeStorage (main.ts adapts Electron's; tests use a fake). */
export interface SecretStore {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  /** Linux: the backend safeStorage chose; `basic_text` protects nothing. null on other systems. */
  linuxBackend(): string | null;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

/**
 * The key cannot be had from the secret store: there is none (`unavailable`; start with
 * --allow-plain-key to keep a plain key file instead), there is none but the key is
 * wrapped by it (`unavailableWrapped`: the keyring must come back — no flag helps), it
 * failed to unwrap (`unwrapFailed`: locked, or another user's), the wrapped file holds
 * no key (`badWrapped`), or --rotate-keys finds an earlier rotation not settled yet
 * (`rotationPending`: start the app normally once first).
 */
export class KeyStoreError extends Error {
  constructor(
    readonly problem: 'unavailable' | 'unavailableWrapped' | 'unwrapFailed' | 'badWrapped' | 'rotationPending',
    readonly path: string,
  ) {
    super(`The data key (${path}) cannot be used: ${problem}`);
    this.name = 'KeyStoreError';
  }
}

/** What main hands one start of the core process. */
export type HandedKey =
  | {
      source: 'wrapped';
      key: Buffer;
      /** The new key of a rotation not settled yet (or being made: --rotate-keys). */
      pendingKey: Buffer | null;
      /** Made by this start: the core reports it unused when the database already holds data (a lost key). */
      created: boolean;
      location: string;
    }
  /** --allow-plain-key on a machine without a secret store: the core uses keys/data.key itself, as the Node host does. */
  | { source: 'keyFile' };

export type SettleOutcome = 'committed' | 'abandoned' | 'discardCreated';

export class DataKeyKeeper {
  private readonly wrapped: string;
  private readonly pendingWrapped: string;
  private readonly plain: string;
  /** Whether the wrapped key file was made by this process (only such a file may be discarded). */
  private madeHere = false;

  constructor(
    private readonly dataDir: string,
    private readonly store: SecretStore,
    private readonly options: { allowPlainKey: boolean },
    private readonly logger: Logger,
  ) {
    this.wrapped = join(dataDir, WRAPPED_DATA_KEY_FILE);
    this.pendingWrapped = join(dataDir, PENDING_WRAPPED_DATA_KEY_FILE);
    this.plain = join(dataDir, DATA_KEY_FILE);
  }

  /** The key for one start of the core process. */
  async open(): Promise<HandedKey> {
    const available = await this.available();
    if (existsSync(this.wrapped)) {
      if (!available) throw new KeyStoreError('unavailableWrapped', this.wrapped);
      const key = await this.unwrap(this.wrapped);
      const pendingKey = existsSync(this.pendingWrapped) ? await this.unwrap(this.pendingWrapped) : null;
      if (existsSync(this.plain)) this.removeLeftoverPlain(key);
      return { source: 'wrapped', key, pendingKey, created: false, location: this.wrapped };
    }
    if (existsSync(this.plain)) {
      // A rotation of the plain key file cut short (keys:rotate) is settled by the core first; moved on a later start.
      if (available && !existsSync(join(this.dataDir, PENDING_DATA_KEY_FILE))) return this.moveIntoStore();
      return this.plainKeyFile(available);
    }
    if (!available) return this.plainKeyFile(available);
    const key = randomBytes(DATA_KEY_BYTES);
    makeKeyFolder(this.dataDir);
    if (!createKeyFile(this.wrapped, await this.wrap(key))) return this.open(); // made meanwhile by another process: that one
    this.madeHere = true;
    this.logger.info('data key made, kept wrapped by the OS secret store', { file: this.wrapped });
    return { source: 'wrapped', key, pendingKey: null, created: true, location: this.wrapped };
  }

  /**
   * --rotate-keys: the current key and a new one, wrapped and on disk as the pending key
   * before the core starts re-encrypting (so that a rotation that commits never leaves
   * the new key unkept). A plain key file is rotated by the core itself (keys:rotate's way).
   */
  async prepareRotation(): Promise<HandedKey> {
    const held = await this.open();
    if (held.source === 'keyFile') return held;
    if (held.pendingKey) throw new KeyStoreError('rotationPending', this.pendingWrapped);
    const pendingKey = randomBytes(DATA_KEY_BYTES);
    replaceKeyFile(this.pendingWrapped, await this.wrap(pendingKey));
    return { ...held, pendingKey };
  }

  /**
   * What the core decided from the database's key check: `committed` — the database is
   * under the pending key, which becomes the key; `abandoned` — it is not: the pending
   * key is destroyed; `discardCreated` — the key made by this start was refused (the
   * database holds data under a key that is gone), and is removed again so that the next
   * start says "missing" too.
   */
  settle(outcome: SettleOutcome): void {
    if (outcome === 'committed') {
      moveKeyFile(this.pendingWrapped, this.wrapped);
      this.logger.info('data key rotated: the new key is kept wrapped', { file: this.wrapped });
    } else if (outcome === 'abandoned') {
      destroyKeyFile(this.pendingWrapped);
      this.logger.info('the pending key of a rotation that did not commit was destroyed', { file: this.pendingWrapped });
    } else if (this.madeHere) {
      destroyKeyFile(this.wrapped);
      this.madeHere = false;
    }
  }

  private async available(): Promise<boolean> {
    try {
      return (await this.store.isAsyncEncryptionAvailable()) && this.store.linuxBackend() !== 'basic_text';
    } catch {
      return false;
    }
  }

  private plainKeyFile(available: boolean): HandedKey {
    if (!available && !this.options.allowPlainKey) throw new KeyStoreError('unavailable', this.wrapped);
    if (!available) this.logger.warn('no OS secret store: the data key is kept in a plain key file readable by this user only (--allow-plain-key)', { file: this.plain });
    return { source: 'keyFile' };
  }

  /** A hall of the plain key file: its key wrapped, checked, written; then the plain file destroyed. */
  private async moveIntoStore(): Promise<HandedKey> {
    const key = readPlainKey(this.plain);
    if (!createKeyFile(this.wrapped, await this.wrap(key))) return this.open();
    destroyKeyFile(this.plain);
    this.logger.info('data key moved into the OS secret store; the plain key file was overwritten and removed', { from: this.plain, to: this.wrapped });
    return { source: 'wrapped', key, pendingKey: null, created: false, location: this.wrapped };
  }

  /** A plain key file beside the wrapped one: a move cut short after the wrapped file was written. */
  private removeLeftoverPlain(key: Buffer): void {
    let plain: Buffer;
    try {
      plain = readPlainKey(this.plain);
    } catch {
      plain = Buffer.alloc(0);
    }
    if (plain.equals(key)) {
      destroyKeyFile(this.plain);
      this.logger.info('the plain copy of the wrapped data key was overwritten and removed', { file: this.plain });
    } else {
      this.logger.warn('a plain key file that is not the wrapped key lies in the keys folder: not used, not removed', { file: this.plain });
    }
  }

  /** safeStorage encrypts strings: the key as base64, read back before anything relies on it. */
  private async wrap(key: Buffer): Promise<Buffer> {
    const text = key.toString('base64');
    const wrapped = await this.store.encryptStringAsync(text);
    if ((await this.store.decryptStringAsync(wrapped)).result !== text) throw new Error('The OS secret store did not give back what it wrapped');
    return wrapped;
  }

  private async unwrap(path: string): Promise<Buffer> {
    let unwrapped: { shouldReEncrypt: boolean; result: string };
    try {
      unwrapped = await this.store.decryptStringAsync(readFileSync(path));
    } catch {
      throw new KeyStoreError('unwrapFailed', path);
    }
    const key = Buffer.from(unwrapped.result, 'base64');
    if (key.length !== DATA_KEY_BYTES || key.toString('base64') !== unwrapped.result) throw new KeyStoreError('badWrapped', path);
    if (unwrapped.shouldReEncrypt) {
      // The OS store renewed its own key: the same data key, wrapped under the new one.
      replaceKeyFile(path, await this.wrap(key));
      this.logger.info('data key wrapped again under the renewed key of the OS secret store', { file: path });
    }
    return key;
  }
}

/** The plain key file's 32 bytes (its mode does not matter any more: it is about to go). */
function readPlainKey(path: string): Buffer {
  const key = readFileSync(path);
  if (key.length !== DATA_KEY_BYTES) throw new DataKeyError('badSize', path, key.length);
  return key;
}
