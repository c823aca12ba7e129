import { useTranslation } from 'react-i18next';
import type { TranslationCall } from '../../../shared/domain/categories/category-dictionary';

/**
 * A refused import file's problems, each with where it is ("第 12 行：") and what is
 * wrong. Worded here from the problems' keys and options, so a language switch
 * translates them too. Used by the category dictionary and the location list.
 */
export function ImportProblems(props: { summary: string; label: string; problems: { location: TranslationCall | null; message: TranslationCall }[] }) {
  const { t } = useTranslation();
  return (
    <div className="category-problems">
      <p role="alert" className="banner banner-error">
        {props.summary}
      </p>
      <ol aria-label={props.label}>
        {props.problems.map(({ location, message }, index) => (
          <li key={index}>
            {location && <strong>{t(location.key, location.options)}</strong>}
            {t(message.key, message.options)}
          </li>
        ))}
      </ol>
    </div>
  );
}
