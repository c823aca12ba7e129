import type { MethodHandler } from '../rpc/dispatcher';
import type { RetentionService } from './retention-service';

type Method = 'retention.status' | 'retention.runNow';

/**
 * The retention job on the contract (shared/contract/retention-methods.ts): the admin
 * only. A run is recorded with the admin signed in (null until the admin page signs in).
 */
export function retentionHandlers(retention: RetentionService): { [N in Method]: MethodHandler<N> } {
  return {
    'retention.status': () => retention.status(),
    'retention.runNow': (_input, context) => retention.runNow(context.staff?.id ?? null),
  };
}
