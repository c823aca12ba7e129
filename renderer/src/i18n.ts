import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { i18nResources } from '../../shared/i18n';
import { DEFAULT_LANGUAGE, LANGUAGES, languageSchema, type Language } from '../../shared/domain/languages';

const STORAGE_KEY = 'hall.language';

/** The language a page starts in: `?lang=`, then the last choice on this device, then zh-CN. */
export function initialLanguage(): Language {
  const fromUrl = languageSchema.safeParse(new URLSearchParams(window.location.search).get('lang'));
  if (fromUrl.success) return fromUrl.data;
  const stored = languageSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
  return stored.success ? stored.data : DEFAULT_LANGUAGE;
}

export function rememberLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

void i18next.use(initReactI18next).init({
  resources: i18nResources,
  lng: initialLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
});
document.documentElement.lang = i18next.language;

export default i18next;
