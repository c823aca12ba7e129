/**
 * The live line under a kiosk field. Meaning never by colour alone: a problem has a
 * warning sign and says what is wrong; a good value has a tick.
 */
export function FieldStatus({ id, tone, text }: { id: string; tone: 'status' | 'ok' | 'problem'; text: string }) {
  return (
    <p id={id} className={`field-${tone}`} aria-live="polite" data-testid={id} data-tone={tone}>
      {tone === 'ok' && <span aria-hidden="true">✓ </span>}
      {tone === 'problem' && <span aria-hidden="true">⚠ </span>}
      {text}
    </p>
  );
}
