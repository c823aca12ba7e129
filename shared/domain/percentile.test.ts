import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('percentile (nearest rank)', () => {
  it('takes the ⌈p·n/100⌉-th smallest value, not the one after it', () => {
    expect(percentile(oneTo(100), 95)).toBe(95); // index 95 would give 96
    expect(percentile(oneTo(20), 95)).toBe(19); // rank exactly 19: not 20
    expect(percentile(oneTo(10), 90)).toBe(9);
  });

  it('rounds a fractional rank up, not down', () => {
    expect(percentile(oneTo(10), 95)).toBe(10); // rank 9.5 → 10, not 9
    expect(percentile(oneTo(200), 99.5)).toBe(199);
    expect(percentile(oneTo(10), 91)).toBe(10); // rank 9.1 → 10: not rounded to nearest
    expect(percentile(oneTo(1000), 16.1)).toBe(161); // 16.1·1000/100 is 161.00000000000003 in floating point
  });

  it('returns a measured value, never an interpolated one', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2); // an interpolating median would give 2.5
    expect(percentile([10, 20], 75)).toBe(20);
  });

  it('sorts numerically without touching the input', () => {
    const values = [20, 100, 1, 5, 3];
    expect(percentile(values, 80)).toBe(20); // unsorted, or sorted as strings, index 3 would be 5 or 3
    expect(values).toEqual([20, 100, 1, 5, 3]);
  });

  it('handles the ends', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile(oneTo(10), 100)).toBe(10);
    expect(percentile(oneTo(10), 0)).toBe(1);
    expect(percentile(oneTo(10), 1)).toBe(1);
    expect(() => percentile([], 95)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });
});
