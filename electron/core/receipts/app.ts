import { HallError } from '../../../shared/contract';
import type { MethodHandler } from '../rpc/dispatcher';
import type { ReceiptService } from './receipt-service';

type ReceiptMethod = 'receipts.render' | 'receipts.settings' | 'receipts.saveSettings';

/** The documents' contract methods (docs/receipts.md). */
export function receiptHandlers(receipts: ReceiptService): { [N in ReceiptMethod]: MethodHandler<N> } {
  return {
    'receipts.render': (input, context) => {
      // The contract lets only these two roles in; a clerk's desk is signed in by then.
      if (context.role !== 'kiosk' && context.role !== 'clerk') throw new HallError('FORBIDDEN', { method: 'receipts.render', role: context.role });
      return receipts.render(input, { role: context.role, language: context.language });
    },
    'receipts.settings': () => receipts.settings(),
    'receipts.saveSettings': (settings) => receipts.saveSettings(settings),
  };
}
