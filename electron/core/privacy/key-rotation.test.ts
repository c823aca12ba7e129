import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseDigest } from '../../../tests/support/db-digest';
import type { VisitSummary } from '../../../shared/contract';
import { verifyDataFolder } from '../audit/verify-data-folder';
import { DATABASE_FILE, createHallCore } from '../core';
import { ciphertextsOf, rawDatabaseBytes, seedPersonalData, type SeededFolder } from '../testing/personal-data-folder';
import { createTestHall } from '../testing/test-core';
import { DATA_KEY_FILE, DataKeyError, PENDING_DATA_KEY_FILE, WRAPPED_DATA_KEY_FILE, replaceKeyFile } from './data-key-store';
import { RETIRED_AUDIT_KEYS_SETTING } from './key-rotation';
import { PersonalDataCrypto, PersonalDataError } from './personal-data-crypto';
import { RotationError, openForRotation, rotateKeyFileFolder, rotateLockedDatabase } from './rotate-data-folder';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-rotate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const NOW = Date.parse('2026-12-01T02:00:00Z');
const keyOf = (dataDir: string) => readFileSync(join(dataDir, DATA_KEY_FILE));
const keysFolder = (dataDir: string) => readdirSync(join(dataDir, 'keys')).sort();
/** A digest of every row of every table, read on a connection of its own. */
function digestOf(dataDir: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return databaseDigest(db)();
  } finally {
    db.close();
  }
}

/** What a clerk and the audit log see of the seeded folder: the case found by ID and by phone, unmasked, its files. */
function expectUsable(dataDir: string, seeded: SeededFolder): void {
  const hall = createTestHall({ dataDir });
  try {
    const [main] = seeded.people;
    const search = (query: string, kind: string) => hall.value<{ visits: VisitSummary[] }>('clerk', 'visits.search', { query, kind }).visits.map((visit) => visit.id);
    expect(search(main!.idNumber, 'id_number')).toEqual([seeded.visitId]);
    expect(search(main!.phone!, 'phone')).toEqual([seeded.visitId]);
    const visit = hall.value('clerk', 'visits.get', { id: seeded.visitId }).visit;
    expect(hall.value('clerk', 'visitors.unmask', { visitorId: visit.visitor.id, reason: '核对身份' })).toEqual({ idNumber: main!.idNumber, phone: main!.phone });
    for (const { id, content } of seeded.attachments) {
      expect(hall.value('clerk', 'visits.attachment', { attachmentId: id }).contentBase64).toBe(content.toString('base64'));
    }
    // A kiosk visitor is known again by their ID number (the blind index): no second visitor.
    const visitors = () => hall.core.db.prepare('SELECT COUNT(*) FROM visitors').pluck().get();
    const known = visitors();
    const again = hall.value('kiosk', 'kiosk.takeNumber', {
      serviceId: hall.serviceId('A'), language: 'zh-CN', partySize: 1, representatives: null, declaredPriority: null, person: seeded.people[1],
    });
    expect(visitors()).toBe(known);
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: again.ticket.id }).registration.visitor).toMatchObject({ phoneMasked: '139****4321' });
    expect(hall.core.audit.verify()).toMatchObject({ ok: true });
    expect(hall.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    hall.core.close();
  }
}

