import { useEffect, useReducer, useRef, useState, type Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError, RATING_REASONS, SATISFACTION_LEVELS, type HallWindow } from '../../../shared/contract';
import { languageSchema } from '../../../shared/domain/languages';
import { useErrorText, useHall, useLocalized } from '../hall-context';
import { rememberLanguage } from '../i18n';
import { IDLE, rateReducer, type RateAction, type RateScreen } from './rate-screen';
import { SatisfactionFace } from './SatisfactionFace';

/** How long the thanks (or why a rating was refused) stays before the idle screen. */
const THANKS_MS = 6000;
/**
 * While a request is on screen the tablet asks the hub again this often: the hub's clock
 * decides when a request expires (docs/ratings.md), so an unanswered one goes idle then.
 */
const RECHECK_MS = 30_000;

/** One window's tablet: idle, the scale when the clerk asks, thanks after. */
export function RatingTablet({ hallWindow, onChangeWindow }: { hallWindow: HallWindow; onChangeWindow: () => void }) {
  const { i18n } = useTranslation();
  const { client, connection } = useHall();
  const [screen, dispatch] = useReducer(rateReducer, IDLE);
  const windowId = hallWindow.id;

  // The window's open request, whenever the connection (re)opens (a reload, a language switch).
  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('ratings.pending', { windowId }).then(
      ({ request }) => current && dispatch({ type: 'pending', request }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [client, connection, windowId]);

  useEffect(() => {
    const stopRequested = client.on('ratings.requested', ({ request }) => request.windowId === windowId && dispatch({ type: 'pending', request }));
    const stopClosed = client.on('ratings.closed', (closed) => closed.windowId === windowId && dispatch({ type: 'closed', requestId: closed.requestId }));
    return () => {
      stopRequested();
      stopClosed();
    };
  }, [client, windowId]);

  // An unanswered request goes idle once the hub says it has expired.
  const showing = screen.kind === 'rating';
  useEffect(() => {
    if (!showing) return;
    const timer = setInterval(() => {
      client.call('ratings.pending', { windowId }).then(
        ({ request }) => dispatch({ type: 'pending', request }),
        () => {},
      );
    }, RECHECK_MS);
    return () => clearInterval(timer);
  }, [client, showing, windowId]);

  // The tablet's own language, restored for the next visitor once one is done.
  const homeLanguage = useRef(i18n.language);
  if (screen.kind === 'idle') homeLanguage.current = i18n.language;
  const finished = screen.kind === 'thanks' || screen.kind === 'ended';
  useEffect(() => {
    if (!finished) return;
    const timer = setTimeout(() => {
      dispatch({ type: 'idle' });
      const home = languageSchema.safeParse(homeLanguage.current);
      if (home.success && i18n.language !== home.data) {
        rememberLanguage(home.data);
        void i18n.changeLanguage(home.data);
      }
    }, THANKS_MS);
    return () => clearTimeout(timer);
  }, [finished, i18n]);

  return <TabletScreen screen={screen} hallWindow={hallWindow} dispatch={dispatch} onChangeWindow={onChangeWindow} />;
}

function TabletScreen(props: {
  screen: RateScreen;
  hallWindow: HallWindow;
  dispatch: Dispatch<RateAction>;
  onChangeWindow: () => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const errorText = useErrorText();
  const { screen } = props;
  switch (screen.kind) {
    case 'idle':
      return (
        <section className="rate-screen rate-idle" aria-labelledby="rate-idle-heading" data-testid="rate-idle">
          <h2 id="rate-idle-heading" className="rate-idle-title">
            {t('rate.title')}
          </h2>
          <p className="rate-window-label">{localized(props.hallWindow.name)}</p>
          <p>{t('rate.idleLine')}</p>
          <button type="button" className="link-button rate-change-window" onClick={props.onChangeWindow}>
            {t('rate.changeWindow')}
          </button>
        </section>
      );
    case 'rating':
      return <RatingForm screen={screen} dispatch={props.dispatch} />;
    case 'thanks':
      return (
        <section className="rate-screen rate-done" role="status" data-testid="rate-thanks">
          <span className="rate-done-mark" aria-hidden="true">
            ✓
          </span>
          <h2>{t('rate.thanks')}</h2>
          <p>{t('rate.thanksLine')}</p>
        </section>
      );
    case 'ended':
      return (
        <section className="rate-screen rate-done" role="status" data-testid="rate-ended">
          <h2>{errorText(screen.error)}</h2>
        </section>
      );
  }
}

/** The request: whose ticket and clerk, the five levels, then the optional reasons and submit. */
function RatingForm(props: { screen: Extract<RateScreen, { kind: 'rating' }>; dispatch: Dispatch<RateAction> }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const { dispatch } = props;
  const { request, level, reasons, submitting } = props.screen;
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Each step's question gets the focus, so that a screen reader reads it out.
  const step = level === null ? 'level' : 'reasons';
  useEffect(() => heading.current?.focus(), [step]);

  const submit = async () => {
    if (level === null) return;
    dispatch({ type: 'submitting' });
    setError(null);
    try {
      await client.call('ratings.submit', { requestId: request.id, level, reasons: RATING_REASONS.filter((r) => reasons.includes(r)) });
      dispatch({ type: 'submitted' });
    } catch (failure) {
      // Expired, replaced or already rated: say so, then go idle. Anything else (the network): try again.
      if (failure instanceof HallClientError && (failure.code === 'NOT_FOUND' || failure.code === 'CONFLICT')) dispatch({ type: 'refused', error: failure });
      else {
        dispatch({ type: 'failed' });
        setError(failure);
      }
    }
  };

  return (
    <section className="rate-screen rate-request" aria-labelledby="rate-question" data-testid="rate-request">
      <div className="rate-who" aria-live="polite">
        {request.ticketNumber !== null && (
          <p className="rate-ticket" data-testid="rate-ticket">
            {t('rate.ticket', { number: request.ticketNumber })}
          </p>
        )}
        <p className="rate-clerk" data-testid="rate-clerk">
          {t('rate.servedBy', { name: request.clerk.name, staffNo: request.clerk.staffNo })}
        </p>
      </div>
      {level === null ? (
        <>
          <h2 id="rate-question" ref={heading} tabIndex={-1}>
            {t('rate.question')}
          </h2>
          <div className="rate-levels">
            {SATISFACTION_LEVELS.map((option) => (
              <button key={option} type="button" className="rate-level" onClick={() => dispatch({ type: 'level', level: option })}>
                <SatisfactionFace level={option} />
                <span>{t(`rate.levels.${option}`)}</span>
              </button>
            ))}
          </div>
        </>
      ) : (
        <>
          <div className="rate-chosen">
            <SatisfactionFace level={level} />
            <h2 id="rate-question" ref={heading} tabIndex={-1}>
              {t('rate.chosen', { level: t(`rate.levels.${level}`) })}
            </h2>
            <button type="button" className="secondary-button" disabled={submitting} onClick={() => dispatch({ type: 'level', level: null })}>
              {t('rate.changeLevel')}
            </button>
          </div>
          <fieldset className="rate-reasons">
            <legend>{t('rate.reasonsQuestion')}</legend>
            {RATING_REASONS.map((reason) => {
              const chosen = reasons.includes(reason);
              return (
                <button
                  key={reason}
                  type="button"
                  className="rate-reason"
                  aria-pressed={chosen}
                  disabled={submitting}
                  onClick={() => dispatch({ type: 'reason', reason })}
                >
                  {/* Ticked in words and mark, not by colour alone. */}
                  <span className="rate-reason-mark" aria-hidden="true">
                    {chosen ? '✓' : ''}
                  </span>
                  {t(`rate.reasons.${reason}`)}
                </button>
              );
            })}
          </fieldset>
          {error !== null && (
            <div className="banner banner-error" role="alert">
              {errorText(error)}
            </div>
          )}
          <button type="button" className="primary-button rate-submit" disabled={submitting} onClick={() => void submit()}>
            {submitting ? t('rate.submitting') : t('rate.submit')}
          </button>
        </>
      )}
    </section>
  );
}
