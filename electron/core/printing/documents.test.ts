import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Printer } from '../../../shared/contract/printing-methods';
import type { Visit } from '../../../shared/contract/visit-methods';
import { legalBasisOf, type DeskDecision } from '../../../shared/domain/desk-decision';
import type { Language } from '../../../shared/domain/languages';
import { shorten } from '../../../shared/receipts/masking';
import type { Translate } from '../../../shared/receipts/receipt-kinds';
import { testPageHtml } from '../../../shared/receipts/test-page';
import { FIXTURE_CLERK, fixtureUlid, visitFixture as baseVisit } from '../../../shared/receipts/visit-fixture';
import { RECEIPT_SUMMARY_CHARS, renderVisitReceipt, type VisitReceiptContext } from '../../../shared/receipts/visit-receipt';
import { translatorFor } from '../i18n/translate';
import { describeEscPos } from './escpos';
import { renderEscPos } from './escpos-render';
import { testPageDocument } from './test-page-document';
import { visitReceiptDocument } from './visit-receipt-document';

const translate = (language: Language): Translate => {
  const t = translatorFor(language);
  return (key, params) => t(key, params ?? {}) as string;
};

// A case as visits.get answers it (ID and phone already masked): the minimum of
// shared/receipts/receipts.test.ts's fixture, with fixed ULIDs and a fixed clock.
const ULID = fixtureUlid;
const CLERK = FIXTURE_CLERK;
const SUMMARY = '小区物业费自2026年1月起上涨三成，业主多次与物业公司协商未果，要求按原合同标准收费并公开账目';

const visitFixture = (overrides: Partial<Visit> = {}): Visit => baseVisit({ summary: SUMMARY, ...overrides });

const deadline = (kind: Visit['deadlines'][number]['kind'], dueDate: string, article: { article: number; paragraph?: number }, state = 'open') =>
  ({
    kind,
    nature: kind.endsWith('_request') ? 'window' : 'duty',
    article,
    startDate: '2026-03-02',
    period: { length: 30, unit: 'calendar_days' },
    dueDate,
    status: state === 'met' ? { state, on: '2026-03-02' } : { state: state as 'open', daysLeft: 10 },
    calendarCovered: true,
  }) as Visit['deadlines'][number];

function decided(decision: DeskDecision, extra: Partial<Visit> = {}): Visit {
  const base = visitFixture();
  return visitFixture({
    decision: { decision, legalBasis: legalBasisOf(decision), decidedBy: CLERK, decidedAt: Date.parse('2026-03-03T02:00:00Z') },
    timeline: [...base.timeline, { event: { type: 'accepted', date: '2026-03-03' }, actorId: CLERK.id, actor: CLERK, note: null, recordedAt: 0 }],
    ...extra,
  } as Partial<Visit>);
}

/** Accepted: the referral deadline met (history, left off), the 60 days of art. 34 running. */
const ACCEPTED = decided(
  { kind: 'accepted' },
  { deadlines: [deadline('referral', '2026-03-17', { article: 22, paragraph: 1 }, 'met'), deadline('handling', '2026-05-06', { article: 34 })] },
);

const CONTEXT: VisitReceiptContext = {
  language: 'zh-CN',
  hallName: '示范区群众诉求服务中心',
  serviceName: '投诉建议',
  referredServiceName: null,
  timeZone: 'Asia/Shanghai',
  hotline: '0755-12345678',
  caseStatusUrl: 'https://petition.example.cn/case/DEMO-20260302-001',
};
const CONTEXT_EN: VisitReceiptContext = { ...CONTEXT, language: 'en', hallName: 'Demonstration District Public Service Centre', serviceName: 'Complaints and suggestions' };

const PRINTER: Printer = {
  id: ULID(50),
  name: '一号窗口打印机',
  role: 'window',
  windowId: ULID(51),
  address: 'tcp://192.168.1.50:9100',
  connection: 'network',
  paper: 'roll',
  paperWidthDots: 576,
  fontCoverage: 'gb2312',
  active: true,
};
const NOW = Date.parse('2026-11-24T01:05:00Z');

