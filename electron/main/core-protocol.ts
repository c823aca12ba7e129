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
 * core → main: the reply; events pushed to a role; 'ready' once the database is open.
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

export const coreMessageSchema = z.discriminatedUnion('kind', [coreReplyMessageSchema, corePushMessageSchema, coreReadyMessageSchema]);

export type CoreReplyMessage = { kind: 'reply'; callId: number; windowId: number; reply: RpcReply };
export type CorePushMessage = { kind: 'push'; role: Role; event: EventName; data: unknown };
export type CoreMessage = CoreReplyMessage | CorePushMessage | { kind: 'ready' };
