import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError, type CalendarYearView, type MethodOutput } from '../../../shared/contract';
import { calendarProblems, calendarProblemText, calendarRefusalSchema, type CalendarProblem } from '../../../shared/domain/calendar-problems';
import { holidayYearSchema } from '../../../shared/domain/working-days';
import { FormDialog, FormProblem } from '../components/FormDialog';
import { useHall } from '../hall-context';

type Entry = CalendarYearView['entry'];

interface Draft {
  year: string;
  title: string;
  documentNumber: string;
  issuedOn: string;
  verified: boolean;
  /** One source a line. */
  checkedAgainst: string;
  note: string;
  holidays: Array<{ key: number; name: string; from: string; to: string }>;
  workdays: Array<{ key: number; date: string; for: string }>;
}

/** The holidays as the notices name them (data, in Chinese like the notices and the calendar file): offered while typing a name. */
const NOTICE_HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '国庆节、中秋节'];

/** The notice's title as the State Council words it (data, in Chinese): the default for a new year. */
const noticeTitle = (year: string) => `国务院办公厅关于${year}年部分节假日安排的通知`;

let nextKey = 1;
const key = () => nextKey++;

function draftOf(entry: Entry | null, newYear: number): Draft {
  if (!entry) {
    const year = String(newYear);
    return { year, title: noticeTitle(year), documentNumber: '', issuedOn: '', verified: false, checkedAgainst: '', note: '', holidays: [{ key: key(), name: '', from: '', to: '' }], workdays: [] };
  }
  return {
    year: String(entry.year),
    title: entry.source.title,
    documentNumber: entry.source.documentNumber ?? '',
    issuedOn: entry.source.issuedOn,
    verified: entry.source.verified,
    checkedAgainst: entry.source.checkedAgainst.join('\n'),
    note: entry.source.note ?? '',
    holidays: entry.holidays.map((holiday) => ({ key: key(), ...holiday })),
    workdays: entry.adjustedWorkingDays.map((day) => ({ key: key(), ...day })),
  };
}

function entryOf(draft: Draft): Entry {
  const note = draft.note.trim();
  return {
    year: Number(draft.year),
    source: {
      title: draft.title.trim(),
      documentNumber: draft.documentNumber.trim() === '' ? null : draft.documentNumber.trim(),
      issuedOn: draft.issuedOn,
      verified: draft.verified,
      checkedAgainst: draft.checkedAgainst.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
      ...(note === '' ? {} : { note }),
    },
    holidays: draft.holidays.map(({ name, from, to }) => ({ name: name.trim(), from, to })),
    adjustedWorkingDays: draft.workdays.map(({ date, for: holiday }) => ({ date, for: holiday.trim() })),
  };
}

/** Where in the form a problem is said: `holidays.2.to`, `source.title`, `year` …; '' for the year as a whole. */
function placeOf(problem: CalendarProblem): string {
  return problem.path.join('.');
}

/**
 * Add a year, or replace one, as the State Council's notice gives it: the notice (title,
 * number, date, checked or not, where), the holidays (name, from, to) and the weekend days
 * worked instead. Checked here as the hall checks it, each problem next to its field; the
 * hall's own refusal (a day another year sets) the same way. Saving re-dates every case.
 */
