import { describe, expect, it } from 'vitest';
import type { RatingRequest } from '../../../shared/contract';
import { IDLE, rateReducer, type RateAction, type RateScreen } from './rate-screen';

const request = (id: string): RatingRequest => ({ id, windowId: 'W', ticketNumber: 'A001', clerk: { staffNo: '1001', name: '王丽' }, requestedAt: 1 });
const run = (actions: RateAction[], from: RateScreen = IDLE) => actions.reduce(rateReducer, from);

describe('the rating tablet', () => {
  it('keeps the visitor\'s choices when the same request is loaded again, and starts afresh for a new one', () => {
    const chosen = run([{ type: 'pending', request: request('R1') }, { type: 'level', level: 4 }, { type: 'reason', reason: 'clarity' }]);
    expect(run([{ type: 'pending', request: request('R1') }], chosen)).toMatchObject({ kind: 'rating', level: 4, reasons: ['clarity'] });
    expect(run([{ type: 'pending', request: request('R2') }], chosen)).toMatchObject({ kind: 'rating', request: { id: 'R2' }, level: null, reasons: [] });
  });

  it('goes idle when its request is closed elsewhere or has expired, but not while its own rating is being submitted', () => {
    const shown = run([{ type: 'pending', request: request('R1') }, { type: 'level', level: 5 }]);
    expect(run([{ type: 'closed', requestId: 'R1' }], shown)).toBe(IDLE);
    expect(run([{ type: 'closed', requestId: 'R0' }], shown)).toBe(shown);
    expect(run([{ type: 'pending', request: null }], shown)).toBe(IDLE);
    // The hub announces the close before it answers the submit: the thanks still come.
    expect(run([{ type: 'submitting' }, { type: 'closed', requestId: 'R1' }, { type: 'submitted' }], shown)).toEqual({ kind: 'thanks', requestId: 'R1' });
    expect(run([{ type: 'submitting' }, { type: 'failed' }, { type: 'closed', requestId: 'R1' }], shown)).toBe(IDLE);
  });

  it('stays on the thanks while a late load still reports the rated request, and shows a new one at once', () => {
    const thanks: RateScreen = { kind: 'thanks', requestId: 'R1' };
    expect(run([{ type: 'pending', request: request('R1') }], thanks)).toBe(thanks);
    expect(run([{ type: 'pending', request: null }], thanks)).toBe(thanks);
    expect(run([{ type: 'pending', request: request('R2') }], thanks)).toMatchObject({ kind: 'rating', request: { id: 'R2' } });
  });
});
