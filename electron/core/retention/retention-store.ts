import type Database from 'better-sqlite3';
import type { RetentionCounts, RetentionRun } from '../../../shared/contract';

/**
 * What replaces free text that may name people (概况, 诉求, 事实和理由, a step's note, an
 * extension's reason, an on-the-spot answer, an attachment's name). Free text cannot be
 * scrubbed reliably, so all of it goes. Migration 0016's timeline trigger allows exactly
 * this text: keep the two alike.
 */
export const ANONYMISED_TEXT = '〔已匿名〕';

/**
 * The one visitor every anonymised case names instead of its people: no ID number (an
 * empty one, encrypted like any other, so that every reader of visitors still works), no
 * phone, the marker as name, and a blind index no ID number hashes to (32 zero bytes).
 */
export const ANONYMISED_VISITOR_ID = '00000000000000000000000000';

interface RunRow {
  id: number;
  source: RetentionRun['trigger'];
  actor_id: string | null;
  started_at: number;
  finished_at: number | null;
  interrupted: 0 | 1;
  retention_years: number;
  cases_before: number;
  printed_before: number;
  cases_anonymised: number;
  attachments_removed: number;
  registrations_deleted: number;
  visitors_deleted: number;
  print_contents_removed: number;
  lookup_failures_deleted: number;
}

export interface StoredRun {
  id: number;
  actorId: string | null;
  run: Omit<RetentionRun, 'finishedAt'> & { finishedAt: number | null };
}

/** The ids of a JSON array, as SQL reads them. */
const IDS = 'SELECT value FROM json_each(@ids)';

