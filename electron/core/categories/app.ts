import type { MethodHandler } from '../rpc/dispatcher';
import type { CategoryService } from './category-service';

type CategoryMethod = 'categories.get' | 'categories.import';

export function categoryHandlers(categories: CategoryService): { [N in CategoryMethod]: MethodHandler<N> } {
  return {
    'categories.get': ({ knownChecksum }) => categories.get(knownChecksum),
    // Who imported: the administrator signed in.
    'categories.import': (file, context) => categories.importFile(file, context.staff?.id ?? null),
  };
}
