import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_PATH_SEPARATOR, type CategoryDictionary, type CategoryEntry } from '../../../shared/domain/categories/category-dictionary';
import { categoryAncestry, categoryChildren, categoryPathText, findCategory, searchCategories } from '../../../shared/domain/categories/category-search';
import { LANGUAGES, type Language } from '../../../shared/domain/languages';
import './category-picker.css';

const RESULT_LIMIT = 20;

export interface CategoryPickerProps {
  dictionary: CategoryDictionary;
  /** The chosen code, or null. A code the dictionary no longer has (retired) is shown as it is. */
  value: string | null;
  onChange: (code: string | null) => void;
}

/** Where a choice leaves the browsing: inside the entry when it has children, else among its siblings. */
function browseAfter(dictionary: CategoryDictionary, code: string | null): string | null {
  const entry = code === null ? undefined : findCategory(dictionary, code);
  if (!entry) return null;
  return categoryChildren(dictionary, entry.code).length > 0 ? entry.code : entry.parentCode;
}

/**
 * Choosing a content category: type characters, pinyin initials or full pinyin and pick
 * from the results (each shown with its path), or go level by level. Every choice is a
 * real button (Tab, Enter, Space); the arrow keys move through a list, Enter in the
 * search box takes the first result. Choosing an entry with subcategories opens them, so
 * a clerk can stop at any level.
 */
export function CategoryPicker({ dictionary, value, onChange }: CategoryPickerProps) {
  const { t, i18n } = useTranslation();
  const language: Language = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
  const id = useId();
  const [query, setQuery] = useState('');
  const [browsing, setBrowsing] = useState<string | null>(() => browseAfter(dictionary, value));
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** After a choice the button that was pressed is gone: move the focus into the list shown instead. */
  const [refocus, setRefocus] = useState(false);

  // A replaced dictionary may lack the level being browsed.
  const browsingEntry = browsing === null ? undefined : findCategory(dictionary, browsing);
  const parent = browsingEntry ? (categoryChildren(dictionary, browsingEntry.code).length > 0 ? browsingEntry.code : browsingEntry.parentCode) : null;
  const results = useMemo(() => searchCategories(dictionary, query, { language, limit: RESULT_LIMIT }), [dictionary, query, language]);
  const ancestry = parent === null ? [] : categoryAncestry(dictionary, parent);
  const children = categoryChildren(dictionary, parent);
  const searching = query.trim() !== '';

  useEffect(() => {
    if (!refocus) return;
    setRefocus(false);
    const list = listRef.current;
    (list?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]') ?? list?.querySelector<HTMLButtonElement>('button'))?.focus();
  }, [refocus]);

  const choose = (entry: CategoryEntry) => {
    onChange(entry.code);
    setBrowsing(browseAfter(dictionary, entry.code));
    setQuery('');
    setRefocus(true);
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Never submit the form the picker sits in (the clerk's interview form).
      event.preventDefault();
      if (results[0]) choose(results[0].entry);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : null;
    if (next === null || at < 0) return;
    event.preventDefault();
    if (next < 0) searchRef.current?.focus();
    else buttons[next]?.focus();
  };

  const selectedPath = value === null ? '' : categoryPathText(dictionary, value, language);

  return (
    <div className="category-picker">
      <label className="field category-search" htmlFor={`${id}-search`}>
        {t('categories.label')}
      </label>
      <input
        ref={searchRef}
        id={`${id}-search`}
        className="category-search-input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('categories.searchPlaceholder')}
        aria-describedby={`${id}-status`}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onSearchKey}
      />
      <p id={`${id}-status`} className="muted category-status" role="status">
        {searching ? (results.length > 0 ? t('categories.picker.resultCount', { count: results.length }) : t('categories.noResults', { query: query.trim() })) : ''}
      </p>

      {searching ? (
        <ul ref={listRef} className="category-list" aria-label={t('categories.picker.results')} onKeyDown={onListKey}>
          {results.map(({ entry, path }) => (
            <li key={entry.code}>
              <button type="button" className="category-option" aria-pressed={entry.code === value} onClick={() => choose(entry)}>
                <span>
                  {path.length > 1 && <span className="category-path-above">{path.slice(0, -1).join(CATEGORY_PATH_SEPARATOR) + CATEGORY_PATH_SEPARATOR}</span>}
                  <strong>{path[path.length - 1]}</strong>
                </span>
                <span className="category-code">{entry.code}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <nav className="category-trail" aria-label={t('categories.picker.levels')}>
            <ol>
              <li>
                <button type="button" className="link-button" aria-current={parent === null ? 'location' : undefined} onClick={() => setBrowsing(null)}>
                  {t('categories.browseTop')}
                </button>
              </li>
              {ancestry.map((entry) => (
                <li key={entry.code}>
                  <button type="button" className="link-button" aria-current={entry.code === parent ? 'location' : undefined} onClick={() => setBrowsing(entry.code)}>
                    {entry.names[language]}
                  </button>
                </li>
              ))}
            </ol>
            {parent !== null && (
              <button type="button" className="secondary-button small-button" onClick={() => setBrowsing(findCategory(dictionary, parent)?.parentCode ?? null)}>
                {t('categories.browseUp')}
              </button>
            )}
          </nav>
          <h4 id={`${id}-level`} className="category-level">
            {t(`categories.levelNames.${ancestry.length + 1}`)}
          </h4>
          <ul ref={listRef} className="category-list" aria-labelledby={`${id}-level`} onKeyDown={onListKey}>
            {children.map((entry) => {
              const below = categoryChildren(dictionary, entry.code).length;
              return (
                <li key={entry.code}>
                  <button type="button" className="category-option" aria-pressed={entry.code === value} onClick={() => choose(entry)}>
                    <strong>{entry.names[language]}</strong>
                    <span className="category-code">
                      {below > 0 ? `${t('categories.picker.children', { count: below })} ›` : entry.code}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}

      <div className="category-selected">
        <span className="muted">{t('categories.picker.selected')}</span>
        <strong data-testid="category-selected">{value === null ? t('categories.picker.none') : selectedPath || value}</strong>
        {value !== null && (
          <>
            <span className="muted">{t('categories.picker.code', { code: value })}</span>
            <button type="button" className="secondary-button small-button" onClick={() => onChange(null)}>
              {t('categories.picker.clear')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
