import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ManualClock } from '../../electron/core/testing/test-core';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { residentId } from '../support/kiosk';

/**
 * Every document, rendered by the real Node host (receipts.render over HTTP), printed to
 * PDF by Chromium with the document's page size, read back with poppler's `pdftotext
 * -layout` for its fields, rasterised with `pdftoppm` to PNG for a person to look at
 * (test-results/receipts/), and its QR code decoded from the printed page (jsqr).
 */
const OUT = fileURLToPath(new URL('../../test-results/receipts/', import.meta.url));
const STATUS_BASE = 'https://petition.example.cn';
const HOTLINE = '0755-12345678';
const ORGAN = '示范区信访局';
const ID_NUMBER = residentId('19750606', { area: '440304', sequence: '003' });
const PHONE = '13812345678';
/** 80 mm at 96 CSS px per inch. */
const ROLL_PX = Math.round((80 / 25.4) * 96);

/** poppler-utils: a missing tool fails the test with what to install, never skips it. */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts' | 'pdftoppm', args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} was not found: install poppler-utils (Debian/Ubuntu: sudo apt-get install -y poppler-utils; .ci/run does).`);
  }
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Text compared without the line breaks and spaces the layout puts in. */
const flat = (text: string) => text.replace(/\s+/g, '');

interface Printed {
  text: string;
  pages: number;
  /** Points. */
  width: number;
  height: number;
  fonts: string;
  pngs: string[];
}

let host: TestHost;
let clerk: Record<string, string>;
const cases: Record<string, { id: string; caseNumber: string }> = {};
let ticket: { id: string; number: string };

async function call(role: string, method: string, params: unknown, headers: Record<string, string> = {}) {
  const reply = await api(host.url, role, method, params, headers);
  if (!reply.body.ok) throw new Error(`${method}: ${reply.body.error.code} ${reply.body.error.message}`);
  return reply.body.value;
}

async function renderDocument(params: Record<string, unknown>, role = 'clerk'): Promise<{ html: string; pageSize: '80mm' | 'A4'; title: string }> {
  return call(role, 'receipts.render', params, role === 'clerk' ? clerk : {});
}

/**
 * The document printed as a host would, with its own @page size: the roll's 80 × 297 mm
 * form (a receipt must fit one), A4 with its margins for a letter.
 */
async function print(page: Page, name: string, printable: { html: string; pageSize: '80mm' | 'A4' }): Promise<Printed> {
  await page.setViewportSize(printable.pageSize === '80mm' ? { width: ROLL_PX, height: 200 } : { width: 794, height: 1123 });
  await page.setContent(printable.html);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.fonts.ready);
  const pdfPath = join(OUT, `${name}.pdf`);
  // This document's files of an earlier run (a page count may have changed).
  for (const file of readdirSync(OUT)) if (file === `${name}.pdf` || file === `${name}.txt` || new RegExp(`^${name}-\\d+\\.png$`).test(file)) rmSync(join(OUT, file));
  if (printable.pageSize === '80mm') {
    // Nothing wider than the roll's printable 72 mm (4 mm each side).
    const overflow = await page.evaluate(() => {
      const body = document.body.getBoundingClientRect();
      const widest = Math.max(...[...document.body.querySelectorAll('*')].map((element) => element.getBoundingClientRect().right));
      return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, widest, bodyRight: body.right };
    });
    expect(overflow.scroll, `${name}: no horizontal scroll`).toBeLessThanOrEqual(overflow.client);
    expect(overflow.widest, `${name}: every element inside the printable width`).toBeLessThanOrEqual(overflow.bodyRight + 0.5);
  }
  // The page's own @page rule: the roll's form (80 × 297 mm) or A4 with its margins.
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const info = poppler('pdfinfo', [pdfPath]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  const text = poppler('pdftotext', ['-layout', pdfPath, '-']);
  writeFileSync(join(OUT, `${name}.txt`), text);
  // For a person to look at: the printed pages as images, at the resolution of a receipt printer;
  // the roll cut where its content ends, as the printer's cutter would.
  const crop =
    printable.pageSize === '80mm'
      ? ['-x', '0', '-y', '0', '-W', String(Math.ceil((80 / 25.4) * 203)), '-H', String(Math.ceil(((await contentHeightPx(page)) / 96) * 203) + 40)]
      : [];
  poppler('pdftoppm', ['-r', '203', '-png', ...crop, pdfPath, join(OUT, name)]);
  const pngs = readdirSync(OUT)
    .filter((file) => new RegExp(`^${name}-\\d+\\.png$`).test(file))
    .sort()
    .map((file) => join(OUT, file));
  return {
    text,
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    width: Number(size[1]),
    height: Number(size[2]),
    fonts: poppler('pdffonts', [pdfPath]),
    pngs,
  };
}

