import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { TicketPrintJob } from '../ports';
import { describeEscPos } from './escpos';
import { renderEscPos, STAND_IN } from './escpos-render';
import { fontPrints } from './gb18030';
import { defaultRasterizer } from './raster';
import { cut, feed, qr, rule, text, type ReceiptDocument } from './receipt-model';
import { ticketDocument } from './ticket-document';

const TICKET: TicketPrintJob = {
  language: 'zh-CN',
  hallName: '光明区群众诉求服务大厅',
  number: 'A012',
  serviceName: '投诉建议',
  peopleAhead: 3,
  estimatedWaitMinutes: 12,
  windows: [
    { number: 1, location: '大厅东侧' },
    { number: 4, location: '' },
  ],
  issuedAt: Date.parse('2026-11-24T01:05:00Z'),
  timeZone: 'Asia/Shanghai',
  statusUrl: 'https://hall.example/q/01JDXK3T8M2V7P9Q4R5S6T7V8W',
};

/** A 来访登记回执-like receipt: the shape the document engineer's receipts take. */
const RECEIPT: ReceiptDocument = {
  blocks: [
    text('来访登记回执', { align: 'center', width: 2, height: 2, bold: true }),
    rule(),
    text('案件编号：DEMO-20261124-001'),
    text('身份证号：4403**********123X'),
    text('手机号码：138****5678'),
    text('处理意见：予以受理，60日内办结（《信访工作条例》第三十四条）', { bold: true }),
    feed(1),
    qr('https://hall.example/case/DEMO-20261124-001', { moduleSize: 5, errorLevel: 'Q' }),
    text('扫码或拨打 12345 查询办理进度', { align: 'center' }),
    feed(2),
    cut(true),
  ],
};

/** The text runs of a job, decoded by iconv-lite from the bytes the encoder wrote. */
function textRuns(bytes: Uint8Array): string[] {
  return describeEscPos(bytes)
    .filter((line) => line.includes('| TEXT '))
    .map((line) => iconv.decode(Buffer.from(line.split(' | ')[0]!.replace(/ /g, ''), 'hex'), 'gb18030'));
}

function hexOf(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The disassembly's hex column joined: must give the bytes back exactly. */
function rebuilt(listing: string[]): string {
  return listing.map((line) => line.split(' | ')[0]).join(' ');
}

function rasterImages(bytes: Uint8Array) {
  const images: Array<{ at: number; widthBytes: number; height: number; data: Uint8Array }> = [];
  for (let i = 0; i + 8 <= bytes.length; i++) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30 && bytes[i + 3] === 0x00) {
      const widthBytes = bytes[i + 4]! | (bytes[i + 5]! << 8);
      const height = bytes[i + 6]! | (bytes[i + 7]! << 8);
      images.push({ at: i, widthBytes, height, data: bytes.subarray(i + 8, i + 8 + widthBytes * height) });
      i += 7 + widthBytes * height;
    }
  }
  return images;
}

describe('ESC/POS: golden bytes per template', () => {
  it('the queue ticket (zh-CN)', async () => {
    const { bytes, rasterLines } = renderEscPos(ticketDocument(TICKET));
    expect(rasterLines).toBe(0);
    const listing = describeEscPos(bytes);
    expect(rebuilt(listing)).toBe(hexOf(bytes));
    await expect(`${listing.join('\n')}\n`).toMatchFileSnapshot('./golden/ticket.zh-CN.escpos.txt');
  });

  it('the queue ticket (en)', async () => {
    const { bytes } = renderEscPos(ticketDocument({ ...TICKET, language: 'en', hallName: 'Guangming Reception Hall', serviceName: 'Complaints and suggestions', windows: [{ number: 1, location: 'East side' }] }));
    await expect(`${describeEscPos(bytes).join('\n')}\n`).toMatchFileSnapshot('./golden/ticket.en.escpos.txt');
  });

  it('a receipt with a QR code and a cut', async () => {
    const { bytes } = renderEscPos(RECEIPT);
    const listing = describeEscPos(bytes);
    expect(rebuilt(listing)).toBe(hexOf(bytes));
    await expect(`${listing.join('\n')}\n`).toMatchFileSnapshot('./golden/receipt-qr-cut.escpos.txt');
    // Starts with ESC @ and Chinese mode, ends with the partial cut.
    expect(hexOf(bytes.subarray(0, 4))).toBe('1b 40 1c 26');
    expect(hexOf(bytes.subarray(-4))).toBe('1d 56 42 00');
  });

  it('the ticket carries no personal data and the time in the hall\'s zone', () => {
    const runs = textRuns(renderEscPos(ticketDocument(TICKET)).bytes);
    expect(runs).toContain('取号时间：2026-11-24 09:05');
    expect(runs).toContain('A012');
    expect(runs).toContain('本号票不记载您的任何个人信息');
  });
});

