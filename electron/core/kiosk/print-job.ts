import type { HallInfo, Ticket } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import type { TicketPrintJob } from '../ports';

/**
 * The printed queue ticket: the hall, the number, where to go and how long it may
 * take, in the visitor's language. Built only from the ticket and the hall, so no
 * personal data can reach the paper.
 */
export function ticketPrintJob(
  hall: Omit<HallInfo, 'devices'>,
  issued: { ticket: Ticket; peopleAhead: number; estimatedWaitMinutes: number | null },
  language: Language,
  statusUrl: string,
): TicketPrintJob {
  const { ticket } = issued;
  const service = hall.services.find((s) => s.id === ticket.serviceId);
  return {
    language,
    hallName: hall.name[language],
    number: ticket.number,
    serviceName: service ? service.name[language] : '',
    peopleAhead: issued.peopleAhead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    windows: hall.windows
      .filter((window) => window.state !== 'closed' && window.services.some((s) => s.serviceId === ticket.serviceId))
      .map((window) => ({ number: window.number, location: window.location[language] })),
    issuedAt: ticket.issuedAt,
    timeZone: hall.timeZone,
    statusUrl,
  };
}
