import type { MethodHandler } from '../rpc/dispatcher';
import type { ComicService } from './comic-service';

type Method = 'comics.pack' | 'comics.file' | 'comics.recordReading' | 'comics.stats';

/** The regulation comics (docs/comics.md): every role reads the pack; kiosks and displays report what was shown; the admin reads the statistics. */
export function comicHandlers(comics: ComicService): { [N in Method]: MethodHandler<N> } {
  return {
    'comics.pack': () => ({ pack: comics.currentPack() }),
    'comics.file': ({ path }) => comics.file(path),
    'comics.recordReading': (reading) => {
      comics.recordReading(reading);
      return {};
    },
    'comics.stats': (range) => comics.stats(range),
  };
}