/** The text runs of a job, decoded by iconv-lite from the bytes the encoder wrote. */
function textRuns(bytes: Uint8Array): string[] {
  return describeEscPos(bytes)
    .filter((line) => line.includes('| TEXT '))
    .map((line) => iconv.decode(Buffer.from(line.split(' | ')[0]!.replace(/ /g, ''), 'hex'), 'gb18030'));
}

function hexOf(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The GS v 0 images of a job: where, how wide (bytes) and how high. */
function rasterImages(bytes: Uint8Array): Array<{ at: number; widthBytes: number; height: number }> {
  const images: Array<{ at: number; widthBytes: number; height: number }> = [];
  for (let i = 0; i + 8 <= bytes.length; i++) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30 && bytes[i + 3] === 0x00) {
      const widthBytes = bytes[i + 4]! | (bytes[i + 5]! << 8);
      const height = bytes[i + 6]! | (bytes[i + 7]! << 8);
      images.push({ at: i, widthBytes, height });
      i += 7 + widthBytes * height;
    }
  }
  return images;
}

/** The QR store commands of a job (GS ( k pL pH 31 50 30 d…): pL + 256 pH and the payload's bytes. */
function qrStores(bytes: Uint8Array): Array<{ length: number; payload: Buffer }> {
  const stores: Array<{ length: number; payload: Buffer }> = [];
  for (let i = 0; i + 8 <= bytes.length; i++) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x6b && bytes[i + 5] === 0x31 && bytes[i + 6] === 0x50) {
      const length = bytes[i + 3]! | (bytes[i + 4]! << 8);
      stores.push({ length, payload: Buffer.from(bytes.subarray(i + 8, i + 5 + length)) });
    }
  }
  return stores;
}

/** Each expected piece found in the runs, in this order. */
function expectInOrder(runs: string[], pieces: string[]): void {
  let at = 0;
  for (const piece of pieces) {
    const found = runs.findIndex((run, index) => index >= at && run.includes(piece));
    expect(found, `${piece} after run ${at}`).toBeGreaterThanOrEqual(at);
    at = found;
  }
}

describe('the visit receipt on the roll: golden bytes', () => {
  it('zh-CN, an accepted case with its deadline running', async () => {
    const { bytes, rasterLines, missing } = renderEscPos(visitReceiptDocument(ACCEPTED, CONTEXT, translate('zh-CN')));
    // Every character of the zh-CN receipt is in a GB2312 font: all text, no image.
    expect([rasterLines, missing]).toEqual([0, []]);
    const listing = describeEscPos(bytes);
    expect(listing.map((line) => line.split(' | ')[0]).join(' ')).toBe(hexOf(bytes));
    await expect(`${listing.join('\n')}\n`).toMatchFileSnapshot('./golden/visit-receipt.zh-CN.escpos.txt');
  });

  it('en', async () => {
    const { bytes, rasterLines } = renderEscPos(visitReceiptDocument(ACCEPTED, CONTEXT_EN, translate('en')));
    expect(rasterLines).toBe(0);
    await expect(`${describeEscPos(bytes).join('\n')}\n`).toMatchFileSnapshot('./golden/visit-receipt.en.escpos.txt');
  });
});

