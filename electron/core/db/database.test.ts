import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';

const packageDir = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));

describe('openDatabase', () => {
  it('loads SQLite from a given native binding (how npm start runs the core in Electron)', () => {
    const db = openDatabase({ filename: ':memory:', nativeBinding: join(packageDir, 'build', 'Release', 'better_sqlite3.node') });
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'tickets'").pluck().get()).toBe(1);
    db.close();
  });

  it('fails clearly when the binding is missing', () => {
    expect(() => openDatabase({ filename: ':memory:', nativeBinding: '/nowhere/better_sqlite3.node' })).toThrow(/nowhere\/better_sqlite3\.node/);
  });
});
