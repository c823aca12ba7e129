import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  CASE_TAG_KINDS,
  RATING_REASONS,
  type Attachment,
  type CaseTag,
  type MATTER_CLASSES,
  type RecordedDecision,
  type VISIT_FORMS,
  type VISIT_PURPOSES,
} from '../../../shared/contract';
import { deskDecisionSchema } from '../../../shared/domain/desk-decision';
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
  /** The zh-CN path of the location as registered ("光明街道 › 东周社区"); free text before migration 0009. */
  problem_location: string;
  /** null for cases registered before the street / community list (migration 0009). */
  problem_location_code: string | null;
  /** The main visitor's address. */
  address: string;
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
  /** Who recorded it, as the timeline names them. */
  actor: { id: string; staffNo: string; name: string };
  note: string | null;
  recordedAt: number;
}

interface EventRow {
  visit_id: string;
  type: string;
  date: string;
  details: string;
  actor_id: string;
  actor_no: string;
  actor_name: string;
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
      receivedBetween: db.prepare<[string, string], { id: string }>('SELECT id FROM visits WHERE received_on BETWEEN ? AND ?'),
      // The kiosk's look-up: the case number or the official one, ignoring case (the caller trims).
      byNumber: db.prepare<[string, string], { id: string; case_number: string; visitor_id: string | null }>(
        `SELECT id, case_number, visitor_id FROM visits
         WHERE case_number = ? COLLATE NOCASE OR official_number = ? COLLATE NOCASE LIMIT 1`,
      ),
      lastSeq: db.prepare<[string, string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM visits WHERE site_code = ? AND received_on = ?'),
      insertVisit: db.prepare(`INSERT INTO visits
        (id, site_code, received_on, seq, case_number, ticket_id, visitor_id, identity_unclear, registered_by, registered_at, form,
         people_count, representatives, problem_location, purpose, matter_class, service_id, category_code, summary, request,
         facts_and_reasons, first_time, joint_or_group, receiver, problem_location_code, address)
        VALUES (@id, @site_code, @received_on, @seq, @case_number, @ticket_id, @visitor_id, @identity_unclear, @registered_by,
         @registered_at, @form, @people_count, @representatives, @problem_location, @purpose, @matter_class, @service_id,
         @category_code, @summary, @request, @facts_and_reasons, @first_time, @joint_or_group, @receiver, @problem_location_code, @address)`),
      people: db.prepare<[string], { visitor_id: string; address: string }>('SELECT visitor_id, address FROM visit_people WHERE visit_id = ? ORDER BY position'),
      insertPerson: db.prepare<[string, number, string, string]>('INSERT INTO visit_people (visit_id, position, visitor_id, address) VALUES (?, ?, ?, ?)'),
      tags: db.prepare<[string], { kind: CaseTag['kind']; leader: string | null }>('SELECT kind, leader FROM visit_tags WHERE visit_id = ?'),
      deleteTags: db.prepare<[string]>('DELETE FROM visit_tags WHERE visit_id = ?'),
      insertTag: db.prepare<[string, string, string | null]>('INSERT INTO visit_tags (visit_id, kind, leader) VALUES (?, ?, ?)'),
      decision: db.prepare<[string], DecisionRow>(`SELECT d.decision, d.basis_article, d.basis_paragraph, d.basis_item, d.decided_by, d.decided_at,
          s.staff_no, s.name AS staff_name
        FROM visit_decisions d JOIN staff s ON s.id = d.decided_by WHERE d.visit_id = ?`),
      // Metadata only: the content stays where it is.
      attachments: db.prepare<[string], AttachmentRow>(`SELECT a.id, a.file_name, a.media_type, a.size, a.sha256, a.added_by, a.added_at,
          s.staff_no, s.name AS staff_name
        FROM visit_attachments a JOIN staff s ON s.id = a.added_by WHERE a.visit_id = ? ORDER BY a.added_at, a.id`),
      rating: db.prepare<[string], { level: number; reasons: string; rated_at: number }>(`SELECT r.level, r.reasons, r.rated_at
        FROM rating_requests q JOIN ratings r ON r.request_id = q.id WHERE q.visit_id = ? ORDER BY r.rated_at DESC, q.id DESC LIMIT 1`),
      // A visitor's cases: listed on them (visit_people_visitor), or their main visitor before migration 0009 (visits_visitor).
      ofVisitor: db.prepare<{ visitorId: string; exclude: string; limit: number }, VisitorCaseRow>(`
        SELECT v.id, v.case_number, v.received_on, v.category_code FROM visits v
        WHERE v.id IN (SELECT visit_id FROM visit_people WHERE visitor_id = @visitorId UNION SELECT id FROM visits WHERE visitor_id = @visitorId)
          AND v.id <> @exclude
        ORDER BY v.registered_at DESC, v.id DESC LIMIT @limit`),
      mine: db.prepare<[string, string], { id: string }>('SELECT id FROM visits WHERE registered_by = ? AND received_on = ? ORDER BY registered_at DESC, id DESC'),
      eventsOf: db.prepare<[string], EventRow>(
        `SELECT e.*, s.staff_no AS actor_no, s.name AS actor_name FROM json_each(?) j JOIN visit_events e ON e.visit_id = j.value
         JOIN staff s ON s.id = e.actor_id ORDER BY e.visit_id, e.id`,
      ),
      events: db.prepare<[string], EventRow>(
        `SELECT e.*, s.staff_no AS actor_no, s.name AS actor_name FROM visit_events e JOIN staff s ON s.id = e.actor_id
         WHERE e.visit_id = ? ORDER BY e.id`,
      ),
      insertEvent: db.prepare(`INSERT INTO visit_events (visit_id, type, date, details, actor_id, note, recorded_at)
        VALUES (@visitId, @type, @date, @details, @actorId, @note, @recordedAt)`),
    };
  }

  visit(id: string): VisitRow | undefined {
    return this.s.visit.get(id);
  }

  /** The cases received on the days from … to (inclusive; the index visits_received). */
  receivedBetween(from: string, to: string): string[] {
    return this.s.receivedBetween.all(from, to).map((row) => row.id);
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

  /** Everyone listed on a case, the main visitor first (none for cases before migration 0009). */
  people(visitId: string): { visitor_id: string; address: string }[] {
    return this.s.people.all(visitId);
  }

  insertPerson(visitId: string, position: number, visitorId: string, address: string): void {
    this.s.insertPerson.run(visitId, position, visitorId, address);
  }

  /** A case's tags in CASE_TAG_KINDS order. */
  tags(visitId: string): CaseTag[] {
    return sortTags(this.s.tags.all(visitId).map(tagOf));
  }

  /** Replaces a case's tags (call inside the write transaction). */
  replaceTags(visitId: string, tags: readonly CaseTag[]): void {
    this.s.deleteTags.run(visitId);
    for (const tag of tags) this.s.insertTag.run(visitId, tag.kind, tag.kind === 'leader_owned' ? tag.leader : null);
  }

  /** The desk's decision as visits.decide recorded it; null before one. */
  decision(visitId: string): RecordedDecision | null {
    const row = this.s.decision.get(visitId);
    if (!row) return null;
    return {
      decision: deskDecisionSchema.parse(JSON.parse(row.decision)),
      legalBasis: {
        article: row.basis_article,
        ...(row.basis_paragraph === null ? {} : { paragraph: row.basis_paragraph }),
        ...(row.basis_item === null ? {} : { item: row.basis_item }),
      },
      decidedBy: { id: row.decided_by, staffNo: row.staff_no, name: row.staff_name },
      decidedAt: row.decided_at,
    };
  }

  attachments(visitId: string): Attachment[] {
    return this.s.attachments.all(visitId).map((row) => ({
      id: row.id,
      fileName: row.file_name,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      addedBy: { id: row.added_by, staffNo: row.staff_no, name: row.staff_name },
      addedAt: row.added_at,
    }));
  }

  /** The latest rating of the case (a visitor may be asked again); null when none. */
  rating(visitId: string): { level: number; reasons: (typeof RATING_REASONS)[number][]; ratedAt: number } | null {
    const row = this.s.rating.get(visitId);
    return row ? { level: row.level, reasons: reasonsSchema.parse(JSON.parse(row.reasons)), ratedAt: row.rated_at } : null;
  }

  /** A visitor's cases, newest first, without `excludeId`, at most `limit` (-1: all). */
  ofVisitor(visitorId: string, excludeId: string | null, limit: number): VisitorCaseRow[] {
    return this.s.ofVisitor.all({ visitorId, exclude: excludeId ?? '', limit });
  }

  /** The cases a staff member registered on a service day, newest first (index visits_registered_by). */
  registeredBy(staffId: string, day: string): string[] {
    return this.s.mine.all(staffId, day).map((row) => row.id);
  }

  /** The timelines of some cases, by visit id. */
  timelinesOf(visitIds: readonly string[]): Map<string, StoredEvent[]> {
    const timelines = new Map<string, StoredEvent[]>();
    if (visitIds.length === 0) return timelines;
    for (const row of this.s.eventsOf.all(JSON.stringify(visitIds))) timelines.set(row.visit_id, [...(timelines.get(row.visit_id) ?? []), storedEvent(row)]);
    return timelines;
  }

  timeline(visitId: string): StoredEvent[] {
    return this.s.events.all(visitId).map(storedEvent);
  }

  appendEvent(visitId: string, event: CaseEvent, actorId: string, note: string | null, recordedAt: number): void {
    const { type, date, ...details } = event;
    this.s.insertEvent.run({ visitId, type, date, details: JSON.stringify(details), actorId, note, recordedAt });
  }
}

