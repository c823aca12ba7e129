import { describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { renderTicket } from '../../../shared/receipts/ticket';
import { i18nResources } from '../../../shared/i18n';
import { translatorFor } from '../i18n/translate';
import { FakeTicketPrinter } from '../testing/fake-devices';
import { createTestHall, ManualClock } from '../testing/test-core';

type Hall = ReturnType<typeof createTestHall>;

const ID_NUMBER = (() => {
  const first17 = '44030419750606003';
  return first17 + checkCharacter(first17);
})();
const PHONE = '13812345678';
const DAY = '2026-03-02';

function hallOn(day = DAY, options: { ticketPrinter?: FakeTicketPrinter } = {}) {
  return createTestHall({ clock: new ManualClock(Date.parse(`${day}T01:00:00Z`)), ...options });
}

/** A case registered at the desk, the visitor typed (their language kept on their record). */
function registerCase(hall: Hall, extra: Record<string, unknown> = {}) {
  return hall.value('clerk', 'visits.create', {
    person: { idNumber: ID_NUMBER, name: '李建国', phone: PHONE },
    language: 'zh-CN',
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '光明街道东周社区东周路1号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决 <script>alert("x")</script>',
    request: '要求物业公司按原标准收费',
    firstTime: true,
    jointOrGroup: false,
    ...extra,
  }).visit as { id: string; caseNumber: string };
}

const decide = (hall: Hall, visitId: string, decision: unknown) => hall.value('clerk', 'visits.decide', { visitId, decision });
const render = (hall: Hall, params: unknown, role: 'clerk' | 'kiosk' = 'clerk', language: Language = 'zh-CN') => hall.call(role, 'receipts.render', params, language);
function rendered(hall: Hall, params: unknown, role: 'clerk' | 'kiosk' = 'clerk', language: Language = 'zh-CN') {
  const reply = render(hall, params, role, language);
  if (!reply.ok) throw new Error(`receipts.render failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value as { html: string; pageSize: '80mm' | 'A4'; title: string };
}
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

/** Every change the connection ever made: a read leaves it where it was. */
const changes = (hall: Hall) => hall.core.db.prepare('SELECT total_changes()').pluck().get() as number;

describe('receipts.render: the documents of a case, from the record', () => {
  it('the visit receipt in the visitor’s own language, masked numbers only, the hotline and the clerk’s number', () => {
    const hall = hallOn();
    hall.value('admin', 'receipts.saveSettings', { hotline: '0755-12345678', organName: null });
    const visit = registerCase(hall, { language: 'zh-HK' });
    decide(hall, visit.id, { kind: 'accepted' });

    const receipt = rendered(hall, { kind: 'visit_receipt', visitId: visit.id });
    expect(receipt.pageSize).toBe('80mm');
    expect(receipt.title).toBe(`來訪登記回執 ${visit.caseNumber}`);
    expect(receipt.html).toContain('<html lang="zh-Hant-HK">');
    expect(receipt.html).toContain('已受理，由本機關辦理');
    // 03-02 + 60 = 05-01, in the Labour Day holiday (05-01…05-05): the next working day.
    expect(receipt.html).toContain('應在 2026年5月6日 前辦結並書面答覆您（《信訪工作條例》第三十四條）');
    expect(receipt.html).toContain('諮詢電話：0755-12345678');
    expect(receipt.html).toContain('接待人員工號：1001');
    expect(receipt.html).toContain(`${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(-4)}`);
    expect(receipt.html).toContain('138****5678');
    expect(receipt.html).toContain('&lt;script&gt;');

    // Asked for in English (the desk's choice) it is English.
    const english = rendered(hall, { kind: 'visit_receipt', visitId: visit.id, language: 'en' });
    expect(english.title).toBe(`Visit receipt ${visit.caseNumber}`);
    expect(english.html).toContain('To be handled, with a written reply to you, by 6 May 2026 (Regulations on Letters and Visits, art. 34)');
  });

  it('never prints the full ID or phone number, the visitor’s full name only on the letters addressed to them', () => {
    const hall = hallOn();
    const visit = registerCase(hall);
    decide(hall, visit.id, { kind: 'accepted' });
    for (const kind of ['visit_receipt', 'acceptance_notice', 'reply_opinion']) {
      const { html } = rendered(hall, { kind, visitId: visit.id });
      expect(html, kind).not.toContain(ID_NUMBER);
      expect(html, kind).not.toContain(ID_NUMBER.slice(4, 14));
      expect(html, kind).not.toContain(PHONE);
      expect(html, kind).not.toContain(PHONE.slice(3, 7));
      expect(html.includes('李建国'), kind).toBe(kind !== 'visit_receipt');
    }
  });

  it('the letters follow the decision: 受理告知书, 接收告知书, 不予受理告知书, 答复意见书, with the organ that issues them', () => {
    const hall = hallOn();
    // Without an organ name the letters are issued in the hall's name.
    const accepted = registerCase(hall);
    decide(hall, accepted.id, { kind: 'accepted' });
    const acceptance = rendered(hall, { kind: 'acceptance_notice', visitId: accepted.id });
    expect(acceptance.pageSize).toBe('A4');
    expect(acceptance.title).toBe(`信访事项受理告知书 ${accepted.caseNumber}`);
    expect(acceptance.html).toContain('示范区群众诉求服务中心');
    expect(acceptance.html).toContain('即于2026年5月6日前办结');

    hall.value('admin', 'receipts.saveSettings', { hotline: null, organName: '示范区信访局' });
    const transferred = registerCase(hall);
    decide(hall, transferred.id, { kind: 'transferred', department: '区住房和建设局' });
    const reception = rendered(hall, { kind: 'acceptance_notice', visitId: transferred.id });
    expect(reception.title).toBe(`信访事项接收告知书 ${transferred.caseNumber}`);
    expect(reception.html).toContain('示范区信访局');
    expect(reception.html).toContain('依据《信访工作条例》第二十二条第一款第一项');
    // The receiving organ's written notice, art. 23 para. 3: 15 days from 03-02.
    expect(reception.html).toContain('（即2026年3月17日前）');

    const refused = registerCase(hall);
    decide(hall, refused.id, { kind: 'not_accepted', reason: 'legal_channel', channel: 'arbitration', competentBody: '区劳动人事争议仲裁委员会' });
    const notice = rendered(hall, { kind: 'not_accepted_notice', visitId: refused.id });
    expect(notice.title).toBe(`不予受理告知书 ${refused.caseNumber}`);
    expect(notice.html).toContain('依据《信访工作条例》第三十一条第二项“应当通过仲裁解决的，导入相应程序处理”的规定，本机关不予受理');
    expect(notice.html).toContain('第一联　信访人留存');
    expect(notice.html).toContain('第二联　存档');

    const onSpot = registerCase(hall);
    decide(hall, onSpot.id, { kind: 'answered_on_spot', answer: '物业服务收费以区发展改革局备案标准为准' });
    const reply = rendered(hall, { kind: 'reply_opinion', visitId: onSpot.id });
    expect(reply.html).toContain('物业服务收费以区发展改革局备案标准为准');
    // The reply was given on 03-02: 复查 may be asked within 30 days (art. 35), 04-01.
    expect(reply.html).toContain('（即2026年4月1日前）');
  });
});

describe('receipts.render: the queue ticket', () => {
  it('the kiosk renders its ticket in the language it was taken in: the same page as the printer’s job', () => {
    const printer = new FakeTicketPrinter();
    const hall = hallOn(DAY, { ticketPrinter: printer });
    const taken = hall.value('kiosk', 'kiosk.takeNumber', {
      serviceId: hall.serviceId('A'),
      language: 'en',
      person: { idNumber: ID_NUMBER, name: '李建国', phone: PHONE },
      partySize: 1,
      representatives: null,
      declaredPriority: null,
    });
    const ticket = rendered(hall, { kind: 'ticket', ticketId: taken.ticket.id }, 'kiosk', 'zh-CN');
    expect(ticket).toMatchObject({ pageSize: '80mm', title: taken.ticket.number });
    expect(ticket.html).toContain('<html lang="en">');
    // The kiosk's print job (kiosk/print-job.ts) renders to the same page.
    expect(printer.jobs).toHaveLength(1);
    expect(ticket.html).toBe(renderTicket(printer.jobs[0]!, (key, params) => translatorFor('en')(key, params ?? {}) as string).html);
    // Nothing of the person reaches the ticket.
    for (const personal of ['李建国', ID_NUMBER, PHONE, ID_NUMBER.slice(-4), PHONE.slice(-4)]) expect(ticket.html).not.toContain(personal);
  });

  it('a ticket taken without registering follows the caller’s language; the QR code points where the kiosk setting says', () => {
    const hall = hallOn();
    const issued = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('B') });
    expect(rendered(hall, { kind: 'ticket', ticketId: issued.ticket.id }, 'kiosk', 'zh-HK').html).toContain('<html lang="zh-Hant-HK">');
    const settings = hall.value('admin', 'hall.info', {}).kiosk;
    hall.value('admin', 'hall.saveKioskSettings', { ...settings, statusBaseUrl: 'https://petition.example.cn/' });
    const clerkCopy = rendered(hall, { kind: 'ticket', ticketId: issued.ticket.id, language: 'en' });
    expect(clerkCopy.html).toContain('<html lang="en">');
    expect(clerkCopy.html).toContain('aria-label="Scan with your phone to follow your place in the queue"');
  });
});

describe('receipts.render: refusals, worded in three languages, changing nothing', () => {
  function refusal(hall: Hall, params: unknown, role: 'clerk' | 'kiosk' = 'clerk') {
    const before = changes(hall);
    const messages = Object.fromEntries((['zh-CN', 'zh-HK', 'en'] as const).map((language) => [language, errorOf(render(hall, params, role, language))]));
    expect(changes(hall)).toBe(before);
    return messages as Record<Language, { code: string; message: string; details?: any } | null>;
  }

  it('a notice the decision does not call for: 不予受理告知书 for an accepted case, any letter before the decision', () => {
    const hall = hallOn();
    const visit = registerCase(hall);
    const undecided = refusal(hall, { kind: 'acceptance_notice', visitId: visit.id });
    expect(undecided['zh-CN']).toMatchObject({ code: 'CONFLICT', message: `案件 ${visit.caseNumber} 还没有处理决定，不能出具“受理告知书（接收告知书）”。请先作出处理决定` });
    expect(undecided['zh-CN']!.details.params).toMatchObject({ context: 'receipt_undecided', kind: 'acceptance_notice' });

    decide(hall, visit.id, { kind: 'accepted' });
    const wrong = refusal(hall, { kind: 'not_accepted_notice', visitId: visit.id });
    expect(wrong['zh-CN']!.message).toBe(`案件 ${visit.caseNumber} 的处理决定是“受理”，不能出具“不予受理告知书”：不予受理告知书只用于不予受理的案件`);
    expect(wrong['zh-HK']!.message).toBe(`案件 ${visit.caseNumber} 的處理決定是「受理」，不能出具「不予受理告知書」：不予受理告知書只用於不予受理的案件`);
    expect(wrong.en!.message).toBe(
      `Case ${visit.caseNumber} was decided "accepted", so no notice of non-acceptance can be issued: a notice of non-acceptance is for cases not accepted`,
    );

    const transferred = registerCase(hall);
    decide(hall, transferred.id, { kind: 'transferred', department: '区住房和建设局' });
    expect(refusal(hall, { kind: 'reply_opinion', visitId: transferred.id })['zh-CN']!.message).toContain('答复意见书只用于本机关受理（含调解）或当场答复的案件');
  });

  it('a case whose name and address were unclear gets no letter (art. 23 para. 2), but a receipt', () => {
    const hall = hallOn();
    const visit = registerCase(hall, { person: undefined, identityUnclear: true, address: '' });
    decide(hall, visit.id, { kind: 'accepted' });
    expect(refusal(hall, { kind: 'acceptance_notice', visitId: visit.id })['zh-CN']).toMatchObject({
      code: 'CONFLICT',
      message: `案件 ${visit.caseNumber} 登记为姓名、住址不清，没有可以送达的信访人，不出具书面告知（《信访工作条例》第二十三条第二款）`,
    });
    expect(rendered(hall, { kind: 'visit_receipt', visitId: visit.id }).html).toContain('姓名、住址不清');
  });

  it('the kiosk has tickets only; letters are Chinese only; bad and unknown references', () => {
    const hall = hallOn();
    const visit = registerCase(hall);
    decide(hall, visit.id, { kind: 'accepted' });
    const kiosk = refusal(hall, { kind: 'visit_receipt', visitId: visit.id }, 'kiosk');
    expect(kiosk['zh-CN']).toMatchObject({ code: 'FORBIDDEN', message: '自助机只能打印排队号票；来访登记回执和告知书请到窗口由工作人员打印' });
    expect(kiosk.en!.message).toBe('The kiosk prints queue tickets only; visit receipts and notices are printed by the staff at a window');

    expect(refusal(hall, { kind: 'acceptance_notice', visitId: visit.id, language: 'en' }).en).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Notices and written replies are issued in Chinese (simplified) only: do not ask for another language',
    });
    expect(rendered(hall, { kind: 'acceptance_notice', visitId: visit.id, language: 'zh-CN' }).pageSize).toBe('A4');

    expect(refusal(hall, { kind: 'ticket', visitId: visit.id })['zh-CN']).toMatchObject({ code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查：号票, 案件' });
    expect(refusal(hall, { kind: 'poster', visitId: visit.id })['zh-CN']!.code).toBe('VALIDATION_FAILED');
    expect(refusal(hall, { kind: 'visit_receipt', visitId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })['zh-CN']).toMatchObject({ code: 'NOT_FOUND', message: '找不到这条来访登记' });
    expect(refusal(hall, { kind: 'ticket', ticketId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'kiosk')['zh-CN']!.code).toBe('NOT_FOUND');
  });

  it('roles: a desk must be signed in; display and admin render nothing', () => {
    const hall = hallOn();
    const visit = registerCase(hall);
    const params = { kind: 'visit_receipt', visitId: visit.id };
    expect(errorOf(hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody-signed-in' }, 'receipts.render', params))!.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(hall.call('display', 'receipts.render', params))!.code).toBe('FORBIDDEN');
    expect(errorOf(hall.call('admin', 'receipts.render', params))!.code).toBe('FORBIDDEN');
  });
});

describe('receipts.settings', () => {
  it('saves the hotline and the organ name; a bad hotline is refused, named as the form names it, nothing saved', () => {
    const hall = hallOn();
    expect(hall.value('clerk', 'receipts.settings', {})).toEqual({ hotline: null, organName: null });
    expect(hall.value('admin', 'receipts.saveSettings', { hotline: ' 0755-1234 5678 ', organName: '示范区信访局' })).toEqual({
      hotline: '0755-1234 5678',
      organName: '示范区信访局',
    });
    const before = changes(hall);
    const bad = errorOf(hall.call('admin', 'receipts.saveSettings', { hotline: '<script>', organName: null }));
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查：咨询电话' });
    expect(changes(hall)).toBe(before);
    expect(hall.value('admin', 'receipts.settings', {})).toEqual({ hotline: '0755-1234 5678', organName: '示范区信访局' });
    expect(errorOf(hall.call('clerk', 'receipts.saveSettings', { hotline: null, organName: null }))!.code).toBe('FORBIDDEN');
  });

  it('every message the receipts raise exists in the three languages', () => {
    for (const language of ['zh-CN', 'zh-HK', 'en'] as const) {
      const errors = i18nResources[language].translation.errors as Record<string, string>;
      for (const key of ['CONFLICT_receipt_undecided', 'CONFLICT_receipt_decision', 'CONFLICT_receipt_no_addressee', 'FORBIDDEN_receipt_personal', 'VALIDATION_FAILED_receipt_language']) {
        expect(errors[key], `${language} ${key}`).toBeTruthy();
      }
    }
  });
});
