import { describe, expect, it } from 'vitest';
import { createTestHall } from '../testing/test-core';

describe('dispatcher', () => {
  it('answers a valid call with the value', () => {
    const hall = createTestHall();
    const reply = hall.call('kiosk', 'hall.info', {});
    expect(reply.ok).toBe(true);
    expect(reply.id).toBeTypeOf('number');
  });

  it('refuses a role the method does not name, in the caller language', () => {
    const hall = createTestHall();
    const reply = hall.call('display', 'queue.callNext', { windowId: hall.windowId(1) }, 'en');
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'This terminal may not use this function' } });
    const zh = hall.call('kiosk', 'queue.finish', { windowId: hall.windowId(1), ticketId: hall.windowId(1) });
    expect(zh).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '当前终端无权使用此功能' } });
  });

  it('returns NOT_FOUND for an unknown method, naming it', () => {
    const hall = createTestHall();
    const reply = hall.call('admin', 'queue.dropTables', {}, 'en');
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no function named queue.dropTables' } });
  });

  it('returns VALIDATION_FAILED with the zod issues and changes nothing', () => {
    const hall = createTestHall();
    const reply = hall.call('kiosk', 'queue.issueTicket', { serviceId: 42, extra: true });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('VALIDATION_FAILED');
    expect(reply.error.message).toBe('提交的内容有误，请检查：serviceId, extra');
    const issues = (reply.error.details as { issues: Array<{ path: unknown[] }> }).issues;
    expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining([['serviceId']]));
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
  });

  it('answers a malformed envelope with BAD_REQUEST instead of throwing', () => {
    const hall = createTestHall();
    for (const raw of [null, 'text', 42, { method: 'hall.info' }, { id: {}, method: 'hall.info' }]) {
      const reply = hall.core.dispatch(raw, { role: 'admin', language: 'zh-CN', sessionId: 's' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('turns an unexpected failure into INTERNAL without leaking it', () => {
    const hall = createTestHall();
    hall.core.db.exec('DROP TABLE ticket_events');
    const reply = hall.call('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }, 'en');
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!reply.ok) expect(reply.error.message).not.toMatch(/ticket_events/);
    // The failed call was rolled back: no half-written ticket.
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
  });
});
