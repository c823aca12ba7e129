import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../shared/contract';
import { useHall, useLocalized } from '../hall-context';

/** How the desk names a ticket's service, priority and time waited, in the clerk's language. */
export function useTicketLabels() {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  return {
    service(ticket: Ticket): string {
      const service = info?.services.find((s) => s.id === ticket.serviceId);
      return service ? `${service.letter} ${localized(service.name)}` : '';
    },
    priority(ticket: Ticket): string | null {
      if (ticket.front) return t('clerk.badges.front');
      return ticket.priority ? t(`clerk.badges.${ticket.priority}`) : null;
    },
    waited(ticket: Ticket, now: number): string {
      return t('clerk.minutes', { count: Math.max(0, Math.floor((now - ticket.queuedAt) / 60_000)) });
    },
  };
}
