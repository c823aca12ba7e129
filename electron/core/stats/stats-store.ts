import type Database from 'better-sqlite3';
import type { TicketStatus, WindowState } from '../../../shared/contract';

export interface StatsTicket {
  id: string;
  serviceDay: string;
  serviceId: string;
  status: TicketStatus;
  windowId: string | null;
  targetWindowId: string | null;
  queueAt: number;
  calledAt: number | null;
  servingAt: number | null;
  endedAt: number | null;
  /** The signed-in clerk who called it (its first call), from the ticket event log; null when nobody was signed in. */
  staffId: string | null;
  cancelReason: string | null;
}

export interface StatsWindowEvent {
  windowId: string;
  ticketId: string;
  kind: string;
  at: number;
  serviceDay: string;
}

/** The queue's history for statistics: tickets of a range of days and their window events. */
export class StatsStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      tickets: db.prepare<[string, string], {
        id: string; service_day: string; service_id: string; status: TicketStatus; window_id: string | null;
        target_window_id: string | null; queue_at: number; called_at: number | null; serving_at: number | null;
        ended_at: number | null; staff_id: string | null; cancel_reason: string | null;
      }>(
        `SELECT t.id, t.service_day, t.service_id, t.status, t.window_id, t.target_window_id, t.queue_at, t.called_at,
                t.serving_at, t.ended_at, t.cancel_reason,
                (SELECT e.staff_id FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'called' ORDER BY e.id LIMIT 1) AS staff_id
         FROM tickets t WHERE t.service_day BETWEEN ? AND ?`,
      ),
      ticketEvents: db.prepare<[string, string], { window_id: string; ticket_id: string; kind: string; at: number; service_day: string }>(
        `SELECT e.window_id, e.ticket_id, e.kind, e.at, t.service_day FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
         WHERE t.service_day BETWEEN ? AND ? AND e.window_id IS NOT NULL ORDER BY e.at, e.id`,
      ),
      windowEvents: db.prepare<[], { window_id: string; state: WindowState; at: number }>(
        'SELECT window_id, state, at FROM window_events ORDER BY at, id',
      ),
      staff: db.prepare<[string], { id: string; staff_no: string; name: string }>(
        'SELECT id, staff_no, name FROM staff WHERE id IN (SELECT value FROM json_each(?)) ORDER BY staff_no',
      ),
    };
  }

  tickets(fromDay: string, toDay: string): StatsTicket[] {
    return this.s.tickets.all(fromDay, toDay).map((row) => ({
      id: row.id,
      serviceDay: row.service_day,
      serviceId: row.service_id,
      status: row.status,
      windowId: row.window_id,
      targetWindowId: row.target_window_id,
      queueAt: row.queue_at,
      calledAt: row.called_at,
      servingAt: row.serving_at,
      endedAt: row.ended_at,
      staffId: row.staff_id,
      cancelReason: row.cancel_reason,
    }));
  }

  windowTicketEvents(fromDay: string, toDay: string): StatsWindowEvent[] {
    return this.s.ticketEvents.all(fromDay, toDay).map((row) => ({
      windowId: row.window_id,
      ticketId: row.ticket_id,
      kind: row.kind,
      at: row.at,
      serviceDay: row.service_day,
    }));
  }

  /** Staff numbers and names of these staff ids (disabled staff included: they are history). */
  staffNamed(ids: string[]): Array<{ id: string; staffNo: string; name: string }> {
    return this.s.staff.all(JSON.stringify(ids)).map((row) => ({ id: row.id, staffNo: row.staff_no, name: row.name }));
  }

  windowStates(): Array<{ windowId: string; state: WindowState; at: number }> {
    return this.s.windowEvents.all().map((row) => ({ windowId: row.window_id, state: row.state, at: row.at }));
  }
}