export function CalendarYearDialog(props: {
  entry: Entry | null;
  newYear: number;
  onSaved: (result: MethodOutput<'calendar.saveYear'>) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useHall();
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.entry, props.newYear));
  const [problems, setProblems] = useState<CalendarProblem[]>([]);
  const editing = props.entry !== null;

  const update = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const placed = new Map<string, string>();
  const general: CalendarProblem[] = [];
  for (const problem of problems) {
    const place = placeOf(problem);
    const sameYear = problem.year === undefined || problem.year === Number(draft.year);
    if (place !== '' && sameYear && !placed.has(place)) {
      const { message } = calendarProblemText(problem, true);
      placed.set(place, t(message.key, message.options));
    } else general.push(problem);
  }

  /** A field's problem: marks the control and says it under it. */
  const problemAt = (place: string) => {
    const text = placed.get(place);
    const problemId = `${id}-${place.replaceAll('.', '-')}`;
    return {
      control: text ? { 'aria-invalid': true as const, 'aria-describedby': problemId } : {},
      /** For a group of fields (a row, a list): described by the problem; only controls are marked invalid. */
      group: text ? { 'aria-describedby': problemId } : {},
      text: text ? (
        <p id={problemId} className="field-problem">
          {text}
        </p>
      ) : null,
    };
  };

  const refuse = (found: CalendarProblem[]): never => {
    setProblems(found);
    // The first field found wrong takes the focus, so that a keyboard user lands on it.
    requestAnimationFrame(() => body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    throw new FormProblem(t('calendar.dialog.notSaved', { count: found.length }));
  };

  const submit = async () => {
    const entry = entryOf(draft);
    const checked = holidayYearSchema.safeParse(entry);
    if (!checked.success) refuse(calendarProblems(checked.error.issues, entry, 'year'));
    setProblems([]);
    try {
      props.onSaved(await client.call('calendar.saveYear', entry));
    } catch (error) {
      const refusal = error instanceof HallClientError && error.code === 'VALIDATION_FAILED' ? calendarRefusalSchema.safeParse(error.details) : null;
      if (refusal?.success) refuse(refusal.data.problems);
      throw error;
    }
  };

  const title = problemAt('source.title');
  const issuedOn = problemAt('source.issuedOn');
  const year = problemAt('year');
  const holidaysList = problemAt('holidays');
  const workdaysList = problemAt('adjustedWorkingDays');

  return (
    <FormDialog
      title={editing ? t('calendar.dialog.editTitle', { year: draft.year }) : t('calendar.dialog.addTitle')}
      submitLabel={t('calendar.dialog.save')}
      onClose={props.onClose}
      submit={submit}
    >
      <div ref={body} className="calendar-dialog">
        {general.length > 0 && (
          <ul className="calendar-general-problems" aria-label={t('calendar.dialog.problems')}>
            {general.map((problem, index) => {
              const { location, message } = calendarProblemText(problem);
              return (
                <li key={index} className="field-problem">
                  {location && t(location.key, location.options)}
                  {t(message.key, message.options)}
                </li>
              );
            })}
          </ul>
        )}
        <p className="muted">{t('calendar.dialog.intro')}</p>

        <fieldset>
          <legend>{t('calendar.dialog.notice')}</legend>
          <Field label={t('calendar.fields.year')} problem={year.text}>
            <input
              type="number"
              aria-required="true"
              readOnly={editing}
              value={draft.year}
              onChange={(event) => update({ year: event.target.value, ...(draft.title === noticeTitle(draft.year) ? { title: noticeTitle(event.target.value) } : {}) })}
              {...year.control}
            />
          </Field>
          <Field label={t('calendar.fields.title')} problem={title.text} wide>
            <input value={draft.title} aria-required="true" maxLength={200} onChange={(event) => update({ title: event.target.value })} {...title.control} />
          </Field>
          <Field label={t('calendar.fields.documentNumber')} problem={problemAt('source.documentNumber').text}>
            <input value={draft.documentNumber} maxLength={100} placeholder={t('calendar.dialog.documentNumberExample')} onChange={(event) => update({ documentNumber: event.target.value })} {...problemAt('source.documentNumber').control} />
          </Field>
          <Field label={t('calendar.fields.issuedOn')} problem={issuedOn.text}>
            <input type="date" value={draft.issuedOn} aria-required="true" onChange={(event) => update({ issuedOn: event.target.value })} {...issuedOn.control} />
          </Field>
          <div className="field-with-hint calendar-wide">
            <label className="choice">
              <input type="checkbox" checked={draft.verified} aria-describedby={`${id}-verified-hint`} onChange={(event) => update({ verified: event.target.checked })} />
              {t('calendar.fields.verified')}
            </label>
            <p id={`${id}-verified-hint`} className="muted field-hint">
              {t('calendar.dialog.verifiedHint')}
            </p>
          </div>
          <Field label={t('calendar.fields.checkedAgainst')} problem={problemAt('source.checkedAgainst').text} wide>
            <textarea rows={2} value={draft.checkedAgainst} onChange={(event) => update({ checkedAgainst: event.target.value })} {...problemAt('source.checkedAgainst').control} />
          </Field>
        </fieldset>

        <fieldset {...holidaysList.group}>
          <legend>{t('calendar.dialog.holidays')}</legend>
          {holidaysList.text}
          {draft.holidays.map((holiday, index) => {
            const row = problemAt(`holidays.${index}`);
            const name = problemAt(`holidays.${index}.name`);
            const from = problemAt(`holidays.${index}.from`);
            const to = problemAt(`holidays.${index}.to`);
            const set = (changes: Partial<typeof holiday>) => update({ holidays: draft.holidays.map((one) => (one.key === holiday.key ? { ...one, ...changes } : one)) });
            return (
              <fieldset key={holiday.key} className="calendar-row" {...row.group}>
                <legend>{t('calendar.dialog.holidayRow', { row: index + 1 })}</legend>
                <Field label={t('calendar.fields.name')} problem={name.text}>
                  <input value={holiday.name} aria-required="true" maxLength={60} list={`${id}-holiday-names`} onChange={(event) => set({ name: event.target.value })} {...name.control} />
                </Field>
                <Field label={t('calendar.fields.from')} problem={from.text}>
                  <input type="date" value={holiday.from} aria-required="true" onChange={(event) => set({ from: event.target.value, ...(holiday.to === '' ? { to: event.target.value } : {}) })} {...from.control} />
                </Field>
                <Field label={t('calendar.fields.to')} problem={to.text}>
                  <input type="date" value={holiday.to} aria-required="true" onChange={(event) => set({ to: event.target.value })} {...to.control} />
                </Field>
                <button
                  type="button"
                  className="secondary-button small-button"
                  aria-label={t('calendar.dialog.removeHoliday', { row: index + 1 })}
                  onClick={() => update({ holidays: draft.holidays.filter((one) => one.key !== holiday.key) })}
                >
                  {t('calendar.dialog.remove')}
                </button>
                {row.text}
              </fieldset>
            );
          })}
          <datalist id={`${id}-holiday-names`}>
            {NOTICE_HOLIDAY_NAMES.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <button type="button" className="secondary-button small-button" onClick={() => update({ holidays: [...draft.holidays, { key: key(), name: '', from: '', to: '' }] })}>
            {t('calendar.dialog.addHoliday')}
          </button>
        </fieldset>

        <fieldset {...workdaysList.group}>
          <legend>{t('calendar.dialog.workdays')}</legend>
          <p className="muted calendar-wide">{t('calendar.dialog.workdaysHint')}</p>
          {workdaysList.text}
          {draft.workdays.map((day, index) => {
            const row = problemAt(`adjustedWorkingDays.${index}`);
            const date = problemAt(`adjustedWorkingDays.${index}.date`);
            const holiday = problemAt(`adjustedWorkingDays.${index}.for`);
            const set = (changes: Partial<typeof day>) => update({ workdays: draft.workdays.map((one) => (one.key === day.key ? { ...one, ...changes } : one)) });
            return (
              <fieldset key={day.key} className="calendar-row calendar-row-workday" {...row.group}>
                <legend>{t('calendar.dialog.workdayRow', { row: index + 1 })}</legend>
                <Field label={t('calendar.fields.date')} problem={date.text}>
                  <input type="date" value={day.date} aria-required="true" onChange={(event) => set({ date: event.target.value })} {...date.control} />
                </Field>
                <Field label={t('calendar.fields.for')} problem={holiday.text}>
                  <select value={day.for} aria-required="true" onChange={(event) => set({ for: event.target.value })} {...holiday.control}>
                    <option value="">{t('calendar.dialog.chooseHoliday')}</option>
                    {[...new Set([...draft.holidays.map((one) => one.name.trim()).filter((name) => name !== ''), ...(day.for ? [day.for] : [])])].map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </select>
                </Field>
                <button
                  type="button"
                  className="secondary-button small-button"
                  aria-label={t('calendar.dialog.removeWorkday', { row: index + 1 })}
                  onClick={() => update({ workdays: draft.workdays.filter((one) => one.key !== day.key) })}
                >
                  {t('calendar.dialog.remove')}
                </button>
                {row.text}
              </fieldset>
            );
          })}
          <button type="button" className="secondary-button small-button" onClick={() => update({ workdays: [...draft.workdays, { key: key(), date: '', for: '' }] })}>
            {t('calendar.dialog.addWorkday')}
          </button>
        </fieldset>
        <p className="muted">{t('calendar.dialog.redateHint')}</p>
      </div>
    </FormDialog>
  );
}

/** A labelled control with its problem under it. */
function Field(props: { label: string; problem: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <div className={props.wide ? 'calendar-field calendar-wide' : 'calendar-field'}>
      <label className="field">
        {props.label}
        {props.children}
      </label>
      {props.problem}
    </div>
  );
}
