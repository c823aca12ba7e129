import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryImportRefusalSchema, HallClientError, type CategoryDictionaryInfo, type MethodOutput } from '../../../shared/contract';
import {
  categoryImportErrorText,
  firstInvalidUtf8Byte,
  MAX_CATEGORY_FILE_BYTES,
  parseCategoryFile,
  type CategoryFileFormat,
  type CategoryImportError,
} from '../../../shared/domain/categories/category-dictionary';
import { findCategory } from '../../../shared/domain/categories/category-search';
import { LANGUAGES } from '../../../shared/domain/languages';
import { ImportProblems } from '../components/ImportProblems';
import { useCategoryDictionary } from '../categories/use-category-dictionary';
import { CategoryPicker } from '../components/CategoryPicker';
import { useErrorText, useHall } from '../hall-context';
import './categories-section.css';

/** `sha256:` and the first 12 hex digits: enough to tell two dictionaries apart at a glance. */
const shortChecksum = (checksum: string) => checksum.slice('sha256:'.length, 'sha256:'.length + 12);

/** The content-category dictionary: what is current, importing a replacement, and browsing it with the clerk's picker. */
export function CategoriesSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { loaded, error } = useCategoryDictionary();
  const [selected, setSelected] = useState<string | null>(null);

  return (
    <section aria-labelledby="categories-heading" className="admin-section categories-section">
      <h2 id="categories-heading">{t('categories.section.title')}</h2>
      <p className="muted">{t('categories.section.intro')}</p>
      {loaded ? (
        <DictionaryFacts info={loaded.info} />
      ) : error !== null ? (
        <p className="banner banner-error" role="alert">
          {errorText(error)}
        </p>
      ) : (
        <p>{t('common.loading')}</p>
      )}

      <ImportForm />

      {loaded && (
        <div className="category-browse">
          <h3>{t('categories.section.browse')}</h3>
          <p className="muted">{t('categories.section.browseHint')}</p>
          <CategoryPicker dictionary={loaded.dictionary} value={selected} onChange={setSelected} />
          {selected !== null && <EntryDetails code={selected} dictionary={loaded.dictionary} />}
        </div>
      )}
    </section>
  );
}

function DictionaryFacts({ info }: { info: CategoryDictionaryInfo }) {
  const { t, i18n } = useTranslation();
  const hall = useHall().info;
  const importedAt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: hall?.timeZone }).format(info.importedAt);
  const facts: Array<[string, string, string?]> = [
    [t('categories.section.version'), info.version, 'category-version'],
    [t('categories.section.checksum'), shortChecksum(info.checksum), 'category-checksum'],
    [t('categories.section.entryCount'), String(info.entryCount), 'category-entry-count'],
    [t('categories.section.retiredCount'), String(info.retiredCount)],
    [t('categories.section.importedAt'), importedAt],
    [t('categories.section.source'), t(`categories.section.sources.${info.source}`), 'category-source'],
    [t('categories.section.importedBy'), info.importedBy ? `${info.importedBy.name} (${info.importedBy.staffNo})` : t('categories.section.nobody')],
  ];
  return (
    <dl className="category-facts">
      {facts.map(([term, value, testId]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd data-testid={testId} title={testId === 'category-checksum' ? info.checksum : undefined}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; result: MethodOutput<'categories.import'> }
  | { kind: 'refused'; problems: CategoryImportError[] }
  | { kind: 'failed'; error: unknown };

function formatOf(file: File): CategoryFileFormat {
  return /\.json$/i.test(file.name) ? 'json' : 'csv';
}

/**
 * The file is read in the browser and sent as text. What cannot be sent as text — too
 * large, a workbook, GBK — is caught here by the same checks the core runs, so the
 * message is the same.
 */
async function readImportFile(file: File, version: string): Promise<{ text: string } | { problems: CategoryImportError[] }> {
  if (file.size > MAX_CATEGORY_FILE_BYTES) return { problems: [{ code: 'FILE_TOO_LARGE', params: { bytes: file.size, maxBytes: MAX_CATEGORY_FILE_BYTES } }] };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.includes(0) || firstInvalidUtf8Byte(bytes) >= 0) {
    const local = parseCategoryFile(bytes, { format: formatOf(file), version });
    if (!local.ok) return { problems: local.errors };
  }
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

function ImportForm() {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  const [state, setState] = useState<ImportState>({ kind: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setState({ kind: 'failed', error: null });
    setState({ kind: 'working' });
    const read = await readImportFile(file, version.trim());
    if ('problems' in read) return setState({ kind: 'refused', problems: read.problems });
    try {
      const result = await client.call('categories.import', { format: formatOf(file), text: read.text, version: version.trim() });
      setState({ kind: 'done', result });
    } catch (failure) {
      const refusal = failure instanceof HallClientError && failure.code === 'IMPORT_INVALID' ? categoryImportRefusalSchema.safeParse(failure.details) : null;
      setState(refusal?.success ? { kind: 'refused', problems: refusal.data.problems } : { kind: 'failed', error: failure });
    }
  };

  return (
    <form className="category-import" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>{t('categories.import.title')}</h3>
      <div className="category-import-fields">
        <label className="field">
          {t('categories.import.file')}
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            required
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setState({ kind: 'idle' });
            }}
          />
          <span className="muted">{t('categories.import.fileHint')}</span>
        </label>
        <label className="field">
          {t('categories.import.version')}
          <input type="text" required maxLength={64} value={version} onChange={(event) => setVersion(event.target.value)} />
          <span className="muted">{t('categories.import.versionHint')}</span>
        </label>
      </div>
      <button type="submit" className="primary-button" disabled={state.kind === 'working'}>
        {t('categories.import.submit')}
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
          {t('categories.import.working')}
        </p>
      );
    case 'done': {
      const { info, added, retired } = state.result;
      return (
        <p role="status" className="banner banner-success" data-testid="category-import-done">
          {t('categories.import.done', { count: info.entryCount, version: info.version, checksum: shortChecksum(info.checksum) })}{' '}
          {t('categories.import.changes', { added, retired })}
        </p>
      );
    }
    case 'failed':
      return (
        <p role="alert" className="banner banner-error">
          {state.error === null ? t('categories.import.chooseFile') : errorText(state.error)}
        </p>
      );
    case 'refused':
      return (
        <ImportProblems
          summary={t('categories.import.failed', { count: state.problems.length })}
          label={t('categories.import.problems')}
          problems={state.problems.map(categoryImportErrorText)}
        />
      );
  }
}

/** The chosen entry as stored: code, its names in the three languages, the pinyin keys search uses. */
function EntryDetails({ code, dictionary }: { code: string; dictionary: Parameters<typeof findCategory>[0] }) {
  const { t } = useTranslation();
  const entry = findCategory(dictionary, code);
  if (!entry) return null;
  return (
    <dl className="category-facts category-entry">
      <div>
        <dt>{t('categories.picker.names')}</dt>
        <dd>{LANGUAGES.map((language) => entry.names[language]).join(' / ')}</dd>
      </div>
      <div>
        <dt>{t('categories.picker.pinyin')}</dt>
        <dd>{(entry.pinyin ?? []).map((key) => `${key.syllables.filter(Boolean).join(' ')} · ${key.initials}`).join('; ')}</dd>
      </div>
    </dl>
  );
}
