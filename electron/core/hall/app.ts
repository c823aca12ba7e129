import type { MethodHandler } from '../rpc/dispatcher';
import type { HallConfig } from './hall-config';
import type { HallStore } from './hall-store';

type HallMethod = 'hall.info' | 'hall.saveQueueRules' | 'hall.saveService' | 'hall.removeService' | 'hall.saveWindow' | 'hall.removeWindow';

export function hallHandlers(hall: HallStore, config: HallConfig): { [N in HallMethod]: MethodHandler<N> } {
  return {
    'hall.info': () => hall.info(),
    'hall.saveQueueRules': (rules) => config.saveQueueRules(rules),
    'hall.saveService': (service) => config.saveService(service),
    'hall.removeService': ({ id }) => {
      config.removeService(id);
      return {};
    },
    'hall.saveWindow': (window) => config.saveWindow(window),
    'hall.removeWindow': ({ id }) => {
      config.removeWindow(id);
      return {};
    },
  };
}
