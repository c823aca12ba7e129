import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import { HallError, type Ticket } from '../../../shared/contract';
import { serviceDayOf } from '../../../shared/domain/service-day';
import { formatTicketNumber } from '../../../shared/domain/ticket-number';
import type { HallStore } from '../hall/hall-store';
import type { Clock } from '../ports';
import type { EventBus } from '../rpc/event-bus';
import { QueueStore } from './queue-store';

/**
 * The queue's rules. Every change runs in a BEGIN IMMEDIATE transaction, so two
 * windows calling at the same instant — even from two processes on one database —
 * are serialised and never take the same ticket. Events go out after the commit.
 */
export class QueueService {
  private readonly store: QueueStore;
  private readonly ulid = monotonicFactory();

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {
    this.store = new QueueStore(db);
  }

  private today(now = this.clock.now()): string {
    return serviceDayOf(now, this.hall.timeZone());
  }

  issueTicket(serviceId: string): { ticket: Ticket; peopleAhead: number } {
    const result = this.db.transaction(() => {
      const service = this.hall.findService(serviceId);
      if (!service) throw new HallError('NOT_FOUND', { context: 'service' });
      const now = this.clock.now();
      const serviceDay = this.today(now);
      const seq = this.store.nextSequence(serviceDay, serviceId);
      const id = this.ulid(now);
      this.store.insertTicket({ id, serviceDay, serviceId, seq, number: formatTicketNumber(service.letter, seq), issuedAt: now });
      this.store.recordEvent(id, 'issued', null, now);
      const ticket = this.store.ticket(id)!;
      return { ticket, peopleAhead: this.store.peopleAhead(ticket) };
    }).immediate();
    this.publishWaiting(result.ticket.serviceDay);
    return result;
  }

  callNext(windowId: string): { ticket: Ticket | null } {
    const ticket = this.db.transaction(() => {
      const window = this.requireWindow(windowId);
      const current = this.store.currentAtWindow(windowId);
      if (current) throw new HallError('WINDOW_BUSY', { number: current.number }, { ticketId: current.id });
      const now = this.clock.now();
      const next = this.store.oldestWaiting(this.today(now), this.hall.serviceIdsOfWindow(window.id));
      if (!next) return null;
      if (!this.store.markCalled(next.id, windowId, now)) throw new HallError('CONFLICT');
      this.store.recordEvent(next.id, 'called', windowId, now);
      return { ticket: this.store.ticket(next.id)!, windowNumber: window.number };
    }).immediate();

    if (!ticket) return { ticket: null };
    this.bus.publish('queue.ticketCalled', {
      ticketId: ticket.ticket.id,
      number: ticket.ticket.number,
      serviceId: ticket.ticket.serviceId,
      windowId,
      windowNumber: ticket.windowNumber,
      calledAt: ticket.ticket.calledAt!,
    });
    this.publishWaiting(ticket.ticket.serviceDay);
    return { ticket: ticket.ticket };
  }

  finish(windowId: string, ticketId: string): { ticket: Ticket } {
    const ticket = this.db.transaction(() => {
      this.requireWindow(windowId);
      const current = this.store.currentAtWindow(windowId);
      if (!current || current.id !== ticketId) throw new HallError('NO_CURRENT_TICKET');
      const now = this.clock.now();
      if (!this.store.markFinished(ticketId, now)) throw new HallError('CONFLICT');
      this.store.recordEvent(ticketId, 'finished', windowId, now);
      return this.store.ticket(ticketId)!;
    }).immediate();
    return { ticket };
  }

  windowStatus(windowId: string): { current: Ticket | null; waiting: number } {
    const window = this.requireWindow(windowId);
    const counts = this.store.waitingCounts(this.today(), this.hall.serviceIdsOfWindow(window.id));
    return {
      current: this.store.currentAtWindow(windowId) ?? null,
      waiting: counts.reduce((sum, count) => sum + count.waiting, 0),
    };
  }

  displayState(limit: number) {
    const day = this.today();
    return { recentCalls: this.store.recentCalls(day, limit), waitingByService: this.waitingByService(day) };
  }

  private waitingByService(serviceDay: string) {
    return this.store.waitingCounts(serviceDay, this.hall.services().map((service) => service.id));
  }

  private publishWaiting(serviceDay: string): void {
    this.bus.publish('queue.waitingChanged', { waitingByService: this.waitingByService(serviceDay) });
  }

  private requireWindow(windowId: string) {
    const window = this.hall.findWindow(windowId);
    if (!window) throw new HallError('NOT_FOUND', { context: 'window' });
    return window;
  }
}
