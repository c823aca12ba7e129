import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../shared/contract';
import { serviceDayUnder } from '../../../shared/domain/service-day';
import { createTestHall, ManualClock } from '../testing/test-core';

/** A hall with a clock that moves a minute between tickets, and short helpers. */
function hallWithHelpers() {
  const clock = new ManualClock(Date.parse('2026-11-24T01:00:00Z')); // 09:00 in the hall
  const hall = createTestHall({ clock });
  const issue = (letter: string, extra: Record<string, unknown> = {}): Ticket => {
    clock.advance(60_000);
    return hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId(letter), ...extra }).ticket;
  };
  const callNext = (window: number): Ticket | null => {
    clock.advance(1000);
    return hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(window) }).ticket;
  };
  const finish = (window: number, ticket: Ticket) => hall.value('clerk', 'queue.finish', { windowId: hall.windowId(window), ticketId: ticket.id });
  const serveAll = (window: number): string[] => {
    const order: string[] = [];
    for (let next = callNext(window); next; next = callNext(window)) {
      order.push(next.number);
      finish(window, next);
    }
    return order;
  };
  return { clock, hall, issue, callNext, finish, serveAll };
}

describe('priority without starvation', () => {
  it('calls priority visitors first: elderly by age from the birth date, and self-declared reasons', () => {
    const { issue, serveAll } = hallWithHelpers();
    issue('A'); // A001 ordinary
    const elderly = issue('A', { birthDate: '1950-05-01' }); // 76
    const young = issue('A', { birthDate: '1990-05-01' }); // 36: no priority
    const pregnant = issue('A', { priorityReason: 'pregnant' });
    expect(elderly.priority).toBe('elderly');
    expect(young.priority).toBeNull();
    expect(pregnant.priority).toBe('pregnant');
    expect(serveAll(1)).toEqual(['A002', 'A004', 'A001', 'A003']);
  });

  it('never lets an ordinary ticket be overtaken more than maxPassOver times, in a long mixed queue', () => {
    const { hall, issue, callNext, finish } = hallWithHelpers();
    const maxPassOver = hall.info.queueRules.maxPassOver as number;
    expect(maxPassOver).toBe(3);
    // 40 ordinary tickets, then priority tickets keep arriving: two for every call.
    for (let i = 0; i < 40; i++) issue('A');
    const overtaken = new Map<string, number>();
    const waitingOrdinary = new Map<string, number>(); // number → queuedAt
    for (const t of hall.value('clerk', 'queue.waitingList', { windowId: hall.windowId(1), limit: 500 }).tickets as Ticket[]) {
      waitingOrdinary.set(t.number, t.queuedAt);
    }
    const served: string[] = [];
    for (let round = 0; round < 120; round++) {
      issue('B', { priorityReason: 'disabled' });
      issue('A', { priorityReason: 'service_member' });
      const next = callNext(1)!; // window 1 serves A and B
      served.push(next.number);
      finish(1, next);
      waitingOrdinary.delete(next.number);
      // Every ordinary ticket queued before the one just called has been overtaken once more.
      for (const [number, queuedAt] of waitingOrdinary) {
        if (queuedAt < next.queuedAt) overtaken.set(number, (overtaken.get(number) ?? 0) + 1);
      }
    }
    expect(Math.max(...overtaken.values())).toBeLessThanOrEqual(maxPassOver);
    // All 40 ordinary visitors were served although priority never stopped arriving.
    expect(served.filter((n) => /^A0([0-3]\d|40)$/.test(n) && Number(n.slice(1)) <= 40)).toHaveLength(40);
  });

  it('honours only the priority reasons the hall has configured, and its elderly age', () => {
    const { hall, issue } = hallWithHelpers();
    hall.value('admin', 'hall.saveQueueRules', { ...hall.info.queueRules, priorityReasons: ['elderly'], elderlyAge: 80 });
    expect(issue('A', { priorityReason: 'pregnant' }).priority).toBeNull();
    expect(issue('A', { birthDate: '1950-01-01' }).priority).toBeNull(); // 76 < 80
    expect(issue('A', { birthDate: '1940-01-01' }).priority).toBe('elderly');
    // A clerk may not change the rules; bad rules change nothing.
    expect(hall.call('clerk', 'hall.saveQueueRules', hall.info.queueRules)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hall.call('admin', 'hall.saveQueueRules', { ...hall.info.queueRules, elderlyAge: 5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.value('admin', 'hall.info', {}).queueRules.elderlyAge).toBe(80);
  });

  it('calls a starving ordinary ticket before transfers to the front too', () => {
    const { hall, issue, callNext, finish } = hallWithHelpers();
    const waiting = issue('C'); // C001, ordinary, at window 2 (A, C)
    // Window 1 keeps sending complaints to legal services, at the front.
    const moved: string[] = [];
    for (let i = 0; i < 6; i++) {
      issue('A');
      const at1 = callNext(1)!;
      hall.value('clerk', 'queue.transfer', { windowId: hall.windowId(1), ticketId: at1.id, toServiceId: hall.serviceId('C') });
      const at2 = callNext(2)!;
      moved.push(at2.number);
      finish(2, at2);
      if (at2.id === waiting.id) break;
    }
    // Overtaken three times (maxPassOver), then called.
    expect(moved).toEqual(['A001', 'A002', 'A003', 'C001']);
  });

  it('calls a window’s first tier before its second', () => {
    const { hall, issue, callNext } = hallWithHelpers();
    hall.core.db.prepare('UPDATE window_services SET tier = 2 WHERE window_id = ? AND service_id = ?').run(hall.windowId(4), hall.serviceId('A'));
    issue('A');
    issue('E');
    expect(callNext(4)!.number).toBe('E001');
  });
});

describe('calling out of order, recall, no-show, hold', () => {
  it('calls a picked ticket out of order, and counts that as overtaking', () => {
    const { hall, issue, callNext, finish } = hallWithHelpers();
    issue('A');
    const third = (issue('A'), issue('A'));
    const picked = hall.value('clerk', 'queue.callTicket', { windowId: hall.windowId(1), ticketId: third.id }).ticket;
    expect(picked.number).toBe('A003');
    finish(1, picked);
    expect(callNext(1)!.number).toBe('A001');
    // A ticket of a service the window does not serve cannot be picked.
    const counselling = issue('D');
    expect(hall.call('clerk', 'queue.callTicket', { windowId: hall.windowId(2), ticketId: counselling.id })).toMatchObject({ ok: false, error: { code: 'NOT_CALLABLE_HERE' } });
    // Picking A003 overtook A001 (and A002) once: one pass recorded for service A.
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM queue_passes WHERE service_id = ?').pluck().get(hall.serviceId('A'))).toBe(1);
  });

  it('recalls, and allows no-show only after the configured recalls', () => {
    const { hall, issue, callNext } = hallWithHelpers();
    const displayCalls: Array<{ number: string; recall: boolean }> = [];
    hall.core.subscribe('display', (event, data) => event === 'queue.ticketCalled' && displayCalls.push(data as never));
    issue('C');
    const called = callNext(2)!;
    const windowId = hall.windowId(2);
    const early = hall.call('clerk', 'queue.noShow', { windowId, ticketId: called.id }, 'en');
    expect(early).toMatchObject({ ok: false, error: { code: 'NO_SHOW_TOO_EARLY', message: 'Recall 2 times before marking as not present (recalled 0 times so far)' } });
    hall.value('clerk', 'queue.recall', { windowId, ticketId: called.id });
    const twice = hall.value('clerk', 'queue.recall', { windowId, ticketId: called.id }).ticket;
    expect(twice.recalls).toBe(2);
    expect(displayCalls.map((c) => `${c.number}${c.recall ? ' again' : ''}`)).toEqual(['C001', 'C001 again', 'C001 again']);
    const gone = hall.value('clerk', 'queue.noShow', { windowId, ticketId: called.id }).ticket;
    expect(gone.status).toBe('no_show');
    expect(hall.value('clerk', 'queue.windowStatus', { windowId }).current).toBeNull();
  });

  it('serves, holds while the window calls the next, and resumes', () => {
    const { hall, issue, callNext, finish } = hallWithHelpers();
    issue('A');
    issue('A');
    const windowId = hall.windowId(1);
    const first = callNext(1)!;
    const serving = hall.value('clerk', 'queue.startServing', { windowId, ticketId: first.id }).ticket;
    expect(serving.status).toBe('serving');
    expect(serving.servingAt).toBeTypeOf('number');
    hall.value('clerk', 'queue.hold', { windowId, ticketId: first.id });
    const second = callNext(1)!;
    expect(second.number).toBe('A002');
    // Resuming while someone else is at the window is refused.
    expect(hall.call('clerk', 'queue.resume', { windowId, ticketId: first.id })).toMatchObject({ ok: false, error: { code: 'WINDOW_BUSY' } });
    expect(hall.value('clerk', 'queue.windowStatus', { windowId }).held.map((t: Ticket) => t.number)).toEqual(['A001']);
    finish(1, second);
    const resumed = hall.value('clerk', 'queue.resume', { windowId, ticketId: first.id }).ticket;
    expect(resumed.status).toBe('serving');
    expect(finish(1, resumed).ticket.status).toBe('finished');
  });

  it('cancels a waiting ticket with a reason and never calls it', () => {
    const { hall, issue, callNext } = hallWithHelpers();
    const t = issue('B');
    const cancelled = hall.value('clerk', 'queue.cancel', { ticketId: t.id, reason: '来访人离开' }).ticket;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '来访人离开' });
    expect(callNext(1)).toBeNull();
    expect(hall.call('clerk', 'queue.cancel', { ticketId: t.id, reason: ' ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('transfer', () => {
  it('keeps the number, links to the old ticket and waits at the front of the new queue', () => {
    const { hall, issue, callNext } = hallWithHelpers();
    issue('C'); // C001 waits for legal services
    issue('A');
    const complaint = callNext(1)!; // A001 at window 1
    const { ticket, from } = hall.value('clerk', 'queue.transfer', {
      windowId: hall.windowId(1),
      ticketId: complaint.id,
      toServiceId: hall.serviceId('C'),
    });
    expect(from.status).toBe('transferred');
    expect(ticket).toMatchObject({ number: 'A001', serviceId: hall.serviceId('C'), transferredFrom: complaint.id, front: true, status: 'waiting' });
    expect(hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(1) }).current).toBeNull();
    // Window 2 (A, C) calls the transferred visitor before C001, who came earlier.
    expect(callNext(2)!.number).toBe('A001');
    // Numbering of C is untouched: the next C ticket is C002.
    expect(issue('C').number).toBe('C002');
  });

  it('to a named window: only that window calls it; a window that does not serve the service is refused', () => {
    const { hall, issue, callNext } = hallWithHelpers();
    issue('A');
    const at1 = callNext(1)!;
    const refused = hall.call('clerk', 'queue.transfer', { windowId: hall.windowId(1), ticketId: at1.id, toServiceId: hall.serviceId('D'), toWindowId: hall.windowId(2) }, 'en');
    expect(refused).toMatchObject({ ok: false, error: { code: 'WINDOW_DOES_NOT_SERVE', message: 'Window 2 does not handle this service' } });
    const moved = hall.value('clerk', 'queue.transfer', {
      windowId: hall.windowId(1), ticketId: at1.id, toServiceId: hall.serviceId('D'), toWindowId: hall.windowId(3), position: 'back',
    }).ticket;
    expect(moved).toMatchObject({ targetWindowId: hall.windowId(3), front: false });
    expect(callNext(4)).toBeNull(); // window 4 serves D too, but the ticket is for window 3
    expect(callNext(3)!.id).toBe(moved.id);
  });
});

describe('window states', () => {
  it('counts for a window only the tickets it may call; refuses transfers to a paused window and closing over a held visitor', () => {
    const { hall, issue, callNext } = hallWithHelpers();
    issue('A');
    const at1 = callNext(1)!;
    hall.value('clerk', 'queue.transfer', { windowId: hall.windowId(1), ticketId: at1.id, toServiceId: hall.serviceId('C'), toWindowId: hall.windowId(4) });
    expect(hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(2) }).waiting).toBe(0); // it is for window 4
    expect(hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(4) }).waiting).toBe(1);
    expect(hall.call('clerk', 'queue.setWindowState', { windowId: hall.windowId(4), state: 'closed' })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    issue('A');
    const again = callNext(1)!;
    hall.value('clerk', 'queue.setWindowState', { windowId: hall.windowId(3), state: 'paused' });
    expect(hall.call('clerk', 'queue.transfer', { windowId: hall.windowId(1), ticketId: again.id, toServiceId: hall.serviceId('D'), toWindowId: hall.windowId(3) }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_NOT_OPEN', message: 'Window 3 is paused: nobody can be transferred to it' },
    });
    hall.value('clerk', 'queue.hold', { windowId: hall.windowId(1), ticketId: again.id });
    expect(hall.call('clerk', 'queue.setWindowState', { windowId: hall.windowId(1), state: 'closed' })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
  });

  it('a paused or closed window calls nobody; reopened, it calls again', () => {
    const { hall, issue, callNext } = hallWithHelpers();
    issue('E');
    const windowId = hall.windowId(3);
    hall.value('clerk', 'queue.setWindowState', { windowId, state: 'paused' });
    expect(hall.call('clerk', 'queue.callNext', { windowId }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_NOT_OPEN', message: 'This window is paused. Resume before calling.' },
    });
    expect(hall.value('clerk', 'queue.windowStatus', { windowId }).state).toBe('paused');
    hall.value('clerk', 'queue.setWindowState', { windowId, state: 'open' });
    expect(callNext(3)!.number).toBe('E001');
  });
});

describe('the service day', () => {
  it('closes yesterday’s open tickets at the reset hour and keeps them in history', () => {
    const { hall, clock, issue, callNext } = hallWithHelpers();
    const waiting = issue('A');
    const called = (issue('B'), callNext(1)!);
    clock.advance(24 * 3600_000);
    const today = issue('A');
    expect(today.number).toBe('A001');
    const rows = hall.core.db.prepare('SELECT id, status, cancel_reason FROM tickets WHERE service_day < ? ORDER BY id').all(today.serviceDay);
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: waiting.id, status: 'cancelled', cancel_reason: 'day_closed' },
        { id: called.id, status: 'cancelled', cancel_reason: 'day_closed' },
      ]),
    );
    expect(callNext(2)!.id).toBe(today.id);
  });

  it('closes yesterday even when the first change of the day fails', () => {
    const { hall, clock, issue, callNext } = hallWithHelpers();
    issue('A');
    const stuck = callNext(1)!;
    hall.core.db.prepare("UPDATE services SET open_from = '08:30', open_until = '17:00' WHERE letter = 'B'").run();
    clock.advance(22 * 3600_000); // 07:00 the next day: B is not issued yet
    expect(hall.call('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('B') })).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    // Yesterday's visitor at window 1 does not keep it busy today.
    issue('A');
    expect(hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(1) }).current).toBeNull();
    expect(hall.core.db.prepare('SELECT cancel_reason FROM tickets WHERE id = ?').pluck().get(stuck.id)).toBe('day_closed');
    expect(callNext(1)!.number).toBe('A001');
  });

  /** A hall that resets at midnight, on 24 November at 09:00 local time; `to` moves the clock to a local time. */
  function hallAtNine(dataDir?: string) {
    const clock = new ManualClock(Date.parse('2026-11-24T09:00:00+08:00'));
    const hall = createTestHall({ clock, ...(dataDir ? { dataDir } : {}) });
    const to = (local: string) => clock.advance(Date.parse(`${local}+08:00`) - clock.now());
    const issue = (): Ticket => hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket;
    const saveResetHour = (resetHour: number) => hall.value('admin', 'hall.saveQueueRules', { ...hall.info.queueRules, resetHour });
    return { clock, hall, to, issue, saveResetHour };
  }

  it('applies a new reset hour from the next service day: today keeps its numbers and its queue', () => {
    const { clock, hall, to, issue, saveResetHour } = hallAtNine();
    const first = issue();
    to('2026-11-24T10:00');
    // Applied at once, a reset at noon would put 10:00 back into yesterday's day.
    expect(saveResetHour(12).resetHour).toBe(12);
    expect(issue()).toMatchObject({ number: 'A002', serviceDay: '2026-11-24' });
    to('2026-11-24T11:00');
    saveResetHour(6); // replaces noon
    expect(issue()).toMatchObject({ number: 'A003', serviceDay: '2026-11-24' });
    // Pages learn of the pending change and count "today" as the core does.
    const info = hall.value('clerk', 'hall.info', {});
    expect(info.resetHourChange).toEqual({ previousHour: 0, fromDay: '2026-11-25' });
    expect(serviceDayUnder(clock.now(), info.timeZone, info.queueRules.resetHour, info.resetHourChange)).toBe('2026-11-24');
    to('2026-11-25T05:59');
    expect(issue()).toMatchObject({ number: 'A004', serviceDay: '2026-11-24' });
    expect(hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(1) }).ticket.id).toBe(first.id);
    // The clerk's statistics of today are still the 24th's.
    expect(hall.value('clerk', 'stats.queue', { from: '2026-11-24', to: '2026-11-24', groupBy: 'day' }).total.tickets).toBe(4);
    to('2026-11-25T06:00');
    expect(issue()).toMatchObject({ number: 'A001', serviceDay: '2026-11-25' });
    const closed = hall.core.db.prepare("SELECT COUNT(*) FROM tickets WHERE service_day = '2026-11-24' AND cancel_reason = 'day_closed'").pluck().get();
    expect(closed).toBe(4);
    const days = hall.value('admin', 'stats.queue', { from: '2026-11-24', to: '2026-11-25', groupBy: 'day' }).rows;
    expect(days.map((row: { key: string; tickets: number }) => [row.key, row.tickets])).toEqual([['2026-11-24', 4], ['2026-11-25', 1]]);
    // From then on, every day starts at 06:00.
    to('2026-11-26T05:59');
    expect(issue().serviceDay).toBe('2026-11-25');
    to('2026-11-26T06:00');
    expect(issue().serviceDay).toBe('2026-11-26');
  });

  it('keeps the day that is still running when the new hour is saved in its small hours', () => {
    const { to, issue, saveResetHour } = hallAtNine();
    saveResetHour(6);
    to('2026-11-25T07:00'); // the 25th began at 06:00
    expect(issue()).toMatchObject({ number: 'A001', serviceDay: '2026-11-25' });
    to('2026-11-26T05:00'); // still the 25th
    saveResetHour(2); // 02:00 has passed: the 26th cannot start at 02:00 any more
    expect(issue()).toMatchObject({ number: 'A002', serviceDay: '2026-11-25' });
    to('2026-11-26T06:00'); // the 26th starts as it was going to
    expect(issue()).toMatchObject({ number: 'A001', serviceDay: '2026-11-26' });
    to('2026-11-27T01:59');
    expect(issue().serviceDay).toBe('2026-11-26');
    to('2026-11-27T02:00'); // and the 27th at the new hour
    expect(issue().serviceDay).toBe('2026-11-27');
  });

  it('keeps a pending reset hour through a restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-reset-'));
    try {
      const before = hallAtNine(dataDir);
      before.issue();
      before.to('2026-11-24T10:00');
      before.saveResetHour(12);
      before.hall.core.close();
      const after = hallAtNine(dataDir);
      after.to('2026-11-24T11:00');
      // Nothing of today was closed at start-up, and numbering goes on.
      expect(after.issue()).toMatchObject({ number: 'A002', serviceDay: '2026-11-24' });
      expect(after.hall.value('admin', 'hall.info', {}).queueRules.resetHour).toBe(12);
      after.hall.core.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses tickets outside a service’s hours and beyond its daily capacity', () => {
    const { hall } = hallWithHelpers();
    hall.core.db.prepare("UPDATE services SET open_from = '08:30', open_until = '09:00', daily_capacity = NULL WHERE letter = 'A'").run();
    expect(hall.call('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_CLOSED', message: 'Tickets for this service are issued 08:30–09:00; not now.' },
    });
    hall.core.db.prepare("UPDATE services SET open_from = NULL, open_until = NULL, daily_capacity = 2 WHERE letter = 'B'").run();
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('B') });
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('B') });
    expect(hall.call('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('B') })).toMatchObject({ ok: false, error: { code: 'SERVICE_FULL' } });
  });
});
