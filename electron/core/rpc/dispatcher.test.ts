import { describe, expect, it } from 'vitest';
import { rpcReplySchema } from '../../../shared/contract';
import { createTestHall } from '../testing/test-core';
import { MAX_REPORTED_ISSUES } from './dispatcher';

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

  it('echoes the id of a malformed envelope only when it is a well-formed id', () => {
    // Found by the contract fuzzer: an id of 1e300 or a megabyte of text came back in a
    // reply that was itself no valid envelope.
    const hall = createTestHall();
    const replyTo = (raw: unknown) => hall.core.dispatch(raw, { role: 'admin', language: 'zh-CN', sessionId: 's' });
    for (const id of [1e300, Number.MAX_SAFE_INTEGER + 2, 1.5, '', 'i'.repeat(65), 'i'.repeat(1024 * 1024)]) {
      const reply = replyTo({ id, method: 5 });
      expect(reply).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST' } });
      expect(rpcReplySchema.safeParse(reply).success).toBe(true);
    }
    expect(replyTo({ id: 'r1', method: 5 })).toMatchObject({ id: 'r1', error: { code: 'BAD_REQUEST' } });
    expect(replyTo({ id: 7, params: {} })).toMatchObject({ id: 7, error: { code: 'BAD_REQUEST' } });
  });

  it('reports at most MAX_REPORTED_ISSUES issues and fields, however many the params have', () => {
    // Found by the contract fuzzer: 100,000 bad items were answered with 100,000 issues.
    const hall = createTestHall();
    const manyKeys = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    const reply = hall.call('kiosk', 'queue.issueTicket', { serviceId: 42, ...manyKeys }, 'en');
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('VALIDATION_FAILED');
    expect((reply.error.details as { issues: unknown[] }).issues.length).toBeLessThanOrEqual(MAX_REPORTED_ISSUES);
    expect(reply.error.message.split(', ')).toHaveLength(MAX_REPORTED_ISSUES);
    expect(JSON.stringify(reply).length).toBeLessThan(JSON.stringify(manyKeys).length * 2);
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
