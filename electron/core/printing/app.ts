import type { HandlerContext, MethodHandler } from '../rpc/dispatcher';
import type { DocumentPrinting } from './document-printing';
import type { PrintingService } from './printing-service';

type Method =
  | 'printing.jobs'
  | 'printing.reprint'
  | 'printing.status'
  | 'printing.savePrinter'
  | 'printing.print'
  | 'printing.testPage'
  | 'printing.systemPrinters';

/**
 * The print queue on the contract (shared/contract/printing-methods.ts). A print is
 * recorded with the staff member signed in at the desk or on the admin page.
 */
export function printingHandlers(printing: PrintingService, documents: DocumentPrinting): { [N in Method]: MethodHandler<N> } {
  return {
    'printing.jobs': (filter) => ({ jobs: printing.jobs(filter) }),
    'printing.reprint': ({ jobId, printerId }, context) => ({ job: printing.reprint(jobId, printerId, requester(context)) }),
    'printing.status': () => ({ printers: printing.status() }),
    'printing.savePrinter': (input) => printing.savePrinter(input),
    'printing.print': ({ document, printer, windowId }, context) =>
      documents.print(document, printer, { staffId: context.staff?.id ?? null, language: context.language, windowId }),
    'printing.testPage': ({ printerId }, context) => ({ job: documents.testPage(printerId, { staffId: context.staff?.id ?? null, language: context.language }) }),
    'printing.systemPrinters': () => printing.systemPrinters(),
  };
}

function requester(context: HandlerContext): { staffId: string | null; role: 'clerk' | 'admin' } {
  return { staffId: context.staff?.id ?? null, role: context.role === 'clerk' ? 'clerk' : 'admin' };
}
