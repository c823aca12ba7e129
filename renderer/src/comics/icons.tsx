/** Small icons of the comics' buttons, drawn here (no emoji font is needed on a kiosk). */
export function SpeakerIcon() {
  return (
    <svg className="comic-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function BookIcon() {
  return (
    <svg className="comic-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 5.5C6 4.5 9 4.8 12 6.5v13c-3-1.7-6-2-9-1z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M21 5.5c-3-1-6-.7-9 1v13c3-1.7 6-2 9-1z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}
