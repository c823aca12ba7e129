import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket, Visit } from '../../../../shared/contract';
import { useErrorText, useHall } from '../../hall-context';
import { AttachmentsPanel } from './AttachmentsPanel';
import { useCaseFormat, useCategoryText, useServiceDay, useServiceText } from './case-format';
import { DeadlinesPanel } from './DeadlinesPanel';
import { DecisionPanel } from './DecisionPanel';
import { PrintPanel } from './PrintPanel';
import { TagsDialog, useTagText } from './TagsDialog';
import { RateRequestButton } from '../RateRequestButton';
import { TimelinePanel } from './TimelinePanel';
import './case.css';

/**
 * One case as the clerk works on it (visits.get): the record, the desk's decision, the
 * deadlines the regulation sets, its printing, the timeline and the attachments.
 * `windowId` and `ticket`: the window the clerk sits at and the visitor's ticket there,
 * so that a referral to another service sends the ticket along (and the window's
 * printer takes the receipts).
 */
export function CaseView(props: { visitId: string; windowId?: string; ticket?: Ticket | null; onClose?: () => void }) {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const format = useCaseFormat();
  const today = useServiceDay();
  const [visit, setVisit] = useState<Visit | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editingTags, setEditingTags] = useState(false);
  const { visitId } = props;

  const load = useCallback(
    (isCurrent: () => boolean = () => true) =>
      client.call('visits.get', { id: visitId }).then(
        (value) => {
          if (!isCurrent()) return;
          setVisit(value.visit);
          setError(null);
        },
        (failure: unknown) => isCurrent() && setError(failure),
      ),
    [client, visitId],
  );

  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load, connection]);

  const shown = visit?.id === visitId ? visit : null;

  // Opened from a list at a window: the case's ticket, if its visitor is at this window now.
  const [windowTicket, setWindowTicket] = useState<Ticket | null>(null);
  const caseTicketId = shown?.ticketId ?? null;
  useEffect(() => {
    if (props.ticket !== undefined || !props.windowId || !caseTicketId) return;
    let current = true;
    client.call('queue.windowStatus', { windowId: props.windowId }).then(
      (status) => current && setWindowTicket(status.current?.id === caseTicketId ? status.current : null),
      () => current && setWindowTicket(null),
    );
    return () => {
      current = false;
    };
  }, [client, props.ticket, props.windowId, caseTicketId]);
  const ticket = props.ticket !== undefined ? props.ticket : windowTicket;
  return (
    <article className="case-view" aria-labelledby="case-heading" data-testid="case-view">
      <div className="case-header">
        <div>
          <h2 id="case-heading">{t('clerk.case.title', { caseNumber: shown?.caseNumber ?? '…' })}</h2>
          {shown && (
            <p className="muted" data-testid="case-meta">
              {shown.officialNumber && `${t('clerk.case.officialNumber', { number: shown.officialNumber })} · `}
              {t('clerk.case.received', { date: format.day(shown.receivedOn) })} ·{' '}
              {t('clerk.case.registeredBy', {
                name: t('clerk.case.staffName', { name: shown.registeredBy.name, staffNo: shown.registeredBy.staffNo }),
                time: format.dateTime(shown.registeredAt),
              })}
            </p>
          )}
        </div>
        <div className="case-header-actions">
          {/* The case's visitor, at this window now, rates the interview on the window's tablet. */}
          {props.windowId && shown && ticket && <RateRequestButton windowId={props.windowId} visitId={shown.id} onRated={setVisit} />}
          {props.onClose && (
            <button type="button" className="secondary-button small-button" onClick={props.onClose}>
              {t('clerk.case.close')}
            </button>
          )}
        </div>
      </div>

      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {!shown ? (
        error === null && <p>{t('common.loading')}</p>
      ) : (
        <>
          <div className="case-grid">
            <CaseRecord visit={shown} onEditTags={() => setEditingTags(true)} />
            <div className="case-side">
              <DecisionPanel visit={shown} windowId={props.windowId} ticket={ticket} onDecided={setVisit} />
              <DeadlinesPanel visit={shown} />
            </div>
          </div>
          <PrintPanel key={shown.id} visit={shown} windowId={props.windowId} />
          <TimelinePanel visit={shown} today={today} onChanged={setVisit} />
          <AttachmentsPanel visit={shown} onChanged={() => void load()} />
        </>
      )}
      {editingTags && shown && (
        <TagsDialog
          visit={shown}
          onClose={() => setEditingTags(false)}
          onSaved={(updated) => {
            setEditingTags(false);
            setVisit(updated);
          }}
        />
      )}
    </article>
  );
}

