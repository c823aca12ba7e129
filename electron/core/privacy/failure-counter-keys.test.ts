import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { MIGRATIONS_DIRECTORY } from '../db/database';
import { loadMigrations, migrate } from '../db/migrate';
import { SIGN_IN_POLICY } from '../staff/sign-in-policy';
import { createTestHall, ManualClock } from '../testing/test-core';
import { CASE_STATUS_POLICY } from '../visits/case-status-service';
import { PersonalDataCrypto } from './personal-data-crypto';

/**
 * The failure counters (failed sign-ins, failed case-status look-ups) keep a keyed hash
 * of what was typed, never the text (migration 0017): a visitor's ID or phone number
 * typed into the staff-number or case-number field must not lie in the database file in
 * plain text — and the lockouts work as before.
 */
const ID_NUMBER = (() => {
  const first17 = '44030619620918135';
  return first17 + checkCharacter(first17);
})();
const PHONE = '13987654321';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-counter-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every byte of the database's files (main file, WAL, shared memory) as one buffer. */
function databaseBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir)
      .filter((file) => file.startsWith('hall.sqlite'))
      .map((file) => readFileSync(join(dir, file))),
  );
}

/** Whether the bytes hold the text as ASCII / UTF-8 or as UTF-16 (either byte order). */
function holds(bytes: Buffer, text: string): boolean {
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le')) || bytes.includes(utf16be);
}

const codeOf = (reply: RpcReply) => (reply.ok ? null : reply.error.code);

