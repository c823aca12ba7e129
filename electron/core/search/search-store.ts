import type Database from 'better-sqlite3';

/** Above every character a case number holds: `prefix || TOP` bounds the prefix's range in an index. */
const TOP = String.fromCodePoint(0x10ffff);

/**
 * The SQL of case search (docs/search.md). Every query answers case ids newest first
 * (registration order: ULIDs and search_docs.doc both grow with it), at most `take`.
 */
export class SearchStore {
  private readonly s;

  constructor(db: Database.Database) {
    const ids = <P extends object>(sql: string) => db.prepare<[P], string>(sql).pluck();
    this.s = {
      // The newest of each column's prefix range, walked down its NOCASE index. A site's
      // own numbers (<site>-<yyyymmdd>-<seq>) sort by date and sequence: that walk is newest first.
      byCaseNumber: ids<{ from: string; to: string; take: number }>(
        `SELECT id FROM visits WHERE case_number COLLATE NOCASE >= @from AND case_number COLLATE NOCASE < @to
         ORDER BY case_number COLLATE NOCASE DESC LIMIT @take`,
      ),
      byOfficialNumber: ids<{ from: string; to: string; take: number }>(
        `SELECT id FROM visits WHERE official_number IS NOT NULL AND official_number COLLATE NOCASE >= @from AND official_number COLLATE NOCASE < @to
         ORDER BY official_number COLLATE NOCASE DESC LIMIT @take`,
      ),
      // A visitor is on a case as its main visitor or as one of its listed people (0009).
      byIdNumberIndex: ids<{ index: Buffer; take: number }>(
        `SELECT id FROM (
           SELECT v.id FROM visitors p JOIN visits v ON v.visitor_id = p.id WHERE p.id_number_index = @index
           UNION SELECT l.visit_id FROM visitors p JOIN visit_people l ON l.visitor_id = p.id WHERE p.id_number_index = @index)
         ORDER BY id DESC LIMIT @take`,
      ),
      byPhoneIndex: ids<{ index: Buffer; take: number }>(
        `SELECT id FROM (
           SELECT v.id FROM visitors p JOIN visits v ON v.visitor_id = p.id WHERE p.phone_index = @index
           UNION SELECT l.visit_id FROM visitors p JOIN visit_people l ON l.visitor_id = p.id WHERE p.phone_index = @index)
         ORDER BY id DESC LIMIT @take`,
      ),
      // The index walked newest first; words of three or more characters checked against the names themselves.
      byName: ids<{ match: string; check: string | null; take: number }>(
        `SELECT d.visit_id FROM search_names s JOIN search_docs d ON d.doc = s.rowid
         WHERE search_names MATCH @match
           AND (@check IS NULL OR search_has((SELECT n.names FROM search_case_names n WHERE n.visit_id = d.visit_id), @check))
         ORDER BY s.rowid DESC LIMIT @take`,
      ),
      byContent: ids<{ match: string; check: string | null; take: number }>(
        `SELECT d.visit_id FROM search_content s JOIN search_docs d ON d.doc = s.rowid
         WHERE search_content MATCH @match
           AND (@check IS NULL OR (SELECT search_has(v.summary || char(10) || v.request || char(10) || v.facts_and_reasons, @check)
                               FROM visits v WHERE v.id = d.visit_id))
         ORDER BY s.rowid DESC LIMIT @take`,
      ),
    };
  }

  /** Cases whose case number or official number starts with `prefix` (ignoring case); the exact number is its own prefix. */
  byNumberPrefix(prefix: string, take: number): string[] {
    const range = { from: prefix, to: prefix + TOP, take };
    const own = this.s.byCaseNumber.all(range);
    const official = this.s.byOfficialNumber.all(range);
    return [...new Set([...own, ...official])].sort(newestFirst).slice(0, take);
  }

  byIdNumberIndex(index: Buffer, take: number): string[] {
    return this.s.byIdNumberIndex.all({ index, take });
  }

  byPhoneIndex(index: Buffer, take: number): string[] {
    return this.s.byPhoneIndex.all({ index, take });
  }

  /** `match`: the tokens' MATCH expression; `check`: words the candidates must hold (newline-separated), or null. */
  byName(match: string, check: string | null, take: number): string[] {
    return this.s.byName.all({ match, check, take });
  }

  byContent(match: string, check: string | null, take: number): string[] {
    return this.s.byContent.all({ match, check, take });
  }
}

/** ULIDs sort by the time they were made: the later registration first. */
function newestFirst(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
