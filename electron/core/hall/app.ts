import type { MethodHandler } from '../rpc/dispatcher';
import type { HallStore } from './hall-store';

export function hallHandlers(hall: HallStore): {
  'hall.info': MethodHandler<'hall.info'>;
  'hall.saveQueueRules': MethodHandler<'hall.saveQueueRules'>;
} {
  return {
    'hall.info': () => hall.info(),
    'hall.saveQueueRules': (rules) => {
      hall.putSetting('queueRules', rules);
      return hall.queueRules();
    },
  };
}
