import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/ports';
import { CoreLink } from './core-link';
import type { CorePushMessage, CoreRequestMessage } from './core-protocol';

function setup(timeoutMs = 1000) {
  const pushes: CorePushMessage[] = [];
  const link = new CoreLink({ timeoutMs, logger: silentLogger, onPush: (push) => pushes.push(push) });
  const posted: CoreRequestMessage[] = [];
  const port = { postMessage: (message: CoreRequestMessage) => void posted.push(message) };
  /** Answers a posted request the way the core process would. */
  const answer = (message: CoreRequestMessage, value: unknown = 'done') =>
    link.receive({ kind: 'reply', callId: message.callId, windowId: message.windowId, reply: { id: (message.request as { id: number }).id, ok: true, value } });
  return { link, port, posted, pushes, answer };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('core link (main process side)', () => {
  it("sends a window's request with main's role and resolves with the matching reply", async () => {
    const { link, port, posted, answer } = setup();
    link.attach(port);
    const first = link.request(11, 'clerk', 'en', { id: 1, method: 'hall.info' });
    const second = link.request(12, 'kiosk', 'zh-HK', { id: 1, method: 'hall.info' }); // same envelope id, other window
    expect(posted).toEqual([
      { kind: 'request', callId: expect.any(Number), windowId: 11, role: 'clerk', language: 'en', request: { id: 1, method: 'hall.info' } },
      { kind: 'request', callId: expect.any(Number), windowId: 12, role: 'kiosk', language: 'zh-HK', request: { id: 1, method: 'hall.info' } },
    ]);
    expect(posted[0]!.callId).not.toBe(posted[1]!.callId);
    answer(posted[1]!, 'for the kiosk');
    answer(posted[0]!, 'for the clerk');
    await expect(first).resolves.toEqual({ id: 1, ok: true, value: 'for the clerk' });
    await expect(second).resolves.toEqual({ id: 1, ok: true, value: 'for the kiosk' });
    expect(link.pendingCount).toBe(0);
  });

  it('answers UNAVAILABLE, in the caller language, when the core does not reply in time; a late reply is ignored', async () => {
    const { link, port, posted, answer } = setup(1000);
    link.attach(port);
    const reply = link.request(1, 'clerk', 'en', { id: 'a', method: 'hall.info' });
    vi.advanceTimersByTime(999);
    expect(link.pendingCount).toBe(1);
    vi.advanceTimersByTime(1);
    await expect(reply).resolves.toEqual({
      id: 'a',
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'The service is unavailable. Please try again shortly.' },
    });
    expect(() => answer(posted[0]!)).not.toThrow();
    expect(link.pendingCount).toBe(0);
  });

  it('answers everything in flight with UNAVAILABLE at once when the core process dies', async () => {
    const { link, port } = setup(60_000);
    link.attach(port);
    const replies = [link.request(1, 'clerk', 'zh-CN', { id: 1, method: 'x' }), link.request(2, 'kiosk', 'zh-CN', 'not an envelope')];
    link.detach();
    const settled = await Promise.all(replies);
    expect(settled.map((reply) => (reply.ok ? 'ok' : reply.error.code))).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);
    expect(settled.map((reply) => reply.id)).toEqual([1, null]);
  });

  it('holds requests made while the core (re)starts and sends them once it is attached', async () => {
    const { link, port, posted, answer } = setup(5000);
    const reply = link.request(3, 'display', 'en', { id: 9, method: 'queue.displayState' });
    vi.advanceTimersByTime(1000);
    expect(posted).toEqual([]);
    link.attach(port);
    expect(posted).toHaveLength(1);
    answer(posted[0]!);
    await expect(reply).resolves.toMatchObject({ id: 9, ok: true });
  });

  it('forgets a held request that timed out, so it is not sent late', async () => {
    const { link, port, posted } = setup(1000);
    const reply = link.request(3, 'display', 'en', { id: 9, method: 'queue.displayState' });
    vi.advanceTimersByTime(1000);
    await expect(reply).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    link.attach(port);
    expect(posted).toEqual([]);
  });

  it('answers BAD_REQUEST when a request cannot be sent to the core', async () => {
    const { link } = setup();
    link.attach({
      postMessage() {
        throw new Error('could not be cloned');
      },
    });
    await expect(link.request(1, 'clerk', 'en', { id: 2, method: 'hall.info' })).resolves.toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('hands pushes on and drops malformed messages from the core', () => {
    const { link, pushes } = setup();
    link.receive({ kind: 'push', role: 'display', event: 'queue.ticketCalled', data: { number: 'A001' } });
    link.receive({ kind: 'push', role: 'root', event: 'x', data: 1 });
    link.receive({ kind: 'reply', callId: 'x' });
    link.receive('nonsense');
    link.receive({ kind: 'ready' });
    expect(pushes).toEqual([{ kind: 'push', role: 'display', event: 'queue.ticketCalled', data: { number: 'A001' } }]);
  });

  it('tells the pages when the core is ready and when it is gone, so they refetch their state', () => {
    const statuses: string[] = [];
    const link = new CoreLink({ timeoutMs: 1000, logger: silentLogger, onPush: () => {}, onStatus: (status) => statuses.push(status) });
    link.attach({ postMessage: () => {} });
    link.receive({ kind: 'ready' });
    link.detach();
    link.attach({ postMessage: () => {} });
    link.receive({ kind: 'ready' });
    expect(statuses).toEqual(['open', 'connecting', 'open']);
  });
});
