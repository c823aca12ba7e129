import { COMIC_READING_MAX_MS, type ComicSurface } from '../../../shared/contract';

export interface Reading {
  seriesId: string;
  panelId: string;
  durationMs: number;
  surface: ComicSurface;
  revisit: boolean;
}

/**
 * Times the panel on screen and reports it when it goes (comics.recordReading): the
 * next panel, back to the list, the page closing. Only the panel, the time (capped at
 * 10 minutes) and the surface: nothing about who read it.
 */
export class ReadingTracker {
  private shown: { seriesId: string; panelId: string; since: number; revisit: boolean } | null = null;
  /** The panels shown in this read (since `newRead`): one shown again is a revisit. */
  private seen = new Set<string>();

  constructor(
    private readonly surface: ComicSurface,
    private readonly send: (reading: Reading) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A panel is now on screen: the one before it (if another) is reported. */
  show(seriesId: string, panelId: string): void {
    if (this.shown && this.shown.seriesId === seriesId && this.shown.panelId === panelId) return;
    this.end();
    const key = `${seriesId}/${panelId}`;
    this.shown = { seriesId, panelId, since: this.now(), revisit: this.seen.has(key) };
    this.seen.add(key);
  }

  /** The read is over (back to the list): the panel on screen is reported, and the next read starts afresh. */
  newRead(): void {
    this.end();
    this.seen.clear();
  }

  /** Nothing is on screen any more: the last panel is reported. */
  end(): void {
    const shown = this.shown;
    if (!shown) return;
    this.shown = null;
    const durationMs = Math.min(COMIC_READING_MAX_MS, Math.max(0, Math.round(this.now() - shown.since)));
    this.send({ seriesId: shown.seriesId, panelId: shown.panelId, durationMs, surface: this.surface, revisit: shown.revisit });
  }
}
