/**
 * HTML built from strings, escaped by construction: every value put into the `html`
 * template is escaped unless it is itself `SafeHtml` (made by `html` or, for markup
 * this module family draws itself, `trustedHtml`). So a summary holding `<script>` or
 * quotes prints as the text it is. No Node, no DOM: the documents are strings.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: & < > " ' escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function piece(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

/** The template tag: literal parts as written, every value escaped (arrays joined, null / undefined / false dropped). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += piece(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

/** Markup drawn by this code itself (the QR code's SVG, the style sheet): never data. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