/** How long the roll's content is, in CSS px. */
function contentHeightPx(page: Page): Promise<number> {
  return page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom));
}

/** The QR code on a printed page, read from the rasterised PDF. */
function qrOn(png: string): string | null {
  const image = PNG.sync.read(readFileSync(png));
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height)?.data ?? null;
}

function expectFields(printed: Printed, fields: string[]): void {
  for (const field of fields) expect(flat(printed.text), field).toContain(flat(field));
}

/**
 * Checked on every document: no full ID or phone number; every font embedded with its
 * Unicode map (Chromium embeds the CJK fonts as Type 3: the print needs no printer font,
 * and the text reads back — the Chinese fields above are the proof it is not garbled).
 */
function expectSafeAndReadable(printed: Printed): void {
  expect(flat(printed.text)).not.toContain(ID_NUMBER);
  expect(flat(printed.text)).not.toContain(PHONE);
  const fonts = printed.fonts.split('\n').slice(2).filter((line) => line.trim());
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) expect(line, 'embedded, with a ToUnicode map').toMatch(/\syes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
  expect(printed.text).not.toContain('\uFFFD');
}

test.beforeAll(async () => {
  poppler('pdftotext', ['-v']);
  mkdirSync(OUT, { recursive: true });
  // Monday 2026-03-02, 09:00 in Shenzhen: every date below follows from it.
  host = await startTestHost({ clock: new ManualClock(Date.parse('2026-03-02T01:00:00Z')) });
  const info = await call('admin', 'hall.info', {});
  await call('admin', 'hall.saveKioskSettings', { ...info.kiosk, statusBaseUrl: STATUS_BASE });
  await call('admin', 'receipts.saveSettings', { hotline: HOTLINE, organName: ORGAN });
  const serviceA = info.services.find((service: { letter: string }) => service.letter === 'A').id;

  const taken = await call('kiosk', 'kiosk.takeNumber', {
    serviceId: serviceA,
    language: 'zh-CN',
    person: { idNumber: ID_NUMBER, name: '李建国', phone: PHONE },
    partySize: 1,
    representatives: null,
    declaredPriority: null,
  });
  ticket = { id: taken.ticket.id, number: taken.ticket.number };

  clerk = await signInHeaders(host.url);
  const register = async (name: string, summary: string) =>
    (
      await call(
        'clerk',
        'visits.create',
        {
          person: { idNumber: ID_NUMBER, name: '李建国', phone: PHONE },
          serviceId: serviceA,
          peopleCount: 1,
          address: '光明街道东周社区东周路1号',
          problemLocationCode: 'guangming-dongzhou',
          purpose: 'seek_resolution',
          matterClass: 'appeal_request',
          categoryCode: '020101',
          summary,
          request: '要求物业公司按原标准收费，退还多收的费用',
          factsAndReasons: '物业公司自2026年1月起将物业费由每平方米2元上调至3元，未经业主大会表决。',
          firstTime: true,
          jointOrGroup: false,
        },
        clerk,
      )
    ).visit as { id: string; caseNumber: string };
  const decide = (visitId: string, decision: unknown) => call('clerk', 'visits.decide', { visitId, decision }, clerk);

  cases.accepted = await register('accepted', '物业费上涨 <script>alert("x")</script>');
  await decide(cases.accepted.id, { kind: 'accepted' });
  cases.transferred = await register('transferred', '小区电梯长期停运无人维修');
  await decide(cases.transferred.id, { kind: 'transferred', department: '区住房和建设局' });
  cases.notCompetent = await register('notCompetent', '对市级社保政策有意见');
  await decide(cases.notCompetent.id, { kind: 'not_accepted', reason: 'not_competent', competentBody: '市人力资源和社会保障局' });
  cases.litigation = await register('litigation', '对法院判决不服');
  await decide(cases.litigation.id, { kind: 'not_accepted', reason: 'legal_channel', channel: 'litigation', competentBody: '区人民法院' });
  cases.onSpot = await register('onSpot', '咨询物业费收费标准');
  await decide(cases.onSpot.id, { kind: 'answered_on_spot', answer: '物业服务收费以区发展改革局备案标准为准，已当场书面答复。' });
});

