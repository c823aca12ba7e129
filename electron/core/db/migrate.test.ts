import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY, openDatabase } from './database';
import { DatabaseTooNewError, loadMigrations, migrate } from './migrate';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-migrate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('migrations', () => {
  it('brings an empty file to the newest schema with the register settings on', () => {
    const file = join(tempDir(), 'hall.sqlite');
    const db = openDatabase({ filename: file });
    const latest = loadMigrations(MIGRATIONS_DIRECTORY).length;
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(applied).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
    db.close();
    // Opening again applies nothing and keeps the data.
    const again = openDatabase({ filename: file });
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(latest);
    again.close();
  });

  it('0001 creates the queue tables and enforces their rules', () => {
    const db = openDatabase({ filename: ':memory:' });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['services', 'windows', 'window_services', 'staff', 'tickets', 'ticket_events', 'hall_settings']));
    expect(() => db.prepare("INSERT INTO services (id, letter, name_zh_cn, name_zh_hk, name_en) VALUES ('x', 'ab', 'a', 'a', 'a')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO window_services (window_id, service_id) VALUES ('nope', 'nope')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = join(tempDir(), 'hall.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    expect(() => openDatabase({ filename: file })).toThrow(DatabaseTooNewError);
    expect(() => openDatabase({ filename: file })).toThrow(/newer version/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete'); // not switched to WAL
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'services'").get()).toBeUndefined();
    check.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the database as it was', () => {
    const db = new Database(':memory:');
    const migrations = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x); THIS IS NOT SQL' },
    ];
    expect(() => migrate(db, migrations)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'b', 'schema_migrations')").all()).toEqual([]);
  });

  it('refuses gaps and badly named files in the migrations folder', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(dir, '0003_third.sql'), 'CREATE TABLE c (x);');
    expect(() => loadMigrations(dir)).toThrow(/without gaps/);
    const bad = tempDir();
    writeFileSync(join(bad, 'first.sql'), '');
    expect(() => loadMigrations(bad)).toThrow(/0001_name\.sql/);
  });
});

describe('0002 queue management', () => {
  it('keeps the tickets and events a 0001 database had, and their links', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    migrate(db, all.slice(0, 1));
    db.exec(`
      INSERT INTO services (id, letter, name_zh_cn, name_zh_hk, name_en) VALUES ('S', 'A', '投诉建议', '投訴建議', 'Complaints');
      INSERT INTO windows (id, number, name_zh_cn, name_zh_hk, name_en) VALUES ('W', 1, '1号窗口', '1號窗口', 'Window 1');
      INSERT INTO tickets (id, service_day, service_id, seq, number, status, window_id, issued_at, called_at, finished_at)
        VALUES ('T1', '2026-11-24', 'S', 1, 'A001', 'finished', 'W', 1000, 2000, 3000),
               ('T2', '2026-11-24', 'S', 2, 'A002', 'waiting', NULL, 1500, NULL, NULL);
      INSERT INTO ticket_events (ticket_id, kind, window_id, at) VALUES ('T1', 'issued', NULL, 1000), ('T1', 'called', 'W', 2000);
    `);
    migrate(db, all);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT id, status, lane, queue_at, ended_at FROM tickets ORDER BY id').all()).toEqual([
      { id: 'T1', status: 'finished', lane: 2, queue_at: 1000, ended_at: 3000 },
      { id: 'T2', status: 'waiting', lane: 2, queue_at: 1500, ended_at: null },
    ]);
    expect(db.prepare('SELECT kind FROM ticket_events ORDER BY id').pluck().all()).toEqual(['issued', 'called']);
    // The rebuilt table still refuses a second A002 and still references its service.
    expect(() => db.prepare("INSERT INTO tickets (id, service_day, service_id, seq, number, status, queue_at, issued_at) VALUES ('T3', '2026-11-24', 'S', 2, 'A002', 'waiting', 1, 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO tickets (id, service_day, service_id, seq, number, status, queue_at, issued_at) VALUES ('T4', '2026-11-24', 'nope', 9, 'A009', 'waiting', 1, 1)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO ticket_events (ticket_id, kind, at) VALUES ('nope', 'issued', 1)").run()).toThrow(/FOREIGN KEY/);
  });
});

