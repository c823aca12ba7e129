import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Still there? Back to the start in 12 s": the last seconds before the idle reset,
 * as a modal dialog (focus moves to "continue", so Enter or a touch keeps the visit going).
 * `countdown` words what the reset does where it is not the kiosk's return to the start.
 */
export function IdleWarning({ secondsLeft, onContinue, countdown }: { secondsLeft: number; onContinue: () => void; countdown?: string }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog idle-warning"
      aria-labelledby="idle-title"
      aria-describedby="idle-countdown"
      data-testid="idle-warning"
      // Escape also means "I am still here".
      onCancel={(event) => {
        event.preventDefault();
        onContinue();
      }}
    >
      <h2 id="idle-title">{t('kioskFlow.idle.title')}</h2>
      <p id="idle-countdown" className="idle-countdown">
        {countdown ?? t('kioskFlow.idle.countdown', { count: secondsLeft })}
      </p>
      <button type="button" className="primary-button big-choice" autoFocus onClick={onContinue}>
        {t('kioskFlow.idle.continue')}
      </button>
    </dialog>
  );
}
