import type { HandlerContext, MethodHandler } from '../rpc/dispatcher';
import type { QueueService } from './queue-service';

type QueueMethod =
  | 'queue.issueTicket' | 'queue.ticketStatus' | 'queue.serviceWaits' | 'queue.callNext' | 'queue.callTicket' | 'queue.recall' | 'queue.startServing'
  | 'queue.finish' | 'queue.noShow' | 'queue.hold' | 'queue.resume' | 'queue.cancel' | 'queue.transfer'
  | 'queue.setWindowState' | 'queue.windowStatus' | 'queue.waitingList' | 'queue.displayState';

/** The queue's contract methods, answered by the queue service; changes record who made them. */
export function queueHandlers(queue: QueueService): { [N in QueueMethod]: MethodHandler<N> } {
  const by = (context: HandlerContext) => context.staff?.id ?? null;
  return {
    'queue.issueTicket': (params, context) => queue.issueTicket({ ...params, staffId: by(context) }),
    'queue.ticketStatus': ({ ticketId }) => queue.ticketStatus(ticketId),
    'queue.serviceWaits': () => ({ services: queue.serviceWaits() }),
    'queue.callNext': ({ windowId }, context) => queue.callNext(windowId, by(context)),
    'queue.callTicket': ({ windowId, ticketId }, context) => queue.callTicket(windowId, ticketId, by(context)),
    'queue.recall': ({ windowId, ticketId }, context) => queue.recall(windowId, ticketId, by(context)),
    'queue.startServing': ({ windowId, ticketId }, context) => queue.startServing(windowId, ticketId, by(context)),
    'queue.finish': ({ windowId, ticketId }, context) => queue.finish(windowId, ticketId, by(context)),
    'queue.noShow': ({ windowId, ticketId }, context) => queue.noShow(windowId, ticketId, by(context)),
    'queue.hold': ({ windowId, ticketId }, context) => queue.hold(windowId, ticketId, by(context)),
    'queue.resume': ({ windowId, ticketId }, context) => queue.resume(windowId, ticketId, by(context)),
    'queue.cancel': ({ ticketId, windowId, reason }, context) => queue.cancel(ticketId, reason, windowId, by(context)),
    'queue.transfer': (params, context) => queue.transfer(params, by(context)),
    'queue.setWindowState': ({ windowId, state }, context) => queue.setWindowState(windowId, state, by(context)),
    'queue.windowStatus': ({ windowId }) => queue.windowStatus(windowId),
    'queue.waitingList': ({ windowId, limit }) => queue.waitingList(windowId, limit),
    'queue.displayState': ({ limit }) => queue.displayState(limit),
  };
}
