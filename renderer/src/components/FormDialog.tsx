import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hall-context';
import { Dialog } from './Dialog';

/** A problem the page finds itself before sending (e.g. two passwords that differ), already in words. */
export class FormProblem extends Error {}

/**
 * A dialog with a form: the fields, Back and a submit button that is disabled while
 * saving, and the refusal shown above the fields — the hall's error in the user's
 * language, or a FormProblem's text. `submit` resolves when done (the caller closes).
 */
export function FormDialog(props: {
  title: string;
  onClose: () => void;
  submit: () => Promise<unknown>;
  submitLabel?: string;
  canSubmit?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await props.submit();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {error !== null && (
          <div className="banner banner-error" role="alert">
            {error instanceof FormProblem ? error.message : errorText(error)}
          </div>
        )}
        {props.children}
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={props.onClose}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary-button" disabled={saving || props.canSubmit === false}>
            {props.submitLabel ?? t('admin.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
