import type { HandlerContext, MethodHandler } from '../rpc/dispatcher';
import type { PrintingService } from './printing-service';

type Method = 'printing.jobs' | 'printing.reprint' | 'printing.status' | 'printing.savePrinter';

/**
 * The print queue on the contract (shared/contract/printing-methods.ts). A reprint is
 * recorded with the staff member signed in at the desk; the admin page has no sign-in
 * until issue 9, so its reprints name the role only.
 */
export function printingHandlers(printing: PrintingService): { [N in Method]: MethodHandler<N> } {
  return {
    'printing.jobs': (filter) => ({ jobs: printing.jobs(filter) }),
    'printing.reprint': ({ jobId, printerId }, context) => ({ job: printing.reprint(jobId, printerId, requester(context)) }),
    'printing.status': () => ({ printers: printing.status() }),
    'printing.savePrinter': (input) => printing.savePrinter(input),
  };
}

function requester(context: HandlerContext): { staffId: string | null; role: 'clerk' | 'admin' } {
  return { staffId: context.staff?.id ?? null, role: context.role === 'clerk' ? 'clerk' : 'admin' };
}
