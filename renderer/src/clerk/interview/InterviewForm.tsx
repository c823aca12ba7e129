import { useEffect, useRef, useState, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TAG_KINDS, HallClientError, MATTER_CLASSES, VISIT_PURPOSES, type Ticket, type TicketRegistration, type Visit } from '../../../../shared/contract';
import { RECEIVERS } from '../../../../shared/domain/case-timeline';
import type { LoadedCategories } from '../../categories/category-cache';
import { CategoryPicker } from '../../components/CategoryPicker';
import { useErrorText, useHall, useLocalized } from '../../hall-context';
import { controlProps, Field, fieldId, FieldMessage, focusField, RequiredMark, YesNoField, type FieldState } from './form-fields';
import {
  activeLocations,
  draftProblems,
  fieldOfError,
  idNumberMessage,
  phoneMessage,
  suggestedMatterClass,
  toCreateInput,
  typesPerson,
  type FieldPath,
  type InterviewDraft,
  type MatterClass,
  type Receiver,
  type VisitPurpose,
} from './interview-draft';
import type { LoadedLocations, VisitorHistory } from './InterviewDesk';
import { CompanionFields, VisitorFields } from './VisitorFields';

/** How many missing fields the save button's line names; the count says the rest. */
const MISSING_NAMED = 6;

/**
 * The interview record (来访登记) of the visitor being served. Every field the clerk needs
 * in the order of the conversation; required ones marked; the save button says what is
 * still missing; Ctrl+Enter saves from anywhere in the form. A refusal of the hall is
 * shown in words next to the field it concerns.
 */
