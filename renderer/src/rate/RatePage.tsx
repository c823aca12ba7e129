import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallWindow } from '../../../shared/contract';
import { PageHeader } from '../components/PageHeader';
import { useHall, useLocalized } from '../hall-context';
import { RatingTablet } from './RatingTablet';
import { storedWindowId, storeWindowId } from './window-choice';
import './rate.css';

/**
 * The window's rating tablet (满意度评价, docs/ratings.md): chosen once for its window,
 * it waits idle until the clerk asks the visitor for a rating, then shows the scale.
 * A kiosk-role page: it never signs in and never sees the visitor, only the ticket
 * number and the clerk.
 */
export function RatePage() {
  const { t } = useTranslation();
  const { info } = useHall();
  const [windowId, setWindowId] = useState(storedWindowId);
  const choose = (id: string | null) => {
    storeWindowId(id);
    setWindowId(id);
  };
  const hallWindow = info?.windows.find((w) => w.id === windowId) ?? null;

  return (
    <div className="page rate">
      <PageHeader title={t('rate.title')} />
      <main className="rate-main">
        {info === null ? (
          <p>{t('common.loading')}</p>
        ) : hallWindow ? (
          <RatingTablet key={hallWindow.id} hallWindow={hallWindow} onChangeWindow={() => choose(null)} />
        ) : (
          <WindowChoice windows={info.windows} onChoose={choose} />
        )}
      </main>
    </div>
  );
}

/** First start (or "change window"): which window this tablet is at. */
function WindowChoice({ windows, onChoose }: { windows: HallWindow[]; onChoose: (windowId: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <section className="rate-screen" aria-labelledby="rate-choose">
      <h2 id="rate-choose">{t('rate.chooseWindow')}</h2>
      <p>{t('rate.chooseWindowHint')}</p>
      <div className="rate-windows">
        {windows.map((w) => (
          <button key={w.id} type="button" className="rate-window-button" onClick={() => onChoose(w.id)}>
            <span className="rate-window-name">{localized(w.name)}</span>
            {localized(w.location) && <span>{localized(w.location)}</span>}
          </button>
        ))}
      </div>
    </section>
  );
}
