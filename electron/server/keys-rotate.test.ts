import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { startHostProcess } from '../../tests/support/host-process';
import { DATABASE_FILE } from '../core/core';
import { DATA_KEY_FILE, PENDING_DATA_KEY_FILE } from '../core/privacy/data-key-store';
import { PersonalDataCrypto } from '../core/privacy/personal-data-crypto';
import { seedPersonalData, SEEDED_PEOPLE } from '../core/testing/personal-data-folder';
import { createTestHall } from '../core/testing/test-core';

const ROTATE = fileURLToPath(new URL('./keys-rotate.ts', import.meta.url));
const VERIFY = fileURLToPath(new URL('./audit-verify.ts', import.meta.url));
const ENGLISH = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keys-rotate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A command of the project as its own process, in English. */
function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { env: ENGLISH }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}
const rotate = (dataDir: string) => run(ROTATE, ['--data', dataDir]);
const verify = (dataDir: string) => run(VERIFY, ['--data', dataDir]);
const keysFolder = (dataDir: string) => readdirSync(join(dataDir, 'keys')).sort();

/** The seeded case is found by its visitor's ID number, who is unmasked right. */
function expectReadable(dataDir: string): void {
  const hall = createTestHall({ dataDir });
  try {
    const person = SEEDED_PEOPLE[0]!;
    const found = hall.value('clerk', 'visits.search', { query: person.idNumber, kind: 'id_number' }).visits;
    expect(found).toHaveLength(1);
    const visit = hall.value('clerk', 'visits.get', { id: found[0].id }).visit;
    expect(hall.value('clerk', 'visitors.unmask', { visitorId: visit.visitor.id, reason: '核对身份' })).toEqual({ idNumber: person.idNumber, phone: person.phone });
    expect(hall.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    hall.core.close();
  }
}

describe('npm run keys:rotate', () => {
  it('rotates a stopped host’s folder (exit 0), twice; audit:verify passes after each', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    seedPersonalData(dataDir);
    const oldKey = readFileSync(join(dataDir, DATA_KEY_FILE));

    const first = await rotate(dataDir);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Data key rotated: 4 visitors and 3 attachments re-encrypted, their look-up indexes recomputed; the audit log continues under the new key \(\d+ rows; rotation 1\)\./);
    expect(readFileSync(join(dataDir, DATA_KEY_FILE)).equals(oldKey)).toBe(false);
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    expect(await verify(dataDir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^audit log intact: \d+ rows\n$/) });
    expectReadable(dataDir);

    expect((await rotate(dataDir)).stdout).toContain('rotation 2');
    expect((await verify(dataDir)).code).toBe(0);
    expectReadable(dataDir);
  });

  it('refuses with exit 2, changing nothing, while the Node host runs on the folder; and without --data', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    seedPersonalData(dataDir);
    const key = readFileSync(join(dataDir, DATA_KEY_FILE));
    const host = await startHostProcess(dataDir);
    try {
      const refused = await rotate(dataDir);
      expect(refused).toMatchObject({ code: 2, stdout: '' });
      expect(refused.stderr).toBe(
        `Could not rotate the data key: The database ${join(dataDir, DATABASE_FILE)} is in use: a host is running on this data folder (or another tool has it open). Stop the host, then run the rotation again. Nothing was changed.\n`,
      );
    } finally {
      await host.stop();
    }
    expect(readFileSync(join(dataDir, DATA_KEY_FILE)).equals(key)).toBe(true);
    expect(keysFolder(dataDir)).toEqual(['data.key']);

    const usage = await run(ROTATE, []);
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toContain('Usage: npm run keys:rotate -- --data <data folder>');
  });

  it('killed halfway, leaves a folder the host opens under the old key: the pending key is destroyed at its start', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    seedPersonalData(dataDir);
    const oldKey = readFileSync(join(dataDir, DATA_KEY_FILE));
    // Many visitors, so that the rotation takes a while.
    const crypto = new PersonalDataCrypto(oldKey);
    const db = new Database(join(dataDir, DATABASE_FILE));
    const insert = db.prepare('INSERT INTO visitors (id, id_number_enc, id_number_index, phone_enc, phone_index, name, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)');
    db.transaction(() => {
      for (let i = 0; i < 30_000; i++) {
        const idNumber = `1101051949${String(i).padStart(8, '0')}`;
        const phone = `139${String(i).padStart(8, '0')}`;
        insert.run(ulid(), crypto.encrypt('idNumber', idNumber), crypto.blindIndex('idNumber', idNumber), crypto.encrypt('phone', phone), crypto.blindIndex('phone', phone), '张三', 'zh-CN');
      }
    })();
    db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', ROTATE, '--data', dataDir], { env: ENGLISH, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const pending = join(dataDir, PENDING_DATA_KEY_FILE);
    // The pending key is written once the database is held, just before the transaction begins.
    while (!existsSync(pending)) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, 200)); // well into re-encrypting
    child.kill('SIGKILL');
    await exited;
    expect(keysFolder(dataDir)).toEqual(['data.key', 'data.key.pending']); // killed before it settled

    expect(await verify(dataDir)).toMatchObject({ code: 0 }); // read-only: settles nothing
    expectReadable(dataDir);
    expect(keysFolder(dataDir)).toEqual(['data.key']);
    expect(readFileSync(join(dataDir, DATA_KEY_FILE)).equals(oldKey)).toBe(true);
    // And it rotates cleanly afterwards.
    expect((await rotate(dataDir)).code).toBe(0);
    expectReadable(dataDir);
  });
});

describe('the Node host and its key file', () => {
  it('refuses to start with a key file other users may read, saying the chmod to run; starts once it is mended', { timeout: 60_000 }, async () => {
    if (process.platform === 'win32') return; // modes do not apply (docs/security.md: the folder's ACL)
    const dataDir = tempDir();
    seedPersonalData(dataDir);
    const keyFile = join(dataDir, DATA_KEY_FILE);
    chmodSync(keyFile, 0o640);
    await expect(startHostProcess(dataDir)).rejects.toThrow(
      `Could not start: The data key file ${keyFile} can be read by other users (mode 0640): only the user the host runs as may read it. As that user, run chmod 600 ${keyFile} (and chmod 700 on its keys folder), then start again. Nothing was changed.`,
    );
    chmodSync(keyFile, 0o600);
    const host = await startHostProcess(dataDir);
    await host.stop();
  });
});
