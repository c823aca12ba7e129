import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import { HallError, RATING_REASONS, RATING_REQUEST_TTL_MS, type MethodOutput, type RatingRequest, type StaffMember } from '../../../shared/contract';
import type { HallStore } from '../hall/hall-store';
import type { Clock } from '../ports';
import type { EventBus } from '../rpc/event-bus';
import { RatingStore, type RatingRequestRow, type SummaryRow } from './rating-store';

/** Longest range one summary may cover (as stats.queue). */
const MAX_DAYS = 366;

type Summary = MethodOutput<'ratings.summary'>;
type Counts = Summary['all'];

/**
 * Satisfaction ratings (art. 21, docs/ratings.md): a clerk asks the rating tablet of a
 * window, the visitor answers on it once. Expiry is never written: a request is expired
 * when the core's clock, read once per call, is more than RATING_REQUEST_TTL_MS past it
 * or on a later service day; it stays 'open' in the table until the window's next
 * request closes it as 'replaced'. Writes are one BEGIN IMMEDIATE transaction each;
 * events go out after the commit.
 */
export class RatingService {
  private readonly store: RatingStore;
  private readonly ulid = monotonicFactory();

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {
    this.store = new RatingStore(db);
  }

  /**
   * Opens a request at the window for the case (its ticket and service), or else for the
   * window's current ticket; the window's open request, if any, is replaced.
   */
  request(windowId: string, visitId: string | undefined, clerk: StaffMember): RatingRequest {
    const { request, replaced } = this.db
      .transaction(() => {
        const now = this.clock.now();
        if (!this.hall.findWindow(windowId)) throw new HallError('NOT_FOUND', { context: 'window' });
        const visit = visitId === undefined ? null : (this.store.visit(visitId) ?? null);
        if (visitId !== undefined && !visit) throw new HallError('NOT_FOUND', { context: 'visit' });
        // A case gives its own ticket and service; otherwise the window's current ticket does.
        const current = visit ? null : this.store.currentTicket(windowId);
        const ticketId = visit ? visit.ticket_id : (current?.id ?? null);
        const serviceId = visit ? visit.service_id : (current?.service_id ?? null);
        // The rating joins the case: the one registered for the current ticket, when there is one.
        const linkedVisitId = visit?.id ?? (ticketId ? this.store.latestVisitOfTicket(ticketId) : null);

        const open = this.store.openAtWindow(windowId);
        if (open) this.store.close(open.id, 'replaced', now);
        const id = this.ulid(now);
        this.store.insertRequest({
          id,
          window_id: windowId,
          visit_id: linkedVisitId,
          ticket_id: ticketId,
          staff_id: clerk.id,
          service_id: serviceId,
          requested_at: now,
          service_day: this.hall.serviceDay(now),
        });
        return { request: toRequest(this.store.request(id)!), replaced: open ?? null };
      })
      .immediate();
    if (replaced) this.bus.publish('ratings.closed', { windowId, requestId: replaced.id });
    this.bus.publish('ratings.requested', { request });
    return request;
  }

  /** The window's open request, unless it has expired. */
  pending(windowId: string): RatingRequest | null {
    if (!this.hall.findWindow(windowId)) throw new HallError('NOT_FOUND', { context: 'window' });
    const open = this.store.openAtWindow(windowId);
    return open && !this.expired(open, this.clock.now()) ? toRequest(open) : null;
  }

  /** The visitor's answer: once per request, and only while it is open and not expired. */
  submit(requestId: string, level: number, reasons: readonly (typeof RATING_REASONS)[number][]): void {
    const windowId = this.db
      .transaction(() => {
        const now = this.clock.now();
        const request = this.store.request(requestId);
        if (request?.state === 'rated') throw new HallError('CONFLICT', { context: 'rated' });
        if (!request || request.state !== 'open' || this.expired(request, now)) throw new HallError('NOT_FOUND', { context: 'rating_request' });
        // Each reason once, in the scale's order, whatever order they were tapped in.
        const chosen = RATING_REASONS.filter((reason) => reasons.includes(reason));
        this.store.insertRating(requestId, level, chosen, now);
        this.store.close(requestId, 'rated', now);
        return request.window_id;
      })
      .immediate();
    this.bus.publish('ratings.closed', { windowId, requestId });
  }

  /** Satisfaction over the service days from..to: in all, by clerk (by staff number) and by service (in the hall's order). */
  summary(from: string, to: string): Summary {
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_DAYS) throw new HallError('RANGE_TOO_LONG', { days: MAX_DAYS });
    const now = this.clock.now();
    const rows = this.store.summaryRows({ from, to, today: this.hall.serviceDay(now), expiredBefore: now - RATING_REQUEST_TTL_MS });

    const all = emptyCounts();
    const byClerk = new Map<string, Counts & { staffId: string; staffNo: string; name: string }>();
    const byService = new Map<string, Counts & { serviceId: string }>();
    for (const row of rows) {
      add(all, row);
      const clerk = byClerk.get(row.staff_id) ?? { staffId: row.staff_id, staffNo: row.staff_no, name: row.staff_name, ...emptyCounts() };
      byClerk.set(row.staff_id, add(clerk, row));
      if (row.service_id !== null) {
        const service = byService.get(row.service_id) ?? { serviceId: row.service_id, ...emptyCounts() };
        byService.set(row.service_id, add(service, row));
      }
    }
    const serviceOrder = new Map(this.hall.services().map((service, index) => [service.id, index]));
    return {
      all: withRate(all),
      byClerk: [...byClerk.values()].map(withRate).sort((a, b) => a.staffNo.localeCompare(b.staffNo)),
      byService: [...byService.values()]
        .map(withRate)
        .sort((a, b) => (serviceOrder.get(a.serviceId) ?? Infinity) - (serviceOrder.get(b.serviceId) ?? Infinity)),
    };
  }

  /** The latest rating of a case, or null: for visits.get. */
  ratingOfVisit(visitId: string) {
    return this.store.ratingOfVisit(visitId);
  }

  private expired(request: RatingRequestRow, now: number): boolean {
    return now - request.requested_at > RATING_REQUEST_TTL_MS || request.service_day !== this.hall.serviceDay(now);
  }
}

/** What the tablet is sent: the ticket number and the clerk, never the visitor. */
function toRequest(row: RatingRequestRow): RatingRequest {
  return {
    id: row.id,
    windowId: row.window_id,
    ticketNumber: row.ticket_number,
    clerk: { staffNo: row.staff_no, name: row.staff_name },
    requestedAt: row.requested_at,
  };
}

function emptyCounts(): Counts {
  return { levels: { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 }, total: 0, satisfiedRate: null, unanswered: 0 };
}

function add<C extends Counts>(counts: C, row: SummaryRow): C {
  if (row.level === null) counts.unanswered += row.requests;
  else {
    counts.levels[row.level as 1 | 2 | 3 | 4 | 5] += row.requests;
    counts.total += row.requests;
  }
  return counts;
}

/** 满意率: (非常满意 + 满意 + 基本满意) / all ratings; null when there are none. */
function withRate<C extends Counts>(counts: C): C {
  const satisfied = counts.levels[5] + counts.levels[4] + counts.levels[3];
  return { ...counts, satisfiedRate: counts.total === 0 ? null : satisfied / counts.total };
}
