import { describe, expect, it } from 'vitest';
import type { QueueStatsRow } from '../../../shared/contract';
import { createTestHall, ManualClock, sessionTokenFor, TEST_CLERK } from '../testing/test-core';

const at = (hhmm: string) => Date.parse(`2026-11-24T${hhmm}:00+08:00`);

/** A scripted morning on exact times, whose statistics are known by hand. */
function scriptedMorning() {
  const clock = new ManualClock(at('08:59'));
  const hall = createTestHall({ clock });
  const to = (hhmm: string) => clock.advance(at(hhmm) - clock.now());
  const w = (n: number) => hall.windowId(n);
  const ids = (n: number, ticketId: string) => ({ windowId: w(n), ticketId });

  hall.value('clerk', 'queue.setWindowState', { windowId: w(4), state: 'closed' });
  hall.value('clerk', 'queue.setWindowState', { windowId: w(3), state: 'closed' });
  to('09:00');
  const a001 = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket;
  const b001 = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('B') }).ticket;
  to('09:02');
  const a002 = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A'), birthDate: '1950-01-01' }).ticket;
  to('09:05');
  expect(hall.value('clerk', 'queue.callNext', { windowId: w(1) }).ticket.id).toBe(a002.id); // elderly first
  expect(hall.value('clerk', 'queue.callNext', { windowId: w(2) }).ticket.id).toBe(a001.id);
  to('09:06');
  hall.value('clerk', 'queue.startServing', ids(1, a002.id));
  to('09:07');
  hall.value('clerk', 'queue.recall', ids(2, a001.id));
  to('09:08');
  hall.value('clerk', 'queue.recall', ids(2, a001.id));
  to('09:09');
  hall.value('clerk', 'queue.noShow', ids(2, a001.id));
  to('09:16');
  hall.value('clerk', 'queue.finish', ids(1, a002.id));
  expect(hall.value('clerk', 'queue.callNext', { windowId: w(1) }).ticket.id).toBe(b001.id);
  to('09:17');
  hall.value('clerk', 'queue.startServing', ids(1, b001.id));
  to('09:20');
  const moved = hall.value('clerk', 'queue.transfer', { ...ids(1, b001.id), toServiceId: hall.serviceId('C') }).ticket;
  expect(hall.value('clerk', 'queue.callNext', { windowId: w(2) }).ticket.id).toBe(moved.id);
  to('09:21');
  hall.value('clerk', 'queue.startServing', ids(2, moved.id));
  to('09:31');
  hall.value('clerk', 'queue.finish', ids(2, moved.id));
  return { hall, clock };
}

const stats = (hall: ReturnType<typeof createTestHall>, groupBy: string, role: 'admin' | 'clerk' = 'admin') =>
  hall.value(role, 'stats.queue', { from: '2026-11-24', to: '2026-11-24', groupBy }) as {
    rows: QueueStatsRow[];
    total: QueueStatsRow;
    clerks: Array<{ id: string; staffNo: string; name: string }>;
  };

