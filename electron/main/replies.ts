import { rpcRequestSchema, type RpcReply } from '../../shared/contract';
import type { Language } from '../../shared/domain/languages';
import { translatorFor } from '../core/i18n/translate';

/** An error envelope made by the Electron host itself, in the caller's language. */
export function errorReply(id: RpcReply['id'], code: 'BAD_REQUEST' | 'INTERNAL' | 'UNAVAILABLE' | 'FORBIDDEN', language: Language): RpcReply {
  return { id, ok: false, error: { code, message: translatorFor(language)(`errors.${code}`) } };
}

/** The envelope id of a request when it has a valid one (replies carry it back), else null. */
export function envelopeId(request: unknown): RpcReply['id'] {
  const id = rpcRequestSchema.shape.id.safeParse(field(request, 'id'));
  return id.success ? id.data : null;
}

export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
