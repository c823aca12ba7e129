import { cmd, LF, QR_MAX_BYTES } from './escpos';
import { encodeGb18030, fontPrints, printableText, type FontCoverage } from './gb18030';
import { defaultRasterizer, type RasterStyle, type TextRasterizer } from './raster';
import type { ReceiptDocument, TextBlock } from './receipt-model';

export interface EscPosOptions {
  /** Printable width in dots: 576 on 80 mm paper, 384 on 58 mm (203 dpi). */
  paperWidthDots?: number;
  /** What the printer's resident font prints (gb18030.ts). Default gb2312. */
  fontCoverage?: FontCoverage;
  /** Draws what the font cannot; default the canvas rasterizer; null: none (the stand-in character is printed). */
  rasterizer?: TextRasterizer | null;
}

export interface EscPosResult {
  bytes: Uint8Array;
  /** Raster lines printed for text the font cannot print. */
  rasterLines: number;
  /** Characters neither the font nor a rasterizer could print (printed as 〓). */
  missing: string[];
}

/** 〓 (GB2312 A1FA), the typesetters' mark for a character the font lacks. */
export const STAND_IN = '\u3013';

export class EscPosError extends Error {
  constructor(readonly reason: 'qr_too_long' | 'bad_size' | 'bad_feed') {
    super(reason);
    this.name = 'EscPosError';
  }
}

const DOTS_PER_COLUMN = 12; // font A: 12 × 24

/**
 * Renders a receipt to the bytes of one print job: ESC @, Chinese mode (FS &), then
 * each block. Text goes as GB18030; a paragraph holding a character the printer's font
 * cannot print goes instead as raster lines (GS v 0) drawn from a CJK font, wrapped and
 * aligned here, so the name prints as the visitor wrote it. QR codes are the printer's
 * own (GS ( k), stored as UTF-8 with pL pH counting bytes.
 */
export function renderEscPos(document: ReceiptDocument, options: EscPosOptions = {}): EscPosResult {
  const widthDots = options.paperWidthDots ?? 576;
  const coverage = options.fontCoverage ?? 'gb2312';
  const rasterizer = options.rasterizer === undefined ? defaultRasterizer() : options.rasterizer;
  const out = new ByteWriter();
  const missing: string[] = [];
  let rasterLines = 0;

  out.push(cmd.initialize(), cmd.chineseOn());
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'text': {
        const style = styleOf(block);
        const value = printableText(block.text);
        const rare = [...value].filter((character) => !fontPrints(character, coverage));
        if (rare.length > 0 && rasterizer) {
          out.push(cmd.align('left'), cmd.size(1, 1), cmd.bold(false));
          for (const line of rasterizer.wrap(value, style, widthDots)) {
            out.push(cmd.raster(rasterizer.render(line, style, widthDots)));
            rasterLines++;
          }
          break;
        }
        for (const character of rare) if (!missing.includes(character)) missing.push(character);
        const printed = rare.length > 0 ? [...value].map((character) => (fontPrints(character, coverage) ? character : STAND_IN)).join('') : value;
        out.push(cmd.align(style.align), cmd.size(style.width, style.height), cmd.bold(style.bold), encodeGb18030(printed), [LF]);
        break;
      }
      case 'qr': {
        const payload = new TextEncoder().encode(block.payload);
        const level = block.errorLevel ?? 'M';
        if (payload.length === 0 || payload.length > QR_MAX_BYTES[level]) throw new EscPosError('qr_too_long');
        const moduleSize = block.moduleSize ?? 6;
        if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) throw new EscPosError('bad_size');
        out.push(
          cmd.align(block.align ?? 'center'),
          cmd.qrModel(),
          cmd.qrModuleSize(moduleSize),
          cmd.qrErrorLevel(level),
          cmd.qrStore(payload),
          cmd.qrPrint(),
          [LF],
        );
        break;
      }
      case 'rule':
        out.push(cmd.align('left'), cmd.size(1, 1), cmd.bold(false), encodeGb18030('-'.repeat(Math.floor(widthDots / DOTS_PER_COLUMN))), [LF]);
        break;
      case 'feed':
        if (!Number.isInteger(block.lines) || block.lines < 0 || block.lines > 255) throw new EscPosError('bad_feed');
        out.push(cmd.feed(block.lines));
        break;
      case 'cut':
        out.push(cmd.cut(block.partial ?? false));
        break;
    }
  }
  return { bytes: out.bytes(), rasterLines, missing };
}

function styleOf(block: TextBlock): RasterStyle {
  const multiplier = (value: number | undefined) => {
    const m = value ?? 1;
    if (!Number.isInteger(m) || m < 1 || m > 8) throw new EscPosError('bad_size');
    return m;
  };
  return { align: block.align ?? 'left', width: multiplier(block.width), height: multiplier(block.height), bold: block.bold ?? false };
}

class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;
  push(...chunks: Array<ArrayLike<number>>): void {
    for (const chunk of chunks) {
      const part = chunk instanceof Uint8Array ? chunk : Uint8Array.from(chunk);
      this.parts.push(part);
      this.length += part.length;
    }
  }
  bytes(): Uint8Array {
    const all = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      all.set(part, at);
      at += part.length;
    }
    return all;
  }
}
