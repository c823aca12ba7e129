import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { RATING_REQUEST_TTL_MS, type RpcReply } from '../../../shared/contract';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { createTestHall, ManualClock, sessionTokenFor } from '../testing/test-core';

type Hall = ReturnType<typeof createTestHall>;

const MINUTE = 60_000;
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

/** A ticket of `letter` issued at the kiosk, called to the window and served: the window's current visitor. */
function serveTicket(hall: Hall, windowNumber: number, letter = 'A') {
  hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId(letter) });
  const windowId = hall.windowId(windowNumber);
  const ticket = hall.value('clerk', 'queue.callNext', { windowId }).ticket;
  hall.value('clerk', 'queue.startServing', { windowId, ticketId: ticket.id });
  return ticket as { id: string; number: string; serviceId: string };
}

let visitSeq = 0;

/** A case registered straight in the database (the case record has its own tests): name and address unclear, so no visitor. */
function insertVisit(hall: Hall, ticketId: string | null, letter = 'B'): string {
  const id = ulid();
  visitSeq += 1;
  const categoryCode = hall.core.db.prepare('SELECT code FROM categories ORDER BY code LIMIT 1').pluck().get() as string;
  hall.core.db
    .prepare(
      `INSERT INTO visits (id, site_code, received_on, seq, case_number, ticket_id, visitor_id, identity_unclear, registered_by,
        registered_at, form, people_count, representatives, problem_location, purpose, matter_class, service_id, category_code,
        summary, request, facts_and_reasons, first_time, joint_or_group, receiver)
       VALUES (?, 'DEMO', '2026-11-24', ?, ?, ?, NULL, 1, ?, ?, 'walk_in', 1, NULL, '华富街道', 'seek_resolution', 'appeal_request', ?, ?,
        '概况', '诉求', '', 1, 0, 'petition_department')`,
    )
    .run(id, visitSeq, `DEMO-20261124-${visitSeq}`, ticketId, hall.staffId('1001'), hall.clock.now(), hall.serviceId(letter), categoryCode);
  return id;
}

/** Every event each role receives, in order. */
function recordEvents(hall: Hall) {
  const seen: Array<{ role: string; event: string; data: any }> = [];
  for (const role of ['kiosk', 'display', 'clerk', 'admin'] as const) hall.core.subscribe(role, (event, data) => seen.push({ role, event, data }));
  return {
    of: (role: string) => seen.filter((e) => e.role === role && e.event.startsWith('ratings.')).map(({ event, data }) => ({ event, data })),
  };
}

const requestAt = (hall: Hall, windowNumber: number, extra: Record<string, unknown> = {}) =>
  hall.value('clerk', 'ratings.request', { windowId: hall.windowId(windowNumber), ...extra }).request;
const pending = (hall: Hall, windowNumber: number) => hall.value('kiosk', 'ratings.pending', { windowId: hall.windowId(windowNumber) }).request;
const submit = (hall: Hall, requestId: string, level: number, reasons: string[] = [], language: 'zh-CN' | 'en' = 'zh-CN') =>
  hall.dispatch({ role: 'kiosk', language, sessionId: 'tablet' }, 'ratings.submit', { requestId, level, reasons });
const count = (hall: Hall, table: string) => hall.core.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

/** A desk signed in as another demo clerk. */
function desk(hall: Hall, staffNo: string) {
  const context = { role: 'clerk' as const, language: 'zh-CN' as const, sessionId: `desk-${staffNo}` };
  const resumed = hall.dispatch(context, 'auth.resume', { token: sessionTokenFor(hall.core, hall.clock, staffNo) });
  if (!resumed.ok) throw new Error(resumed.error.code);
  return (method: string, params: unknown) => {
    const reply = hall.dispatch(context, method, params);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
    return reply.value as any;
  };
}

