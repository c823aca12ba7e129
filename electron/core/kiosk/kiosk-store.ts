import type Database from 'better-sqlite3';

/** The kiosk's own questions to the database. */
export class KioskStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      // A ticket is transferred at most once (it ends as 'transferred'), so the chain is a line.
      newestOfChain: db.prepare<[string], { id: string }>(`
        WITH RECURSIVE chain (id, depth) AS (
          SELECT id, 0 FROM tickets WHERE id = ?
          UNION ALL
          SELECT t.id, c.depth + 1 FROM tickets t JOIN chain c ON t.transferred_from = c.id
        )
        SELECT id FROM chain ORDER BY depth DESC LIMIT 1`),
    };
  }

  /** The newest ticket of the transfer chain this ticket starts (itself when never transferred); undefined when unknown. */
  newestOfChain(ticketId: string): string | undefined {
    return this.s.newestOfChain.get(ticketId)?.id;
  }
}
