import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import { HallError, type Ticket, type TicketStatus, type WindowState } from '../../../shared/contract';
import { ageOn, type PriorityReason } from '../../../shared/domain/queue-rules';
import { localTimeOf } from '../../../shared/domain/service-day';
import { formatTicketNumber } from '../../../shared/domain/ticket-number';
import type { HallStore, WindowRef } from '../hall/hall-store';
import type { Clock } from '../ports';
import type { EventBus } from '../rpc/event-bus';
import { LANE, QueueStore, queuedBefore, type Lane, type QueuedTicket, type TicketEvent } from './queue-store';
import { WaitEstimator } from './wait-estimate';

/** The most often waiting counts are pushed to pages. */
const WAITING_PUSH_MS = 250;

export interface IssueRequest {
  serviceId: string;
  /** From the visitor's ID: gives elderly priority from the configured age. Not stored. */
  birthDate?: string | undefined;
  /** Self-declared: disabled, pregnant, service member. */
  priorityReason?: Exclude<PriorityReason, 'elderly'> | undefined;
  /** The kiosk registers the visitor with this ticket, in the same transaction (kiosk/kiosk-service.ts). */
  registered?: boolean | undefined;
  /** The signed-in clerk who issued it at a desk; null at the kiosk. */
  staffId: string | null;
}

export interface TransferRequest {
  windowId: string;
  ticketId: string;
  toServiceId: string;
  toWindowId?: string | undefined;
  position: 'front' | 'back';
}

/**
 * The queue's rules. Every change runs in a BEGIN IMMEDIATE transaction, so two
 * windows calling at the same instant — even from two processes on one database —
 * are serialised and never take the same ticket; each write also checks the ticket
 * is still in the state it was read in. Events go out after the commit. Every change
 * takes the signed-in staff member who made it (`staffId`; null when nobody is: the
 * kiosk) and logs them with it.
 */
export class QueueService {
  private readonly store: QueueStore;
  private readonly waits: WaitEstimator;
  private readonly ulid = monotonicFactory();
  private waitingPublishScheduled = false;
  private lastWaitingPublish = 0;
  /** The last service day whose predecessors were closed: closing runs once per day. */
  private closedBefore: string | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {
    this.store = new QueueStore(db);
    this.waits = new WaitEstimator(hall, this.store);
  }

  today(now = this.clock.now()): string {
    return this.hall.serviceDay(now);
  }

  /** Runs a change atomically; closes earlier days first, publishes waiting counts after. */
  private change<T>(work: (now: number, today: string) => T): T {
    let closedDay: string | null = null;
    // Inside a caller's transaction (the kiosk's registration) this is only a savepoint:
    // the caller's failure can still roll the day-closing back, so it does not count.
    const nested = this.db.inTransaction;
    const result = this.db.transaction(() => {
      const now = this.clock.now();
      const today = this.today(now);
      if (this.closedBefore !== today) {
        this.store.closeDaysBefore(today, now);
        closedDay = today;
      }
      return work(now, today);
    }).immediate();
    // Only once committed: a change that failed rolled its day-closing back too.
    if (closedDay && !nested) this.closedBefore = closedDay;
    this.publishWaiting();
    return result;
  }

  /** Closes what is left open of earlier days (at start-up, and at the first change of a day). */
  closeEarlierDays(): number {
    const now = this.clock.now();
    const today = this.today(now);
    const closed = this.db.transaction(() => this.store.closeDaysBefore(today, now)).immediate();
    this.closedBefore = today;
    return closed;
  }

