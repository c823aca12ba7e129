import type { HallWindow, Ticket } from '../../../shared/contract';
import type { HallStore } from '../hall/hall-store';
import type { QueuedTicket, QueueStore } from './queue-store';

/** How many recent visitors a service's mean is taken over, and how far back they may be. */
const SAMPLE_SIZE = 40;
const SAMPLE_WINDOW_MS = 7 * 24 * 3600_000;
/**
 * A visit already longer than the mean is expected to go on for at least this part of
 * the mean: visit times have a long tail, so the longer one has run, the longer it
 * tends to run on.
 */
const RESIDUAL_FLOOR = 0.35;
/** Tickets ahead that are played through one by one; the rest are extrapolated. */
export const PLAYED_AHEAD = 150;

/** An open window as the estimate sees it. */
export interface PlannedWindow {
  id: string;
  /** Its services by tier, first tier first. */
  tiers: string[][];
  /** Milliseconds until the visitor now at the window is done (0 when it is free). */
  freeInMs: number;
}

/** A waiting ticket as the estimate sees it, in calling order. */
export type PlannedTicket = Pick<QueuedTicket, 'id' | 'serviceId'> & { targetWindowId: string | null };

/**
 * When will `mine` be called? Plays the queue forward: the window free soonest takes
 * the first ticket, in calling order, of its first tier that has one (FIFO across
 * services, as call-next does), keeps it for that service's mean time, and so on until
 * a window takes `mine`. `ahead` is the calling order up to and including `mine`, or a
 * prefix of it when it is long: then `beyond` more tickets of mine's service, still
 * ahead of it, are extrapolated. Null when no open window can call it.
 */
export function playQueue(
  windows: PlannedWindow[],
  ahead: PlannedTicket[],
  mine: PlannedTicket,
  meanMs: (serviceId: string) => number,
  beyond = 0,
  hasWaiting: (serviceId: string) => boolean = () => false,
): number | null {
  const callable = (window: PlannedWindow, ticket: PlannedTicket) =>
    window.tiers.some((tier) => tier.includes(ticket.serviceId)) && (ticket.targetWindowId === null || ticket.targetWindowId === window.id);
  const able = windows.filter((window) => callable(window, mine));
  if (able.length === 0) return null;

  // Mine is played through unless the list was cut before it.
  const queue = ahead.filter((ticket) => ticket.id !== mine.id);
  if (beyond === 0) queue.push(mine);
  const freeAt = new Map(windows.map((window) => [window.id, window.freeInMs]));
  const playing = [...windows];
  while (queue.length > 0 && playing.length > 0) {
    playing.sort((a, b) => freeAt.get(a.id)! - freeAt.get(b.id)!);
    const window = playing[0]!;
    let index = -1;
    for (const tier of window.tiers) {
      index = queue.findIndex((ticket) => tier.includes(ticket.serviceId) && callable(window, ticket));
      if (index >= 0) break;
    }
    if (index < 0) {
      playing.shift(); // nothing left that this window may call: it no longer matters here
      continue;
    }
    const [ticket] = queue.splice(index, 1);
    if (ticket!.id === mine.id) return freeAt.get(window.id)!;
    freeAt.set(window.id, freeAt.get(window.id)! + meanMs(ticket!.serviceId));
  }
  // A long queue: the `beyond` tickets of mine's service still ahead go at the pace of
  // the windows that call it, each sharing its time among the services of that tier
  // that have someone waiting.
  const start = Math.min(...able.map((window) => freeAt.get(window.id)!));
  const rate = able.reduce((sum, window) => {
    const tier = window.tiers.find((services) => services.includes(mine.serviceId))!;
    return sum + 1 / tier.filter((id) => id === mine.serviceId || hasWaiting(id)).length;
  }, 0);
  return start + (beyond * meanMs(mine.serviceId)) / rate;
}

export class WaitEstimator {
  constructor(
    private readonly hall: HallStore,
    private readonly store: QueueStore,
  ) {}

  /** Mean time a window spends per visitor of the service (call to end), from the last ones measured. */
  meanCycleMs(serviceId: string, now: number): number {
    const samples = this.store.recentCycleTimes(serviceId, now - SAMPLE_WINDOW_MS, SAMPLE_SIZE);
    if (samples.length === 0) return this.hall.queueRules().defaultServiceMinutes * 60_000;
    return samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  }

  /**
   * Minutes until a ticket would be called: for a waiting ticket, or (without `ticket`)
   * for one of the service taken now. Null when no open window calls the service.
   */
  minutes(
    serviceDay: string,
    serviceId: string,
    now: number,
    ticket?: Ticket,
    windows: HallWindow[] = this.hall.windows(),
    peopleAhead?: number,
  ): number | null {
    const means = new Map<string, number>();
    const meanMs = (id: string) => {
      if (!means.has(id)) means.set(id, this.meanCycleMs(id, now));
      return means.get(id)!;
    };
    const planned: PlannedWindow[] = windows
      .filter((window) => window.state === 'open' && window.services.length > 0)
      .map((window) => {
        const tiers = new Map<number, string[]>();
        for (const { serviceId: id, tier } of window.services) tiers.set(tier, [...(tiers.get(tier) ?? []), id]);
        const current = this.store.currentAtWindow(window.id);
        const freeInMs = current?.calledAt
          ? // A visit running longer than usual is still expected to end soon, not never.
            Math.max(meanMs(current.serviceId) - (now - current.calledAt), meanMs(current.serviceId) * RESIDUAL_FLOOR)
          : 0;
        return { id: window.id, tiers: [...tiers.entries()].sort(([a], [b]) => a - b).map(([, ids]) => ids), freeInMs };
      });

    const order = this.store.waitingInCallingOrder(serviceDay, PLAYED_AHEAD + 1);
    const mine: PlannedTicket = ticket
      ? { id: ticket.id, serviceId: ticket.serviceId, targetWindowId: ticket.targetWindowId }
      : { id: '~new', serviceId, targetWindowId: null };
    const position = order.findIndex((t) => t.id === mine.id);
    const ahead = position >= 0 ? order.slice(0, position + 1) : order.slice(0, PLAYED_AHEAD);
    // Cut before mine: how many of my service are still ahead after the played part.
    const sameAhead = peopleAhead ?? (ticket ? this.store.peopleAhead(ticket) : this.store.waitingCounts(serviceDay, [serviceId])[0]!.waiting);
    const beyond =
      position >= 0 || order.length <= PLAYED_AHEAD
        ? 0
        : Math.max(0, sameAhead - ahead.filter((t) => t.serviceId === serviceId).length);
    const ms = playQueue(planned, ahead, mine, meanMs, beyond, (id) => this.store.hasWaiting(serviceDay, id));
    if (ms === null) return null;
    // Priority visitors who arrive later will still be called first: an ordinary
    // ticket waits longer by the share of priority visitors the hall has today.
    const ordinary = !ticket || (ticket.priority === null && !ticket.front);
    return Math.round((ordinary ? ms * (1 + this.store.priorityShare(serviceDay)) : ms) / 60_000);
  }

  forTicket(ticket: Ticket, now: number, peopleAhead?: number): number | null {
    if (ticket.status !== 'waiting') return 0;
    return this.minutes(ticket.serviceDay, ticket.serviceId, now, ticket, undefined, peopleAhead);
  }
}
