import type { MethodHandler } from '../rpc/dispatcher';
import type { HallStore } from './hall-store';

export function hallHandlers(hall: HallStore): { 'hall.info': MethodHandler<'hall.info'> } {
  return { 'hall.info': () => hall.info() };
}