/** The record as registered: classification, location, the matter in the visitor's words, the people (masked), the tags. */
function CaseRecord({ visit, onEditTags }: { visit: Visit; onEditTags: () => void }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const categoryText = useCategoryText();
  const serviceText = useServiceText();
  const tagText = useTagText();
  const yesNo = (value: boolean) => t(value ? 'clerk.case.yes' : 'clerk.case.no');
  return (
    <section className="case-section" aria-labelledby="case-record-heading" data-testid="case-record">
      <h3 id="case-record-heading">{t('clerk.case.record')}</h3>
      <dl className="case-facts">
        <dt>{t('fieldLabels.visits.categoryCode')}</dt>
        <dd data-testid="case-category">{categoryText(visit.categoryCode)}</dd>
        <dt>{t('fieldLabels.visits.problemLocation')}</dt>
        <dd>{visit.problemLocation || '—'}</dd>
        <dt>{t('fieldLabels.visits.matterClass')}</dt>
        <dd>{t(`clerk.case.matterClasses.${visit.matterClass}`)}</dd>
        <dt>{t('fieldLabels.visits.purpose')}</dt>
        <dd>{t(`clerk.case.purposes.${visit.purpose}`)}</dd>
        <dt>{t('fieldLabels.visits.serviceId')}</dt>
        <dd>{serviceText(visit.serviceId)}</dd>
        <dt>{t('clerk.case.form')}</dt>
        <dd>
          {t(`clerk.case.forms.${visit.form}`)} · {t('common.people', { count: visit.peopleCount })}
          {visit.representatives !== null && ` · ${t('clerk.registration.representatives', { count: visit.representatives })}`}
        </dd>
        <dt>{t('fieldLabels.visits.firstTime')}</dt>
        <dd>{yesNo(visit.firstTime)}</dd>
        <dt>{t('fieldLabels.visits.jointOrGroup')}</dt>
        <dd>{yesNo(visit.jointOrGroup)}</dd>
        <dt>{t('clerk.case.rating.label')}</dt>
        <dd data-testid="case-rating">
          {visit.rating
            ? t('clerk.case.rating.given', { level: t(`rate.levels.${visit.rating.level}`), time: format.dateTime(visit.rating.ratedAt) })
            : t('clerk.case.rating.none')}
          {visit.rating && visit.rating.reasons.length > 0 && (
            <div className="muted">
              {t('clerk.case.rating.reasons', {
                reasons: visit.rating.reasons.map((reason) => t(`rate.reasons.${reason}`)).join(t('common.listSeparator')),
              })}
            </div>
          )}
        </dd>
        <dt>{t('fieldLabels.visits.summary')}</dt>
        <dd className="case-text">{visit.summary}</dd>
        <dt>{t('fieldLabels.visits.request')}</dt>
        <dd className="case-text">{visit.request}</dd>
        <dt>{t('fieldLabels.visits.factsAndReasons')}</dt>
        <dd className="case-text">{visit.factsAndReasons || '—'}</dd>
      </dl>

      <h4>{t('clerk.case.people')}</h4>
      {visit.people.length === 0 ? (
        <p className="muted">{visit.identityUnclear ? t('clerk.case.identityUnclear') : '—'}</p>
      ) : (
        <ul className="case-people" data-testid="case-people">
          {visit.people.map((person, index) => (
            <li key={person.id}>
              <strong>{person.name}</strong>
              {index === 0 && <span className="muted"> · {t('clerk.case.mainVisitor')}</span>}
              <span className="masked"> · {person.idMasked}</span>
              <span className="masked"> · {person.phoneMasked ?? t('clerk.registration.noPhone')}</span>
              {person.address && <span> · {person.address}</span>}
            </li>
          ))}
        </ul>
      )}

      <div className="section-heading">
        <h4>{t('clerk.case.tags.title')}</h4>
        <button type="button" className="secondary-button small-button" onClick={onEditTags}>
          {t('clerk.case.tags.edit')}
        </button>
      </div>
      {visit.tags.length === 0 ? (
        <p className="muted">{t('clerk.case.tags.none')}</p>
      ) : (
        <ul className="tag-list" data-testid="case-tags">
          {visit.tags.map((tag) => (
            <li key={tag.kind} className="badge">
              {tagText(tag)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
