import type { RATING_REASONS, RatingRequest } from '../../../shared/contract';

export type RatingReason = (typeof RATING_REASONS)[number];

/**
 * What the rating tablet shows: idle, a request being answered (the level chosen, if
 * any, and the reasons ticked), thanks after a rating, or why a rating was refused.
 */
export type RateScreen =
  | { kind: 'idle' }
  | { kind: 'rating'; request: RatingRequest; level: number | null; reasons: RatingReason[]; submitting: boolean }
  | { kind: 'thanks'; requestId: string }
  | { kind: 'ended'; requestId: string; error: unknown };

export type RateAction =
  /** The window's open request, from a push or a (re)load: null when it has none. */
  | { type: 'pending'; request: RatingRequest | null }
  /** The request was answered elsewhere, replaced or otherwise closed. */
  | { type: 'closed'; requestId: string }
  | { type: 'level'; level: number | null }
  | { type: 'reason'; reason: RatingReason }
  | { type: 'submitting' }
  | { type: 'submitted' }
  /** The submit did not reach the hub (the network): the visitor may try again. */
  | { type: 'failed' }
  | { type: 'refused'; error: unknown }
  | { type: 'idle' };

export const IDLE: RateScreen = { kind: 'idle' };

export function rateReducer(screen: RateScreen, action: RateAction): RateScreen {
  switch (action.type) {
    case 'pending': {
      const request = action.request;
      if (!request) return screen.kind === 'rating' ? IDLE : screen;
      // A reload (reconnect, language switch) of the request on screen keeps the visitor's choices.
      if (screen.kind === 'rating' && screen.request.id === request.id) return { ...screen, request };
      // The request just answered here may still be reported by a load already under way.
      if ((screen.kind === 'thanks' || screen.kind === 'ended') && screen.requestId === request.id) return screen;
      return { kind: 'rating', request, level: null, reasons: [], submitting: false };
    }
    case 'closed':
      // Our own rating closes it too, and the hub may say so before it answers the submit.
      return screen.kind === 'rating' && screen.request.id === action.requestId && !screen.submitting ? IDLE : screen;
    case 'level':
      return screen.kind === 'rating' ? { ...screen, level: action.level, reasons: action.level === null ? [] : screen.reasons } : screen;
    case 'reason': {
      if (screen.kind !== 'rating') return screen;
      const { reason } = action;
      const reasons = screen.reasons.includes(reason) ? screen.reasons.filter((r) => r !== reason) : [...screen.reasons, reason];
      return { ...screen, reasons };
    }
    case 'submitting':
    case 'failed':
      return screen.kind === 'rating' ? { ...screen, submitting: action.type === 'submitting' } : screen;
    case 'submitted':
      return screen.kind === 'rating' ? { kind: 'thanks', requestId: screen.request.id } : screen;
    case 'refused':
      return screen.kind === 'rating' ? { kind: 'ended', requestId: screen.request.id, error: action.error } : screen;
    case 'idle':
      return IDLE;
  }
}
