import { z } from 'zod';
import { ulidSchema } from './ids';

/** The 《信访工作条例》 art. 20 limit: a group visit elects at most five representatives. */
export const MAX_REPRESENTATIVES = 5;

/** How the kiosk behaves; kept in hall_settings under `kiosk`, edited by an admin. */
export const kioskSettingsSchema = z.object({
  /** Seconds without a touch before the kiosk warns and then starts over, wiping the form. */
  idleSeconds: z.number().int().min(20).max(600).default(60),
  /** How long the visible countdown runs before the reset. */
  idleWarningSeconds: z.number().int().min(5).max(60).default(15),
  /** The service "不确定 / 咨询" issues tickets for (a general window); null hides that button. */
  generalServiceId: ulidSchema.nullable().default(null),
  /** Years personal data is kept, as the kiosk's notice states it; the daily retention job enforces it (docs/retention.md). */
  retentionYears: z.number().int().min(1).max(30).default(3),
  /** Where the ticket's QR code points: a public base URL, or null for the hub's own `/q/<ticket>` page. */
  statusBaseUrl: z.string().url().max(200).nullable().default(null),
});
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;
export const DEFAULT_KIOSK_SETTINGS: KioskSettings = kioskSettingsSchema.parse({});

/** What the kiosk learns of the host's devices (not editable: the host configures them). */
export const kioskDevicesSchema = z.object({
  /** An ID-card reader is attached: the kiosk shows "read card". */
  idCardReader: z.boolean(),
  /** A ticket printer is attached: the kiosk says "take your ticket". */
  ticketPrinter: z.boolean(),
});
export type KioskDevices = z.infer<typeof kioskDevicesSchema>;

