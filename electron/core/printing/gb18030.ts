import iconv from 'iconv-lite';
import type { PRINTER_FONT_COVERAGES } from '../../../shared/contract/printing-methods';

/**
 * Which characters the printer's own font can print. Chinese thermal printers take
 * GB18030 in Chinese mode (FS &), but their resident font covers GB2312 (6,763 hanzi)
 * on most models, GBK (21,003) on some; the rest — rare name characters (生僻字) such
 * as 堃 (GBK only), 䶮 and 𠮷 (4-byte GB18030) — comes out blank, as a box or as a
 * wrong character. Those lines are printed as a raster image instead (escpos-render.ts).
 *
 * - `gb2312`: ASCII, and the two-byte codes GB 2312-80 assigns (`GB2312_RANGES`: its
 *   682 symbols in rows 1–9, its 6,763 hanzi in rows 16–87). Not the codes GBK and
 *   GB18030 added in those rows (€ A2E3, ⅰ–ⅹ A2A1–A2AA, ɑ ḿ ń ň ǹ ɡ A8BB–A8C0, the vertical
 *   punctuation A6E0–A6F5 …), which a GB2312 font does not have. The safe default.
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

/**
 * The two-byte codes of GB 2312-80's characters (EUC-CN), as [first, last] pairs of
 * lead << 8 | trail. Rows 1–9 hold the symbols with gaps; rows 16–55 (B0–D7) the
 * first-level hanzi, which end at D7F9; rows 56–87 (D8–F7) the second level.
 */
export const GB2312_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0xa1a1, 0xa1fe], // punctuation and signs
  [0xa2b1, 0xa2e2], // numbers: ⒈–⒇, ⑴–⒇, ①–⑩, ㈠–㈩
  [0xa2e5, 0xa2ee],
  [0xa2f1, 0xa2fc], // Roman numerals Ⅰ–Ⅻ
  [0xa3a1, 0xa3fe], // full-width ASCII
  [0xa4a1, 0xa4f3], // hiragana
  [0xa5a1, 0xa5f6], // katakana
  [0xa6a1, 0xa6b8], // Greek
  [0xa6c1, 0xa6d8],
  [0xa7a1, 0xa7c1], // Cyrillic
  [0xa7d1, 0xa7f1],
  [0xa8a1, 0xa8ba], // pinyin letters with tones
  [0xa8c5, 0xa8e9], // zhuyin (bopomofo)
  [0xa9a4, 0xa9ef], // box drawing
  [0xb0a1, 0xd7f9], // hanzi, level 1
  [0xd8a1, 0xf7fe], // hanzi, level 2
];

/** Whether a two-byte code is one of GB2312's characters (ranges per row: the trail byte is A1–FE). */
function inGb2312(lead: number, trail: number): boolean {
  if (trail < 0xa1 || trail > 0xfe) return false;
  const code = (lead << 8) | trail;
  return GB2312_RANGES.some(([first, last]) => code >= first && code <= last);
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
  else prints = inGb2312(bytes[0]!, bytes[1]!);
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
