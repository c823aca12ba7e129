import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';

const QUICK_REASONS = ['left', 'duplicate', 'wrongService'] as const;

/** Cancelling a ticket always says why: a quick reason or the clerk's own words. */
export function CancelDialog(props: { ticket: Ticket; onCancel: (reason: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('clerk.cancel.title', { number: props.ticket.number })} onClose={props.onClose}>
      <form
        method="dialog"
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) props.onCancel(reason.trim());
        }}
      >
        <div className="quick-reasons">
          {QUICK_REASONS.map((key) => (
            <button key={key} type="button" className="secondary-button" onClick={() => setReason(t(`clerk.cancel.reasons.${key}`))}>
              {t(`clerk.cancel.reasons.${key}`)}
            </button>
          ))}
        </div>
        <label className="field">
          {t('clerk.cancel.reason')}
          <input value={reason} maxLength={200} required onChange={(event) => setReason(event.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={props.onClose}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary-button" disabled={!reason.trim()}>
            {t('clerk.cancel.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
