import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createFirstAdmin, NOT_SIGNED_IN, startTestHost, type TestHost } from '../support/hall-host';

// A new real hall (not the demo): no staff at all until the first administrator is made with the setup code.
let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({ demo: false });
});
afterAll(async () => {
  await host?.stop();
});

const text = (value: string) => ({ 'zh-CN': value, 'zh-HK': value, en: value });
const admin = async (method: string, params: unknown) => {
  const reply = await api(host.url, 'admin', method, params);
  if (!reply.body.ok) throw new Error(`${method}: ${reply.body.error.code}`);
  return reply.body.value;
};

describe('staff management over HTTP', () => {
  it('an admin creates a clerk and sets a password; the clerk signs in with a bearer token and calls next', async () => {
    // Nobody signed in: the admin page's methods are refused; the setup code makes the first administrator.
    expect((await api(host.url, 'admin', 'staff.list', {}, NOT_SIGNED_IN)).status).toBe(401);
    expect((await api(host.url, 'admin', 'auth.setupStatus', {})).body.value).toEqual({ needed: true });
    await createFirstAdmin(host, { staffNo: 'A01', name: '林主任', password: 'lin-zhuren-2026' });
    expect((await api(host.url, 'admin', 'auth.setupStatus', {})).body.value).toEqual({ needed: false });
    expect((await admin('staff.list', {})).staff.map((s: { staffNo: string }) => s.staffNo)).toEqual(['A01']);
    const service = await admin('hall.saveService', {
      letter: 'A',
      name: text('投诉建议'),
      description: text('投诉和建议'),
      openFrom: null,
      openUntil: null,
      dailyCapacity: null,
    });
    const hallWindow = await admin('hall.saveWindow', { number: 1, name: text('1号窗口'), location: text(''), services: [{ serviceId: service.id, tier: 1 }] });

    const clerk = await admin('staff.save', { staffNo: '2001', name: '赵新', role: 'clerk' });
    expect(clerk).toMatchObject({ staffNo: '2001', hasPassword: false });
    const weak = await api(host.url, 'admin', 'staff.setPassword', { id: clerk.id, password: '2001' });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'WEAK_PASSWORD', message: '密码至少需要 8 个字符' });
    const duplicate = await api(host.url, 'admin', 'staff.save', { staffNo: '2001', name: '另一个', role: 'clerk' });
    expect(duplicate.status).toBe(409);
    expect(await admin('staff.setPassword', { id: clerk.id, password: 'zhao-xin-2026' })).toMatchObject({ hasPassword: true });

    const signIn = await api(host.url, 'clerk', 'auth.signIn', { staffNo: '2001', password: 'zhao-xin-2026' });
    expect(signIn.body.value.staff).toEqual({ id: clerk.id, staffNo: '2001', name: '赵新', role: 'clerk' });
    const bearer = { Authorization: `Bearer ${signIn.body.value.token}` };

    const ticket = (await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: service.id })).body.value.ticket;
    expect((await api(host.url, 'clerk', 'queue.setWindowState', { windowId: hallWindow.id, state: 'open' }, bearer)).body.ok).toBe(true);
    const called = await api(host.url, 'clerk', 'queue.callNext', { windowId: hallWindow.id }, bearer);
    expect(called.body.value.ticket).toMatchObject({ id: ticket.id, number: 'A001' });
    // The call is logged with who made it.
    expect(host.core.db.prepare("SELECT staff_id FROM ticket_events WHERE ticket_id = ? AND kind = 'called'").pluck().get(ticket.id)).toBe(clerk.id);

    // Disabled: the same token is refused at once.
    await admin('staff.setActive', { id: clerk.id, active: false });
    const refused = await api(host.url, 'clerk', 'queue.windowStatus', { windowId: hallWindow.id }, bearer);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('NOT_SIGNED_IN');
  });
});