describe('rotating the data key of a data folder (keys/data.key)', () => {
  it('moves every ciphertext and look-up index to a new key: search, unmasking, attachments and the audit chain work as before, and the old key reads nothing', () => {
    const dataDir = tempDir();
    const seeded = seedPersonalData(dataDir);
    const oldKey = keyOf(dataDir);
    const old = new PersonalDataCrypto(oldKey);
    // A visitor deleted earlier: their ciphertexts lie in the file's free space.
    const gone = new Database(join(dataDir, DATABASE_FILE));
    const goneEnvelope = old.encrypt('idNumber', '110105194912310021');
    gone.prepare("INSERT INTO visitors (id, id_number_enc, id_number_index, name, language, created_at, updated_at) VALUES ('01JGONE0000000000000000000', ?, ?, '某', 'zh-CN', 0, 0)").run(goneEnvelope, randomBytes(32));
    gone.prepare("DELETE FROM visitors WHERE id = '01JGONE0000000000000000000'").run();
    gone.close();
    const before = [...ciphertextsOf(dataDir), { field: 'idNumber' as const, envelope: goneEnvelope }];
    const counters = (path: string) => {
      const counted = new Database(path, { readonly: true });
      try {
        return counted.prepare('SELECT (SELECT COUNT(*) FROM sign_in_failures) + (SELECT COUNT(*) FROM case_status_failures)').pluck().get();
      } finally {
        counted.close();
      }
    };
    expect(counters(join(dataDir, DATABASE_FILE))).toBe(2);
    expect(before.map((value) => value.field).sort()).toEqual(['attachment', 'attachment', 'attachment', 'idNumber', 'idNumber', 'idNumber', 'idNumber', 'idNumber', 'phone', 'phone']);
    // Pieces of each ciphertext: its IV and tag, and 64 bytes from its middle (in an overflow page, for the big scan).
    const pieces = (envelope: Buffer) => [envelope.subarray(0, 29), envelope.subarray(envelope.length >> 1, (envelope.length >> 1) + 64)];
    const rawBefore = rawDatabaseBytes(dataDir);
    for (const piece of before.flatMap(({ envelope }) => pieces(envelope))) expect(rawBefore.some((bytes) => bytes.includes(piece))).toBe(true); // the scan below can see them
    const rowsBefore = verifyDataFolder(dataDir);
    expect(rowsBefore).toMatchObject({ ok: true });

    const report = rotateKeyFileFolder(dataDir, { now: NOW });
    expect(report).toEqual({ generation: 1, visitors: 4, attachments: 3, auditRows: (rowsBefore as { rows: number }).rows + 1 });

    // A new key in the same file, nothing else left in the keys folder.
    const newKey = keyOf(dataDir);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, DATA_KEY_FILE)).mode & 0o777).toBe(0o600);

    // Every ciphertext opens under the new key only; no old ciphertext is left in the file or its WAL.
    const next = new PersonalDataCrypto(newKey);
    const after = ciphertextsOf(dataDir);
    expect(after).toHaveLength(before.length - 1);
    for (const { field, envelope } of after) {
      const open = (crypto: PersonalDataCrypto) => (field === 'attachment' ? crypto.decryptBytes(field, envelope) : crypto.decrypt(field, envelope));
      expect(() => open(old)).toThrow(PersonalDataError);
      expect(() => open(next)).not.toThrow();
    }
    const raw = rawDatabaseBytes(dataDir);
    for (const piece of before.flatMap(({ envelope }) => pieces(envelope))) for (const bytes of raw) expect(bytes.includes(piece)).toBe(false);

    // The look-up indexes are the new key's (the anonymised visitor's zeros stay what they were).
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const indexes = db.prepare<[], Buffer>('SELECT id_number_index FROM visitors UNION ALL SELECT phone_index FROM visitors WHERE phone_index IS NOT NULL').pluck().all();
    for (const person of seeded.people) {
      expect(indexes.some((index) => index.equals(old.blindIndex('idNumber', person.idNumber)))).toBe(false);
      expect(indexes.some((index) => index.equals(next.blindIndex('idNumber', person.idNumber)))).toBe(true);
      if (person.phone) expect(indexes.some((index) => index.equals(next.blindIndex('phone', person.phone!)))).toBe(true);
    }
    expect(indexes.some((index) => index.equals(Buffer.alloc(32)))).toBe(true);
    // The lockout counters, keyed under the old key, are gone.
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM sign_in_failures) + (SELECT COUNT(*) FROM case_status_failures)').pluck().get()).toBe(0);
    // The retired audit key is kept encrypted, and the rotation is the chain's newest row.
    const retired = db.prepare('SELECT value FROM hall_settings WHERE key = ?').pluck().get(RETIRED_AUDIT_KEYS_SETTING) as string;
    expect(JSON.parse(retired)).toHaveLength(1);
    expect(retired).not.toContain(old.auditChainKey().toString('base64'));
    expect(db.prepare('SELECT actor_id, action, subject, details FROM audit_log ORDER BY seq DESC LIMIT 1').get()).toEqual({
      actor_id: null,
      action: 'keys.rotated',
      subject: 'dataKey',
      details: '{"attachments":3,"generation":1,"visitors":4}',
    });
    db.close();

    expect(verifyDataFolder(dataDir)).toEqual({ ok: true, rows: report.auditRows });
    expectUsable(dataDir, seeded);
  });

  it('rotates again: the chain verifies across both rotations, and an edited row before either is still found', () => {
    const dataDir = tempDir();
    const seeded = seedPersonalData(dataDir);
    const first = rotateKeyFileFolder(dataDir, { now: NOW });
    expectUsable(dataDir, seeded); // writes rows under the first new key
    const second = rotateKeyFileFolder(dataDir, { now: NOW + 60_000 });
    expect(second).toMatchObject({ generation: 2, visitors: 4, attachments: 3 });
    expect(second.auditRows).toBeGreaterThan(first.auditRows + 1);
    expectUsable(dataDir, seeded);
    const check = verifyDataFolder(dataDir);
    expect(check).toMatchObject({ ok: true });

    // Someone with the file edits the first row: found under the oldest key.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET details = '{"reason":"例行检查"}' WHERE seq = (SELECT MIN(seq) FROM audit_log WHERE action = 'visitor.unmask')`).run();
    const edited = db.prepare("SELECT MIN(seq) FROM audit_log WHERE action = 'visitor.unmask'").pluck().get() as number;
    db.close();
    expect(verifyDataFolder(dataDir)).toMatchObject({ ok: false, firstBrokenSeq: edited, reason: 'hash_mismatch' });
  });

  it('changes nothing when it fails halfway: the database stays under the old key, and the pending key is destroyed', () => {
    const dataDir = tempDir();
    const seeded = seedPersonalData(dataDir);
    const oldKey = keyOf(dataDir);
    const digest = digestOf(dataDir);
    let batches = 0;
    expect(() =>
      rotateKeyFileFolder(dataDir, {
        now: NOW,
        onProgress: () => {
          // The visitors were re-encrypted, the attachments are next: the disk is full.
          if (++batches === 2) throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(batches).toBe(2);
    expect(digestOf(dataDir)).toBe(digest);
    expect(keyOf(dataDir).equals(oldKey)).toBe(true);
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    expectUsable(dataDir, seeded);
  });

  it('is finished by the next start of a host when the process died after the commit: the pending key becomes the key', () => {
    const dataDir = tempDir();
    const seeded = seedPersonalData(dataDir);
    const oldKey = keyOf(dataDir);
    const newKey = randomBytes(32);
    const db = openForRotation(dataDir);
    replaceKeyFile(join(dataDir, PENDING_DATA_KEY_FILE), newKey);
    rotateLockedDatabase(db, oldKey, newKey, () => {}, { now: NOW, location: 'here' }); // the settling never happens
    db.close();
    expect(keysFolder(dataDir)).toEqual(['data.key', 'data.key.pending']);

    // audit:verify reads it as it is (read-only: it settles nothing).
    expect(verifyDataFolder(dataDir)).toMatchObject({ ok: true });
    expect(keysFolder(dataDir)).toEqual(['data.key', 'data.key.pending']);

    expectUsable(dataDir, seeded);
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    expect(keyOf(dataDir).equals(newKey)).toBe(true);
  });

  it('is undone by the next start of a host when the process died before the commit: the pending key is destroyed', () => {
    const dataDir = tempDir();
    const seeded = seedPersonalData(dataDir);
    const oldKey = keyOf(dataDir);
    replaceKeyFile(join(dataDir, PENDING_DATA_KEY_FILE), randomBytes(32));
    expectUsable(dataDir, seeded);
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    expect(keyOf(dataDir).equals(oldKey)).toBe(true);
  });

  it('refuses while a host has the database open; and while a rotation holds it, no host can open it', () => {
    const dataDir = tempDir();
    seedPersonalData(dataDir);
    const core = createHallCore({ dataDir, printing: { autoRun: false }, retention: { autoRun: false } });
    const digest = digestOf(dataDir);
    expect(() => rotateKeyFileFolder(dataDir, { now: NOW })).toThrow(expect.objectContaining({ problem: 'inUse' }));
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    expect(digestOf(dataDir)).toBe(digest);
    core.close();

    const held = openForRotation(dataDir);
    const host = new Database(join(dataDir, DATABASE_FILE));
    host.pragma('busy_timeout = 0'); // a host waits 5 s, then fails the same way
    expect(() => host.pragma('user_version')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    host.close();
    held.close();
  });

  it('refuses a folder without a database, a database no host ever opened, an older one, and a folder whose key the Electron app keeps', () => {
    expect(() => rotateKeyFileFolder(tempDir(), { now: NOW })).toThrow(expect.objectContaining({ problem: 'noDatabase' }));

    const fresh = tempDir();
    const db = new Database(join(fresh, DATABASE_FILE));
    db.exec('CREATE TABLE hall_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.pragma('user_version = 1');
    db.close();
    expect(() => rotateKeyFileFolder(fresh, { now: NOW })).toThrow(expect.objectContaining({ problem: 'notCurrent' }));

    const neverStarted = tempDir();
    createHallCore({ dataDir: neverStarted, dataKeys: { dataKey: () => randomBytes(32) }, printing: { autoRun: false }, retention: { autoRun: false } }).close();
    const settings = new Database(join(neverStarted, DATABASE_FILE));
    settings.prepare("DELETE FROM hall_settings WHERE key = 'dataKeyCheck'").run();
    settings.close();
    expect(() => rotateKeyFileFolder(neverStarted, { now: NOW })).toThrow(RotationError);
    expect(() => rotateKeyFileFolder(neverStarted, { now: NOW })).toThrow(expect.objectContaining({ problem: 'neverStarted' }));

    const electron = tempDir();
    seedPersonalData(electron);
    writeFileSync(join(electron, WRAPPED_DATA_KEY_FILE), 'wrapped by the OS', { mode: 0o600 });
    rmSync(join(electron, DATA_KEY_FILE));
    expect(() => rotateKeyFileFolder(electron, { now: NOW })).toThrow(DataKeyError);
    expect(() => rotateKeyFileFolder(electron, { now: NOW })).toThrow(expect.objectContaining({ problem: 'wrapped' }));
  });

  it('refuses a key file other users may read, saying the chmod that mends it, and rotates once mended', () => {
    if (process.platform === 'win32') return; // modes do not apply: the folder's ACL is the site's
    const dataDir = tempDir();
    seedPersonalData(dataDir);
    const keyFile = join(dataDir, DATA_KEY_FILE);
    chmodSync(keyFile, 0o644);
    expect(() => rotateKeyFileFolder(dataDir, { now: NOW })).toThrow(`run chmod 600 ${keyFile}`);
    expect(existsSync(join(dataDir, PENDING_DATA_KEY_FILE))).toBe(false);
    chmodSync(keyFile, 0o600);
    expect(rotateKeyFileFolder(dataDir, { now: NOW }).generation).toBe(1);
  });
});
