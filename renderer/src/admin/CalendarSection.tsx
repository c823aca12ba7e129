import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError, type CalendarYearView, type MethodOutput } from '../../../shared/contract';
import { calendarProblemText, calendarRefusalSchema, type CalendarProblem } from '../../../shared/domain/calendar-problems';
import { firstInvalidUtf8Byte } from '../../../shared/domain/categories/category-dictionary';
import { daysBetween } from '../../../shared/domain/working-days';
import { Dialog } from '../components/Dialog';
import { ImportProblems } from '../components/ImportProblems';
import { useErrorText, useHall } from '../hall-context';
import { CalendarYearDialog } from './CalendarYearDialog';
import './categories-section.css';
import './hall-sections.css';

type Calendar = MethodOutput<'calendar.get'>;
/** What a change did: the years it set and the cases it re-dated (said in words under the list). */
type Done = { years: number[]; cases: number; redated: number; reset?: 'shipped' | 'none' };

/**
 * 工作日历 (docs/deadlines.md, "The hall's own years"): the holidays and worked weekend
 * days of each year the deadlines are reckoned with, where each year comes from (shipped
 * with the terminal, or set by this hall), a year added or replaced by hand or from a
 * file, a year given back to the shipped default. Every change re-dates every case; the
 * admin is told how many cases moved.
 */