describe('0004 visitors', () => {
  it('adds visitors and registrations, and marks the tickets a 0003 database had as not registered', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    migrate(db, all.slice(0, 3));
    db.exec(`
      INSERT INTO services (id, letter, name_zh_cn, name_zh_hk, name_en) VALUES ('S', 'A', '投诉建议', '投訴建議', 'Complaints');
      INSERT INTO tickets (id, service_day, service_id, seq, number, status, queue_at, issued_at) VALUES ('T1', '2026-11-24', 'S', 1, 'A001', 'waiting', 1, 1);
    `);
    migrate(db, all.slice(0, 4));
    expect(db.prepare('SELECT registered FROM tickets').pluck().all()).toEqual([0]);

    const visitor = db.prepare(`INSERT INTO visitors (id, id_number_enc, id_number_index, phone_enc, phone_index, name, language, created_at, updated_at)
      VALUES (?, x'01', ?, ?, ?, '王小明', 'zh-CN', 1, 1)`);
    visitor.run('V1', Buffer.from('index-1'), null, null);
    // One visitor per ID number (its blind index); phone and its index come together.
    expect(() => visitor.run('V2', Buffer.from('index-1'), null, null)).toThrow(/UNIQUE/);
    expect(() => visitor.run('V3', Buffer.from('index-3'), Buffer.from('x'), null)).toThrow(/CHECK/);

    const registration = db.prepare(`INSERT INTO ticket_registrations (id, ticket_id, visitor_id, party_size, representatives, language, declared_priority, registered_at)
      VALUES (?, ?, ?, ?, ?, 'zh-CN', ?, 1)`);
    // Art. 20 guarded by the database too: more than five need representatives, at most five, no more than came.
    expect(() => registration.run('R1', 'T1', 'V1', 8, null, null)).toThrow(/CHECK/);
    expect(() => registration.run('R1', 'T1', 'V1', 8, 6, null)).toThrow(/CHECK/);
    expect(() => registration.run('R1', 'T1', 'V1', 2, 3, null)).toThrow(/CHECK/);
    expect(() => registration.run('R1', 'T1', 'V1', 1, null, 'elderly')).toThrow(/CHECK/); // elderly is never declared
    expect(() => registration.run('R1', 'nope', 'V1', 1, null, null)).toThrow(/FOREIGN KEY/);
    registration.run('R1', 'T1', 'V1', 8, 2, 'disabled');
    expect(() => registration.run('R2', 'T1', null, 1, null, null)).toThrow(/UNIQUE/); // one registration per ticket
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('0005 staff sign-in', () => {
  it('gives a 0004 database passwords, lockouts and sessions, keeping its staff and their logged changes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    migrate(db, all.slice(0, 4));
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role) VALUES ('P1', 'demo01', '示范接待员', 'clerk');
      INSERT INTO windows (id, number, name_zh_cn, name_zh_hk, name_en) VALUES ('W', 1, '1号窗口', '1號窗口', 'Window 1');
      INSERT INTO window_events (window_id, state, staff_id, at) VALUES ('W', 'paused', 'P1', 1);
    `);
    migrate(db, all.slice(0, 5));
    // Nobody can sign in until a password is set.
    expect(db.prepare('SELECT staff_no, password_hash, password_changed_at FROM staff').all()).toEqual([
      { staff_no: 'demo01', password_hash: null, password_changed_at: null },
    ]);
    expect(() => db.prepare("UPDATE staff SET password_hash = 'plain' WHERE id = 'P1'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE staff SET password_hash = '$scrypt$ln=15,r=8,p=3$c2FsdA$a2V5' WHERE id = 'P1'").run();

    const session = db.prepare('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, 1, 2)');
    expect(() => session.run(Buffer.alloc(16), 'P1')).toThrow(/CHECK/); // a SHA-256, nothing else
    expect(() => session.run(Buffer.alloc(32), 'nobody')).toThrow(/FOREIGN KEY/);
    session.run(Buffer.alloc(32), 'P1');
    expect(() => session.run(Buffer.alloc(32), 'P1')).toThrow(/UNIQUE|PRIMARY KEY/);

    // Failures are kept per staff number as typed, known or not.
    db.prepare("INSERT INTO sign_in_failures (staff_no, failures, locked_until, last_failure_at) VALUES ('no-such-clerk', 1, NULL, 1)").run();
    expect(() => db.prepare("INSERT INTO sign_in_failures (staff_no, failures, last_failure_at) VALUES ('x', -1, 1)").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('0006 categories', () => {
  it('gives a 0005 database the dictionary tables: codes shaped by their level and parent, never lost to a replacement', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    migrate(db, all.slice(0, 5));
    db.exec("INSERT INTO staff (id, staff_no, name, role) VALUES ('P9', '9001', '刘芳', 'admin')");
    migrate(db, all.slice(0, 6));

    const dictionary = db.prepare('INSERT INTO category_dictionaries (version, checksum, entry_count, source, imported_at, imported_by) VALUES (?, ?, ?, ?, 1, ?)');
    const checksum = `sha256:${'0'.repeat(64)}`;
    expect(dictionary.run('seed-1', checksum, 2, 'seed', null).lastInsertRowid).toBe(1);
    expect(() => dictionary.run('x', 'md5:abc', 1, 'seed', null)).toThrow(/CHECK/);
    expect(() => dictionary.run('x', checksum, 1, 'email', null)).toThrow(/CHECK/);
    expect(() => dictionary.run('x', checksum, 1, 'import', 'nobody')).toThrow(/FOREIGN KEY/);
    expect(dictionary.run('2025.1', checksum, 1, 'import', 'P9').lastInsertRowid).toBe(2);

    const entry = db.prepare(`INSERT INTO categories (code, parent_code, level, name_zh_cn, name_zh_hk, name_en, pinyin, added_in, retired_in)
      VALUES (?, ?, ?, 'n', 'n', 'n', ?, 1, ?)`);
    entry.run('04', null, 1, '[]', null);
    entry.run('0401', '04', 2, '[]', null);
    expect(() => entry.run('040101', '0401', 2, '[]', null)).toThrow(/CHECK/); // a level-2 code has 4 digits
    expect(() => entry.run('0501', '04', 2, '[]', null)).toThrow(/CHECK/); // not under its parent
    expect(() => entry.run('05', '04', 1, '[]', null)).toThrow(/CHECK/); // level 1 has no parent
    expect(() => entry.run('0a', null, 1, '[]', null)).toThrow(/CHECK/);
    expect(() => entry.run('0601', '06', 2, '[]', null)).toThrow(/FOREIGN KEY/);
    expect(() => entry.run('05', null, 1, 'not json', null)).toThrow(/CHECK|JSON/);
    expect(() => entry.run('05', null, 1, '[]', 9)).toThrow(/FOREIGN KEY/);
    // Retired by the second dictionary, still there for the records that use it.
    db.prepare("UPDATE categories SET retired_in = 2 WHERE code = '0401'").run();
    expect(db.prepare('SELECT code, retired_in FROM categories ORDER BY code').all()).toEqual([
      { code: '04', retired_in: null },
      { code: '0401', retired_in: 2 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('0007 visits', () => {
  it('gives a 0006 database the case record: numbered per site and day, art. 20 representatives, an append-only timeline', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    migrate(db, all.slice(0, 6));
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role) VALUES ('P1', '1001', '王丽', 'clerk');
      INSERT INTO services (id, letter, name_zh_cn, name_zh_hk, name_en) VALUES ('S', 'A', '投诉建议', '投訴建議', 'Complaints');
      INSERT INTO category_dictionaries (version, checksum, entry_count, source, imported_at) VALUES ('seed', 'sha256:${'0'.repeat(64)}', 1, 'seed', 1);
      INSERT INTO categories (code, parent_code, level, name_zh_cn, name_zh_hk, name_en, pinyin, added_in) VALUES ('04', NULL, 1, 'n', 'n', 'n', '[]', 1);
    `);
    migrate(db, all.slice(0, 7));

    const visit = db.prepare(`INSERT INTO visits (id, site_code, received_on, seq, case_number, visitor_id, identity_unclear, registered_by,
        registered_at, form, people_count, representatives, problem_location, purpose, matter_class, service_id, category_code, summary,
        request, facts_and_reasons, first_time, joint_or_group, receiver)
      VALUES (@id, 'DEMO', '2026-11-24', @seq, @caseNumber, NULL, 1, 'P1', 1, 'walk_in', @people, @representatives, '福田街道',
        @purpose, 'appeal_request', 'S', @category, '概况', '诉求', '', 1, 0, 'petition_department')`);
    const ok = { id: 'V1', seq: 1, caseNumber: 'DEMO-20261124-001', people: 1, representatives: null, purpose: 'seek_resolution', category: '04' };
    visit.run(ok);
    expect(() => visit.run({ ...ok, id: 'V2', caseNumber: 'DEMO-20261124-002' })).toThrow(/UNIQUE/); // the day's seq 1 again
    expect(() => visit.run({ ...ok, id: 'V2', seq: 2 })).toThrow(/UNIQUE/); // the case number again
    const second = { ...ok, id: 'V2', seq: 2, caseNumber: 'DEMO-20261124-002' };
    expect(() => visit.run({ ...second, people: 6 })).toThrow(/CHECK/); // art. 20: more than five elect representatives
    expect(() => visit.run({ ...second, people: 9, representatives: 6 })).toThrow(/CHECK/);
    expect(() => visit.run({ ...second, people: 2, representatives: 3 })).toThrow(/CHECK/);
    expect(() => visit.run({ ...second, purpose: 'complaint' })).toThrow(/CHECK/);
    expect(() => visit.run({ ...second, category: '99' })).toThrow(/FOREIGN KEY/);
    visit.run({ ...second, people: 12, representatives: 5 });

    const event = db.prepare("INSERT INTO visit_events (visit_id, type, date, details, actor_id, recorded_at) VALUES ('V1', ?, '2026-11-24', ?, 'P1', 1)");
    event.run('received', '{"by":"petition_department"}');
    expect(() => event.run('approved', '{}')).toThrow(/CHECK/);
    expect(() => event.run('accepted', '[]')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE visit_events SET date = '2026-11-25'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM visit_events').run()).toThrow(/append-only/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('0008 case-status look-ups', () => {
  it('gives a 0007 database a failure count per case number, keeping its cases', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    migrate(db, all.slice(0, 7));
    const casesBefore = db.prepare('SELECT COUNT(*) FROM visits').pluck().get();
    migrate(db, all.slice(0, 8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT COUNT(*) FROM visits').pluck().get()).toBe(casesBefore);
    const insert = db.prepare('INSERT INTO case_status_failures (case_number, failures, window_start, locked_until) VALUES (?, ?, ?, ?)');
    insert.run('DEMO-20261124-001', 1, 1000, null);
    // One row per case number; the count is never negative.
    expect(() => insert.run('DEMO-20261124-001', 1, 1000, null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('DEMO-20261124-002', -1, 1000, null)).toThrow(/CHECK/);
    expect(() => insert.run('DEMO-20261124-003', 1, 'soon', null)).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});

describe('0014 printing paths', () => {
  it('keeps a 0013 database’s printers, jobs (a reprint’s link too) and attempts, and lets a job be the browser’s', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations(MIGRATIONS_DIRECTORY);
    migrate(db, all.slice(0, 13));
    db.exec(`
      INSERT INTO printers (id, name, role, address, created_at) VALUES ('P', '取号机', 'kiosk', 'tcp://10.0.0.5:9100', 1);
      INSERT INTO print_jobs (id, document_kind, document_ref, document_label, printer_id, requested_role, requested_at, bytes, state, printed_at, give_up_at)
        VALUES ('J1', 'ticket', 'T1', 'A001', 'P', 'kiosk', 1000, x'1B40', 'done', 1100, 9000);
      INSERT INTO print_jobs (id, document_kind, document_ref, document_label, printer_id, requested_role, requested_at, bytes, state, next_attempt_at, give_up_at, reprint_of)
        VALUES ('J2', 'ticket', 'T1', 'A001', 'P', 'admin', 2000, x'1B40', 'queued', 2500, 9000, 'J1');
      INSERT INTO print_attempts (job_id, attempt, started_at, ended_at, outcome) VALUES ('J1', 1, 1000, 1100, 'done');
    `);
    migrate(db, all.slice(0, 14));
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT paper FROM printers').pluck().all()).toEqual(['roll']);
    expect(db.prepare('SELECT id, content_type, state, reprint_of, pdf FROM print_jobs ORDER BY id').all()).toEqual([
      { id: 'J1', content_type: 'escpos', state: 'done', reprint_of: null, pdf: null },
      { id: 'J2', content_type: 'escpos', state: 'queued', reprint_of: 'J1', pdf: null },
    ]);
    expect(db.prepare('SELECT job_id, outcome FROM print_attempts').all()).toEqual([{ job_id: 'J1', outcome: 'done' }]);
    // A job handed to the browser has no printer and is done; a queued job must have a printer.
    const job = db.prepare(`INSERT INTO print_jobs (id, document_kind, document_ref, document_label, printer_id, requested_role, requested_at, content_type, bytes, state, printed_at, next_attempt_at, give_up_at)
      VALUES (?, 'notice', 'V', 'DEMO-1', ?, 'clerk', 1, ?, x'3C', ?, ?, ?, 9)`);
    job.run('J3', null, 'html', 'done', 5, null);
    expect(() => job.run('J4', null, 'html', 'queued', null, 5)).toThrow(/CHECK/);
    expect(() => job.run('J5', null, 'escpos', 'done', 5, null)).toThrow(/CHECK/);
    expect(() => job.run('J6', 'nope', 'html', 'done', 5, null)).toThrow(/FOREIGN KEY/);
    // Only an OS printer holds A4; a raw one is a roll printer.
    const printer = db.prepare("INSERT INTO printers (id, name, role, address, paper, created_at) VALUES (?, '办公室', 'office', ?, ?, 1)");
    printer.run('P2', 'system:HP LaserJet', 'A4');
    expect(() => printer.run('P3', 'tcp://10.0.0.9', 'A4')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO print_attempts (job_id, attempt, started_at, ended_at, outcome) VALUES ('nope', 1, 1, 2, 'done')").run()).toThrow(/FOREIGN KEY/);
  });
});
