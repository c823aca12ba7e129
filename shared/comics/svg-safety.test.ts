import { describe, expect, it } from 'vitest';
import { checkSvg } from './svg-safety';

const ok = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 800 600">' +
  '<!-- a comment --><defs><linearGradient id="bg"><stop offset="0" stop-color="#fdf6ec"/></linearGradient>' +
  '<style>.o{stroke:#2b2d42}</style><g id="chair"><rect class="o" width="10" height="10"/></g></defs>' +
  '<rect width="800" height="600" fill="url(#bg)"/><use href="#chair" x="5"/><use xlink:href="#chair" x="50"/><path d="M0 0L10 10" filter="url( #shadow )"/></svg>\n';

describe('the SVG checks', () => {
  it('accept a plain panel with gradients, styles and internal references', () => {
    expect(checkSvg(ok)).toEqual([]);
  });

  it.each([
    ['<script>', ok.replace('<rect width', '<script>alert(1)</script><rect width'), '<script> is not allowed'],
    ['an event attribute', ok.replace('<rect width', '<rect onclick="x()" width'), 'event attribute onclick'],
    ['an external href', ok.replace('href="#chair"', 'href="https://example.com/a.svg#chair"'), 'refers outside the file'],
    ['an external xlink:href', ok.replace('xlink:href="#chair"', "xlink:href='other.svg#chair'"), 'refers outside the file'],
    ['javascript:', ok.replace('href="#chair"', 'href="javascript:alert(1)"'), 'javascript:'],
    ['<foreignObject>', ok.replace('</svg>', '<foreignObject><div/></foreignObject></svg>'), '<foreignObject> is not allowed'],
    ['<image>', ok.replace('</svg>', '<image href="#x"/></svg>'), '<image> is not allowed'],
    ['text in the art', ok.replace('</svg>', '<text x="1">十五</text></svg>'), '<text> is not allowed'],
    ['animation that could rewrite attributes', ok.replace('</svg>', '<set attributeName="href" to="#y"/></svg>'), '<set> is not allowed'],
    ['an external url()', ok.replace('url(#bg)', 'url(http://x/y.svg#bg)'), 'refers outside the file'],
    ['@import', ok.replace('.o{', '@import "x.css"; .o{'), '@import'],
    ['a DOCTYPE (entities)', `<!DOCTYPE svg [<!ENTITY a "b">]>${ok}`, 'DOCTYPE'],
    ['another viewBox', ok.replace('0 0 800 600', '0 0 400 300'), 'viewBox is "0 0 400 300"'],
    ['no viewBox', ok.replace(' viewBox="0 0 800 600"', ''), 'viewBox is missing'],
    ['width and height', ok.replace('viewBox=', 'width="800" height="600" viewBox='), 'width/height'],
    ['tags that do not balance', ok.replace('</g>', ''), 'closes'],
    ['an HTML root', '<html><body></body></html>', 'not <svg>'],
  ])('refuse %s', (_what, svg, message) => {
    expect(checkSvg(svg).join('\n')).toContain(message);
  });

  it('refuse 30 KB or more', () => {
    const big = ok.replace('</svg>', `<!-- ${'x'.repeat(31 * 1024)} --></svg>`);
    expect(checkSvg(big)).toEqual([expect.stringMatching(/under 30 KB/)]);
  });
});
