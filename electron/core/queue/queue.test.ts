import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract';
import { createTestHall, ManualClock, sessionTokenFor, TEST_CLERK } from '../testing/test-core';

describe('queue', () => {
  it('numbers tickets per service per day: A001, A002, B001, and again A001 the next day', () => {
    const clock = new ManualClock(Date.parse('2026-11-24T01:00:00Z')); // 09:00 in Shenzhen
    const hall = createTestHall({ clock });
    const issue = (letter: string) => hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId(letter) });
    expect(issue('A').ticket.number).toBe('A001');
    expect(issue('A').ticket.number).toBe('A002');
    expect(issue('B').ticket.number).toBe('B001');
    clock.advance(15 * 3600_000); // 00:00 next day in Shenzhen (16:00 UTC)
    const nextDay = issue('A').ticket;
    expect(nextDay.number).toBe('A001');
    expect(nextDay.serviceDay).toBe('2026-11-25');
  });

  it('tells the visitor how many wait ahead for the same service', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const issue = (letter: string) => {
      clock.advance(1000);
      return hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId(letter) });
    };
    expect(issue('C').peopleAhead).toBe(0);
    expect(issue('C').peopleAhead).toBe(1);
    expect(issue('D').peopleAhead).toBe(0);
    expect(issue('C').peopleAhead).toBe(2);
  });

  it("calls the oldest waiting ticket among the window's services, then nothing when the queue is empty", () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const issued = ['B', 'C', 'A', 'D'].map((letter) => {
      clock.advance(1000);
      return hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId(letter) }).ticket;
    });
    // Window 2 serves A and C: C001 came before A001.
    const first = hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(2) }).ticket;
    expect(first.number).toBe('C001');
    expect(first.status).toBe('called');
    expect(first.windowId).toBe(hall.windowId(2));
    hall.value('clerk', 'queue.finish', { windowId: hall.windowId(2), ticketId: first.id });
    expect(hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(2) }).ticket.number).toBe('A001');
    // Window 1 (A, B) takes B001; window 3 (D, E) takes D001.
    expect(hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(1) }).ticket.id).toBe(issued[0]!.id);
    expect(hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(3) }).ticket.number).toBe('D001');
    // Window 4 serves everything but nothing is left.
    expect(hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(4) }).ticket).toBeNull();
  });

  it('refuses to call the next one while the window still serves someone, and finishes only its own ticket', () => {
    const hall = createTestHall();
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') });
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') });
    const called = hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(1) }).ticket;
    const busy = hall.call('clerk', 'queue.callNext', { windowId: hall.windowId(1) }, 'en');
    expect(busy).toMatchObject({ ok: false, error: { code: 'WINDOW_BUSY', message: expect.stringContaining('A001') } });
    const wrongWindow = hall.call('clerk', 'queue.finish', { windowId: hall.windowId(2), ticketId: called.id });
    expect(wrongWindow).toMatchObject({ ok: false, error: { code: 'NO_CURRENT_TICKET' } });
    const status = hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(1) });
    expect(status.current.number).toBe('A001');
    expect(status.waiting).toBe(1);
    const finished = hall.value('clerk', 'queue.finish', { windowId: hall.windowId(1), ticketId: called.id }).ticket;
    expect(finished.status).toBe('finished');
    expect(finished.endedAt).toBeTypeOf('number');
    expect(hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(1) }).current).toBeNull();
  });

  it('keeps every state change in the ticket event log', () => {
    const hall = createTestHall();
    const ticket = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('E') }).ticket;
    hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(3) });
    hall.value('clerk', 'queue.finish', { windowId: hall.windowId(3), ticketId: ticket.id });
    const kinds = hall.core.db.prepare('SELECT kind FROM ticket_events WHERE ticket_id = ? ORDER BY id').pluck().all(ticket.id);
    expect(kinds).toEqual(['issued', 'called', 'finished']);
  });

  it('records the signed-in clerk on every change they make, the kiosk as nobody', () => {
    const hall = createTestHall();
    const w = (n: number) => hall.windowId(n);
    // A second desk, where 李明 (1002) is signed in.
    const desk2 = { role: 'clerk' as const, language: 'zh-CN' as const, sessionId: 'desk-2' };
    expect(hall.dispatch(desk2, 'auth.resume', { token: sessionTokenFor(hall.core, hall.clock, '1002') }).ok).toBe(true);
    const asDesk2 = (method: string, params: unknown): any => {
      const reply = hall.dispatch(desk2, method, params);
      if (!reply.ok) throw new Error(reply.error.code);
      return reply.value;
    };
    const atWindow1 = (ticketId: string) => ({ windowId: w(1), ticketId });

    const a1 = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket;
    const a2 = hall.value('clerk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket;
    const a3 = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket;
    hall.value('clerk', 'queue.setWindowState', { windowId: w(1), state: 'paused' });
    hall.value('clerk', 'queue.setWindowState', { windowId: w(1), state: 'open' });
    hall.value('clerk', 'queue.callNext', { windowId: w(1) }); // a1
    hall.value('clerk', 'queue.recall', atWindow1(a1.id));
    hall.value('clerk', 'queue.startServing', atWindow1(a1.id));
    hall.value('clerk', 'queue.hold', atWindow1(a1.id));
    hall.value('clerk', 'queue.resume', atWindow1(a1.id));
    const moved = hall.value('clerk', 'queue.transfer', { ...atWindow1(a1.id), toServiceId: hall.serviceId('C') }).ticket;
    hall.value('clerk', 'queue.callTicket', atWindow1(a3.id));
    hall.value('clerk', 'queue.recall', atWindow1(a3.id));
    hall.value('clerk', 'queue.recall', atWindow1(a3.id));
    hall.value('clerk', 'queue.noShow', atWindow1(a3.id));
    hall.value('clerk', 'queue.cancel', { ticketId: a2.id, reason: 'duplicate' });
    asDesk2('queue.callNext', { windowId: w(2) }); // the transferred ticket, at the front of C
    asDesk2('queue.finish', { windowId: w(2), ticketId: moved.id });
    asDesk2('queue.setWindowState', { windowId: w(3), state: 'paused' });
    // The admin page, signed in, may not change a window in a clerk's stead.
    expect(hall.call('admin', 'queue.setWindowState', { windowId: w(3), state: 'open' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const who = (ticketId: string) =>
      hall.core.db
        .prepare('SELECT e.kind, s.staff_no AS staffNo FROM ticket_events e LEFT JOIN staff s ON s.id = e.staff_id WHERE e.ticket_id = ? ORDER BY e.id')
        .all(ticketId);
    const clerk = TEST_CLERK.staffNo;
    expect(who(a1.id)).toEqual([
      { kind: 'issued', staffNo: null },
      ...['called', 'recalled', 'serving', 'held', 'resumed', 'transferred'].map((kind) => ({ kind, staffNo: clerk })),
    ]);
    expect(who(moved.id)).toEqual([
      { kind: 'issued', staffNo: clerk },
      { kind: 'called', staffNo: '1002' },
      { kind: 'finished', staffNo: '1002' },
    ]);
    expect(who(a2.id)).toEqual([
      { kind: 'issued', staffNo: clerk },
      { kind: 'cancelled', staffNo: clerk },
    ]);
    expect(who(a3.id).map((event: any) => event.staffNo)).toEqual([null, clerk, clerk, clerk, clerk]);
    const windowLog = hall.core.db
      .prepare('SELECT e.state, s.staff_no AS staffNo FROM window_events e LEFT JOIN staff s ON s.id = e.staff_id ORDER BY e.id')
      .all();
    expect(windowLog).toEqual([
      { state: 'paused', staffNo: clerk },
      { state: 'open', staffNo: clerk },
      { state: 'paused', staffNo: '1002' },
    ]);
  });

  it('rejects an unknown service or window with NOT_FOUND and writes nothing', () => {
    const hall = createTestHall();
    const ghost = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    expect(hall.call('kiosk', 'queue.issueTicket', { serviceId: ghost }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('service') },
    });
    expect(hall.call('clerk', 'queue.callNext', { windowId: ghost })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
  });

  it('pushes the call to displays and waiting counts to everyone, numbers only', async () => {
    const hall = createTestHall();
    const seen: Record<string, Array<[EventName, unknown]>> = { display: [], kiosk: [] };
    hall.core.subscribe('display', (event, data) => seen.display!.push([event, data]));
    hall.core.subscribe('kiosk', (event, data) => seen.kiosk!.push([event, data]));
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') });
    hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(4) });

    const call = seen.display!.find(([event]) => event === 'queue.ticketCalled')?.[1];
    expect(call).toEqual({
      ticketId: expect.any(String),
      number: 'A001',
      serviceId: hall.serviceId('A'),
      windowId: hall.windowId(4),
      windowNumber: 4,
      calledAt: expect.any(Number),
      recall: false,
    });
    // The kiosk is not in the call's audience, but learns the waiting counts: once for
    // the burst of two changes, right after them.
    expect(seen.kiosk).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.kiosk).toEqual([['queue.waitingChanged', { waitingByService: expect.arrayContaining([{ serviceId: hall.serviceId('A'), waiting: 0 }]) }]]);
    const display = hall.value('display', 'queue.displayState', {});
    expect(display.recentCalls).toHaveLength(1);
    expect(display.recentCalls[0].number).toBe('A001');
    expect(display.waitingByService.every((count: { waiting: number }) => count.waiting === 0)).toBe(true);
  });
});
