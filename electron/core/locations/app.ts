import type { MethodHandler } from '../rpc/dispatcher';
import type { LocationService } from './location-service';

type Method = 'locations.list' | 'locations.import';

/** The hall's street / community list (问题属地): read by the desks and the admin page, replaced by an admin's import. */
export function locationHandlers(locations: LocationService): { [N in Method]: MethodHandler<N> } {
  return {
    'locations.list': () => ({ locations: locations.list() }),
    'locations.import': ({ format, content }) => locations.importFile(format, content),
  };
}
