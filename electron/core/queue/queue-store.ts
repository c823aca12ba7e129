import type Database from 'better-sqlite3';
import type { CallAnnouncement, Ticket, TicketStatus, WaitingCount } from '../../../shared/contract';

interface TicketRow {
  id: string;
  number: string;
  service_id: string;
  service_day: string;
  status: TicketStatus;
  window_id: string | null;
  issued_at: number;
  called_at: number | null;
  finished_at: number | null;
}

export type TicketEventKind = 'issued' | 'called' | 'finished';

export function ticketFromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    serviceId: row.service_id,
    serviceDay: row.service_day,
    status: row.status,
    windowId: row.window_id,
    issuedAt: row.issued_at,
    calledAt: row.called_at,
    finishedAt: row.finished_at,
  };
}

/** The queue's SQL, one prepared statement per question. No rules here: see queue-service. */
export class QueueStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      lastSeq: db.prepare<[string, string], { last: number | null }>(
        'SELECT MAX(seq) AS last FROM tickets WHERE service_day = ? AND service_id = ?',
      ),
      insertTicket: db.prepare(`INSERT INTO tickets (id, service_day, service_id, seq, number, status, issued_at)
        VALUES (@id, @serviceDay, @serviceId, @seq, @number, 'waiting', @issuedAt)`),
      insertEvent: db.prepare(
        'INSERT INTO ticket_events (ticket_id, kind, window_id, at) VALUES (?, ?, ?, ?)',
      ),
      ticket: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      waitingAhead: db.prepare<[string, string, number, number, string], { ahead: number }>(
        `SELECT COUNT(*) AS ahead FROM tickets
         WHERE status = 'waiting' AND service_day = ? AND service_id = ?
           AND (issued_at < ? OR (issued_at = ? AND id < ?))`,
      ),
      oldestWaiting: db.prepare<[string, string], TicketRow>(
        `SELECT * FROM tickets WHERE status = 'waiting' AND service_day = ? AND service_id = ?
         ORDER BY issued_at, id LIMIT 1`,
      ),
      atWindow: db.prepare<[string], TicketRow>(
        "SELECT * FROM tickets WHERE window_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1",
      ),
      markCalled: db.prepare(
        "UPDATE tickets SET status = 'called', window_id = ?, called_at = ? WHERE id = ? AND status = 'waiting'",
      ),
      markFinished: db.prepare(
        "UPDATE tickets SET status = 'finished', finished_at = ? WHERE id = ? AND status IN ('called', 'serving')",
      ),
      waitingCount: db.prepare<[string, string], { waiting: number }>(
        "SELECT COUNT(*) AS waiting FROM tickets WHERE status = 'waiting' AND service_day = ? AND service_id = ?",
      ),
      recentCalls: db.prepare<[string, number], { id: string; number: string; service_id: string; window_id: string; window_number: number; called_at: number }>(
        `SELECT t.id, t.number, t.service_id, t.window_id, w.number AS window_number, t.called_at
         FROM tickets t JOIN windows w ON w.id = t.window_id
         WHERE t.service_day = ? AND t.called_at IS NOT NULL
         ORDER BY t.called_at DESC, t.id DESC LIMIT ?`,
      ),
    };
  }

  nextSequence(serviceDay: string, serviceId: string): number {
    return (this.s.lastSeq.get(serviceDay, serviceId)?.last ?? 0) + 1;
  }

  insertTicket(ticket: { id: string; serviceDay: string; serviceId: string; seq: number; number: string; issuedAt: number }): void {
    this.s.insertTicket.run(ticket);
  }

  recordEvent(ticketId: string, kind: TicketEventKind, windowId: string | null, at: number): void {
    this.s.insertEvent.run(ticketId, kind, windowId, at);
  }

  ticket(id: string): Ticket | undefined {
    const row = this.s.ticket.get(id);
    return row && ticketFromRow(row);
  }

  peopleAhead(ticket: Ticket): number {
    return this.s.waitingAhead.get(ticket.serviceDay, ticket.serviceId, ticket.issuedAt, ticket.issuedAt, ticket.id)?.ahead ?? 0;
  }

  /** The oldest waiting ticket of each service, through the partial index: cheap however long the queue. */
  oldestWaiting(serviceDay: string, serviceIds: string[]): Ticket | undefined {
    let oldest: TicketRow | undefined;
    for (const serviceId of serviceIds) {
      const row = this.s.oldestWaiting.get(serviceDay, serviceId);
      if (row && (!oldest || row.issued_at < oldest.issued_at || (row.issued_at === oldest.issued_at && row.id < oldest.id))) {
        oldest = row;
      }
    }
    return oldest && ticketFromRow(oldest);
  }

  currentAtWindow(windowId: string): Ticket | undefined {
    const row = this.s.atWindow.get(windowId);
    return row && ticketFromRow(row);
  }

  /** True when this call took the ticket; false when it was no longer waiting. */
  markCalled(ticketId: string, windowId: string, at: number): boolean {
    return this.s.markCalled.run(windowId, at, ticketId).changes === 1;
  }

  markFinished(ticketId: string, at: number): boolean {
    return this.s.markFinished.run(at, ticketId).changes === 1;
  }

  waitingCounts(serviceDay: string, serviceIds: string[]): WaitingCount[] {
    return serviceIds.map((serviceId) => ({ serviceId, waiting: this.s.waitingCount.get(serviceDay, serviceId)?.waiting ?? 0 }));
  }

  recentCalls(serviceDay: string, limit: number): CallAnnouncement[] {
    return this.s.recentCalls.all(serviceDay, limit).map((row) => ({
      ticketId: row.id,
      number: row.number,
      serviceId: row.service_id,
      windowId: row.window_id,
      windowNumber: row.window_number,
      calledAt: row.called_at,
    }));
  }
}
