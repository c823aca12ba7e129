/**
 * The ESC/POS commands the terminal sends, as bytes (Epson's ESC/POS reference; the
 * Chinese models of Epson, Xprinter, Gprinter, SPRT … take the same set), and a
 * disassembler that names them again (golden files, the test printer server).
 */
import type { Bitmap } from './raster';
import { decodeGb18030 } from './gb18030';
import type { Align, QrErrorLevel } from './receipt-model';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
export const LF = 0x0a;

const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };
const QR_LEVEL: Record<QrErrorLevel, number> = { L: 48, M: 49, Q: 50, H: 51 };
/** QR model 2, byte mode: the most a symbol holds (version 40) at each level. */
export const QR_MAX_BYTES: Record<QrErrorLevel, number> = { L: 2953, M: 2331, Q: 1663, H: 1273 };

export const cmd = {
  /** ESC @: back to power-on settings. */
  initialize: () => [ESC, 0x40],
  /** FS &: Chinese (Kanji) character mode on: two-byte GB18030 codes print as hanzi. */
  chineseOn: () => [FS, 0x26],
  /** FS .: Chinese mode off. */
  chineseOff: () => [FS, 0x2e],
  /** ESC a n */
  align: (align: Align) => [ESC, 0x61, ALIGN[align]],
  /** GS ! n: width multiplier in the high nibble, height in the low, each 1–8. */
  size: (width: number, height: number) => [GS, 0x21, ((width - 1) << 4) | (height - 1)],
  /** ESC E n */
  bold: (on: boolean) => [ESC, 0x45, on ? 1 : 0],
  /** ESC d n: print and feed n lines. */
  feed: (lines: number) => [ESC, 0x64, lines],
  /** GS ( k <fn 65>: QR model 2. */
  qrModel: () => [GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
  /** GS ( k <fn 67>: module size in dots. */
  qrModuleSize: (dots: number) => [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, dots],
  /** GS ( k <fn 69>: error correction level. */
  qrErrorLevel: (level: QrErrorLevel) => [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVEL[level]],
  /**
   * GS ( k <fn 80>: store the data. pL pH count the bytes after them: cn fn m (3) and
   * the payload's bytes — UTF-8 bytes, not characters (一 is 3 bytes).
   */
  qrStore: (payload: Uint8Array) => {
    const length = payload.length + 3;
    return [GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...payload];
  },
  /** GS ( k <fn 81>: print the stored symbol. */
  qrPrint: () => [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
  /** GS v 0 m xL xH yL yH d1…dk: a raster image, normal scale. */
  raster: (bitmap: Bitmap): Uint8Array => {
    const header = [GS, 0x76, 0x30, 0x00, bitmap.widthBytes & 0xff, bitmap.widthBytes >> 8, bitmap.height & 0xff, bitmap.height >> 8];
    const bytes = new Uint8Array(header.length + bitmap.data.length);
    bytes.set(header);
    bytes.set(bitmap.data, header.length);
    return bytes;
  },
  /** GS V m n: feed to the cutter (m 65 full, 66 partial) and cut. */
  cut: (partial: boolean) => [GS, 0x56, partial ? 0x42 : 0x41, 0x00],
  /** DLE EOT n: real-time status (4: roll paper sensor). */
  status: (n: 1 | 2 | 3 | 4) => [DLE, EOT, n],
};

/** The answer to DLE EOT 4: bits 2–3 paper near its end, bits 5–6 paper gone; fixed bits 0x12. */
export function paperStatus(answer: number): { valid: boolean; paperOut: boolean; paperLow: boolean } {
  return { valid: (answer & 0x93) === 0x12, paperOut: (answer & 0x60) !== 0, paperLow: (answer & 0x0c) !== 0 };
}

/**
 * One line per command: its bytes in hex, then what it is. Text runs are decoded from
 * GB18030; a raster image shows its size and a digest of its rows, not every byte.
 * Exact: `bytes` can be rebuilt from the hex column (text and raster included).
 */
export function describeEscPos(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  const hex = (from: number, to: number) => Array.from(bytes.subarray(from, to), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const u16 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8);
  let i = 0;
  const push = (length: number, what: string) => {
    lines.push(`${hex(i, i + length)} | ${what}`);
    i += length;
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    const next = bytes[i + 1];
    if (b === ESC && next === 0x40) push(2, 'ESC @ initialize');
    else if (b === ESC && next === 0x61) push(3, `ESC a ${bytes[i + 2]} align`);
    else if (b === ESC && next === 0x45) push(3, `ESC E ${bytes[i + 2]} bold`);
    else if (b === ESC && next === 0x64) push(3, `ESC d ${bytes[i + 2]} feed`);
    else if (b === FS && next === 0x26) push(2, 'FS & Chinese mode on');
    else if (b === FS && next === 0x2e) push(2, 'FS . Chinese mode off');
    else if (b === GS && next === 0x21) {
      const n = bytes[i + 2]!;
      push(3, `GS ! ${(n >> 4) + 1}x${(n & 7) + 1} size`);
    } else if (b === GS && next === 0x28 && bytes[i + 2] === 0x6b) {
      const length = u16(i + 3);
      const fn = bytes[i + 6]!;
      const names: Record<number, string> = { 0x41: 'QR model', 0x43: 'QR module size', 0x45: 'QR error level', 0x50: 'QR store', 0x51: 'QR print' };
      if (fn === 0x50) {
        const payload = new TextDecoder().decode(bytes.subarray(i + 8, i + 5 + length));
        push(5 + length, `GS ( k pL pH=${length} QR store ${JSON.stringify(payload)}`);
      } else push(5 + length, `GS ( k ${names[fn] ?? `fn ${fn}`}`);
    } else if (b === GS && next === 0x76 && bytes[i + 2] === 0x30) {
      const widthBytes = u16(i + 4);
      const height = u16(i + 6);
      const size = widthBytes * height;
      const data = bytes.subarray(i + 8, i + 8 + size);
      let black = 0;
      for (const byte of data) for (let bit = byte; bit; bit &= bit - 1) black++;
      // The rows are listed too, so that the hex column stays exact.
      lines.push(`${hex(i, i + 8)} | GS v 0 raster ${widthBytes * 8}x${height} dots, ${black} black`);
      for (let row = 0; row < height; row++) lines.push(`${hex(i + 8 + row * widthBytes, i + 8 + (row + 1) * widthBytes)} |   row ${row}`);
      i += 8 + size;
    } else if (b === GS && next === 0x56) push(4, `GS V ${bytes[i + 2] === 0x42 ? 'partial' : 'full'} cut`);
    else if (b === DLE && next === EOT) push(3, `DLE EOT ${bytes[i + 2]} status`);
    else if (b === LF) push(1, 'LF');
    else if (b >= 0x20) {
      let end = i;
      while (end < bytes.length && bytes[end]! >= 0x20) end++;
      push(end - i, `TEXT ${JSON.stringify(decodeGb18030(bytes.subarray(i, end)))}`);
    } else push(1, `? 0x${b.toString(16)}`);
  }
  return lines;
}
