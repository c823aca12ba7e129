import { useTranslation } from 'react-i18next';
import type { TicketRegistration } from '../../../../shared/contract';
import { MAX_REPRESENTATIVES } from '../../../../shared/domain/kiosk-settings';
import { LANGUAGES, type Language } from '../../../../shared/domain/languages';
import { checkIdNumber } from '../../../../shared/domain/resident-id';
import { controlProps, Field, fieldId, FieldMessage, type FieldState } from './form-fields';
import { canAddCompanion, listedCount, peopleCountOf, typesPerson, type CompanionDraft, type FieldPath, type InterviewDraft, type PersonDraft } from './interview-draft';

export interface FieldsProps {
  draft: InterviewDraft;
  update: (patch: Partial<InterviewDraft>) => void;
  /** The field's problem in words, when it is to be shown now. */
  messageOf: (path: FieldPath) => string | null;
  onFinished: (path: FieldPath) => void;
  today: string;
}

/** The main visitor: the kiosk's registration (masked), or typed by the clerk, or 姓名住址不清; and their address. */
export function VisitorFields(props: FieldsProps & { registration: TicketRegistration | null }) {
  const { t } = useTranslation();
  const { draft, update, registration } = props;
  const registered = registration?.visitor ?? null;
  const state = (path: FieldPath): FieldState => ({ message: props.messageOf(path), onFinished: props.onFinished });

  return (
    <fieldset className="interview-section" aria-labelledby="interview-visitor-heading">
      <h3 id="interview-visitor-heading">{t('clerk.interview.sections.visitor')}</h3>
      {!draft.identityUnclear && registered && draft.useRegistered && (
        <div className="registered-visitor" data-testid="registered-visitor">
          <p className="muted">{t('clerk.interview.registered.title')}</p>
          <dl className="registration-facts">
            <dt>{t('clerk.interview.fields.person.name')}</dt>
            <dd data-testid="registered-name">{registered.name}</dd>
            <dt>{t('clerk.interview.fields.person.idNumber')}</dt>
            <dd className="masked" data-testid="registered-id">
              {registered.idMasked}
            </dd>
            <dt>{t('clerk.interview.fields.person.phone')}</dt>
            <dd className="masked" data-testid="registered-phone">
              {registered.phoneMasked ?? t('clerk.registration.noPhone')}
            </dd>
          </dl>
          <p className="muted">{t('clerk.interview.registered.masked')}</p>
          <button type="button" className="link-button" onClick={() => update({ useRegistered: false })}>
            {t('clerk.interview.registered.typeInstead')}
          </button>
        </div>
      )}
      {typesPerson(draft) && (
        <>
          {registration && !registered && <p className="muted">{t('clerk.registration.notRegistered')}</p>}
          <PersonFields prefix="person" person={draft.person} onChange={(person) => update({ person })} messageOf={props.messageOf} onFinished={props.onFinished} today={props.today} />
          <Field path="language" label={t('clerk.interview.fields.language')} message={null}>
            <select {...controlProps('language', state('language'))} value={draft.language} onChange={(event) => update({ language: event.target.value as Language })}>
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(`common.languages.${language}`)}
                </option>
              ))}
            </select>
          </Field>
          {registered && (
            <button type="button" className="link-button" onClick={() => update({ useRegistered: true })}>
              {t('clerk.interview.registered.useRegistered')}
            </button>
          )}
        </>
      )}
      <label className="choice identity-unclear">
        <input
          type="checkbox"
          id={fieldId('identityUnclear')}
          checked={draft.identityUnclear}
          aria-describedby="interview-identity-unclear-hint"
          onChange={(event) => update({ identityUnclear: event.target.checked })}
        />
        {t('clerk.interview.fields.identityUnclear')}
      </label>
      <p id="interview-identity-unclear-hint" className="field-hint muted">
        {t('clerk.interview.identityUnclearHint')}
      </p>
      <FieldMessage path="identityUnclear" message={props.messageOf('identityUnclear')} />
      {!draft.identityUnclear && (
        <Field path="address" label={t('clerk.interview.fields.address')} required message={props.messageOf('address')}>
          <input {...controlProps('address', state('address'), true)} value={draft.address} maxLength={200} autoComplete="off" onChange={(event) => update({ address: event.target.value })} />
        </Field>
      )}
    </fieldset>
  );
}

