import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hall-context';

/**
 * A settings section of the admin page: its heading, the fields, a Save button and
 * what the save came to (saved, or the hall's refusal in the user's language).
 */
export function SettingsForm(props: { id: string; title: string; save: () => Promise<unknown>; children: ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section aria-labelledby={props.id} className="admin-section">
      <h2 id={props.id}>{props.title}</h2>
      <form
        className="rules-form"
        onSubmit={(event) => {
          event.preventDefault();
          props.save().then(
            () => setMessage({ ok: true, text: t('admin.saved') }),
            (failure: unknown) => setMessage({ ok: false, text: errorText(failure) }),
          );
        }}
      >
        {props.children}
        <div>
          <button type="submit" className="primary-button">
            {t('admin.save')}
          </button>
          {message && (
            <p role="status" className={message.ok ? 'muted' : 'banner banner-error'}>
              {message.text}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
