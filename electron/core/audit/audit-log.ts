import type Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';

/**
 * The audit log (DESIGN.md §3, §6; migration 0009): who did what to whom, append-only
 * and hash-chained. Each row's hash is an HMAC-SHA256, under the site's audit key, of the
 * previous row's hash and a canonical serialisation of the row itself. The key is derived
 * from the site's data key (PersonalDataCrypto.auditChainKey, HKDF purpose "audit
 * chain") and is never stored in the database: someone who can write the database file
 * but does not hold the key cannot edit or remove a row and recompute the hashes after
 * it, so whoever holds the key detects an edited or removed row anywhere but at the very
 * end. A truncated tail (the last rows removed) still verifies: the shorter chain is
 * intact in itself, and only an anchor kept elsewhere (the latest hash, kept by central —
 * a later slice, issues 8/9) can show it.
 *
 * A key rotation (privacy/key-rotation.ts, docs/security.md "Key rotation") changes the
 * key: its `keys.rotated` row is the first hashed under the new key, its prev_hash the
 * last hash under the old one, so the new key seals the old chain at once. The rows
 * before it stay as they were; verifying them needs the retired keys, which the
 * database keeps encrypted under the current data key (the retired audit keys, oldest
 * first): verify() moves to the next key at each `keys.rotated` row.
 *
 * The chain format is new with migration 0009, which no released version has shipped:
 * there are no plain-SHA-256 rows to migrate. No personal data in `details`: the subject
 * is named by its id (e.g. `visitor:<ulid>`).
 */

export interface AuditEntry {
  /** Epoch milliseconds. */
  at: number;
  /** The staff member who acted; null for the system. */
  actorId: string | null;
  /** What was done, e.g. `visitor.unmask`. */
  action: string;
  /** Whom or what it was done to, e.g. `visitor:<ulid>`. */
  subject: string;
  details: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The first row's prev_hash: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditChainCheck =
  | { ok: true; rows: number }
  /**
   * `firstBrokenSeq`: the first row that does not fit the chain. `seq_gap`: rows are
   * missing before it (or it was renumbered); `prev_hash_mismatch`: it does not follow the
   * row before it (a row removed and the numbers closed up, or the row before it was
   * rewritten with a new hash); `hash_mismatch`: its own content was altered.
   */
  | { ok: false; firstBrokenSeq: number; reason: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

interface Row {
  seq: number;
  at: number;
  actor_id: string | null;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The audit key's length: an HMAC-SHA256 key of 32 bytes (PersonalDataCrypto.auditChainKey). */
export const AUDIT_KEY_BYTES = 32;

/** The action of the row a key rotation appends: the first row hashed under the new key. */
export const KEYS_ROTATED_ACTION = 'keys.rotated';

/**
 * The audit log of one database under the site's audit key: appends rows and verifies
 * the chain. Writing needs the key as much as verifying does, so every writer of the log
 * is handed this object (electron/core/core.ts makes the one of a site).
 */
export class AuditLog {
  /** True private fields: the keys never show in a log, an error or a JSON of this object. */
  readonly #key: Buffer;
  /** The keys of the chain's earlier generations, oldest first (one per `keys.rotated` row). */
  readonly #retired: Buffer[];

  constructor(
    private readonly db: Database.Database,
    key: Buffer,
    retiredKeys: readonly Buffer[] = [],
  ) {
    for (const one of [key, ...retiredKeys]) {
      if (one.length !== AUDIT_KEY_BYTES) throw new Error(`The audit key must be ${AUDIT_KEY_BYTES} bytes, not ${one.length}`);
    }
    this.#key = Buffer.from(key);
    this.#retired = retiredKeys.map((one) => Buffer.from(one));
  }

  /**
   * Appends one row. Call it inside the caller's write transaction, so that the row and
   * the act it records are written together or not at all, and so that the sequence read
   * here cannot be taken by another write in between.
   */
  append(entry: AuditEntry): AuditRow {
    const last = this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const details = canonicalJson(entry.details);
    const hash = rowHash(this.#key, prevHash, seq, entry.at, entry.actorId, entry.action, entry.subject, details);
    this.db
      .prepare(
        `INSERT INTO audit_log (seq, at, actor_id, action, subject, details, prev_hash, hash)
         VALUES (@seq, @at, @actorId, @action, @subject, @details, @prevHash, @hash)`,
      )
      .run({ seq, at: entry.at, actorId: entry.actorId, action: entry.action, subject: entry.subject, details, prevHash, hash });
    return { seq, ...entry, prevHash, hash };
  }

  /**
   * Walks the whole chain from seq 1 and reports the first row that does not fit: an
   * altered row (its hash no longer matches its content), a removed row (a gap in seq,
   * or — numbers closed up — a prev_hash that is not the previous row's hash), a row
   * rewritten with a hash recomputed without the key (its hash does not match), or one
   * whose next row no longer follows it. Rows hashed under another key (or with plain
   * SHA-256) fail at the first of them. The rows before the first `keys.rotated` row are
   * checked under the oldest retired key, and so on: each such row is the first of the
   * next key's (a row renamed to or from it fails under the key it then claims).
   *
   * What it cannot see: rows removed from the END (the shorter chain is intact in
   * itself). Detecting that needs the latest hash kept somewhere else (a later slice:
   * central keeps the head). Someone holding the key can of course rewrite anything.
   */
  verify(): AuditChainCheck {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let rows = 0;
    const keys = [...this.#retired, this.#key];
    let generation = 0;
    for (const row of this.db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      if (row.seq !== expectedSeq) return { ok: false, firstBrokenSeq: row.seq, reason: 'seq_gap' };
      if (row.prev_hash !== prevHash) return { ok: false, firstBrokenSeq: row.seq, reason: 'prev_hash_mismatch' };
      if (row.action === KEYS_ROTATED_ACTION && generation < keys.length - 1) generation += 1;
      if (row.hash !== this.hashOfStored(row, keys[generation]!)) return { ok: false, firstBrokenSeq: row.seq, reason: 'hash_mismatch' };
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
    return { ok: true, rows };
  }

  private hashOfStored(row: Row, key: Buffer): string {
    let details: string;
    try {
      details = canonicalJson(JSON.parse(row.details));
    } catch {
      return ''; // not JSON any more: altered
    }
    return rowHash(key, row.prev_hash, row.seq, row.at, row.actor_id, row.action, row.subject, details);
  }
}

/** The rows of one subject, oldest first (e.g. who unmasked a visitor, and why). */
export function auditRowsOf(db: Database.Database, subject: string): AuditRow[] {
  return db
    .prepare<[string], Row>('SELECT * FROM audit_log WHERE subject = ? ORDER BY seq')
    .all(subject)
    .map((row) => ({
      seq: row.seq,
      at: row.at,
      actorId: row.actor_id,
      action: row.action,
      subject: row.subject,
      details: JSON.parse(row.details) as Record<string, unknown>,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
}

/**
 * HMAC-SHA256 (hex) under the audit key over the previous hash, a line feed, and the
 * row's fields as one JSON array (no field can run into the next).
 */
function rowHash(key: Buffer, prevHash: string, seq: number, at: number, actorId: string | null, action: string, subject: string, details: string): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(JSON.stringify([seq, at, actorId, action, subject, details]), 'utf8').digest('hex');
}

/** JSON with the keys of every object sorted, no spaces: one text for one value, whoever wrote it. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
