import type Database from 'better-sqlite3';
import type { CallAnnouncement, Ticket, TicketStatus, WaitingCount } from '../../../shared/contract';
import type { PriorityReason } from '../../../shared/domain/queue-rules';

interface TicketRow {
  id: string;
  number: string;
  service_id: string;
  service_day: string;
  status: TicketStatus;
  lane: Lane;
  priority: PriorityReason | null;
  queue_at: number;
  target_window_id: string | null;
  transferred_from: string | null;
  window_id: string | null;
  issued_at: number;
  called_at: number | null;
  serving_at: number | null;
  ended_at: number | null;
  recalls: number;
  cancel_reason: string | null;
  registered: 0 | 1;
}

/** Lanes of the waiting queue, called in this order: transfers to the front, priority, everyone else. */
export const LANE = { front: 0, priority: 1, ordinary: 2 } as const;
export type Lane = (typeof LANE)[keyof typeof LANE];

export type TicketEventKind =
  | 'issued' | 'called' | 'recalled' | 'serving' | 'held' | 'resumed'
  | 'finished' | 'no_show' | 'cancelled' | 'transferred' | 'closed';

/** One row of the ticket's log. */
export interface TicketEvent {
  ticketId: string;
  kind: TicketEventKind;
  windowId: string | null;
  /** The signed-in staff member who caused it; null for the kiosk, the day's closing, or nobody signed in. */
  staffId: string | null;
  at: number;
  detail?: string | null;
}

/** A waiting ticket as the calling rules see it. */
export interface QueuedTicket {
  id: string;
  serviceId: string;
  lane: Lane;
  queueAt: number;
}

export function ticketFromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    serviceId: row.service_id,
    serviceDay: row.service_day,
    status: row.status,
    priority: row.priority,
    front: row.lane === LANE.front,
    targetWindowId: row.target_window_id,
    transferredFrom: row.transferred_from,
    windowId: row.window_id,
    issuedAt: row.issued_at,
    queuedAt: row.queue_at,
    calledAt: row.called_at,
    servingAt: row.serving_at,
    endedAt: row.ended_at,
    recalls: row.recalls,
    cancelReason: row.cancel_reason,
    registered: row.registered === 1,
  };
}

export function laneOf(ticket: Ticket): Lane {
  return ticket.front ? LANE.front : ticket.priority ? LANE.priority : LANE.ordinary;
}

/** True when a is ahead of b within one lane. */
export function queuedBefore(a: QueuedTicket, b: QueuedTicket): boolean {
  return a.queueAt < b.queueAt || (a.queueAt === b.queueAt && a.id < b.id);
}

export interface NewTicket {
  id: string;
  serviceDay: string;
  serviceId: string;
  seq: number | null;
  number: string;
  lane: Lane;
  priority: PriorityReason | null;
  queueAt: number;
  targetWindowId: string | null;
  transferredFrom: string | null;
  issuedAt: number;
  /** The visitor registered at the kiosk (a transfer's new ticket keeps it). */
  registered: boolean;
}

