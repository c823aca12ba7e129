import type { IdCard } from '../../../shared/contract';
import type { IdCardReader, RawPrinter, RawPrinterStatus, SystemPrinter, SystemPrintRequest, TicketPrinter, TicketPrintJob } from '../ports';

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

/**
 * The operating system's printers as the Electron host reaches them (electron/main/
 * system-printing.ts; no Electron here): keeps every page it was given and answers with
 * a PDF of it (a stand-in: the bytes `%PDF-` and the page's length). A name in
 * `unreachable` refuses as a printer that is gone (`printer_not_found`).
 */
export class FakeSystemPrinter implements SystemPrinter {
  readonly printed: SystemPrintRequest[] = [];
  readonly unreachable = new Set<string>();
  constructor(readonly installed: Array<{ name: string; displayName: string; isDefault: boolean }> = []) {}
  async print(request: SystemPrintRequest): Promise<{ pdf: Uint8Array | null }> {
    if (this.unreachable.has(request.deviceName) || !this.installed.some((printer) => printer.name === request.deviceName)) {
      throw Object.assign(new Error('printer_not_found'), { code: 'printer_not_found' });
    }
    this.printed.push(request);
    return { pdf: new TextEncoder().encode(`%PDF-1.7 ${request.html.length}`) };
  }
  async status(deviceName: string): Promise<RawPrinterStatus> {
    const present = this.installed.some((printer) => printer.name === deviceName) && !this.unreachable.has(deviceName);
    return present ? { state: 'online', paperLow: false, answered: true } : { state: 'offline', paperLow: false, answered: true, error: 'printer_not_found' };
  }
  async list() {
    return this.installed.filter((printer) => !this.unreachable.has(printer.name));
  }
}
