import type Database from 'better-sqlite3';
import { HallError, type RenderReceiptInput } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { renderLetter } from '../../../shared/receipts/letters';
import { LETTER_LANGUAGE, letterFits, type ReceiptSettings, type RenderedDocument, type Translate } from '../../../shared/receipts/receipt-kinds';
import { renderTicket } from '../../../shared/receipts/ticket';
import { renderVisitReceipt } from '../../../shared/receipts/visit-receipt';
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
    if (input.kind === 'ticket') return this.ticket(input.ticketId, input.language ?? this.store.ticketLanguage(input.ticketId) ?? caller.language);
    if (caller.role !== 'clerk') throw new HallError('FORBIDDEN', { context: 'receipt_personal' });
    const visit = this.visits.get(input.visitId);
    const hall = this.hall.info();
    const settings = this.store.settings();
    if (input.kind === 'visit_receipt') {
      const language = input.language ?? (visit.visitor ? this.store.visitorLanguage(visit.visitor.id) : null) ?? caller.language;
      const decision = visit.decision?.decision;
      // A service retired since still names the case's.
      const serviceName = (id: string) => this.store.serviceName(id)?.[language] ?? '';
      return renderVisitReceipt(
        visit,
        {
          language,
          hallName: hall.name[language],
          serviceName: serviceName(visit.serviceId),
          referredServiceName: decision?.kind === 'referred_service' ? serviceName(decision.serviceId) : null,
          timeZone: hall.timeZone,
          hotline: settings.hotline,
          caseStatusUrl: this.caseStatusUrl(visit.caseNumber),
        },
        translateIn(language),
      );
    }
    if (input.language !== undefined && input.language !== LETTER_LANGUAGE) throw new HallError('VALIDATION_FAILED', { context: 'receipt_language' });
    const refusal = letterFits(input.kind, visit.decision?.decision ?? null, visit.visitor !== null);
    const about = { caseNumber: visit.caseNumber, kind: input.kind };
    if (refusal === 'no_addressee') throw new HallError('CONFLICT', { context: 'receipt_no_addressee', ...about });
    if (refusal === 'undecided') throw new HallError('CONFLICT', { context: 'receipt_undecided', ...about });
    if (refusal === 'decision') throw new HallError('CONFLICT', { context: 'receipt_decision', ...about, decision: visit.decision!.decision.kind });
    return renderLetter(input.kind, visit, { organName: organName(settings, hall.name[LETTER_LANGUAGE]), timeZone: hall.timeZone, hotline: settings.hotline });
  }

  settings(): ReceiptSettings {
    return this.store.settings();
  }

  saveSettings(settings: ReceiptSettings): ReceiptSettings {
    return this.store.saveSettings(settings);
  }

  /** The queue ticket as it stands now, from the same print job the kiosk hands its printer. */
  private ticket(ticketId: string, language: Language): RenderedDocument {
    const standing = this.queue.ticketStatus(ticketId);
    const job: TicketPrintJob = ticketPrintJob(this.hall.info(), standing, language, this.ticketStatusUrl(ticketId));
    return renderTicket(job, translateIn(language));
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
function translateIn(language: Language): Translate {
  const t = translatorFor(language);
  return (key, params) => t(key, params ?? {}) as string;
}

function organName(settings: ReceiptSettings, hallName: string): string {
  return settings.organName ?? hallName;
}
