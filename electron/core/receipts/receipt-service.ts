import type Database from 'better-sqlite3';
import { HallError, type RenderReceiptInput } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { renderLetter } from '../../../shared/receipts/letters';
import { LETTER_LANGUAGE, letterFits, type ReceiptSettings, type RenderedDocument, type Translate } from '../../../shared/receipts/receipt-kinds';
import { renderTicket } from '../../../shared/receipts/ticket';
import { renderVisitReceipt, type VisitReceiptContext } from '../../../shared/receipts/visit-receipt';
import type { Visit } from '../../../shared/contract/visit-methods';
import type { HallStore } from '../hall/hall-store';
import { translatorFor } from '../i18n/translate';
import { ticketPrintJob } from '../kiosk/print-job';
import type { TicketPrintJob } from '../ports';
import type { QueueService } from '../queue/queue-service';
import type { VisitService } from '../visits/visit-service';
import { ReceiptStore } from './receipt-store';

/** Who asks: the kiosk may have tickets only (no personal data ever reaches it). */
export interface ReceiptCaller {
  role: 'kiosk' | 'clerk';
  language: Language;
}

/**
 * Renders the hall's documents from the record (docs/receipts.md): reads the ticket or
 * the case and the hall, checks that the document fits, and hands them to the templates
 * of shared/receipts. Reads only; nothing is written, nothing printed.
 */
export class ReceiptService {
  private readonly store: ReceiptStore;

  constructor(
    db: Database.Database,
    private readonly hall: HallStore,
    private readonly queue: QueueService,
    private readonly visits: VisitService,
  ) {
    this.store = new ReceiptStore(db, hall);
  }

  render(input: RenderReceiptInput, caller: ReceiptCaller): RenderedDocument {
    if (input.kind === 'ticket') {
      const job = this.ticketJob(input.ticketId, input.language, caller.language);
      return renderTicket(job, translateIn(job.language));
    }
    if (caller.role !== 'clerk') throw new HallError('FORBIDDEN', { context: 'receipt_personal' });
    if (input.kind === 'visit_receipt') {
      const receipt = this.visitReceipt(input.visitId, input.language, caller.language);
      return renderVisitReceipt(receipt.visit, receipt.context, receipt.t);
    }
    const visit = this.visits.get(input.visitId);
    const hall = this.hall.info();
    const settings = this.store.settings();
    if (input.language !== undefined && input.language !== LETTER_LANGUAGE) throw new HallError('VALIDATION_FAILED', { context: 'receipt_language' });
    const refusal = letterFits(input.kind, visit.decision?.decision ?? null, visit.visitor !== null);
    const about = { caseNumber: visit.caseNumber, kind: input.kind };
    if (refusal === 'no_addressee') throw new HallError('CONFLICT', { context: 'receipt_no_addressee', ...about });
    if (refusal === 'undecided') throw new HallError('CONFLICT', { context: 'receipt_undecided', ...about });
    if (refusal === 'decision') throw new HallError('CONFLICT', { context: 'receipt_decision', ...about, decision: visit.decision!.decision.kind });
    return renderLetter(input.kind, visit, { organName: organName(settings, hall.name[LETTER_LANGUAGE]), timeZone: hall.timeZone, hotline: settings.hotline });
  }

  /**
   * What the visit receipt says, for either path (the HTML page, the thermal roll's
   * ESC/POS): the case, its context in the receipt's language, and the translator of it.
   * The language: asked for, else the visitor's own (kept on their record), else the caller's.
   */
  visitReceipt(visitId: string, language: Language | undefined, callerLanguage: Language): { visit: Visit; context: VisitReceiptContext; t: Translate } {
    const visit = this.visits.get(visitId);
    const hall = this.hall.info();
    const settings = this.store.settings();
    const chosen = language ?? (visit.visitor ? this.store.visitorLanguage(visit.visitor.id) : null) ?? callerLanguage;
    const decision = visit.decision?.decision;
    // A service retired since still names the case's.
    const serviceName = (id: string) => this.store.serviceName(id)?.[chosen] ?? '';
    return {
      visit,
      context: {
        language: chosen,
        hallName: hall.name[chosen],
        serviceName: serviceName(visit.serviceId),
        referredServiceName: decision?.kind === 'referred_service' ? serviceName(decision.serviceId) : null,
        timeZone: hall.timeZone,
        hotline: settings.hotline,
        caseStatusUrl: this.caseStatusUrl(visit.caseNumber),
      },
      t: translateIn(chosen),
    };
  }

  /** The queue ticket's print job as it stands now (for either path), in the ticket's language unless asked otherwise. */
  ticketJob(ticketId: string, language: Language | undefined, callerLanguage: Language): TicketPrintJob {
    const chosen = language ?? this.store.ticketLanguage(ticketId) ?? callerLanguage;
    return ticketPrintJob(this.hall.info(), this.queue.ticketStatus(ticketId), chosen, this.ticketStatusUrl(ticketId));
  }

  settings(): ReceiptSettings {
    return this.store.settings();
  }

  saveSettings(settings: ReceiptSettings): ReceiptSettings {
    return this.store.saveSettings(settings);
  }

  /** The ticket's own page, as the kiosk's tickets point to it (kiosk-service.ts). */
  private ticketStatusUrl(ticketId: string): string {
    return `${this.statusBase()}/q/${ticketId}`;
  }

  /** The case-status look-up of one case: the visitor still types the last four digits of the phone there. */
  private caseStatusUrl(caseNumber: string): string {
    return `${this.statusBase()}/case/${encodeURIComponent(caseNumber)}`;
  }

  /** The kiosk setting `statusBaseUrl` (the district's public site), or this hub ('' : a path on the hub). */
  private statusBase(): string {
    const base = this.hall.kioskSettings().statusBaseUrl;
    return base ? base.replace(/\/+$/, '') : '';
  }
}

/** The core's translator of a language, as the templates take it. */
export function translateIn(language: Language): Translate {
  const t = translatorFor(language);
  return (key, params) => t(key, params ?? {}) as string;
}

function organName(settings: ReceiptSettings, hallName: string): string {
  return settings.organName ?? hallName;
}