describe('queue statistics', () => {
  it('counts and times a scripted morning by service', () => {
    const { hall } = scriptedMorning();
    const { rows, total } = stats(hall, 'service');
    const row = (letter: string) => rows.find((r) => r.key === hall.serviceId(letter));
    expect(row('A')).toMatchObject({ tickets: 2, served: 1, noShows: 1, cancelled: 0, transferred: 0, waitAvgMin: 4, waitP90Min: 5, serviceAvgMin: 10 });
    expect(row('B')).toMatchObject({ tickets: 1, served: 0, transferred: 1, waitAvgMin: 16, serviceAvgMin: null });
    expect(row('C')).toMatchObject({ tickets: 1, served: 1, waitAvgMin: 0, serviceAvgMin: 10 });
    expect(total).toMatchObject({ tickets: 4, served: 2, noShows: 1, transferred: 1, waitAvgMin: 6, waitP90Min: 16, serviceAvgMin: 10, walkAvgMin: 1 });
  });

  it('measures clerk idle time while people were waiting, per window and per day', () => {
    const { hall } = scriptedMorning();
    const byWindow = stats(hall, 'window').rows;
    // Windows 1 and 2 stood free from 09:00 to 09:05 with visitors waiting; 3 and 4 were closed.
    expect(byWindow.find((r) => r.key === hall.windowId(1))).toMatchObject({ tickets: 2, idleWhileWaitingMin: 5 });
    expect(byWindow.find((r) => r.key === hall.windowId(2))).toMatchObject({ tickets: 2, idleWhileWaitingMin: 5 });
    expect(stats(hall, 'day').rows).toEqual([expect.objectContaining({ key: '2026-11-24', tickets: 4, idleWhileWaitingMin: 10 })]);
    expect(stats(hall, 'hour').rows.map((r) => [r.key, r.tickets])).toEqual([['09', 4]]);
  });

  it('does not count time on hold as service time', () => {
    const clock = new ManualClock(at('10:00'));
    const hall = createTestHall({ clock });
    const to = (hhmm: string) => clock.advance(at(hhmm) - clock.now());
    const ticket = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('E') }).ticket;
    const ids = { windowId: hall.windowId(3), ticketId: ticket.id };
    hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(3) });
    hall.value('clerk', 'queue.startServing', ids);
    to('10:05');
    hall.value('clerk', 'queue.hold', ids); // fetching a document
    to('10:20');
    hall.value('clerk', 'queue.resume', ids);
    to('10:25');
    hall.value('clerk', 'queue.finish', ids);
    expect(stats(hall, 'day').total.serviceAvgMin).toBe(10);
  });

  it('does not count the night as idle time when a ticket was left waiting', () => {
    const { hall, clock } = scriptedMorning();
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }); // 09:31, never called
    clock.advance(24 * 3600_000); // the next morning closes it
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('B') });
    const window1 = stats(hall, 'window').rows.find((r) => r.key === hall.windowId(1))!;
    // 5 minutes in the morning; the ticket left at 09:31 waited until the hall's last activity (09:31).
    expect(window1.idleWhileWaitingMin).toBe(5);
  });

  it('groups by the clerk who called each ticket, and names them', () => {
    const { hall } = scriptedMorning(); // every call made at the test desk, by 王丽 (1001)
    const desk2 = { role: 'clerk' as const, language: 'zh-CN' as const, sessionId: 'desk-2' };
    expect(hall.dispatch(desk2, 'auth.resume', { token: sessionTokenFor(hall.core, hall.clock, '1002') }).ok).toBe(true);
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('D') });
    hall.value('clerk', 'queue.setWindowState', { windowId: hall.windowId(3), state: 'open' });
    expect(hall.dispatch(desk2, 'queue.callNext', { windowId: hall.windowId(3) }).ok).toBe(true);
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('E') }); // not called: nobody's

    const { rows, clerks, total } = stats(hall, 'clerk');
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row.tickets]));
    expect(byKey).toEqual({ [hall.staffId(TEST_CLERK.staffNo)]: 4, [hall.staffId('1002')]: 1, '': 1 });
    expect(rows.at(-1)!.key).toBe(''); // "not recorded" last
    expect(total.tickets).toBe(6);
    expect(clerks).toEqual([
      { id: hall.staffId('1001'), staffNo: '1001', name: '王丽' },
      { id: hall.staffId('1002'), staffNo: '1002', name: '李明' },
    ]);
    expect(stats(hall, 'service').clerks).toEqual([]);
  });

  it('lets a clerk see today only; refuses reversed and overlong ranges', () => {
    const { hall } = scriptedMorning();
    expect(stats(hall, 'service', 'clerk').total.tickets).toBe(4);
    expect(hall.call('clerk', 'stats.queue', { from: '2026-11-01', to: '2026-11-24', groupBy: 'day' }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: "Window staff can see today's statistics only" },
    });
    expect(hall.call('admin', 'stats.queue', { from: '2026-11-25', to: '2026-11-24', groupBy: 'day' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('admin', 'stats.queue', { from: '2024-01-01', to: '2026-11-24', groupBy: 'day' })).toMatchObject({ ok: false, error: { code: 'RANGE_TOO_LONG' } });
    expect(hall.call('kiosk', 'stats.queue', { from: '2026-11-24', to: '2026-11-24', groupBy: 'day' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
