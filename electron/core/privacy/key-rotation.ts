import type Database from 'better-sqlite3';
import { AuditLog, KEYS_ROTATED_ACTION } from '../audit/audit-log';
import { DataKeyError, KEY_CHECK_SETTING } from './data-key-store';
import { PersonalDataCrypto } from './personal-data-crypto';

/**
 * Key rotation (docs/security.md, "Key rotation"): the database moved from one data key
 * to a new one in ONE transaction — every ciphertext of personal data re-encrypted, every
 * blind index recomputed, the failure counters cleared, the key check value replaced, the
 * audit chain continued under the new key. Either all of it is committed or none of it: there is never a database
 * half under one key and half under the other, so nothing in the core needs to know
 * about key generations.
 *
 * The audit chain is not rewritten (the log stays append-only): its old rows keep the
 * hashes of the old key, and the new key's first row (`keys.rotated`) chains onto them.
 * The audit chain keys of retired data keys — keys derived for that one purpose, which
 * decrypt nothing — are kept in the database, encrypted under the current data key
 * (`retiredAuditKeys`, oldest first), so that audit:verify checks the whole chain with
 * the current key alone, and a backup holds everything it needs.
 */

/** hall_settings key: a JSON array of the retired audit chain keys, each sealed under the current data key (base64), oldest first. */
export const RETIRED_AUDIT_KEYS_SETTING = 'retiredAuditKeys';

/**
 * The lockout counters of failed sign-ins and case look-ups keep a keyed hash of what was
 * typed (PersonalDataCrypto.failureCounterKey, migration 0017) — which may be a visitor's
 * number typed in the wrong field — and not the text, so they cannot be keyed anew. They
 * are short-lived (a lockout lasts 15 minutes) and are cleared: left under the old key they
 * would only be something to try the old key on.
 */
const COUNTERS_UNDER_THE_KEY = ['sign_in_failures', 'case_status_failures'] as const;

/** Rows per batch read (attachments fewer: each may be megabytes). The transaction is one for all of them. */
const VISITOR_BATCH = 500;
const ATTACHMENT_BATCH = 20;

export interface RotationReport {
  /** How many data keys this database has retired, this one included (1 after the first rotation). */
  generation: number;
  /** Visitors whose ID and phone numbers were re-encrypted and re-indexed. */
  visitors: number;
  /** Attachments re-encrypted (those emptied by retention have nothing to encrypt). */
  attachments: number;
  /** Rows of the audit log, the `keys.rotated` row included. */
  auditRows: number;
}

export interface RotationProgress {
  visitors: { done: number; total: number };
  attachments: { done: number; total: number };
}

export interface RotateOptions {
  /** Epoch ms of the `keys.rotated` audit row. */
  now: number;
  /** Called after each batch, inside the transaction: throwing from it undoes everything (tests; the CLI shows progress). */
  onProgress?(progress: RotationProgress): void;
  /** Where the current key is kept, named when it is not this database's. */
  location: string;
}

/** The audit chain keys of the data keys this database retired, oldest first (decrypted with the current data key). */
export function retiredAuditKeys(db: Database.Database, crypto: PersonalDataCrypto): Buffer[] {
  const stored = setting(db, RETIRED_AUDIT_KEYS_SETTING);
  if (stored === undefined) return [];
  return (JSON.parse(stored) as string[]).map((sealed) => crypto.decryptBytes('retiredAuditKey', Buffer.from(sealed, 'base64')));
}

/**
 * Moves the database from data key `from` to `to`, in one exclusive transaction. The
 * caller holds the database to itself (rotate-data-folder.ts: no host may have it open)
 * and has put `to` where it will be found (a pending key) before calling: from the
 * commit on, the database is readable with `to` only.
 *
 * An audit chain that verified before must verify after, under the new keys, or nothing
 * is committed. (One that was already broken stays broken as it was: the rotation
 * neither hides nor repairs it.)
 */
