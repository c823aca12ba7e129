import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { HallClientError, type TicketProgress } from '../../../shared/contract';
import { PageHeader } from '../components/PageHeader';
import { useErrorText, useHall, useLocalized } from '../hall-context';
import { useWaitText } from './use-wait-text';
import './kiosk.css';

const REFRESH_MS = 20_000;

/**
 * `/q/<ticket id>`, where the ticket's QR code points: where the ticket stands, in
 * plain words, kept current. Numbers only: no name, no priority reason.
 */
export function TicketProgressPage() {
  const { t } = useTranslation();
  const { ticketId = '' } = useParams();
  const { client, connection, info } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  const waitText = useWaitText();
  const [progress, setProgress] = useState<TicketProgress | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    client.call('queue.ticketProgress', { ticketId }).then(
      (value) => {
        setProgress(value);
        setError(null);
      },
      (failure: unknown) => {
        // A dropped connection keeps the last known state; anything else is shown.
        if (failure instanceof HallClientError) setError(failure);
      },
    );
  }, [client, ticketId]);

  useEffect(() => {
    if (connection > 0) load();
  }, [load, connection]);
  useEffect(() => client.on('queue.waitingChanged', load), [client, load]);
  useEffect(() => {
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const service = progress && info?.services.find((s) => s.id === progress.serviceId);
  return (
    <div className="page kiosk ticket-progress">
      <PageHeader title={t('ticketProgress.title')} />
      <main>
        {error !== null && progress === null && (
          <div className="banner banner-error" role="alert">
            {errorText(error)}
          </div>
        )}
        {progress === null ? (
          error === null && <p>{t('common.loading')}</p>
        ) : (
          <section className="ticket" aria-labelledby="progress-number">
            <h2 id="progress-number" className="visually-hidden">
              {t('ticketProgress.number', { number: progress.number })}
            </h2>
            <p className="ticket-number" aria-hidden="true" data-testid="progress-number">
              {progress.number}
            </p>
            {service && <p className="ticket-service">{localized(service.name)}</p>}
            <p className="progress-state" aria-live="polite" data-testid="progress-state">
              {progress.windowNumber !== null && (progress.status === 'called' || progress.status === 'serving')
                ? t(`ticketProgress.states.${progress.status}`, { window: progress.windowNumber })
                : t(`ticketProgress.states.${progress.status}`)}
            </p>
            {progress.status === 'waiting' && (
              <>
                <p className="ticket-ahead" data-testid="progress-ahead">
                  {waitText.peopleAhead(progress.peopleAhead)}
                </p>
                <p className="ticket-wait">{waitText.estimatedWait(progress.estimatedWaitMinutes)}</p>
              </>
            )}
            <p className="muted">{t('ticketProgress.refreshes')}</p>
          </section>
        )}
      </main>
    </div>
  );
}