describe('ESC/POS: text in GB18030', () => {
  it('round-trips: iconv-lite decodes the emitted text bytes to the input', () => {
    const lines = ['光明区群众诉求服务大厅', '处理意见：予以受理（第三十四条）', 'Case DEMO-20261124-001, ¥0 — 已受理', '①②③ ＡＢＣ 〓'];
    const { bytes, rasterLines } = renderEscPos({ blocks: lines.map((line) => text(line)) }, { rasterizer: null });
    expect(rasterLines).toBe(0);
    expect(textRuns(bytes)).toEqual(lines.map((line) => [...line].map((c) => (fontPrints(c, 'gb2312') ? c : STAND_IN)).join('')));
    // Every line above but ¥ (a four-byte code; the printer's font has ￥) lies inside GB2312.
    expect(textRuns(bytes).slice(0, 2)).toEqual(lines.slice(0, 2));
    expect(textRuns(bytes)[3]).toBe(lines[3]);
  });

  it('traditional characters print as text on a GBK printer (zh-HK ticket) and round-trip', () => {
    const hk = ticketDocument({ ...TICKET, language: 'zh-HK', hallName: '光明區群眾訴求服務大廳', serviceName: '投訴建議' });
    const { bytes, rasterLines } = renderEscPos(hk, { fontCoverage: 'gbk' });
    expect(rasterLines).toBe(0);
    const runs = textRuns(bytes);
    expect(runs).toContain('光明區群眾訴求服務大廳');
    expect(runs).toContain('前面還有 3 人等候');
    // The same ticket on a GB2312-only printer: lines with 區, 號 … become images.
    expect(renderEscPos(hk, { fontCoverage: 'gb2312' }).rasterLines).toBeGreaterThan(0);
  });

  it('control characters in text never reach the printer as commands', () => {
    const { bytes } = renderEscPos({ blocks: [text('王小明\x1b@\x1dV\x00\n\x10\x04\x04')] }, { rasterizer: null });
    const listing = describeEscPos(bytes);
    expect(listing.filter((line) => line.includes('ESC @'))).toHaveLength(1); // the job's own
    expect(listing.some((line) => line.includes('GS V') || line.includes('DLE EOT'))).toBe(false);
    expect(textRuns(bytes)).toEqual(['王小明 @ V     ']);
  });
});

describe('ESC/POS: the native QR code (GS ( k)', () => {
  it('stores a Chinese payload with pL pH = its UTF-8 byte length + 3', () => {
    const payload = '信访案件 DEMO-20261124-001'; // 22 characters, 30 UTF-8 bytes
    expect([...payload].length).toBe(22);
    const { bytes } = renderEscPos({ blocks: [qr(payload, { moduleSize: 4, errorLevel: 'H' })] });
    const utf8 = Buffer.from(payload, 'utf8');
    expect(utf8.length).toBe(30);
    const store = [0x1d, 0x28, 0x6b, 30 + 3, 0x00, 0x31, 0x50, 0x30, ...utf8];
    expect(hexOf(bytes)).toContain(hexOf(store));
    expect(hexOf(bytes)).toContain('1d 28 6b 04 00 31 41 32 00'); // model 2
    expect(hexOf(bytes)).toContain('1d 28 6b 03 00 31 43 04'); // module size 4
    expect(hexOf(bytes)).toContain('1d 28 6b 03 00 31 45 33'); // level H
    expect(hexOf(bytes)).toContain('1d 28 6b 03 00 31 51 30'); // print
  });

  it('counts past 255 bytes into pH', () => {
    const payload = '来访'.repeat(50); // 100 characters, 300 bytes: 303 = 0x012f
    const { bytes } = renderEscPos({ blocks: [qr(payload)] });
    expect(hexOf(bytes)).toContain(`1d 28 6b 2f 01 31 50 30 ${hexOf(Buffer.from(payload, 'utf8'))} 1d 28 6b 03 00 31 51 30`);
  });

  it('refuses a payload no QR code can hold', () => {
    expect(() => renderEscPos({ blocks: [qr('访'.repeat(800), { errorLevel: 'H' })] })).toThrow('qr_too_long');
    expect(() => renderEscPos({ blocks: [qr('')] })).toThrow('qr_too_long');
  });
});