describe('ratings.request', () => {
  it("asks the window's tablet for its current visitor: the ticket number and the signed-in clerk, nothing of the visitor", () => {
    const hall = createTestHall();
    // A kiosk-registered visitor: their name must never reach the tablet.
    hall.value('kiosk', 'kiosk.takeNumber', {
      serviceId: hall.serviceId('A'),
      language: 'zh-CN',
      person: { idNumber: `44030419900215002${checkCharacter('44030419900215002')}`, name: '陈美玲', phone: '13812345678' },
      partySize: 1,
      representatives: null,
      declaredPriority: null,
    });
    const windowId = hall.windowId(1);
    const ticket = hall.value('clerk', 'queue.callNext', { windowId }).ticket;
    const events = recordEvents(hall);

    const request = requestAt(hall, 1);
    expect(request).toEqual({
      id: expect.any(String),
      windowId,
      ticketNumber: ticket.number,
      clerk: { staffNo: '1001', name: '王丽' },
      requestedAt: hall.clock.now(),
    });
    expect(pending(hall, 1)).toEqual(request);
    expect(pending(hall, 2)).toBeNull();
    // Only the tablets (kiosk role) hear it, and only what the contract names.
    expect(events.of('kiosk')).toEqual([{ event: 'ratings.requested', data: { request } }]);
    expect(events.of('display')).toEqual([]);
    expect(events.of('clerk')).toEqual([]);
    expect(JSON.stringify(events.of('kiosk'))).not.toContain('陈美玲');
    const stored = hall.core.db.prepare('SELECT * FROM rating_requests').get() as any;
    expect(stored).toMatchObject({ ticket_id: ticket.id, service_id: hall.serviceId('A'), staff_id: hall.staffId('1001'), state: 'open', service_day: '2026-11-24' });
  });

  it('without a current ticket names no number and no service', () => {
    const hall = createTestHall();
    const request = requestAt(hall, 3);
    expect(request.ticketNumber).toBeNull();
    expect(hall.core.db.prepare('SELECT ticket_id, service_id, visit_id FROM rating_requests').get()).toEqual({ ticket_id: null, service_id: null, visit_id: null });
  });

  it("for a case: the case's ticket and service, whatever the window's current ticket; the current ticket's case joins the rating", () => {
    const hall = createTestHall();
    const earlier = serveTicket(hall, 1, 'A');
    hall.value('clerk', 'queue.finish', { windowId: hall.windowId(1), ticketId: earlier.id });
    const visitId = insertVisit(hall, earlier.id, 'B');
    serveTicket(hall, 1, 'A');

    const request = requestAt(hall, 1, { visitId });
    expect(request.ticketNumber).toBe(earlier.number);
    expect(hall.core.db.prepare('SELECT visit_id, ticket_id, service_id FROM rating_requests WHERE id = ?').get(request.id)).toEqual({
      visit_id: visitId,
      ticket_id: earlier.id,
      service_id: hall.serviceId('B'),
    });

    // Without visitId, the current ticket's case (if one was registered) is the one rated.
    const current = hall.value('clerk', 'queue.windowStatus', { windowId: hall.windowId(1) }).current;
    const currentVisit = insertVisit(hall, current.id, 'A');
    const second = requestAt(hall, 1);
    expect(hall.core.db.prepare('SELECT visit_id FROM rating_requests WHERE id = ?').pluck().get(second.id)).toBe(currentVisit);
  });

  it('replaces the window\'s open request: closed for the tablet, refused if rated after', () => {
    const hall = createTestHall();
    serveTicket(hall, 2, 'C');
    const events = recordEvents(hall);
    const first = requestAt(hall, 2);
    const other = requestAt(hall, 4);
    const second = requestAt(hall, 2);

    expect(events.of('kiosk').map((e) => e.event)).toEqual(['ratings.requested', 'ratings.requested', 'ratings.closed', 'ratings.requested']);
    expect(events.of('kiosk')[2]!.data).toEqual({ windowId: hall.windowId(2), requestId: first.id });
    expect(pending(hall, 2)).toEqual(second);
    expect(pending(hall, 4)).toEqual(other);
    expect(hall.core.db.prepare('SELECT state, closed_at FROM rating_requests WHERE id = ?').get(first.id)).toEqual({ state: 'replaced', closed_at: hall.clock.now() });
    expect(errorOf(submit(hall, first.id, 5))).toMatchObject({ code: 'NOT_FOUND', message: '这次评价已经结束（已超时，或窗口发起了新的评价），无需再提交' });
    expect(count(hall, 'ratings')).toBe(0);
  });

  it('refuses an unknown window or case, a desk not signed in, and the roles that may not ask — writing nothing', () => {
    const hall = createTestHall();
    const unknown = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const failures = [
      hall.call('clerk', 'ratings.request', { windowId: unknown }),
      hall.call('clerk', 'ratings.request', { windowId: hall.windowId(1), visitId: unknown }),
      hall.call('clerk', 'ratings.request', { windowId: 'not-a-ulid' }),
      hall.dispatch({ role: 'clerk', language: 'en', sessionId: 'nobody' }, 'ratings.request', { windowId: hall.windowId(1) }),
      hall.call('kiosk', 'ratings.request', { windowId: hall.windowId(1) }),
      hall.call('admin', 'ratings.request', { windowId: hall.windowId(1) }),
      hall.call('display', 'ratings.pending', { windowId: hall.windowId(1) }),
      hall.call('kiosk', 'ratings.pending', { windowId: unknown }),
    ].map(errorOf);
    expect(failures.map((error) => error?.code)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'VALIDATION_FAILED',
      'NOT_SIGNED_IN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'NOT_FOUND',
    ]);
    expect(failures[0]!.message).toBe('找不到该窗口，请刷新页面后重新选择');
    expect(failures[1]!.message).toBe('找不到这条来访登记');
    expect(count(hall, 'rating_requests')).toBe(0);
  });
});

