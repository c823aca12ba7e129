import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/resident-id';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';

const ID_NUMBER = (() => {
  const first17 = '44030419850505006';
  return first17 + checkCharacter(first17);
})();
const PHONE = '13900003333';

describe('the case-status look-up over HTTP', () => {
  let host: TestHost;
  let caseNumber: string;

  beforeAll(async () => {
    host = await startTestHost();
    const clerk = await signInHeaders(host.url);
    const info = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
    const created = await api(
      host.url,
      'clerk',
      'visits.create',
      {
        person: { idNumber: ID_NUMBER, name: '钱多多', phone: PHONE },
        serviceId: info.services.find((s: { letter: string }) => s.letter === 'A').id,
        peopleCount: 1,
        address: '深圳市光明区公明街道上村社区振明路8号',
        problemLocationCode: 'gongming-shangcun',
        purpose: 'seek_resolution',
        matterClass: 'appeal_request',
        categoryCode: '020101',
        summary: '小区路灯长期不亮',
        request: '尽快修复路灯',
        firstTime: true,
        jointOrGroup: false,
      },
      clerk,
    );
    caseNumber = created.body.value.visit.caseNumber;
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers the kiosk with the stage and next deadline only; no personal data in the reply', async () => {
    const reply = await api(host.url, 'kiosk', 'kiosk.caseStatus', { caseNumber: caseNumber.toLowerCase(), phoneLast4: '3333' });
    expect(reply.status).toBe(200);
    expect(reply.body.value).toEqual({
      caseNumber,
      stage: 'received',
      nextDeadline: { kind: 'referral', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), article: { article: 22, paragraph: 1 } },
      closed: false,
    });
    const text = JSON.stringify(reply.body);
    for (const secret of [ID_NUMBER, PHONE, '钱多多', '路灯', '1001']) expect(text).not.toContain(secret);
  });

  it('answers a wrong last four with 404 in the visitor’s language, and a lockout with 429', async () => {
    const wrong = await api(host.url, 'kiosk', 'kiosk.caseStatus', { caseNumber, phoneLast4: '0000' }, { 'Accept-Language': 'en' });
    expect(wrong).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: expect.stringContaining('No case was found') } } });
    for (let i = 0; i < 3; i++) await api(host.url, 'kiosk', 'kiosk.caseStatus', { caseNumber, phoneLast4: '0000' });
    const locked = await api(host.url, 'kiosk', 'kiosk.caseStatus', { caseNumber, phoneLast4: '0000' }, { 'Accept-Language': 'zh-HK' });
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'CASE_STATUS_LOCKED', message: expect.stringContaining('後再試') } } });
    // A display may not ask.
    expect((await api(host.url, 'display', 'kiosk.caseStatus', { caseNumber, phoneLast4: '3333' })).status).toBe(403);
  });
});
