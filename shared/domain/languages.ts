import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'zh-HK', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** A text kept in each of the hall's three languages (service names, hall name …). */
export const localizedTextSchema = z.object({
  'zh-CN': z.string().min(1).max(200),
  'zh-HK': z.string().min(1).max(200),
  en: z.string().min(1).max(200),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Picks the best language from an Accept-Language header or a `lang` parameter. */
export function pickLanguage(wanted: string | null | undefined): Language {
  if (!wanted) return DEFAULT_LANGUAGE;
  for (const part of wanted.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag === 'zh-cn' || tag === 'zh-hans' || tag === 'zh-sg' || tag === 'zh') return 'zh-CN';
    if (tag === 'zh-hk' || tag === 'zh-hant' || tag === 'zh-tw' || tag === 'zh-mo') return 'zh-HK';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LANGUAGE;
}
