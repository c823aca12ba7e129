import { HallClientError } from '../../../shared/contract';

/**
 * The fields of a form a refusal is about, to say it next to them: a handler's own
 * refusal names its field in details.field (CONFLICT siteCode …); the contract's
 * VALIDATION_FAILED names the paths it refused (details.params.fields: `name.en, siteCode`),
 * of which the first part is the form's field. Empty: the refusal is about no one field.
 */
export function refusedFields(error: unknown): string[] {
  if (!(error instanceof HallClientError)) return [];
  const details = (error.details ?? {}) as { field?: unknown; params?: { fields?: unknown } };
  if (typeof details.field === 'string') return [details.field];
  const fields = details.params?.fields;
  if (error.code !== 'VALIDATION_FAILED' || typeof fields !== 'string') return [];
  return [...new Set(fields.split(', ').map((path) => path.split('.')[0]!))];
}
