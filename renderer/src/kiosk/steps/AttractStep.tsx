import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ComicPack } from '../../../../shared/comics/comic-pack';
import type { HallInfo, Service } from '../../../../shared/contract';
import { ATTRACT_PANEL_MS, ComicAttractPanel } from '../../comics/ComicAttractLoop';
import { useComicPack } from '../../comics/comic-data';
import { BookIcon } from '../../comics/icons';
import '../../comics/comics.css';
import { useLocalized } from '../../hall-context';
import { useKioskFlow } from '../flow-context';
import { ServiceIcon } from '../ServiceIcon';

const SLIDE_SECONDS = 7;

/** Comic panels in each round of the attract loop (docs/comics.md): the next ones of the book each round. */
const COMIC_SLIDES_PER_ROUND = 4;

/**
 * What the attract screen loops through while nobody uses the kiosk: the welcome, the
 * services, then a few panels of the regulation comics (`offset`: which of the round's
 * panels; the round picks up the book where the last one left it).
 */
export type AttractSlide = { kind: 'welcome' } | { kind: 'service'; service: Service } | { kind: 'comic'; offset: number };

export function attractSlides(info: HallInfo, pack: ComicPack | null = null): AttractSlide[] {
  const comics = pack ? Array.from({ length: COMIC_SLIDES_PER_ROUND }, (_, offset) => ({ kind: 'comic' as const, offset })) : [];
  return [{ kind: 'welcome' }, ...info.services.map((service) => ({ kind: 'service' as const, service })), ...comics];
}

/** The kiosk at rest: the hall's welcome, a gentle loop of what the hall offers, "touch to start". */
export function AttractStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const localized = useLocalized();
  const navigate = useNavigate();
  const comics = useComicPack();
  const pack = comics.status === 'ready' ? comics.pack : null;
  const slides = attractSlides(flow.info, pack);
  const [index, setIndex] = useState(0);
  const slide = slides[index % slides.length] ?? { kind: 'welcome' };
  const round = Math.floor(index / slides.length);

  // A comic panel stays a little longer than a slide of words.
  useEffect(() => {
    const timer = setTimeout(() => setIndex((i) => i + 1), slide.kind === 'comic' ? ATTRACT_PANEL_MS : SLIDE_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [index, slide.kind]);

  const start = () => flow.goTo('service');
  return (
    <section className="attract" aria-labelledby="attract-title">
      <h2 id="attract-title" className="attract-welcome">
        {t('kioskFlow.attract.welcome', { hall: localized(flow.info.name) })}
      </h2>
      {/* A tap anywhere on the slides starts too; the button below is the way for keyboards and screen readers. */}
      <div className="attract-slides" onClick={start} aria-hidden="true" data-testid="attract-slide">
        {slide.kind !== 'comic' ? (
          <AttractSlideView key={index % slides.length} slide={slide} />
        ) : (
          pack && <ComicAttractPanel pack={pack} position={round * COMIC_SLIDES_PER_ROUND + slide.offset} surface="kiosk_attract" />
        )}
      </div>
      <div className="attract-dots" aria-hidden="true">
        {slides.map((_, i) => (
          <span key={i} className={i === index % slides.length ? 'dot dot-current' : 'dot'} />
        ))}
      </div>
      <button type="button" className="primary-button attract-start" onClick={start}>
        <span aria-hidden="true">☝ </span>
        {t('kioskFlow.attract.start')}
      </button>
      <div className="attract-more">
        <button type="button" className="secondary-button case-status-button" onClick={flow.startCaseLookup}>
          {t('kioskFlow.caseStatus.button')}
        </button>
        {pack && (
          <button type="button" className="secondary-button comics-button" onClick={() => navigate('/comics?from=kiosk')}>
            <BookIcon />
            {t('comics.open')}
          </button>
        )}
      </div>
      <p className="attract-languages">{t('kioskFlow.attract.languageHint')}</p>
    </section>
  );
}

function AttractSlideView({ slide }: { slide: Exclude<AttractSlide, { kind: 'comic' }> }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  if (slide.kind === 'welcome') {
    return (
      <div className="slide slide-welcome">
        <p className="slide-title">{t('kioskFlow.attract.whatWeDo')}</p>
        <p className="slide-text">{t('kioskFlow.attract.howItWorks')}</p>
      </div>
    );
  }
  return (
    <div className="slide">
      <ServiceIcon letter={slide.service.letter} />
      <p className="slide-title">{localized(slide.service.name)}</p>
      <p className="slide-text">{localized(slide.service.description)}</p>
    </div>
  );
}
