import { HallError, type RenderReceiptInput } from '../../../shared/contract';
import type { PrintJob, Printer } from '../../../shared/contract/printing-methods';
import type { Language } from '../../../shared/domain/languages';
import type { RenderedDocument } from '../../../shared/receipts/receipt-kinds';
import { testPageHtml } from '../../../shared/receipts/test-page';
import { renderTicket } from '../../../shared/receipts/ticket';
import type { HallStore } from '../hall/hall-store';
import type { Clock, TicketPrinter, TicketPrintJob } from '../ports';
import { translateIn, type ReceiptService } from '../receipts/receipt-service';
import type { PrintContent, PrintingService } from './printing-service';
import { testPageDocument } from './test-page-document';
import { ticketDocument } from './ticket-document';
import { visitReceiptDocument } from './visit-receipt-document';

/** Who asks for a print at a desk. */
export interface DeskCaller {
  staffId: string | null;
  language: Language;
  /** The desk's window: whose printer `auto` picks for the roll. */
  windowId?: string;
}

/**
 * Prints the hall's documents (docs/receipts.md, "Printing at the desk"): chooses the
 * printer, makes what that printer takes — ESC/POS from the receipt models for a raw
 * thermal printer, the HTML page of receipts.render for the OS's printers and for the
 * clerk's browser — and gives it to the print queue, which records every print.
 */
export class DocumentPrinting {
  constructor(
    private readonly printing: PrintingService,
    private readonly receipts: ReceiptService,
    private readonly hall: HallStore,
    private readonly clock: Clock,
  ) {}

  /**
   * A document of the record, to the printer asked for or `auto`: the roll documents to
   * the desk window's roll printer, the letters to an A4 office printer; none (or
   * `browser`): the page goes back to the browser, recorded as handed to it. The document
   * is rendered first, so a letter the decision does not call for is refused before
   * anything is recorded.
   */
  print(document: RenderReceiptInput, target: 'auto' | 'browser' | string, caller: DeskCaller): { job: PrintJob; browser: RenderedDocument | null } {
    const page = this.receipts.render(document, { role: 'clerk', language: caller.language });
    const kind = jobKindOf(document.kind);
    const printer = this.printerFor(target, kind, caller.windowId);
    const job = this.printing.enqueue({
      kind,
      ref: document.kind === 'ticket' ? document.ticketId : document.visitId,
      label: page.title,
      printerId: printer?.id ?? null,
      content: printer ? this.contentFor(printer, document, page, caller.language) : { contentType: 'html', html: page.html },
      requestedBy: { staffId: caller.staffId, role: 'clerk' },
    });
    return { job, browser: printer ? null : page };
  }

  /** The test page for that printer: ESC/POS for a raw one, the HTML page for the OS's. */
  testPage(printerId: string, caller: { staffId: string | null; language: Language }): PrintJob {
    const printer = this.printing.printer(printerId);
    if (!printer) throw new HallError('NOT_FOUND', { context: 'printer' });
    const options = { now: this.clock.now(), timeZone: this.hall.timeZone(), language: caller.language };
    const t = translateIn(caller.language);
    return this.printing.enqueue({
      kind: 'test_page',
      ref: printer.id,
      label: printer.name,
      printerId: printer.id,
      content:
        printer.connection === 'system'
          ? { contentType: 'html', html: testPageHtml(printer, options, t).html }
          : { contentType: 'receipt', document: testPageDocument(printer, options, t) },
      requestedBy: { staffId: caller.staffId, role: 'admin' },
    });
  }

  /** The kiosk's tickets through the queue, to the hall's kiosk printer (looked up on every ticket). */
  ticketPrinter(): TicketPrinter {
    return {
      submit: (job: TicketPrintJob) => {
        const printer = this.printing.printerFor('kiosk', null, 'ticket');
        if (!printer) throw new HallError('UNAVAILABLE', { context: 'noPrinter' });
        this.printing.enqueue({
          kind: 'ticket',
          ref: ticketIdOf(job.statusUrl) ?? job.number,
          label: job.number,
          printerId: printer.id,
          content: this.ticketContent(printer, job),
          requestedBy: { staffId: null, role: 'kiosk' },
        });
      },
    };
  }

  /** Whether the kiosk's tickets have a printer (hall.info's `devices.ticketPrinter`). */
  hasKioskPrinter(): boolean {
    return this.printing.printerFor('kiosk', null, 'ticket') !== null;
  }

  private printerFor(target: 'auto' | 'browser' | string, kind: PrintJob['document']['kind'], windowId: string | undefined): Printer | null {
    if (target === 'browser') return null;
    if (target !== 'auto') {
      const printer = this.printing.printer(target);
      if (!printer) throw new HallError('NOT_FOUND', { context: 'printer' });
      return printer;
    }
    if (kind === 'notice') return this.printing.printerFor('office', null, kind);
    return windowId ? this.printing.printerFor('window', windowId, kind) : null;
  }

  private contentFor(printer: Printer, document: RenderReceiptInput, page: RenderedDocument, callerLanguage: Language): PrintContent {
    if (printer.connection === 'system') return { contentType: 'html', html: page.html };
    if (document.kind === 'ticket') return this.ticketContent(printer, this.receipts.ticketJob(document.ticketId, document.language, callerLanguage));
    if (document.kind === 'visit_receipt') {
      const receipt = this.receipts.visitReceipt(document.visitId, document.language, callerLanguage);
      return { contentType: 'receipt', document: visitReceiptDocument(receipt.visit, receipt.context, receipt.t) };
    }
    // A letter is A4: the print queue refuses it on a raw (roll) printer with the paper's reason.
    return { contentType: 'html', html: page.html };
  }

  private ticketContent(printer: Printer, job: TicketPrintJob): PrintContent {
    if (printer.connection === 'system') return { contentType: 'html', html: renderTicket(job, translateIn(job.language)).html };
    return { contentType: 'receipt', document: ticketDocument(job) };
  }
}

/** How the print history files a document: the three letters are notices. */
function jobKindOf(kind: RenderReceiptInput['kind']): PrintJob['document']['kind'] {
  return kind === 'ticket' || kind === 'visit_receipt' ? kind : 'notice';
}

/** The ticket's id from its status URL (`…/q/<ULID>`), the job's reference. */
function ticketIdOf(statusUrl: string): string | null {
  return /\/q\/([0-9A-HJKMNP-TV-Z]{26})(?:[?#].*)?$/.exec(statusUrl)?.[1] ?? null;
}