describe('the failure counters key what was typed', () => {
  it('gives the same text the same key, per counter and per data key, and never the text itself', () => {
    const crypto = new PersonalDataCrypto(randomBytes(32));
    const key = crypto.failureCounterKey('signIn', ID_NUMBER);
    expect(key).toHaveLength(32);
    expect(crypto.failureCounterKey('signIn', ID_NUMBER)).toEqual(key);
    expect(crypto.failureCounterKey('caseStatus', ID_NUMBER)).not.toEqual(key);
    expect(crypto.failureCounterKey('signIn', 'a01')).not.toEqual(crypto.failureCounterKey('signIn', 'A01')); // exact, as the lockout always was
    expect(new PersonalDataCrypto(randomBytes(32)).failureCounterKey('signIn', ID_NUMBER)).not.toEqual(key);
    // Not the blind index of the ID number either: a counter's key finds no visitor.
    expect(crypto.blindIndex('idNumber', ID_NUMBER)).not.toEqual(key);
    expect(key.toString('latin1')).not.toContain(ID_NUMBER);
  });

  it('a visitor’s ID or phone number typed as a staff number: counted and locked as any number, never written in plain text', () => {
    const dir = tempDir();
    const clock = new ManualClock();
    const hall = createTestHall({ dataDir: dir, clock });
    const signIn = (staffNo: string, password: string) => hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: `desk-${staffNo}` }, 'auth.signIn', { staffNo, password });
    for (let i = 0; i < SIGN_IN_POLICY.maxFailures - 1; i++) expect(codeOf(signIn(ID_NUMBER, 'wrong-password'))).toBe('SIGN_IN_FAILED');
    expect(codeOf(signIn(ID_NUMBER, 'wrong-password'))).toBe('SIGN_IN_LOCKED');
    expect(codeOf(signIn(PHONE, 'wrong-password'))).toBe('SIGN_IN_FAILED');
    // With its country code it has the form of a staff number, but not its length.
    expect(codeOf(signIn(`86${PHONE}`, 'wrong-password'))).toBe('SIGN_IN_FAILED');
    // A real number locked shows in the admin's list, through the same key.
    for (let i = 0; i < SIGN_IN_POLICY.maxFailures; i++) signIn('1002', 'wrong-password');
    const staff = hall.value<{ staff: Array<{ staffNo: string; lockedUntil: number | null }> }>('admin', 'staff.list', {}).staff;
    expect(staff.find((entry) => entry.staffNo === '1002')?.lockedUntil).toBe(clock.now() + SIGN_IN_POLICY.lockoutMs);
    expect(staff.find((entry) => entry.staffNo === '1001')?.lockedUntil).toBeNull();

    const rows = hall.core.db.prepare('SELECT staff_no_key, failures, locked_until FROM sign_in_failures').all() as Array<{ staff_no_key: Buffer }>;
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.staff_no_key).toHaveLength(32);
    // The audit log records each failure, without a number of that shape (staff-service.ts, LOOKS_PERSONAL); a staff number it keeps.
    const failures = hall.core.db.prepare("SELECT subject, details FROM audit_log WHERE action = 'auth.signInFailed'").all() as Array<{ subject: string; details: string }>;
    expect(failures).toHaveLength(2 * SIGN_IN_POLICY.maxFailures + 2);
    expect(JSON.stringify(failures)).not.toMatch(new RegExp(`${ID_NUMBER}|${PHONE}`));
    expect(failures.filter((row) => row.subject === 'staffNo:?')).toHaveLength(SIGN_IN_POLICY.maxFailures + 2);
    expect(failures.filter((row) => row.subject === 'staffNo:1002')).toHaveLength(SIGN_IN_POLICY.maxFailures);
    const bytes = databaseBytes(dir);
    expect(holds(bytes, ID_NUMBER)).toBe(false);
    expect(holds(bytes, PHONE)).toBe(false);
    hall.core.close();
  });

  it('a visitor’s ID number typed as a case number at the kiosk: counted and locked, never written in plain text', () => {
    const dir = tempDir();
    const hall = createTestHall({ dataDir: dir });
    const lookUp = (caseNumber: string) => hall.call('kiosk', 'kiosk.caseStatus', { caseNumber, phoneLast4: '4321' });
    for (let i = 0; i < CASE_STATUS_POLICY.maxFailures - 1; i++) expect(codeOf(lookUp(ID_NUMBER))).toBe('NOT_FOUND');
    expect(codeOf(lookUp(ID_NUMBER))).toBe('CASE_STATUS_LOCKED');
    // Trimmed and upper-cased before it is keyed, as before: the same number, the same count.
    expect(codeOf(lookUp(` ${ID_NUMBER.toLowerCase()} `))).toBe('CASE_STATUS_LOCKED');
    expect(codeOf(lookUp(PHONE))).toBe('NOT_FOUND');
    const rows = hall.core.db.prepare('SELECT case_number_key FROM case_status_failures').all() as Array<{ case_number_key: Buffer }>;
    expect(rows.map((row) => row.case_number_key.length)).toEqual([32, 32]);
    const bytes = databaseBytes(dir);
    expect(holds(bytes, ID_NUMBER)).toBe(false);
    expect(holds(bytes, PHONE)).toBe(false);
    hall.core.close();
  });

  it('0017 drops the counts kept as typed, overwritten in the file, and keys the new ones', () => {
    const dir = tempDir();
    const file = join(dir, 'hall.sqlite');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, all.slice(0, 16));
    db.prepare('INSERT INTO sign_in_failures (staff_no, failures, locked_until, last_failure_at) VALUES (?, 3, NULL, 1)').run(ID_NUMBER);
    db.prepare('INSERT INTO case_status_failures (case_number, failures, window_start, locked_until) VALUES (?, 2, 1, NULL)').run(PHONE);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(holds(databaseBytes(dir), ID_NUMBER)).toBe(true);

    migrate(db, all);
    expect(db.prepare('SELECT COUNT(*) FROM sign_in_failures').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM case_status_failures').pluck().get()).toBe(0);
    expect(db.pragma('secure_delete', { simple: true })).toBe(0); // back to the default
    const insert = db.prepare('INSERT INTO sign_in_failures (staff_no_key, failures, locked_until, last_failure_at) VALUES (?, 1, NULL, 1)');
    expect(() => insert.run(Buffer.from('1001'))).toThrow(/CHECK/); // a key, nothing else
    insert.run(randomBytes(32));
    expect(() => db.prepare('INSERT INTO case_status_failures (case_number_key, failures, window_start) VALUES (?, 1, 1)').run('DEMO-20261124-001')).toThrow(
      /CHECK|cannot store TEXT/,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = databaseBytes(dir);
    expect(holds(bytes, ID_NUMBER)).toBe(false);
    expect(holds(bytes, PHONE)).toBe(false);
  });
});