/** The SQL of the retention job (migration 0016). No rules here: see retention-service. Callers hold the transaction. */
export class RetentionStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insertAnonymisedVisitor: db.prepare<{ idNumberEnc: Buffer; at: number }>(
        `INSERT OR IGNORE INTO visitors (id, id_number_enc, id_number_index, phone_enc, phone_index, name, language, created_at, updated_at)
         VALUES ('${ANONYMISED_VISITOR_ID}', @idNumberEnc, zeroblob(32), NULL, NULL, '${ANONYMISED_TEXT}', 'zh-CN', @at, @at)`,
      ),
      // Cases not anonymised yet whose last activity — the latest step recorded on the
      // timeline (registration writes the first), or an attachment added — is before the
      // cut-off. `lastDay` only narrows the walk of the index: no case registered before
      // the cut-off was received after it.
      dueCases: db
        .prepare<{ before: number; lastDay: string; take: number }, string>(
          `SELECT v.id FROM visits v
           WHERE v.anonymised_at IS NULL AND v.received_on <= @lastDay AND v.registered_at < @before
             AND COALESCE((SELECT MAX(e.recorded_at) FROM visit_events e WHERE e.visit_id = v.id), v.registered_at) < @before
             AND NOT EXISTS (SELECT 1 FROM visit_attachments a WHERE a.visit_id = v.id AND a.added_at >= @before)
           ORDER BY v.received_on, v.id LIMIT @take`,
        )
        .pluck(),
      peopleOfCases: db
        .prepare<{ ids: string }, string>(
          `SELECT visitor_id FROM visits WHERE id IN (${IDS}) AND visitor_id IS NOT NULL
           UNION SELECT visitor_id FROM visit_people WHERE visit_id IN (${IDS})`,
        )
        .pluck(),
      unlistPeople: db.prepare<{ ids: string }>(`DELETE FROM visit_people WHERE visit_id IN (${IDS})`),
      // The search triggers of migration 0010 index the new text and names in place of the old.
      anonymiseCases: db.prepare<{ ids: string; at: number }>(
        `UPDATE visits SET anonymised_at = @at,
           visitor_id = CASE WHEN visitor_id IS NULL THEN NULL ELSE '${ANONYMISED_VISITOR_ID}' END,
           address = '', summary = '${ANONYMISED_TEXT}', request = '${ANONYMISED_TEXT}', facts_and_reasons = '${ANONYMISED_TEXT}'
         WHERE id IN (${IDS})`,
      ),
      anonymiseAnswers: db.prepare<{ ids: string }>(
        `UPDATE visit_decisions SET decision = json_set(decision, '$.answer', '${ANONYMISED_TEXT}')
         WHERE visit_id IN (${IDS}) AND kind = 'answered_on_spot'`,
      ),
      anonymiseSteps: db.prepare<{ ids: string }>(
        `UPDATE visit_events SET
           note = CASE WHEN note IS NULL THEN NULL ELSE '${ANONYMISED_TEXT}' END,
           details = CASE WHEN type = 'extended' THEN json_set(details, '$.reason', '${ANONYMISED_TEXT}') ELSE details END
         WHERE visit_id IN (${IDS}) AND (note IS NOT NULL OR type = 'extended')`,
      ),
      removeAttachments: db.prepare<{ ids: string; at: number }>(
        `UPDATE visit_attachments SET content_enc = x'', file_name = '${ANONYMISED_TEXT}', removed_at = @at
         WHERE visit_id IN (${IDS}) AND removed_at IS NULL`,
      ),
      dueRegistrations: db.prepare<{ before: number; take: number }, { id: string; visitor_id: string | null }>(
        'SELECT id, visitor_id FROM ticket_registrations WHERE registered_at < @before ORDER BY registered_at LIMIT @take',
      ),
      deleteRegistrations: db.prepare<{ ids: string }>(`DELETE FROM ticket_registrations WHERE id IN (${IDS})`),
      // A visitor is needed while a case lists them or a kiosk registration names them.
      deleteUnneededVisitors: db.prepare<{ ids: string }>(
        `DELETE FROM visitors WHERE id IN (${IDS}) AND id <> '${ANONYMISED_VISITOR_ID}'
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.visitor_id = visitors.id)
           AND NOT EXISTS (SELECT 1 FROM visit_people p WHERE p.visitor_id = visitors.id)
           AND NOT EXISTS (SELECT 1 FROM ticket_registrations r WHERE r.visitor_id = visitors.id)`,
      ),
      // Receipts and letters hold the visitor's name; a job still to be printed keeps its bytes.
      removePrintContents: db.prepare<{ before: number; at: number; take: number }>(
        `UPDATE print_jobs SET bytes = x'', pdf = NULL, content_removed_at = @at
         WHERE id IN (SELECT id FROM print_jobs
                      WHERE content_removed_at IS NULL AND document_kind IN ('visit_receipt', 'notice')
                        AND requested_at < @before AND state IN ('done', 'failed')
                      ORDER BY requested_at LIMIT @take)`,
      ),
      deleteLookupFailures: db.prepare<{ before: number; now: number }>(
        'DELETE FROM case_status_failures WHERE window_start < @before AND (locked_until IS NULL OR locked_until < @now)',
      ),
      insertRun: db.prepare<{ trigger: string; actorId: string | null; at: number; years: number; casesBefore: number; printedBefore: number }>(
        `INSERT INTO retention_runs (source, actor_id, started_at, retention_years, cases_before, printed_before)
         VALUES (@trigger, @actorId, @at, @years, @casesBefore, @printedBefore)`,
      ),
      addCounts: db.prepare<RetentionCounts & { id: number }>(
        `UPDATE retention_runs SET cases_anonymised = cases_anonymised + @casesAnonymised,
           attachments_removed = attachments_removed + @attachmentsRemoved,
           registrations_deleted = registrations_deleted + @registrationsDeleted,
           visitors_deleted = visitors_deleted + @visitorsDeleted,
           print_contents_removed = print_contents_removed + @printContentsRemoved,
           lookup_failures_deleted = lookup_failures_deleted + @lookupFailuresDeleted
         WHERE id = @id`,
      ),
      finishRun: db.prepare<{ id: number; at: number; interrupted: number }>(
        'UPDATE retention_runs SET finished_at = @at, interrupted = @interrupted WHERE id = @id',
      ),
      run: db.prepare<[number], RunRow>('SELECT * FROM retention_runs WHERE id = ?'),
      lastFinished: db.prepare<[], RunRow>('SELECT * FROM retention_runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1'),
      unfinished: db.prepare<[], RunRow>('SELECT * FROM retention_runs WHERE finished_at IS NULL ORDER BY id'),
    };
  }

  ensureAnonymisedVisitor(idNumberEnc: Buffer, at: number): void {
    this.s.insertAnonymisedVisitor.run({ idNumberEnc, at });
  }

  dueCases(before: number, lastDay: string, take: number): string[] {
    return this.s.dueCases.all({ before, lastDay, take });
  }

  /**
   * Anonymises these cases: their people replaced by the anonymised visitor, their
   * addresses emptied, their free text replaced, their attachments emptied. Answers how
   * many attachments were removed and who was listed (to delete those no longer needed).
   */
  anonymiseCases(caseIds: readonly string[], at: number): { attachments: number; listed: string[] } {
    const ids = JSON.stringify(caseIds);
    const listed = this.s.peopleOfCases.all({ ids });
    this.s.unlistPeople.run({ ids });
    this.s.anonymiseCases.run({ ids, at });
    this.s.anonymiseAnswers.run({ ids });
    this.s.anonymiseSteps.run({ ids });
    const attachments = this.s.removeAttachments.run({ ids, at }).changes;
    return { attachments, listed };
  }

  dueRegistrations(before: number, take: number): { id: string; visitor_id: string | null }[] {
    return this.s.dueRegistrations.all({ before, take });
  }

  deleteRegistrations(registrationIds: readonly string[]): number {
    return this.s.deleteRegistrations.run({ ids: JSON.stringify(registrationIds) }).changes;
  }

  /** Deletes those of these visitors whom no case and no registration names any more; answers how many. */
  deleteUnneededVisitors(visitorIds: readonly string[]): number {
    return visitorIds.length === 0 ? 0 : this.s.deleteUnneededVisitors.run({ ids: JSON.stringify(visitorIds) }).changes;
  }

  removePrintContents(before: number, at: number, take: number): number {
    return this.s.removePrintContents.run({ before, at, take }).changes;
  }

  deleteLookupFailures(before: number, now: number): number {
    return this.s.deleteLookupFailures.run({ before, now }).changes;
  }

  /**
   * Drops what the anonymised text left in the search indexes: a deleted FTS5 entry stays
   * in its segment, marked, until the segments are merged. Merged into one here.
   */
  optimizeSearch(): void {
    this.db.exec("INSERT INTO search_content (search_content) VALUES ('optimize'); INSERT INTO search_names (search_names) VALUES ('optimize');");
  }

  insertRun(run: { trigger: RetentionRun['trigger']; actorId: string | null; at: number; years: number; casesBefore: number; printedBefore: number }): number {
    return Number(this.s.insertRun.run(run).lastInsertRowid);
  }

  addCounts(id: number, counts: RetentionCounts): void {
    this.s.addCounts.run({ id, ...counts });
  }

  finishRun(id: number, at: number, interrupted: boolean): StoredRun {
    this.s.finishRun.run({ id, at, interrupted: interrupted ? 1 : 0 });
    return storedRun(this.s.run.get(id)!);
  }

  lastFinished(): StoredRun | null {
    const row = this.s.lastFinished.get();
    return row ? storedRun(row) : null;
  }

  /** Runs left unfinished by a host that stopped mid-run. */
  unfinished(): StoredRun[] {
    return this.s.unfinished.all().map(storedRun);
  }
}

export const NO_COUNTS: RetentionCounts = {
  casesAnonymised: 0,
  attachmentsRemoved: 0,
  registrationsDeleted: 0,
  visitorsDeleted: 0,
  printContentsRemoved: 0,
  lookupFailuresDeleted: 0,
};

function storedRun(row: RunRow): StoredRun {
  return {
    id: row.id,
    actorId: row.actor_id,
    run: {
      trigger: row.source,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      interrupted: row.interrupted === 1,
      retentionYears: row.retention_years,
      casesBefore: row.cases_before,
      printedBefore: row.printed_before,
      counts: {
        casesAnonymised: row.cases_anonymised,
        attachmentsRemoved: row.attachments_removed,
        registrationsDeleted: row.registrations_deleted,
        visitorsDeleted: row.visitors_deleted,
        printContentsRemoved: row.print_contents_removed,
        lookupFailuresDeleted: row.lookup_failures_deleted,
      },
    },
  };
}
