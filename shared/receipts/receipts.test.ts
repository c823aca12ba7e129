import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Visit } from '../contract/visit-methods';
import { FIXTURE_CLERK, fixtureUlid, visitFixture as baseVisit } from './visit-fixture';
import type { DeskDecision } from '../domain/desk-decision';
import { legalBasisOf } from '../domain/desk-decision';
import type { Language } from '../domain/languages';
import { i18nResources } from '../i18n';
import { articleIn, articleInChinese, chineseNumeral } from './chinese-numerals';
import { dayInWords, localDateTime } from './dates';
import { escapeHtml, html } from './html';
import { renderLetter, type LetterContext } from './letters';
import { maskName, shorten } from './masking';
import { letterFits, LETTER_KINDS, receiptSettingsSchema, type Translate } from './receipt-kinds';
import { quoteArticle, REGULATION_QUOTES, type QuoteKey } from './regulation-quotes';
import { renderTicket, type TicketDocument } from './ticket';
import { decisionInWords, nextSteps, renderVisitReceipt, type VisitReceiptContext } from './visit-receipt';

const i18n = i18next.createInstance();
void i18n.init({ resources: i18nResources, lng: 'zh-CN', fallbackLng: 'zh-CN', initAsync: false, interpolation: { escapeValue: false } });
const translate = (language: Language): Translate => {
  const t = i18n.getFixedT(language);
  return (key, params) => t(key, params ?? {}) as string;
};

const HOSTILE = '物业费上涨<script>alert("x")</script> & \'quotes\'';
const ULID = fixtureUlid;
const CLERK = FIXTURE_CLERK;

/** A case as visits.get answers it: ID and phone masked; its summary hostile markup. */
const visitFixture = (overrides: Partial<Visit> = {}): Visit => baseVisit({ summary: HOSTILE, ...overrides });

const step = (event: Visit['timeline'][number]['event']) => ({ event, actorId: CLERK.id, actor: CLERK, note: null, recordedAt: 0 });
const deadline = (kind: Visit['deadlines'][number]['kind'], dueDate: string, article: { article: number; paragraph?: number }, state = 'open') =>
  ({
    kind,
    nature: kind.endsWith('_request') ? 'window' : 'duty',
    article,
    startDate: '2026-03-02',
    period: { length: 30, unit: 'calendar_days' },
    dueDate,
    status: state === 'met' ? { state, on: '2026-03-02' } : state === 'overdue' ? { state, daysLate: 2 } : { state: state as 'open', daysLeft: 10 },
    calendarCovered: true,
  }) as Visit['deadlines'][number];

/** A case with the decision recorded, its step on the timeline. */
function decided(decision: DeskDecision, extra: Partial<Visit> = {}): Visit {
  const type = { answered_on_spot: 'replied', accepted: 'accepted', mediation: 'accepted', transferred: 'transferred', assigned: 'assigned', not_accepted: 'not_accepted', referred_service: 'closed' }[
    decision.kind
  ] as 'accepted';
  const base = visitFixture();
  return visitFixture({
    decision: { decision, legalBasis: legalBasisOf(decision), decidedBy: CLERK, decidedAt: Date.parse('2026-03-03T02:00:00Z') },
    timeline: [...base.timeline, step({ type, date: '2026-03-03' })],
    ...extra,
  });
}

const RECEIPT_CONTEXT: VisitReceiptContext = {
  language: 'zh-CN',
  hallName: '示范区群众诉求服务中心',
  serviceName: '投诉建议',
  referredServiceName: null,
  timeZone: 'Asia/Shanghai',
  hotline: '0755-12345678',
  caseStatusUrl: 'https://petition.example.cn/case/DEMO-20260302-001',
};
const LETTER_CONTEXT: LetterContext = { organName: '示范区信访局', timeZone: 'Asia/Shanghai', hotline: '0755-12345678' };

