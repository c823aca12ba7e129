import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/FormDialog';
import { useHall } from '../../hall-context';

const QUICK_REASONS = ['verify', 'contact', 'document'] as const;

/**
 * Showing a visitor's full ID and phone number takes a reason, which the hall writes to
 * its audit log with who asked and when (visitors.unmask). The numbers go back to the
 * panel that asked, never into the form or a log.
 */
export function UnmaskDialog(props: { visitorId: string; name: string; onUnmasked: (numbers: { idNumber: string; phone: string | null }) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const [reason, setReason] = useState('');

  return (
    <FormDialog
      title={t('clerk.interview.unmask.title', { name: props.name })}
      onClose={props.onClose}
      submit={async () => props.onUnmasked(await client.call('visitors.unmask', { visitorId: props.visitorId, reason: reason.trim() }))}
      submitLabel={t('clerk.interview.unmask.confirm')}
      canSubmit={reason.trim().length >= 2}
    >
      <p className="muted">{t('clerk.interview.unmask.audit')}</p>
      <div className="quick-reasons">
        {QUICK_REASONS.map((key) => (
          <button key={key} type="button" className="secondary-button" onClick={() => setReason(t(`clerk.interview.unmask.reasons.${key}`))}>
            {t(`clerk.interview.unmask.reasons.${key}`)}
          </button>
        ))}
      </div>
      <label className="field">
        {t('clerk.interview.unmask.reason')}
        <input name="reason" value={reason} minLength={2} maxLength={200} required onChange={(event) => setReason(event.target.value)} />
      </label>
    </FormDialog>
  );
}
