/**
 * The safety and style checks of a comic panel's SVG (STYLE.md "Canvas"). The reader
 * shows panels as images (`<img>` with a data URL: no script runs, no style or id leaks
 * into the page), and the core refuses a pack whose SVGs fail these checks, so that a
 * pack from anywhere cannot carry active content:
 *
 * - well-formed enough to parse: tags balance, no DOCTYPE or entity declarations;
 * - no `<script>`, `<foreignObject>`, `<image>`, `<a>`, embedded documents, animation
 *   (`<set>`/`<animate…>` can rewrite attributes), and no `<text>` (every word is in the pack);
 * - no event attributes (`on…`), no `href`/`xlink:href` but `#fragment`, no `url(…)` but
 *   `url(#…)`, no `@import`, no `javascript:`;
 * - the root is `<svg viewBox="0 0 800 600">` with no width/height;
 * - under 30 KB.
 */

export const SVG_MAX_BYTES = 30 * 1024;
export const SVG_VIEW_BOX = '0 0 800 600';

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'foreignobject', 'image', 'a', 'iframe', 'embed', 'object', 'audio', 'video', 'canvas', 'html', 'body',
  'text', 'tspan', 'textpath', 'set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor', 'discard', 'handler', 'listener',
]);

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

/** Problems with an SVG file's text (empty when it is fine). `byteLength` is the file's size in bytes. */
export function checkSvg(text: string, byteLength = new TextEncoder().encode(text).length): string[] {
  const problems: string[] = [];
  if (byteLength >= SVG_MAX_BYTES) problems.push(`${(byteLength / 1024).toFixed(1)} KB: an SVG must stay under ${SVG_MAX_BYTES / 1024} KB`);
  if (/javascript\s*:/i.test(text)) problems.push('contains "javascript:"');
  if (/@import/i.test(text)) problems.push('contains @import');
  for (const match of text.matchAll(/url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) {
    if (!match[2]!.trim().startsWith('#')) problems.push(`url(${match[2]}) refers outside the file (only url(#…) is allowed)`);
  }

  const stack: string[] = [];
  let root: { name: string; attributes: Map<string, string> } | null = null;
  let index = 0;
  const skip = (start: string, end: string, what: string) => {
    if (!text.startsWith(start, index)) return false;
    const close = text.indexOf(end, index + start.length);
    if (close < 0) {
      problems.push(`an unclosed ${what}`);
      index = text.length;
    } else {
      index = close + end.length;
    }
    return true;
  };
  while (index < text.length) {
    const next = text.indexOf('<', index);
    if (next < 0) break;
    if (stack.length === 0 && text.slice(index, next).trim() && root) problems.push('text after the root element');
    index = next;
    if (skip('<!--', '-->', 'comment') || skip('<![CDATA[', ']]>', 'CDATA section')) continue;
    if (text.startsWith('<?', index)) {
      skip('<?', '?>', 'processing instruction');
      continue;
    }
    if (text.startsWith('<!', index)) {
      problems.push('a DOCTYPE or declaration (<!…>) is not allowed');
      skip('<!', '>', 'declaration');
      continue;
    }
    TAG.lastIndex = index;
    const tag = TAG.exec(text);
    if (!tag) {
      problems.push(`cannot read the tag at character ${index}: «${text.slice(index, index + 40)}»`);
      break;
    }
    index = TAG.lastIndex;
    const [, closing, rawName, rawAttributes, selfClosing] = tag;
    const name = localName(rawName!);
    if (closing) {
      const open = stack.pop();
      if (open !== rawName) {
        problems.push(`</${rawName}> closes <${open ?? 'nothing'}>`);
        break;
      }
      continue;
    }
    if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${rawName}> is not allowed`);
    const attributes = new Map<string, string>();
    for (const attribute of rawAttributes!.matchAll(ATTRIBUTE)) {
      const attributeName = attribute[1]!;
      const value = attribute[2] ?? attribute[3] ?? '';
      attributes.set(attributeName, value);
      const local = localName(attributeName);
      if (local.startsWith('on')) problems.push(`<${rawName}> has an event attribute ${attributeName}`);
      if (local === 'href' && !value.trim().startsWith('#')) problems.push(`<${rawName}> ${attributeName}="${value}" refers outside the file (only "#…" is allowed)`);
    }
    if (!root) {
      if (name !== 'svg') problems.push(`the root element is <${rawName}>, not <svg>`);
      root = { name, attributes };
    } else if (stack.length === 0) {
      problems.push(`<${rawName}> after the root element`);
    }
    if (!selfClosing) stack.push(rawName!);
  }
  if (!root) problems.push('no <svg> element');
  else if (stack.length > 0) problems.push(`<${stack.at(-1)}> is never closed`);
  if (root?.name === 'svg') {
    const viewBox = root.attributes.get('viewBox')?.trim().split(/[\s,]+/).join(' ');
    if (viewBox !== SVG_VIEW_BOX) problems.push(`the root's viewBox is ${viewBox === undefined ? 'missing' : `"${viewBox}"`}, not "${SVG_VIEW_BOX}"`);
    if (root.attributes.has('width') || root.attributes.has('height')) problems.push('the root has width/height attributes (the reader sizes the panel)');
  }
  return [...new Set(problems)];
}