test.afterAll(async () => {
  await host?.stop();
});

test('the queue ticket: 80 mm, its fields, the QR code to the ticket’s page', async ({ page }) => {
  const document = await renderDocument({ kind: 'ticket', ticketId: ticket.id }, 'kiosk');
  expect(document.pageSize).toBe('80mm');
  const printed = await print(page, 'ticket', document);
  expect(printed.pages).toBe(1);
  expect(printed.width).toBeCloseTo((80 / 25.4) * 72, 0);
  expect(printed.height).toBeCloseTo((297 / 25.4) * 72, 0);
  expectFields(printed, ['示范区群众诉求服务中心', '投诉建议', ticket.number, '前面还有 0 人等候', '办理窗口', '取号时间：2026-03-02 09:00', '本号票不记载您的任何个人信息']);
  expect(printed.text).not.toContain('李建国');
  expectSafeAndReadable(printed);
  expect(qrOn(printed.pngs[0]!)).toBe(`${STATUS_BASE}/q/${ticket.id}`);
});

for (const language of ['zh-CN', 'zh-HK', 'en'] as const) {
  test(`the visit receipt in ${language}: 80 mm, case, decision, deadlines in words, masked numbers, the QR code to the case look-up`, async ({ page }) => {
    const document = await renderDocument({ kind: 'visit_receipt', visitId: cases.accepted!.id, language });
    const printed = await print(page, `visit-receipt-${language}`, document);
    expect(printed.pages).toBe(1);
    expect(printed.width).toBeCloseTo((80 / 25.4) * 72, 0);
    expect(printed.height).toBeCloseTo((297 / 25.4) * 72, 0);
    const masked = [`${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(-4)}`, '138****5678', cases.accepted!.caseNumber, HOTLINE, '1001'];
    const words = {
      'zh-CN': ['来访登记回执', '登记时间', '2026年3月2日 09:00', '已受理，由本机关办理', '应在 2026年5月6日 前办结并书面答复您（《信访工作条例》第三十四条）', '接待人员工号：1001', '<script>alert("x")</script>'],
      'zh-HK': ['來訪登記回執', '已受理，由本機關辦理', '應在 2026年5月6日 前辦結並書面答覆您（《信訪工作條例》第三十四條）', '接待人員工號：1001'],
      en: ['Visit receipt', 'Accepted; this office handles it', 'To be handled, with a written reply to you, by 6 May 2026 (Regulations on Letters and Visits, art. 34)', 'Received by staff no. 1001'],
    }[language];
    expectFields(printed, [...masked, ...words]);
    expect(printed.text).not.toContain('李建国');
    expect(printed.text).not.toContain('王丽');
    expectSafeAndReadable(printed);
    expect(qrOn(printed.pngs[0]!)).toBe(`${STATUS_BASE}/case/${cases.accepted!.caseNumber}`);
  });
}

