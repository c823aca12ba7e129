import { describe, expect, it } from 'vitest';
import { createTestHall, ManualClock } from '../testing/test-core';
import { QueueStore } from './queue-store';
import { medianWait, playQueue, type OpenWindow, type PlannedTicket, type PlannedWindow, type VisitTimes } from './wait-estimate';

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

describe('the median of plays with measured visit times', () => {
  const open = (id: string, tiers: string[][], current: OpenWindow['current'] = null): OpenWindow => ({ id, tiers, current });
  const measured = (...minutes: number[]): (() => VisitTimes) => {
    const samples = minutes.map((m) => m * MIN);
    return () => ({ samples, meanMs: samples.reduce((a, b) => a + b, 0) / samples.length });
  };
  // Nine visits of 4 minutes and one of an hour: the mean is 9.6 minutes.
  const skewed = measured(4, 4, 4, 4, 4, 4, 4, 4, 4, 60);
  const three = [ticket('1', 'A'), ticket('2', 'A'), ticket('3', 'A')];

  it('gives the median wait, not the mean, when a few visits are long', () => {
    // Three ahead at one window: all three are short in most plays (0.9³ ≈ 73 %).
    expect(medianWait([open('w1', [['A']])], three, ticket('me', 'A'), skewed)).toBe(12 * MIN);
    // The mean visit time would say 28.8 minutes.
    expect(playQueue([win('w1', [['A']])], three, ticket('me', 'A'), () => skewed().meanMs)).toBeCloseTo(28.8 * MIN);
  });

  it('waits less with more windows open', () => {
    const visits = measured(3, 5, 6, 8, 10, 12, 15, 20, 25);
    const six = ['1', '2', '3', '4', '5', '6'].map((id) => ticket(id, 'A'));
    const wait = (count: number) =>
      medianWait(['w1', 'w2', 'w3'].slice(0, count).map((id) => open(id, [['A']])), six, ticket('me', 'A'), visits)!;
    expect(wait(2)).toBeLessThan(wait(1));
    expect(wait(3)).toBeLessThan(wait(2));
  });

  it('gives the same estimate for the same queue, every time', () => {
    const visits = measured(3, 5, 6, 8, 10, 12, 15, 20, 25);
    const windows = [open('w1', [['A']], { serviceId: 'A', elapsedMs: 2 * MIN }), open('w2', [['A', 'B']])];
    const queue = [ticket('1', 'B'), ...three];
    const first = medianWait(windows, queue, ticket('me', 'A'), visits);
    expect(medianWait(windows, queue, ticket('me', 'A'), visits)).toBe(first);
  });

  it('expects a visit under way to run as long as the measured visits that ran longer', () => {
    const windows = (elapsedMinutes: number) => [open('w1', [['A']], { serviceId: 'A', elapsedMs: elapsedMinutes * MIN })];
    // Just begun: most likely a short one.
    expect(medianWait(windows(0), [], ticket('me', 'A'), skewed)).toBe(4 * MIN);
    // Ten minutes in, it is the long kind: fifty minutes more.
    expect(medianWait(windows(10), [], ticket('me', 'A'), skewed)).toBe(50 * MIN);
    // Longer than any measured: it ends soon (35 % of the mean).
    expect(medianWait(windows(90), [], ticket('me', 'A'), skewed)).toBeCloseTo(0.35 * 9.6 * MIN);
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

  it('leaves time on hold out of the measured visits, and out of the visit under way', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const windowId = hall.windowId(3);
    hall.value('clerk', 'queue.setWindowState', { windowId: hall.windowId(4), state: 'paused' }); // window 3 alone calls E
    const issue = () => hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('E') });
    /** Two minutes' service, `holdMinutes` on hold (fetching a document), then three more. */
    const visit = (holdMinutes: number, end: 'finish' | 'none') => {
      const ticket = issue().ticket;
      hall.value('clerk', 'queue.callNext', { windowId });
      const ids = { windowId, ticketId: ticket.id };
      hall.value('clerk', 'queue.startServing', ids);
      clock.advance(2 * MIN);
      hall.value('clerk', 'queue.hold', ids);
      clock.advance(holdMinutes * MIN);
      hall.value('clerk', 'queue.resume', ids);
      if (end === 'none') return;
      clock.advance(3 * MIN);
      hall.value('clerk', 'queue.finish', ids);
    };
    for (let i = 0; i < 3; i++) visit(30, 'finish');
    // Held and sent on to another service: the hold lasted until the transfer.
    const held = issue().ticket;
    hall.value('clerk', 'queue.callNext', { windowId });
    clock.advance(MIN);
    hall.value('clerk', 'queue.hold', { windowId, ticketId: held.id });
    clock.advance(20 * MIN);
    hall.value('clerk', 'queue.transfer', { windowId, ticketId: held.id, toServiceId: hall.serviceId('D'), position: 'front' });
    const store = new QueueStore(hall.core.db);
    expect(store.recentCycleTimes(hall.serviceId('E'), 0, 40)).toEqual([MIN, 5 * MIN, 5 * MIN, 5 * MIN]);

    // At the window now: a visitor back from ten minutes on hold, two minutes into the
    // visit. Of the measured visits (1, 5, 5, 5), the ones longer than two minutes
    // leave three more: not the half hour the holds would have made of them.
    hall.value('clerk', 'queue.callNext', { windowId }); // the transferred visitor, called to D at window 3
    const d = hall.value('clerk', 'queue.windowStatus', { windowId }).current;
    hall.value('clerk', 'queue.finish', { windowId, ticketId: d.id });
    visit(10, 'none');
    expect(issue().estimatedWaitMinutes).toBe(3);
  });
});
