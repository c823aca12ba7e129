import { z } from 'zod';
import { rpcErrorSchema } from './errors';

/** One envelope for every transport: in-process, WebSocket, HTTP mirror, Electron IPC. */
export const rpcRequestSchema = z.object({
  id: z.union([z.string().min(1).max(64), z.number().int()]),
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;

export type RpcReply =
  | { id: RpcRequest['id'] | null; ok: true; value: unknown }
  | { id: RpcRequest['id'] | null; ok: false; error: z.infer<typeof rpcErrorSchema> };

export const rpcReplySchema = z.union([
  z.object({ id: rpcRequestSchema.shape.id.nullable(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: rpcRequestSchema.shape.id.nullable(), ok: z.literal(false), error: rpcErrorSchema }),
]);

export const rpcPushSchema = z.object({ event: z.string(), data: z.unknown() });
export type RpcPush = z.infer<typeof rpcPushSchema>;

export function isPush(message: unknown): message is RpcPush {
  return typeof message === 'object' && message !== null && 'event' in message;
}
