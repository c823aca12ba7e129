import { useTranslation } from 'react-i18next';
import type { ComicPack, ComicPanel } from '../../../shared/comics/comic-pack';
import type { Language } from '../../../shared/domain/languages';
import { useLocalized } from '../hall-context';
import { articleLabel } from './article-label';
import { usePanelImage } from './comic-data';

/** The speaker's name in the page's language (the pack's cast). */
export function useSpeakerName(pack: ComicPack): (speaker: string) => string {
  const localized = useLocalized();
  return (speaker) => {
    const member = pack.cast.find((one) => one.id === speaker);
    return member ? localized(member.name) : speaker;
  };
}

/**
 * One panel: the art (an <img> of the SVG, its alt text from the pack), the speech
 * bubbles over it at their positions, and — unless `captionless` — the caption large
 * under it and the article references small under the caption.
 */
export function ComicPanelView({ pack, panel, variant = 'reader' }: { pack: ComicPack; panel: ComicPanel; variant?: 'reader' | 'cover' | 'attract' }) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const speakerName = useSpeakerName(pack);
  const image = usePanelImage(pack, panel);
  const withWords = variant !== 'cover';
  return (
    <figure className={`comic-panel comic-panel-${variant}`} data-panel={panel.id}>
      <div className="comic-art">
        {image ? <img src={image} alt={localized(panel.alt)} draggable={false} /> : <div className="comic-art-loading" role="img" aria-label={localized(panel.alt)} />}
        {withWords &&
          panel.speech.map((line, index) => (
            <p
              key={index}
              className={`comic-bubble${line.speaker === 'narrator' ? ' comic-bubble-narrator' : ''}`}
              style={{ left: `${line.bubble.x}%`, top: `${line.bubble.y}%`, width: `${Math.min(line.bubble.width, 100 - line.bubble.x)}%` }}
            >
              <span className="comic-bubble-words">
                <span className="comic-speaker">{t('comics.speaker', { name: speakerName(line.speaker) })}</span>
                {localized(line.text)}
              </span>
            </p>
          ))}
      </div>
      {withWords && (
        <figcaption>
          <p className="comic-caption">{localized(panel.caption)}</p>
          <p className="comic-articles">{articleLabel(panel.articles, i18n.language as Language, (key, options) => t(key, options))}</p>
        </figcaption>
      )}
    </figure>
  );
}
