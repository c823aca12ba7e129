import type { QueueStatsRow, StatsGroupBy } from '../../../shared/contract';
import { percentile } from '../../../shared/domain/percentile';
import { localTimeOf } from '../../../shared/domain/service-day';
import { intersect, subtract, total, type Interval } from './intervals';
import type { StatsTicket, StatsWindowEvent } from './stats-store';

const MINUTE = 60_000;
const BUSY_STARTS = new Set(['called', 'resumed']);
const BUSY_ENDS = new Set(['finished', 'no_show', 'cancelled', 'transferred', 'held']);

export interface QueueHistory {
  tickets: StatsTicket[];
  windowEvents: StatsWindowEvent[];
  windowStates: Array<{ windowId: string; state: 'open' | 'paused' | 'closed'; at: number }>;
  /** The services each window calls. */
  windowServices: Map<string, string[]>;
  timeZone: string;
  now: number;
}

const minutes = (values: number[], p?: number): number | null => {
  if (values.length === 0) return null;
  const value = p === undefined ? values.reduce((sum, v) => sum + v, 0) / values.length : percentile(values, p);
  return Math.round((value / MINUTE) * 10) / 10;
};

/** Time each ticket spent on hold (held → resumed), which is not service time. */
function heldTimes(events: StatsWindowEvent[]): Map<string, number> {
  const held = new Map<string, number>();
  const since = new Map<string, number>();
  for (const event of events) {
    if (event.kind === 'held') since.set(event.ticketId, event.at);
    else if (event.kind === 'resumed' && since.has(event.ticketId)) {
      held.set(event.ticketId, (held.get(event.ticketId) ?? 0) + event.at - since.get(event.ticketId)!);
      since.delete(event.ticketId);
    }
  }
  return held;
}

function summarize(key: string, tickets: StatsTicket[], idleMs: number | null, held: Map<string, number>): QueueStatsRow {
  const waits = tickets.filter((t) => t.calledAt !== null).map((t) => t.calledAt! - t.queueAt);
  const services = tickets
    .filter((t) => t.status === 'finished' && t.servingAt !== null && t.endedAt !== null)
    .map((t) => t.endedAt! - t.servingAt! - (held.get(t.id) ?? 0));
  const walks = tickets.filter((t) => t.calledAt !== null && t.servingAt !== null).map((t) => t.servingAt! - t.calledAt!);
  const count = (status: StatsTicket['status']) => tickets.filter((t) => t.status === status).length;
  return {
    key,
    tickets: tickets.length,
    served: count('finished'),
    noShows: count('no_show'),
    cancelled: count('cancelled'),
    transferred: count('transferred'),
    waitAvgMin: minutes(waits),
    waitP90Min: minutes(waits, 90),
    walkAvgMin: minutes(walks),
    walkP90Min: minutes(walks, 90),
    serviceAvgMin: minutes(services),
    serviceP90Min: minutes(services, 90),
    idleWhileWaitingMin: idleMs === null ? null : Math.round((idleMs / MINUTE) * 10) / 10,
  };
}

/**
 * How long each window stood open and free while someone it could call was waiting,
 * per service day — from the ticket and window event logs.
 */
export function idleWhileWaiting(history: QueueHistory): Map<string, Map<string, number>> {
  const ticketsByDay = groupBy(history.tickets, (t) => t.serviceDay);
  const eventsByWindowDay = groupBy(history.windowEvents, (e) => `${e.windowId} ${e.serviceDay}`);
  const byWindowDay = new Map<string, Map<string, number>>();
  for (const [windowId, services] of history.windowServices) {
    const perDay = new Map<string, number>();
    const open = openIntervals(windowId, history);
    for (const [day, dayTickets] of ticketsByDay) {
      // A ticket left waiting until the next day's close waited only until the hall's
      // last activity of its day, not through the night.
      const lastActivity = Math.max(
        ...dayTickets.flatMap((t) => [t.queueAt, t.calledAt ?? 0, t.cancelReason === 'day_closed' ? 0 : (t.endedAt ?? 0)]),
      );
      const waiting: Interval[] = dayTickets
        .filter((t) => services.includes(t.serviceId) && (t.targetWindowId === null || t.targetWindowId === windowId))
        .map((t) => [t.queueAt, t.calledAt ?? (t.cancelReason === 'day_closed' ? lastActivity : (t.endedAt ?? history.now))]);
      if (waiting.length === 0) continue;
      const busy = busyIntervals(eventsByWindowDay.get(`${windowId} ${day}`) ?? [], history.now);
      perDay.set(day, total(intersect(subtract(open, busy), waiting)));
    }
    byWindowDay.set(windowId, perDay);
  }
  return byWindowDay;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function openIntervals(windowId: string, history: QueueHistory): Interval[] {
  const changes = history.windowStates.filter((e) => e.windowId === windowId);
  const intervals: Interval[] = [];
  let openSince: number | null = Number.NEGATIVE_INFINITY; // windows start open
  for (const change of changes) {
    if (change.state === 'open' && openSince === null) openSince = change.at;
    if (change.state !== 'open' && openSince !== null) {
      intervals.push([openSince, change.at]);
      openSince = null;
    }
  }
  if (openSince !== null) intervals.push([openSince, Number.POSITIVE_INFINITY]);
  return intervals;
}

function busyIntervals(events: StatsWindowEvent[], now: number): Interval[] {
  const intervals: Interval[] = [];
  const since = new Map<string, number>();
  for (const event of events) {
    if (BUSY_STARTS.has(event.kind)) since.set(event.ticketId, event.at);
    else if (BUSY_ENDS.has(event.kind) && since.has(event.ticketId)) {
      intervals.push([since.get(event.ticketId)!, event.at]);
      since.delete(event.ticketId);
    }
  }
  for (const start of since.values()) intervals.push([start, now]);
  return intervals;
}

/** Queue statistics of a range of days, grouped as asked, with a total row. */
export function queueStats(history: QueueHistory, grouping: StatsGroupBy): { rows: QueueStatsRow[]; total: QueueStatsRow } {
  const idle = idleWhileWaiting(history);
  const held = heldTimes(history.windowEvents);
  const idleOfWindow = (windowId: string) => [...(idle.get(windowId)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const idleOfDay = (day: string) => [...idle.values()].reduce((sum, perDay) => sum + (perDay.get(day) ?? 0), 0);
  const idleTotal = [...idle.keys()].reduce((sum, windowId) => sum + idleOfWindow(windowId), 0);

  const keyOf = (t: StatsTicket): string => {
    switch (grouping) {
      case 'day':
        return t.serviceDay;
      case 'service':
        return t.serviceId;
      case 'window':
        return t.windowId ?? '';
      case 'clerk':
        return t.staffId ?? '';
      case 'hour':
        return localTimeOf(t.queueAt, history.timeZone).slice(0, 2);
    }
  };
  const rows = [...groupBy(history.tickets, keyOf).entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([key, tickets]) =>
      summarize(key, tickets, grouping === 'window' ? (key ? idleOfWindow(key) : null) : grouping === 'day' ? idleOfDay(key) : null, held),
    );
  return { rows, total: summarize('', history.tickets, idleTotal, held) };
}