  issueTicket(request: IssueRequest): { ticket: Ticket; peopleAhead: number; estimatedWaitMinutes: number | null } {
    return this.change((now, today) => {
      const service = this.hall.findService(request.serviceId);
      if (!service) throw new HallError('NOT_FOUND', { context: 'service' });
      const time = localTimeOf(now, this.hall.timeZone());
      if ((service.openFrom && time < service.openFrom) || (service.openUntil && time >= service.openUntil)) {
        throw new HallError('SERVICE_CLOSED', { from: service.openFrom ?? '00:00', until: service.openUntil ?? '24:00' });
      }
      const { next, issued } = this.store.sequence(today, service.id);
      if (service.dailyCapacity !== null && issued >= service.dailyCapacity) {
        throw new HallError('SERVICE_FULL', { capacity: service.dailyCapacity });
      }
      const priority = this.priorityOf(request, today);
      const id = this.ulid(now);
      this.store.insertTicket({
        id,
        serviceDay: today,
        serviceId: service.id,
        seq: next,
        number: formatTicketNumber(service.letter, next),
        lane: priority ? LANE.priority : LANE.ordinary,
        priority,
        queueAt: now,
        targetWindowId: null,
        transferredFrom: null,
        issuedAt: now,
        registered: request.registered ?? false,
      });
      this.store.recordEvent({ ticketId: id, kind: 'issued', windowId: null, staffId: request.staffId, at: now, detail: priority });
      const ticket = this.store.ticket(id)!;
      const peopleAhead = this.store.peopleAhead(ticket);
      return { ticket, peopleAhead, estimatedWaitMinutes: this.waits.forTicket(ticket, now, peopleAhead) };
    });
  }

  private priorityOf(request: IssueRequest, today: string): PriorityReason | null {
    const rules = this.hall.queueRules();
    if (request.birthDate && rules.priorityReasons.includes('elderly') && ageOn(request.birthDate, today) >= rules.elderlyAge) {
      return 'elderly';
    }
    if (request.priorityReason && rules.priorityReasons.includes(request.priorityReason)) return request.priorityReason;
    return null;
  }

  /**
   * Calls the next visitor to the window: from its first tier that has someone
   * waiting, transfers to the front first, then priority, then everyone else in
   * order — except that an ordinary ticket overtaken `maxPassOver` times is called
   * before anyone else (no starvation).
   */
  callNext(windowId: string, staffId: string | null): { ticket: Ticket | null } {
    const called = this.change((now, today) => {
      const window = this.requireFreeOpenWindow(windowId);
      const rules = this.hall.queueRules();
      for (const services of this.hall.serviceTiersOfWindow(window.id)) {
        const heads = (lane: Lane) =>
          services
            .map((serviceId) => this.store.head(today, serviceId, lane, window.id))
            .filter((ticket): ticket is QueuedTicket => ticket !== undefined);
        const oldest = (tickets: QueuedTicket[]) =>
          tickets.reduce<QueuedTicket | undefined>((best, t) => (!best || queuedBefore(t, best) ? t : best), undefined);

        const ordinary = heads(LANE.ordinary);
        const starving = oldest(ordinary.filter((t) => this.store.passesAfter(today, t.serviceId, t.queueAt) >= rules.maxPassOver));
        // The guard comes first: nobody, not even a transfer, overtakes a starving ticket.
        const next = starving ?? oldest(heads(LANE.front)) ?? oldest(heads(LANE.priority)) ?? oldest(ordinary);
        if (next) return this.callTicketAt(window, next.id, now, today, services, staffId);
      }
      return null;
    });
    if (called) this.announce(called, false);
    return { ticket: called?.ticket ?? null };
  }

  /** Calls one particular waiting ticket, out of order (the clerk picked it from the list). */
  callTicket(windowId: string, ticketId: string, staffId: string | null): { ticket: Ticket } {
    const called = this.change((now, today) => {
      const window = this.requireFreeOpenWindow(windowId);
      const ticket = this.requireTicket(ticketId, ['waiting']);
      const tiers = this.hall.serviceTiersOfWindow(window.id);
      const tier = tiers.find((services) => services.includes(ticket.serviceId));
      if (!tier || ticket.serviceDay !== today || (ticket.targetWindowId && ticket.targetWindowId !== window.id)) {
        throw new HallError('NOT_CALLABLE_HERE', { number: ticket.number });
      }
      return this.callTicketAt(window, ticket.id, now, today, tier, staffId);
    });
    this.announce(called, false);
    return { ticket: called.ticket };
  }

