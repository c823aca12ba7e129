import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_KINDS, type MethodOutput } from '../../../../shared/contract';
import { maskIdNumber, maskPhone } from '../../../../shared/domain/resident-id';
import { useErrorText, useHall } from '../../hall-context';
import { CaseList } from './CaseList';

type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The query as the summary under the results repeats it: an ID or phone number masked, as
 * everywhere on the desk — the summary stays on screen with the results (the leak test,
 * docs/security.md); the box keeps what the clerk typed, to correct it.
 */
function echoed(query: string, kind: SearchKind): string {
  return kind === 'id_number' ? maskIdNumber(query.replace(/\s+/g, '').toUpperCase()) : kind === 'phone' ? maskPhone(query) : query;
}

/**
 * 查询: one box; the core reads the query as a case number, an ID or phone number (exact,
 * through the keyed hash), a name or words of the content — or as the kind the clerk forces.
 */
export function CaseSearch({ onOpen }: { onOpen: (visitId: string) => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<SearchKind>('auto');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<(MethodOutput<'visits.search'> & { query: string }) | null>(null);
  const [error, setError] = useState<unknown>(null);

  const search = async () => {
    const text = query.trim();
    if (!text) return;
    setBusy(true);
    setError(null);
    try {
      const found = await client.call('visits.search', { query: text, kind });
      setResult({ ...found, query: echoed(text, found.kind) });
    } catch (failure) {
      setResult(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="cases-panel" aria-labelledby="case-search-heading">
      <h2 id="case-search-heading">{t('clerk.cases.searchTitle')}</h2>
      <form
        className="case-search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <label className="field case-search-query">
          {t('clerk.cases.searchLabel')}
          <input type="search" value={query} maxLength={50} onChange={(event) => setQuery(event.target.value)} />
        </label>
        <label className="field">
          {t('clerk.cases.searchKind')}
          <select value={kind} onChange={(event) => setKind(event.target.value as SearchKind)}>
            {SEARCH_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`clerk.cases.searchKinds.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary-button" disabled={busy || query.trim() === ''}>
          {busy ? t('clerk.cases.searching') : t('clerk.cases.search')}
        </button>
      </form>
      <p className="muted">{t('clerk.cases.searchHint')}</p>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {result && (
        <div aria-live="polite">
          <p data-testid="search-summary">
            {result.visits.length === 0
              ? t('clerk.cases.noResults', { query: result.query, kind: t(`clerk.cases.searchKinds.${result.kind}`) })
              : t('clerk.cases.results', { count: result.visits.length, query: result.query, kind: t(`clerk.cases.searchKinds.${result.kind}`) })}
          </p>
          {result.visits.length > 0 && <CaseList visits={result.visits} onOpen={onOpen} testId="search-results" />}
          {result.more && <p className="muted">{t('clerk.cases.more', { count: result.visits.length })}</p>}
        </div>
      )}
    </section>
  );
}
