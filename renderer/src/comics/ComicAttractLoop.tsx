import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComicPack } from '../../../shared/comics/comic-pack';
import type { ComicSurface } from '../../../shared/contract';
import { useHall } from '../hall-context';
import { allPanels, usePrefetch } from './comic-data';
import { ComicPanelView } from './ComicPanelView';
import { ReadingTracker } from './reading-tracker';

/** How long each panel stays in an attract loop. */
export const ATTRACT_PANEL_MS = 10_000;

/**
 * The panel at `position` of the whole book (every series' panels in order, round and
 * round), with its caption and articles, large. Reports each panel shown with its
 * surface (kiosk or display attract loop) when the next one replaces it or the loop stops.
 */
export function ComicAttractPanel({ pack, position, surface }: { pack: ComicPack; position: number; surface: ComicSurface }) {
  const { client } = useHall();
  const panels = useMemo(() => allPanels(pack), [pack]);
  const at = panels[((position % panels.length) + panels.length) % panels.length]!;
  const next = panels[(position + 1) % panels.length];
  usePrefetch(pack, [next?.panel]);

  const clientRef = useRef(client);
  clientRef.current = client;
  const tracker = useMemo(() => new ReadingTracker(surface, (reading) => void clientRef.current.call('comics.recordReading', reading).catch(() => {})), [surface]);
  useEffect(() => () => tracker.end(), [tracker]);
  // A loop shows every panel again and again: each is a view of its own, never a revisit.
  useEffect(() => {
    tracker.newRead();
    tracker.show(at.series.id, at.panel.id);
  }, [tracker, at]);

  return (
    <div className="comic-attract" data-testid={`comic-attract-${surface}`} data-panel={at.panel.id}>
      <ComicPanelView key={at.panel.id} pack={pack} panel={at.panel} variant="attract" />
    </div>
  );
}

/**
 * A loop through the comics on its own (the hall display's idle area): a panel every
 * ten seconds, from where the page left off. Nothing while no pack is installed.
 */
export function ComicAttractLoop({ pack, surface, label }: { pack: ComicPack; surface: ComicSurface; label?: string }) {
  const { t } = useTranslation();
  const [position, setPosition] = useState(() => loopPosition.get(surface) ?? 0);
  useEffect(() => {
    const timer = setInterval(
      () =>
        setPosition((p) => {
          loopPosition.set(surface, p + 1);
          return p + 1;
        }),
      ATTRACT_PANEL_MS,
    );
    return () => clearInterval(timer);
  }, [surface]);
  return (
    <section className="comic-attract-loop" aria-label={label ?? t('comics.title')}>
      <ComicAttractPanel pack={pack} position={position} surface={surface} />
    </section>
  );
}

/** Where each loop is in the book: a loop interrupted (a call on the display) goes on from there. */
const loopPosition = new Map<ComicSurface, number>();
