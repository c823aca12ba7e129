import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordedDecision, Ticket, Visit } from '../../../../shared/contract';
import {
  DESK_DECISION_KINDS,
  LEGAL_CHANNELS,
  NOT_ACCEPTED_REASONS,
  deskDecisionSchema,
  legalBasisOf,
  type DeskDecision,
  type DeskDecisionKind,
  type LegalChannel,
  type NotAcceptedReason,
} from '../../../../shared/domain/desk-decision';
import { FormDialog, FormProblem } from '../../components/FormDialog';
import { useErrorText, useHall, useLocalized } from '../../hall-context';
import { useCaseFormat, useServiceText } from './case-format';

/** The key of a decision's basis explanation: its kind, or for 不予受理 its reason. */
const basisKey = (decision: DeskDecision) => (decision.kind === 'not_accepted' ? decision.reason : decision.kind);

/** A decision in words: what was decided and the body, department, service or case it names. */
export function useDecisionText(): (decision: DeskDecision) => string {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  return (decision) => {
    switch (decision.kind) {
      case 'answered_on_spot':
      case 'accepted':
      case 'mediation':
        return t(`clerk.case.decision.recorded.${decision.kind}`);
      case 'transferred':
      case 'assigned':
        return t(`clerk.case.decision.recorded.${decision.kind}`, { department: decision.department });
      case 'referred_service': {
        const service = info?.services.find((s) => s.id === decision.serviceId);
        return t('clerk.case.decision.recorded.referred_service', { service: service ? localized(service.name) : '—' });
      }
      case 'not_accepted':
        switch (decision.reason) {
          case 'not_competent':
            return t('clerk.case.decision.recorded.not_competent', { body: decision.competentBody });
          case 'legal_channel':
            return t('clerk.case.decision.recorded.legal_channel', {
              channel: t(`clerk.case.decision.channels.${decision.channel}`),
              body: decision.competentBody,
            });
          case 'already_in_handling':
          case 'final_review_done':
            return t(`clerk.case.decision.recorded.${decision.reason}`, { caseNumber: decision.caseNumber });
        }
    }
  };
}