  private callTicketAt(window: WindowRef, ticketId: string, now: number, today: string, tierServices: string[], staffId: string | null) {
    const ticket = this.store.ticket(ticketId)!;
    // Record every service whose oldest ordinary ticket this call overtakes.
    for (const serviceId of tierServices) {
      const head = this.store.head(today, serviceId, LANE.ordinary, window.id);
      if (head && head.id !== ticket.id && queuedBefore(head, { id: ticket.id, serviceId: ticket.serviceId, lane: LANE.ordinary, queueAt: ticket.queuedAt })) {
        this.store.recordPass(today, serviceId, ticket.queuedAt, now);
      }
    }
    const next = this.transition(ticket, 'waiting', { status: 'called', windowId: window.id, calledAt: now }, { kind: 'called', windowId: window.id, staffId, at: now });
    return { ticket: next, windowNumber: window.number };
  }

  /** Announces the current call again (the visitor did not come). */
  recall(windowId: string, ticketId: string, staffId: string | null): { ticket: Ticket } {
    const recalled = this.change((now) => {
      const window = this.requireWindow(windowId);
      const ticket = this.requireCurrent(window.id, ticketId, ['called']);
      const next = this.transition(ticket, 'called', { recalls: ticket.recalls + 1 }, { kind: 'recalled', windowId: window.id, staffId, at: now });
      return { ticket: next, windowNumber: window.number };
    });
    this.announce(recalled, true);
    return { ticket: recalled.ticket };
  }

  /** The visitor has arrived at the window. */
  startServing(windowId: string, ticketId: string, staffId: string | null): { ticket: Ticket } {
    return this.change((now) => {
      const ticket = this.requireCurrent(windowId, ticketId, ['called']);
      return { ticket: this.transition(ticket, 'called', { status: 'serving', servingAt: now }, { kind: 'serving', windowId, staffId, at: now }) };
    });
  }

  finish(windowId: string, ticketId: string, staffId: string | null): { ticket: Ticket } {
    return this.change((now) => {
      const ticket = this.requireCurrent(windowId, ticketId, ['called', 'serving']);
      const changes = { status: 'finished' as const, servingAt: ticket.servingAt ?? ticket.calledAt, endedAt: now };
      return { ticket: this.transition(ticket, ticket.status, changes, { kind: 'finished', windowId, staffId, at: now }) };
    });
  }

  /** The called visitor did not come, after the configured number of recalls. */
  noShow(windowId: string, ticketId: string, staffId: string | null): { ticket: Ticket } {
    return this.change((now) => {
      const ticket = this.requireCurrent(windowId, ticketId, ['called']);
      const required = this.hall.queueRules().noShowAfterRecalls;
      if (ticket.recalls < required) throw new HallError('NO_SHOW_TOO_EARLY', { required, recalls: ticket.recalls });
      return { ticket: this.transition(ticket, 'called', { status: 'no_show', endedAt: now }, { kind: 'no_show', windowId, staffId, at: now }) };
    });
  }

  /** Puts the visitor at the window on hold (fetching a document); the window is free meanwhile. */
  hold(windowId: string, ticketId: string, staffId: string | null): { ticket: Ticket } {
    return this.change((now) => {
      const ticket = this.requireCurrent(windowId, ticketId, ['called', 'serving']);
      return { ticket: this.transition(ticket, ticket.status, { status: 'held' }, { kind: 'held', windowId, staffId, at: now }) };
    });
  }

  /** Takes a held visitor back at the window. */
  resume(windowId: string, ticketId: string, staffId: string | null): { ticket: Ticket } {
    return this.change((now) => {
      this.requireFreeWindow(windowId);
      const ticket = this.requireTicket(ticketId, ['held']);
      if (ticket.windowId !== windowId) throw new HallError('NO_CURRENT_TICKET');
      return {
        ticket: this.transition(ticket, 'held', { status: 'serving', servingAt: ticket.servingAt ?? now }, { kind: 'resumed', windowId, staffId, at: now }),
      };
    });
  }

  /** Cancels a waiting ticket, or the one at (or held by) the window, with a reason. */
  cancel(ticketId: string, reason: string, windowId: string | undefined, staffId: string | null): { ticket: Ticket } {
    return this.change((now) => {
      const ticket = this.requireTicket(ticketId, ['waiting', 'called', 'serving', 'held']);
      if (ticket.status !== 'waiting' && ticket.windowId !== windowId) throw new HallError('NO_CURRENT_TICKET');
      const changes = { status: 'cancelled' as const, endedAt: now, cancelReason: reason };
      return { ticket: this.transition(ticket, ticket.status, changes, { kind: 'cancelled', windowId: windowId ?? null, staffId, at: now, detail: reason }) };
    });
  }

