import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files, in order, refusing gaps and duplicates. */
export function loadMigrations(directory: string): Migration[] {
  const migrations = readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(directory, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3 … without gaps; found ${migration.version} at ${index + 1}`);
    }
  });
  return migrations;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `This database was written by a newer version of the terminal (schema ${databaseVersion}; ` +
        `this version knows up to ${supportedVersion}). Install the newer version, or restore a backup made by this one. ` +
        'The database was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Applies the pending migrations in one transaction: either the database reaches the
 * newest version or it stays exactly as it was. The version lives in
 * `PRAGMA user_version`; `schema_migrations` keeps when each one was applied.
 */
export function migrate(db: Database.Database, migrations: Migration[], now: () => number = Date.now): number {
  const latest = migrations.length;
  const readVersion = () => db.pragma('user_version', { simple: true }) as number;
  if (readVersion() === latest) return latest;

  db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const current = readVersion();
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    if (current === latest) return;
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}
