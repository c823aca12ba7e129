import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Keys for a case number, `<site>-<yyyymmdd>-<seq>`: the site's prefix in one press,
 * the letters of the site code, digits and the dash. Like NumericKeypad, a key press
 * keeps the focus in the field, so a physical keyboard works alongside.
 */
export function CaseNumberKeypad(props: { siteCode: string; onKey: (key: string) => void; onBackspace: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  const common = { type: 'button' as const, onMouseDown: keepFocus };
  const prefix = `${props.siteCode}-`;
  // Each letter of the site code once, in its order (official numbers may need them too).
  const letters = [...new Set(props.siteCode.toUpperCase().replace(/[^A-Z]/g, ''))];
  return (
    <div className="case-keypad" role="group" aria-label={t('kioskFlow.caseStatus.keyboard')}>
      {props.siteCode && (
        <button {...common} className="keypad-key case-prefix" aria-label={t('kioskFlow.caseStatus.sitePrefix', { prefix })} onClick={() => props.onKey(prefix)}>
          {prefix}
        </button>
      )}
      {letters.length > 0 && (
        <div className="case-letters">
          {letters.map((letter) => (
            <button key={letter} {...common} className="keypad-key" onClick={() => props.onKey(letter)}>
              {letter}
            </button>
          ))}
        </div>
      )}
      <div className="keypad">
        {DIGITS.map((digit) => (
          <button key={digit} {...common} className="keypad-key" onClick={() => props.onKey(digit)}>
            {digit}
          </button>
        ))}
        <button {...common} className="keypad-key" onClick={() => props.onKey('-')}>
          -
        </button>
        <button {...common} className="keypad-key" onClick={() => props.onKey('0')}>
          0
        </button>
        <button {...common} className="keypad-key keypad-word" aria-label={t('kioskFlow.keys.backspace')} onClick={props.onBackspace}>
          ⌫
        </button>
        <div className="keypad-wide">
          <button {...common} className="keypad-key keypad-word" onClick={props.onClear}>
            {t('kioskFlow.keys.clear')}
          </button>
        </div>
      </div>
    </div>
  );
}
