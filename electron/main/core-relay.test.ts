import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/contract';
import { createHallCore, type HallCore } from '../core/core';
import { silentLogger, systemClock } from '../core/ports';
import { sessionTokenFor } from '../core/testing/test-core';
import type { CoreMessage, CorePushMessage, CoreReplyMessage } from './core-protocol';
import { startCoreRelay, type RelayPort } from './core-relay';

/** parentPort as the relay sees it: main's messages go in with `send`, the relay's come out in `sent`. */
class FakePort implements RelayPort {
  readonly sent: CoreMessage[] = [];
  private listener: ((data: unknown) => void) | null = null;
  onMessage(listener: (data: unknown) => void): void {
    this.listener = listener;
  }
  postMessage(message: CoreMessage): void {
    this.sent.push(structuredClone(message)); // what really crosses a process boundary
  }
  send(data: unknown): void {
    this.listener?.(data);
  }
  replies(): CoreReplyMessage[] {
    return this.sent.filter((message): message is CoreReplyMessage => message.kind === 'reply');
  }
  pushes(): CorePushMessage[] {
    return this.sent.filter((message): message is CorePushMessage => message.kind === 'push');
  }
}

let core: HallCore | null = null;
afterEach(() => core?.close());

function relay() {
  core = createHallCore({ dataDir: ':memory:', demo: true });
  const port = new FakePort();
  const stop = startCoreRelay(core, port, silentLogger);
  let callId = 0;
  const request = (role: Role, method: string, params: unknown = {}, windowId = 7) => {
    port.send({ kind: 'request', callId: ++callId, windowId, role, language: 'en', request: { id: `r${callId}`, method, params } });
    const reply = port.replies().find((message) => message.callId === callId);
    if (!reply) throw new Error(`no reply to call ${callId}`);
    return reply;
  };
  /** Signs the window in as demo clerk 1001, as its page does after a (re)connection. */
  const signIn = (windowId = 7) => {
    const reply = request('clerk', 'auth.resume', { token: sessionTokenFor(core!, systemClock, '1001') }, windowId).reply;
    if (!reply.ok) throw new Error(reply.error.code);
  };
  return { port, stop, request, signIn };
}

describe('core relay (utility process side)', () => {
  it('answers a request with the core reply, carrying callId, windowId and the envelope id back', () => {
    const { request } = relay();
    const reply = request('kiosk', 'hall.info', {}, 42);
    expect(reply).toMatchObject({ kind: 'reply', windowId: 42, reply: { id: 'r1', ok: true } });
    expect((reply.reply as { value: { services: unknown[] } }).value.services.length).toBeGreaterThan(0);
  });

  it("applies the role main sent: the core refuses a kiosk calling a clerk's method", () => {
    const { request, signIn } = relay();
    const windowId = (request('clerk', 'hall.info').reply as { value: { windows: { id: string }[] } }).value.windows[0]!.id;
    signIn();
    expect(request('kiosk', 'queue.callNext', { windowId }).reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(request('clerk', 'queue.callNext', { windowId }).reply).toMatchObject({ ok: true, value: { ticket: null } });
  });

  it('keeps a sign-in to the window it was made in', () => {
    const { request, signIn } = relay();
    const windowId = (request('clerk', 'hall.info').reply as { value: { windows: { id: string }[] } }).value.windows[0]!.id;
    signIn(7);
    expect(request('clerk', 'auth.whoAmI', {}, 7).reply).toMatchObject({ ok: true, value: { staff: { staffNo: '1001' } } });
    expect(request('clerk', 'queue.callNext', { windowId }, 8).reply).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(request('clerk', 'auth.whoAmI', {}, 8).reply).toMatchObject({ ok: true, value: { staff: null } });
  });

  it('answers a malformed message that has a callId with BAD_REQUEST, and goes on working', () => {
    const { port, request } = relay();
    port.send({ kind: 'request', callId: 900, windowId: 3, role: 'superuser', language: 'en', request: { id: 5, method: 'hall.info' } });
    port.send({ kind: 'request', callId: 901, role: 'kiosk', language: 'en' });
    port.send({ kind: 'request', callId: 902, windowId: 3, role: 'kiosk', language: 'klingon', request: { id: 6, method: 'hall.info' } });
    const bad = port.replies();
    expect(bad.map((message) => message.callId)).toEqual([900, 901, 902]);
    for (const message of bad) expect(message.reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
    expect(bad[0]).toMatchObject({ windowId: 3, reply: { id: 5, error: { message: 'The request is malformed' } } });
    expect(bad[1]).toMatchObject({ windowId: -1, reply: { id: null } });
    expect(request('kiosk', 'hall.info').reply.ok).toBe(true);
  });

  it('drops what it cannot answer without throwing', () => {
    const { port, request } = relay();
    for (const junk of [undefined, null, 'hello', 42, [], { kind: 'request' }, { callId: -1 }, { callId: 1.5 }, { kind: 'push', role: 'kiosk' }]) {
      expect(() => port.send(junk)).not.toThrow();
    }
    expect(port.sent).toEqual([]);
    expect(request('display', 'queue.displayState').reply.ok).toBe(true);
  });

  it('passes a malformed envelope to the core, which answers BAD_REQUEST', () => {
    const { port } = relay();
    port.send({ kind: 'request', callId: 5, windowId: 1, role: 'clerk', language: 'zh-CN', request: { method: 'hall.info' } });
    expect(port.replies()[0]).toMatchObject({ callId: 5, reply: { id: null, ok: false, error: { code: 'BAD_REQUEST' } } });
  });

  it('pushes each event to the roles of its audience only', async () => {
    const { port, request, signIn } = relay();
    const info = request('clerk', 'hall.info').reply as {
      value: { services: { id: string; letter: string }[]; windows: { id: string; number: number }[] };
    };
    const serviceId = info.value.services.find((service) => service.letter === 'A')!.id;
    const windowId = info.value.windows.find((window) => window.number === 1)!.id; // serves A

    request('kiosk', 'queue.issueTicket', { serviceId });
    await new Promise((resolve) => setImmediate(resolve)); // waiting counts follow each burst of changes
    const waiting = port.pushes().filter((push) => push.event === 'queue.waitingChanged');
    expect(waiting.map((push) => push.role).sort()).toEqual(['admin', 'clerk', 'display', 'kiosk']);

    signIn();
    port.sent.length = 0;
    request('clerk', 'queue.callNext', { windowId });
    const called = port.pushes().filter((push) => push.event === 'queue.ticketCalled');
    expect(called.map((push) => push.role).sort()).toEqual(['admin', 'clerk', 'display']);
    expect(called[0]!.data).toMatchObject({ number: 'A001', windowNumber: 1 });
  });

  it('stops pushing once stopped', async () => {
    const { port, request, stop } = relay();
    const serviceId = (request('kiosk', 'hall.info').reply as { value: { services: { id: string }[] } }).value.services[0]!.id;
    stop();
    port.sent.length = 0;
    request('kiosk', 'queue.issueTicket', { serviceId });
    await new Promise((resolve) => setImmediate(resolve));
    expect(port.pushes()).toEqual([]);
  });
});
