import { z } from 'zod';
import { roleSchema, rpcReplySchema, type EventName, type Role, type RpcReply } from '../../shared/contract';
import { languageSchema } from '../../shared/domain/languages';

/**
 * Messages between the main process and the core's utility process.
 *
 * main → core: one request of one window, with the role main looked up for that
 * window (never one the renderer claimed) and a `callId` main uses to match the reply
 * (the renderer's own envelope id is not unique across windows, and a malformed
 * envelope has none).
 *
 * core → main: the reply; events pushed to a role; 'ready' once the database is open;
 * `systemPrint`, the core asking main to use the OS's printers (only main can print).
 *
 * main → core: `systemPrintReply`, the answer to one `systemPrint` (matched by requestId).
 */
export const coreRequestMessageSchema = z.object({
  kind: z.literal('request'),
  callId: z.number().int().nonnegative(),
  windowId: z.number().int(),
  role: roleSchema,
  language: languageSchema,
  request: z.unknown(),
});
export type CoreRequestMessage = z.infer<typeof coreRequestMessageSchema>;

export const coreReplyMessageSchema = z.object({
  kind: z.literal('reply'),
  callId: z.number().int().nonnegative(),
  windowId: z.number().int(),
  reply: rpcReplySchema,
});
export const corePushMessageSchema = z.object({
  kind: z.literal('push'),
  role: roleSchema,
  event: z.string(),
  data: z.unknown(),
});
export const coreReadyMessageSchema = z.object({ kind: z.literal('ready') });


// ── the OS's printers (electron/main/system-printing.ts runs them, system-printer-client.ts asks) ──

const requestId = z.number().int().nonnegative();
/** A printer name as the OS knows it: text, no control characters (it goes into a print call). */
const deviceName = z.string().min(1).max(256).regex(/^[^\p{Cc}]+$/u);

/** core → main: print one page, read one printer's state, or list the printers. */
export const systemPrintMessageSchema = z.discriminatedUnion('op', [
  z.object({
    kind: z.literal('systemPrint'),
    requestId,
    op: z.literal('print'),
    deviceName,
    html: z.string(),
    pageSize: z.enum(['80mm', 'A4']),
  }),
  z.object({ kind: z.literal('systemPrint'), requestId, op: z.literal('status'), deviceName }),
  z.object({ kind: z.literal('systemPrint'), requestId, op: z.literal('list') }),
]);
export type SystemPrintMessage = z.infer<typeof systemPrintMessageSchema>;
export type SystemPrintOp = SystemPrintMessage['op'];

/** A short code, never a message (which could quote a page or a path). */
export const systemPrintCodeSchema = z.string().regex(/^[a-z_]{1,40}$/);

/**
 * main → core. `result` is checked against the operation asked (systemPrintResultSchemas)
 * by the client, which alone knows what it asked; a PDF travels as a Uint8Array
 * (structured clone keeps typed arrays).
 */
export const systemPrintReplyMessageSchema = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('systemPrintReply'), requestId, ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('systemPrintReply'), requestId, ok: z.literal(false), code: systemPrintCodeSchema }),
]);
export type SystemPrintReplyMessage = z.infer<typeof systemPrintReplyMessageSchema>;

export const systemPrintResultSchemas = {
  print: z.object({ pdf: z.instanceof(Uint8Array).nullable() }),
  status: z.object({
    state: z.enum(['online', 'offline', 'paper_out']),
    paperLow: z.boolean(),
    answered: z.boolean(),
    error: systemPrintCodeSchema.optional(),
  }),
  list: z.array(z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() })),
} satisfies Record<SystemPrintOp, z.ZodType>;

// ── the data key (data-key-handoff.ts; docs/security.md, "The data key") ──

/** 32 bytes: a Buffer posted by main arrives as a Uint8Array (structured clone). */
const dataKeyBytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array && value.length === 32, 'a data key is 32 bytes');

/**
 * main → core, once, right after the spawn: the data key unwrapped by main (safeStorage
 * is main's), or word that the core reads the plain key file itself (--allow-plain-key
 * without a secret store). `rotate`: the process was started with --rotate-keys, and
 * `pendingKey` is the new key, already kept wrapped.
 */
export const dataKeyMessageSchema = z.discriminatedUnion('source', [
  z.object({
    kind: z.literal('dataKey'),
    source: z.literal('wrapped'),
    key: dataKeyBytes,
    pendingKey: dataKeyBytes.nullable(),
    created: z.boolean(),
    location: z.string().min(1).max(4096),
    rotate: z.boolean(),
  }),
  z.object({ kind: z.literal('dataKey'), source: z.literal('keyFile'), rotate: z.boolean() }),
]);
export type DataKeyMessage = z.infer<typeof dataKeyMessageSchema>;

/** core → main: what the database's key check decided about the wrapped key files (DataKeyKeeper.settle). */
export const dataKeySettleMessageSchema = z.object({
  kind: z.literal('dataKeySettle'),
  outcome: z.enum(['committed', 'abandoned', 'discardCreated']),
});
export type DataKeySettleMessage = z.infer<typeof dataKeySettleMessageSchema>;

/** core → main, --rotate-keys: the rotation's end (the core printed what happened on its console). */
export const keysRotatedMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    kind: z.literal('keysRotated'),
    ok: z.literal(true),
    report: z.object({
      generation: z.number().int().positive(),
      visitors: z.number().int().nonnegative(),
      attachments: z.number().int().nonnegative(),
      auditRows: z.number().int().positive(),
    }),
  }),
  /** exitCode 2: refused, nothing changed; 1: failed and undone. */
  z.object({ kind: z.literal('keysRotated'), ok: z.literal(false), exitCode: z.union([z.literal(1), z.literal(2)]) }),
]);
export type KeysRotatedMessage = z.infer<typeof keysRotatedMessageSchema>;

export const coreMessageSchema = z.discriminatedUnion('kind', [
  coreReplyMessageSchema,
  corePushMessageSchema,
  coreReadyMessageSchema,
  systemPrintMessageSchema,
]);

export type CoreReplyMessage = { kind: 'reply'; callId: number; windowId: number; reply: RpcReply };
export type CorePushMessage = { kind: 'push'; role: Role; event: EventName; data: unknown };
export type CoreMessage = CoreReplyMessage | CorePushMessage | { kind: 'ready' } | SystemPrintMessage;
