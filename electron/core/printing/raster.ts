import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Align } from './receipt-model';

/**
 * A line of text as a 1-bit image for GS v 0: `widthBytes` × 8 dots across, `height`
 * rows, `data` row after row, the leftmost dot in the high bit, 1 = black.
 */
export interface Bitmap {
  widthBytes: number;
  height: number;
  data: Uint8Array;
}

/** Draws text the printer's font cannot print. */
export interface TextRasterizer {
  /** The lines `text` takes at this size when wrapped to `widthDots`. */
  wrap(text: string, style: RasterStyle, widthDots: number): string[];
  /** One line, `widthDots` wide (a multiple of 8), aligned inside it; `24 × height` rows. */
  render(line: string, style: RasterStyle, widthDots: number): Bitmap;
}

export interface RasterStyle {
  align: Align;
  width: number;
  height: number;
  bold: boolean;
}

/** The height of the printer's font A in dots: a hanzi is 24 × 24 at 203 dpi. */
export const FONT_DOTS = 24;

/**
 * CJK fonts looked for, in order: Debian's fonts-noto-cjk (the Linux hosts and CI),
 * then what Windows ships (SimSun-ExtB carries the Extension B characters such as 𠮷).
 * The weights of one family (`NotoSansCJK-Regular` / `-Bold`) are registered as one, so
 * bold text is drawn with the bold face; without one Skia emboldens the regular.
 */
export const DEFAULT_RASTER_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
  'C:\\Windows\\Fonts\\simsunb.ttf',
];

type Canvas = typeof import('@napi-rs/canvas');

/**
 * The rasterizer on @napi-rs/canvas (Skia, prebuilt binaries on npm for Linux, Windows
 * and macOS: no compiler, no system Cairo). Skia opens the .ttc collections that
 * fonts-noto-cjk ships (opentype.js cannot: "Unsupported OpenType signature ttcf") and
 * renders CFF outlines with anti-aliasing, which is thresholded at 50 % here.
 *
 * The module is loaded on first use through require(), so the Electron bundle
 * (esbuild) leaves the native addon outside, like better-sqlite3. Returns null when
 * neither the addon nor any font can be had: the encoder then prints the stand-in
 * character instead of the line (see escpos-render.ts).
 */
export function canvasRasterizer(fontFiles: readonly string[] = DEFAULT_RASTER_FONTS): TextRasterizer | null {
  let canvas: Canvas;
  try {
    canvas = createRequire(import.meta.url)('@napi-rs/canvas') as Canvas;
  } catch {
    return null;
  }
  const families: string[] = [];
  for (const file of fontFiles) {
    if (!existsSync(file)) continue;
    const base = file.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '').replace(/-(Regular|Bold|Medium|Light)$/i, '');
    const family = `"HallRaster ${base}"`;
    if (canvas.GlobalFonts.registerFromPath(file, family.slice(1, -1)) && !families.includes(family)) families.push(family);
  }
  if (families.length === 0) return null;
  const fontFamily = families.join(', ');

  // One measuring context is enough: measureText does not depend on the canvas size.
  const measure = canvas.createCanvas(8, 8).getContext('2d');
  const fontFor = (style: RasterStyle) => `${style.bold ? 'bold ' : ''}${FONT_DOTS}px ${fontFamily}`;
  const measuredWidth = (value: string, style: RasterStyle) => {
    measure.font = fontFor(style);
    return measure.measureText(value).width * style.width;
  };

  return {
    wrap(value, style, widthDots) {
      const lines: string[] = [];
      let line = '';
      for (const character of value) {
        const next = line + character;
        if (line !== '' && measuredWidth(next, style) > widthDots) {
          // Latin words are not split when a space allows.
          const space = line.lastIndexOf(' ');
          if (/[A-Za-z0-9]/.test(character) && space > 0) {
            lines.push(line.slice(0, space));
            line = line.slice(space + 1) + character;
          } else {
            lines.push(line);
            line = character === ' ' ? '' : character;
          }
        } else line = next;
      }
      if (line !== '' || lines.length === 0) lines.push(line);
      return lines;
    },
    render(line, style, widthDots) {
      const widthBytes = Math.ceil(widthDots / 8);
      const width = widthBytes * 8;
      const height = FONT_DOTS * style.height;
      const surface = canvas.createCanvas(width, height);
      const context = surface.getContext('2d');
      context.font = fontFor(style);
      context.textBaseline = 'top';
      context.fillStyle = '#000';
      const textWidth = context.measureText(line).width * style.width;
      const x = style.align === 'center' ? Math.max(0, (width - textWidth) / 2) : style.align === 'right' ? Math.max(0, width - textWidth) : 0;
      context.setTransform(style.width, 0, 0, style.height, x, 0);
      context.fillText(line, 0, 0);
      const rgba = context.getImageData(0, 0, width, height).data;
      const data = new Uint8Array(widthBytes * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (rgba[(y * width + x) * 4 + 3]! >= 128) {
            const at = y * widthBytes + (x >> 3);
            data[at] = data[at]! | (0x80 >> (x & 7));
          }
        }
      }
      return { widthBytes, height, data };
    },
  };
}

let shared: TextRasterizer | null | undefined;

/** The rasterizer on the default fonts, made once per process. */
export function defaultRasterizer(): TextRasterizer | null {
  if (shared === undefined) shared = canvasRasterizer();
  return shared;
}
