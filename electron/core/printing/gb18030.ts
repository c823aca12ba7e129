import iconv from 'iconv-lite';
import type { PRINTER_FONT_COVERAGES } from '../../../shared/contract/printing-methods';

/**
 * Which characters the printer's own font can print. Chinese thermal printers take
 * GB18030 in Chinese mode (FS &), but their resident font covers GB2312 (6,763 hanzi)
 * on most models, GBK (21,003) on some; the rest — rare name characters (生僻字) such
 * as 堃 (GBK only), 䶮 and 𠮷 (4-byte GB18030) — comes out blank, as a box or as a
 * wrong character. Those lines are printed as a raster image instead (escpos-render.ts).
 *
 * - `gb2312`: ASCII, and two-byte codes with both bytes in A1–FE whose first byte is
 *   A1–A9 (symbols) or B0–F7 (hanzi). The safe default.
 * - `gbk`: ASCII and the two-byte codes of GBK's characters (not the Extension A
 *   characters and private-use code points that GB18030-2005 put in its user-defined rows).
 * - `gb18030`: everything, four-byte codes included (a printer with a full GB18030 font).
 */
export type FontCoverage = (typeof PRINTER_FONT_COVERAGES)[number];

/** GB18030 bytes of a string (iconv-lite: pure JS, the 2005 mapping, four-byte codes included). */
export function encodeGb18030(value: string): Buffer {
  return iconv.encode(value, 'gb18030');
}

export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'gb18030');
}

const cache: Record<FontCoverage, Map<string, boolean>> = { gb2312: new Map(), gbk: new Map(), gb18030: new Map() };

/** Whether the printer's font prints this character (one code point) as text. */
export function fontPrints(character: string, coverage: FontCoverage): boolean {
  const code = character.codePointAt(0)!;
  if (code >= 0x20 && code < 0x7f) return true;
  if (code < 0x20 || code === 0x7f) return false; // controls are never sent as text
  const known = cache[coverage].get(character);
  if (known !== undefined) return known;
  const bytes = encodeGb18030(character);
  let prints: boolean;
  // iconv-lite writes '?' for what GB18030 cannot hold (lone surrogates): never printable.
  if (bytes.length === 1) prints = false;
  else if (coverage === 'gb18030') prints = true;
  else if (bytes.length !== 2) prints = false;
  // GBK fonts have nothing for what GB18030-2005 maps into GBK's user-defined rows (Extension A
  // characters such as 䶮 at FE9F) nor for private-use code points.
  else if (coverage === 'gbk') prints = !((code >= 0x3400 && code <= 0x4dbf) || (code >= 0xe000 && code <= 0xf8ff));
  else {
    const [lead, trail] = [bytes[0]!, bytes[1]!];
    prints = trail >= 0xa1 && trail <= 0xfe && ((lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7));
  }
  cache[coverage].set(character, prints);
  return prints;
}

/** The characters of a text the font cannot print, each once, in order. */
export function unprintable(value: string, coverage: FontCoverage): string[] {
  const found: string[] = [];
  for (const character of value) if (!fontPrints(character, coverage) && !found.includes(character)) found.push(character);
  return found;
}

/** Control characters (and line breaks) become spaces: a visitor's text never becomes a printer command. */
export function printableText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}
