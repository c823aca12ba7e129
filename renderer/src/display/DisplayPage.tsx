import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallAnnouncement, WaitingCount } from '../../../shared/contract';
import { ComicAttractLoop } from '../comics/ComicAttractLoop';
import { useComicPack } from '../comics/comic-data';
import '../comics/comics.css';
import { PageHeader } from '../components/PageHeader';
import { useHall, useLocalized, useTimeFormat } from '../hall-context';
import { Announcer, spellTicketNumber } from './announcer';
import { createChimePort, createSpeechPort } from './browser-audio';

const RECENT_CALLS = 8;
const FLASH_MS = 8000;
/** How long a call holds the screen; then, until the next call, the idle area loops the regulation comics (docs/comics.md). */
const CALL_HOLD_MS = 30_000;

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

  const { announce, soundBlocked, unlockSound } = useAnnouncer();
  const [flashing, setFlashing] = useState<string | null>(null);
  useEffect(() => {
    if (!flashing) return;
    const timer = setTimeout(() => setFlashing(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashing]);
  // A call takes the screen at once (the comics loop stops) and holds it for a while.
  const [holding, setHolding] = useState<string | null>(null);
  useEffect(() => {
    if (!holding) return;
    const timer = setTimeout(() => setHolding(null), CALL_HOLD_MS);
    return () => clearTimeout(timer);
  }, [holding]);
  const comics = useComicPack();
  const idlePack = holding === null && comics.status === 'ready' ? comics.pack : null;

  useEffect(() => {
    const stopCalls = client.on('queue.ticketCalled', (call) => {
      setCalls((previous) => [call, ...previous.filter((c) => c.ticketId !== call.ticketId)].slice(0, RECENT_CALLS));
      setFlashing(`${call.ticketId}:${call.calledAt}:${Date.now()}`);
      setHolding(`${call.ticketId}:${call.calledAt}:${Date.now()}`);
      announce(call.number, call.windowNumber);
    });
    const stopWaiting = client.on('queue.waitingChanged', (data) => setWaiting(data.waitingByService));
    return () => {
      stopCalls();
      stopWaiting();
    };
  }, [client, announce]);

  const [latest, ...earlier] = calls;

  return (
    <div className="page display">
      <PageHeader title={t('display.title')} />
      <Clock />
      {soundBlocked && (
        <button type="button" className="sound-button" onClick={() => void unlockSound()}>
          {t('display.enableSound')}
        </button>
      )}
      <main className="display-main">
        <div className="display-stage">
          <section
            className={`latest-call${flashing ? ' flashing' : ''}${idlePack ? ' latest-call-compact' : ''}`}
            aria-live="assertive"
            aria-atomic="true"
            data-testid="latest-call"
            key={flashing ?? 'steady'}
          >
            {latest && idlePack ? (
              <p className="latest-message">{t('display.callMessage', { number: latest.number, window: latest.windowNumber })}</p>
            ) : latest ? (
              <>
                <p className="latest-number">{latest.number}</p>
                <p className="latest-window">{t('common.windowNumber', { number: latest.windowNumber })}</p>
                <p className="latest-message">{t('display.callMessage', { number: latest.number, window: latest.windowNumber })}</p>
              </>
            ) : (
              <p className="latest-message">{t('display.noCalls')}</p>
            )}
          </section>
          {idlePack && (
            <div className="display-comics" data-testid="display-comics">
              <ComicAttractLoop pack={idlePack} surface="display_attract" label={t('comics.idleArea')} />
            </div>
          )}
        </div>
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

/** The page's announcer, speaking in the display's current language. */
function useAnnouncer() {
  const { t, i18n } = useTranslation();
  const chime = useRef<ReturnType<typeof createChimePort> | null>(null);
  const announcer = useRef<Announcer | null>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);
  // The latest language for announcements made from event handlers.
  const voice = useRef({ t, language: i18n.language });
  voice.current = { t, language: i18n.language };

  useEffect(() => {
    const chimePort = createChimePort();
    const instance = new Announcer(createSpeechPort(), chimePort, { repeat: 2, pauseMs: 700, silentMs: 3000 });
    chime.current = chimePort;
    announcer.current = instance;
    setSoundBlocked(chimePort.blocked());
    return () => {
      instance.stop();
      announcer.current = null;
    };
  }, []);

  const announce = useCallback((number: string, window: number) => {
    const { t: translate, language } = voice.current;
    announcer.current?.announce({ text: translate('display.callMessage', { number: spellTicketNumber(number), window }), language });
    setSoundBlocked(chime.current?.blocked() ?? false);
  }, []);

  const unlockSound = async () => {
    await chime.current?.unlock();
    setSoundBlocked(chime.current?.blocked() ?? false);
  };
  return { announce, soundBlocked, unlockSound };
}
