/**
 * The p-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value
 * such that at least p% of the values are at or below it, i.e. the
 * ⌈p/100 · n⌉-th smallest (1-based). No interpolation: it is always a measured value.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  // p·n/100 computed from the integer product keeps 95% of 100 at exactly 95; the
  // epsilon absorbs representation error for fractional p (99.9% of 1000).
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100 - 1e-9));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
