import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A digest of every row of every table of a hall database: equal digests, nothing
 * written. Virtual tables (full-text search) are read through their shadow tables,
 * which hold what they store. Rows are read in key order (rowid, or the primary key
 * of a WITHOUT ROWID table), so the digest does not depend on how SQLite happens to
 * scan. The tables are listed once: call this after the migrations have run.
 *
 * The rows are read again only when SQLite's total_changes() has moved: it counts every
 * row a statement of this connection inserted, updated or deleted, rolled back or not,
 * so while it stands still nothing was written. (`db` must be the only connection that
 * writes, as the hall core's is.)
 */
export function databaseDigest(db: Database.Database): () => string {
  const tables = (
    db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
      .all() as Array<{ name: string; sql: string }>
  ).map(({ name, sql }) => {
    const primaryKey = (db.pragma(`table_info("${name}")`) as Array<{ name: string; pk: number }>)
      .filter((column) => column.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((column) => `"${column.name}"`);
    const order = /WITHOUT\s+ROWID/i.test(sql) ? primaryKey.join(', ') : 'rowid';
    return { name, rows: db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw() };
  });

  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  let last: { changes: unknown; digest: string } | null = null;

  return () => {
    const changes = totalChanges.get();
    if (last !== null && last.changes === changes) return last.digest;
    const hash = createHash('sha256');
    for (const table of tables) {
      hash.update(`\0table:${table.name}\0`);
      for (const row of table.rows.iterate() as IterableIterator<unknown[]>) {
        for (const value of row) {
          // Each value tagged with its type and length, so that no two rows hash alike by accident.
          if (Buffer.isBuffer(value)) {
            hash.update(`b${value.length}:`);
            hash.update(value);
          } else if (typeof value === 'string') hash.update(`s${value.length}:${value}`);
          else hash.update(`${typeof value}:${String(value)}`);
          hash.update('\0');
        }
        hash.update('\n');
      }
    }
    last = { changes, digest: hash.digest('hex') };
    return last.digest;
  };
}