/** The queue's SQL, one prepared statement per question. No rules here: see queue-service. */
export class QueueStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      lastSeq: db.prepare<[string, string], { last: number | null; issued: number }>(
        'SELECT MAX(seq) AS last, COUNT(seq) AS issued FROM tickets WHERE service_day = ? AND service_id = ? AND seq IS NOT NULL',
      ),
      insertTicket: db.prepare(`INSERT INTO tickets
        (id, service_day, service_id, seq, number, status, lane, priority, queue_at, target_window_id, transferred_from, issued_at, registered)
        VALUES (@id, @serviceDay, @serviceId, @seq, @number, 'waiting', @lane, @priority, @queueAt, @targetWindowId, @transferredFrom, @issuedAt, @registered)`),
      insertEvent: db.prepare(`INSERT INTO ticket_events (ticket_id, kind, window_id, staff_id, at, detail)
        VALUES (@ticketId, @kind, @windowId, @staffId, @at, @detail)`),
      ticket: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      ahead: db.prepare<{ day: string; service: string; lane: number; queueAt: number; id: string }, { ahead: number }>(
        `SELECT COUNT(*) AS ahead FROM tickets
         WHERE status = 'waiting' AND service_day = @day AND service_id = @service
           AND (lane < @lane OR (lane = @lane AND (queue_at < @queueAt OR (queue_at = @queueAt AND id < @id))))`,
      ),
      head: db.prepare<{ day: string; service: string; lane: number; window: string }, { id: string; service_id: string; lane: Lane; queue_at: number }>(
        `SELECT id, service_id, lane, queue_at FROM tickets
         WHERE status = 'waiting' AND service_day = @day AND service_id = @service AND lane = @lane
           AND (target_window_id IS NULL OR target_window_id = @window)
         ORDER BY queue_at, id LIMIT 1`,
      ),
      passesAfter: db.prepare<[string, string, number], { passes: number }>(
        'SELECT COUNT(*) AS passes FROM queue_passes WHERE service_day = ? AND service_id = ? AND passer_queue_at > ?',
      ),
      insertPass: db.prepare('INSERT INTO queue_passes (service_day, service_id, passer_queue_at, at) VALUES (?, ?, ?, ?)'),
      atWindow: db.prepare<[string], TicketRow>(
        "SELECT * FROM tickets WHERE window_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1",
      ),
      heldAtWindow: db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE window_id = ? AND status = 'held' ORDER BY called_at"),
      update: db.prepare(`UPDATE tickets SET status = @status, window_id = @windowId, called_at = @calledAt,
        serving_at = @servingAt, ended_at = @endedAt, recalls = @recalls, cancel_reason = @cancelReason
        WHERE id = @id AND status = @expectedStatus`),
      waitingCounts: db.prepare<[string], { service_id: string; waiting: number }>(
        "SELECT service_id, COUNT(*) AS waiting FROM tickets WHERE status = 'waiting' AND service_day = ? GROUP BY service_id",
      ),
      waitingFor: db.prepare<{ day: string; window: string; limit: number }, TicketRow>(
        `SELECT t.* FROM tickets t JOIN window_services ws ON ws.service_id = t.service_id AND ws.window_id = @window
         WHERE t.status = 'waiting' AND t.service_day = @day AND (t.target_window_id IS NULL OR t.target_window_id = @window)
         ORDER BY t.lane, t.queue_at, t.id LIMIT @limit`,
      ),
      hasWaiting: db.prepare<[string, string], { one: number }>(
        "SELECT 1 AS one FROM tickets WHERE status = 'waiting' AND service_day = ? AND service_id = ? LIMIT 1",
      ),
      callableCount: db.prepare<{ day: string; window: string }, { waiting: number }>(
        `SELECT COUNT(*) AS waiting FROM tickets t JOIN window_services ws ON ws.service_id = t.service_id AND ws.window_id = @window
         WHERE t.status = 'waiting' AND t.service_day = @day AND (t.target_window_id IS NULL OR t.target_window_id = @window)`,
      ),
      recentCalls: db.prepare<[string, number], { id: string; number: string; service_id: string; window_id: string; window_number: number; called_at: number; recalls: number }>(
        `SELECT t.id, t.number, t.service_id, t.window_id, w.number AS window_number, t.called_at, t.recalls
         FROM tickets t JOIN windows w ON w.id = t.window_id
         WHERE t.service_day = ? AND t.called_at IS NOT NULL
         ORDER BY t.called_at DESC, t.id DESC LIMIT ?`,
      ),
      staleOpen: db.prepare<[string], { id: string }>(
        "SELECT id FROM tickets WHERE service_day < ? AND status IN ('waiting', 'called', 'serving', 'held')",
      ),
      closeTicket: db.prepare("UPDATE tickets SET status = 'cancelled', cancel_reason = 'day_closed', ended_at = ? WHERE id = ?"),
      callingOrder: db.prepare<[string, number], { id: string; service_id: string; target_window_id: string | null }>(
        `SELECT id, service_id, target_window_id FROM tickets WHERE status = 'waiting' AND service_day = ?
         ORDER BY lane, queue_at, id LIMIT ?`,
      ),
      // Call to end, less time on hold: each hold lasts until the next resume, or the end
      // (a visitor transferred while held). Only the rows kept by LIMIT look at events.
      recentCycleTimes: db.prepare<[string, number, number], { ms: number }>(
        `SELECT t.ended_at - t.called_at - COALESCE((SELECT SUM(COALESCE(
             (SELECT MIN(r.at) FROM ticket_events r WHERE r.ticket_id = h.ticket_id AND r.kind = 'resumed' AND r.id > h.id),
             t.ended_at) - h.at) FROM ticket_events h WHERE h.ticket_id = t.id AND h.kind = 'held'), 0) AS ms
         FROM tickets t
         WHERE t.service_id = ? AND t.status IN ('finished', 'no_show', 'transferred') AND t.called_at IS NOT NULL AND t.ended_at >= ?
         ORDER BY t.ended_at DESC LIMIT ?`,
      ),
      timeOnHold: db.prepare<{ ticket: string; until: number }, { ms: number | null }>(
        `SELECT SUM(COALESCE(
           (SELECT MIN(r.at) FROM ticket_events r WHERE r.ticket_id = h.ticket_id AND r.kind = 'resumed' AND r.id > h.id),
           @until) - h.at) AS ms
         FROM ticket_events h WHERE h.ticket_id = @ticket AND h.kind = 'held'`,
      ),
    };
  }

  /** The next sequence number of a service today, and how many it has issued. */
  sequence(serviceDay: string, serviceId: string): { next: number; issued: number } {
    const row = this.s.lastSeq.get(serviceDay, serviceId);
    return { next: (row?.last ?? 0) + 1, issued: row?.issued ?? 0 };
  }

  insertTicket(ticket: NewTicket): void {
    this.s.insertTicket.run({ ...ticket, registered: ticket.registered ? 1 : 0 });
  }

  recordEvent(event: TicketEvent): void {
    this.s.insertEvent.run({ detail: null, ...event });
  }

  ticket(id: string): Ticket | undefined {
    const row = this.s.ticket.get(id);
    return row && ticketFromRow(row);
  }

  /** The first waiting tickets of the day in calling order (lane, then queue time), all services. */
  waitingInCallingOrder(serviceDay: string, limit: number): Array<{ id: string; serviceId: string; targetWindowId: string | null }> {
    return this.s.callingOrder.all(serviceDay, limit).map((row) => ({ id: row.id, serviceId: row.service_id, targetWindowId: row.target_window_id }));
  }

  /** Tickets of the same service that will be called before this one, as things stand. */
  peopleAhead(ticket: Ticket): number {
    return this.s.ahead.get({ day: ticket.serviceDay, service: ticket.serviceId, lane: laneOf(ticket), queueAt: ticket.queuedAt, id: ticket.id })?.ahead ?? 0;
  }

  /** The first waiting ticket of a lane of one service that this window may call (through the partial index). */
  head(serviceDay: string, serviceId: string, lane: Lane, windowId: string): QueuedTicket | undefined {
    const row = this.s.head.get({ day: serviceDay, service: serviceId, lane, window: windowId });
    return row && { id: row.id, serviceId: row.service_id, lane: row.lane, queueAt: row.queue_at };
  }

  /** How often the ordinary ticket queued at `queueAt` in this service has been overtaken. */
  passesAfter(serviceDay: string, serviceId: string, queueAt: number): number {
    return this.s.passesAfter.get(serviceDay, serviceId, queueAt)?.passes ?? 0;
  }

  recordPass(serviceDay: string, serviceId: string, passerQueueAt: number, at: number): void {
    this.s.insertPass.run(serviceDay, serviceId, passerQueueAt, at);
  }

  currentAtWindow(windowId: string): Ticket | undefined {
    const row = this.s.atWindow.get(windowId);
    return row && ticketFromRow(row);
  }

  heldAtWindow(windowId: string): Ticket[] {
    return this.s.heldAtWindow.all(windowId).map(ticketFromRow);
  }

  /**
   * Writes a ticket's new state, but only if it is still in the state the caller read:
   * false means someone else changed it first.
   */
  update(ticket: Ticket, expectedStatus: TicketStatus): boolean {
    return (
      this.s.update.run({
        id: ticket.id,
        status: ticket.status,
        windowId: ticket.windowId,
        calledAt: ticket.calledAt,
        servingAt: ticket.servingAt,
        endedAt: ticket.endedAt,
        recalls: ticket.recalls,
        cancelReason: ticket.cancelReason,
        expectedStatus,
      }).changes === 1
    );
  }

  waitingCounts(serviceDay: string, serviceIds: string[]): WaitingCount[] {
    const counts = new Map(this.s.waitingCounts.all(serviceDay).map((row) => [row.service_id, row.waiting]));
    return serviceIds.map((serviceId) => ({ serviceId, waiting: counts.get(serviceId) ?? 0 }));
  }

  /** Waiting tickets a window may call, in calling order (lane, then queue time). */
  waitingFor(serviceDay: string, windowId: string, limit: number): Ticket[] {
    return this.s.waitingFor.all({ day: serviceDay, window: windowId, limit }).map(ticketFromRow);
  }

  hasWaiting(serviceDay: string, serviceId: string): boolean {
    return this.s.hasWaiting.get(serviceDay, serviceId) !== undefined;
  }

  /** How many waiting tickets this window may call. */
  callableCount(serviceDay: string, windowId: string): number {
    return this.s.callableCount.get({ day: serviceDay, window: windowId })?.waiting ?? 0;
  }

  recentCalls(serviceDay: string, limit: number): CallAnnouncement[] {
    return this.s.recentCalls.all(serviceDay, limit).map((row) => ({
      ticketId: row.id,
      number: row.number,
      serviceId: row.service_id,
      windowId: row.window_id,
      windowNumber: row.window_number,
      calledAt: row.called_at,
      recall: false,
    }));
  }

  /** Closes every ticket still open from a day before `serviceDay`; returns how many. */
  closeDaysBefore(serviceDay: string, at: number): number {
    const stale = this.s.staleOpen.all(serviceDay);
    for (const { id } of stale) {
      this.s.closeTicket.run(at, id);
      this.recordEvent({ ticketId: id, kind: 'closed', windowId: null, staffId: null, at });
    }
    return stale.length;
  }

  /**
   * How long a window was taken by each of the latest visitors of a service (call to
   * end: walking up, being served, or waiting in vain for a no-show), newest first.
   * Time on hold is left out: the window calls others meanwhile.
   */
  recentCycleTimes(serviceId: string, since: number, limit: number): number[] {
    return this.s.recentCycleTimes.all(serviceId, since, limit).map((row) => row.ms);
  }

  /** How long a ticket has been on hold, in all, up to `until` (0 if never). */
  timeOnHold(ticketId: string, until: number): number {
    return this.s.timeOnHold.get({ ticket: ticketId, until })?.ms ?? 0;
  }
}
