import type { Ticket } from '../shared/contract';
import { createTestHall, ManualClock } from '../electron/core/testing/test-core';

/**
 * A simulated day in the demo hall, run through the real core on a manual clock:
 * visitors arrive at random (a Poisson process whose rate follows the hall's day),
 * windows call the next visitor when free and take a random time with each (a
 * log-normal around each service's mean), a few visitors are elderly, a few never come
 * when called, one window takes a break. Seeded: the same day every run.
 */

/** Mean minutes a window spends per visitor, and the share of arrivals, per service. */
const SERVICES: Record<string, { meanMinutes: number; share: number }> = {
  A: { meanMinutes: 8, share: 0.35 },
  B: { meanMinutes: 18, share: 0.15 },
  C: { meanMinutes: 12, share: 0.25 },
  D: { meanMinutes: 25, share: 0.1 },
  E: { meanMinutes: 10, share: 0.15 },
};

/** Arrivals an hour, by local hour: a morning peak, lunch, a quieter afternoon. */
const ARRIVALS_PER_HOUR: Record<number, number> = { 8: 10, 9: 22, 10: 22, 11: 16, 12: 5, 13: 10, 14: 18, 15: 16, 16: 8 };
const OPEN_MINUTE = 8 * 60 + 30;
const CLOSE_MINUTE = 17 * 60;
const STEP_MS = 15_000;
const ELDERLY_SHARE = 0.12;
const NO_SHOW_SHARE = 0.03;

export interface CalledTicket {
  service: string;
  priority: boolean;
  estimateMinutes: number;
  actualMinutes: number;
}

/** mulberry32: small, fast, good enough to draw a reproducible day. */
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
 * Runs `days` simulated days. The first gives the estimator its history (as a hall's
 * earlier days do); for the tickets of the others it returns estimate and actual wait.
 */
export function simulateDays(days: number, seed = 20261124): { called: CalledTicket[]; issued: number } {
  const random = randomSource(seed);
  const exponential = (mean: number) => -Math.log(1 - random()) * mean;
  const logNormal = (mean: number, sigma = 0.5) => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return mean * Math.exp(sigma * normal - (sigma * sigma) / 2);
  };
  const pickService = () => {
    let r = random();
    for (const [letter, { share }] of Object.entries(SERVICES)) {
      if ((r -= share) <= 0) return letter;
    }
    return 'A';
  };

  // Day one starts at midnight, Shenzhen time, 2026-11-23.
  const midnight = Date.parse('2026-11-22T16:00:00Z');
  const clock = new ManualClock(midnight);
  const hall = createTestHall({ clock });
  const letterOf = new Map<string, string>(hall.info.services.map((s: { id: string; letter: string }) => [s.id, s.letter]));
  const windows = [1, 2, 3, 4].map((number) => ({ number, id: hall.windowId(number), busyUntil: 0, ticket: null as Ticket | null, noShow: false }));

  const called: CalledTicket[] = [];
  let issued = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = midnight + day * 86_400_000;
    const estimates = new Map<string, number>();
    const measured = day > 0;
    let nextArrival = dayStart + OPEN_MINUTE * 60_000;
    // Window 3 takes a 20-minute break at 10:00.
    const breakFrom = dayStart + 10 * 3600_000;
    const breakUntil = breakFrom + 20 * 60_000;
    let onBreak = false;

    for (let now = dayStart + OPEN_MINUTE * 60_000; now < dayStart + CLOSE_MINUTE * 60_000 + 3 * 3600_000; now += STEP_MS) {
      clock.advance(now - clock.now());
      const minute = Math.floor((now - dayStart) / 60_000);
      // Arrivals until closing time.
      while (nextArrival <= now && minute < CLOSE_MINUTE) {
        const hour = Math.floor(minute / 60);
        const elderly = random() < ELDERLY_SHARE;
        const reply = hall.value('kiosk', 'queue.issueTicket', {
          serviceId: hall.serviceId(pickService()),
          ...(elderly ? { birthDate: '1950-03-01' } : {}),
        });
        if (measured) issued += 1;
        if (measured && reply.estimatedWaitMinutes !== null) estimates.set(reply.ticket.id, reply.estimatedWaitMinutes);
        nextArrival += exponential(3600_000 / (ARRIVALS_PER_HOUR[hour] ?? 6));
      }
      // The break.
      if (!onBreak && now >= breakFrom && now < breakUntil && windows[2]!.ticket === null) {
        hall.value('clerk', 'queue.setWindowState', { windowId: windows[2]!.id, state: 'paused' });
        onBreak = true;
      } else if (onBreak && now >= breakUntil) {
        hall.value('clerk', 'queue.setWindowState', { windowId: windows[2]!.id, state: 'open' });
        onBreak = false;
      }
      // Windows finish and call.
      for (const window of windows) {
        if (window.ticket && now >= window.busyUntil) {
          const ids = { windowId: window.id, ticketId: window.ticket.id };
          if (window.noShow) {
            hall.value('clerk', 'queue.recall', ids);
            hall.value('clerk', 'queue.recall', ids);
            hall.value('clerk', 'queue.noShow', ids);
          } else {
            hall.value('clerk', 'queue.finish', ids);
          }
          window.ticket = null;
        }
        if (!window.ticket && !(onBreak && window.number === 3)) {
          const ticket: Ticket | null = hall.value('clerk', 'queue.callNext', { windowId: window.id }).ticket;
          if (ticket) {
            window.ticket = ticket;
            window.noShow = random() < NO_SHOW_SHARE;
            const meanMinutes = SERVICES[letterOf.get(ticket.serviceId)!]!.meanMinutes;
            window.busyUntil = now + (window.noShow ? 3 * 60_000 : logNormal(meanMinutes * 60_000));
            const estimate = estimates.get(ticket.id);
            if (estimate !== undefined) {
              called.push({
                service: letterOf.get(ticket.serviceId)!,
                priority: ticket.priority !== null,
                estimateMinutes: estimate,
                actualMinutes: (ticket.calledAt! - ticket.queuedAt) / 60_000,
              });
            }
          }
        }
      }
    }
  }
  hall.core.close();
  return { called, issued };
}