/** The text a person reads: tags dropped, entities decoded. */
function textOf(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('Chinese numerals and citations', () => {
  it('numbers articles as Chinese legal text does', () => {
    const cases: Array<[number, string]> = [
      [1, '一'],
      [10, '十'],
      [11, '十一'],
      [19, '十九'],
      [20, '二十'],
      [23, '二十三'],
      [36, '三十六'],
      [50, '五十'],
      [100, '一百'],
      [101, '一百零一'],
      [110, '一百一十'],
      [203, '二百零三'],
      [1000, '一千'],
      [1010, '一千零一十'],
      [2001, '二千零一'],
    ];
    for (const [n, words] of cases) expect(chineseNumeral(n), String(n)).toBe(words);
    expect(() => chineseNumeral(-1)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
  });

  it('cites article, paragraph and item (items without brackets, as the 条例 cites itself)', () => {
    expect(articleInChinese({ article: 22, paragraph: 1, item: 1 })).toBe('第二十二条第一款第一项');
    expect(articleInChinese({ article: 31, item: 2 })).toBe('第三十一条第二项');
    expect(articleInChinese({ article: 36, paragraph: 3 })).toBe('第三十六条第三款');
    expect(articleIn({ article: 22, paragraph: 1, item: 3 }, 'zh-HK')).toBe('第二十二條第一款第三項');
    expect(articleIn({ article: 22, paragraph: 1, item: 3 }, 'en')).toBe('art. 22 para. 1 item 3');
  });
});

describe('the regulation quoted', () => {
  const regulation = readFileSync(new URL('../../../shared/domain/信访工作条例-2022.txt', import.meta.url), 'utf8');
  /** The text of one article: from its heading to the next article's. */
  function articleText(article: number): string {
    const start = regulation.indexOf(`第${chineseNumeral(article)}条 `);
    const end = regulation.indexOf(`第${chineseNumeral(article + 1)}条 `, start);
    expect(start, `article ${article}`).toBeGreaterThan(-1);
    return regulation.slice(start, end);
  }

  /** Paragraph n of an article: its n-th un-numbered paragraph with the items that follow it. */
  function paragraphsOf(article: number): string[][] {
    const groups: string[][] = [];
    const lines = articleText(article).replace(/^第\S+条 /, '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    for (const line of lines) {
      if (/^（[一二三四五六七八九十]+）/.test(line) && groups.length > 0) groups.at(-1)!.push(line);
      else groups.push([line]);
    }
    return groups;
  }

  it.each(Object.keys(REGULATION_QUOTES) as QuoteKey[])('%s is verbatim in its article, paragraph and item', (key) => {
    const { article, paragraph, item } = quoteArticle(key);
    const group = paragraphsOf(article)[(paragraph ?? 1) - 1]!;
    const where = item === undefined ? group.join('') : group.find((line) => line.startsWith(`（${chineseNumeral(item)}）`))!;
    expect(where, `${key}`).toBeDefined();
    expect(where).toContain(REGULATION_QUOTES[key]);
  });
});

describe('escaping', () => {
  it('escapes every value put into the template, keeps markup made by it', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"onmouseover="x'}">${inner}${['<', html`<br>`]}${null}${false}${7}</p>`.value).toBe(
      '<p title="&quot;onmouseover=&quot;x"><b>&lt;i&gt;</b>&lt;<br>7</p>',
    );
  });

  it('a summary with <script> and quotes stays text in every document', () => {
    const documents = [
      renderVisitReceipt(decided({ kind: 'accepted' }), RECEIPT_CONTEXT, translate('zh-CN')).html,
      renderLetter('acceptance_notice', decided({ kind: 'accepted' }), LETTER_CONTEXT).html,
      renderLetter('not_accepted_notice', decided({ kind: 'not_accepted', reason: 'not_competent', competentBody: '区<b>住建局</b>' }), LETTER_CONTEXT).html,
      renderLetter('reply_opinion', decided({ kind: 'answered_on_spot', answer: '答复"<img src=x onerror=alert(1)>"' }), LETTER_CONTEXT).html,
    ];
    for (const page of documents) {
      expect(page).not.toMatch(/<script|<img|<b>|<[^>]*onerror/i);
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/scri');
      // No script could run even so: the page's own policy allows none.
      expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    }
    expect(textOf(documents[2]!)).toContain('请您向区<b>住建局</b>提出');
  });
});