describe('the visit receipt on the roll: what the visitor takes home', () => {
  it('says what the HTML receipt says, in its order: case, time, masked visitor, matter, decision, what next by when, how to check, the clerk by number', () => {
    const runs = textRuns(renderEscPos(visitReceiptDocument(ACCEPTED, CONTEXT, translate('zh-CN'))).bytes);
    expectInOrder(runs, [
      '示范区群众诉求服务中心',
      '来访登记回执',
      '案件编号：DEMO-20260302-001',
      '登记时间：2026年3月2日 09:05',
      '信访人：李**',
      '证件号码：4403**********003X',
      '手机号码：138****5678',
      '服务事项：投诉建议',
      `事项概况：${shorten(SUMMARY, RECEIPT_SUMMARY_CHARS)}`,
      '处理结果',
      '已受理，由本机关办理',
      '接下来',
      '· 应在 2026年5月6日 前办结并书面答复您（《信访工作条例》第三十四条）',
      '查询办理进度',
      '输入案件编号 DEMO-20260302-001 和手机号码后四位',
      '咨询电话：0755-12345678',
      '接待人员工号：1001',
      '请妥善保管本回执。',
    ]);
    // The met referral deadline is history; the summary is cut to about two lines of the roll.
    expect(runs.join('\n')).not.toContain('2026年3月17日');
    expect(shorten(SUMMARY, RECEIPT_SUMMARY_CHARS).length).toBeLessThan(SUMMARY.length);
    // The HTML receipt carries the same lines (its table's label and value apart).
    const page = renderVisitReceipt(ACCEPTED, CONTEXT, translate('zh-CN')).html;
    for (const words of ['李**', '4403**********003X', '应在 2026年5月6日 前办结并书面答复您（《信访工作条例》第三十四条）', '接待人员工号：1001']) {
      expect(page).toContain(words);
    }
  });

  it('carries no full name, no unmasked number and no clerk name anywhere in its bytes', () => {
    for (const [context, language] of [
      [CONTEXT, 'zh-CN'],
      [CONTEXT_EN, 'en'],
      [{ ...CONTEXT, language: 'zh-HK' }, 'zh-HK'],
    ] as const) {
      const { bytes } = renderEscPos(visitReceiptDocument(ACCEPTED, context, translate(language)), { fontCoverage: 'gb18030' });
      const decoded = iconv.decode(Buffer.from(bytes), 'gb18030');
      expect(decoded).toContain('4403**********003X');
      expect(decoded).toContain('138****5678');
      expect(decoded).toContain('1001');
      expect(decoded).not.toContain('李建国');
      expect(decoded).not.toContain('王丽');
      expect(decoded).not.toMatch(/\d{17}[\dX]/); // an 18-digit ID number
      expect(decoded).not.toMatch(/1\d{10}/); // an 11-digit mobile number
    }
  });

  it('prints the case look-up as the printer\'s own QR code: pL pH = the URL\'s UTF-8 bytes + 3', () => {
    for (const url of [CONTEXT.caseStatusUrl, 'https://信访.example.cn/案件/DEMO-20260302-001']) {
      const { bytes } = renderEscPos(visitReceiptDocument(ACCEPTED, { ...CONTEXT, caseStatusUrl: url }, translate('zh-CN')));
      const stores = qrStores(bytes);
      expect(stores).toHaveLength(1);
      const utf8 = Buffer.from(url, 'utf8');
      expect(stores[0]!.length).toBe(utf8.length + 3);
      expect(Buffer.compare(stores[0]!.payload, utf8)).toBe(0);
    }
  });

  it('a rare-character name is masked to its first character; a summary with 堃 goes through the image path', () => {
    const visit = decided(
      { kind: 'accepted' },
      {
        visitor: { id: ULID(2), name: '吉𠮷', idMasked: '4403**********003X', phoneMasked: '138****5678' },
        summary: '王堃反映小区物业费上涨，要求公开账目',
        deadlines: [deadline('handling', '2026-05-06', { article: 34 })],
      } as Partial<Visit>,
    );
    const { bytes, rasterLines, missing } = renderEscPos(visitReceiptDocument(visit, CONTEXT, translate('zh-CN')));
    expect(missing).toEqual([]);
    // The name masks to 吉* (𠮷 is never printed); the summary's line is the one image.
    const runs = textRuns(bytes);
    expect(runs).toContain('信访人：吉*');
    expect(runs.some((run) => run.includes('王堃') || run.includes('事项概况'))).toBe(false);
    expect(rasterLines).toBe(1);
    const images = rasterImages(bytes);
    expect(images.map((image) => [image.widthBytes, image.height])).toEqual([[72, 24]]);
    // The next line is text again, right after the image's data.
    expect(hexOf(bytes.subarray(images[0]!.at + 8 + 72 * 24, images[0]!.at + 8 + 72 * 24 + 3))).toBe('1b 61 00');
    expect(iconv.decode(Buffer.from(bytes), 'gb18030')).not.toContain('𠮷');
  });

  it('a case of unclear identity shows no numbers; no phone says so; no hotline leaves the line out; several people are counted', () => {
    const t = translate('zh-CN');
    const unclear = textRuns(renderEscPos(visitReceiptDocument(visitFixture({ visitor: null, identityUnclear: true }), CONTEXT, t)).bytes);
    expect(unclear).toContain('信访人：姓名、住址不清');
    expect(unclear.join('\n')).not.toMatch(/证件号码|手机号码：|为保护您的信息/);
    expect(unclear).toContain('已登记，尚未作出处理决定');
    expect(unclear).toContain('本事项目前没有正在计算的期限。');
    const noPhone = visitFixture({ visitor: { id: ULID(2), name: '李建国', idMasked: '4403**********003X', phoneMasked: null }, peopleCount: 3 });
    const runs = textRuns(renderEscPos(visitReceiptDocument(noPhone, { ...CONTEXT, hotline: null }, t)).bytes);
    expect(runs).toContain('手机号码：未留');
    expect(runs).toContain('来访人数：3 人');
    expect(runs.join('\n')).not.toContain('咨询电话');
  });

  it('is worded in the visitor\'s language: zh-HK on a GBK printer, all as text', () => {
    const { bytes, rasterLines } = renderEscPos(visitReceiptDocument(ACCEPTED, { ...CONTEXT, language: 'zh-HK', hallName: '示範區群眾訴求服務中心', serviceName: '投訴建議' }, translate('zh-HK')), {
      fontCoverage: 'gbk',
    });
    expect(rasterLines).toBe(0);
    const runs = textRuns(bytes);
    expect(runs).toContain('來訪登記回執');
    expect(runs).toContain('· 應在 2026年5月6日 前辦結並書面答覆您（《信訪工作條例》第三十四條）');
    expect(runs).toContain('接待人員工號：1001');
  });
});