/** Name, ID number (checked as it is typed) and phone (optional) of one person. */
function PersonFields(props: {
  prefix: string;
  person: PersonDraft;
  onChange: (person: PersonDraft) => void;
  messageOf: (path: FieldPath) => string | null;
  onFinished: (path: FieldPath) => void;
  today: string;
}) {
  const { t } = useTranslation();
  const { prefix, person } = props;
  const path = (field: keyof PersonDraft) => `${prefix}.${field}`;
  const state = (field: keyof PersonDraft): FieldState => ({ message: props.messageOf(path(field)), onFinished: props.onFinished });
  const id = checkIdNumber(person.idNumber, props.today);
  return (
    <div className="person-fields">
      <Field path={path('name')} label={t('clerk.interview.fields.person.name')} required message={props.messageOf(path('name'))}>
        <input {...controlProps(path('name'), state('name'), true)} value={person.name} maxLength={50} autoComplete="off" onChange={(event) => props.onChange({ ...person, name: event.target.value })} />
      </Field>
      <Field
        path={path('idNumber')}
        label={t('clerk.interview.fields.person.idNumber')}
        required
        message={props.messageOf(path('idNumber'))}
        hint={id.ok ? <span data-testid={`valid-${path('idNumber')}`}>✓ {t(`kioskFlow.identity.kinds.${id.kind}`)}</span> : undefined}
      >
        <input
          {...controlProps(path('idNumber'), state('idNumber'), true)}
          className="id-input"
          value={person.idNumber}
          maxLength={22}
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => props.onChange({ ...person, idNumber: event.target.value })}
        />
      </Field>
      <Field path={path('phone')} label={t('clerk.interview.fields.person.phone')} hint={t('clerk.interview.phoneOptional')} message={props.messageOf(path('phone'))}>
        <input
          {...controlProps(path('phone'), state('phone'))}
          value={person.phone}
          maxLength={20}
          inputMode="tel"
          autoComplete="off"
          onChange={(event) => props.onChange({ ...person, phone: event.target.value })}
        />
      </Field>
    </div>
  );
}

/**
 * The people listed besides the main visitor: everyone when five or fewer came, the
 * elected representatives otherwise — at most five listed in all (art. 20).
 */
export function CompanionFields(props: FieldsProps) {
  const { t } = useTranslation();
  const { draft, update } = props;
  const count = peopleCountOf(draft);
  const listed = listedCount(draft);
  const canAdd = canAddCompanion(draft);
  const atLimit = listed >= MAX_REPRESENTATIVES;
  const setCompanion = (index: number, companion: CompanionDraft) => update({ companions: draft.companions.map((c, i) => (i === index ? companion : c)) });
  const add = () => {
    const key = Math.max(0, ...draft.companions.map((c) => c.key)) + 1;
    update({ companions: [...draft.companions, { key, name: '', idNumber: '', phone: '', address: '' }] });
    // The new row's first field, once it is on the page.
    setTimeout(() => document.getElementById(fieldId(`companions.${draft.companions.length}.person.name`))?.focus(), 0);
  };
  const message = props.messageOf('companions');

  return (
    <fieldset id={fieldId('companions')} tabIndex={-1} className="interview-subsection companions" data-field="companions" aria-labelledby="interview-companions-heading">
      <h4 id="interview-companions-heading">{t('clerk.interview.companions.heading')}</h4>
      <p className="muted" data-testid="companions-listed">
        {t('clerk.interview.companions.listed', { listed, max: MAX_REPRESENTATIVES })}
      </p>
      {count !== null && count > MAX_REPRESENTATIVES && <p className="field-hint">{t('clerk.interview.companions.representativesHint', { count, max: MAX_REPRESENTATIVES })}</p>}
      {draft.companions.map((companion, index) => (
        <div key={companion.key} className="companion-row" data-testid="companion-row">
          <div className="companion-row-heading">
            <strong>{t('clerk.interview.companions.row', { n: index + 2 })}</strong>
            <button
              type="button"
              className="secondary-button small-button"
              aria-label={t('clerk.interview.companions.removeThis', { n: index + 2 })}
              onClick={() => update({ companions: draft.companions.filter((_, i) => i !== index) })}
            >
              {t('clerk.interview.companions.remove')}
            </button>
          </div>
          <PersonFields
            prefix={`companions.${index}.person`}
            person={companion}
            onChange={(person) => setCompanion(index, { ...companion, ...person })}
            messageOf={props.messageOf}
            onFinished={props.onFinished}
            today={props.today}
          />
          <Field path={`companions.${index}.address`} label={t('clerk.interview.fields.address')} message={props.messageOf(`companions.${index}.address`)}>
            <input
              {...controlProps(`companions.${index}.address`, { message: props.messageOf(`companions.${index}.address`), onFinished: props.onFinished })}
              value={companion.address}
              maxLength={200}
              autoComplete="off"
              onChange={(event) => setCompanion(index, { ...companion, address: event.target.value })}
            />
          </Field>
        </div>
      ))}
      <div className="companion-add">
        <button type="button" className="secondary-button small-button" disabled={!canAdd} aria-describedby={atLimit ? 'interview-companions-limit' : undefined} onClick={add}>
          {t('clerk.interview.companions.add')}
        </button>
        {/* At five the button stops, and says why in the regulation's words. */}
        {atLimit && (
          <p id="interview-companions-limit" className="companion-limit" data-testid="companions-limit">
            <span aria-hidden="true">⚠ </span>
            {t('clerk.interview.companions.limit', { max: MAX_REPRESENTATIVES })}
          </p>
        )}
      </div>
      <FieldMessage path="companions" message={message} />
    </fieldset>
  );
}
