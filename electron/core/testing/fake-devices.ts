import type { IdCard } from '../../../shared/contract';
import type { IdCardReader, RawPrinter, RawPrinterStatus, TicketPrinter, TicketPrintJob } from '../ports';

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

/**
 * A raw (ESC/POS) printer without a socket: keeps what each address was sent; an
 * address in `unreachable` refuses, as a printer that is switched off.
 */
export class FakeRawPrinter implements RawPrinter {
  readonly sent: Array<{ address: string; bytes: Uint8Array }> = [];
  readonly unreachable = new Set<string>();
  readonly paperOut = new Set<string>();
  async send(address: string, bytes: Uint8Array): Promise<void> {
    if (this.unreachable.has(address)) throw new Error('ECONNREFUSED');
    this.sent.push({ address, bytes: Uint8Array.from(bytes) });
  }
  async status(address: string): Promise<RawPrinterStatus> {
    if (this.unreachable.has(address)) return { state: 'offline', paperLow: false, answered: false, error: 'ECONNREFUSED' };
    return { state: this.paperOut.has(address) ? 'paper_out' : 'online', paperLow: false, answered: true };
  }
}
