import type { IdCard } from '../../../shared/contract';
import type { IdCardReader, TicketPrinter, TicketPrintJob } from '../ports';

/** A ticket printer that keeps the jobs it was given. */
export class FakeTicketPrinter implements TicketPrinter {
  readonly jobs: TicketPrintJob[] = [];
  submit(job: TicketPrintJob): void {
    this.jobs.push(job);
  }
}

/** An ID-card reader a test puts cards on and takes them off. */
export class FakeIdCardReader implements IdCardReader {
  private card: IdCard | null = null;
  place(card: IdCard): void {
    this.card = card;
  }
  remove(): void {
    this.card = null;
  }
  current(): IdCard | null {
    return this.card;
  }
}