describe('ESC/POS: characters the printer cannot print take the raster path', () => {
  const rasterizer = defaultRasterizer();

  it('finds a CJK font and can draw', () => {
    expect(rasterizer).not.toBeNull();
  });

  it.each(['堃', '䶮', '𠮷'])('a name with %s prints as a GS v 0 image of consistent size', (character) => {
    expect(fontPrints(character, 'gb2312')).toBe(false);
    const name = `来访人：王${character}`;
    const { bytes, rasterLines, missing } = renderEscPos({ blocks: [text(name), text('身份证号：4403**********123X')] });
    expect(missing).toEqual([]);
    expect(rasterLines).toBe(1);
    const images = rasterImages(bytes);
    expect(images).toHaveLength(1);
    const image = images[0]!;
    // 80 mm paper: 576 dots = 72 bytes across; one line of the 24-dot font.
    expect(image.widthBytes).toBe(72);
    expect(image.height).toBe(24);
    expect(image.data.length).toBe(72 * 24);
    // The next command starts right after the declared size: ESC a of the next line.
    expect(hexOf(bytes.subarray(image.at + 8 + 72 * 24, image.at + 8 + 72 * 24 + 3))).toBe('1b 61 00');
    const black = image.data.reduce((sum, byte) => sum + byte.toString(2).replace(/0/g, '').length, 0);
    expect(black).toBeGreaterThan(200); // the glyphs were drawn
    // The rare character is not sent as text; the next line still is.
    expect(textRuns(bytes)).toEqual(['身份证号：4403**********123X']);
  });

  it('scales and wraps a raster paragraph', () => {
    const long = `申请人：${'王堃'.repeat(20)}`;
    const { bytes, rasterLines } = renderEscPos({ blocks: [text(long, { width: 2, height: 2, align: 'center' })] });
    expect(rasterLines).toBeGreaterThan(1);
    for (const image of rasterImages(bytes)) expect([image.widthBytes, image.height]).toEqual([72, 48]);
  });

  it('a GBK printer prints 堃 as text; 䶮 (Extension A, FE9F in GB18030-2005) and 𠮷 (four bytes) still as images', () => {
    expect(renderEscPos({ blocks: [text('王堃')] }, { fontCoverage: 'gbk' }).rasterLines).toBe(0);
    expect(renderEscPos({ blocks: [text('李䶮')] }, { fontCoverage: 'gbk' }).rasterLines).toBe(1);
    expect(renderEscPos({ blocks: [text('吉𠮷')] }, { fontCoverage: 'gbk' }).rasterLines).toBe(1);
    expect(Buffer.from(iconv.encode('𠮷', 'gb18030')).length).toBe(4);
  });

  // GBK and GB18030 added characters in GB2312's own symbol rows: a GB2312 font has none of them.
  const GBK_ADDITIONS: Array<[string, string]> = [
    ['€', 'A2E3'],
    ['ⅰ', 'A2A1'],
    ['ⅹ', 'A2AA'],
    ['ɑ', 'A8BB'],
    ['ɡ', 'A8C0'],
    ['︵', 'A6E0'],
    ['︴', 'A6F5'],
  ];

  it.each(GBK_ADDITIONS)('%s (%s, added by GBK in a GB2312 row) takes the raster path on a GB2312 printer, not on a GBK one', (character, code) => {
    expect(hexOf(iconv.encode(character, 'gb18030')).replace(' ', '').toUpperCase()).toBe(code);
    expect(fontPrints(character, 'gb2312')).toBe(false);
    expect(renderEscPos({ blocks: [text(`金额：100${character}`)] }, { fontCoverage: 'gb2312' }).rasterLines).toBe(1);
    expect(renderEscPos({ blocks: [text(`金额：100${character}`)] }, { fontCoverage: 'gb2312', rasterizer: null }).missing).toEqual([character]);
    expect(renderEscPos({ blocks: [text(`金额：100${character}`)] }, { fontCoverage: 'gbk' }).rasterLines).toBe(0);
  });

  it("GB2312's own characters print as text: hanzi of both levels and the symbols at the ranges' ends", () => {
    // 啊 B0A1 … 座 D7F9 (level 1 ends there), 亍 D8A1 … 齄 F7FE; ⒈ A2B1, ⑩ A2E2, ㈠ A2E5, ㈩ A2EE, Ⅰ A2F1, Ⅻ A2FC,
    // ぁ A4A1, ヶ A5F6, Α A6A1, ω A6D8, А A7A1, я A7F1, ā A8A1, ㄅ A8C5, ㄩ A8E9, ─ A9A4, ╋ A9EF, 〓 A1FE.
    const lines = ['啊座亍齄：来访登记回执《信访工作条例》', '⒈⑩㈠㈩ⅠⅫ', 'ぁヶΑωАя', 'āㄅㄩ─╋〓', '（ＡＢＣ１２３）'];
    for (const line of lines) {
      expect(renderEscPos({ blocks: [text(line)] }, { fontCoverage: 'gb2312' }).rasterLines, line).toBe(0);
      expect(renderEscPos({ blocks: [text(line)] }, { fontCoverage: 'gb2312', rasterizer: null }).missing, line).toEqual([]);
    }
  });

  it('58 mm paper: 384 dots', () => {
    const images = rasterImages(renderEscPos({ blocks: [text('王堃')] }, { paperWidthDots: 384 }).bytes);
    expect(images.map((image) => image.widthBytes)).toEqual([48]);
  });

  it('without a rasterizer the stand-in 〓 is printed and the character reported', () => {
    const { bytes, missing, rasterLines } = renderEscPos({ blocks: [text('王堃')] }, { rasterizer: null });
    expect(rasterLines).toBe(0);
    expect(missing).toEqual(['堃']);
    expect(textRuns(bytes)).toEqual(['王〓']);
  });
});
