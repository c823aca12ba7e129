import type { RawPrinter, RawPrinterStatus } from '../ports';
import { DevicePrinter } from './device-printer';
import { NetworkPrinter, PrinterError } from './network-printer';

/**
 * One RawPrinter for every raw address: `tcp://` to the network adapter, `usb:` to the
 * device adapter. Anything else — `system:` printers take HTML through the operating
 * system, not raw bytes — is refused with `unsupported_address`.
 */
export function routeRawPrinters(adapters: { network: RawPrinter; usb: RawPrinter }): RawPrinter {
  const adapterFor = (address: string): RawPrinter | null => {
    if (address.startsWith('tcp://')) return adapters.network;
    if (address.startsWith('usb:')) return adapters.usb;
    return null;
  };
  return {
    send(address: string, bytes: Uint8Array): Promise<void> {
      const adapter = adapterFor(address);
      return adapter ? adapter.send(address, bytes) : Promise.reject(new PrinterError('unsupported_address'));
    },
    status(address: string): Promise<RawPrinterStatus> {
      const adapter = adapterFor(address);
      return adapter ? adapter.status(address) : Promise.resolve({ state: 'offline', paperLow: false, answered: false, error: 'unsupported_address' });
    },
  };
}

/** The hall's raw printers: network (raw TCP) and USB (a device), with their default timeouts. */
export function defaultRawPrinter(): RawPrinter {
  return routeRawPrinters({ network: new NetworkPrinter(), usb: new DevicePrinter() });
}
