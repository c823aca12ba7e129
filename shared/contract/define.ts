import type { z } from 'zod';
import type { Role } from './roles';

export interface MethodDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Roles allowed to call it; the core refuses everyone else with FORBIDDEN. */
  readonly roles: readonly Role[];
  /**
   * A caller in a role that signs in (SIGN_IN_ROLES) must be signed in as a staff
   * member, or gets NOT_SIGNED_IN: true for whatever acts on the queue or reads
   * personal data. Decided per method, here, so that tests can walk the table.
   */
  readonly signIn: boolean;
  readonly input: I;
  readonly output: O;
  readonly summary: string;
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
