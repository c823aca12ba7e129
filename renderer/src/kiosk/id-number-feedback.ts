import { checkIdNumber, type IdCheck, type IdProblem } from '../../../shared/domain/resident-id';

/**
 * What the identity step says about an ID number as it is being typed: while it is
 * still incomplete, only how far along it is; once complete (or when the visitor
 * asks to go on), the specific thing that is wrong, or that it is fine.
 */
export type IdFeedback =
  | { state: 'empty' }
  | { state: 'typing'; typed: number }
  /** 15 digits that form a valid legacy number, though 3 more would make an 18-digit one. */
  | { state: 'legacy'; check: Extract<IdCheck, { ok: true }> }
  | { state: 'valid'; check: Extract<IdCheck, { ok: true }> }
  | { state: 'problem'; problem: IdProblem; typed: number; birthDigits: string };

export function normalizeIdInput(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** `submitted`: the visitor pressed "continue", so an incomplete number is now an error. */
export function idFeedback(raw: string, today: string, submitted: boolean): IdFeedback {
  const id = normalizeIdInput(raw);
  if (id.length === 0) return submitted ? problem(id, 'length') : { state: 'empty' };
  const check = checkIdNumber(id, today);
  if (check.ok) return id.length === 15 && !submitted ? { state: 'legacy', check } : { state: 'valid', check };
  const complete = id.length >= 18;
  if (!complete && !submitted) return { state: 'typing', typed: id.length };
  return problem(id, check.problem);
}

function problem(id: string, which: IdProblem): IdFeedback {
  const birthDigits = id.length === 15 ? `19${id.slice(6, 12)}` : id.slice(6, 14);
  return { state: 'problem', problem: which, typed: id.length, birthDigits };
}
