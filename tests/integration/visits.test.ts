import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/resident-id';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';

const ID_NUMBER = (() => {
  const first17 = '44030419820303004';
  return first17 + checkCharacter(first17);
})();
const PHONE = '13900002222';

describe('the case record over HTTP', () => {
  let host: TestHost;
  let clerk: Record<string, string>;
  let serviceA: string;

  beforeAll(async () => {
    host = await startTestHost();
    clerk = await signInHeaders(host.url);
    const info = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
    serviceA = info.services.find((s: { letter: string }) => s.letter === 'A').id;
  });
  afterAll(async () => {
    await host?.stop();
  });

  const caseOf = (ticketId: string, extra: Record<string, unknown> = {}) => ({
    ticketId,
    serviceId: serviceA,
    peopleCount: 1,
    address: '深圳市光明区公明街道上村社区振明路8号',
    problemLocationCode: 'gongming-shangcun',
    purpose: 'opinion_suggestion',
    matterClass: 'suggestion_opinion',
    categoryCode: '020101',
    summary: '建议小区增设充电桩',
    request: '在地下车库增设电动车充电桩',
    firstTime: true,
    jointOrGroup: false,
    ...extra,
  });

  it('a signed-in clerk registers a case from a kiosk ticket and reads it back, the visitor masked', async () => {
    const taken = await api(host.url, 'kiosk', 'kiosk.takeNumber', {
      serviceId: serviceA,
      language: 'zh-CN',
      person: { idNumber: ID_NUMBER, name: '赵敏', phone: PHONE },
      partySize: 1,
      representatives: null,
      declaredPriority: null,
    });
    expect(taken.status).toBe(200);
    const created = await api(host.url, 'clerk', 'visits.create', caseOf(taken.body.value.ticket.id), clerk);
    expect(created.status).toBe(200);
    const visit = created.body.value.visit;
    expect(visit.caseNumber).toMatch(/^DEMO-\d{8}-001$/);
    expect(visit).toMatchObject({ visitor: { name: '赵敏', phoneMasked: '139****2222' }, registeredBy: { staffNo: '1001' }, timeline: [{ event: { type: 'received' } }] });
    expect(visit.deadlines).toEqual([expect.objectContaining({ kind: 'referral', status: { state: 'open', daysLeft: expect.any(Number) } })]);

    const read = await api(host.url, 'clerk', 'visits.get', { id: visit.id }, clerk);
    expect(read).toMatchObject({ status: 200, body: { ok: true, value: { visit } } });
    for (const body of [created.body, read.body]) {
      expect(JSON.stringify(body)).not.toContain(ID_NUMBER);
      expect(JSON.stringify(body)).not.toContain(PHONE);
    }
  });

  it('refuses a bad case with 400 and its specific error, and a desk not signed in with 401', async () => {
    const ticket = (await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: serviceA })).body.value.ticket.id;
    const person = { idNumber: ID_NUMBER, name: '赵敏', phone: null };
    const unknownCategory = await api(host.url, 'clerk', 'visits.create', caseOf(ticket, { person, categoryCode: '99' }), { ...clerk, 'Accept-Language': 'en' });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.error).toMatchObject({ code: 'INVALID_CATEGORY', details: { params: { code: '99' } } });
    expect(unknownCategory.body.error.message).toContain('99');
    // Art. 20: the main visitor and five companions are six listed.
    const companions = [1, 2, 3, 4, 5].map((n) => {
      const first17 = `4403041982030301${n}`;
      return { person: { idNumber: first17 + checkCharacter(first17), name: `代表${n}`, phone: null }, address: '深圳市光明区' };
    });
    const tooMany = await api(host.url, 'clerk', 'visits.create', caseOf(ticket, { person, peopleCount: 20, companions }), clerk);
    expect(tooMany).toMatchObject({ status: 400, body: { error: { code: 'TOO_MANY_REPRESENTATIVES', details: { params: { listed: 6, max: 5 } } } } });
    expect(tooMany.body.error.message).toContain('第二十条');
    const retiredOrUnknown = await api(host.url, 'clerk', 'visits.create', caseOf(ticket, { person, problemLocationCode: 'nowhere' }), clerk);
    expect(retiredOrUnknown).toMatchObject({ status: 400, body: { error: { code: 'INVALID_LOCATION', details: { params: { code: 'nowhere' } } } } });
    const notSignedIn = await api(host.url, 'clerk', 'visits.create', caseOf(ticket, { person }));
    expect(notSignedIn).toMatchObject({ status: 401, body: { error: { code: 'NOT_SIGNED_IN' } } });
    expect(host.core.db.prepare('SELECT COUNT(*) FROM visits').pluck().get()).toBe(1);
  });
});
