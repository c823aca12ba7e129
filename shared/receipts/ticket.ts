import type { Language } from '../domain/languages';
import { localDateTime } from './dates';
import { html } from './html';
import { documentPage } from './page';
import { qrSvg } from './qr-svg';
import type { RenderedDocument, Translate } from './receipt-kinds';

/**
 * The queue ticket as the kiosk's print job carries it (electron/core/ports.ts,
 * TicketPrintJob, made by kiosk/print-job.ts): hall, number, service, people ahead, wait,
 * windows, time, QR address — never a name, ID or phone, since tickets are left lying
 * around. The same shape, so a print job renders as it is.
 */
export interface TicketDocument {
  language: Language;
  hallName: string;
  number: string;
  serviceName: string;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
  windows: Array<{ number: number; location: string }>;
  issuedAt: number;
  timeZone: string;
  statusUrl: string;
}

/**
 * The 80 mm ticket in the visitor's language, worded by the same `printing.ticket.*`
 * texts as the ESC/POS ticket (printing/ticket-document.ts), so paper from either path
 * says the same: hall, service, the big number, people ahead and the wait, where to go,
 * when it was taken, the QR code of the ticket's page, one privacy line.
 */
export function renderTicket(ticket: TicketDocument, t: Translate): RenderedDocument {
  // Each window kept on one line where it fits: the list wraps between windows, not inside one.
  const separator = t('printing.ticket.listSeparator');
  const items = ticket.windows.map((window, index) =>
    html`<span class="keep">${t(window.location ? 'printing.ticket.windowAt' : 'printing.ticket.window', { number: window.number, location: window.location })}${index < ticket.windows.length - 1 ? separator : ''}</span>`,
  );
  const MARK = '\u0001';
  const [before = '', after = ''] = t('printing.ticket.windows', { windows: MARK }).split(MARK);
  const wait =
    ticket.estimatedWaitMinutes === null ? t('printing.ticket.waitUnknown') : t('printing.ticket.wait', { count: ticket.estimatedWaitMinutes });
  const body = html`<main class="ticket">
<div class="hall">${ticket.hallName}</div>
<hr class="rule">
<div class="service">${ticket.serviceName}</div>
<div class="number" data-field="number">${ticket.number}</div>
<div class="center">${t('printing.ticket.peopleAhead', { count: ticket.peopleAhead })}</div>
<div class="center">${wait}</div>
<hr class="rule">
${items.length > 0 ? html`<div data-field="windows">${before}${items}${after}</div>` : ''}
<div>${t('printing.ticket.issuedAt', { time: localDateTime(ticket.issuedAt, ticket.timeZone) })}</div>
<div>${t('printing.ticket.listen')}</div>
<div class="qr-box">${qrSvg(ticket.statusUrl, { sizeMm: 30, label: t('printing.ticket.qrCaption') })}</div>
<div class="center small">${t('printing.ticket.qrCaption')}</div>
<hr class="rule">
<div class="center small">${t('printing.ticket.privacy')}</div>
</main>`;
  const title = ticket.number;
  return { html: documentPage({ language: ticket.language, title, pageSize: '80mm', body }), pageSize: '80mm', title };
}
