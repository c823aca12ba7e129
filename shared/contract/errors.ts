import { z } from 'zod';

/**
 * Every error a contract method can return. The code is stable (clients branch on
 * it); the message is rendered in the caller's language from `errors.<code>` in the
 * i18n resources.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'NOT_SIGNED_IN',
  'SIGN_IN_FAILED',
  'SIGN_IN_LOCKED',
  'CASE_STATUS_LOCKED',
  'WEAK_PASSWORD',
  'INVALID_STAFF_NO',
  'CONFLICT',
  'WINDOW_BUSY',
  'WINDOW_NOT_OPEN',
  'WINDOW_DOES_NOT_SERVE',
  'NO_CURRENT_TICKET',
  'TICKET_STATE',
  'NOT_CALLABLE_HERE',
  'NO_SHOW_TOO_EARLY',
  'TRANSFER_TO_SAME',
  'SERVICE_CLOSED',
  'SERVICE_FULL',
  'RANGE_TOO_LONG',
  'DUPLICATE',
  'IN_USE',
  'IMPORT_INVALID',
  'BAD_HOURS',
  'INVALID_ID',
  'INVALID_PHONE',
  'REPRESENTATIVES_REQUIRED',
  'TOO_MANY_REPRESENTATIVES',
  'INVALID_CATEGORY',
  'INVALID_LOCATION',
  'TIMELINE_INVALID',
  'PAIRING_FAILED',
  'DEVICE_NOT_PAIRED',
  'BAD_REQUEST',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const rpcErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type RpcError = z.infer<typeof rpcErrorSchema>;

/**
 * Thrown inside the core by domain code; the dispatcher turns it into an error reply.
 * `params` feed the translated message; `details` travel to the client as they are.
 */
export class HallError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'HallError';
  }
}
