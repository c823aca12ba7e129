import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/domain/languages';
import { rememberLanguage } from '../i18n';

/** 简体 / 繁體 / English, always visible, each named in its own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="language-switch" aria-label={t('common.language')}>
      {LANGUAGES.map((language) => (
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