  /**
   * Sends the visitor at the window to another service (and optionally a named
   * window). They keep their number; a new ticket links to the old one and waits at
   * the front of the new queue unless asked otherwise.
   */
  transfer(request: TransferRequest, staffId: string | null): { ticket: Ticket; from: Ticket } {
    return this.change((now, today) => {
      const from = this.requireTicket(request.ticketId, ['called', 'serving', 'held']);
      if (from.windowId !== request.windowId) throw new HallError('NO_CURRENT_TICKET');
      const service = this.hall.findService(request.toServiceId);
      if (!service) throw new HallError('NOT_FOUND', { context: 'service' });
      if (request.toWindowId) {
        const target = this.requireWindow(request.toWindowId);
        if (target.state !== 'open') throw new HallError('WINDOW_NOT_OPEN', { context: `target_${target.state}`, window: target.number });
        if (!this.hall.serviceIdsOfWindow(target.id).includes(service.id)) {
          throw new HallError('WINDOW_DOES_NOT_SERVE', { window: target.number });
        }
      }
      if (service.id === from.serviceId && !request.toWindowId) throw new HallError('TRANSFER_TO_SAME');

      const ended = this.transition(
        from,
        from.status,
        { status: 'transferred', endedAt: now },
        { kind: 'transferred', windowId: request.windowId, staffId, at: now, detail: service.id },
      );
      const id = this.ulid(now);
      this.store.insertTicket({
        id,
        serviceDay: today,
        serviceId: service.id,
        seq: null,
        number: from.number,
        lane: request.position === 'front' ? LANE.front : from.priority ? LANE.priority : LANE.ordinary,
        priority: from.priority,
        queueAt: now,
        targetWindowId: request.toWindowId ?? null,
        transferredFrom: from.id,
        issuedAt: from.issuedAt,
        registered: from.registered,
      });
      this.store.recordEvent({ ticketId: id, kind: 'issued', windowId: request.windowId, staffId, at: now, detail: from.id });
      return { ticket: this.store.ticket(id)!, from: ended };
    });
  }

  setWindowState(windowId: string, state: WindowState, staffId: string | null): { state: WindowState } {
    return this.change((now) => {
      const window = this.requireWindow(windowId);
      const current = this.store.currentAtWindow(window.id);
      if (state === 'closed' && current) throw new HallError('WINDOW_BUSY', { number: current.number });
      // Closing would strand whoever the window holds or who waits for it by name.
      const held = this.store.heldAtWindow(window.id);
      if (state === 'closed' && held.length > 0) throw new HallError('IN_USE', { context: 'window', count: held.length });
      if (state === 'closed' && this.store.waitingFor(this.today(now), window.id, 500).some((t) => t.targetWindowId === window.id)) {
        throw new HallError('IN_USE', { context: 'windowTargeted' });
      }
      if (window.state !== state) this.hall.setWindowState(window.id, state, now, staffId);
      return { state };
    });
  }

  windowStatus(windowId: string) {
    const window = this.requireWindow(windowId);
    return {
      state: window.state,
      current: this.store.currentAtWindow(windowId) ?? null,
      held: this.store.heldAtWindow(windowId),
      // Those this window may call: not the ones transferred to another window by name.
      waiting: this.store.callableCount(this.today(), window.id),
    };
  }

  waitingList(windowId: string, limit: number): { tickets: Ticket[] } {
    this.requireWindow(windowId);
    return { tickets: this.store.waitingFor(this.today(), windowId, limit) };
  }

  ticket(ticketId: string): Ticket {
    const ticket = this.store.ticket(ticketId);
    if (!ticket) throw new HallError('NOT_FOUND', { context: 'ticket' });
    return ticket;
  }

  /** Where a ticket stands: for the visitor checking their number. */
  ticketStatus(ticketId: string): { ticket: Ticket; peopleAhead: number; estimatedWaitMinutes: number | null } {
    const ticket = this.ticket(ticketId);
    const waiting = ticket.status === 'waiting';
    return {
      ticket,
      peopleAhead: waiting ? this.store.peopleAhead(ticket) : 0,
      estimatedWaitMinutes: waiting ? this.waits.forTicket(ticket, this.clock.now()) : 0,
    };
  }

