import { z } from 'zod';

/**
 * Who is calling. A session gets its role from the host (the Electron window it
 * lives in, or the device/connection on the Node host), never from what it claims
 * in a request body. See DESIGN.md section 6.
 */
export const ROLES = ['kiosk', 'display', 'clerk', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