export interface VisitorCaseRow {
  id: string;
  case_number: string;
  received_on: string;
  category_code: string;
}

interface DecisionRow {
  decision: string;
  basis_article: number;
  basis_paragraph: number | null;
  basis_item: number | null;
  decided_by: string;
  decided_at: number;
  staff_no: string;
  staff_name: string;
}

interface AttachmentRow {
  id: string;
  file_name: string;
  media_type: Attachment['mediaType'];
  size: number;
  sha256: string;
  added_by: string;
  added_at: number;
  staff_no: string;
  staff_name: string;
}

const reasonsSchema = z.array(z.enum(RATING_REASONS));

function tagOf(row: { kind: CaseTag['kind']; leader: string | null }): CaseTag {
  return row.kind === 'leader_owned' ? { kind: 'leader_owned', leader: row.leader ?? '' } : { kind: row.kind };
}

/** Tags in the order the contract lists their kinds (积案, 六无, 三跨三分离, 领导包案), wherever they are shown. */
export function sortTags(tags: CaseTag[]): CaseTag[] {
  return tags.sort((a, b) => CASE_TAG_KINDS.indexOf(a.kind) - CASE_TAG_KINDS.indexOf(b.kind));
}

/** {type, date, ...details} is the CaseEvent that was written; parsed again so a bad row fails loudly. */
function storedEvent(row: EventRow): StoredEvent {
  const event = caseEventSchema.parse({ type: row.type, date: row.date, ...(JSON.parse(row.details) as object) });
  return { event, actorId: row.actor_id, actor: { id: row.actor_id, staffNo: row.actor_no, name: row.actor_name }, note: row.note, recordedAt: row.recorded_at };
}
