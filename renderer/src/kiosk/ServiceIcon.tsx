/**
 * Simple line icons drawn here (the kiosk loads no images). The demo hall's five
 * services have their own; any other service gets the generic document.
 */
const ICON_PATHS: Record<string, string> = {
  // A 投诉建议: a speech bubble with lines of text.
  A: 'M4 5h16v11H10l-5 4v-4H4z M8 9h8 M8 12h5',
  // B 纠纷调解: two speech bubbles facing each other.
  B: 'M3 4h10v7H7l-3 3v-3H3z M11 13h10v7h-1v3l-3-3h-6z',
  // C 法律服务: scales.
  C: 'M12 3v17 M7 20h10 M4 7h16 M4 7l-2.5 6h5z M20 7l-2.5 6h5z',
  // D 心理服务: a heart.
  D: 'M12 20s-8-4.8-8-10.5A4.3 4.3 0 0 1 12 7a4.3 4.3 0 0 1 8 2.5C20 15.2 12 20 12 20z',
  // E 帮扶救助: a lifebuoy.
  E: 'M12 3a9 9 0 1 0 0.01 0z M12 8a4 4 0 1 0 0.01 0z M5.6 5.6l3.6 3.6 M18.4 5.6l-3.6 3.6 M5.6 18.4l3.6-3.6 M18.4 18.4l-3.6-3.6',
};
const GENERIC = 'M6 3h8l4 4v14H6z M14 3v4h4 M9 12h6 M9 16h6';
/** "Not sure / ask": a question mark in a circle. */
const QUESTION = 'M12 3a9 9 0 1 0 0.01 0z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5 M12 17.5v.5';

export function ServiceIcon({ letter, question = false }: { letter?: string; question?: boolean }) {
  const path = question ? QUESTION : (letter && ICON_PATHS[letter]) || GENERIC;
  return (
    <svg className="service-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
