import en from './locales/en.json' with { type: 'json' };
import zhCN from './locales/zh-CN.json' with { type: 'json' };
import zhHK from './locales/zh-HK.json' with { type: 'json' };
import type { Language } from '../domain/languages';

/** i18next resources for every language, in the default `translation` namespace. */
export const i18nResources: Record<Language, { translation: typeof zhCN }> = {
  'zh-CN': { translation: zhCN },
  'zh-HK': { translation: zhHK },
  en: { translation: en },
};
