import { HallError } from '../../../shared/contract';
import type { HandlerContext, MethodHandler } from '../rpc/dispatcher';
import type { RatingService } from './rating-service';

type Method = 'ratings.request' | 'ratings.pending' | 'ratings.submit' | 'ratings.summary';

/**
 * Satisfaction ratings (docs/ratings.md). A request names the clerk who asked, so it
 * needs a signed-in staff member; the tablet (kiosk role) reads and answers without one.
 * Clerks see today's summary only, as with the queue statistics; the admin page any range.
 */
export function ratingHandlers(ratings: RatingService, today: () => string): { [N in Method]: MethodHandler<N> } {
  return {
    'ratings.request': ({ windowId, visitId }, context) => ({ request: ratings.request(windowId, visitId, signedInStaff(context)) }),
    'ratings.pending': ({ windowId }) => ({ request: ratings.pending(windowId) }),
    'ratings.submit': ({ requestId, level, reasons }) => {
      ratings.submit(requestId, level, reasons);
      return {};
    },
    'ratings.summary': ({ from, to }, context) => {
      const day = today();
      if (context.role === 'clerk' && (from !== day || to !== day)) throw new HallError('FORBIDDEN', { context: 'statsRange' });
      return ratings.summary(from, to);
    },
  };
}

function signedInStaff(context: HandlerContext) {
  if (!context.staff) throw new HallError('NOT_SIGNED_IN');
  return context.staff;
}
