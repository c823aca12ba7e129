import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REQUEST_TTL_MS, type RatingRequest, type Visit } from '../../../shared/contract';
import { useErrorText, useHall, useTimeFormat } from '../hall-context';

/** How often a requested rating of a case is looked for (visits.get's `rating`). */
const POLL_MS = 5000;

type State =
  | { kind: 'ready' }
  | { kind: 'requested'; request: RatingRequest; sentAt: number }
  | { kind: 'rated'; level: number }
  | { kind: 'timedOut' };

/**
 * "请评价": asks the visitor at this window to rate the interview on the window's rating
 * tablet (ratings.request; docs/ratings.md). With a case, it looks for the rating on the
 * case and shows it when it comes (`onRated` hands the case, rating included, to the page
 * showing it); without one it can only say that it asked. A request
 * the visitor leaves is over after RATING_REQUEST_TTL_MS.
 */
export function RateRequestButton({ windowId, visitId, onRated }: { windowId: string; visitId?: string; onRated?: (visit: Visit) => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const formatTime = useTimeFormat();
  const [state, setState] = useState<State>({ kind: 'ready' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Another visitor or case: start again.
  useEffect(() => {
    setState({ kind: 'ready' });
    setError(null);
  }, [windowId, visitId]);

  useEffect(() => {
    if (state.kind !== 'requested') return;
    const { request, sentAt } = state;
    const check = () => {
      // Measured on this desk's clock, from when it asked: the hub's clock may differ.
      if (Date.now() - sentAt > RATING_REQUEST_TTL_MS) {
        setState({ kind: 'timedOut' });
        return;
      }
      if (!visitId) return;
      client.call('visits.get', { id: visitId }).then(
        ({ visit }) => {
          if (!visit.rating || visit.rating.ratedAt < request.requestedAt) return;
          setState({ kind: 'rated', level: visit.rating.level });
          onRated?.(visit);
        },
        () => {},
      );
    };
    const timer = setInterval(check, POLL_MS);
    return () => clearInterval(timer);
  }, [client, state, visitId, onRated]);

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      const { request } = await client.call('ratings.request', { windowId, ...(visitId ? { visitId } : {}) });
      setState({ kind: 'requested', request, sentAt: Date.now() });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rate-request" data-testid="rate-request">
      <button type="button" className="secondary-button" disabled={busy} onClick={() => void ask()}>
        {state.kind === 'ready' ? t('rateRequest.button') : t('rateRequest.again')}
      </button>
      <p className="muted" role="status">
        {state.kind === 'requested' && t('rateRequest.requested', { time: formatTime(state.request.requestedAt) })}
        {state.kind === 'rated' && (
          <>
            <span aria-hidden="true">{'★'.repeat(state.level) + '☆'.repeat(5 - state.level)} </span>
            {t('rateRequest.rated', { level: t(`rate.levels.${state.level}`) })}
          </>
        )}
        {state.kind === 'timedOut' && t('rateRequest.timedOut')}
      </p>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
    </div>
  );
}
