import type { z } from 'zod';
import type { Role } from './roles';

export interface MethodDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Roles allowed to call it; the core refuses everyone else with FORBIDDEN. */
  readonly roles: readonly Role[];
  /**
   * A caller in a role that signs in (SIGN_IN_ROLES) must be signed in as a staff
   * member, or gets NOT_SIGNED_IN: true for whatever acts on the queue, reads personal
   * data or changes the hall's configuration. Decided per method, here, so that tests
   * can walk the table.
   */
  readonly signIn: boolean;
  readonly input: I;
  readonly output: O;
  readonly summary: string;
  /**
   * The output can carry a visitor's personal data — a name, an ID or phone number
   * (masked or not), an address, what they came about, their documents. Such a method
   * never lists kiosk or display among its roles (DESIGN.md §6; shared/contract tests
   * walk the table and the output schemas, so the flag cannot be forgotten), unless
   * `exceptFor` names the role with the reason it still cannot read the records.
   */
  readonly personalData?: true | { readonly exceptFor: Partial<Record<'kiosk' | 'display', string>> };
  /**
   * What the audit log records of a successful call, in the same transaction as the
   * call's writes (the dispatcher runs both in one; docs/security.md, "Audit log"). For
   * the configuration an admin changes. Never a password, a token or a visitor's
   * personal data in it. Methods that record their own rows (sign-in, unmasking,
   * pairing …) do not declare one.
   */
  readonly audit?: AuditDeclaration<z.output<I>, z.output<O>>;
}

/** One audit row of a successful call: the actor is the signed-in staff member. */
export interface AuditDeclaration<P, V> {
  /** What was done; default the method's name. */
  action?(params: P, value: V): string;
  /** Whom or what it was done to: `service:<id>`, `hall:queueRules` … */
  subject(params: P, value: V): string;
  /** What changed: the fields and their new values (counts for an import, never the file). */
  details(params: P, value: V): Record<string, unknown>;
}

export interface EventDefinition<D extends z.ZodType = z.ZodType> {
  /** Roles whose sessions receive the event. */
  readonly audience: readonly Role[];
  readonly data: D;
  readonly summary: string;
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(
  definition: MethodDefinition<I, O>,
): MethodDefinition<I, O> {
  return definition;
}

export function defineEvent<D extends z.ZodType>(definition: EventDefinition<D>): EventDefinition<D> {
  return definition;
}
