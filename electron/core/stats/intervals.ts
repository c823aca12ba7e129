/** Half-open time intervals [from, to) in epoch ms, for "how long was X while Y". */
export type Interval = readonly [number, number];

/** Sorted, non-overlapping union. */
export function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([from, to]) => to > from).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Intersection of two unions. */
export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const left = union(a);
  const right = union(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const from = Math.max(left[i]![0], right[j]![0]);
    const to = Math.min(left[i]![1], right[j]![1]);
    if (to > from) result.push([from, to]);
    if (left[i]![1] < right[j]![1]) i++;
    else j++;
  }
  return result;
}

/** The parts of `within` not covered by `remove`. */
export function subtract(within: Interval[], remove: Interval[]): Interval[] {
  const result: Interval[] = [];
  const cuts = union(remove);
  for (const [from, to] of union(within)) {
    let start = from;
    for (const [cutFrom, cutTo] of cuts) {
      if (cutTo <= start || cutFrom >= to) continue;
      if (cutFrom > start) result.push([start, cutFrom]);
      start = Math.max(start, cutTo);
    }
    if (start < to) result.push([start, to]);
  }
  return result;
}

export function total(intervals: Interval[]): number {
  return union(intervals).reduce((sum, [from, to]) => sum + (to - from), 0);
}
