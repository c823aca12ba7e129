import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../../shared/domain/languages';
import { rememberLanguage } from '../i18n';

/**
 * 简体 / 繁體 / English, always visible, each named in its own language. `languages`: the
 * ones this page offers (a public page: the hall's choice, docs/hall-settings.md); a page
 * left in a language no longer offered goes back to 简体.
 */
export function LanguageSwitch({ languages = LANGUAGES }: { languages?: readonly Language[] }) {
  const { t, i18n } = useTranslation();
  const offered = languages.includes(i18n.language as Language);
  useEffect(() => {
    if (offered) return;
    rememberLanguage(DEFAULT_LANGUAGE);
    void i18n.changeLanguage(DEFAULT_LANGUAGE);
  }, [offered, i18n]);
  // Only one language: nothing to switch.
  if (languages.length < 2) return null;
  return (
    <nav className="language-switch" aria-label={t('common.language')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => {
            rememberLanguage(language);
            void i18n.changeLanguage(language);
          }}
        >
          {t(`common.languages.${language}`)}
        </button>
      ))}
    </nav>
  );
}