describe('expiry', () => {
  it('an open request is pending for 15 minutes, then no longer: the tablet goes idle and a rating is refused', () => {
    const hall = createTestHall();
    const request = requestAt(hall, 1);
    (hall.clock as ManualClock).advance(RATING_REQUEST_TTL_MS);
    expect(pending(hall, 1)).toEqual(request);
    (hall.clock as ManualClock).advance(1);
    expect(pending(hall, 1)).toBeNull();
    expect(errorOf(submit(hall, request.id, 4, [], 'en'))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This rating has ended (it timed out, or the window asked again). There is nothing more to submit.',
    });
    expect(count(hall, 'ratings')).toBe(0);
    // The window's next request closes it as replaced.
    requestAt(hall, 1);
    expect(hall.core.db.prepare('SELECT state FROM rating_requests WHERE id = ?').pluck().get(request.id)).toBe('replaced');
  });

  it('a request of an earlier service day has expired, however recent', () => {
    // 23:55 in the hall (Asia/Shanghai); the day resets at midnight.
    const clock = new ManualClock(Date.parse('2026-11-24T15:55:00Z'));
    const hall = createTestHall({ clock });
    const request = requestAt(hall, 1);
    clock.advance(4 * MINUTE);
    expect(pending(hall, 1)).toEqual(request);
    clock.advance(2 * MINUTE);
    expect(pending(hall, 1)).toBeNull();
    expect(errorOf(submit(hall, request.id, 5))?.code).toBe('NOT_FOUND');
  });
});

describe('ratings.submit', () => {
  it('records the rating once: the request is rated, the tablet told it is closed, a second answer refused', () => {
    const hall = createTestHall();
    serveTicket(hall, 1);
    const request = requestAt(hall, 1);
    const events = recordEvents(hall);
    (hall.clock as ManualClock).advance(2 * MINUTE);

    const reply = submit(hall, request.id, 4, ['clarity', 'attitude', 'clarity']);
    expect(reply).toMatchObject({ ok: true, value: {} });
    expect(hall.core.db.prepare('SELECT level, reasons, rated_at FROM ratings').get()).toEqual({
      level: 4,
      reasons: '["attitude","clarity"]',
      rated_at: hall.clock.now(),
    });
    expect(hall.core.db.prepare('SELECT state, closed_at FROM rating_requests').get()).toEqual({ state: 'rated', closed_at: hall.clock.now() });
    expect(events.of('kiosk')).toEqual([{ event: 'ratings.closed', data: { windowId: hall.windowId(1), requestId: request.id } }]);
    expect(pending(hall, 1)).toBeNull();

    const again = errorOf(submit(hall, request.id, 1));
    expect(again).toMatchObject({ code: 'CONFLICT', message: '这次服务已经评价过了，谢谢您' });
    expect(errorOf(submit(hall, request.id, 1, [], 'en'))?.message).toBe('This service has already been rated. Thank you.');
    expect(count(hall, 'ratings')).toBe(1);
  });

  it('refuses a bad level or reason and an unknown request, writing nothing', () => {
    const hall = createTestHall();
    const request = requestAt(hall, 1);
    const failures = [
      submit(hall, request.id, 6),
      submit(hall, request.id, 0),
      submit(hall, request.id, 3.5),
      submit(hall, request.id, 3, ['rude']),
      hall.call('kiosk', 'ratings.submit', { requestId: request.id, level: 3, visitorName: '陈美玲' }),
      submit(hall, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 3),
    ].map(errorOf);
    expect(failures.map((error) => error?.code)).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'NOT_FOUND']);
    expect(count(hall, 'ratings')).toBe(0);
    expect(pending(hall, 1)).toEqual(request);
  });
});

