import type { ArticleReference } from '../../../shared/comics/comic-pack';
import type { Language } from '../../../shared/domain/languages';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 15 → 十五, 22 → 二十二, 50 → 五十 (up to 99: article, paragraph and item numbers). */
export function chineseNumeral(value: number): string {
  if (value < 10) return DIGITS[value]!;
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

type Translate = (key: string, options: Record<string, unknown>) => string;

/**
 * The references of a panel as the regulation is cited: 《信访工作条例》第二十条第三款、第二十六条第一款第（二）项
 * in Chinese; "Regulations on Letters and Visits, art. 20(3); art. 26(1)(2)" in English.
 */
export function articleLabel(references: ArticleReference[], language: Language, t: Translate): string {
  const number = (value: number) => (language === 'en' ? String(value) : chineseNumeral(value));
  const refs = references.map((reference) => {
    const params = { article: number(reference.article), paragraph: number(reference.paragraph ?? 1), item: number(reference.item ?? 1) };
    if (reference.paragraph !== undefined && reference.item !== undefined) return t('comics.ref.item', params);
    if (reference.paragraph !== undefined) return t('comics.ref.paragraph', params);
    return t('comics.ref.article', params);
  });
  // One article cited twice (two quotes of one paragraph) is named once.
  return t('comics.ref.label', { refs: [...new Set(refs)].join(t('comics.ref.separator', {})) });
}
