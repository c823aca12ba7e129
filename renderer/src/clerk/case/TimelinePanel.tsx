import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/contract';
import { caseEventSchema, MAX_EXTENSION_DAYS, type CaseEvent, type CaseEventType } from '../../../../shared/domain/case-timeline';
import { FormDialog, FormProblem } from '../../components/FormDialog';
import { useHall } from '../../hall-context';
import { useCaseFormat } from './case-format';

/** The steps a clerk records after the visit; `received` is written with the case. */
const STEP_TYPES = [
  'accepted',
  'not_accepted',
  'transferred',
  'assigned',
  'jurisdiction_objection',
  'extended',
  'replied',
  'review_requested',
  'review_answered',
  'final_review_requested',
  'final_review_hearing',
  'final_review_answered',
  'closed',
] as const satisfies readonly CaseEventType[];
type StepType = (typeof STEP_TYPES)[number];

/** The case's steps in the order they happened, each with its date, who recorded it and the note; and "add a step". */
export function TimelinePanel(props: { visit: Visit; today: string; onChanged: (visit: Visit) => void }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const [adding, setAdding] = useState(false);
  const { visit } = props;

  return (
    <section className="case-section" aria-labelledby="case-timeline-heading" data-testid="case-timeline">
      <div className="section-heading">
        <h3 id="case-timeline-heading">{t('clerk.case.timeline.title')}</h3>
        {!visit.finality && (
          <button type="button" className="secondary-button small-button" onClick={() => setAdding(true)}>
            {t('clerk.case.timeline.add')}
          </button>
        )}
      </div>
      <ol className="timeline">
        {visit.timeline.map((step, index) => (
          <li key={`${index}-${step.recordedAt}`} className="timeline-step" data-type={step.event.type}>
            <span className="timeline-date">{format.day(step.event.date)}</span>
            <div>
              <strong>{t(`visits.steps.${step.event.type}`)}</strong>
              <EventDetails event={step.event} />
              <p className="muted">
                {t('clerk.case.timeline.recorded', {
                  actor: t('clerk.case.staffName', { name: step.actor.name, staffNo: step.actor.staffNo }),
                  time: format.dateTime(step.recordedAt),
                })}
              </p>
              {step.note && <p className="timeline-note">{t('clerk.case.timeline.noteText', { note: step.note })}</p>}
            </div>
          </li>
        ))}
      </ol>
      {adding && (
        <AddStepDialog
          visit={visit}
          today={props.today}
          onClose={() => setAdding(false)}
          onAdded={(updated) => {
            setAdding(false);
            props.onChanged(updated);
          }}
        />
      )}
    </section>
  );
}

function EventDetails({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const parts: string[] = [];
  if (event.type === 'received') parts.push(t(`clerk.case.timeline.by.${event.by}`));
  if ((event.type === 'transferred' || event.type === 'assigned') && event.receivedOn) parts.push(t('clerk.case.timeline.receivedOn', { date: format.day(event.receivedOn) }));
  if ((event.type === 'replied' || event.type === 'review_answered') && event.deliveredOn)
    parts.push(t('clerk.case.timeline.deliveredOn', { date: format.day(event.deliveredOn) }));
  if (event.type === 'extended') parts.push(t('clerk.case.timeline.extendedBy', { count: event.days, reason: event.reason }));
  if (event.type === 'final_review_hearing') parts.push(t('clerk.case.timeline.hearingUntil', { date: format.day(event.endDate) }));
  return parts.length === 0 ? null : <p className="timeline-details">{parts.join(t('common.listSeparator'))}</p>;
}

interface StepDraft {
  type: StepType;
  date: string;
  otherDate: string;
  days: string;
  reason: string;
  note: string;
}

/** The event the draft describes, as the contract has it (checked by its schema before sending). */
function eventOf(draft: StepDraft): unknown {
  const { type, date } = draft;
  switch (type) {
    case 'transferred':
    case 'assigned':
      return { type, date, ...(draft.otherDate ? { receivedOn: draft.otherDate } : {}) };
    case 'replied':
    case 'review_answered':
      return { type, date, ...(draft.otherDate ? { deliveredOn: draft.otherDate } : {}) };
    case 'extended':
      return { type, date, days: Number(draft.days), reason: draft.reason.trim() };
    case 'final_review_hearing':
      return { type, date, endDate: draft.otherDate };
    default:
      return { type, date };
  }
}

/**
 * Records the next step: its type, date and the fields that type has. The core checks that
 * the timeline stays a possible history (case-timeline.ts) and answers TIMELINE_INVALID,
 * worded by its reason (an extension over 30 days quotes art. 34), saving nothing.
 */
function AddStepDialog(props: { visit: Visit; today: string; onClose: () => void; onAdded: (visit: Visit) => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const [draft, setDraft] = useState<StepDraft>({ type: 'accepted', date: props.today, otherDate: '', days: '', reason: '', note: '' });
  const set = <K extends keyof StepDraft>(key: K, value: StepDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const otherDateLabel =
    draft.type === 'transferred' || draft.type === 'assigned'
      ? t('clerk.case.timeline.fields.receivedOn')
      : draft.type === 'replied' || draft.type === 'review_answered'
        ? t('clerk.case.timeline.fields.deliveredOn')
        : draft.type === 'final_review_hearing'
          ? t('clerk.case.timeline.fields.endDate')
          : null;

  const submit = async () => {
    const parsed = caseEventSchema.safeParse(eventOf(draft));
    if (!parsed.success || (draft.type === 'extended' && draft.days.trim() === '')) throw new FormProblem(t('clerk.case.timeline.incomplete'));
    const note = draft.note.trim();
    const { visit } = await client.call('visits.addEvent', { visitId: props.visit.id, event: parsed.data, ...(note ? { note } : {}) });
    props.onAdded(visit);
  };

  return (
    <FormDialog
      title={t('clerk.case.timeline.addTitle', { caseNumber: props.visit.caseNumber })}
      onClose={props.onClose}
      submit={submit}
      submitLabel={t('clerk.case.timeline.save')}
    >
      <label className="field">
        {t('clerk.case.timeline.fields.type')}
        <select value={draft.type} onChange={(event) => set('type', event.target.value as StepType)}>
          {STEP_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`visits.steps.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('clerk.case.timeline.fields.date')}
        <input type="date" aria-required="true" value={draft.date} onChange={(event) => set('date', event.target.value)} />
      </label>
      {otherDateLabel && (
        <label className="field">
          {otherDateLabel}
          <input
            type="date"
            aria-required={draft.type === 'final_review_hearing'}
            value={draft.otherDate}
            onChange={(event) => set('otherDate', event.target.value)}
          />
        </label>
      )}
      {draft.type === 'extended' && (
        <>
          <label className="field">
            {t('clerk.case.timeline.fields.days', { max: MAX_EXTENSION_DAYS })}
            {/* No max here: a longer extension is refused by the core with art. 34 quoted. */}
            <input type="number" inputMode="numeric" aria-required="true" value={draft.days} onChange={(event) => set('days', event.target.value)} />
          </label>
          <label className="field">
            {t('clerk.case.timeline.fields.reason')}
            <textarea rows={3} maxLength={500} aria-required="true" value={draft.reason} onChange={(event) => set('reason', event.target.value)} />
          </label>
        </>
      )}
      <label className="field">
        {t('clerk.case.timeline.fields.note')}
        <input value={draft.note} maxLength={500} onChange={(event) => set('note', event.target.value)} />
      </label>
    </FormDialog>
  );
}