  /** Per service: how many wait, and how long a ticket taken now would wait. */
  serviceWaits(): Array<{ serviceId: string; waiting: number; estimatedWaitMinutes: number | null }> {
    const now = this.clock.now();
    const windows = this.hall.windows();
    const today = this.today(now);
    return this.waitingByService(today).map(({ serviceId, waiting }) => ({
      serviceId,
      waiting,
      estimatedWaitMinutes: this.waits.minutes(today, serviceId, now, undefined, windows, waiting),
    }));
  }

  displayState(limit: number) {
    const day = this.today();
    return { recentCalls: this.store.recentCalls(day, limit), waitingByService: this.waitingByService(day) };
  }

  waitingByService(serviceDay = this.today()) {
    return this.store.waitingCounts(serviceDay, this.hall.services().map((service) => service.id));
  }


  /** Writes the ticket's new state if it is still `expected`, and logs the change. */
  private transition(ticket: Ticket, expected: TicketStatus, changes: Partial<Ticket>, event: Omit<TicketEvent, 'ticketId'>): Ticket {
    const next = { ...ticket, ...changes };
    if (!this.store.update(next, expected)) throw new HallError('CONFLICT');
    this.store.recordEvent({ ticketId: ticket.id, ...event });
    return next;
  }

  private announce(call: { ticket: Ticket; windowNumber: number }, recall: boolean): void {
    this.bus.publish('queue.ticketCalled', {
      ticketId: call.ticket.id,
      number: call.ticket.number,
      serviceId: call.ticket.serviceId,
      windowId: call.ticket.windowId!,
      windowNumber: call.windowNumber,
      calledAt: call.ticket.calledAt!,
      recall,
    });
  }

  /**
   * Waiting counts go out just after the change that triggered them has been
   * answered, and at most every WAITING_PUSH_MS: a kiosk issuing ten tickets a second
   * sends the displays a few updates, the last one always current, and nobody's call
   * waits for the counting.
   */
  private publishWaiting(): void {
    if (this.waitingPublishScheduled) return;
    this.waitingPublishScheduled = true;
    const publish = () => {
      this.waitingPublishScheduled = false;
      this.lastWaitingPublish = Date.now();
      if (this.db.open) this.bus.publish('queue.waitingChanged', { waitingByService: this.waitingByService() });
    };
    const wait = this.lastWaitingPublish + WAITING_PUSH_MS - Date.now();
    if (wait <= 0) setImmediate(publish);
    else setTimeout(publish, wait);
  }

  private requireWindow(windowId: string): WindowRef {
    const window = this.hall.findWindow(windowId);
    if (!window) throw new HallError('NOT_FOUND', { context: 'window' });
    return window;
  }

  private requireFreeWindow(windowId: string): WindowRef {
    const window = this.requireWindow(windowId);
    const current = this.store.currentAtWindow(window.id);
    if (current) throw new HallError('WINDOW_BUSY', { number: current.number }, { ticketId: current.id });
    return window;
  }

  private requireFreeOpenWindow(windowId: string): WindowRef {
    const window = this.requireFreeWindow(windowId);
    if (window.state !== 'open') throw new HallError('WINDOW_NOT_OPEN', { context: window.state });
    return window;
  }

  private requireTicket(ticketId: string, statuses: TicketStatus[]): Ticket {
    const ticket = this.store.ticket(ticketId);
    if (!ticket) throw new HallError('NOT_FOUND', { context: 'ticket' });
    if (!statuses.includes(ticket.status)) throw new HallError('TICKET_STATE', { number: ticket.number, context: ticket.status });
    return ticket;
  }

  private requireCurrent(windowId: string, ticketId: string, statuses: TicketStatus[]): Ticket {
    this.requireWindow(windowId);
    const current = this.store.currentAtWindow(windowId);
    if (!current || current.id !== ticketId) throw new HallError('NO_CURRENT_TICKET');
    if (!statuses.includes(current.status)) throw new HallError('TICKET_STATE', { number: current.number, context: current.status });
    return current;
  }
}
