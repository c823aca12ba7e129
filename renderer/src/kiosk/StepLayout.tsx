import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hall-context';
import { useKioskFlow } from './flow-context';

/**
 * One step of the kiosk: its question as the heading, the step's content, and the
 * same three ways on at the bottom of every step — Back, Start over, and the step's
 * main action. Enter anywhere but on a button does the main action.
 */
export function StepLayout(props: {
  title: string;
  children: ReactNode;
  /** The main action's label (default "Continue"); omitted when the step's choices move on themselves. */
  nextLabel?: string;
  onNext?: () => void;
  nextDisabled?: boolean;
  /** Focus the heading when the step opens (steps with a field focus the field instead). */
  focusHeading?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const errorText = useErrorText();
  const heading = useRef<HTMLHeadingElement>(null);
  const { focusHeading = true, onNext } = props;

  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);

  const enterToContinue = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || !onNext || props.nextDisabled || target.closest('button, a')) return;
    event.preventDefault();
    onNext();
  };

  return (
    // The section only listens for Enter bubbling up from its fields; it is not itself interactive.
    <section className="kiosk-step" aria-labelledby="step-title" data-testid={props.testId} onKeyDown={enterToContinue}>
      {flow.progress && (
        <p className="step-progress">{t('kioskFlow.progress', { current: flow.progress.current, total: flow.progress.total })}</p>
      )}
      <h2 id="step-title" ref={heading} tabIndex={-1}>
        {props.title}
      </h2>
      {flow.state.error !== null && (
        <div className="banner banner-error kiosk-error" role="alert" data-testid="server-error">
          {errorText(flow.state.error)}
        </div>
      )}
      <div className="step-body">{props.children}</div>
      <nav className="step-nav" aria-label={t('kioskFlow.nav.label')}>
        <button type="button" className="secondary-button nav-button" onClick={flow.back}>
          <span aria-hidden="true">← </span>
          {t('common.back')}
        </button>
        <button type="button" className="secondary-button nav-button" onClick={flow.startOver}>
          <span aria-hidden="true">⟲ </span>
          {t('kioskFlow.nav.startOver')}
        </button>
        {onNext && (
          <button type="button" className="primary-button nav-button nav-next" disabled={props.nextDisabled} onClick={onNext}>
            {props.nextLabel ?? t('kioskFlow.nav.continue')}
            <span aria-hidden="true"> →</span>
          </button>
        )}
      </nav>
    </section>
  );
}
