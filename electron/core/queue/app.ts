import type { MethodHandler } from '../rpc/dispatcher';
import type { QueueService } from './queue-service';

/** The queue's contract methods, answered by the queue service. */
export function queueHandlers(queue: QueueService): {
  'queue.issueTicket': MethodHandler<'queue.issueTicket'>;
  'queue.callNext': MethodHandler<'queue.callNext'>;
  'queue.finish': MethodHandler<'queue.finish'>;
  'queue.windowStatus': MethodHandler<'queue.windowStatus'>;
  'queue.displayState': MethodHandler<'queue.displayState'>;
} {
  return {
    'queue.issueTicket': ({ serviceId }) => queue.issueTicket(serviceId),
    'queue.callNext': ({ windowId }) => queue.callNext(windowId),
    'queue.finish': ({ windowId, ticketId }) => queue.finish(windowId, ticketId),
    'queue.windowStatus': ({ windowId }) => queue.windowStatus(windowId),
    'queue.displayState': ({ limit }) => queue.displayState(limit),
  };
}
