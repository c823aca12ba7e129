import type { MethodHandler } from '../rpc/dispatcher';
import type { SearchService } from './search-service';

type Method = 'visits.search';

/** Case search (docs/search.md): a signed-in clerk only (the contract's roles and sign-in, checked by the dispatcher). */
export function searchHandlers(search: SearchService): { [N in Method]: MethodHandler<N> } {
  return {
    'visits.search': (input) => search.search(input),
  };
}