export function InterviewForm(props: {
  ticket: Ticket;
  registration: TicketRegistration | null;
  draft: InterviewDraft;
  setDraft: Dispatch<SetStateAction<InterviewDraft | null>>;
  locations: LoadedLocations;
  categories: { loaded: LoadedCategories | null; error: unknown };
  history: VisitorHistory | null;
  autoFocus: boolean;
  onSaved: (visit: Visit) => void;
}) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const labelOf = useFieldLabel();
  const { draft, ticket } = props;
  const today = ticket.serviceDay;
  const [attempted, setAttempted] = useState(false);
  const [finished, setFinished] = useState<ReadonlySet<FieldPath>>(new Set());
  const [refusal, setRefusal] = useState<{ error: unknown; field: FieldPath | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const bannerRef = useRef<HTMLDivElement>(null);

  // The first thing the clerk types: the visitor's name, or the address when the kiosk gave the visitor.
  useEffect(() => {
    if (props.autoFocus) focusField(typesPerson(draft) ? 'person.name' : 'address');
    // Only when the form first shows.
  }, []);

  const update = (patch: Partial<InterviewDraft>) => {
    setRefusal(null);
    props.setDraft((current) => (current ? { ...current, ...patch } : current));
  };
  const onFinished = (path: FieldPath) => setFinished((current) => (current.has(path) ? current : new Set(current).add(path)));

  const problems = draftProblems(draft, today);
  const refusalText = (error: unknown) => {
    // The fields as this form names them (the hall's details keep the contract's names).
    if (error instanceof HallClientError && error.code === 'VALIDATION_FAILED') {
      const params = (error.details as { params?: Record<string, unknown> } | undefined)?.params ?? {};
      if (typeof params.fields === 'string') {
        return t('errors.VALIDATION_FAILED', { ...params, fields: params.fields.split(', ').map(labelOf).join(t('common.listSeparator')) });
      }
    }
    return errorText(error);
  };

  /** A field's message now: the hall's refusal, a wrong value (as typed, once finished, or after a save was tried), or "required" after a save was tried. */
  const messageOf = (path: FieldPath): string | null => {
    if (refusal && refusal.field === path) return refusalText(refusal.error);
    const done = attempted || finished.has(path);
    if (path.endsWith('.idNumber')) {
      const value = path === 'person.idNumber' ? draft.person.idNumber : (draft.companions[Number(path.split('.')[1])]?.idNumber ?? '');
      const message = idNumberMessage(value, today, done);
      if (message) return t(message.key, message.params ?? {});
    }
    if (path.endsWith('.phone')) {
      const value = path === 'person.phone' ? draft.person.phone : (draft.companions[Number(path.split('.')[1])]?.phone ?? '');
      const message = phoneMessage(value, done);
      if (message) return t(message.key, message.params ?? {});
    }
    const problem = problems.find((p) => p.field === path);
    if (!problem) return null;
    if (problem.kind === 'invalid' && problem.message && !path.endsWith('.idNumber') && !path.endsWith('.phone')) return t(problem.message.key, problem.message.params ?? {});
    return problem.kind === 'missing' && attempted ? t('clerk.interview.required') : null;
  };
  const state = (path: FieldPath): FieldState => ({ message: messageOf(path), onFinished });
  const fields = { draft, update, messageOf, onFinished, today };

  const save = async () => {
    if (saving) return;
    if (problems.length > 0) {
      setAttempted(true);
      setTimeout(() => focusField(problems[0]!.field), 0);
      return;
    }
    setSaving(true);
    setRefusal(null);
    try {
      const { visit } = await client.call('visits.create', toCreateInput(draft, ticket.id));
      props.onSaved(visit);
    } catch (failure) {
      const field = fieldOfError(failure, draft, today);
      setRefusal({ error: failure, field });
      setTimeout(() => (field ? focusField(field) : bannerRef.current?.focus()), 0);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void save();
    } else if (event.target instanceof HTMLInputElement && event.target.type !== 'checkbox' && event.target.type !== 'radio') {
      // Enter in a line of text moves on, never saves half a record.
      event.preventDefault();
    }
  };

  // What the save button's line names: the empty required fields, then the ones filled in wrongly.
  const labelsOf = (kind: 'missing' | 'invalid') => [...new Set(problems.filter((problem) => problem.kind === kind).map((problem) => labelOf(problem.field)))];
  const listed = (labels: string[]) =>
    labels.slice(0, MISSING_NAMED).join(t('common.listSeparator')) + (labels.length > MISSING_NAMED ? t('clerk.interview.andMore') : '');
  const missingLabels = labelsOf('missing');
  const invalidLabels = labelsOf('invalid');
  const outstanding = [
    ...(missingLabels.length > 0 ? [t('clerk.interview.missing', { count: missingLabels.length, fields: listed(missingLabels) })] : []),
    ...(invalidLabels.length > 0 ? [t('clerk.interview.invalid', { count: invalidLabels.length, fields: listed(invalidLabels) })] : []),
  ];

  return (
    <form
      className="interview-form"
      noValidate
      aria-labelledby="interview-heading"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <VisitorFields {...fields} registration={props.registration} />

      <fieldset className="interview-section" aria-labelledby="interview-visit-heading">
        <h3 id="interview-visit-heading">{t('clerk.interview.sections.visit')}</h3>
        <Field path="peopleCount" label={t('clerk.interview.fields.peopleCount')} required message={messageOf('peopleCount')} className="narrow-field">
          <input
            {...controlProps('peopleCount', state('peopleCount'), true)}
            type="number"
            min={1}
            max={999}
            value={draft.peopleCount}
            onChange={(event) => update({ peopleCount: event.target.value })}
          />
        </Field>
        {/* 姓名住址不清 lists nobody: the companions only while some are still to be removed. */}
        {(!draft.identityUnclear || draft.companions.length > 0) && <CompanionFields {...fields} />}
        <YesNoField
          path="jointOrGroup"
          label={t('clerk.interview.fields.jointOrGroup')}
          value={draft.jointOrGroup}
          onChange={(jointOrGroup) => update({ jointOrGroup })}
          message={messageOf('jointOrGroup')}
          hint={t('clerk.interview.jointHint')}
          onFinished={onFinished}
        />
      </fieldset>

      <fieldset className="interview-section" aria-labelledby="interview-matter-heading">
        <h3 id="interview-matter-heading">{t('clerk.interview.sections.matter')}</h3>
        <LocationFields draft={draft} update={update} locations={props.locations} state={state} />
        <Field path="purpose" label={t('clerk.interview.fields.purpose')} required message={messageOf('purpose')}>
          <select
            {...controlProps('purpose', state('purpose'), true)}
            value={draft.purpose}
            onChange={(event) => {
              const purpose = event.target.value as VisitPurpose | '';
              const suggested = purpose === '' ? null : suggestedMatterClass(purpose);
              update({ purpose, ...(suggested && !draft.matterClassChosen ? { matterClass: suggested } : {}) });
            }}
          >
            <option value="">{t('clerk.interview.choose')}</option>
            {VISIT_PURPOSES.map((purpose) => (
              <option key={purpose} value={purpose}>
                {t(`clerk.interview.purposes.${purpose}`)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="interview-field interview-choices matter-classes" data-field="matterClass">
          <legend>
            {t('clerk.interview.fields.matterClass')}
            <RequiredMark />
          </legend>
          <div className="choice-options matter-class-options">
            {MATTER_CLASSES.map((matterClass, index) => (
              <label key={matterClass} className="choice matter-class">
                <input
                  type="radio"
                  name="interview-matter-class"
                  id={index === 0 ? fieldId('matterClass') : undefined}
                  checked={draft.matterClass === matterClass}
                  aria-invalid={messageOf('matterClass') ? true : undefined}
                  aria-describedby={`interview-matter-class-${matterClass}`}
                  onChange={() => update({ matterClass: matterClass as MatterClass, matterClassChosen: true })}
                  onBlur={() => onFinished('matterClass')}
                />
                <span>
                  <strong>{t(`clerk.interview.matterClasses.${matterClass}.name`)}</strong>
                  <span id={`interview-matter-class-${matterClass}`} className="muted matter-class-hint">
                    {t(`clerk.interview.matterClasses.${matterClass}.hint`)}
                  </span>
                </span>
              </label>
            ))}
          </div>
          <FieldMessage path="matterClass" message={messageOf('matterClass')} />
        </fieldset>
        <ServiceField draft={draft} update={update} state={state('serviceId')} />
        <div id={fieldId('categoryCode')} className="interview-field category-field" data-field="categoryCode">
          {props.categories.loaded ? (
            <CategoryPicker dictionary={props.categories.loaded.dictionary} value={draft.categoryCode} onChange={(categoryCode) => update({ categoryCode })} />
          ) : props.categories.error !== null ? (
            <p className="banner banner-error" role="alert">
              {errorText(props.categories.error)}
            </p>
          ) : (
            <p>{t('common.loading')}</p>
          )}
          <FieldMessage path="categoryCode" message={messageOf('categoryCode')} />
        </div>
        <TextField path="summary" required rows={3} maxLength={2000} value={draft.summary} onChange={(summary) => update({ summary })} state={state('summary')} />
        <TextField path="request" required rows={3} maxLength={2000} value={draft.request} onChange={(request) => update({ request })} state={state('request')} />
        <TextField path="factsAndReasons" rows={4} maxLength={4000} value={draft.factsAndReasons} onChange={(factsAndReasons) => update({ factsAndReasons })} state={state('factsAndReasons')} />
      </fieldset>

      <fieldset className="interview-section" aria-labelledby="interview-record-heading">
        <h3 id="interview-record-heading">{t('clerk.interview.sections.record')}</h3>
        <YesNoField
          path="firstTime"
          label={t('clerk.interview.fields.firstTime')}
          value={draft.firstTime}
          onChange={(firstTime) => update({ firstTime, firstTimeChosen: true })}
          message={messageOf('firstTime')}
          hint={
            props.history && !draft.firstTimeChosen
              ? props.history.visits.length === 0
                ? t('clerk.interview.firstTimeFromHistory.none')
                : t('clerk.interview.firstTimeFromHistory.earlier', { count: props.history.visits.length })
              : undefined
          }
          onFinished={onFinished}
        />
        <TagFields draft={draft} update={update} state={state('tags')} />
        <fieldset className="interview-field interview-choices" data-field="receiver">
          <legend>{t('clerk.interview.fields.receiver')}</legend>
          <div className="choice-options">
            {RECEIVERS.map((receiver, index) => (
              <label key={receiver} className="choice">
                <input
                  type="radio"
                  name="interview-receiver"
                  id={index === 0 ? fieldId('receiver') : undefined}
                  checked={draft.receiver === receiver}
                  onChange={() => update({ receiver: receiver as Receiver })}
                />
                {t(`clerk.interview.receivers.${receiver}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <div className="interview-save">
        {refusal && refusal.field === null && (
          <div ref={bannerRef} tabIndex={-1} className="banner banner-error" role="alert" data-testid="interview-refusal">
            {refusalText(refusal.error)}
          </div>
        )}
        {refusal && refusal.field !== null && (
          <p className="field-message" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t('clerk.interview.notSavedSee', { field: labelOf(refusal.field) })}
          </p>
        )}
        <p id="interview-missing" className={outstanding.length > 0 ? 'interview-missing' : 'muted'} data-testid="interview-missing" aria-live="polite">
          {outstanding.length > 0 ? outstanding.join(t('clerk.interview.outstandingSeparator')) : refusal ? '' : t('clerk.interview.complete')}
        </p>
        <button type="submit" className="primary-button" disabled={saving} aria-describedby="interview-missing">
          {saving
            ? t('clerk.interview.saving')
            : problems.length > 0
              ? t('clerk.interview.saveOutstanding', { count: missingLabels.length + invalidLabels.length })
              : t('clerk.interview.save')}
        </button>
        <span className="muted shortcut">{t('clerk.interview.shortcut')}</span>
      </div>
    </form>
  );
}

/** A field's name as the form shows it, for "still missing" and for the hall's refusals. */
function useFieldLabel(): (path: FieldPath) => string {
  const { t } = useTranslation();
  return (path) => {
    const companion = /^companions\.(\d+)\.(?:person\.)?(name|idNumber|phone|address)$/.exec(path);
    if (companion) {
      const field = companion[2] === 'address' ? t('clerk.interview.fields.address') : t(`clerk.interview.fields.person.${companion[2]}`);
      return t('clerk.interview.companions.fieldOf', { n: Number(companion[1]) + 2, field });
    }
    // The only tag with a field of its own: the leader's name.
    const key = path === 'tags' ? 'clerk.interview.fields.leader' : `clerk.interview.fields.${path}`;
    const label = t(key);
    return label === key || typeof label !== 'string' ? path : label;
  };
}

function TextField(props: { path: FieldPath; required?: boolean; rows: number; maxLength: number; value: string; onChange: (value: string) => void; state: FieldState }) {
  const { t } = useTranslation();
  return (
    <Field path={props.path} label={t(`clerk.interview.fields.${props.path}`)} required={props.required} message={props.state.message}>
      <textarea {...controlProps(props.path, props.state, props.required)} rows={props.rows} maxLength={props.maxLength} value={props.value} onChange={(event) => props.onChange(event.target.value)} />
    </Field>
  );
}

/** 问题属地: a street of the hall's area, then (optionally) one of its communities. Only places still offered. */
function LocationFields(props: { draft: InterviewDraft; update: (patch: Partial<InterviewDraft>) => void; locations: LoadedLocations; state: (path: FieldPath) => FieldState }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const errorText = useErrorText();
  const { draft, update } = props;
  const state = props.state('problemLocationCode');
  if (props.locations.error !== null || (props.locations.locations !== null && props.locations.locations.length === 0)) {
    return (
      <div className="interview-field" data-field="problemLocationCode" id={fieldId('problemLocationCode')} tabIndex={-1}>
        <span className="field-label">
          {t('clerk.interview.fields.problemLocationCode')}
          <RequiredMark />
        </span>
        <p className="banner banner-error" role="alert">
          {props.locations.error !== null ? errorText(props.locations.error) : t('clerk.interview.location.noList')}
        </p>
      </div>
    );
  }
  const { streets, communitiesOf } = activeLocations(props.locations.locations ?? []);
  const communities = draft.street ? communitiesOf(draft.street) : [];
  return (
    <div className="location-fields">
      <Field path="problemLocationCode" label={t('clerk.interview.fields.problemLocationCode')} required message={state.message}>
        <select {...controlProps('problemLocationCode', state, true)} value={draft.street} onChange={(event) => update({ street: event.target.value, community: '' })}>
          <option value="">{props.locations.locations === null ? t('common.loading') : t('clerk.interview.location.chooseStreet')}</option>
          {streets.map((street) => (
            <option key={street.code} value={street.code}>
              {localized(street.name)}
            </option>
          ))}
        </select>
      </Field>
      <Field path="community" label={t('clerk.interview.fields.community')} message={null}>
        <select id={fieldId('community')} value={draft.community} disabled={communities.length === 0} onChange={(event) => update({ community: event.target.value })}>
          <option value="">{t('clerk.interview.location.wholeStreet')}</option>
          {communities.map((community) => (
            <option key={community.code} value={community.code}>
              {localized(community.name)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/** The service the matter belongs to: the ticket's by default, any of the hall's. */
function ServiceField(props: { draft: InterviewDraft; update: (patch: Partial<InterviewDraft>) => void; state: FieldState }) {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  return (
    <Field path="serviceId" label={t('clerk.interview.fields.serviceId')} required message={props.state.message}>
      <select {...controlProps('serviceId', props.state, true)} value={props.draft.serviceId} onChange={(event) => props.update({ serviceId: event.target.value })}>
        {props.draft.serviceId === '' && <option value="">{t('clerk.interview.choose')}</option>}
        {info?.services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.letter} {localized(service.name)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** 积案 / 六无 / 三跨三分离 / 领导包案 (naming the leader who owns the case). */
function TagFields(props: { draft: InterviewDraft; update: (patch: Partial<InterviewDraft>) => void; state: FieldState }) {
  const { t } = useTranslation();
  const { draft, update } = props;
  return (
    <fieldset className="interview-field interview-choices tag-fields" data-field="tags">
      <legend>{t('clerk.interview.fields.tags')}</legend>
      <div className="choice-options">
        {CASE_TAG_KINDS.map((kind) => (
          <label key={kind} className="choice" title={t(`clerk.interview.tagHints.${kind}`)}>
            <input type="checkbox" checked={draft.tags[kind]} onChange={(event) => update({ tags: { ...draft.tags, [kind]: event.target.checked } })} />
            {t(`clerk.interview.tags.${kind}`)}
          </label>
        ))}
      </div>
      {draft.tags.leader_owned && (
        <Field path="tags" label={t('clerk.interview.fields.leader')} required message={props.state.message} className="leader-field">
          <input
            {...controlProps('tags', props.state, true)}
            value={draft.leader}
            maxLength={60}
            placeholder={t('clerk.interview.leaderPlaceholder')}
            onChange={(event) => update({ leader: event.target.value })}
          />
        </Field>
      )}
    </fieldset>
  );
}
