import {
  HallError,
  isMethodName,
  methods,
  rpcRequestSchema,
  signsIn,
  staffMayActAs,
  type AuditDeclaration,
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

/**
 * How many of zod's issues (and fields named in the message) a VALIDATION_FAILED reply
 * carries. Otherwise 100,000 bad items get 100,000 issues back: the contract fuzzer saw a
 * 4 MB request answered with 333 MB, built in 30 s while the host served no one else.
 */
export const MAX_REPORTED_ISSUES = 20;

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
  /** null: not signed in, or a role that does not sign in (kiosk, display). */
  staff: StaffMember | null;
}

/**
 * Where the dispatcher writes the audit row a method declares (`audit` in the contract).
 * `inTransaction` runs the handler and the row in one write transaction — the handler's
 * own transactions nest in it as savepoints — so neither is written without the other.
 */
export interface AuditTrail {
  inTransaction<T>(work: () => T): T;
  append(entry: { actorId: string | null; action: string; subject: string; details: Record<string, unknown> }): void;
}

export type MethodHandler<N extends MethodName> = (params: MethodParams<N>, context: HandlerContext) => MethodOutput<N>;
export type Handlers = { [N in MethodName]: MethodHandler<N> };

/**
 * The single entry of the core: parse the envelope, check the method exists, check
 * the caller's role, check that a caller who must sign in has (the method's `signIn`) —
 * on the admin page as an administrator — validate the params, run the handler,
 * validate the result, and record it in the audit log when the method declares so.
 * Whatever happens, it answers with an envelope; it never throws.
 */
export function createDispatcher(
  handlers: Handlers,
  logger: Logger,
  staffOf: (context: CallContext) => StaffMember | null,
  auditTrail?: AuditTrail,
) {
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
    // A clerk's account on the admin page (auth.signIn refuses it there; this is the backstop).
    if (definition.signIn && staff && !staffMayActAs(context.role, staff.role)) return fail(id, 'FORBIDDEN', { context: 'adminOnly' });

    const input = definition.input.safeParse(params ?? {});
    if (!input.success) {
      // Name the fields; zod's own wording is English-only and stays in details.
      const issues = input.error.issues.slice(0, MAX_REPORTED_ISSUES);
      const fields = [...new Set(issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || '—'])))]
        .slice(0, MAX_REPORTED_ISSUES)
        .join(', ');
      return fail(id, 'VALIDATION_FAILED', { fields }, { issues });
    }

    try {
      const handler = handlers[method] as (params: unknown, context: HandlerContext) => unknown;
      const run = () => definition.output.parse(handler(input.data, { ...context, staff }));
      const audit = definition.audit as AuditDeclaration<unknown, unknown> | undefined;
      if (!audit || !auditTrail) return { id, ok: true, value: run() };
      const value = auditTrail.inTransaction(() => {
        const result = run();
        auditTrail.append({
          actorId: staff?.id ?? null,
          action: audit.action?.(input.data, result) ?? method,
          subject: audit.subject(input.data, result),
          details: audit.details(input.data, result),
        });
        return result;
      });
      return { id, ok: true, value };
    } catch (error) {
      if (error instanceof HallError) return fail(id, error.code, error.params, error.details);
      // A write to a case the retention job has anonymised, refused by the database's own triggers (migration 0016).
      if (error instanceof Error && error.message === 'case_anonymised') return fail(id, 'CONFLICT', { context: 'case_anonymised' });
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

/**
 * The id of a refused envelope, echoed only when the envelope's own rule takes it: an id of
 * 1e300 or of a megabyte of text would give a reply that is itself no valid envelope (and,
 * for the text, a megabyte sent back). Otherwise null, as for no id at all.
 */
function idOf(raw: unknown): RpcReply['id'] {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const id = rpcRequestSchema.shape.id.safeParse((raw as { id: unknown }).id);
  return id.success ? id.data : null;
}
