import type Database from 'better-sqlite3';
import { RATING_REASONS } from '../../../shared/contract';

export type RatingRequestState = 'open' | 'rated' | 'replaced';

/** A rating request as stored, with its clerk's number and name joined from staff and its ticket's number. */
export interface RatingRequestRow {
  id: string;
  window_id: string;
  visit_id: string | null;
  ticket_id: string | null;
  staff_id: string;
  service_id: string | null;
  requested_at: number;
  service_day: string;
  state: RatingRequestState;
  closed_at: number | null;
  staff_no: string;
  staff_name: string;
  ticket_number: string | null;
}

export type NewRatingRequest = Omit<RatingRequestRow, 'state' | 'closed_at' | 'staff_no' | 'staff_name' | 'ticket_number'>;

/** One group of `summaryRows`: requests of a clerk and a service at one level (null: not rated). */
export interface SummaryRow {
  staff_id: string;
  staff_no: string;
  staff_name: string;
  service_id: string | null;
  level: number | null;
  requests: number;
}

export interface StoredRating {
  level: number;
  reasons: (typeof RATING_REASONS)[number][];
  ratedAt: number;
}

/** The SQL of rating requests and ratings (migration 0009). No rules here: see rating-service. */
export class RatingStore {
  private readonly s;

  constructor(db: Database.Database) {
    const requestSelect = `SELECT r.*, s.staff_no, s.name AS staff_name, t.number AS ticket_number
      FROM rating_requests r JOIN staff s ON s.id = r.staff_id LEFT JOIN tickets t ON t.id = r.ticket_id`;
    this.s = {
      request: db.prepare<[string], RatingRequestRow>(`${requestSelect} WHERE r.id = ?`),
      openAtWindow: db.prepare<[string], RatingRequestRow>(`${requestSelect} WHERE r.window_id = ? AND r.state = 'open'`),
      insertRequest: db.prepare(`INSERT INTO rating_requests
        (id, window_id, visit_id, ticket_id, staff_id, service_id, requested_at, service_day, state)
        VALUES (@id, @window_id, @visit_id, @ticket_id, @staff_id, @service_id, @requested_at, @service_day, 'open')`),
      close: db.prepare<[RatingRequestState, number, string]>("UPDATE rating_requests SET state = ?, closed_at = ? WHERE id = ? AND state = 'open'"),
      insertRating: db.prepare('INSERT INTO ratings (request_id, level, reasons, rated_at) VALUES (?, ?, ?, ?)'),
      visit: db.prepare<[string], { id: string; ticket_id: string | null; service_id: string }>('SELECT id, ticket_id, service_id FROM visits WHERE id = ?'),
      latestVisitOfTicket: db.prepare<[string], { id: string }>('SELECT id FROM visits WHERE ticket_id = ? ORDER BY registered_at DESC, id DESC LIMIT 1'),
      // The queue's "current ticket" of a window (queue-store's atWindow).
      currentTicket: db.prepare<[string], { id: string; service_id: string }>(
        "SELECT id, service_id FROM tickets WHERE window_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1",
      ),
      // Requests that count in a summary: answered, replaced, or open but expired (older than
      // `expiredBefore`, or of a day before `today`). Open ones still running count nowhere yet.
      summary: db.prepare<{ from: string; to: string; today: string; expiredBefore: number }, SummaryRow>(
        `SELECT r.staff_id, s.staff_no, s.name AS staff_name, r.service_id, g.level, COUNT(*) AS requests
         FROM rating_requests r JOIN staff s ON s.id = r.staff_id LEFT JOIN ratings g ON g.request_id = r.id
         WHERE r.service_day BETWEEN @from AND @to
           AND (r.state <> 'open' OR r.service_day < @today OR r.requested_at < @expiredBefore)
         GROUP BY r.staff_id, r.service_id, g.level`,
      ),
      ratingOfVisit: db.prepare<[string], { level: number; reasons: string; rated_at: number }>(
        `SELECT g.level, g.reasons, g.rated_at FROM ratings g JOIN rating_requests r ON r.id = g.request_id
         WHERE r.visit_id = ? ORDER BY g.rated_at DESC LIMIT 1`,
      ),
    };
  }

  request(id: string): RatingRequestRow | undefined {
    return this.s.request.get(id);
  }

  /** The window's request in state 'open' (expired or not: expiry is the service's rule). */
  openAtWindow(windowId: string): RatingRequestRow | undefined {
    return this.s.openAtWindow.get(windowId);
  }

  insertRequest(request: NewRatingRequest): void {
    this.s.insertRequest.run(request);
  }

  /** Closes an open request as rated or replaced; false when it was no longer open. */
  close(id: string, state: Exclude<RatingRequestState, 'open'>, at: number): boolean {
    return this.s.close.run(state, at, id).changes === 1;
  }

  insertRating(requestId: string, level: number, reasons: readonly string[], ratedAt: number): void {
    this.s.insertRating.run(requestId, level, JSON.stringify(reasons), ratedAt);
  }

  visit(id: string): { id: string; ticket_id: string | null; service_id: string } | undefined {
    return this.s.visit.get(id);
  }

  latestVisitOfTicket(ticketId: string): string | null {
    return this.s.latestVisitOfTicket.get(ticketId)?.id ?? null;
  }

  currentTicket(windowId: string): { id: string; service_id: string } | undefined {
    return this.s.currentTicket.get(windowId);
  }

  summaryRows(range: { from: string; to: string; today: string; expiredBefore: number }): SummaryRow[] {
    return this.s.summary.all(range);
  }

  /** The latest rating of a case, or null (what visits.get shows as `rating`). */
  ratingOfVisit(visitId: string): StoredRating | null {
    const row = this.s.ratingOfVisit.get(visitId);
    return row ? { level: row.level, reasons: JSON.parse(row.reasons) as StoredRating['reasons'], ratedAt: row.rated_at } : null;
  }
}
