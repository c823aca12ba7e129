import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { createTestHall, ManualClock } from '../testing/test-core';
import { CASE_STATUS_POLICY, caseStage } from './case-status-service';

const withCheck = (first17: string) => first17 + checkCharacter(first17);
const ID_WITH_PHONE = withCheck('44030419750606003');
const ID_WITHOUT_PHONE = withCheck('44030419800101004');
const PHONE = '13812345678';
const MINUTE_MS = 60_000;

type Hall = ReturnType<typeof createTestHall>;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function create(hall: Hall, person: { idNumber: string; name: string; phone: string | null } = { idNumber: ID_WITH_PHONE, name: '李建国', phone: PHONE }) {
  return hall.value('clerk', 'visits.create', {
    person,
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '深圳市光明区光明街道华夏路12号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决',
    request: '要求物业公司按原标准收费',
    factsAndReasons: '',
    firstTime: true,
    jointOrGroup: false,
  }).visit as { id: string; caseNumber: string };
}

const lookUp = (hall: Hall, caseNumber: string, phoneLast4: string, language: 'zh-CN' | 'zh-HK' | 'en' = 'zh-CN'): RpcReply =>
  hall.call('kiosk', 'kiosk.caseStatus', { caseNumber, phoneLast4 }, language);
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

function moveTo(clock: ManualClock, day: string) {
  clock.advance(Date.parse(`${day}T01:00:00Z`) - clock.now());
}

