import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../../electron/core/hall/demo-seed';
import { MAX_BODY_BYTES } from '../../electron/server/hall-server';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';

let host: TestHost;
let serviceA: string;
let windowIds: Record<number, string>;
/** A demo clerk signed in over HTTP: the Authorization header for their requests. */
let clerk: Record<string, string>;

beforeAll(async () => {
  host = await startTestHost();
  const info = (await api(host.url, 'admin', 'hall.info', {})).body.value;
  serviceA = info.services.find((s: { letter: string }) => s.letter === 'A').id;
  windowIds = Object.fromEntries(info.windows.map((w: { number: number; id: string }) => [w.number, w.id]));
  clerk = await signInHeaders(host.url, '1004');
});
afterAll(async () => {
  await host?.stop();
});

const ticketCount = () => host.core.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;

/** A WebSocket session as a role; collects pushes; `call` sends one envelope and awaits its reply. */
async function openSession(role: string, lang = 'zh-CN') {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}/ws?role=${role}&lang=${lang}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pushes: Array<{ event: string; data: any }> = [];
  const waiting = new Map<unknown, (reply: any) => void>();
  const orphans: any[] = [];
  ws.on('message', (raw) => {
    const message = JSON.parse(raw.toString());
    if ('event' in message) pushes.push(message);
    else if (waiting.has(message.id)) waiting.get(message.id)!(message);
    else orphans.push(message);
  });
  let id = 0;
  return {
    ws,
    pushes,
    orphans,
    call(method: string, params: unknown): Promise<any> {
      const requestId = `r${++id}`;
      return new Promise((resolve) => {
        waiting.set(requestId, resolve);
        ws.send(JSON.stringify({ id: requestId, method, params }));
      });
    },
    close: () => ws.close(),
  };
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('HTTP mirror: POST /api/<method>', () => {
  it('answers a valid call', async () => {
    const reply = await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: serviceA });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, value: { ticket: { number: expect.stringMatching(/^A\d{3}$/) } } });
  });

  it('returns VALIDATION_FAILED with the zod issues, in the caller language, and writes nothing', async () => {
    const before = ticketCount();
    const reply = await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: 'not-a-ulid' }, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.message).toMatch(/^Some of what was sent is not valid/);
    expect(reply.body.error.details.issues[0].path).toEqual(['serviceId']);
    expect(ticketCount()).toBe(before);
  });

  it('returns NOT_FOUND for an unknown method', async () => {
    const reply = await api(host.url, 'admin', 'queue.nope', {});
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatchObject({ code: 'NOT_FOUND', message: '没有名为 queue.nope 的功能' });
  });

  it('returns FORBIDDEN for a role the method does not allow, and for no role at all', async () => {
    const wrongRole = await api(host.url, 'display', 'queue.callNext', { windowId: windowIds[1] });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.code).toBe('FORBIDDEN');
    const noRole = await api(host.url, null, 'hall.info', {});
    expect(noRole.status).toBe(403);
    const madeUp = await api(host.url, 'superuser', 'hall.info', {});
    expect(madeUp.status).toBe(403);
  });

  it('refuses malformed JSON, the wrong content type, other sites and oversized bodies', async () => {
    const badJson = await fetch(`${host.url}/api/hall.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hall-Role': 'admin' },
      body: '{"oops": ',
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as any).error.code).toBe('BAD_REQUEST');

    const form = await fetch(`${host.url}/api/hall.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Hall-Role': 'admin' },
      body: '{}',
    });
    expect(form.status).toBe(403);

    const crossSite = await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: serviceA }, { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);

    const huge = await fetch(`${host.url}/api/hall.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hall-Role': 'admin' },
      body: JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(huge.status).toBe(413);

    const get = await fetch(`${host.url}/api/hall.info`);
    expect(get.status).toBe(405);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const port = new URL(host.url).port;
      request({ host: '127.0.0.1', port, path: '/healthz', headers: { Host: `attacker.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('answers a method name with a stray percent sign as an unknown method', async () => {
    const reply = await api(host.url, 'admin', 'hall.%E0%A4%A', {});
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('NOT_FOUND');
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${host.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('serves the role pages with a strict content security policy', async () => {
    const response = await fetch(`${host.url}/display`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('three windows calling over HTTP at once each get a different ticket, and all are called', async () => {
    // (The truly parallel race, three processes on one database, is in call-race.test.ts.)
    // Empty the windows and the queue first, then 60 tickets of A.
    for (const number of [1, 2, 4]) {
      const status = (await api(host.url, 'clerk', 'queue.windowStatus', { windowId: windowIds[number] }, clerk)).body.value;
      if (status.current) await api(host.url, 'clerk', 'queue.finish', { windowId: windowIds[number], ticketId: status.current.id }, clerk);
    }
    host.core.db.prepare("UPDATE tickets SET status = 'cancelled' WHERE status = 'waiting'").run();
    const issued = new Set<string>();
    for (let i = 0; i < 60; i++) issued.add((await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: serviceA })).body.value.ticket.id);

    const calledBy = async (windowId: string): Promise<string[]> => {
      const called: string[] = [];
      for (;;) {
        const reply = (await api(host.url, 'clerk', 'queue.callNext', { windowId }, clerk)).body;
        expect(reply.ok).toBe(true);
        if (!reply.value.ticket) return called;
        called.push(reply.value.ticket.id);
        await api(host.url, 'clerk', 'queue.finish', { windowId, ticketId: reply.value.ticket.id }, clerk);
      }
    };
    const results = await Promise.all([1, 2, 4].map((number) => calledBy(windowIds[number]!)));
    const all = results.flat();
    expect(all).toHaveLength(issued.size);
    expect(new Set(all)).toEqual(issued);
  });
});

describe('signing in', () => {
  it('over WebSocket: the connection is signed in until it closes; a new one resumes with the token', async () => {
    await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: serviceA });
    const desk = await openSession('clerk', 'en');
    const refused = await desk.call('queue.callNext', { windowId: windowIds[2] });
    expect(refused.error).toMatchObject({ code: 'NOT_SIGNED_IN', message: 'Please sign in first' });

    const wrong = await desk.call('auth.signIn', { staffNo: '1002', password: 'not-it' });
    expect(wrong.error).toMatchObject({ code: 'SIGN_IN_FAILED', message: 'Wrong staff number or password' });
    const signedIn = await desk.call('auth.signIn', { staffNo: '1002', password: DEMO_PASSWORD });
    expect(signedIn.value.staff).toMatchObject({ staffNo: '1002', name: '李明', role: 'clerk' });
    const status = await desk.call('queue.windowStatus', { windowId: windowIds[2] });
    if (status.value.current) await desk.call('queue.finish', { windowId: windowIds[2], ticketId: status.value.current.id });
    const called = await desk.call('queue.callNext', { windowId: windowIds[2] });
    expect(called.ok).toBe(true);
    const staffNo = host.core.db
      .prepare("SELECT s.staff_no FROM ticket_events e JOIN staff s ON s.id = e.staff_id WHERE e.ticket_id = ? AND e.kind = 'called'")
      .pluck()
      .get(called.value.ticket.id);
    expect(staffNo).toBe('1002');

    // Another connection of the same page (a reload) is not signed in until it resumes.
    const reloaded = await openSession('clerk');
    expect((await reloaded.call('auth.whoAmI', {})).value).toEqual({ staff: null });
    expect((await reloaded.call('auth.resume', { token: signedIn.value.token })).value.staff.staffNo).toBe('1002');
    expect((await reloaded.call('queue.windowStatus', { windowId: windowIds[2] })).ok).toBe(true);
    desk.close();
    reloaded.close();
  });

  it('over HTTP: a bearer token signs each request in; without one, or once revoked, a clerk is refused', async () => {
    const noToken = await api(host.url, 'clerk', 'queue.windowStatus', { windowId: windowIds[3] }, { 'Accept-Language': 'zh-HK' });
    expect(noToken.status).toBe(401);
    expect(noToken.body.error).toMatchObject({ code: 'NOT_SIGNED_IN', message: '請先登入' });

    const headers = await signInHeaders(host.url, '1003');
    const whoAmI = await api(host.url, 'clerk', 'auth.whoAmI', {}, headers);
    expect(whoAmI.body.value.staff).toMatchObject({ staffNo: '1003', name: '张伟' });
    // A sign-in over HTTP binds nothing: the next request without the token is on its own.
    expect((await api(host.url, 'clerk', 'auth.whoAmI', {})).body.value).toEqual({ staff: null });
    expect((await api(host.url, 'clerk', 'queue.windowStatus', { windowId: windowIds[3] }, headers)).status).toBe(200);

    expect((await api(host.url, 'clerk', 'auth.signOut', {}, headers)).status).toBe(200);
    const revoked = await api(host.url, 'clerk', 'queue.windowStatus', { windowId: windowIds[3] }, headers);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('NOT_SIGNED_IN');
    const resumed = await api(host.url, 'clerk', 'auth.resume', { token: headers.Authorization!.slice('Bearer '.length) });
    expect(resumed.body.error.code).toBe('NOT_SIGNED_IN');

    const forged = await api(host.url, 'clerk', 'queue.callNext', { windowId: windowIds[3] }, { Authorization: `Bearer ${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
  });

  it('over HTTP: a wrong password and an unknown staff number get the same 401', async () => {
    const wrong = await api(host.url, 'clerk', 'auth.signIn', { staffNo: '1001', password: 'nope' });
    const unknown = await api(host.url, 'clerk', 'auth.signIn', { staffNo: '7777', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('WebSocket transport', () => {
  it('answers calls and pushes a call to the display', async () => {
    const display = await openSession('display');
    const clerk = await openSession('clerk');
    const kiosk = await openSession('kiosk');
    expect((await clerk.call('auth.signIn', { staffNo: '1001', password: DEMO_PASSWORD })).ok).toBe(true);
    const issued = await kiosk.call('queue.issueTicket', { serviceId: serviceA });
    expect(issued.ok).toBe(true);
    const status = await clerk.call('queue.windowStatus', { windowId: windowIds[4] });
    if (status.value.current) await clerk.call('queue.finish', { windowId: windowIds[4], ticketId: status.value.current.id });
    const called = await clerk.call('queue.callNext', { windowId: windowIds[4] });
    expect(called.ok).toBe(true);
    await until(() => display.pushes.some((push) => push.event === 'queue.ticketCalled' && push.data.ticketId === called.value.ticket.id));
    const push = display.pushes.find((p) => p.event === 'queue.ticketCalled')!;
    expect(Object.keys(push.data).sort()).toEqual(['calledAt', 'number', 'recall', 'serviceId', 'ticketId', 'windowId', 'windowNumber']);
    // The kiosk is not in the call's audience.
    await until(() => kiosk.pushes.some((p) => p.event === 'queue.waitingChanged'));
    expect(kiosk.pushes.some((p) => p.event === 'queue.ticketCalled')).toBe(false);
    for (const session of [display, clerk, kiosk]) session.close();
  });

  it('returns VALIDATION_FAILED, NOT_FOUND and FORBIDDEN as typed errors in the session language', async () => {
    const kiosk = await openSession('kiosk', 'en');
    const invalid = await kiosk.call('queue.issueTicket', { serviceId: 7 });
    expect(invalid.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.error.details.issues[0].path).toEqual(['serviceId']);
    const unknown = await kiosk.call('queue.teleport', {});
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: 'There is no function named queue.teleport' });
    const forbidden = await kiosk.call('queue.callNext', { windowId: windowIds[1] });
    expect(forbidden.error).toMatchObject({ code: 'FORBIDDEN', message: 'This terminal may not use this function' });
    kiosk.close();
  });

  it('answers garbage with BAD_REQUEST and keeps serving', async () => {
    const session = await openSession('admin');
    session.ws.send('this is not json');
    session.ws.send(JSON.stringify({ method: 'hall.info' }));
    session.ws.send(Buffer.from([0xff, 0x00, 0x13]), { binary: true });
    await until(() => session.orphans.length === 3);
    expect(session.orphans.every((reply) => reply.ok === false && reply.error.code === 'BAD_REQUEST' && reply.id === null)).toBe(true);
    const info = await session.call('hall.info', {});
    expect(info.ok).toBe(true);
    session.close();
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
  });

  it('drops a connection that sends an oversized frame, and keeps serving everyone else', async () => {
    const session = await openSession('kiosk');
    const closed = new Promise<number>((resolve) => session.ws.once('close', (code) => resolve(code)));
    session.ws.send('x'.repeat(MAX_BODY_BYTES + 1));
    expect(await closed).toBeGreaterThan(1000);
    const other = await openSession('kiosk');
    expect((await other.call('hall.info', {})).ok).toBe(true);
    other.close();
  });

  it('refuses a connection without a valid role or from another site', async () => {
    const refused = (url: string, headers: Record<string, string> = {}) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.once('open', () => {
          ws.close();
          resolve(false);
        });
        ws.once('error', () => resolve(true));
      });
    const base = host.url.replace('http', 'ws');
    expect(await refused(`${base}/ws`)).toBe(true);
    expect(await refused(`${base}/ws?role=root`)).toBe(true);
    expect(await refused(`${base}/ws?role=display`, { Origin: 'https://evil.example' })).toBe(true);
    expect(await refused(`${base}/elsewhere?role=display`)).toBe(true);
  });
});