describe('the printer test page (ESC/POS)', () => {
  it('golden bytes on a GB2312 printer: the rare characters as raster lines', async () => {
    const { bytes, rasterLines, missing } = renderEscPos(testPageDocument(PRINTER, { now: NOW, timeZone: 'Asia/Shanghai', language: 'zh-CN' }, translate('zh-CN')), {
      paperWidthDots: PRINTER.paperWidthDots,
      fontCoverage: PRINTER.fontCoverage,
    });
    expect(missing).toEqual([]);
    expect(rasterLines).toBe(1);
    const listing = describeEscPos(bytes);
    expect(listing.filter((line) => line.includes('GS v 0 raster'))).toHaveLength(1);
    await expect(`${listing.join('\n')}\n`).toMatchFileSnapshot('./golden/test-page.gb2312.escpos.txt');
  });

  it('shows the printer, its paper and font, the time in the hall\'s zone, the samples, and says which characters go as images', () => {
    const { bytes } = renderEscPos(testPageDocument(PRINTER, { now: NOW, timeZone: 'Asia/Shanghai', language: 'zh-CN' }, translate('zh-CN')));
    expectInOrder(textRuns(bytes), [
      '打印机测试页',
      '打印机：一号窗口打印机',
      '地址：tcp://192.168.1.50:9100',
      '纸张：80 毫米卷纸',
      '字库：GB2312（常用汉字）',
      '打印时间：2026-11-24 09:05',
      '信访工作条例 一张笑脸相迎，一杯热茶相敬，一个说法相送',
      '0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      '以下生僻字以图像打印',
      '1×1 汉字 ABC 123',
      '2×2 汉字 ABC 123',
      '扫码应显示：打印机测试 一号窗口打印机',
      '如能看清以上内容，打印机工作正常',
    ]);
    expect(hexOf(bytes.subarray(-4))).toBe('1d 56 41 00'); // full cut
  });

  it('its QR code holds Chinese text, stored with pL pH counting bytes', () => {
    const { bytes } = renderEscPos(testPageDocument(PRINTER, { now: NOW, timeZone: 'Asia/Shanghai', language: 'zh-CN' }, translate('zh-CN')));
    const payload = '打印机测试 一号窗口打印机'; // 13 characters, 37 UTF-8 bytes
    const [store] = qrStores(bytes);
    expect(store!.length).toBe(Buffer.byteLength(payload, 'utf8') + 3);
    expect(store!.length).toBe(40);
    expect(store!.payload.toString('utf8')).toBe(payload);
  });

  it('a GBK printer prints 堃 from its font and 䶮 𠮷 as an image; a GB18030 printer all from its font; 58 mm paper is named and drawn 384 dots wide', () => {
    const page = (printer: Printer) =>
      renderEscPos(testPageDocument(printer, { now: NOW, timeZone: 'Asia/Shanghai', language: 'zh-CN' }, translate('zh-CN')), {
        paperWidthDots: printer.paperWidthDots,
        fontCoverage: printer.fontCoverage,
      });
    const gbk = page({ ...PRINTER, fontCoverage: 'gbk' });
    expect(gbk.rasterLines).toBe(1);
    expect(textRuns(gbk.bytes)).toEqual(expect.arrayContaining(['以下生僻字由打印机字库打印：', '堃', '字库：GBK（含繁体字）']));
    const full = page({ ...PRINTER, fontCoverage: 'gb18030' });
    expect(full.rasterLines).toBe(0);
    expect(textRuns(full.bytes)).toContain('堃 䶮 𠮷');
    expect(textRuns(full.bytes).join('\n')).not.toContain('以图像打印');
    const narrow = page({ ...PRINTER, paperWidthDots: 384 });
    expect(textRuns(narrow.bytes)).toContain('纸张：58 毫米卷纸');
    expect(rasterImages(narrow.bytes).map((image) => image.widthBytes)).toEqual([48]);
  });

  it('is worded in the admin\'s language', () => {
    const en = textRuns(renderEscPos(testPageDocument(PRINTER, { now: NOW, timeZone: 'Asia/Shanghai', language: 'en' }, translate('en'))).bytes);
    expect(en).toEqual(expect.arrayContaining(['Printer test page', 'Paper: 80 mm roll', 'Printed: 2026-11-24 09:05', 'If you can read everything above, the printer works.']));
    const hk = renderEscPos(testPageDocument(PRINTER, { now: NOW, timeZone: 'Asia/Shanghai', language: 'zh-HK' }, translate('zh-HK')), { fontCoverage: 'gbk' });
    expect(textRuns(hk.bytes)).toEqual(expect.arrayContaining(['打印機測試頁', '如能看清以上內容，打印機運作正常']));
  });
});

