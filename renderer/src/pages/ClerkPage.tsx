import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallWindow, Ticket } from '../../../shared/contract';
import { PageHeader } from '../components/PageHeader';
import { useErrorText, useHall, useLocalized, useTimeFormat } from '../hall-context';

const WINDOW_KEY = 'hall.clerk.windowId';

/** The window desk: pick the window once, then call next / finish. */
export function ClerkPage() {
  const { t } = useTranslation();
  const { info } = useHall();
  const [windowId, setWindowId] = useState<string | null>(() => window.localStorage.getItem(WINDOW_KEY));
  const current = info?.windows.find((w) => w.id === windowId) ?? null;

  const choose = (id: string | null) => {
    if (id) window.localStorage.setItem(WINDOW_KEY, id);
    else window.localStorage.removeItem(WINDOW_KEY);
    setWindowId(id);
  };

  return (
    <div className="page clerk">
      <PageHeader title={t('clerk.title')} />
      <main>
        {!info ? <p>{t('common.loading')}</p> : current ? <WindowDesk hallWindow={current} onChangeWindow={() => choose(null)} /> : <WindowChooser onChoose={choose} />}
      </main>
    </div>
  );
}

function useServiceNames(): (hallWindow: HallWindow) => string {
  const { info } = useHall();
  const localized = useLocalized();
  return (hallWindow) =>
    hallWindow.services
      .map(({ serviceId }) => info?.services.find((service) => service.id === serviceId))
      .filter((service) => service !== undefined)
      .map((service) => `${service.letter} ${localized(service.name)}`)
      .join('、');
}

function WindowChooser({ onChoose }: { onChoose: (windowId: string) => void }) {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  const serviceNames = useServiceNames();
  return (
    <section aria-labelledby="choose-window">
      <h2 id="choose-window">{t('clerk.chooseWindow')}</h2>
      <div className="window-grid">
        {info?.windows.map((hallWindow) => (
          <button key={hallWindow.id} type="button" className="window-button" onClick={() => onChoose(hallWindow.id)}>
            <span className="window-name">{localized(hallWindow.name)}</span>
            <span className="muted">{t('clerk.serves', { services: serviceNames(hallWindow) })}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

function WindowDesk({ hallWindow, onChangeWindow }: { hallWindow: HallWindow; onChangeWindow: () => void }) {
  const { t } = useTranslation();
  const { client, info, connection } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  const formatTime = useTimeFormat();
  const serviceNames = useServiceNames();
  const [current, setCurrent] = useState<Ticket | null>(null);
  const [waiting, setWaiting] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    try {
      const status = await client.call('queue.windowStatus', { windowId: hallWindow.id });
      setCurrent(status.current);
      setWaiting(status.waiting);
    } catch (failure) {
      setError(failure);
    }
  }, [client, hallWindow.id]);

  useEffect(() => {
    if (connection > 0) void refresh();
  }, [refresh, connection]);
  useEffect(() => client.on('queue.waitingChanged', () => void refresh()), [client, refresh]);

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      await refresh();
      setBusy(false);
    }
  }

  const service = current && info?.services.find((s) => s.id === current.serviceId);

  return (
    <section className="desk" aria-labelledby="desk-window">
      <div className="desk-heading">
        <div>
          <h2 id="desk-window">{localized(hallWindow.name)}</h2>
          <p className="muted">{t('clerk.serves', { services: serviceNames(hallWindow) })}</p>
        </div>
        <button type="button" className="link-button" onClick={onChangeWindow}>
          {t('clerk.changeWindow')}
        </button>
      </div>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      <div className="desk-body">
        <div className="current-card" aria-live="polite">
          <h3>{t('clerk.current')}</h3>
          {current ? (
            <>
              <p className="current-number" data-testid="current-number">
                {current.number}
              </p>
              {service && <p>{localized(service.name)}</p>}
              {current.calledAt !== null && <p className="muted">{t('clerk.calledAt', { time: formatTime(current.calledAt) })}</p>}
            </>
          ) : (
            <p className="muted">{t('clerk.noCurrent')}</p>
          )}
        </div>
        <div className="desk-actions">
          <p className="waiting-count" data-testid="waiting-count">
            {waiting === null ? t('common.loading') : waiting === 0 ? t('clerk.noneWaiting') : t('clerk.waiting', { count: waiting })}
          </p>
          <button
            type="button"
            className="primary-button"
            disabled={busy || current !== null || waiting === 0}
            onClick={() => void act(() => client.call('queue.callNext', { windowId: hallWindow.id }))}
          >
            {busy ? t('clerk.calling') : t('clerk.callNext')}
          </button>
          <button
            type="button"
            className="secondary-button"
            disabled={busy || current === null}
            onClick={() => current && void act(() => client.call('queue.finish', { windowId: hallWindow.id, ticketId: current.id }))}
          >
            {t('clerk.finish')}
          </button>
        </div>
      </div>
    </section>
  );
}
