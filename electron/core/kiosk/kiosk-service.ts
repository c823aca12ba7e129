import type Database from 'better-sqlite3';
import { HallError, type IdCard, type TakeNumberInput, type TakeNumberOutput, type TicketProgress } from '../../../shared/contract';
import type { HallStore } from '../hall/hall-store';
import type { Clock, IdCardReader, Logger, TicketPrinter, TicketPrintJob } from '../ports';
import type { QueueService } from '../queue/queue-service';
import type { VisitorRegistry } from '../visitors/visitor-registry';
import { KioskStore } from './kiosk-store';
import { ticketPrintJob } from './print-job';
import { checkRegistration } from './registration-checks';

export interface KioskDevicePorts {
  printer?: TicketPrinter;
  idCardReader?: IdCardReader;
}

/**
 * Self-service at the kiosk: taking a number with or without registering, reading the
 * ID card, and the ticket's own status page (its QR code).
 */
export class KioskService {
  private readonly store: KioskStore;

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly queue: QueueService,
    private readonly visitors: VisitorRegistry,
    private readonly clock: Clock,
    private readonly devices: KioskDevicePorts,
    private readonly logger: Logger,
  ) {
    this.store = new KioskStore(db);
  }

  /**
   * Checks the form, then in one transaction issues the ticket, creates or updates
   * the visitor and records the registration: any failure leaves nothing behind. The
   * ticket goes to the printer only once all of it is committed.
   */
  takeNumber(input: TakeNumberInput, staffId: string | null): TakeNumberOutput {
    const person = checkRegistration(input, this.queue.today(this.clock.now()));
    const issued = this.db
      .transaction(() => {
        // The queue's own transaction becomes a savepoint inside this one.
        const issued = this.queue.issueTicket({
          serviceId: input.serviceId,
          birthDate: person?.birthDate,
          priorityReason: input.declaredPriority ?? undefined,
          registered: person !== null,
          staffId,
        });
        const at = issued.ticket.issuedAt;
        const visitorId = person ? this.visitors.createOrUpdate(person, input.language, at) : null;
        this.visitors.record({
          ticketId: issued.ticket.id,
          visitorId,
          partySize: input.partySize,
          representatives: input.representatives,
          language: input.language,
          declaredPriority: input.declaredPriority,
          at,
        });
        return issued;
      })
      .immediate();

    const statusUrl = this.statusUrl(issued.ticket.id);
    const printing = this.print(ticketPrintJob(this.hall.info(), issued, input.language, statusUrl));
    return { ...issued, registered: person !== null, statusUrl, printing };
  }

  /** The card on the reader, for the kiosk to fill the form with. */
  readIdCard(): IdCard {
    if (!this.devices.idCardReader) throw new HallError('UNAVAILABLE', { context: 'noReader' });
    const card = this.devices.idCardReader.current();
    if (!card) throw new HallError('UNAVAILABLE', { context: 'noCard' });
    return card;
  }

  /**
   * Where the visitor's ticket stands. The QR code holds the ticket issued at the
   * kiosk; after a transfer the newest ticket of its chain is the one that counts.
   */
  ticketProgress(ticketId: string): TicketProgress {
    const newest = this.store.newestOfChain(ticketId);
    if (!newest) throw new HallError('NOT_FOUND', { context: 'ticket' });
    const { ticket, peopleAhead, estimatedWaitMinutes } = this.queue.ticketStatus(newest);
    const atWindow = (ticket.status === 'called' || ticket.status === 'serving' || ticket.status === 'held') && ticket.windowId !== null;
    return {
      number: ticket.number,
      serviceId: ticket.serviceId,
      status: ticket.status,
      peopleAhead,
      estimatedWaitMinutes,
      windowNumber: atWindow ? (this.hall.findWindow(ticket.windowId!)?.number ?? null) : null,
    };
  }

  private statusUrl(ticketId: string): string {
    const base = this.hall.kioskSettings().statusBaseUrl;
    return `${base ? base.replace(/\/+$/, '') : ''}/q/${ticketId}`;
  }

  /** Fire and forget: the ticket is taken whatever the printer does; without one the screen is the ticket. */
  private print(job: TicketPrintJob): TakeNumberOutput['printing'] {
    if (!this.devices.printer) return 'no_printer';
    try {
      this.devices.printer.submit(job);
      return 'queued';
    } catch (error) {
      // The port must not throw; if it does, the kiosk tells the visitor to note the number from the screen.
      this.logger.error('ticket printer refused a job', { error: error instanceof Error ? error.message : String(error) });
      return 'no_printer';
    }
  }
}
