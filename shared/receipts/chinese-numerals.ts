import type { LegalBasis } from '../domain/desk-decision';

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/**
 * 23 → 二十三, 10 → 十, 101 → 一百零一, 110 → 一百一十: how Chinese legal text numbers its
 * articles, paragraphs and items (第二十三条第一款, 第一百零一条). 0–9999.
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n === 10 ? '' : DIGITS[n - 10]}`;
  const digits = String(n).split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((digit, index) => {
    const unit = UNITS[digits.length - 1 - index]!;
    if (digit === 0) {
      pendingZero = out !== '';
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit] + unit;
  });
  return out;
}

/**
 * A citation of the 《信访工作条例》 as notices write it: 第二十二条第一款第一项. Items
 * without brackets, as the 条例 itself cites them ("本条例第三十一条第六项", art. 34).
 */
export function articleInChinese(basis: LegalBasis): string {
  return (
    `第${chineseNumeral(basis.article)}条` +
    (basis.paragraph === undefined ? '' : `第${chineseNumeral(basis.paragraph)}款`) +
    (basis.item === undefined ? '' : `第${chineseNumeral(basis.item)}项`)
  );
}

/** The same in English: art. 22 para. 1 item 1. */
export function articleInEnglish(basis: LegalBasis): string {
  return `art. ${basis.article}` + (basis.paragraph === undefined ? '' : ` para. ${basis.paragraph}`) + (basis.item === undefined ? '' : ` item ${basis.item}`);
}

/** The article in the document's language: 第三十四条 (zh-CN), 第三十四條 (zh-HK), art. 34 (en). */
export function articleIn(basis: LegalBasis, language: 'zh-CN' | 'zh-HK' | 'en'): string {
  if (language === 'en') return articleInEnglish(basis);
  const citation = articleInChinese(basis);
  return language === 'zh-HK' ? citation.replace(/条/g, '條').replace(/项/g, '項') : citation;
}
