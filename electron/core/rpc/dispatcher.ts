import {
  HallError,
  isMethodName,
  methods,
  rpcRequestSchema,
  type ErrorCode,
  type MethodName,
  type MethodOutput,
  type MethodParams,
  type Role,
  type RpcReply,
} from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { translatorFor } from '../i18n/translate';
import type { Logger } from '../ports';

/** Who is calling: set by the host from the connection, never from the request. */
export interface CallContext {
  role: Role;
  language: Language;
  /** A stable id of the connection or window, for logs and (later) the audit trail. */
  sessionId: string;
}

export type MethodHandler<N extends MethodName> = (params: MethodParams<N>, context: CallContext) => MethodOutput<N>;
export type Handlers = { [N in MethodName]: MethodHandler<N> };

/**
 * The single entry of the core: parse the envelope, check the method exists, check
 * the caller's role, validate the params, run the handler, validate the result.
 * Whatever happens, it answers with an envelope; it never throws.
 */
export function createDispatcher(handlers: Handlers, logger: Logger) {
  return function dispatch(raw: unknown, context: CallContext): RpcReply {
    const t = translatorFor(context.language);
    // details.params repeats the message's parameters so a client can render the
    // message itself in whatever language its user has switched to since.
    const fail = (id: RpcReply['id'], code: ErrorCode, params: Record<string, unknown> = {}, details?: object): RpcReply => ({
      id,
      ok: false,
      error: {
        code,
        message: t(`errors.${code}`, params),
        ...(details === undefined && Object.keys(params).length === 0 ? {} : { details: { ...details, params } }),
      },
    });

    const envelope = rpcRequestSchema.safeParse(raw);
    if (!envelope.success) return fail(idOf(raw), 'BAD_REQUEST', {}, { issues: envelope.error.issues });
    const { id, method, params } = envelope.data;

    if (!isMethodName(method)) return fail(id, 'NOT_FOUND', { context: 'method', method });
    const definition = methods[method];
    if (!definition.roles.includes(context.role)) return fail(id, 'FORBIDDEN', { method, role: context.role });

    const input = definition.input.safeParse(params ?? {});
    if (!input.success) {
      // Name the fields; zod's own wording is English-only and stays in details.
      const fields = [
        ...new Set(input.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || '—']))),
      ].join(', ');
      return fail(id, 'VALIDATION_FAILED', { fields }, { issues: input.error.issues });
    }

    try {
      const handler = handlers[method] as (params: unknown, context: CallContext) => unknown;
      const value = definition.output.parse(handler(input.data, context));
      return { id, ok: true, value };
    } catch (error) {
      if (error instanceof HallError) return fail(id, error.code, error.params, error.details);
      logger.error('method failed', { method, error: error instanceof Error ? error.message : String(error) });
      return fail(id, 'INTERNAL');
    }
  };
}

function idOf(raw: unknown): RpcReply['id'] {
  if (typeof raw === 'object' && raw !== null && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id))) return id;
  }
  return null;
}
