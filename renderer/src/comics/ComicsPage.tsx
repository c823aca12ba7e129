import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { ComicPack, ComicSeries } from '../../../shared/comics/comic-pack';
import { languageSchema, type Language } from '../../../shared/domain/languages';
import { PageHeader } from '../components/PageHeader';
import { useHall, useLocalized } from '../hall-context';
import { rememberLanguage } from '../i18n';
import { IdleWarning } from '../kiosk/IdleWarning';
import { useIdleTimer } from '../kiosk/use-idle-timer';
import { coverOf, usePrefetch, useComicPack } from './comic-data';
import { ComicPanelView, useSpeakerName } from './ComicPanelView';
import { readAloud } from './read-aloud';
import { ReadingTracker } from './reading-tracker';
import { SpeakerIcon } from './icons';
import { gestureOf } from './swipe';
import './comics.css';

interface Place {
  seriesId: string;
  index: number;
}

/**
 * `/comics`: the regulation comics for people waiting (kiosk role: the kiosk itself and
 * tablets in the waiting area). The series list with their covers, then panel by panel
 * — buttons, swipe, tap, arrow keys — with the caption large, the articles small, the
 * progress, and "read aloud". Left alone on a kiosk it goes back to the list (and to the
 * kiosk's start when it was opened from there: `?from=kiosk`).
 */
export function ComicsPage() {
  const { t, i18n } = useTranslation();
  const { client, info } = useHall();
  const state = useComicPack();
  const [place, setPlace] = useState<Place | null>(null);
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const fromKiosk = search.get('from') === 'kiosk';
  const homeLanguage = useRef(i18n.language);

  // What is read, panel by panel (no personal data).
  const clientRef = useRef(client);
  clientRef.current = client;
  const tracker = useMemo(() => new ReadingTracker('reader', (reading) => void clientRef.current.call('comics.recordReading', reading).catch(() => {})), []);
  useEffect(() => {
    const hidden = () => document.visibilityState === 'hidden' && tracker.end();
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      tracker.end();
    };
  }, [tracker]);

  const pack = state.status === 'ready' ? state.pack : null;
  const series = pack && place ? pack.series.find((one) => one.id === place.seriesId) : undefined;
  // A newer pack without the series being read: back to the list.
  useEffect(() => {
    if (pack && place && !series) setPlace(null);
  }, [pack, place, series]);
  const index = series ? Math.min(place!.index, series.panels.length - 1) : 0;
  useEffect(() => {
    if (series) tracker.show(series.id, series.panels[index]!.id);
    else tracker.newRead();
  }, [series, index, tracker]);

  const backToList = useCallback(() => setPlace(null), []);

  // Idle on a kiosk: back to the list, the kiosk's language, and the kiosk's start if it came from there.
  const onIdle = useCallback(() => {
    setPlace(null);
    const home = languageSchema.safeParse(homeLanguage.current);
    if (home.success && i18n.language !== home.data) {
      rememberLanguage(home.data);
      void i18n.changeLanguage(home.data);
    }
    if (fromKiosk) navigate('/kiosk');
  }, [fromKiosk, i18n, navigate]);
  const idle = useIdleTimer({ active: info !== null && (place !== null || fromKiosk), idleSeconds: info?.kiosk.idleSeconds ?? 60, onTimeout: onIdle });
  const warningSeconds = info?.kiosk.idleWarningSeconds ?? 15;
  const warning = idle.secondsLeft !== null && idle.secondsLeft <= warningSeconds;

  return (
    <div className="page comics-page">
      <PageHeader title={t('comics.title')}>
        <a className="secondary-button comics-kiosk-link" href="/kiosk">
          {t('comics.takeNumber')}
        </a>
      </PageHeader>
      <main className="comics-main">
        {state.status === 'loading' && <p className="comics-message">{t('common.loading')}</p>}
        {state.status === 'empty' && (
          <p className="comics-message" role="status">
            {t('comics.empty')}
          </p>
        )}
        {state.status === 'failed' && (
          <p className="comics-message" role="alert">
            {t('comics.loadFailed')}
          </p>
        )}
        {pack && !series && <SeriesList pack={pack} onOpen={(seriesId) => setPlace({ seriesId, index: 0 })} />}
        {pack && series && (
          <ComicReader
            key={series.id}
            pack={pack}
            series={series}
            index={index}
            onIndex={(next) => setPlace({ seriesId: series.id, index: next })}
            onBack={backToList}
            onNextSeries={() => {
              const at = pack.series.indexOf(series);
              const next = pack.series[at + 1];
              setPlace(next ? { seriesId: next.id, index: 0 } : null);
            }}
          />
        )}
      </main>
      {warning && <IdleWarning secondsLeft={idle.secondsLeft ?? 0} onContinue={idle.stillHere} />}
    </div>
  );
}

