import type Database from 'better-sqlite3';
import type { CaseTag, VisitSummary } from '../../../shared/contract';
import { computeCaseDeadlines, type DeadlineOptions } from '../../../shared/domain/case-deadlines';
import { caseEventSchema, type CaseEvent } from '../../../shared/domain/case-timeline';
import { caseStage } from './case-status-service';
import { sortTags } from './visit-store';

/** Deadline states that still need someone: the one a list shows. */
const RUNNING = new Set(['open', 'due_soon', 'due_today', 'overdue']);
const SUMMARY_LENGTH = 80;

interface SummaryRow {
  id: string;
  case_number: string;
  official_number: string | null;
  received_on: string;
  visitor_name: string | null;
  service_id: string;
  category_code: string;
  matter_class: VisitSummary['matterClass'];
  summary: string;
  registered_by: string;
  staff_no: string;
  staff_name: string;
}

/**
 * Cases as lists show them (history, today's cases, search results): one query per table
 * for the whole list, the stage and the next deadline computed from each timeline on
 * `options.today` with the calendar in force (DeadlineIndex.optionsOn). The answer keeps the order of `ids`; unknown ids are left out.
 */
export function visitSummaries(db: Database.Database, ids: readonly string[], options: DeadlineOptions): VisitSummary[] {
  if (ids.length === 0) return [];
  const list = JSON.stringify(ids);
  const rows = db
    .prepare<[string], SummaryRow>(
      `SELECT v.id, v.case_number, v.official_number, v.received_on, p.name AS visitor_name, v.service_id, v.category_code,
              v.matter_class, v.summary, v.registered_by, s.staff_no, s.name AS staff_name
       FROM json_each(?) j JOIN visits v ON v.id = j.value JOIN staff s ON s.id = v.registered_by
       LEFT JOIN visitors p ON p.id = v.visitor_id`,
    )
    .all(list);
  const events = new Map<string, CaseEvent[]>();
  for (const row of db
    .prepare<[string], { visit_id: string; type: string; date: string; details: string }>(
      `SELECT e.visit_id, e.type, e.date, e.details FROM json_each(?) j JOIN visit_events e ON e.visit_id = j.value ORDER BY e.visit_id, e.id`,
    )
    .all(list)) {
    const event = caseEventSchema.parse({ type: row.type, date: row.date, ...(JSON.parse(row.details) as object) });
    events.set(row.visit_id, [...(events.get(row.visit_id) ?? []), event]);
  }
  const tags = new Map<string, CaseTag[]>();
  for (const row of db
    .prepare<[string], { visit_id: string; kind: CaseTag['kind']; leader: string | null }>(
      `SELECT t.visit_id, t.kind, t.leader FROM json_each(?) j JOIN visit_tags t ON t.visit_id = j.value ORDER BY t.kind`,
    )
    .all(list)) {
    const tag: CaseTag = row.kind === 'leader_owned' ? { kind: 'leader_owned', leader: row.leader ?? '' } : { kind: row.kind };
    tags.set(row.visit_id, [...(tags.get(row.visit_id) ?? []), tag]);
  }

  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const timeline = events.get(id) ?? [];
    const computed = computeCaseDeadlines(timeline, options);
    const next = computed.ok
      ? computed.deadlines.filter((deadline) => RUNNING.has(deadline.status.state)).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]
      : undefined;
    return [
      {
        id: row.id,
        caseNumber: row.case_number,
        officialNumber: row.official_number,
        receivedOn: row.received_on,
        visitorName: row.visitor_name,
        serviceId: row.service_id,
        categoryCode: row.category_code,
        matterClass: row.matter_class,
        summary: row.summary.length > SUMMARY_LENGTH ? `${row.summary.slice(0, SUMMARY_LENGTH - 1)}…` : row.summary,
        stage: caseStage(timeline),
        nextDeadline: next ? { kind: next.kind, nature: next.nature, article: next.article, dueDate: next.dueDate, state: next.status.state } : null,
        tags: sortTags(tags.get(id) ?? []),
        registeredBy: { id: row.registered_by, staffNo: row.staff_no, name: row.staff_name },
        final: computed.ok && computed.finality !== null,
      },
    ];
  });
}
