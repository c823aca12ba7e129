/** Each level's mouth: a wide smile at 5 down to a deep frown at 1 (a quadratic curve's control point). */
const MOUTHS: Record<number, { y: number; control: number }> = {
  5: { y: 38, control: 56 },
  4: { y: 40, control: 50 },
  3: { y: 43, control: 43 },
  2: { y: 46, control: 38 },
  1: { y: 48, control: 32 },
};

/** Light tints only: the words beside the face carry the meaning, never the colour. */
const TINTS: Record<number, string> = { 5: '#c8e6c9', 4: '#e1f0c8', 3: '#fff1bf', 2: '#ffe0b2', 1: '#ffcdd2' };

/** A simple face for a level of the five-level scale (5 非常满意 … 1 非常不满意); decorative. */
export function SatisfactionFace({ level }: { level: number }) {
  const mouth = MOUTHS[level] ?? MOUTHS[3]!;
  return (
    <svg className="rate-face" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="29" fill={TINTS[level] ?? '#ffffff'} stroke="#1a1a1a" strokeWidth="3" />
      <circle cx="22" cy="25" r="3.5" fill="#1a1a1a" />
      <circle cx="42" cy="25" r="3.5" fill="#1a1a1a" />
      {level === 1 && <path d="M15 17 L27 21 M49 17 L37 21" stroke="#1a1a1a" strokeWidth="3" strokeLinecap="round" />}
      <path d={`M19 ${mouth.y} Q32 ${mouth.control} 45 ${mouth.y}`} fill="none" stroke="#1a1a1a" strokeWidth="3.5" strokeLinecap="round" />
    </svg>
  );
}
