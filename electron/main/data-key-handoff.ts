import type { DataKeyStore, Logger } from '../core/ports';
import { DataKeyError, keyFileDataKeyStore } from '../core/privacy/data-key-store';
import type { RotationReport } from '../core/privacy/key-rotation';
import { openForRotation, rotateKeyFileFolder, rotateLockedDatabase } from '../core/privacy/rotate-data-folder';
import {
  dataKeyMessageSchema,
  dataKeySettleMessageSchema,
  keysRotatedMessageSchema,
  type DataKeyMessage,
  type DataKeySettleMessage,
  type KeysRotatedMessage,
} from './core-protocol';
import type { HandedKey, SettleOutcome } from './data-key-keeper';
import { field } from './replies';

/**
 * The data key's way from main to the core's utility process (docs/security.md, "The
 * data key"): main posts it once, right after the spawn, over the process's message
 * port — never in argv or the environment, which other processes of the user can read —
 * and the core process waits for it before it opens the database. The core answers with
 * what the database decided about a pending key (a rotation), which main carries out on
 * the wrapped key files, since only main can write them (it alone can wrap).
 */

// ── main's end ──

/** The one message that hands a start of the core process its key. */
export function dataKeyMessage(handed: HandedKey, rotate: boolean): DataKeyMessage {
  if (handed.source === 'keyFile') return { kind: 'dataKey', source: 'keyFile', rotate };
  return { kind: 'dataKey', source: 'wrapped', key: handed.key, pendingKey: handed.pendingKey, created: handed.created, location: handed.location, rotate };
}

/** main's end of the answers: settles the key files; hands the end of a --rotate-keys run on. */
export class DataKeyHandoff {
  constructor(
    private readonly keeper: { settle(outcome: SettleOutcome): void },
    private readonly logger: Logger,
    private readonly onRotated?: (message: KeysRotatedMessage) => void,
  ) {}

  /** A message from the core process: true when it was about the key (and is not the core link's). */
  receive(data: unknown): boolean {
    const kind = field(data, 'kind');
    if (kind === 'dataKeySettle') {
      const parsed = dataKeySettleMessageSchema.safeParse(data);
      if (!parsed.success) this.logger.warn('data key: dropped a malformed settle message from the core');
      else {
        try {
          this.keeper.settle(parsed.data.outcome);
        } catch (error) {
          // Left as it is, the next start decides again from the database.
          this.logger.error('data key: could not settle the key files', { outcome: parsed.data.outcome, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return true;
    }
    if (kind === 'keysRotated') {
      const parsed = keysRotatedMessageSchema.safeParse(data);
      if (parsed.success) this.onRotated?.(parsed.data);
      else this.logger.warn('data key: dropped a malformed rotation message from the core');
      return true;
    }
    return false;
  }
}

// ── the core process's end ──

/** The core process's end: takes the one key message main posts, and says when none came in time. */
export class DataKeyReceiver {
  readonly received: Promise<DataKeyMessage>;
  private settle!: { resolve(message: DataKeyMessage): void; reject(error: Error): void };
  private done = false;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(timeoutMs: number) {
    this.received = new Promise<DataKeyMessage>((resolve, reject) => (this.settle = { resolve, reject }));
    this.timer = setTimeout(() => this.finish(new Error('no data key from the main process')), timeoutMs);
  }

  /** A message from main: true when it was the key message (consumed here, never relayed). */
  receive(data: unknown): boolean {
    if (field(data, 'kind') !== 'dataKey') return false;
    const parsed = dataKeyMessageSchema.safeParse(data);
    this.finish(parsed.success ? parsed.data : new Error('a malformed data key message from the main process'));
    return true;
  }

  private finish(result: DataKeyMessage | Error): void {
    if (this.done) return; // one key per process: a second message changes nothing
    this.done = true;
    clearTimeout(this.timer);
    if (result instanceof Error) this.settle.reject(result);
    else this.settle.resolve(result);
  }
}

/**
 * The core's DataKeyStore for what main handed: the plain key file read by the core
 * itself, or the handed key — whose pending key and settling go back to main.
 */
export function coreDataKeyStore(message: DataKeyMessage, dataDir: string, post: (message: DataKeySettleMessage) => void): DataKeyStore {
  if (message.source === 'keyFile') return keyFileDataKeyStore(dataDir);
  const key = Buffer.from(message.key);
  const pendingKey = message.pendingKey ? Buffer.from(message.pendingKey) : null;
  return {
    location: message.location,
    dataKey({ mayCreate }) {
      // A key main made on this start, for a database that holds data under a lost one: never used.
      if (message.created && !mayCreate) {
        post({ kind: 'dataKeySettle', outcome: 'discardCreated' });
        throw new DataKeyError('missing', message.location);
      }
      return key;
    },
    pendingKey: () => pendingKey,
    settlePending: (outcome) => post({ kind: 'dataKeySettle', outcome }),
  };
}

/**
 * --rotate-keys in the core process: the handed key rotated to the handed pending key
 * (kept wrapped by main already), settled through main; or the plain key file rotated as
 * keys:rotate does it.
 */
export function rotateHandedKey(
  dataDir: string,
  message: DataKeyMessage,
  post: (message: DataKeySettleMessage) => void,
  options: { now: number; nativeBinding?: string },
): RotationReport {
  if (message.source === 'keyFile') return rotateKeyFileFolder(dataDir, options);
  if (!message.pendingKey) throw new Error('--rotate-keys without a new key from the main process');
  let db: ReturnType<typeof openForRotation>;
  try {
    db = openForRotation(dataDir, { nativeBinding: options.nativeBinding });
  } catch (error) {
    // Refused before anything was written (the app running, no database …): the new key was never used.
    post({ kind: 'dataKeySettle', outcome: 'abandoned' });
    throw error;
  }
  try {
    return rotateLockedDatabase(db, Buffer.from(message.key), Buffer.from(message.pendingKey), (outcome) => post({ kind: 'dataKeySettle', outcome }), {
      now: options.now,
      location: message.location,
    });
  } finally {
    db.close();
  }
}
