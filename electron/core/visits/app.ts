import { HallError } from '../../../shared/contract';
import type { HandlerContext, MethodHandler } from '../rpc/dispatcher';
import type { CaseStatusService } from './case-status-service';
import type { VisitService } from './visit-service';

type VisitMethod = 'visits.create' | 'visits.get' | 'visits.addEvent' | 'visits.dueList' | 'visits.kpis' | 'visits.setTags' | 'visits.history' | 'visits.mine';

/**
 * The case record's contract methods. A case names the staff member who registered it
 * and each step who recorded it: writes need a signed-in staff member (the admin page
 * does not sign in until issue 9, so it may read but not write).
 */
export function visitHandlers(visits: VisitService): { [N in VisitMethod]: MethodHandler<N> } {
  return {
    'visits.create': (input, context) => ({ visit: visits.create(input, signedInStaffId(context)) }),
    'visits.get': ({ id }) => ({ visit: visits.get(id) }),
    'visits.addEvent': ({ visitId, event, note }, context) => ({ visit: visits.addEvent(visitId, event, note ?? null, signedInStaffId(context)) }),
    'visits.dueList': ({ scope, today }, context) => visits.dueList(scope === 'mine' ? signedInStaffId(context) : null, today),
    'visits.kpis': ({ from, to }) => visits.kpis(from, to),
    'visits.setTags': ({ visitId, tags }, context) => ({ visit: visits.setTags(visitId, tags, signedInStaffId(context)) }),
    'visits.history': (input) => visits.history(input),
    'visits.mine': ({ day }, context) => visits.mine(signedInStaffId(context), day),
  };
}

function signedInStaffId(context: HandlerContext): string {
  if (!context.staff) throw new HallError('NOT_SIGNED_IN');
  return context.staff.id;
}

/** The kiosk's case-status look-up (the visitor's language words a lockout). */
export function caseStatusHandlers(caseStatus: CaseStatusService): { 'kiosk.caseStatus': MethodHandler<'kiosk.caseStatus'> } {
  return {
    'kiosk.caseStatus': (input, context) => caseStatus.lookUp(input, context.language),
  };
}