describe('the printer test page (HTML, for system printers)', () => {
  const SYSTEM: Printer = { ...PRINTER, name: 'HP <LaserJet> "A4"', address: 'system:HP_LaserJet', connection: 'system', paper: 'A4' };

  it('A4 for an A4 printer, 80 mm for a roll; the same content, the QR code as inline SVG, no script', () => {
    const a4 = testPageHtml(SYSTEM, { now: NOW, timeZone: 'Asia/Shanghai', language: 'zh-CN' }, translate('zh-CN'));
    expect(a4.pageSize).toBe('A4');
    expect(a4.title).toBe('打印机测试页 HP <LaserJet> "A4"');
    for (const words of [
      '打印机测试页',
      '地址：system:HP_LaserJet',
      '纸张：A4 纸',
      '打印时间：2026-11-24 09:05',
      '信访工作条例 一张笑脸相迎，一杯热茶相敬，一个说法相送',
      '堃 䶮 𠮷',
      '2×2 汉字 ABC 123',
      '如能看清以上内容，打印机工作正常',
    ]) {
      expect(a4.html).toContain(words);
    }
    // The printer's name is text, escaped everywhere it appears.
    expect(a4.html).toContain('打印机：HP &lt;LaserJet&gt; &quot;A4&quot;');
    expect(a4.html).not.toContain('<LaserJet>');
    expect(a4.html).toMatch(/<svg class="qr"[^>]*aria-label="打印机测试 HP &lt;LaserJet&gt; &quot;A4&quot;"/);
    expect(a4.html).not.toMatch(/<script/i);
    expect(a4.html).toContain("default-src 'none'");
    const roll = testPageHtml({ ...SYSTEM, paper: 'roll' }, { now: NOW, timeZone: 'Asia/Shanghai', language: 'en' }, translate('en'));
    expect(roll.pageSize).toBe('80mm');
    expect(roll.html).toContain('Paper: 80 mm roll');
    expect(roll.html).toContain('lang="en"');
  });
});
