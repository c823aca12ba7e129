import type { MethodHandler } from '../rpc/dispatcher';
import type { KioskService } from './kiosk-service';

type KioskMethod = 'kiosk.takeNumber' | 'kiosk.readIdCard' | 'queue.ticketProgress';

/** The kiosk's contract methods, and the ticket's own status page (its QR code) that the kiosk's tickets point to. */
export function kioskHandlers(kiosk: KioskService): { [N in KioskMethod]: MethodHandler<N> } {
  return {
    // A clerk taking a number for a visitor at the desk is recorded as its issuer.
    'kiosk.takeNumber': (input, context) => kiosk.takeNumber(input, context.staff?.id ?? null),
    'kiosk.readIdCard': () => kiosk.readIdCard(),
    'queue.ticketProgress': ({ ticketId }) => kiosk.ticketProgress(ticketId),
  };
}
