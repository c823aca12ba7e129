import type { MethodHandler } from '../rpc/dispatcher';
import type { KioskService } from './kiosk-service';

type KioskMethod = 'kiosk.takeNumber' | 'kiosk.readIdCard' | 'queue.ticketProgress';

/** The kiosk's contract methods, and the ticket's own status page (its QR code) that the kiosk's tickets point to. */
export function kioskHandlers(kiosk: KioskService): { [N in KioskMethod]: MethodHandler<N> } {
  return {
    'kiosk.takeNumber': (input) => kiosk.takeNumber(input),
    'kiosk.readIdCard': () => kiosk.readIdCard(),
    'queue.ticketProgress': ({ ticketId }) => kiosk.ticketProgress(ticketId),
  };
}