describe('the queue ticket', () => {
  const ticket: TicketDocument = {
    language: 'zh-CN',
    hallName: '示范区群众诉求服务中心',
    number: 'A012',
    serviceName: '投诉建议',
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    windows: [
      { number: 1, location: '一楼大厅' },
      { number: 4, location: '' },
    ],
    issuedAt: Date.parse('2026-11-24T01:05:00Z'),
    timeZone: 'Asia/Shanghai',
    statusUrl: 'https://petition.example.cn/q/01JC0000000000000000000001',
  };

  it('carries what the print job carries, in the visitor’s language, and no personal data', () => {
    const { html: page, pageSize, title } = renderTicket(ticket, translate('zh-CN'));
    expect(pageSize).toBe('80mm');
    expect(title).toBe('A012');
    const text = textOf(page);
    for (const words of ['示范区群众诉求服务中心', '投诉建议', 'A012', '前面还有 3 人等候', '预计等候约 12 分钟', '1号窗口（一楼大厅）、', '4号窗口', '取号时间：2026-11-24 09:05', '本号票不记载您的任何个人信息']) {
      expect(text).toContain(words);
    }
    expect(page).toContain('<svg class="qr"');
    const english = textOf(renderTicket({ ...ticket, language: 'en', estimatedWaitMinutes: null, peopleAhead: 1 }, translate('en')).html);
    expect(english).toContain('1 person ahead of you');
    expect(english).toContain('No window is open for this service now');
    expect(english).toContain('This ticket carries none of your personal information');
    expect(renderTicket({ ...ticket, language: 'zh-HK' }, translate('zh-HK')).html).toContain('<html lang="zh-Hant-HK">');
  });

  it('prints the 80 mm roll: 72 mm printable, the drivers’ roll form', () => {
    const { html: page } = renderTicket(ticket, translate('zh-CN'));
    expect(page).toContain('@page { size: 80mm 297mm; margin: 0; }');
    expect(page).toContain('body { width: 72mm;');
    expect(page).toContain('"Noto Sans CJK SC"');
  });
});

