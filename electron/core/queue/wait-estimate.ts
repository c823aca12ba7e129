import type { HallWindow, Ticket } from '../../../shared/contract';
import type { HallStore } from '../hall/hall-store';
import type { QueuedTicket, QueueStore } from './queue-store';

/** How many recent visits of a service the plays draw from, and how far back they may be. */
const SAMPLE_SIZE = 40;
const SAMPLE_WINDOW_MS = 7 * 24 * 3600_000;
/**
 * A visit already longer than every measured one is expected to go on for this part of
 * the mean: it will end soon, not never.
 */
const RESIDUAL_FLOOR = 0.35;
/** Tickets ahead that are played through one by one; the rest are extrapolated. */
export const PLAYED_AHEAD = 150;
/** Plays per estimate: odd, so that the median is one of them. */
export const PLAYS = 51;
/** Every estimate draws the same numbers: the same queue gives the same estimate. */
const SEED = 0x5eed;

/** An open window as one play of the queue sees it. */
export interface PlannedWindow {
  id: string;
  /** Its services by tier, first tier first. */
  tiers: string[][];
  /** Milliseconds until the visitor now at the window is done (0 when it is free). */
  freeInMs: number;
}

/** An open window as the estimate sees it: whose visit is under way, and for how long. */
export interface OpenWindow {
  id: string;
  tiers: string[][];
  current: { serviceId: string; elapsedMs: number } | null;
}

/** A waiting ticket as the estimate sees it, in calling order. */
export type PlannedTicket = Pick<QueuedTicket, 'id' | 'serviceId'> & { targetWindowId: string | null };

/** A service's measured visits (call to end, less time on hold): the plays draw their visit times from them. */
export interface VisitTimes {
  samples: number[];
  meanMs: number;
}

/**
 * The queue numbered for playing it forward: services, windows and tickets become
 * array indices, so that a play is plain array work, cheap enough to repeat many times
 * on every ticket issued.
 *
 * In a play, the window free soonest takes the first ticket, in calling order, of its
 * first tier that has one (FIFO across services, as call-next does), keeps it for a
 * visit of that service, and so on until a window takes `mine`. `ahead` is the calling
 * order up to and including `mine`, or a prefix of it when it is long: then `beyond`
 * more tickets of mine's service, still ahead of it, are extrapolated.
 */
export class QueuePlan {
  /** Service ids, by number. */
  readonly services: string[] = [];
  private readonly tiers: number[][][];
  /** Per ticket played: its service, and the window it is named for (-1: any). */
  private readonly serviceOf: Int32Array;
  private readonly targetOf: Int32Array;
  /** Per service: its tickets in calling order. */
  private readonly lines: number[][];
  /** Mine's place among the tickets played (-1 when the list was cut before it). */
  private readonly mine: number;
  /** The windows that may call mine. */
  private readonly able: number[];
  private readonly beyond: number;
  /** How many of mine's service those windows take together in the time of one visit. */
  private readonly pace: number;

  private constructor(
    windows: Array<Pick<PlannedWindow, 'id' | 'tiers'>>,
    ahead: PlannedTicket[],
    mine: PlannedTicket,
    beyond: number,
    hasWaiting: (serviceId: string) => boolean,
  ) {
    const number = new Map<string, number>();
    const serviceNumber = (id: string) => {
      if (!number.has(id)) number.set(id, this.services.push(id) - 1);
      return number.get(id)!;
    };
    this.tiers = windows.map((window) => window.tiers.map((tier) => tier.map(serviceNumber)));
    const mineService = serviceNumber(mine.serviceId);
    // Mine is played through unless the list was cut before it.
    const played = ahead.filter((ticket) => ticket.id !== mine.id);
    if (beyond === 0) played.push(mine);
    this.mine = beyond === 0 ? played.length - 1 : -1;
    this.serviceOf = Int32Array.from(played, (ticket) => serviceNumber(ticket.serviceId));
    // -1: any window; a window that is not open gets a number no window here has.
    const windowNumber = (id: string | null) => {
      if (id === null) return -1;
      const w = windows.findIndex((window) => window.id === id);
      return w >= 0 ? w : windows.length;
    };
    this.targetOf = Int32Array.from(played, (ticket) => windowNumber(ticket.targetWindowId));
    this.lines = this.services.map(() => []);
    this.serviceOf.forEach((service, index) => this.lines[service]!.push(index));
    const mineTarget = windowNumber(mine.targetWindowId);
    this.able = [];
    this.tiers.forEach((tiers, w) => {
      if (tiers.some((tier) => tier.includes(mineService)) && (mineTarget < 0 || mineTarget === w)) this.able.push(w);
    });
    this.beyond = beyond;
    // Each window that may call mine shares its time among the services of that tier
    // that have someone waiting (asked only when there is something to extrapolate).
    this.pace =
      beyond === 0
        ? 1
        : this.able.reduce((sum, w) => {
            const tier = windows[w]!.tiers.find((services) => services.includes(mine.serviceId))!;
            return sum + 1 / tier.filter((id) => id === mine.serviceId || hasWaiting(id)).length;
          }, 0);
  }

