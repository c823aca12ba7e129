import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LocalizedText } from '../../../shared/domain/languages';

/**
 * One text input per language (简体 / 繁體 / English) for a text the hall keeps in all three.
 * `problemId`: the element that says what is wrong with it (the inputs are marked invalid and described by it).
 */
export function LocalizedFields(props: {
  label: string;
  value: LocalizedText;
  required?: boolean;
  problemId?: string;
  onChange: (value: LocalizedText) => void;
}) {
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
            {...(props.problemId ? { 'aria-invalid': true, 'aria-describedby': props.problemId } : {})}
            onChange={(event) => props.onChange({ ...props.value, [language]: event.target.value })}
          />
        </label>
      ))}
    </fieldset>
  );
}
