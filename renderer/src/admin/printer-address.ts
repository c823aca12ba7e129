import { printerAddressSchema, type PrinterConnection } from '../../../shared/contract/printing-methods';

/** What the printer dialog asks for each connection; the address is made from it. */
export interface AddressFields {
  connection: PrinterConnection;
  /** network: an IP address or host name, and the port (9100 when left empty). */
  host: string;
  port: string;
  /** usb: a device path (/dev/usb/lp0) or a Windows share (\\localhost\POS80). */
  device: string;
  /** system: the operating system's printer name. */
  systemName: string;
}

export const DEFAULT_PORT = '9100';

export const EMPTY_ADDRESS: AddressFields = { connection: 'network', host: '', port: DEFAULT_PORT, device: '', systemName: '' };

/** The address the core stores: `tcp://host:port`, `usb:<path>`, `system:<name>`. */
export function addressOf(fields: AddressFields): string {
  switch (fields.connection) {
    case 'network': {
      const host = fields.host.trim();
      // An IPv6 address (two colons or more) is written in brackets in a URL; `host:port` typed in one field is not one.
      const ipv6 = (host.match(/:/g)?.length ?? 0) >= 2 && !host.startsWith('[');
      const written = ipv6 ? `[${host}]` : host;
      return `tcp://${written}:${fields.port.trim() || DEFAULT_PORT}`;
    }
    case 'usb':
      return `usb:${fields.device.trim()}`;
    case 'system':
      return `system:${fields.systemName}`;
  }
}

/** The dialog's fields of a saved printer's address (its inverse). */
export function fieldsOf(address: string): AddressFields {
  if (address.startsWith('usb:')) return { ...EMPTY_ADDRESS, connection: 'usb', device: address.slice('usb:'.length) };
  if (address.startsWith('system:')) return { ...EMPTY_ADDRESS, connection: 'system', systemName: address.slice('system:'.length) };
  const match = /^tcp:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(address);
  if (!match) return { ...EMPTY_ADDRESS, host: address.replace(/^tcp:\/\//, '') };
  const host = match[1]!.startsWith('[') ? match[1]!.slice(1, -1) : match[1]!;
  return { ...EMPTY_ADDRESS, host, port: match[2] ?? DEFAULT_PORT };
}

/** Which field of the address is wrong as typed, checked with the contract's own rule; null when none (or nothing typed yet). */
export function addressProblem(fields: AddressFields): 'host' | 'port' | 'device' | 'systemName' | null {
  switch (fields.connection) {
    case 'network': {
      if (fields.host.trim() === '') return null;
      const port = fields.port.trim();
      if (port !== '' && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) return 'port';
      return printerAddressSchema.safeParse(addressOf(fields)).success ? null : 'host';
    }
    case 'usb':
      if (fields.device.trim() === '') return null;
      return printerAddressSchema.safeParse(addressOf(fields)).success ? null : 'device';
    case 'system':
      if (fields.systemName === '') return null;
      return printerAddressSchema.safeParse(addressOf(fields)).success ? null : 'systemName';
  }
}

/** Whether every field the connection needs is filled. */
export function addressComplete(fields: AddressFields): boolean {
  switch (fields.connection) {
    case 'network':
      return fields.host.trim() !== '';
    case 'usb':
      return fields.device.trim() !== '';
    case 'system':
      return fields.systemName !== '';
  }
}