describe('the visit receipt', () => {
  const accepted = decided({ kind: 'accepted' }, {
    deadlines: [
      deadline('referral', '2026-03-17', { article: 22, paragraph: 1 }, 'met'),
      deadline('handling', '2026-05-06', { article: 34 }),
    ],
  });

  it('shows the case, the decision, what happens next with dates and articles in words, masked numbers only', () => {
    const { html: page, pageSize, title } = renderVisitReceipt(accepted, RECEIPT_CONTEXT, translate('zh-CN'));
    expect(pageSize).toBe('80mm');
    expect(title).toBe('来访登记回执 DEMO-20260302-001');
    const text = textOf(page);
    for (const words of [
      '来访登记回执',
      'DEMO-20260302-001',
      '2026年3月2日 09:05',
      '李**',
      '4403**********003X',
      '138****5678',
      '已受理，由本机关办理',
      '应在 2026年5月6日 前办结并书面答复您（《信访工作条例》第三十四条）',
      '咨询电话：0755-12345678',
      '接待人员工号：1001',
    ]) {
      expect(text).toContain(words);
    }
    // The met referral is history; the clerk by number, not by name; the name not in full.
    expect(text).not.toContain('2026年3月17日');
    expect(text).not.toContain('王丽');
    expect(text).not.toContain('李建国');
    // The summary short: about two lines of the roll.
    expect(text).toContain(shorten(HOSTILE, 40));
  });

  it('words the deadlines in the visitor’s language: zh-HK and English', () => {
    const hk = textOf(renderVisitReceipt(accepted, { ...RECEIPT_CONTEXT, language: 'zh-HK' }, translate('zh-HK')).html);
    expect(hk).toContain('應在 2026年5月6日 前辦結並書面答覆您（《信訪工作條例》第三十四條）');
    expect(hk).toContain('來訪登記回執');
    const en = textOf(renderVisitReceipt(accepted, { ...RECEIPT_CONTEXT, language: 'en' }, translate('en')).html);
    expect(en).toContain('To be handled, with a written reply to you, by 6 May 2026 (Regulations on Letters and Visits, art. 34)');
    expect(en).toContain('Registered');
    expect(en).toContain('2 March 2026 09:05');
  });

  it('lists the running deadlines soonest first, an overdue one marked, the objection window left off', () => {
    const transferred = decided({ kind: 'transferred', department: '区住房和建设局' }, {
      deadlines: [
        deadline('referral', '2026-03-17', { article: 22, paragraph: 1 }, 'met'),
        deadline('acceptance_notice', '2026-03-18', { article: 23, paragraph: 3 }, 'overdue'),
        deadline('jurisdiction_objection', '2026-03-10', { article: 23, paragraph: 3 }),
      ],
    });
    expect(nextSteps(transferred, 'zh-CN', translate('zh-CN'))).toEqual([
      '应在 2026年3月18日 前书面告知您是否受理（《信访工作条例》第二十三条第三款）（已过期限，请向窗口了解情况）',
    ]);
    expect(decisionInWords(transferred.decision!.decision, null, translate('zh-CN'))).toBe('已转送 区住房和建设局 处理');
    const review = visitFixture({ deadlines: [deadline('review_request', '2026-04-01', { article: 35 })] });
    expect(nextSteps(review, 'zh-CN', translate('zh-CN'))).toEqual(['如对答复意见不服，您可在 2026年4月1日 前请求复查（《信访工作条例》第三十五条）']);
  });

  it('words every decision', () => {
    const t = translate('zh-CN');
    expect(decisionInWords(null, null, t)).toBe('已登记，尚未作出处理决定');
    expect(decisionInWords({ kind: 'referred_service', serviceId: ULID(4) }, '法律服务', t)).toBe('已转 法律服务 办理');
    expect(decisionInWords({ kind: 'not_accepted', reason: 'legal_channel', channel: 'arbitration', competentBody: '市劳动人事争议仲裁委员会' }, null, t)).toBe(
      '不予受理：应通过仲裁解决，请向 市劳动人事争议仲裁委员会 提出',
    );
    expect(decisionInWords({ kind: 'not_accepted', reason: 'final_review_done', caseNumber: 'DEMO-20250101-001' }, null, t)).toBe(
      '不再受理：同一事项已经复核（案件 DEMO-20250101-001）',
    );
  });

  it('a case whose identity was unclear shows no numbers; no phone says so', () => {
    const unclear = textOf(renderVisitReceipt(visitFixture({ visitor: null, identityUnclear: true }), RECEIPT_CONTEXT, translate('zh-CN')).html);
    expect(unclear).toContain('姓名、住址不清');
    expect(unclear).not.toContain('证件号码');
    const noPhone = visitFixture({ visitor: { ...visitFixture().visitor!, phoneMasked: null } });
    expect(textOf(renderVisitReceipt(noPhone, { ...RECEIPT_CONTEXT, hotline: null }, translate('zh-CN')).html)).toMatch(/手机号码未留/);
  });
});