/** The desk's decision: the guided dialog while there is none, then the decision and the article it rests on. */
export function DecisionPanel(props: { visit: Visit; windowId?: string; ticket?: Ticket | null; onDecided: (visit: Visit) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const serviceText = useServiceText();
  const [open, setOpen] = useState(false);
  const [transfer, setTransfer] = useState<TicketTransfer | null>(null);
  const { visit } = props;
  return (
    <section className="case-section" aria-labelledby="case-decision-heading" data-testid="case-decision">
      <h3 id="case-decision-heading">{t('clerk.case.decision.title')}</h3>
      {transfer &&
        (transfer.failure === null ? (
          <p className="banner banner-ok" role="status" data-testid="ticket-transferred">
            {t('clerk.case.decision.ticketMoved', { number: transfer.number, service: serviceText(transfer.serviceId) })}
          </p>
        ) : (
          <div className="banner banner-error" role="alert">
            {t('clerk.case.decision.transferFailed', { number: transfer.number, reason: errorText(transfer.failure) })}
          </div>
        ))}
      {visit.decision ? (
        <RecordedDecisionView recorded={visit.decision} />
      ) : (
        <>
          <p className="muted">{t('clerk.case.decision.none')}</p>
          <button type="button" className="primary-button" onClick={() => setOpen(true)}>
            {t('clerk.case.decision.decide')}
          </button>
        </>
      )}
      {open && (
        <DecisionDialog
          visit={visit}
          windowId={props.windowId}
          ticket={props.ticket ?? null}
          onClose={() => setOpen(false)}
          onDecided={(updated, ticketTransfer) => {
            setOpen(false);
            setTransfer(ticketTransfer);
            props.onDecided(updated);
          }}
        />
      )}
    </section>
  );
}

function RecordedDecisionView({ recorded }: { recorded: RecordedDecision }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const decisionText = useDecisionText();
  const { decision } = recorded;
  return (
    <div className="decision-recorded">
      <p className="decision-text" data-testid="decision-text">
        <span aria-hidden="true">✓ </span>
        {decisionText(decision)}
      </p>
      {decision.kind === 'answered_on_spot' && <p className="decision-answer">{decision.answer}</p>}
      <p data-testid="decision-basis">
        {t('clerk.case.decision.basis', { article: format.article(recorded.legalBasis) })}
        {' — '}
        {t(`clerk.case.decision.basisText.${basisKey(decision)}`)}
      </p>
      <p className="muted">
        {t('clerk.case.decision.decidedBy', { name: recorded.decidedBy.name, staffNo: recorded.decidedBy.staffNo, time: format.dateTime(recorded.decidedAt) })}
      </p>
    </div>
  );
}

/** What happened to the ticket of a referral: moved to the other service, or not (the decision is saved either way). */
interface TicketTransfer {
  number: string;
  serviceId: string;
  failure: unknown | null;
}

interface Draft {
  kind: DeskDecisionKind | null;
  answer: string;
  department: string;
  reason: NotAcceptedReason;
  channel: LegalChannel;
  competentBody: string;
  caseNumber: string;
  serviceId: string;
  note: string;
}

/** What the draft describes, its fields as typed (not yet checked); null before a choice. */
function candidateOf(draft: Draft): DeskDecision | null {
  return (() => {
    switch (draft.kind) {
      case null:
        return null;
      case 'answered_on_spot':
        return { kind: draft.kind, answer: draft.answer };
      case 'accepted':
      case 'mediation':
        return { kind: draft.kind };
      case 'transferred':
      case 'assigned':
        return { kind: draft.kind, department: draft.department };
      case 'referred_service':
        return { kind: draft.kind, serviceId: draft.serviceId };
      case 'not_accepted':
        switch (draft.reason) {
          case 'not_competent':
            return { kind: draft.kind, reason: draft.reason, competentBody: draft.competentBody };
          case 'legal_channel':
            return { kind: draft.kind, reason: draft.reason, channel: draft.channel, competentBody: draft.competentBody };
          case 'already_in_handling':
          case 'final_review_done':
            return { kind: draft.kind, reason: draft.reason, caseNumber: draft.caseNumber };
        }
    }
  })() as DeskDecision | null;
}

/** The decision the draft describes, or null while a aria-required="true" field is missing or wrong. */
function decisionOf(draft: Draft): DeskDecision | null {
  const parsed = deskDecisionSchema.safeParse(candidateOf(draft));
  return parsed.success ? parsed.data : null;
}

/**
 * The guided decision (desk-decision.ts): choose what is decided, fill in what that
 * choice needs (the department, the competent body, the legal channel, the earlier case),
 * read the article it rests on, then save. A referral to another service of the hall also
 * sends the visitor's ticket there when the visitor is at this window.
 */
function DecisionDialog(props: {
  visit: Visit;
  windowId?: string;
  ticket: Ticket | null;
  onClose: () => void;
  onDecided: (visit: Visit, ticketTransfer: TicketTransfer | null) => void;
}) {
  const { t } = useTranslation();
  const { client, info } = useHall();
  const localized = useLocalized();
  const format = useCaseFormat();
  const decisionText = useDecisionText();
  const otherServices = (info?.services ?? []).filter((service) => service.id !== props.visit.serviceId);
  // A legal channel (art. 31 items 1–4) and mediation (art. 33) are for 申诉求决类 matters; the core refuses them otherwise.
  const appealMatter = props.visit.matterClass === 'appeal_request';
  const [draft, setDraft] = useState<Draft>({
    kind: null,
    answer: '',
    department: '',
    reason: 'not_competent',
    channel: 'litigation',
    competentBody: '',
    caseNumber: '',
    serviceId: otherServices[0]?.id ?? '',
    note: '',
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const candidate = candidateOf(draft);
  const decision = decisionOf(draft);
  // The ticket goes with a referral only when its visitor is at this window now.
  const ticketHere =
    props.windowId && props.ticket && (props.ticket.status === 'called' || props.ticket.status === 'serving') ? props.ticket : null;

  const submit = async () => {
    if (!decision) throw new FormProblem(t('clerk.case.decision.incomplete'));
    const note = draft.note.trim();
    const { visit } = await client.call('visits.decide', { visitId: props.visit.id, decision, ...(note ? { note } : {}) });
    if (decision.kind === 'referred_service' && ticketHere && props.windowId) {
      const moved = { number: ticketHere.number, serviceId: decision.serviceId };
      try {
        await client.call('queue.transfer', { windowId: props.windowId, ticketId: ticketHere.id, toServiceId: decision.serviceId, position: 'front' });
      } catch (failure) {
        // The decision is saved either way; the clerk can still transfer the ticket at the window desk.
        props.onDecided(visit, { ...moved, failure });
        return;
      }
      props.onDecided(visit, { ...moved, failure: null });
      return;
    }
    props.onDecided(visit, null);
  };

  const textField = (key: 'department' | 'competentBody' | 'caseNumber', label: string, max: number) => (
    <label className="field">
      {label}
      <input value={draft[key]} maxLength={max} aria-required="true" onChange={(event) => set(key, event.target.value)} />
    </label>
  );

  return (
    <FormDialog
      title={t('clerk.case.decision.dialogTitle', { caseNumber: props.visit.caseNumber })}
      onClose={props.onClose}
      submit={submit}
      submitLabel={t('clerk.case.decision.save')}
      canSubmit={decision !== null}
    >
      <fieldset className="decision-kinds">
        <legend>{t('clerk.case.decision.chooseKind')}</legend>
        {DESK_DECISION_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input
              type="radio"
              name="decision-kind"
              value={kind}
              checked={draft.kind === kind}
              disabled={kind === 'mediation' && !appealMatter}
              onChange={() => set('kind', kind)}
            />
            {t(`clerk.case.decision.kinds.${kind}`)}
          </label>
        ))}
        {!appealMatter && <p className="muted decision-hint">{t('clerk.case.decision.appealOnly')}</p>}
      </fieldset>

      {draft.kind === 'answered_on_spot' && (
        <label className="field">
          {t('clerk.case.decision.answer')}
          <textarea rows={4} maxLength={2000} aria-required="true" value={draft.answer} onChange={(event) => set('answer', event.target.value)} />
        </label>
      )}
      {(draft.kind === 'transferred' || draft.kind === 'assigned') && textField('department', t('clerk.case.decision.department'), 100)}
      {draft.kind === 'referred_service' && (
        <fieldset>
          <legend>{t('clerk.case.decision.service')}</legend>
          {otherServices.map((service) => (
            <label key={service.id} className="choice">
              <input type="radio" name="decision-service" checked={draft.serviceId === service.id} onChange={() => set('serviceId', service.id)} />
              {service.letter} {localized(service.name)}
            </label>
          ))}
          <p className="muted decision-hint">
            {ticketHere ? t('clerk.case.decision.ticketGoes', { number: ticketHere.number }) : t('clerk.case.decision.noTicketHere')}
          </p>
        </fieldset>
      )}
      {draft.kind === 'not_accepted' && (
        <>
          <fieldset>
            <legend>{t('clerk.case.decision.reason')}</legend>
            {NOT_ACCEPTED_REASONS.map((reason) => (
              <label key={reason} className="choice">
                <input
                  type="radio"
                  name="decision-reason"
                  checked={draft.reason === reason}
                  disabled={reason === 'legal_channel' && !appealMatter}
                  onChange={() => set('reason', reason)}
                />
                {t(`clerk.case.decision.reasons.${reason}`)}
              </label>
            ))}
          </fieldset>
          {draft.reason === 'legal_channel' && (
            <label className="field">
              {t('clerk.case.decision.channel')}
              <select value={draft.channel} onChange={(event) => set('channel', event.target.value as LegalChannel)}>
                {LEGAL_CHANNELS.map((channel) => (
                  <option key={channel} value={channel}>
                    {t(`clerk.case.decision.channelOptions.${channel}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {(draft.reason === 'not_competent' || draft.reason === 'legal_channel') &&
            textField('competentBody', t('clerk.case.decision.competentBody'), 100)}
          {(draft.reason === 'already_in_handling' || draft.reason === 'final_review_done') &&
            textField('caseNumber', t('clerk.case.decision.earlierCase'), 40)}
        </>
      )}

      {draft.kind !== null && (
        <label className="field">
          {t('clerk.case.decision.note')}
          <input value={draft.note} maxLength={500} onChange={(event) => set('note', event.target.value)} />
        </label>
      )}

      {candidate && (
        <div className="decision-preview" aria-live="polite" data-testid="decision-preview">
          {decision ? (
            <p>
              <strong>{decisionText(decision)}</strong>
            </p>
          ) : (
            <p className="muted">{t('clerk.case.decision.incomplete')}</p>
          )}
          <p data-testid="decision-preview-basis">
            {t('clerk.case.decision.basis', { article: format.article(legalBasisOf(candidate)) })}
            {' — '}
            {t(`clerk.case.decision.basisText.${basisKey(candidate)}`)}
          </p>
        </div>
      )}
    </FormDialog>
  );
}