function SeriesList({ pack, onOpen }: { pack: ComicPack; onOpen: (seriesId: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  usePrefetch(pack, pack.series.map(coverOf));
  return (
    <section className="comic-series" aria-labelledby="comic-series-heading">
      <h2 id="comic-series-heading">{t('comics.listHeading')}</h2>
      <p className="comic-pack-summary">{localized(pack.summary)}</p>
      <ul className="comic-series-list">
        {pack.series.map((series, number) => (
          <li key={series.id}>
            <button type="button" className="comic-series-card" onClick={() => onOpen(series.id)} data-series={series.id}>
              <span className="comic-series-cover" aria-hidden="true">
                <ComicPanelView pack={pack} panel={coverOf(series)} variant="cover" />
              </span>
              <span className="comic-series-text">
                <span className="comic-series-title">
                  {number + 1}. {localized(series.title)}
                </span>
                <span className="comic-series-summary">{localized(series.summary)}</span>
                <span className="comic-series-count">{t('comics.panels', { count: series.panels.length })}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Speaking = { state: 'idle' } | { state: 'reading' } | { state: 'problem'; message: string };

function ComicReader(props: {
  pack: ComicPack;
  series: ComicSeries;
  index: number;
  onIndex: (index: number) => void;
  onBack: () => void;
  onNextSeries: () => void;
}) {
  const { pack, series, index, onIndex, onBack, onNextSeries } = props;
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const speakerName = useSpeakerName(pack);
  const panel = series.panels[index]!;
  const total = series.panels.length;
  const last = index === total - 1;
  const hasNextSeries = pack.series.indexOf(series) < pack.series.length - 1;
  usePrefetch(pack, [series.panels[index + 1], series.panels[index - 1]]);

  const go = useCallback((to: number) => onIndex(Math.max(0, Math.min(total - 1, to))), [onIndex, total]);

  // Arrow keys (and Page Up / Down) turn the page; Escape goes back to the list.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || document.querySelector('dialog[open]')) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown') go(index + 1);
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') go(index - 1);
      else if (event.key === 'Escape') onBack();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [go, index, onBack]);

  // Swipe and tap on the picture.
  const pointer = useRef<{ id: number; x: number; y: number } | null>(null);
  const onPointerDown = (event: React.PointerEvent) => {
    pointer.current = { id: event.pointerId, x: event.clientX, y: event.clientY };
  };
  const onPointerUp = (event: React.PointerEvent) => {
    const start = pointer.current;
    pointer.current = null;
    if (!start || start.id !== event.pointerId) return;
    const gesture = gestureOf(start, { x: event.clientX, y: event.clientY });
    if (gesture === 'next' || gesture === 'tap') go(index + 1);
    else if (gesture === 'previous') go(index - 1);
  };

  // Read aloud: the caption, then what each person says, in the page's language.
  const [speaking, setSpeaking] = useState<Speaking>({ state: 'idle' });
  const stopSpeaking = useCallback(() => {
    window.speechSynthesis?.cancel();
    setSpeaking((now) => (now.state === 'reading' ? { state: 'idle' } : now));
  }, []);
  useEffect(() => {
    setSpeaking({ state: 'idle' });
    return () => window.speechSynthesis?.cancel();
  }, [panel.id, i18n.language]);
  const speak = async () => {
    if (speaking.state === 'reading') return stopSpeaking();
    const texts = [localized(panel.caption), ...panel.speech.map((line) => `${t('comics.speaker', { name: speakerName(line.speaker) })}${localized(line.text)}`)];
    const result = await readAloud(texts, i18n.language as Language, {
      speech: window.speechSynthesis,
      Utterance: window.SpeechSynthesisUtterance,
      onEnd: () => setSpeaking((now) => (now.state === 'reading' ? { state: 'idle' } : now)),
    });
    if (result === 'started') setSpeaking({ state: 'reading' });
    else setSpeaking({ state: 'problem', message: t(result === 'no-voice' ? 'comics.noVoice' : 'comics.noSpeech') });
  };

  return (
    <section className="comic-reader" aria-labelledby="comic-series-title" data-series={series.id}>
      <div className="comic-reader-top">
        <button type="button" className="secondary-button comic-back" onClick={onBack}>
          <span aria-hidden="true">‹ </span>
          {t('comics.backToList')}
        </button>
        <h2 id="comic-series-title">{localized(series.title)}</h2>
        <p className="comic-progress" data-testid="comic-progress" aria-label={t('comics.progressLabel', { current: index + 1, total })}>
          {index + 1} / {total}
        </p>
      </div>
      <div className="comic-stage" onPointerDown={onPointerDown} onPointerUp={onPointerUp} onPointerCancel={() => (pointer.current = null)}>
        <ComicPanelView key={panel.id} pack={pack} panel={panel} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {t('comics.progressLabel', { current: index + 1, total })}
      </p>
      {speaking.state === 'problem' && (
        <p className="comic-speech-problem" role="status">
          {speaking.message}
        </p>
      )}
      <div className="comic-controls">
        {last && <p className="comic-the-end">{t('comics.theEnd')}</p>}
        <button type="button" className="secondary-button comic-previous" onClick={() => go(index - 1)} disabled={index === 0}>
          <span aria-hidden="true">‹ </span>
          {t('comics.previous')}
        </button>
        <button type="button" className="secondary-button comic-read-aloud" aria-pressed={speaking.state === 'reading'} onClick={() => void speak()}>
          <SpeakerIcon />
          {speaking.state === 'reading' ? t('comics.stopReading') : t('comics.readAloud')}
        </button>
        {!last ? (
          <button type="button" className="primary-button comic-next" onClick={() => go(index + 1)}>
            {t('comics.next')}
            <span aria-hidden="true"> ›</span>
          </button>
        ) : hasNextSeries ? (
          <button type="button" className="primary-button comic-next" onClick={onNextSeries}>
            {t('comics.nextSeries')}
            <span aria-hidden="true"> ›</span>
          </button>
        ) : (
          <button type="button" className="primary-button comic-next" onClick={onBack}>
            {t('comics.backToList')}
          </button>
        )}
      </div>
    </section>
  );
}
