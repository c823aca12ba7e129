import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallLocation, MethodOutput, Ticket, TicketRegistration, Visit } from '../../../../shared/contract';
import { useCategoryDictionary } from '../../categories/use-category-dictionary';
import { useErrorText, useHall } from '../../hall-context';
import { CaseView } from '../case/CaseView';
import { HistoryPanel } from './HistoryPanel';
import { historyTarget, initialDraft, type InterviewDraft } from './interview-draft';
import { InterviewForm } from './InterviewForm';
import './interview.css';

export type VisitorHistory = MethodOutput<'visits.history'>;

/**
 * The interview of the visitor being served (来访登记): the form beside the visitor's
 * history, then, once saved, the case itself (CaseView). Kept mounted while the clerk
 * looks back at the desk, so nothing typed is lost; it goes when the ticket does.
 */
export function InterviewDesk(props: {
  ticket: Ticket;
  windowId: string;
  hidden: boolean;
  onBack: () => void;
  onSaved: (visit: Visit) => void;
}) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const { ticket } = props;
  const [registration, setRegistration] = useState<TicketRegistration | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<InterviewDraft | null>(null);
  const [saved, setSaved] = useState<Visit | null>(null);
  const locations = useLocations();
  const categories = useCategoryDictionary();

  // What the kiosk registered for this ticket: the form starts from it.
  useEffect(() => {
    let current = true;
    client.call('visitors.ofTicket', { ticketId: ticket.id }).then(
      (reply) => {
        if (!current) return;
        setRegistration(reply.registration);
        setDraft((existing) => existing ?? initialDraft(ticket, reply.registration));
      },
      (failure: unknown) => current && setLoadError(failure),
    );
    return () => {
      current = false;
    };
    // Once per ticket: the draft must not restart when the ticket's status changes.
  }, [client, ticket.id]);

  const today = ticket.serviceDay;
  const target = draft && registration !== undefined ? historyTarget(draft, registration, today) : null;
  const [history, setHistory] = useState<VisitorHistory | null>(null);

  // 初次信访 follows the history until the clerk answers it: no earlier case → yes.
  const onHistory = useCallback((loaded: VisitorHistory | null) => {
    setHistory(loaded);
    if (!loaded) return;
    setDraft((current) => (current && !current.firstTimeChosen ? { ...current, firstTime: loaded.visits.length === 0 ? 'yes' : 'no' } : current));
  }, []);

  const saveDone = (visit: Visit) => {
    setSaved(visit);
    props.onSaved(visit);
  };

  return (
    <section className="interview-desk" hidden={props.hidden} aria-labelledby="interview-heading" data-testid="interview">
      <div className="interview-heading">
        <h2 id="interview-heading">{t('clerk.interview.title', { number: ticket.number })}</h2>
        <button type="button" className="secondary-button small-button" onClick={props.onBack}>
          {t('clerk.interview.backToDesk')}
        </button>
      </div>
      {saved ? (
        <CaseView visitId={saved.id} windowId={props.windowId} ticket={ticket} onClose={props.onBack} />
      ) : loadError !== null ? (
        <p className="banner banner-error" role="alert">
          {errorText(loadError)}
        </p>
      ) : draft === null || registration === undefined ? (
        <p>{t('common.loading')}</p>
      ) : (
        <div className="interview-columns">
          <InterviewForm
            ticket={ticket}
            registration={registration}
            draft={draft}
            setDraft={setDraft}
            locations={locations}
            categories={categories}
            history={history}
            autoFocus={!props.hidden}
            onSaved={saveDone}
          />
          <HistoryPanel target={target} categoryCode={draft.categoryCode} dictionary={categories.loaded?.dictionary ?? null} today={today} onLoaded={onHistory} />
        </div>
      )}
    </section>
  );
}

export interface LoadedLocations {
  locations: HallLocation[] | null;
  error: unknown;
}

/** The hall's street / community list for 问题属地. */
function useLocations(): LoadedLocations {
  const { client, connection } = useHall();
  const [state, setState] = useState<LoadedLocations>({ locations: null, error: null });
  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('locations.list', {}).then(
      ({ locations }) => current && setState({ locations, error: null }),
      (failure: unknown) => current && setState({ locations: null, error: failure }),
    );
    return () => {
      current = false;
    };
  }, [client, connection]);
  return state;
}
