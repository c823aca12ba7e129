import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallAnnouncement, WaitingCount } from '../../../shared/contract';
import { PageHeader } from '../components/PageHeader';
import { useHall, useLocalized, useTimeFormat } from '../hall-context';

const RECENT_CALLS = 8;

/** The hall's TV: the latest call large, the calls before it, waiting counts. Numbers only. */
export function DisplayPage() {
  const { t } = useTranslation();
  const { client, info, connection } = useHall();
  const localized = useLocalized();
  const [calls, setCalls] = useState<CallAnnouncement[]>([]);
  const [waiting, setWaiting] = useState<WaitingCount[]>([]);

  // (Re)load the whole state whenever the connection opens: nothing missed while offline.
  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('queue.displayState', { limit: RECENT_CALLS }).then(
      (state) => {
        if (!current) return;
        setCalls(state.recentCalls);
        setWaiting(state.waitingByService);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [client, connection]);

  useEffect(() => {
    const stopCalls = client.on('queue.ticketCalled', (call) =>
      setCalls((previous) => [call, ...previous.filter((c) => c.ticketId !== call.ticketId)].slice(0, RECENT_CALLS)),
    );
    const stopWaiting = client.on('queue.waitingChanged', (data) => setWaiting(data.waitingByService));
    return () => {
      stopCalls();
      stopWaiting();
    };
  }, [client]);

  const [latest, ...earlier] = calls;

  return (
    <div className="page display">
      <PageHeader title={t('display.title')} />
      <Clock />
      <main className="display-main">
        <section className="latest-call" aria-live="assertive" aria-atomic="true" data-testid="latest-call">
          {latest ? (
            <>
              <p className="latest-number">{latest.number}</p>
              <p className="latest-window">{t('common.windowNumber', { number: latest.windowNumber })}</p>
              <p className="latest-message">{t('display.callMessage', { number: latest.number, window: latest.windowNumber })}</p>
            </>
          ) : (
            <p className="latest-message">{t('display.noCalls')}</p>
          )}
        </section>
        <aside className="display-side">
          <section aria-labelledby="recent-calls">
            <h2 id="recent-calls">{t('display.recentCalls')}</h2>
            <table className="calls-table">
              <thead>
                <tr>
                  <th scope="col">{t('display.ticket')}</th>
                  <th scope="col">{t('display.window')}</th>
                </tr>
              </thead>
              <tbody data-testid="recent-calls">
                {earlier.map((call) => (
                  <tr key={call.ticketId}>
                    <td>{call.number}</td>
                    <td>{t('common.windowNumber', { number: call.windowNumber })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">{t('display.waiting')}</h2>
            <ul className="waiting-list" data-testid="waiting-list">
              {info?.services.map((service) => (
                <li key={service.id}>
                  <span>
                    {service.letter} {localized(service.name)}
                  </span>
                  <strong>{t('common.people', { count: waiting.find((w) => w.serviceId === service.id)?.waiting ?? 0 })}</strong>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </main>
    </div>
  );
}

function Clock() {
  const formatTime = useTimeFormat();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="display-clock" aria-hidden="true">
      {formatTime(now, true)}
    </div>
  );
}
