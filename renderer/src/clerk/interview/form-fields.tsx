import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldPath } from './interview-draft';

/** The element id of a field of the interview form (`companions.1.person.name` → `interview-companions-1-person-name`). */
export function fieldId(path: FieldPath): string {
  return `interview-${path.replace(/\./g, '-')}`;
}

/** Moves the focus to a field (its control, or the first control inside it), which also scrolls it into view. */
export function focusField(path: FieldPath): void {
  const element = document.getElementById(fieldId(path));
  if (!element) return;
  const control = element.matches('input, select, textarea, button')
    ? element
    : (element.querySelector<HTMLElement>('input:not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled)') ?? element);
  control.focus();
}

/**
 * What one field's control needs to be told: its id, whether it is required, and the
 * message it is described by when there is one. `onBlur` marks the field as finished,
 * after which its problems are shown even before a save is tried.
 */
export interface FieldState {
  message: string | null;
  onFinished: (path: FieldPath) => void;
}

export function controlProps(path: FieldPath, state: FieldState, required = false) {
  const id = fieldId(path);
  return {
    id,
    'aria-required': required || undefined,
    'aria-invalid': state.message ? true : undefined,
    'aria-describedby': state.message ? `${id}-message` : undefined,
    onBlur: () => state.onFinished(path),
  };
}

/** "Required", for the eye (an asterisk) and in words for a screen reader. */
export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <>
      <span className="required-mark" aria-hidden="true">
        {' *'}
      </span>
      <span className="visually-hidden">{t('clerk.interview.requiredMark')}</span>
    </>
  );
}

/** A problem of one field, in words, under it (the ⚠ says it is one, not the colour). */
export function FieldMessage({ path, message }: { path: FieldPath; message: string | null }) {
  if (!message) return null;
  return (
    <p id={`${fieldId(path)}-message`} className="field-message" data-testid={`message-${path}`}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** A labelled field: the label, the control (children), an optional hint and its message. */
export function Field(props: { path: FieldPath; label: string; required?: boolean; message: string | null; hint?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={`interview-field ${props.className ?? ''}`} data-field={props.path}>
      <label htmlFor={fieldId(props.path)}>
        {props.label}
        {props.required && <RequiredMark />}
      </label>
      {props.children}
      {props.hint && <p className="field-hint muted">{props.hint}</p>}
      <FieldMessage path={props.path} message={props.message} />
    </div>
  );
}

/** A required yes / no question as two radio buttons, unanswered until the clerk chooses. */
export function YesNoField(props: {
  path: FieldPath;
  label: string;
  value: 'yes' | 'no' | null;
  onChange: (value: 'yes' | 'no') => void;
  message: string | null;
  hint?: ReactNode;
  onFinished: (path: FieldPath) => void;
}) {
  const { t } = useTranslation();
  const id = fieldId(props.path);
  return (
    <fieldset className="interview-field interview-choices" data-field={props.path} aria-describedby={props.message ? `${id}-message` : undefined}>
      <legend>
        {props.label}
        <RequiredMark />
      </legend>
      <div className="choice-options">
        {(['yes', 'no'] as const).map((option, index) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name={id}
              id={index === 0 ? id : undefined}
              checked={props.value === option}
              aria-invalid={props.message ? true : undefined}
              onChange={() => props.onChange(option)}
              onBlur={() => props.onFinished(props.path)}
            />
            {t(`clerk.interview.${option}`)}
          </label>
        ))}
      </div>
      {props.hint && <p className="field-hint muted">{props.hint}</p>}
      <FieldMessage path={props.path} message={props.message} />
    </fieldset>
  );
}
