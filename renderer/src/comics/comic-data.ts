import { useEffect, useState } from 'react';
import type { ComicPack, ComicPanel, ComicSeries } from '../../../shared/comics/comic-pack';
import type { HallClient } from '../../../shared/contract';
import { useHall } from '../hall-context';

export type PackState = { status: 'loading' } | { status: 'ready'; pack: ComicPack } | { status: 'empty' } | { status: 'failed' };

/**
 * The current comic pack (comics.pack), loaded whenever the connection (re)opens and
 * again when the core installs a newer one (comics.packChanged). A language switch
 * reconnects the page: the pack already shown stays until the new answer comes.
 */
export function useComicPack(): PackState {
  const { client, connection } = useHall();
  const [state, setState] = useState<PackState>({ status: 'loading' });
  const [changed, setChanged] = useState(0);
  useEffect(() => client.on('comics.packChanged', () => setChanged((n) => n + 1)), [client]);
  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('comics.pack', {}).then(
      ({ pack }) => {
        if (!current) return;
        setState((previous) =>
          pack === null ? { status: 'empty' } : previous.status === 'ready' && previous.pack.checksum === pack.checksum ? previous : { status: 'ready', pack },
        );
      },
      () => current && setState((previous) => (previous.status === 'ready' ? previous : { status: 'failed' })),
    );
    return () => {
      current = false;
    };
  }, [client, connection, changed]);
  return state;
}

// The panels' images, by the SHA-256 of their SVG: fetched once per page, whatever the connection.
const images = new Map<string, Promise<string>>();

/**
 * A panel's SVG as a data URL for an <img>: the image is drawn in its own document, so
 * nothing in it runs or styles the page (and the core has checked it: svg-safety.ts).
 */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function loadPanelImage(client: HallClient, pack: ComicPack, path: string): Promise<string> {
  const sha256 = pack.files[path] ?? path;
  let image = images.get(sha256);
  if (!image) {
    image = client.call('comics.file', { path }).then((file) => svgDataUrl(file.svg));
    image.catch(() => images.delete(sha256));
    images.set(sha256, image);
  }
  return image;
}

/** The data URL of a panel's image, or null while it loads (or when it cannot be loaded). */
export function usePanelImage(pack: ComicPack, panel: ComicPanel | undefined): string | null {
  const { client } = useHall();
  const [image, setImage] = useState<{ path: string; url: string } | null>(null);
  const path = panel?.file;
  useEffect(() => {
    if (!path) return;
    let current = true;
    loadPanelImage(client, pack, path).then(
      (url) => current && setImage({ path, url }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [client, pack, path]);
  return image && image.path === path ? image.url : null;
}

/** Starts loading the images of some panels (the next one, the covers) so that turning the page is instant. */
export function usePrefetch(pack: ComicPack | null, panels: Array<ComicPanel | undefined>): void {
  const { client } = useHall();
  const key = panels.map((panel) => panel?.file ?? '').join('|');
  useEffect(() => {
    if (!pack) return;
    for (const path of key.split('|')) if (path) loadPanelImage(client, pack, path).catch(() => {});
  }, [client, pack, key]);
}

export function coverOf(series: ComicSeries): ComicPanel {
  return series.panels.find((panel) => panel.id === series.cover) ?? series.panels[0]!;
}

/** Every panel of the pack in reading order, with its series: what the attract loops go through. */
export function allPanels(pack: ComicPack): Array<{ series: ComicSeries; panel: ComicPanel; index: number }> {
  return pack.series.flatMap((series) => series.panels.map((panel, index) => ({ series, panel, index })));
}