  /** Null when no open window may call mine. */
  static of(
    windows: Array<Pick<PlannedWindow, 'id' | 'tiers'>>,
    ahead: PlannedTicket[],
    mine: PlannedTicket,
    beyond = 0,
    hasWaiting: (serviceId: string) => boolean = () => false,
  ): QueuePlan | null {
    const plan = new QueuePlan(windows, ahead, mine, beyond, hasWaiting);
    return plan.able.length > 0 ? plan : null;
  }

  /**
   * One play: milliseconds until mine is called, given when each window is free
   * (in the order given) and a visit time for each ticket taken (by service number);
   * the extrapolated tickets take `meanMs` of mine's service each.
   */
  play(freeInMs: number[], visitMs: (service: number) => number, meanMs: number): number {
    // Locals rather than fields in the loop: it runs for every play of every estimate.
    const { lines, tiers, serviceOf, targetOf, mine } = this;
    const freeAt = Float64Array.from(freeInMs);
    const taken = new Uint8Array(serviceOf.length);
    // Per service, how many at the start of its line are taken: the next is found without a search.
    const skip = new Int32Array(lines.length);
    const playing = new Uint8Array(freeAt.length).fill(1);
    let windowsLeft = freeAt.length;
    let ticketsLeft = serviceOf.length;
    while (ticketsLeft > 0 && windowsLeft > 0) {
      let w = -1;
      for (let i = 0; i < freeAt.length; i++) if (playing[i] && (w < 0 || freeAt[i]! < freeAt[w]!)) w = i;
      const windowTiers = tiers[w]!;
      let next = -1;
      for (let t = 0; t < windowTiers.length && next < 0; t++) {
        const tier = windowTiers[t]!;
        for (let s = 0; s < tier.length; s++) {
          const service = tier[s]!;
          const line = lines[service]!;
          let i = skip[service]!;
          while (i < line.length && taken[line[i]!]) i++;
          skip[service] = i;
          // Usually the first one left; a ticket named for another window stays for it.
          for (; i < line.length; i++) {
            const index = line[i]!;
            const target = targetOf[index]!;
            if (!taken[index] && (target < 0 || target === w)) {
              if (next < 0 || index < next) next = index;
              break;
            }
          }
        }
      }
      if (next < 0) {
        playing[w] = 0; // nothing left that this window may call: it no longer matters here
        windowsLeft--;
        continue;
      }
      taken[next] = 1;
      ticketsLeft--;
      if (next === mine) return freeAt[w]!;
      freeAt[w] = freeAt[w]! + visitMs(serviceOf[next]!);
    }
    // A long queue: the `beyond` tickets of mine's service still ahead go at the pace of
    // the windows that may call it.
    const start = Math.min(...this.able.map((w) => freeAt[w]!));
    return start + (this.beyond * meanMs) / this.pace;
  }
}

/**
 * When will `mine` be called, with each visit taking `visitMs` of its service? One play
 * of the queue (see QueuePlan). Null when no open window can call it.
 */
export function playQueue(
  windows: PlannedWindow[],
  ahead: PlannedTicket[],
  mine: PlannedTicket,
  visitMs: (serviceId: string) => number,
  beyond = 0,
  hasWaiting: (serviceId: string) => boolean = () => false,
): number | null {
  const plan = QueuePlan.of(windows, ahead, mine, beyond, hasWaiting);
  if (!plan) return null;
  return plan.play(
    windows.map((window) => window.freeInMs),
    (service) => visitMs(plan.services[service]!),
    visitMs(mine.serviceId),
  );
}

