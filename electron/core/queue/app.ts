import type { MethodHandler } from '../rpc/dispatcher';
import type { QueueService } from './queue-service';

type QueueMethod =
  | 'queue.issueTicket' | 'queue.ticketStatus' | 'queue.serviceWaits' | 'queue.callNext' | 'queue.callTicket' | 'queue.recall' | 'queue.startServing'
  | 'queue.finish' | 'queue.noShow' | 'queue.hold' | 'queue.resume' | 'queue.cancel' | 'queue.transfer'
  | 'queue.setWindowState' | 'queue.windowStatus' | 'queue.waitingList' | 'queue.displayState';

/** The queue's contract methods, answered by the queue service. */
export function queueHandlers(queue: QueueService): { [N in QueueMethod]: MethodHandler<N> } {
  return {
    'queue.issueTicket': (params) => queue.issueTicket(params),
    'queue.ticketStatus': ({ ticketId }) => queue.ticketStatus(ticketId),
    'queue.serviceWaits': () => ({ services: queue.serviceWaits() }),
    'queue.callNext': ({ windowId }) => queue.callNext(windowId),
    'queue.callTicket': ({ windowId, ticketId }) => queue.callTicket(windowId, ticketId),
    'queue.recall': ({ windowId, ticketId }) => queue.recall(windowId, ticketId),
    'queue.startServing': ({ windowId, ticketId }) => queue.startServing(windowId, ticketId),
    'queue.finish': ({ windowId, ticketId }) => queue.finish(windowId, ticketId),
    'queue.noShow': ({ windowId, ticketId }) => queue.noShow(windowId, ticketId),
    'queue.hold': ({ windowId, ticketId }) => queue.hold(windowId, ticketId),
    'queue.resume': ({ windowId, ticketId }) => queue.resume(windowId, ticketId),
    'queue.cancel': ({ ticketId, windowId, reason }) => queue.cancel(ticketId, reason, windowId),
    'queue.transfer': (params) => queue.transfer(params),
    'queue.setWindowState': ({ windowId, state }) => queue.setWindowState(windowId, state),
    'queue.windowStatus': ({ windowId }) => queue.windowStatus(windowId),
    'queue.waitingList': ({ windowId, limit }) => queue.waitingList(windowId, limit),
    'queue.displayState': ({ limit }) => queue.displayState(limit),
  };
}
