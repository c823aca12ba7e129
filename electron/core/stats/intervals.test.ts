import { describe, expect, it } from 'vitest';
import { intersect, subtract, total, union } from './intervals';

describe('intervals', () => {
  it('unions overlapping and touching intervals', () => {
    expect(union([[5, 7], [1, 3], [2, 4], [7, 8], [10, 10]])).toEqual([[1, 4], [5, 8]]);
  });
  it('intersects', () => {
    expect(intersect([[0, 10], [20, 30]], [[5, 25]])).toEqual([[5, 10], [20, 25]]);
  });
  it('subtracts', () => {
    expect(subtract([[0, 10]], [[2, 3], [5, 7], [9, 12]])).toEqual([[0, 2], [3, 5], [7, 9]]);
    expect(total(subtract([[0, 10]], [[-5, 20]]))).toBe(0);
  });
});
