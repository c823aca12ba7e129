import { HallClientError } from '../../../shared/contract';

/**
 * A VALIDATION_FAILED refusal with its fields named as the form names them (the hall's
 * details keep the contract's names: `address` → 地址). Other errors are returned as they are.
 */
export function withFieldLabels(error: unknown, labelOf: (field: string) => string, separator: string): unknown {
  if (!(error instanceof HallClientError) || error.code !== 'VALIDATION_FAILED') return error;
  const details = (error.details ?? {}) as { params?: Record<string, unknown> };
  const fields = details.params?.fields;
  if (typeof fields !== 'string') return error;
  const labelled = fields.split(', ').map(labelOf).join(separator);
  return new HallClientError(error.code, error.message, { ...details, params: { ...details.params, fields: labelled } });
}