const LETTERS: Array<{ name: string; case: string; kind: string; pages: number; fields: (caseNumber: string) => string[] }> = [
  {
    name: 'acceptance-notice',
    case: 'accepted',
    kind: 'acceptance_notice',
    pages: 2,
    fields: (caseNumber) => [
      '信访事项受理告知书',
      ORGAN,
      `案件编号：${caseNumber}`,
      '李建国：',
      '您于2026年3月2日以走访形式提出的关于',
      '依据《信访工作条例》第二十三条第一款“对属于本机关、单位职权范围的，应当告知信访人接收情况以及处理途径和程序”的规定，本机关已于2026年3月2日依法受理',
      '本机关将自受理之日起60日内办结，即于2026年5月6日前办结',
      `拨打咨询电话 ${HOTLINE}`,
      '第一联 信访人留存',
      '第二联 存档',
      '（印章）',
      '信访人（签收）',
    ],
  },
  {
    name: 'reception-notice',
    case: 'transferred',
    kind: 'acceptance_notice',
    pages: 2,
    fields: (caseNumber) => [
      '信访事项接收告知书',
      `案件编号：${caseNumber}`,
      '依据《信访工作条例》第二十二条第一款第一项',
      '本机关已于2026年3月2日将该事项转送 区住房和建设局 处理',
      '区住房和建设局 应当自收到之日起15日内书面告知您接收情况以及处理途径和程序（即2026年3月17日前）',
      '第一联 信访人留存',
      '第二联 存档',
    ],
  },
  {
    name: 'not-accepted-notice',
    case: 'notCompetent',
    kind: 'not_accepted_notice',
    pages: 2,
    fields: (caseNumber) => [
      '不予受理告知书',
      `案件编号：${caseNumber}`,
      '经审查，该事项不属于本机关职权范围',
      '依据《信访工作条例》第二十三条第一款“对不属于本机关、单位或者本系统职权范围的，应当告知信访人向有权处理的机关、单位提出”的规定，本机关不予受理',
      '请您向 市人力资源和社会保障局 提出',
      '2026年3月2日',
      '第一联 信访人留存',
      '第二联 存档',
    ],
  },
  {
    name: 'not-accepted-notice-litigation',
    case: 'litigation',
    kind: 'not_accepted_notice',
    pages: 2,
    fields: () => ['不予受理告知书', '依据《信访工作条例》第三十一条第一项', '请您依照法律法规规定的程序向 区人民法院 提出'],
  },
  {
    name: 'reply-opinion',
    case: 'accepted',
    kind: 'reply_opinion',
    pages: 1,
    fields: (caseNumber) => [
      '信访事项答复意见书',
      `案件编号：${caseNumber}`,
      '本机关于2026年3月2日受理',
      '一、信访请求：要求物业公司按原标准收费，退还多收的费用',
      '二、经调查核实的事实',
      '三、处理依据',
      '四、处理意见（《信访工作条例》第三十二条）',
      '□ 予以支持',
      '□ 解释说明',
      '□ 不予支持',
      '可以自收到本答复意见书之日起30日内',
      '请求复查（《信访工作条例》第三十五条',
    ],
  },
  {
    name: 'reply-opinion-on-the-spot',
    case: 'onSpot',
    kind: 'reply_opinion',
    pages: 1,
    fields: () => ['受理并当场答复如下', '物业服务收费以区发展改革局备案标准为准，已当场书面答复。', '（即2026年4月1日前）', '30日内'],
  },
];

for (const letter of LETTERS) {
  test(`A4 ${letter.name}: its fields, the legal basis in words, the copies`, async ({ page }) => {
    const visit = cases[letter.case]!;
    const document = await renderDocument({ kind: letter.kind, visitId: visit.id });
    expect(document.pageSize).toBe('A4');
    const printed = await print(page, letter.name, document);
    expect(printed.width).toBeCloseTo(595.3, 0);
    expect(printed.height).toBeCloseTo(841.9, 0);
    // Two-copy notices: each copy exactly one page; the reply one page.
    expect(printed.pages).toBe(letter.pages);
    expectFields(printed, letter.fields(visit.caseNumber));
    expectSafeAndReadable(printed);
  });
}

test('a notice the decision does not call for is refused, worded, over HTTP', async () => {
  const reply = await api(host.url, 'clerk', 'receipts.render', { kind: 'not_accepted_notice', visitId: cases.accepted!.id }, { ...clerk, 'Accept-Language': 'zh-CN' });
  expect(reply.status).toBe(409);
  expect(reply.body.error).toMatchObject({ code: 'CONFLICT', details: { params: { context: 'receipt_decision', decision: 'accepted' } } });
  expect(reply.body.error.message).toContain('不予受理告知书只用于不予受理的案件');
});
