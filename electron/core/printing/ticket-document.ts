import { translatorFor } from '../i18n/translate';
import type { TicketPrintJob } from '../ports';
import { cut, feed, qr, rule, text, type ReceiptDocument } from './receipt-model';

/** `2026-11-24 09:05` in the hall's time zone, the same in every language. */
export function localDateTime(epochMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * The 80 mm queue ticket from the kiosk's print job (kiosk/print-job.ts), in the
 * visitor's language: hall, service, the big number, people ahead and the wait, where
 * to go, when it was taken, the QR code of the ticket's page, one privacy line, cut.
 * The job carries no personal data, so neither does the ticket.
 */
export function ticketDocument(job: TicketPrintJob): ReceiptDocument {
  const t = translatorFor(job.language);
  const windows = job.windows
    .map((window) => t(window.location ? 'printing.ticket.windowAt' : 'printing.ticket.window', { number: window.number, location: window.location }))
    .join(t('printing.ticket.listSeparator'));
  return {
    blocks: [
      text(job.hallName, { align: 'center', bold: true }),
      rule(),
      text(job.serviceName, { align: 'center', width: 2, height: 2 }),
      text(job.number, { align: 'center', width: 4, height: 4, bold: true }),
      text(t('printing.ticket.peopleAhead', { count: job.peopleAhead }), { align: 'center' }),
      text(
        job.estimatedWaitMinutes === null
          ? t('printing.ticket.waitUnknown')
          : t('printing.ticket.wait', { count: job.estimatedWaitMinutes }),
        { align: 'center' },
      ),
      rule(),
      ...(windows ? [text(t('printing.ticket.windows', { windows }))] : []),
      text(t('printing.ticket.issuedAt', { time: localDateTime(job.issuedAt, job.timeZone) })),
      text(t('printing.ticket.listen')),
      feed(1),
      qr(job.statusUrl, { align: 'center', moduleSize: 6, errorLevel: 'M' }),
      text(t('printing.ticket.qrCaption'), { align: 'center' }),
      rule(),
      text(t('printing.ticket.privacy'), { align: 'center' }),
      cut(),
    ],
  };
}
