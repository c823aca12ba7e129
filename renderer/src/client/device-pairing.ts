import { z } from 'zod';
import { DEVICE_KINDS, roleSchema, type Role } from '../../../shared/contract';

/**
 * This browser's pairing with the hub (docs/security.md, "Pairing devices"): the device
 * token `devices.pair` gave, and what the device is. Kept in localStorage, so a kiosk or a
 * TV stays paired across reloads and restarts; a page without one is this machine's own
 * page and names its role, as before pairing existed.
 */
export const pairedDeviceSchema = z.object({
  token: z.string().min(1),
  id: z.string(),
  name: z.string(),
  kind: z.enum(DEVICE_KINDS),
  role: roleSchema,
  /** The page the device opens (`/display`, `/rate`…): a path of this hub, nothing else. */
  page: z.string().regex(/^\/[a-z]+$/),
});
export type PairedDevice = z.infer<typeof pairedDeviceSchema>;

/** Why a page was sent to /pair: never paired (or its token unknown to the hub), or revoked while it had a token. */
export type NotPairedReason = 'notPaired' | 'revoked';

const STORAGE_KEY = 'hall.device';

/** The subset of Storage used here: tests pass a Map-backed one. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readPairedDevice(store: KeyValueStore = window.localStorage): PairedDevice | null {
  try {
    const parsed = pairedDeviceSchema.safeParse(JSON.parse(store.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function savePairedDevice(device: PairedDevice, store: KeyValueStore = window.localStorage): void {
  store.setItem(STORAGE_KEY, JSON.stringify(device));
}

export function forgetPairedDevice(store: KeyValueStore = window.localStorage): void {
  store.removeItem(STORAGE_KEY);
}

/**
 * Whether a page of `role` may open on this browser: always without a pairing (this
 * machine's own pages); with one, only its device's role — any other role's calls would
 * be refused by the hub, so the page says where to go instead.
 */
export function mayOpenRole(device: PairedDevice | null, role: Role): boolean {
  return device === null || device.role === role;
}

/** A pairing code as typed (keypad or keyboard): its digits, at most 8. */
export function codeDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, 8);
}

/** "12345678" → "1234 5678", as the admin's screen shows it. */
export function groupedCode(digits: string): string {
  return digits.length > 4 ? `${digits.slice(0, 4)} ${digits.slice(4)}` : digits;
}