describe('kiosk.caseStatus', () => {
  it('tells the stage and the next deadline for the right last four digits, nothing else; the number trimmed, any case', () => {
    const hall = createTestHall();
    const { caseNumber } = create(hall);
    expect(caseNumber).toBe('DEMO-20261124-001');
    const reply = lookUp(hall, '  demo-20261124-001 ', '5678');
    expect(reply.ok && reply.value).toEqual({
      caseNumber: 'DEMO-20261124-001',
      stage: 'received',
      // Art. 22 para. 1: transferred, assigned or decided within 15 days.
      nextDeadline: { kind: 'referral', dueDate: '2026-12-09', article: { article: 22, paragraph: 1 } },
      closed: false,
    });
    const text = JSON.stringify(reply);
    for (const secret of ['李建国', PHONE, '5678', '物业', '王丽', '1001']) expect(text).not.toContain(secret);
  });

  it('gives the same answer for a wrong number, wrong digits and a case without a phone', () => {
    const hall = createTestHall();
    create(hall);
    const noPhone = create(hall, { idNumber: ID_WITHOUT_PHONE, name: '张三', phone: null });
    const answers = [lookUp(hall, 'DEMO-20261124-099', '5678'), lookUp(hall, 'DEMO-20261124-001', '1234'), lookUp(hall, noPhone.caseNumber, '0000')];
    for (const answer of answers) {
      expect(errorOf(answer)).toEqual({ code: 'NOT_FOUND', message: '没有找到这个案件，请核对案件编号和手机号码后四位', details: { params: { context: 'caseStatus' } } });
    }
    // Malformed digits are refused by the contract before anything is looked up.
    expect(errorOf(lookUp(hall, 'DEMO-20261124-001', '56a8'))?.code).toBe('VALIDATION_FAILED');
  });

  it('follows the case: accepted (art. 34), replied (art. 35), closed after the 复核 answer', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const { id, caseNumber } = create(hall);
    const addEvent = (event: Record<string, unknown>) => hall.value('clerk', 'visits.addEvent', { visitId: id, event });
    const status = () => {
      const reply = lookUp(hall, caseNumber, '5678');
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    };

    moveTo(clock, '2026-11-30');
    addEvent({ type: 'accepted', date: '2026-11-30' });
    expect(status()).toEqual({ caseNumber, stage: 'accepted', nextDeadline: { kind: 'handling', dueDate: '2027-01-29', article: { article: 34 } }, closed: false });

    moveTo(clock, '2026-12-22');
    addEvent({ type: 'replied', date: '2026-12-20', deliveredOn: '2026-12-22' });
    // The reply is given; the visitor may ask for 复查 until 2027-01-21.
    expect(status()).toEqual({ caseNumber, stage: 'replied', nextDeadline: { kind: 'review_request', dueDate: '2027-01-21', article: { article: 35 } }, closed: false });

    moveTo(clock, '2027-01-05');
    addEvent({ type: 'review_requested', date: '2027-01-05' });
    addEvent({ type: 'review_answered', date: '2027-01-05' });
    addEvent({ type: 'final_review_requested', date: '2027-01-05' });
    addEvent({ type: 'final_review_answered', date: '2027-01-05' });
    expect(status()).toEqual({ caseNumber, stage: 'final_review_answered', nextDeadline: null, closed: true });
  });

  it('accepts the official number once central has assigned one', () => {
    const hall = createTestHall();
    const { id, caseNumber } = create(hall);
    hall.core.db.prepare('UPDATE visits SET official_number = ? WHERE id = ?').run('SZFT-2026-000123', id);
    const reply = lookUp(hall, 'szft-2026-000123', '5678');
    expect(reply.ok && reply.value).toMatchObject({ caseNumber, stage: 'received' });
  });

  it('refuses a case number for 15 minutes after 5 failures within 15 minutes, the right digits included, in the visitor’s language', () => {
    const clock = new ManualClock(); // 09:00 in the hall
    const hall = createTestHall({ clock });
    const { caseNumber } = create(hall);
    // Failures spread over more than the window do not add up.
    for (let i = 0; i < CASE_STATUS_POLICY.maxFailures - 1; i++) expect(errorOf(lookUp(hall, caseNumber, '0000'))?.code).toBe('NOT_FOUND');
    clock.advance(16 * MINUTE_MS); // 09:16
    for (let i = 0; i < CASE_STATUS_POLICY.maxFailures - 1; i++) expect(errorOf(lookUp(hall, caseNumber, '0000'))?.code).toBe('NOT_FOUND');
    expect(lookUp(hall, caseNumber, '5678').ok).toBe(true); // a success clears the count

    for (let i = 0; i < CASE_STATUS_POLICY.maxFailures - 1; i++) lookUp(hall, caseNumber, '1111');
    expect(errorOf(lookUp(hall, caseNumber.toLowerCase(), '2222', 'en'))).toMatchObject({
      code: 'CASE_STATUS_LOCKED',
      message: 'Too many unsuccessful attempts: this case number cannot be checked for now. Try again after 09:31.',
      details: { params: { until: '09:31', lockedUntil: clock.now() + 15 * MINUTE_MS } },
    });
    expect(errorOf(lookUp(hall, caseNumber, '5678'))?.code).toBe('CASE_STATUS_LOCKED');
    expect(errorOf(lookUp(hall, caseNumber, '5678', 'zh-HK'))?.message).toBe('查詢錯誤次數過多，這個案件編號暫時不能查詢，請於 09:31 後再試');
    clock.advance(15 * MINUTE_MS - 1);
    expect(errorOf(lookUp(hall, caseNumber, '5678'))?.code).toBe('CASE_STATUS_LOCKED');
    clock.advance(1);
    expect(lookUp(hall, caseNumber, '5678').ok).toBe(true);
    // No phone digits are kept with the count.
    expect(JSON.stringify(hall.core.db.prepare('SELECT * FROM case_status_failures').all())).not.toMatch(/5678|1111|2222/);
  });

  it('counts a case typed by its official number with its case number, and an unknown number as typed', () => {
    const hall = createTestHall();
    const { id, caseNumber } = create(hall);
    hall.core.db.prepare('UPDATE visits SET official_number = ? WHERE id = ?').run('SZFT-2026-000123', id);
    for (let i = 0; i < 3; i++) lookUp(hall, caseNumber, '0000');
    lookUp(hall, 'SZFT-2026-000123', '0000');
    expect(errorOf(lookUp(hall, 'szft-2026-000123', '0000'))?.code).toBe('CASE_STATUS_LOCKED');
    for (let i = 0; i < 4; i++) expect(errorOf(lookUp(hall, 'NOPE-1', '0000'))?.code).toBe('NOT_FOUND');
    expect(errorOf(lookUp(hall, ' nope-1', '0000'))?.code).toBe('CASE_STATUS_LOCKED');
  });

  it('keeps the lockout across a restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-case-status-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const first = createTestHall({ dataDir, clock });
    const { caseNumber } = create(first);
    for (let i = 0; i < CASE_STATUS_POLICY.maxFailures; i++) lookUp(first, caseNumber, '0000');
    first.core.close();
    const again = createTestHall({ dataDir, clock });
    expect(errorOf(lookUp(again, caseNumber, '5678'))?.code).toBe('CASE_STATUS_LOCKED');
    again.core.close();
  });
});

describe('caseStage', () => {
  it('names the stage by the latest step', () => {
    const received = { type: 'received', date: '2026-11-24', by: 'petition_department' } as const;
    expect(caseStage([received])).toBe('received');
    expect(caseStage([received, { type: 'assigned', date: '2026-11-25' }])).toBe('transferred');
    expect(caseStage([received, { type: 'transferred', date: '2026-11-25' }, { type: 'jurisdiction_objection', date: '2026-11-26' }])).toBe('received');
    expect(caseStage([received, { type: 'not_accepted', date: '2026-11-25' }])).toBe('not_accepted');
    expect(caseStage([received, { type: 'accepted', date: '2026-11-25' }, { type: 'closed', date: '2026-11-26' }])).toBe('closed');
  });
});