describe('the letters', () => {
  it('受理告知书: the acceptance, art. 23 para. 1 quoted, the 60 days with their date; two copies', () => {
    const visit = decided({ kind: 'accepted' }, { deadlines: [deadline('handling', '2026-05-06', { article: 34 })] });
    const { html: page, pageSize, title } = renderLetter('acceptance_notice', visit, LETTER_CONTEXT);
    expect(pageSize).toBe('A4');
    expect(title).toBe('信访事项受理告知书 DEMO-20260302-001');
    const text = textOf(page);
    expect(text).toContain('李建国：');
    expect(text).toContain('您于2026年3月2日以走访形式提出的关于“物业费上涨');
    expect(text).toContain(`依据《信访工作条例》第二十三条第一款“${REGULATION_QUOTES['23.1']}”的规定，本机关已于2026年3月3日依法受理`);
    expect(text).toContain('依据《信访工作条例》第三十四条的规定，本机关将自受理之日起60日内办结，即于2026年5月6日前办结');
    expect(text).toContain('拨打咨询电话 0755-12345678');
    expect(page.match(/data-copy="petitioner"/g)).toHaveLength(1);
    expect(page.match(/data-copy="file"/g)).toHaveLength(1);
    expect(text).toContain('第一联　信访人留存');
    expect(text).toContain('第二联　存档');
    expect(text).toContain('（印章）');
    expect(text).toContain('示范区信访局');
    expect(page).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
  });

  it('接收告知书: where it went, art. 22 para. 1 item 1 / item 3, the receiving organ’s 15 days', () => {
    const transferred = decided({ kind: 'transferred', department: '区住房和建设局' }, { deadlines: [deadline('acceptance_notice', '2026-03-18', { article: 23, paragraph: 3 })] });
    const text = textOf(renderLetter('acceptance_notice', transferred, LETTER_CONTEXT).html);
    expect(text).toContain('信访事项接收告知书');
    expect(text).toContain('依据《信访工作条例》第二十二条第一款第一项');
    expect(text).toContain('本机关已于2026年3月3日将该事项转送区住房和建设局处理');
    expect(text).toContain('区住房和建设局应当自收到之日起15日内书面告知您接收情况以及处理途径和程序（即2026年3月18日前）');
    const assigned = textOf(renderLetter('acceptance_notice', decided({ kind: 'assigned', department: '光明街道办事处' }), LETTER_CONTEXT).html);
    expect(assigned).toContain('依据《信访工作条例》第二十二条第一款第三项');
    expect(assigned).toContain('交由光明街道办事处办理，并要求其在指定办理期限内反馈结果');
  });

  it.each([
    [{ kind: 'not_accepted', reason: 'not_competent', competentBody: '市人力资源和社会保障局' }, '不予受理告知书', '第二十三条第一款', '请您向市人力资源和社会保障局提出'],
    [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'litigation', competentBody: '区人民法院' }, '不予受理告知书', '第三十一条第一项', '请您依照法律法规规定的程序向区人民法院提出'],
    [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'arbitration', competentBody: '区劳动人事争议仲裁委员会' }, '不予受理告知书', '第三十一条第二项', '请您依法向区劳动人事争议仲裁委员会申请仲裁'],
    [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'party_appeal', competentBody: '区纪委' }, '不予受理告知书', '第三十一条第三项', '提出党员申诉或者申请复审'],
    [{ kind: 'not_accepted', reason: 'legal_channel', channel: 'administrative', competentBody: '区人民政府' }, '不予受理告知书', '第三十一条第四项', '依法向区人民政府申请相应的行政程序'],
    [{ kind: 'not_accepted', reason: 'already_in_handling', caseNumber: 'DEMO-20260210-004' }, '不予受理告知书', '第十九条第三款', '（案件编号：DEMO-20260210-004）'],
    [{ kind: 'not_accepted', reason: 'final_review_done', caseNumber: 'DEMO-20250110-002' }, '不再受理告知书', '第三十六条第三款', '本机关不再受理'],
  ] as Array<[DeskDecision, string, string, string]>)('不予受理告知书 %#: the reason, its article in words and what to do instead', (decision, heading, citation, instead) => {
    const text = textOf(renderLetter('not_accepted_notice', decided(decision), LETTER_CONTEXT).html);
    expect(text).toContain(heading);
    expect(text).toContain(`依据《信访工作条例》${citation}`);
    expect(text).toContain(instead);
    expect(text).toContain('第一联　信访人留存');
    expect(text).toContain('2026年3月3日');
  });

  it('答复意见书: how received, the request, blanks for facts, basis and opinion, the 复查 right within 30 days (art. 35)', () => {
    const accepted = decided({ kind: 'accepted' });
    const text = textOf(renderLetter('reply_opinion', accepted, LETTER_CONTEXT).html);
    expect(text).toContain('信访事项答复意见书');
    expect(text).toContain('以走访形式向本机关提出');
    expect(text).toContain('本机关于2026年3月3日受理');
    expect(text).toContain('一、信访请求：要求物业公司按原标准收费');
    expect(text).toContain('二、经调查核实的事实：');
    expect(text).toContain('三、处理依据');
    expect(text).toContain('四、处理意见（《信访工作条例》第三十二条）：');
    expect(text).toContain('□ 予以支持　　□ 解释说明　　□ 不予支持');
    expect(text).toContain('可以自收到本答复意见书之日起30日内');
    expect(text).toContain('向本机关的上一级机关、单位请求复查（《信访工作条例》第三十五条）');
    expect(text).toContain('年　　月　　日');
    expect(renderLetter('reply_opinion', accepted, LETTER_CONTEXT).html.match(/class="fill"/g)!.length).toBe(7);
    // Answered on the spot: the answer given, the reply's day, the last day of the 复查 window.
    const onSpot = decided({ kind: 'answered_on_spot', answer: '物业服务收费以备案标准为准' }, { deadlines: [deadline('review_request', '2026-04-02', { article: 35 })] });
    onSpot.timeline.push(step({ type: 'closed', date: '2026-03-03' }));
    const spotText = textOf(renderLetter('reply_opinion', onSpot, LETTER_CONTEXT).html);
    expect(spotText).toContain('物业服务收费以备案标准为准');
    expect(spotText).toContain('（即2026年4月2日前）');
    expect(spotText).toContain('受理并当场答复如下');
  });

  it('a group is addressed by its first representative and the number', () => {
    const text = textOf(renderLetter('acceptance_notice', decided({ kind: 'accepted' }, { peopleCount: 7 }), LETTER_CONTEXT).html);
    expect(text).toContain('李建国等7人：');
  });
});

