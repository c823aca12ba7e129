import type Database from 'better-sqlite3';
import { searchHas, searchTokens } from './search-text';

/**
 * The SQL functions the search indexes are made with (migration 0010, docs/search.md).
 * Registered on every connection the core opens, before it migrates: the triggers that
 * keep the indexes call `search_tokens`, so a connection without it cannot write a case.
 *
 * - `search_tokens(text, …)`: the tokens of the texts (search-text.ts), NULLs skipped.
 * - `search_has(text, words)`: whether the text holds every word (newline-separated).
 */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('search_tokens', { deterministic: true, varargs: true }, (...texts: unknown[]) =>
    searchTokens(...texts.map((text) => (typeof text === 'string' ? text : null))),
  );
  db.function('search_has', { deterministic: true }, (text: unknown, words: unknown) =>
    typeof text === 'string' && typeof words === 'string' && searchHas(text, words.split('\n')) ? 1 : 0,
  );
}

/**
 * Writes the tokens of the cases registered before migration 0010 (its `search_backlog`),
 * then empties the backlog: at every start, in one transaction, doing nothing once the
 * backlog is empty. Safe to repeat: a case's rows are replaced, never added twice.
 * Returns how many cases it indexed.
 *
 * A bulk insert leaves FTS5 with many middle-sized segments, which the small segment of
 * each later registration would be merged with (tens of milliseconds every few cases on a
 * big hall): merged into one here, later registrations merge only among themselves.
 */
export function indexSearchBacklog(db: Database.Database): number {
  // A database opened with fewer migrations (a test's) has no backlog at all.
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_backlog'").get()) return 0;
  if (!db.prepare('SELECT 1 FROM search_backlog LIMIT 1').get()) return 0;
  return db
    .transaction(() => {
      const docs = 'SELECT d.doc FROM search_backlog b JOIN search_docs d ON d.visit_id = b.visit_id';
      db.prepare(`DELETE FROM search_content WHERE rowid IN (${docs})`).run();
      db.prepare(`DELETE FROM search_names WHERE rowid IN (${docs})`).run();
      db.prepare(
        `INSERT INTO search_content (rowid, tokens)
         SELECT d.doc, search_tokens(v.summary, v.request, v.facts_and_reasons)
         FROM search_backlog b JOIN search_docs d ON d.visit_id = b.visit_id JOIN visits v ON v.id = b.visit_id`,
      ).run();
      db.prepare(
        `INSERT INTO search_names (rowid, tokens)
         SELECT d.doc, search_tokens(n.names)
         FROM search_backlog b JOIN search_docs d ON d.visit_id = b.visit_id JOIN search_case_names n ON n.visit_id = b.visit_id`,
      ).run();
      db.exec("INSERT INTO search_content (search_content) VALUES ('optimize'); INSERT INTO search_names (search_names) VALUES ('optimize');");
      return db.prepare('DELETE FROM search_backlog').run().changes;
    })
    .immediate();
}
