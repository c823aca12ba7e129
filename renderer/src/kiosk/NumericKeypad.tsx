import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * A large keypad for numbers: digits, optionally X (the ID check character),
 * backspace and clear. Pressing a key does not take the focus from the field, so a
 * physical keyboard keeps working alongside it.
 */
export function NumericKeypad(props: {
  label: string;
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  /** Show the X key (ID numbers); enabled only where an X may go. */
  withX?: boolean;
  xEnabled?: boolean;
}) {
  const { t } = useTranslation();
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  const common = { type: 'button' as const, onMouseDown: keepFocus };
  const clear = (
    <button {...common} className="keypad-key keypad-word" onClick={props.onClear}>
      {t('kioskFlow.keys.clear')}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label={props.label}>
      {DIGITS.map((digit) => (
        <button key={digit} {...common} className="keypad-key" onClick={() => props.onKey(digit)}>
          {digit}
        </button>
      ))}
      {props.withX ? (
        <button {...common} className="keypad-key" disabled={!props.xEnabled} onClick={() => props.onKey('X')}>
          X
        </button>
      ) : (
        clear
      )}
      <button {...common} className="keypad-key" onClick={() => props.onKey('0')}>
        0
      </button>
      <button {...common} className="keypad-key keypad-word" aria-label={t('kioskFlow.keys.backspace')} onClick={props.onBackspace}>
        ⌫
      </button>
      {props.withX && <div className="keypad-wide">{clear}</div>}
    </div>
  );
}