export function CalendarSection() {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [editing, setEditing] = useState<{ entry: CalendarYearView['entry'] | null } | null>(null);
  const [resetting, setResetting] = useState<CalendarYearView | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  const load = useCallback(
    () =>
      client.call('calendar.get', {}).then(
        (value) => {
          setCalendar(value);
          setFailure(null);
        },
        setFailure,
      ),
    [client],
  );
  useEffect(() => {
    if (connection > 0) void load();
  }, [load, connection]);

  const changed = (result: Done) => {
    setDone(result);
    void load();
  };
  const nextYear = calendar ? Math.max(new Date().getFullYear(), ...calendar.years.map((year) => year.entry.year)) + 1 : new Date().getFullYear() + 1;

  return (
    <section aria-labelledby="calendar-heading" className="admin-section calendar-section">
      <div className="section-heading">
        <h2 id="calendar-heading">{t('calendar.section.title')}</h2>
        <button type="button" className="secondary-button small-button" onClick={() => setEditing({ entry: null })}>
          {t('calendar.section.add')}
        </button>
      </div>
      <p className="muted">{t('calendar.section.intro')}</p>
      {failure !== null && (
        <p className="banner banner-error" role="alert">
          {errorText(failure)}
        </p>
      )}
      {done && (
        <p role="status" className="banner banner-success" data-testid="calendar-done">
          {done.reset
            ? t(`calendar.section.reset.done.${done.reset}`, { year: done.years[0] })
            : t('calendar.section.saved', { years: done.years.join(t('common.listSeparator')) })}{' '}
          {t('calendar.section.redated', { count: done.cases, redated: done.redated })}
        </p>
      )}
      {calendar === null ? (
        failure === null && <p>{t('common.loading')}</p>
      ) : (
        <div className="calendar-years">
          {calendar.years.map((year) => (
            <YearEntry key={year.entry.year} year={year} onEdit={() => setEditing({ entry: year.entry })} onReset={() => setResetting(year)} />
          ))}
        </div>
      )}
      <ImportForm onImported={changed} />

      {editing && (
        <CalendarYearDialog
          entry={editing.entry}
          newYear={nextYear}
          onSaved={(result) => {
            setEditing(null);
            changed({ years: [result.year], cases: result.cases, redated: result.redated });
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {resetting && (
        <ResetDialog
          year={resetting}
          onDone={(result) => {
            setResetting(null);
            changed({ years: [result.year], cases: result.cases, redated: result.redated, reset: result.restored });
          }}
          onClose={() => setResetting(null)}
        />
      )}
    </section>
  );
}

/** One year: a line saying what it is, opening onto its notice, holidays and worked days. */
function YearEntry({ year, onEdit, onReset }: { year: CalendarYearView; onEdit: () => void; onReset: () => void }) {
  const { t, i18n } = useTranslation();
  const { entry } = year;
  const date = (day: string) => new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
  const origin = year.origin === 'shipped' ? t('calendar.section.origin.shipped') : year.replacesShipped ? t('calendar.section.origin.replaces') : t('calendar.section.origin.hall');
  return (
    <details className="calendar-year" data-testid={`calendar-year-${entry.year}`}>
      <summary>
        <strong>{t('calendar.section.year', { year: entry.year })}</strong> · {origin} ·{' '}
        {entry.source.verified ? t('calendar.section.verified') : <span className="calendar-unverified">{t('calendar.section.unverified')}</span>} ·{' '}
        {t('calendar.section.counts', { holidays: entry.holidays.length, days: entry.adjustedWorkingDays.length })}
      </summary>
      <div className="calendar-year-body">
        <p>
          {entry.source.title}
          {entry.source.documentNumber && <>（{entry.source.documentNumber}）</>} · {t('calendar.section.issuedOn', { date: entry.source.issuedOn })}
        </p>
        <table className="data-table calendar-table">
          <caption>{t('calendar.section.holidays')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('calendar.fields.name')}</th>
              <th scope="col">{t('calendar.fields.from')}</th>
              <th scope="col">{t('calendar.fields.to')}</th>
              <th scope="col">{t('calendar.section.days')}</th>
            </tr>
          </thead>
          <tbody>
            {entry.holidays.map((holiday) => (
              <tr key={`${holiday.name}-${holiday.from}`}>
                <th scope="row">{holiday.name}</th>
                <td>{date(holiday.from)}</td>
                <td>{date(holiday.to)}</td>
                <td>{daysBetween(holiday.from, holiday.to) + 1}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h4 className="calendar-workdays-title">{t('calendar.section.workdays')}</h4>
        {entry.adjustedWorkingDays.length === 0 ? (
          <p className="muted">{t('calendar.section.noWorkdays')}</p>
        ) : (
          <ul className="calendar-workdays">
            {entry.adjustedWorkingDays.map((day) => (
              <li key={day.date}>{t('calendar.section.workday', { date: date(day.date), holiday: day.for })}</li>
            ))}
          </ul>
        )}
        {entry.source.checkedAgainst.length > 0 && (
          <p className="muted">{t('calendar.section.checkedAgainst', { sources: entry.source.checkedAgainst.join('; ') })}</p>
        )}
        <div className="row-actions">
          <button type="button" className="secondary-button small-button" onClick={onEdit}>
            {t('calendar.section.edit', { year: entry.year })}
          </button>
          {year.origin === 'hall' && (
            <button type="button" className="secondary-button small-button" onClick={onReset}>
              {year.replacesShipped ? t('calendar.section.reset.toShipped', { year: entry.year }) : t('calendar.section.reset.remove', { year: entry.year })}
            </button>
          )}
        </div>
      </div>
    </details>
  );
}

/** Giving a year back to the shipped default (or removing a year only the hall had), confirmed first. */
function ResetDialog({ year, onDone, onClose }: { year: CalendarYearView; onDone: (result: MethodOutput<'calendar.resetYear'>) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [working, setWorking] = useState(false);
  const action = year.replacesShipped ? t('calendar.section.reset.toShipped', { year: year.entry.year }) : t('calendar.section.reset.remove', { year: year.entry.year });
  return (
    <Dialog title={action} onClose={onClose}>
      <p>{year.replacesShipped ? t('calendar.section.reset.explainShipped', { year: year.entry.year }) : t('calendar.section.reset.explainRemove', { year: year.entry.year })}</p>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary-button" onClick={onClose}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="primary-button"
          disabled={working}
          onClick={() => {
            setWorking(true);
            client.call('calendar.resetYear', { year: year.entry.year }).then(onDone, (failure: unknown) => {
              setError(failure);
              setWorking(false);
            });
          }}
        >
          {action}
        </button>
      </div>
    </Dialog>
  );
}

type ImportState = { kind: 'idle' } | { kind: 'working' } | { kind: 'refused'; problems: CalendarProblem[] } | { kind: 'failed'; error: unknown };

/** A calendar file shaped like the shipped one (JSON): every problem listed, nothing imported, or its years set. */
function ImportForm({ onImported }: { onImported: (done: Done) => void }) {
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
    if (firstInvalidUtf8Byte(bytes) >= 0) return setState({ kind: 'refused', problems: [{ path: [], code: 'json_syntax', params: {} }] });
    try {
      const result = await client.call('calendar.importFile', { content: new TextDecoder('utf-8').decode(bytes) });
      setState({ kind: 'idle' });
      onImported(result);
    } catch (failure) {
      const refusal = failure instanceof HallClientError && failure.code === 'IMPORT_INVALID' ? calendarRefusalSchema.safeParse(failure.details) : null;
      setState(refusal?.success ? { kind: 'refused', problems: refusal.data.problems } : { kind: 'failed', error: failure });
    }
  };

  return (
    <form className="category-import" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>{t('calendar.import.title')}</h3>
      <label className="field">
        {t('calendar.import.file')}
        <input
          type="file"
          accept=".json,application/json"
          required
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setState({ kind: 'idle' });
          }}
        />
      </label>
      <p id={`${id}-hint`} className="muted field-hint">
        {t('calendar.import.fileHint')}
      </p>
      <button type="submit" className="primary-button" disabled={state.kind === 'working'}>
        {t('calendar.import.submit')}
      </button>
      {state.kind === 'working' && (
        <p role="status" className="muted">
          {t('calendar.import.working')}
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" className="banner banner-error">
          {state.error === null ? t('calendar.import.chooseFile') : errorText(state.error)}
        </p>
      )}
      {state.kind === 'refused' && (
        <ImportProblems
          summary={t('calendar.import.failed', { count: state.problems.length })}
          label={t('calendar.import.problems')}
          problems={state.problems.map((problem) => calendarProblemText(problem))}
        />
      )}
    </form>
  );
}
