import {
  HallError,
  isMethodName,
  methods,
  rpcRequestSchema,
  signsIn,
  type ErrorCode,
  type MethodName,
  type MethodOutput,
  type MethodParams,
  type Role,
  type RpcReply,
  type StaffMember,
} from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { i18nResources } from '../../../shared/i18n';
import { translatorFor } from '../i18n/translate';
import type { Logger } from '../ports';

/** Who is calling: set by the host from the connection, never from the request. */
export interface CallContext {
  role: Role;
  language: Language;
  /**
   * A stable id of the connection or window: a sign-in binds the staff member to it
   * (staff/staff-service.ts). Unique per connection; the host ends it (core.endSession)
   * when the connection goes.
   */
  sessionId: string;
  /** A session token sent with the request itself (the HTTP mirror's `Authorization: Bearer`). */
  bearerToken?: string;
}

/** What a handler is told: the caller, and the staff member they are signed in as. */
export interface HandlerContext extends CallContext {
  /** null: not signed in, or a role that does not sign in (kiosk, display; admin until issue 9). */
  staff: StaffMember | null;
}

export type MethodHandler<N extends MethodName> = (params: MethodParams<N>, context: HandlerContext) => MethodOutput<N>;
export type Handlers = { [N in MethodName]: MethodHandler<N> };

/**
 * The single entry of the core: parse the envelope, check the method exists, check
 * the caller's role, check that a caller who must sign in has (the method's `signIn`),
 * validate the params, run the handler, validate the result. Whatever happens, it
 * answers with an envelope; it never throws.
 */
export function createDispatcher(handlers: Handlers, logger: Logger, staffOf: (context: CallContext) => StaffMember | null) {
  return function dispatch(raw: unknown, context: CallContext): RpcReply {
    const t = translatorFor(context.language);
    // details.params repeats the message's parameters so a client can render the
    // message itself in whatever language its user has switched to since.
    const fail = (id: RpcReply['id'], code: ErrorCode, params: Record<string, unknown> = {}, details?: object): RpcReply => ({
      id,
      ok: false,
      error: {
        code,
        message: t(`errors.${code}`, code === 'VALIDATION_FAILED' ? withFieldLabels(params, raw, context.language) : params),
        ...(details === undefined && Object.keys(params).length === 0 ? {} : { details: { ...details, params } }),
      },
    });

    const envelope = rpcRequestSchema.safeParse(raw);
    if (!envelope.success) return fail(idOf(raw), 'BAD_REQUEST', {}, { issues: envelope.error.issues });
    const { id, method, params } = envelope.data;

    if (!isMethodName(method)) return fail(id, 'NOT_FOUND', { context: 'method', method });
    const definition = methods[method];
    if (!definition.roles.includes(context.role)) return fail(id, 'FORBIDDEN', { method, role: context.role });
    let staff: StaffMember | null;
    try {
      staff = signsIn(context.role) ? staffOf(context) : null;
    } catch (error) {
      logger.error('sign-in look-up failed', { method, error: error instanceof Error ? error.message : String(error) });
      return fail(id, 'INTERNAL');
    }
    if (definition.signIn && signsIn(context.role) && !staff) return fail(id, 'NOT_SIGNED_IN');

    const input = definition.input.safeParse(params ?? {});
    if (!input.success) {
      // Name the fields; zod's own wording is English-only and stays in details.
      const fields = [
        ...new Set(input.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || '—']))),
      ].join(', ');
      return fail(id, 'VALIDATION_FAILED', { fields }, { issues: input.error.issues });
    }

    try {
      const handler = handlers[method] as (params: unknown, context: HandlerContext) => unknown;
      const value = definition.output.parse(handler(input.data, { ...context, staff }));
      return { id, ok: true, value };
    } catch (error) {
      if (error instanceof HallError) return fail(id, error.code, error.params, error.details);
      logger.error('method failed', { method, error: error instanceof Error ? error.message : String(error) });
      return fail(id, 'INTERNAL');
    }
  };
}

/**
 * A VALIDATION_FAILED message names the fields as the caller reads them: the method's
 * domain labels them in i18n (`fieldLabels.<domain>`, keyed by the contract's path, e.g.
 * `visits` › `problemLocationCode` → 问题属地). details.params keeps the contract's names,
 * which clients branch on; fields a domain does not label stay as named.
 */
function withFieldLabels(params: Record<string, unknown>, raw: unknown, language: Language): Record<string, unknown> {
  const method = typeof raw === 'object' && raw !== null && 'method' in raw ? (raw as { method: unknown }).method : undefined;
  if (typeof params.fields !== 'string' || typeof method !== 'string') return params;
  const allLabels = (i18nResources[language].translation as { fieldLabels?: Record<string, Record<string, string>> }).fieldLabels ?? {};
  const domain = method.split('.')[0]!;
  const labels = Object.hasOwn(allLabels, domain) ? allLabels[domain]! : {};
  // An item of a list is labelled once for all its items: `companions.2.person.idNumber` → `companions.*.person.idNumber`.
  const label = (path: string) => {
    const anyItem = path.replace(/\.\d+(?=\.|$)/g, '.*');
    return Object.hasOwn(labels, path) ? labels[path]! : Object.hasOwn(labels, anyItem) ? labels[anyItem]! : path;
  };
  return { ...params, fields: params.fields.split(', ').map(label).join(', ') };
}

function idOf(raw: unknown): RpcReply['id'] {
  if (typeof raw === 'object' && raw !== null && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id))) return id;
  }
  return null;
}
