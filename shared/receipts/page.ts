import type { Language } from '../domain/languages';
import { html, trustedHtml, type SafeHtml } from './html';

/** How a document is printed: an 80 mm thermal roll or an A4 sheet. */
export type PageSize = '80mm' | 'A4';

/**
 * The page geometry each size prints with. 80 mm roll: 72 mm printable (576 dots at
 * 203 dpi), 4 mm each side; no fixed length — the CSS names the drivers' usual roll form
 * (80 × 297 mm), a PDF of it is one page the content's height. A4: the margins of
 * GB/T 9704-2012 (top 37, bottom 35, left 28, right 26 mm: a 156 × 225 mm text block).
 */
export const PAGE_GEOMETRY = {
  '80mm': { widthMm: 80, formHeightMm: 297, printableWidthMm: 72 },
  A4: { widthMm: 210, heightMm: 297, marginsMm: { top: 37, right: 26, bottom: 35, left: 28 } },
} as const;

/**
 * The system's Noto CJK (Debian's fonts-noto-cjk) first, then what Windows and macOS
 * hosts have, by script: simplified, traditional (Hong Kong forms) and Latin with CJK
 * behind it for names. The `lang` attribute of the page picks the right glyph forms too.
 */
const SANS: Record<Language, string> = {
  'zh-CN': '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif',
  'zh-HK': '"Noto Sans CJK HK", "Noto Sans CJK TC", "Source Han Sans HC", "Microsoft JhengHei", "PingFang HK", sans-serif',
  en: '"Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
};
/** Formal letters: a Song / Ming serif, as official documents are set (仿宋 where the host has it). */
const SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "FangSong", "STFangsong", "SimSun", "Songti SC", serif';

const HTML_LANG: Record<Language, string> = { 'zh-CN': 'zh-Hans-CN', 'zh-HK': 'zh-Hant-HK', en: 'en' };

/** The roll: black on white only (thermal paper), nothing wider than the printable 72 mm. */
const ROLL_CSS = `
@page { size: 80mm 297mm; margin: 0; }
html { width: 80mm; margin: 0; padding: 0; background: #fff; }
body { width: 72mm; margin: 0 4mm; padding: 3mm 0 6mm; color: #000; font-size: 10pt; line-height: 1.45; overflow-wrap: anywhere; word-break: normal; line-break: strict; }
* { box-sizing: border-box; }
.center { text-align: center; }
.hall { font-size: 11pt; font-weight: 700; text-align: center; }
.doc-title { font-size: 13pt; font-weight: 700; text-align: center; margin: 1mm 0 0; letter-spacing: 0.1em; }
.rule { border: 0; border-top: 0.4mm dashed #000; margin: 2mm 0; }
.service { font-size: 14pt; font-weight: 700; text-align: center; margin-top: 1mm; }
.number { font-size: 46pt; line-height: 1.1; font-weight: 700; text-align: center; letter-spacing: 0.04em; margin: 1mm 0; }
.fields { width: 100%; border-collapse: collapse; }
.fields th { text-align: left; vertical-align: top; font-weight: 700; white-space: nowrap; padding: 0.4mm 2mm 0.4mm 0; width: 1%; }
.fields td { vertical-align: top; padding: 0.4mm 0; }
.block-title { font-weight: 700; margin: 1mm 0 0.5mm; }
ul.lines { margin: 0; padding: 0 0 0 4mm; }
ul.lines li { margin: 0.5mm 0; }
.qr-box { text-align: center; margin: 2mm 0 1mm; }
.qr-box svg { display: inline-block; }
.small { font-size: 8.5pt; }
.keep { display: inline-block; max-width: 100%; }
.mono { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; letter-spacing: 0.02em; }
`;

const LETTER_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${SERIF}; font-size: 14pt; line-height: 1.5; overflow-wrap: anywhere; line-break: strict; }
.copy { position: relative; }
.copy-head { display: flex; justify-content: flex-end; margin: 0 0 2mm; }
.copy + .copy { break-before: page; }
.copy-label { font-size: 10.5pt; line-height: 1.4; border: 0.3mm solid #000; padding: 0.5mm 2mm; }
.organ { text-align: center; font-size: 16pt; letter-spacing: 0.1em; margin: 0; }
.letter-title { text-align: center; font-size: 22pt; font-weight: 700; letter-spacing: 0.15em; margin: 0 0 2mm; }
.doc-number { text-align: right; font-size: 12pt; margin: 0 0 3mm; }
.addressee { margin: 0; }
p.para { text-indent: 2em; margin: 0; text-align: justify; }
.fill { display: block; border-bottom: 0.3mm solid #000; height: 1.5em; margin: 0 0 0 2em; }
.label { font-weight: 700; }
.choices { margin: 0 0 0 2em; }
.closing { break-inside: avoid; }
.signature { margin: 2mm 0 0 auto; padding-top: 11mm; width: 80mm; text-align: center; position: relative; }
.seal { box-sizing: border-box; display: block; width: 32mm; height: 32mm; border: 0.4mm dashed #000; border-radius: 50%; padding-top: 6mm; font-size: 10.5pt; line-height: 1.4; color: #444; position: absolute; left: 50%; top: 0; transform: translateX(-50%); }
.signature p { margin: 0; position: relative; }
.blank-inline { display: inline-block; width: 45mm; border-bottom: 0.3mm solid #000; height: 1em; }
.receipt-line { margin-top: 8mm; border-top: 0.3mm solid #000; padding-top: 2mm; font-size: 12pt; }
.receipt-line p { margin: 0; }
.note { font-size: 11pt; }
`;

/**
 * A whole document: one HTML page with its print style sheet inline and a policy that
 * allows no script, no request and no font download — it prints from itself alone, and
 * even markup that slipped through escaping could not run.
 */
export function documentPage(options: { language: Language; title: string; pageSize: PageSize; body: SafeHtml }): string {
  const css = options.pageSize === '80mm' ? `${ROLL_CSS}\nbody { font-family: ${SANS[options.language]}; }` : LETTER_CSS;
  return html`<!doctype html>
<html lang="${HTML_LANG[options.language]}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${options.title}</title>
<style>${trustedHtml(css)}</style>
</head>
<body class="${options.pageSize === '80mm' ? 'roll' : 'a4'}">
${options.body}
</body>
</html>
`.value;
}