describe('which letter fits which decision', () => {
  const decisions: DeskDecision[] = [
    { kind: 'answered_on_spot', answer: 'x' },
    { kind: 'accepted' },
    { kind: 'transferred', department: 'x' },
    { kind: 'assigned', department: 'x' },
    { kind: 'not_accepted', reason: 'not_competent', competentBody: 'x' },
    { kind: 'mediation' },
    { kind: 'referred_service', serviceId: ULID(5) },
  ];
  it('matches the practice table of docs/receipts.md', () => {
    const table = Object.fromEntries(LETTER_KINDS.map((kind) => [kind, decisions.filter((d) => letterFits(kind, d, true) === null).map((d) => d.kind)]));
    expect(table).toEqual({
      acceptance_notice: ['accepted', 'transferred', 'assigned', 'mediation'],
      not_accepted_notice: ['not_accepted'],
      reply_opinion: ['answered_on_spot', 'accepted', 'mediation'],
    });
    expect(letterFits('acceptance_notice', null, true)).toBe('undecided');
    expect(letterFits('acceptance_notice', { kind: 'accepted' }, false)).toBe('no_addressee');
  });
});

describe('small helpers', () => {
  it('masks names by code point and shortens text', () => {
    expect(maskName('李建国')).toBe('李**');
    expect(maskName('王丽')).toBe('王*');
    expect(maskName('𠮷田')).toBe('𠮷*');
    expect(shorten('一二三四五六', 4)).toBe('一二三…');
    expect(shorten('一二三', 4)).toBe('一二三');
  });

  it('writes days and times the same on every host', () => {
    expect(dayInWords('2026-03-02', 'zh-CN')).toBe('2026年3月2日');
    expect(dayInWords('2026-03-02', 'en')).toBe('2 March 2026');
    expect(localDateTime(Date.parse('2026-11-23T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-24 00:30');
  });

  it('checks the receipt settings', () => {
    expect(receiptSettingsSchema.parse({})).toEqual({ hotline: null, organName: null });
    expect(receiptSettingsSchema.safeParse({ hotline: '0755-12345678' }).success).toBe(true);
    expect(receiptSettingsSchema.safeParse({ hotline: '<b>call</b>' }).success).toBe(false);
  });
});
