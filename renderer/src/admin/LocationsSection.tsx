import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError, type HallLocation, type MethodOutput } from '../../../shared/contract';
import { firstInvalidUtf8Byte } from '../../../shared/domain/categories/category-dictionary';
import { locationImportProblemText, locationImportRefusalSchema, type LocationImportProblem } from '../../../shared/domain/location-list';
import { ImportProblems } from '../components/ImportProblems';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall, useLocalized } from '../hall-context';
import './categories-section.css';
import './locations-section.css';

/** 问题属地 (docs/locations.md): the hall's streets and communities, and importing a replacement list. */
export function LocationsSection() {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const localized = useLocalized();
  const [locations, setLocations] = useState<HallLocation[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const load = useCallback(
    () =>
      client.call('locations.list', {}).then(
        (value) => {
          setLocations(value.locations);
          setFailure(null);
        },
        (error: unknown) => setFailure(error),
      ),
    [client],
  );
  useEffect(() => {
    if (connection > 0) void load();
  }, [load, connection]);

  const active = locations?.filter((location) => location.active) ?? [];
  return (
    <section aria-labelledby="locations-heading" className="admin-section locations-section">
      <h2 id="locations-heading">{t('locations.section.title')}</h2>
      <p className="muted">{t('locations.section.intro')}</p>
      {failure !== null && (
        <p className="banner banner-error" role="alert">
          {errorText(failure)}
        </p>
      )}
      {locations === null ? (
        failure === null && <p>{t('common.loading')}</p>
      ) : locations.length === 0 ? (
        <p>{t('locations.section.empty')}</p>
      ) : (
        <>
          <p data-testid="location-counts">
            {t('locations.section.counts', {
              streets: active.filter((location) => location.level === 'street').length,
              communities: active.filter((location) => location.level === 'community').length,
              retired: locations.length - active.length,
            })}
          </p>
          <table className="data-table" data-testid="location-table">
            <TableHead columns={[t('locations.section.name'), t('locations.section.level'), t('locations.section.code'), t('locations.section.status')]} />
            <tbody>
              {locations.map((location) => (
                <tr key={location.code} className={location.active ? undefined : 'muted'}>
                  {/* A community is shown under its street, as the path "街道 › 社区" reads. */}
                  <td className={location.level === 'community' ? 'location-community' : 'location-street'}>
                    {location.level === 'community' && <span aria-hidden="true">› </span>}
                    {localized(location.name)}
                  </td>
                  <td>{t(`locations.section.levels.${location.level}`)}</td>
                  <td>
                    <code>{location.code}</code>
                  </td>
                  <td>{location.active ? t('locations.section.active') : t('locations.section.retired')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <ImportForm onImported={() => void load()} />
    </section>
  );
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; result: MethodOutput<'locations.import'> }
  | { kind: 'refused'; problems: LocationImportProblem[] }
  | { kind: 'failed'; error: unknown };

function ImportForm({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setState({ kind: 'failed', error: null });
    setState({ kind: 'working' });
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A CSV that Excel saved as GBK would arrive as mojibake: said here, before sending.
    if (firstInvalidUtf8Byte(bytes) >= 0) return setState({ kind: 'refused', problems: [{ code: 'NOT_UTF8', params: {} }] });
    try {
      const format = /\.json$/i.test(file.name) ? 'json' : 'csv';
      const result = await client.call('locations.import', { format, content: new TextDecoder('utf-8').decode(bytes) });
      setState({ kind: 'done', result });
      onImported();
    } catch (failure) {
      const refusal = failure instanceof HallClientError && failure.code === 'IMPORT_INVALID' ? locationImportRefusalSchema.safeParse(failure.details) : null;
      setState(refusal?.success ? { kind: 'refused', problems: refusal.data.problems } : { kind: 'failed', error: failure });
    }
  };

  return (
    <form className="category-import" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>{t('locations.import.title')}</h3>
      <label className="field">
        {t('locations.import.file')}
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          required
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setState({ kind: 'idle' });
          }}
        />
        <span className="muted">{t('locations.import.fileHint')}</span>
      </label>
      <button type="submit" className="primary-button" disabled={state.kind === 'working'}>
        {t('locations.import.submit')}
      </button>
      <ImportOutcome state={state} errorText={errorText} />
    </form>
  );
}

function ImportOutcome({ state, errorText }: { state: ImportState; errorText: (error: unknown) => string }) {
  const { t } = useTranslation();
  switch (state.kind) {
    case 'idle':
      return null;
    case 'working':
      return (
        <p role="status" className="muted">
          {t('locations.import.working')}
        </p>
      );
    case 'done':
      return (
        <p role="status" className="banner banner-success" data-testid="location-import-done">
          {t('locations.import.done', { count: state.result.count, retired: state.result.retired })}
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className="banner banner-error">
          {state.error === null ? t('locations.import.chooseFile') : errorText(state.error)}
        </p>
      );
    case 'refused':
      return (
        <ImportProblems
          summary={t('locations.import.failed', { count: state.problems.length })}
          label={t('locations.import.problems')}
          problems={state.problems.map(locationImportProblemText)}
        />
      );
  }
}
