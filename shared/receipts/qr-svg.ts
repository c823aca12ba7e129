import { create } from 'qrcode';
import { html, trustedHtml, type SafeHtml } from './html';

/** The quiet zone the QR standard asks for, in modules. */
const QUIET_ZONE = 4;

/**
 * A QR code as inline SVG, `sizeMm` wide, dark on white with its quiet zone: no image
 * file, no script, so it prints from the HTML alone. The `qrcode` package encodes it
 * (its synchronous `create`; a string goes in byte mode as UTF-8); the modules are drawn
 * here as one path of horizontal runs.
 */
export function qrSvg(payload: string, options: { sizeMm: number; label: string; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): SafeHtml {
  const { modules } = create(payload, { errorCorrectionLevel: options.errorCorrectionLevel ?? 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`;
    }
  }
  const size = modules.size + QUIET_ZONE * 2;
  return html`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${options.sizeMm}mm" height="${options.sizeMm}mm" role="img" aria-label="${options.label}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>${trustedHtml(`<path d="${path}" fill="#000"/>`)}</svg>`;
}
