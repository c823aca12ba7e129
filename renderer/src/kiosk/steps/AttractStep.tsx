import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallInfo, Service } from '../../../../shared/contract';
import { useLocalized } from '../../hall-context';
import { useKioskFlow } from '../flow-context';
import { ServiceIcon } from '../ServiceIcon';

const SLIDE_SECONDS = 7;

/**
 * What the attract screen loops through while nobody uses the kiosk.
 * Seam: the regulation comics (a later issue) join this list as `{ kind: 'comic', … }`
 * slides, rendered by their own component in `AttractSlide`.
 */
export type AttractSlide = { kind: 'welcome' } | { kind: 'service'; service: Service };

export function attractSlides(info: HallInfo): AttractSlide[] {
  return [{ kind: 'welcome' }, ...info.services.map((service) => ({ kind: 'service' as const, service }))];
}

/** The kiosk at rest: the hall's welcome, a gentle loop of what the hall offers, "touch to start". */
export function AttractStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const localized = useLocalized();
  const slides = attractSlides(flow.info);
  const [index, setIndex] = useState(0);
  const slide = slides[index % slides.length] ?? { kind: 'welcome' };

  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => i + 1), SLIDE_SECONDS * 1000);
    return () => clearInterval(timer);
  }, []);

  const start = () => flow.goTo('service');
  return (
    <section className="attract" aria-labelledby="attract-title">
      <h2 id="attract-title" className="attract-welcome">
        {t('kioskFlow.attract.welcome', { hall: localized(flow.info.name) })}
      </h2>
      {/* A tap anywhere on the slides starts too; the button below is the way for keyboards and screen readers. */}
      <div className="attract-slides" onClick={start} aria-hidden="true" data-testid="attract-slide">
        <AttractSlideView key={index % slides.length} slide={slide} />
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
      <button type="button" className="secondary-button case-status-button" onClick={flow.startCaseLookup}>
        {t('kioskFlow.caseStatus.button')}
      </button>
      <p className="attract-languages">{t('kioskFlow.attract.languageHint')}</p>
    </section>
  );
}

function AttractSlideView({ slide }: { slide: AttractSlide }) {
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
