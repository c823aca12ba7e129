/** How far a finger must travel sideways (px), mostly sideways, to turn the page. */
export const SWIPE_MIN_PX = 50;

export type Gesture = 'next' | 'previous' | 'tap' | null;

/**
 * What a pointer going down at `start` and up at `end` means: a swipe to the left turns
 * to the next panel, to the right back to the previous one; a short move is a tap;
 * anything else (a scroll, a diagonal) nothing.
 */
export function gestureOf(start: { x: number; y: number }, end: { x: number; y: number }): Gesture {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  if (Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) return dx < 0 ? 'next' : 'previous';
  if (Math.abs(dx) < 12 && Math.abs(dy) < 12) return 'tap';
  return null;
}
