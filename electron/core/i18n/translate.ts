import i18next, { type TFunction } from 'i18next';
import { i18nResources } from '../../../shared/i18n';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/domain/languages';

/** The core's own i18next instance, for error messages in the caller's language. */
const instance = i18next.createInstance();
void instance.init({
  resources: i18nResources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function translatorFor(language: Language): TFunction {
  return instance.getFixedT(language);
}