describe('ratings.summary', () => {
  it('counts each level, the satisfied rate and the requests left unanswered, in all, by clerk and by service', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const liMing = desk(hall, '1002');
    const rate = (windowNumber: number, level: number, asked = requestAt(hall, windowNumber)) => {
      expect(submit(hall, asked.id, level).ok).toBe(true);
    };

    // 王丽 at window 1, serving A: 5, 4, 1; one replaced unanswered.
    serveTicket(hall, 1, 'A');
    rate(1, 5);
    rate(1, 4);
    requestAt(hall, 1); // replaced by the next one, never rated
    rate(1, 1);
    // 李明 at window 3, serving D: a 3 and one that expires unanswered; then one still running.
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('D') });
    const ticket = liMing('queue.callNext', { windowId: hall.windowId(3) }).ticket;
    liMing('queue.startServing', { windowId: hall.windowId(3), ticketId: ticket.id });
    rate(3, 3, liMing('ratings.request', { windowId: hall.windowId(3) }).request);
    liMing('ratings.request', { windowId: hall.windowId(3) });
    clock.advance(RATING_REQUEST_TTL_MS + 1); // expired
    // 王丽 at window 2 with no current ticket: counted for her, under no service.
    rate(2, 2);
    requestAt(hall, 4); // still pending: counted nowhere yet

    const summary = hall.value('admin', 'ratings.summary', { from: '2026-11-24', to: '2026-11-24' });
    expect(summary.all).toEqual({ levels: { 5: 1, 4: 1, 3: 1, 2: 1, 1: 1 }, total: 5, satisfiedRate: 3 / 5, unanswered: 2 });
    expect(summary.byClerk).toEqual([
      { staffId: hall.staffId('1001'), staffNo: '1001', name: '王丽', levels: { 5: 1, 4: 1, 3: 0, 2: 1, 1: 1 }, total: 4, satisfiedRate: 0.5, unanswered: 1 },
      { staffId: hall.staffId('1002'), staffNo: '1002', name: '李明', levels: { 5: 0, 4: 0, 3: 1, 2: 0, 1: 0 }, total: 1, satisfiedRate: 1, unanswered: 1 },
    ]);
    expect(summary.byService).toEqual([
      { serviceId: hall.serviceId('A'), levels: { 5: 1, 4: 1, 3: 0, 2: 0, 1: 1 }, total: 3, satisfiedRate: 2 / 3, unanswered: 1 },
      { serviceId: hall.serviceId('D'), levels: { 5: 0, 4: 0, 3: 1, 2: 0, 1: 0 }, total: 1, satisfiedRate: 1, unanswered: 1 },
    ]);

    // The pending one counts as unanswered once it expires; other days count nothing.
    clock.advance(RATING_REQUEST_TTL_MS + 1);
    expect(hall.value('admin', 'ratings.summary', { from: '2026-11-24', to: '2026-11-24' }).all.unanswered).toBe(3);
    const empty = hall.value('admin', 'ratings.summary', { from: '2026-11-25', to: '2026-12-31' });
    expect(empty).toEqual({ all: { levels: { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 }, total: 0, satisfiedRate: null, unanswered: 0 }, byClerk: [], byService: [] });
  });

  it("a clerk sees today's only; a range must be in order and at most 366 days", () => {
    const hall = createTestHall();
    expect(hall.value('clerk', 'ratings.summary', { from: '2026-11-24', to: '2026-11-24' }).all.total).toBe(0);
    const failures = [
      hall.call('clerk', 'ratings.summary', { from: '2026-11-23', to: '2026-11-24' }),
      hall.call('admin', 'ratings.summary', { from: '2026-11-25', to: '2026-11-24' }),
      hall.call('admin', 'ratings.summary', { from: '2025-01-01', to: '2026-11-24' }),
      hall.call('kiosk', 'ratings.summary', { from: '2026-11-24', to: '2026-11-24' }),
    ].map(errorOf);
    expect(failures.map((error) => error?.code)).toEqual(['FORBIDDEN', 'VALIDATION_FAILED', 'RANGE_TOO_LONG', 'FORBIDDEN']);
    expect(failures[0]!.message).toBe('窗口工作人员只能查看当天的统计');
  });
});
