import type Database from 'better-sqlite3';
import { HallError } from '../../../shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../ports';
import type { HandlerContext, MethodHandler } from '../rpc/dispatcher';
import type { VisitorRegistry } from '../visitors/visitor-registry';
import type { AttachmentService } from './attachment-service';
import type { DecisionService } from './decision-service';
import type { VisitService } from './visit-service';

type Method = 'visits.decide' | 'visits.addAttachment' | 'visits.attachment' | 'visitors.unmask';

export interface DeskServices {
  db: Database.Database;
  clock: Clock;
  /** The site's audit log (under its audit key). */
  audit: AuditLog;
  visits: VisitService;
  decisions: DecisionService;
  attachments: AttachmentService;
  visitors: VisitorRegistry;
}

/** The desk's decision, attachments and unmasking (docs/visits.md): a signed-in clerk at a desk. */
export function deskHandlers(desk: DeskServices): { [N in Method]: MethodHandler<N> } {
  return {
    'visits.decide': ({ visitId, decision, note }, context) => {
      desk.decisions.decide(visitId, decision, note || null, signedInStaffId(context));
      return { visit: desk.visits.get(visitId) };
    },
    'visits.addAttachment': (input, context) => ({ attachment: desk.attachments.add(input, signedInStaffId(context)) }),
    'visits.attachment': ({ attachmentId }, context) => desk.attachments.content(attachmentId, signedInStaffId(context)),
    'visitors.unmask': ({ visitorId, reason }, context) => unmask(desk, visitorId, reason, signedInStaffId(context)),
  };
}

/**
 * The full numbers, read in the same transaction as the audit row that records who
 * read them, whom and why: no answer without its row. The numbers go to the desk only,
 * never into the row or a log.
 */
function unmask(desk: DeskServices, visitorId: string, reason: string, staffId: string): { idNumber: string; phone: string | null } {
  return desk.db
    .transaction(() => {
      const numbers = desk.visitors.unmasked(visitorId);
      if (!numbers) throw new HallError('NOT_FOUND', { context: 'visitor' });
      desk.audit.append({ at: desk.clock.now(), actorId: staffId, action: 'visitor.unmask', subject: `visitor:${visitorId}`, details: { reason } });
      return numbers;
    })
    .immediate();
}

function signedInStaffId(context: HandlerContext): string {
  if (!context.staff) throw new HallError('NOT_SIGNED_IN');
  return context.staff.id;
}