export function rotateDataKey(db: Database.Database, from: Buffer, to: Buffer, options: RotateOptions): RotationReport {
  const old = new PersonalDataCrypto(from);
  const next = new PersonalDataCrypto(to);
  if (old.keyCheck() === next.keyCheck()) throw new Error('The new data key is the old one');

  return db
    .transaction((): RotationReport => {
      if (setting(db, KEY_CHECK_SETTING) !== JSON.stringify(old.keyCheck())) throw new DataKeyError('wrong', options.location);
      const retiredBefore = retiredAuditKeys(db, old);
      const chainBefore = new AuditLog(db, old.auditChainKey(), retiredBefore).verify();

      const progress: RotationProgress = {
        visitors: { done: 0, total: db.prepare('SELECT COUNT(*) FROM visitors').pluck().get() as number },
        attachments: { done: 0, total: db.prepare("SELECT COUNT(*) FROM visit_attachments WHERE length(content_enc) > 0").pluck().get() as number },
      };
      reencryptVisitors(db, old, next, progress, options.onProgress);
      reencryptAttachments(db, old, next, progress, options.onProgress);
      for (const table of COUNTERS_UNDER_THE_KEY) db.prepare(`DELETE FROM ${table}`).run();

      const retired = [...retiredBefore, old.auditChainKey()];
      putSetting(db, RETIRED_AUDIT_KEYS_SETTING, JSON.stringify(retired.map((key) => next.encryptBytes('retiredAuditKey', key).toString('base64'))));
      putSetting(db, KEY_CHECK_SETTING, JSON.stringify(next.keyCheck()));
      // The new key's first row: its prev_hash is the old key's last hash, sealed by the new key.
      new AuditLog(db, next.auditChainKey()).append({
        at: options.now,
        actorId: null,
        action: KEYS_ROTATED_ACTION,
        subject: 'dataKey',
        details: { generation: retired.length, visitors: progress.visitors.done, attachments: progress.attachments.done },
      });
      const chainAfter = new AuditLog(db, next.auditChainKey(), retired).verify();
      if (chainBefore.ok && !chainAfter.ok) throw new Error(`The audit chain would not verify after the rotation (row ${chainAfter.firstBrokenSeq}): nothing was changed`);

      return {
        generation: retired.length,
        visitors: progress.visitors.done,
        attachments: progress.attachments.done,
        auditRows: db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number,
      };
    })
    .exclusive();
}

interface VisitorRow {
  id: string;
  id_number_enc: Buffer;
  id_number_index: Buffer;
  phone_enc: Buffer | null;
  phone_index: Buffer | null;
}

function reencryptVisitors(db: Database.Database, old: PersonalDataCrypto, next: PersonalDataCrypto, progress: RotationProgress, onProgress: RotateOptions['onProgress']): void {
  const batch = db.prepare<[string, number], VisitorRow>(
    'SELECT id, id_number_enc, id_number_index, phone_enc, phone_index FROM visitors WHERE id > ? ORDER BY id LIMIT ?',
  );
  const update = db.prepare(
    'UPDATE visitors SET id_number_enc = @idNumberEnc, id_number_index = @idNumberIndex, phone_enc = @phoneEnc, phone_index = @phoneIndex WHERE id = @id',
  );
  let after = '';
  for (let rows = batch.all(after, VISITOR_BATCH); rows.length > 0; rows = batch.all(after, VISITOR_BATCH)) {
    for (const row of rows) {
      const idNumber = old.decrypt('idNumber', row.id_number_enc);
      const phone = row.phone_enc ? old.decrypt('phone', row.phone_enc) : null;
      update.run({
        id: row.id,
        idNumberEnc: next.encrypt('idNumber', idNumber),
        idNumberIndex: reindexed(old, next, 'idNumber', idNumber, row.id_number_index),
        phoneEnc: phone === null ? null : next.encrypt('phone', phone),
        phoneIndex: phone === null ? null : reindexed(old, next, 'phone', phone, row.phone_index!),
      });
    }
    after = rows[rows.length - 1]!.id;
    progress.visitors.done += rows.length;
    onProgress?.(progress);
  }
}

/**
 * The new key's index of a value — where the stored index was the old key's index of it.
 * One that was not is no HMAC of anything (the anonymised visitor's 32 zero bytes, which
 * no ID number hashes to: retention-store.ts) and stays as it is.
 */
function reindexed(old: PersonalDataCrypto, next: PersonalDataCrypto, field: 'idNumber' | 'phone', value: string, stored: Buffer): Buffer {
  return old.blindIndex(field, value).equals(stored) ? next.blindIndex(field, value) : stored;
}

function reencryptAttachments(db: Database.Database, old: PersonalDataCrypto, next: PersonalDataCrypto, progress: RotationProgress, onProgress: RotateOptions['onProgress']): void {
  const batch = db.prepare<[string, number], { id: string; content_enc: Buffer }>(
    'SELECT id, content_enc FROM visit_attachments WHERE id > ? AND length(content_enc) > 0 ORDER BY id LIMIT ?',
  );
  const update = db.prepare<[Buffer, string]>('UPDATE visit_attachments SET content_enc = ? WHERE id = ?');
  let after = '';
  for (let rows = batch.all(after, ATTACHMENT_BATCH); rows.length > 0; rows = batch.all(after, ATTACHMENT_BATCH)) {
    for (const row of rows) update.run(next.encryptBytes('attachment', old.decryptBytes('attachment', row.content_enc)), row.id);
    after = rows[rows.length - 1]!.id;
    progress.attachments.done += rows.length;
    onProgress?.(progress);
  }
}

function setting(db: Database.Database, key: string): string | undefined {
  return db.prepare<[string], string>('SELECT value FROM hall_settings WHERE key = ?').pluck().get(key);
}

function putSetting(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO hall_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
