import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHallCore, DATABASE_FILE, type HallCore } from '../core/core';
import { DATA_KEY_FILE } from '../core/privacy/data-key-store';

const CLI = fileURLToPath(new URL('./audit-verify.ts', import.meta.url));
/** 2026-11-24 09:00 in Shenzhen, and a row a minute. */
const FIRST_AT = Date.parse('2026-11-24T01:00:00Z');

/** `npm run audit:verify -- --data <dir>` as its own process, in English. */
function verify(dataDir: string | null): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ['--import', 'tsx', CLI, ...(dataDir === null ? [] : ['--data', dataDir])];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

function openCore(dataDir: string): HallCore {
  return createHallCore({ dataDir, printing: { autoRun: false }, retention: { autoRun: false } });
}

/** A data folder whose audit log has `count` rows, the host stopped (its -wal and -shm files gone with it). */
function folderWithRows(count: number): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  const core = openCore(dataDir);
  appendRows(core, count);
  core.close();
  return dataDir;
}

function appendRows(core: HallCore, count: number, from = 1): void {
  for (let i = from; i < from + count; i++) {
    core.db.transaction(() =>
      core.audit.append({ at: FIRST_AT + (i - 1) * 60_000, actorId: null, action: i % 2 ? 'visitor.unmask' : 'attachment.read', subject: `visitor:${i}`, details: { reason: `核对 ${i}` } }),
    ).immediate();
  }
}

/** Someone with the file: the append-only triggers are in the way only until dropped. */
function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

const hashOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sideFiles = (dataDir: string) => ['-wal', '-shm'].filter((suffix) => existsSync(join(dataDir, DATABASE_FILE + suffix)));

describe('npm run audit:verify', () => {
  it('reports an intact chain with exit 0, and leaves the database file exactly as it was, with no -wal or -shm file', async () => {
    const dataDir = folderWithRows(3);
    const file = join(dataDir, DATABASE_FILE);
    const before = hashOf(file);
    expect(sideFiles(dataDir)).toEqual([]);
    expect(await verify(dataDir)).toEqual({ code: 0, stdout: 'audit log intact: 3 rows\n', stderr: '' });
    expect(hashOf(file)).toBe(before);
    expect(sideFiles(dataDir)).toEqual([]);
  });

  it('reports an empty chain as intact', async () => {
    expect(await verify(folderWithRows(0))).toEqual({ code: 0, stdout: 'audit log intact: 0 rows\n', stderr: '' });
  });

  it('reads the rows a running host has only in its WAL so far, and leaves its files to it', async () => {
    const dataDir = folderWithRows(2);
    const core = openCore(dataDir);
    appendRows(core, 3, 3);
    expect(sideFiles(dataDir)).toEqual(['-wal', '-shm']);
    expect((await verify(dataDir)).stdout).toBe('audit log intact: 5 rows\n');
    appendRows(core, 1, 6);
    expect(core.audit.verify()).toEqual({ ok: true, rows: 6 });
    core.close();
  });

  it("names the first broken link when a row's details were altered: exit 1, its seq, time and action", async () => {
    const dataDir = folderWithRows(4);
    tamper(dataDir, `UPDATE audit_log SET details = '{"reason":"例行检查"}' WHERE seq = 2`);
    const file = join(dataDir, DATABASE_FILE);
    const before = hashOf(file);
    const result = await verify(dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'audit log broken at row 2: row altered (its content no longer matches its hash). That row: 2026-11-24 09:01:00 Asia/Shanghai, attachment.read.\n',
    );
    // Time and action only: never the row's details.
    expect(result.stdout).not.toContain('例行检查');
    expect(hashOf(file)).toBe(before);
    expect(sideFiles(dataDir)).toEqual([]);
  });

  it('names the first broken link when a middle row was deleted, and when the numbers were closed up after it', async () => {
    const gap = folderWithRows(4);
    tamper(gap, 'DELETE FROM audit_log WHERE seq = 2');
    expect(await verify(gap)).toMatchObject({
      code: 1,
      stdout: 'audit log broken at row 3: rows missing before it (the row numbers jump). That row: 2026-11-24 09:02:00 Asia/Shanghai, visitor.unmask.\n',
    });

    const closedUp = folderWithRows(4);
    tamper(closedUp, 'DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2;');
    expect(await verify(closedUp)).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^audit log broken at row 2: a row removed or reordered before it \(it no longer follows the row before it\)\./),
    });
  });

  it('refuses with exit 2, saying what to do, a missing key file or another folder’s, and writes no key', async () => {
    const dataDir = folderWithRows(2);
    const keyFile = join(dataDir, DATA_KEY_FILE);
    const key = readFileSync(keyFile);

    rmSync(keyFile);
    const missing = await verify(dataDir);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain(`Could not check the audit log: The data key file ${keyFile} is missing`);
    expect(missing.stderr).toContain('Restore the file from the backup of this data folder');
    expect(existsSync(keyFile)).toBe(false);

    writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    const wrong = await verify(dataDir);
    expect(wrong).toMatchObject({ code: 2, stdout: '' });
    expect(wrong.stderr).toContain(`The data key file ${keyFile} is not the key this database was written with`);

    writeFileSync(keyFile, key);
    expect((await verify(dataDir)).code).toBe(0);
  });

  it('refuses with exit 2 a database of a newer version, a folder without a database, a file that is no database, and a missing --data', async () => {
    const newer = folderWithRows(1);
    const db = new Database(join(newer, DATABASE_FILE));
    db.pragma('user_version = 999');
    db.close();
    const tooNew = await verify(newer);
    expect(tooNew).toMatchObject({ code: 2, stdout: '' });
    expect(tooNew.stderr).toContain('written by a newer version of the terminal (schema 999');

    const empty = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    const none = await verify(empty);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain(`There is no hall database at ${join(empty, DATABASE_FILE)}`);
    expect(existsSync(join(empty, DATABASE_FILE))).toBe(false);

    writeFileSync(join(empty, DATABASE_FILE), 'not a database at all, just text');
    expect((await verify(empty)).stderr).toContain('is not a database of the reception-hall terminal');

    const usage = await verify(null);
    expect(usage).toMatchObject({ code: 2, stderr: 'Usage: npm run audit:verify -- --data <data folder>\n' });
  });
});
