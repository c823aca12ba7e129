import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service, Ticket } from '../../../shared/contract';
import { PageHeader } from '../components/PageHeader';
import { useErrorText, useHall, useLocalized, useTimeFormat } from '../hall-context';

const RETURN_AFTER_SECONDS = 30;

type KioskState =
  | { step: 'choose' }
  | { step: 'issuing'; service: Service }
  | { step: 'ticket'; service: Service; ticket: Ticket; peopleAhead: number; estimatedWaitMinutes: number | null };

type ServiceWait = { waiting: number; estimatedWaitMinutes: number | null };

/** Take a number: choose a service, get the ticket shown large with the people ahead. */
export function KioskPage() {
  const { t } = useTranslation();
  const { client, info, connection } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  const [state, setState] = useState<KioskState>({ step: 'choose' });
  const [error, setError] = useState<unknown>(null);
  const [waits, setWaits] = useState<Map<string, ServiceWait>>(new Map());

  // How long each service waits now, kept current as the queue changes.
  const loadWaits = useCallback(() => {
    client.call('queue.serviceWaits', {}).then(
      ({ services }) => setWaits(new Map(services.map((s) => [s.serviceId, s]))),
      () => {},
    );
  }, [client]);
  useEffect(() => {
    if (connection > 0) loadWaits();
  }, [loadWaits, connection]);
  useEffect(() => client.on('queue.waitingChanged', loadWaits), [client, loadWaits]);

  async function take(service: Service) {
    setError(null);
    setState({ step: 'issuing', service });
    try {
      const { ticket, peopleAhead, estimatedWaitMinutes } = await client.call('queue.issueTicket', { serviceId: service.id });
      setState({ step: 'ticket', service, ticket, peopleAhead, estimatedWaitMinutes });
    } catch (failure) {
      setError(failure);
      setState({ step: 'choose' });
    }
  }

  return (
    <div className="page kiosk">
      <PageHeader title={t('kiosk.title')} />
      <main>
        {error !== null && (
          <div className="banner banner-error" role="alert">
            {errorText(error)}
          </div>
        )}
        {state.step === 'ticket' ? (
          <TicketView
            ticket={state.ticket}
            serviceName={localized(state.service.name)}
            peopleAhead={state.peopleAhead}
            estimatedWaitMinutes={state.estimatedWaitMinutes}
            onDone={() => {
              setError(null);
              setState({ step: 'choose' });
            }}
          />
        ) : (
          <section aria-labelledby="choose-service">
            <h2 id="choose-service" className="prompt">
              {t('kiosk.chooseService')}
            </h2>
            {!info && <p>{t('common.loading')}</p>}
            <div className="service-grid">
              {info?.services.map((service) => (
                <button
                  key={service.id}
                  type="button"
                  className="service-button"
                  disabled={state.step === 'issuing'}
                  onClick={() => void take(service)}
                >
                  <span className="service-letter" aria-hidden="true">
                    {service.letter}
                  </span>
                  <span className="service-text">
                    <span className="service-name">{localized(service.name)}</span>
                    <span className="service-description">{localized(service.description)}</span>
                    <ServiceWaitLine wait={waits.get(service.id)} />
                  </span>
                </button>
              ))}
            </div>
            {state.step === 'issuing' && (
              <p role="status" className="prompt">
                {t('kiosk.issuing')}
              </p>
            )}
          </section>
        )}
      </main>
    </div>
  );
}

/** "3 waiting · about 12 minutes", so a visitor can choose knowing the wait. */
function ServiceWaitLine({ wait }: { wait: ServiceWait | undefined }) {
  const { t } = useTranslation();
  if (!wait) return null;
  return (
    <span className="service-wait">
      {wait.waiting === 0 ? t('kiosk.nobodyWaiting') : t('kiosk.waitingNow', { count: wait.waiting })}
      {wait.waiting > 0 && wait.estimatedWaitMinutes !== null && ` · ${t('kiosk.aboutMinutes', { count: wait.estimatedWaitMinutes })}`}
    </span>
  );
}

function TicketView(props: { ticket: Ticket; serviceName: string; peopleAhead: number; estimatedWaitMinutes: number | null; onDone: () => void }) {
  const { t } = useTranslation();
  const formatTime = useTimeFormat();
  const [secondsLeft, setSecondsLeft] = useState(RETURN_AFTER_SECONDS);
  const { onDone } = props;

  // Back to the start by itself, so the next visitor never sees this ticket.
  useEffect(() => {
    if (secondsLeft <= 0) {
      onDone();
      return;
    }
    const timer = setTimeout(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft, onDone]);

  return (
    <section className="ticket" aria-live="polite" aria-labelledby="your-number">
      <h2 id="your-number">{t('kiosk.yourNumber')}</h2>
      <p className="ticket-number" data-testid="ticket-number">
        {props.ticket.number}
      </p>
      <p className="ticket-service">{props.serviceName}</p>
      <p className="ticket-ahead" data-testid="people-ahead">
        {props.peopleAhead === 0 ? t('kiosk.noOneAhead') : t('kiosk.peopleAhead', { count: props.peopleAhead })}
      </p>
      <p className="ticket-wait" data-testid="estimated-wait">
        {props.estimatedWaitMinutes === null
          ? t('kiosk.waitUnknown')
          : props.estimatedWaitMinutes === 0
            ? t('kiosk.waitNone')
            : t('kiosk.estimatedWait', { count: props.estimatedWaitMinutes })}
      </p>
      <p>{t('kiosk.issuedAt', { time: formatTime(props.ticket.issuedAt) })}</p>
      <p>{t('kiosk.watchDisplay')}</p>
      <button type="button" className="primary-button" onClick={onDone}>
        {t('kiosk.done')}
      </button>
      <p className="muted">{t('kiosk.autoReturn', { seconds: secondsLeft })}</p>
    </section>
  );
}
