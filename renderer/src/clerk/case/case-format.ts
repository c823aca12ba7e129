import { useTranslation } from 'react-i18next';
import { categoryPathText } from '../../../../shared/domain/categories/category-search';
import type { LegalBasis } from '../../../../shared/domain/desk-decision';
import { LANGUAGES, type Language } from '../../../../shared/domain/languages';
import { DEFAULT_TIME_ZONE, serviceDayUnder } from '../../../../shared/domain/service-day';
import { useCategoryDictionary } from '../../categories/use-category-dictionary';
import { useHall, useLocalized } from '../../hall-context';

const ZH_DIGITS = '零一二三四五六七八九';

/** 34 → 三十四: Chinese text cites articles in Chinese numerals. */
export function chineseNumeral(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones ? ZH_DIGITS[ones] : ''}`;
}

/**
 * How the case screens write what they show, in the page's language: the regulation's
 * articles (《信访工作条例》第二十二条第一款第三项), calendar days, instants in the hall's
 * time zone, counts and file sizes.
 */
export function useCaseFormat() {
  const { t, i18n } = useTranslation();
  const { info } = useHall();
  const language = i18n.language;
  const numeral = (n: number) => (language.startsWith('zh') ? chineseNumeral(n) : String(n));
  return {
    article: (basis: LegalBasis) =>
      t('clerk.case.article.text', {
        article: numeral(basis.article),
        paragraph: basis.paragraph === undefined ? '' : t('clerk.case.article.paragraph', { n: numeral(basis.paragraph) }),
        item: basis.item === undefined ? '' : t('clerk.case.article.item', { n: numeral(basis.item) }),
      }),
    /** A calendar day, not an instant: formatted as UTC so no time zone moves it. */
    day: (isoDay: string) =>
      new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(
        Date.parse(`${isoDay}T00:00:00Z`),
      ),
    /** The same without the weekday, for lists. */
    shortDay: (isoDay: string) =>
      new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${isoDay}T00:00:00Z`)),
    dateTime: (epochMs: number) =>
      new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: info?.timeZone }).format(epochMs),
    number: (n: number) => new Intl.NumberFormat(language).format(n),
    percent: (rate: number) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate),
    bytes: (size: number) =>
      size < 1024
        ? t('clerk.case.attachments.bytes', { size: new Intl.NumberFormat(language).format(size) })
        : size < 1024 * 1024
          ? t('clerk.case.attachments.kilobytes', { size: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(size / 1024) })
          : t('clerk.case.attachments.megabytes', { size: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(size / 1024 / 1024) }),
  };
}

/** The hall's service day now, as the core counts it: the default date of a new step. */
export function useServiceDay(): string {
  const { info } = useHall();
  return serviceDayUnder(Date.now(), info?.timeZone ?? DEFAULT_TIME_ZONE, info?.queueRules.resetHour ?? 0, info?.resetHourChange ?? null);
}

/** A content category as its path (level 1 › 2 › 3 › 4) in the page's language; the code itself while loading or when retired. */
export function useCategoryText(): (code: string) => string {
  const { i18n } = useTranslation();
  const { loaded } = useCategoryDictionary();
  const language: Language = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
  return (code) => (loaded ? categoryPathText(loaded.dictionary, code, language) : '') || code;
}

/** A service of the hall by id, as "A 投诉建议". */
export function useServiceText(): (serviceId: string) => string {
  const { info } = useHall();
  const localized = useLocalized();
  return (serviceId) => {
    const service = info?.services.find((s) => s.id === serviceId);
    return service ? `${service.letter} ${localized(service.name)}` : '—';
  };
}
