import type Database from 'better-sqlite3';
import type { MATTER_CLASSES, VISIT_FORMS, VISIT_PURPOSES } from '../../../shared/contract';
import { caseEventSchema, type CaseEvent, type RECEIVERS } from '../../../shared/domain/case-timeline';

/** A visit row as stored (booleans as 0/1). */
export interface VisitRow {
  id: string;
  site_code: string;
  received_on: string;
  seq: number;
  case_number: string;
  official_number: string | null;
  ticket_id: string | null;
  visitor_id: string | null;
  identity_unclear: 0 | 1;
  registered_by: string;
  registered_at: number;
  form: (typeof VISIT_FORMS)[number];
  people_count: number;
  representatives: number | null;
  problem_location: string;
  purpose: (typeof VISIT_PURPOSES)[number];
  matter_class: (typeof MATTER_CLASSES)[number];
  service_id: string;
  category_code: string;
  summary: string;
  request: string;
  facts_and_reasons: string;
  first_time: 0 | 1;
  joint_or_group: 0 | 1;
  receiver: (typeof RECEIVERS)[number];
  /** Joined from staff. */
  registered_by_no: string;
  registered_by_name: string;
}

export type NewVisit = Omit<VisitRow, 'registered_by_no' | 'registered_by_name' | 'official_number'>;

export interface StoredEvent {
  event: CaseEvent;
  actorId: string;
  note: string | null;
  recordedAt: number;
}

interface EventRow {
  visit_id: string;
  type: string;
  date: string;
  details: string;
  actor_id: string;
  note: string | null;
  recorded_at: number;
}

/** The SQL of visits and their timelines. No rules here: see visit-service. */
export class VisitStore {
  private readonly s;

  constructor(db: Database.Database) {
    const visitSelect = `SELECT v.*, s.staff_no AS registered_by_no, s.name AS registered_by_name
      FROM visits v JOIN staff s ON s.id = v.registered_by`;
    this.s = {
      visit: db.prepare<[string], VisitRow>(`${visitSelect} WHERE v.id = ?`),
      allVisitIds: db.prepare<[], { id: string; registered_by: string; case_number: string }>('SELECT id, registered_by, case_number FROM visits ORDER BY id'),
      // The kiosk's look-up: the case number or the official one, ignoring case (the caller trims).
      byNumber: db.prepare<[string, string], { id: string; case_number: string; visitor_id: string | null }>(
        `SELECT id, case_number, visitor_id FROM visits
         WHERE case_number = ? COLLATE NOCASE OR official_number = ? COLLATE NOCASE LIMIT 1`,
      ),
      lastSeq: db.prepare<[string, string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM visits WHERE site_code = ? AND received_on = ?'),
      insertVisit: db.prepare(`INSERT INTO visits
        (id, site_code, received_on, seq, case_number, ticket_id, visitor_id, identity_unclear, registered_by, registered_at, form,
         people_count, representatives, problem_location, purpose, matter_class, service_id, category_code, summary, request,
         facts_and_reasons, first_time, joint_or_group, receiver)
        VALUES (@id, @site_code, @received_on, @seq, @case_number, @ticket_id, @visitor_id, @identity_unclear, @registered_by,
         @registered_at, @form, @people_count, @representatives, @problem_location, @purpose, @matter_class, @service_id,
         @category_code, @summary, @request, @facts_and_reasons, @first_time, @joint_or_group, @receiver)`),
      events: db.prepare<[string], EventRow>('SELECT * FROM visit_events WHERE visit_id = ? ORDER BY id'),
      allEvents: db.prepare<[], EventRow>('SELECT * FROM visit_events ORDER BY visit_id, id'),
      insertEvent: db.prepare(`INSERT INTO visit_events (visit_id, type, date, details, actor_id, note, recorded_at)
        VALUES (@visitId, @type, @date, @details, @actorId, @note, @recordedAt)`),
    };
  }

  visit(id: string): VisitRow | undefined {
    return this.s.visit.get(id);
  }

  /** Every case, oldest first (the due list and the KPIs read them all; see docs/visits.md on scale). */
  allVisits(): { id: string; registered_by: string; case_number: string }[] {
    return this.s.allVisitIds.all();
  }

  /** The case whose case number or official number this is (ignoring case). */
  byNumber(number: string): { id: string; case_number: string; visitor_id: string | null } | undefined {
    return this.s.byNumber.get(number, number);
  }

  /** The next case sequence number of a site's day (call inside the write transaction). */
  nextSeq(siteCode: string, receivedOn: string): number {
    return (this.s.lastSeq.get(siteCode, receivedOn)?.seq ?? 0) + 1;
  }

  insertVisit(visit: NewVisit): void {
    this.s.insertVisit.run(visit);
  }

  timeline(visitId: string): StoredEvent[] {
    return this.s.events.all(visitId).map(storedEvent);
  }

  /** Every case's timeline, by visit id. */
  allTimelines(): Map<string, StoredEvent[]> {
    const timelines = new Map<string, StoredEvent[]>();
    for (const row of this.s.allEvents.all()) timelines.set(row.visit_id, [...(timelines.get(row.visit_id) ?? []), storedEvent(row)]);
    return timelines;
  }

  appendEvent(visitId: string, event: CaseEvent, actorId: string, note: string | null, recordedAt: number): void {
    const { type, date, ...details } = event;
    this.s.insertEvent.run({ visitId, type, date, details: JSON.stringify(details), actorId, note, recordedAt });
  }
}

/** {type, date, ...details} is the CaseEvent that was written; parsed again so a bad row fails loudly. */
function storedEvent(row: EventRow): StoredEvent {
  const event = caseEventSchema.parse({ type: row.type, date: row.date, ...(JSON.parse(row.details) as object) });
  return { event, actorId: row.actor_id, note: row.note, recordedAt: row.recorded_at };
}
