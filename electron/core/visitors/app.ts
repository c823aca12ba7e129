import type { MethodHandler } from '../rpc/dispatcher';
import type { VisitorRegistry } from './visitor-registry';

/** The visitors' contract methods (clerk and admin only: personal data, masked). */
export function visitorHandlers(visitors: VisitorRegistry, today: () => string): { 'visitors.ofTicket': MethodHandler<'visitors.ofTicket'> } {
  return {
    'visitors.ofTicket': ({ ticketId }) => ({ registration: visitors.ofTicket(ticketId, today()) }),
  };
}
