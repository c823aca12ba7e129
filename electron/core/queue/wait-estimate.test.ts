import { describe, expect, it } from 'vitest';
import { createTestHall, ManualClock } from '../testing/test-core';
import { playQueue, type PlannedTicket, type PlannedWindow } from './wait-estimate';

const MIN = 60_000;
const win = (id: string, tiers: string[][], freeInMs = 0): PlannedWindow => ({ id, tiers, freeInMs });
const ticket = (id: string, serviceId: string, targetWindowId: string | null = null): PlannedTicket => ({ id, serviceId, targetWindowId });
const means: Record<string, number> = { A: 10 * MIN, B: 30 * MIN };
const meanMs = (serviceId: string) => means[serviceId]!;

describe('playing the queue forward', () => {
  it('gives each free window the next ticket: the fourth of a service waits one visit at two windows', () => {
    const windows = [win('w1', [['A']]), win('w2', [['A']])];
    const ahead = [ticket('1', 'A'), ticket('2', 'A'), ticket('3', 'A')];
    expect(playQueue(windows, ahead, ticket('me', 'A'), meanMs)).toBe(10 * MIN);
    expect(playQueue(windows, [], ticket('me', 'A'), meanMs)).toBe(0);
  });

  it('counts the visitors of other services ahead at a shared window, and the visit under way', () => {
    const windows = [win('w1', [['A', 'B']], 5 * MIN)];
    expect(playQueue(windows, [ticket('1', 'B')], ticket('me', 'A'), meanMs)).toBe(35 * MIN);
  });

  it('calls a window’s first tier first', () => {
    const windows = [win('w1', [['A'], ['B']])];
    // B came first, but A is the window's first tier: A goes before B.
    expect(playQueue(windows, [ticket('b', 'B'), ticket('a', 'A')], ticket('me', 'B'), meanMs)).toBe(10 * MIN + 30 * MIN);
  });

  it('leaves a ticket for a named window to that window', () => {
    const windows = [win('w1', [['A']]), win('w2', [['A']], 20 * MIN)];
    expect(playQueue(windows, [ticket('x', 'A', 'w2')], ticket('me', 'A'), meanMs)).toBe(0);
    expect(playQueue(windows, [], ticket('me', 'A', 'w2'), meanMs)).toBe(20 * MIN);
  });

  it('knows nothing when no open window calls the service', () => {
    expect(playQueue([win('w1', [['B']])], [], ticket('me', 'A'), meanMs)).toBeNull();
  });

  it('extrapolates a long queue beyond the part it plays', () => {
    const windows = [win('w1', [['A']]), win('w2', [['A']])];
    const played = [ticket('1', 'A'), ticket('2', 'A')];
    // Two played (both windows busy until 10), then 10 more at two windows of 10 minutes.
    expect(playQueue(windows, played, ticket('me', 'A'), meanMs, 10)).toBe(10 * MIN + 50 * MIN);
  });
});

describe('wait estimate in the hall', () => {
  it('learns from measured visits, tells the visitor at issue, and says nothing with every window paused', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const issue = (letter: string) => hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId(letter) });
    // Legal services (C): windows 2 (A, C) and 4 (all) are free: no wait.
    expect(issue('C').estimatedWaitMinutes).toBe(0);
    // Both windows take a C visitor; measured visits are 4 minutes.
    for (let i = 0; i < 3; i++) {
      const ticket = hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(2) }).ticket;
      clock.advance(4 * MIN);
      hall.value('clerk', 'queue.finish', { windowId: hall.windowId(2), ticketId: ticket.id });
      issue('C');
    }
    hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(2) }); // C004 at window 2 (just called)
    issue('C');
    issue('C');
    hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(4) }); // C005 at window 4 (just called)
    // C006 waits; both windows are 4 minutes from free.
    const waits = hall.value('kiosk', 'queue.serviceWaits', {}).services;
    const c = waits.find((s: { serviceId: string }) => s.serviceId === hall.serviceId('C'));
    expect(c.waiting).toBe(1);
    // A new ticket: C006 goes to the first window free (4 min), the new one to the other (4 min).
    expect(c.estimatedWaitMinutes).toBe(4);
    expect(issue('C').estimatedWaitMinutes).toBe(4);
    for (const number of [2, 4]) {
      const at = hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(number) }).current;
      hall.value('clerk', 'queue.finish', { windowId: hall.windowId(number), ticketId: at.id });
      hall.value('clerk', 'queue.setWindowState', { windowId: hall.windowId(number), state: 'paused' });
    }
    expect(issue('C').estimatedWaitMinutes).toBeNull();
  });

  it('does not count a long queue of other services against a service with its own window', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    // Window 3 calls D and E only; window 4 calls everything. 300 complaints (A) wait.
    for (let i = 0; i < 300; i++) hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') });
    for (let i = 0; i < 4; i++) hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('E') });
    const fifth = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('E') });
    // Four E ahead, 10 minutes each (nothing measured), at window 3 and a share of
    // window 4: tens of minutes — not the days that 300 complaints would take.
    expect(fifth.estimatedWaitMinutes).toBeGreaterThanOrEqual(20);
    expect(fifth.estimatedWaitMinutes).toBeLessThanOrEqual(45);
  });
});
