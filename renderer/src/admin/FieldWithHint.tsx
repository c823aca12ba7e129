import { useId, type ReactElement } from 'react';

/**
 * A labelled field with a hint under it that screen readers read as its description
 * (aria-describedby), not as part of its name. `children` gets the hint's id for its control.
 */
export function FieldWithHint(props: { label: string; hint: string; children: (hintId: string) => ReactElement }) {
  const hintId = `${useId()}-hint`;
  return (
    <div className="field-with-hint">
      <label className="field">
        {props.label}
        {props.children(hintId)}
      </label>
      <p id={hintId} className="muted field-hint">
        {props.hint}
      </p>
    </div>
  );
}
