import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { defineMethod } from './define';

/**
 * Devices on the hall's network (docs/security.md, "Devices"): a kiosk, a display, a
 * rating tablet or a clerk PC that reaches the hub over the LAN pairs once with a one-time
 * code the admin makes, and from then on carries a device token bound to one role. The
 * admin sees and revokes devices; a revoked token is refused at once, an open connection
 * of it closed.
 */
export const DEVICE_KINDS = ['kiosk', 'rating', 'display', 'clerk', 'admin'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * How a paired LAN page presents its device token to the hub (docs/security.md): the
 * `X-Hall-Device` header over HTTP; over WebSocket the subprotocols `hall.v1` and
 * `hall-device.<token>` — the hub selects `hall.v1`, never echoing the token.
 */
export const DEVICE_TRANSPORT = { header: 'X-Hall-Device', protocol: 'hall.v1', tokenProtocolPrefix: 'hall-device.' } as const;

/** The role a device of that kind acts in: a rating tablet is a kiosk-role page (`/rate`). */
export const ROLE_OF_DEVICE_KIND = { kiosk: 'kiosk', rating: 'kiosk', display: 'display', clerk: 'clerk', admin: 'admin' } as const;

/** The page a device of that kind opens once paired. */
export const PAGE_OF_DEVICE_KIND = { kiosk: '/kiosk', rating: '/rate', display: '/display', clerk: '/clerk', admin: '/admin' } as const;

/** A pairing code as the admin reads it out and the device's user types it: 8 digits (spaces and dashes ignored). */
export const pairingCodeSchema = z
  .string()
  .max(20)
  .transform((code) => code.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8}$/, '8 digits'));

const deviceNameSchema = z.string().trim().min(1).max(40);

export const deviceSchema = z.object({
  id: ulidSchema,
  name: z.string(),
  kind: z.enum(DEVICE_KINDS),
  pairedAt: z.number().int(),
  /** Who made the code it paired with. */
  pairedBy: z.object({ staffId: ulidSchema, staffNo: z.string(), name: z.string() }).nullable(),
  /** Its last call (to the minute), null: none since pairing. */
  lastSeenAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceMethods = {
  'devices.createPairingCode': defineMethod({
    summary:
      'Make a one-time pairing code for a new device of a kind (kiosk, rating tablet, display, clerk PC, admin PC) with its name: valid 10 minutes, once. Any code made earlier and not used stays valid until it expires.',
    roles: ['admin'],
    signIn: true,
    input: z.object({ kind: z.enum(DEVICE_KINDS), name: deviceNameSchema }).strict(),
    output: z.object({ code: z.string(), kind: z.enum(DEVICE_KINDS), name: z.string(), expiresAt: z.number().int() }),
  }),
  'devices.pair': defineMethod({
    summary:
      "A device enters the admin's code: it is paired and gets its device token (shown once; keep it), bound to the code's kind and role. A wrong or expired code is refused; after 10 wrong codes in a row every open code is voided (an admin makes a new one).",
    // Any page may pair; on the LAN it is the one call an unpaired device may make.
    roles: ['kiosk', 'display', 'clerk', 'admin'],
    signIn: false,
    input: z.object({ code: pairingCodeSchema }).strict(),
    output: z.object({
      token: z.string(),
      device: z.object({ id: ulidSchema, name: z.string(), kind: z.enum(DEVICE_KINDS) }),
      role: z.enum(['kiosk', 'display', 'clerk', 'admin']),
      page: z.string(),
    }),
  }),
  'devices.list': defineMethod({
    summary: 'Every paired device, newest first, with who paired it, when it was last seen, and whether it is revoked.',
    roles: ['admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: z.object({ devices: z.array(deviceSchema) }),
  }),
  'devices.revoke': defineMethod({
    summary: 'Revoke a device: its token is refused from now on, and its open connections are closed at once. It pairs again with a new code.',
    roles: ['admin'],
    signIn: true,
    input: z.object({ deviceId: ulidSchema }).strict(),
    output: deviceSchema,
  }),
};