/** mulberry32: small and fast; seeded, so that plays can be repeated. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The median of `mine`'s wait over `plays` plays of the queue, each drawing every visit
 * time from the service's measured ones. Visit times are skewed (a few long visits):
 * the median of the plays, not their mean, is the figure the actual wait is on average
 * closest to. A visit under way lasts, in each play, as long as one of the measured
 * visits that ran longer than it has so far.
 */
export function medianWait(
  windows: OpenWindow[],
  ahead: PlannedTicket[],
  mine: PlannedTicket,
  visits: (serviceId: string) => VisitTimes,
  beyond = 0,
  hasWaiting: (serviceId: string) => boolean = () => false,
  plays = PLAYS,
): number | null {
  const plan = QueuePlan.of(windows, ahead, mine, beyond, hasWaiting);
  if (!plan) return null;
  const random = randomSource(SEED);
  const pick = (samples: number[]) => samples[Math.floor(random() * samples.length)]!;
  // Each service's measured visits, looked up when a play first needs them.
  const samples: Array<number[] | undefined> = [];
  const visitMs = (service: number) => pick((samples[service] ??= visits(plan.services[service]!).samples));
  const underWay = windows.map((window) => {
    if (!window.current) return null;
    const { serviceId, elapsedMs } = window.current;
    const { samples, meanMs } = visits(serviceId);
    return { elapsedMs, longer: samples.filter((ms) => ms > elapsedMs), floorMs: meanMs * RESIDUAL_FLOOR };
  });
  const meanMs = visits(mine.serviceId).meanMs;
  const waits: number[] = [];
  for (let play = 0; play < plays; play++) {
    const freeInMs = underWay.map((visit) => (!visit ? 0 : visit.longer.length > 0 ? pick(visit.longer) - visit.elapsedMs : visit.floorMs));
    waits.push(plan.play(freeInMs, visitMs, meanMs));
  }
  waits.sort((a, b) => a - b);
  return waits[(waits.length - 1) >> 1]!;
}

export class WaitEstimator {
  constructor(
    private readonly hall: HallStore,
    private readonly store: QueueStore,
  ) {}

  /** The service's last measured visits (call to end, less time on hold); the configured default until there are some. */
  visitTimes(serviceId: string, now: number): VisitTimes {
    const samples = this.store.recentCycleTimes(serviceId, now - SAMPLE_WINDOW_MS, SAMPLE_SIZE);
    if (samples.length === 0) {
      const ms = this.hall.queueRules().defaultServiceMinutes * 60_000;
      return { samples: [ms], meanMs: ms };
    }
    return { samples, meanMs: samples.reduce((sum, ms) => sum + ms, 0) / samples.length };
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
    const measured = new Map<string, VisitTimes>();
    const visits = (id: string) => {
      let times = measured.get(id);
      if (!times) measured.set(id, (times = this.visitTimes(id, now)));
      return times;
    };
    const open: OpenWindow[] = windows
      .filter((window) => window.state === 'open' && window.services.length > 0)
      .map((window) => {
        const tiers = new Map<number, string[]>();
        for (const { serviceId: id, tier } of window.services) tiers.set(tier, [...(tiers.get(tier) ?? []), id]);
        const at = this.store.currentAtWindow(window.id);
        // A visitor back from hold: the time away was not part of the visit.
        const current = at?.calledAt ? { serviceId: at.serviceId, elapsedMs: now - at.calledAt - this.store.timeOnHold(at.id, now) } : null;
        return { id: window.id, tiers: [...tiers.entries()].sort(([a], [b]) => a - b).map(([, ids]) => ids), current };
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
    // Priority visitors still to come are left out: the starvation guard lets them
    // overtake an ordinary ticket only `maxPassOver` times, and their rate, guessed from
    // the day's few, made the estimate worse when they were played (docs/queue.md).
    const ms = medianWait(open, ahead, mine, visits, beyond, (id) => this.store.hasWaiting(serviceDay, id));
    return ms === null ? null : Math.round(ms / 60_000);
  }

  forTicket(ticket: Ticket, now: number, peopleAhead?: number): number | null {
    if (ticket.status !== 'waiting') return 0;
    return this.minutes(ticket.serviceDay, ticket.serviceId, now, ticket, undefined, peopleAhead);
  }
}
