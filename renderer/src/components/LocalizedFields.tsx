import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LocalizedText } from '../../../shared/domain/languages';

/** One text input per language (简体 / 繁體 / English) for a text the hall keeps in all three. */
export function LocalizedFields(props: { label: string; value: LocalizedText; required?: boolean; onChange: (value: LocalizedText) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="localized-fields">
      <legend>{props.label}</legend>
      {LANGUAGES.map((language) => (
        <label key={language} className="field">
          {t(`common.languages.${language}`)}
          <input
            lang={language}
            value={props.value[language]}
            required={props.required}
            maxLength={200}
            onChange={(event) => props.onChange({ ...props.value, [language]: event.target.value })}
          />
        </label>
      ))}
    </fieldset>
  );
}
