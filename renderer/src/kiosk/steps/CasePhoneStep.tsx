import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldStatus } from '../FieldStatus';
import { useKioskFlow } from '../flow-context';
import { PHONE_LAST4_LENGTH, phoneLast4Complete } from '../kiosk-flow';
import { NumericKeypad } from '../NumericKeypad';
import { StepLayout } from '../StepLayout';

/** The case-status look-up, second step: the last four digits of the phone on record, then "check". */
export function CasePhoneStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const [submitted, setSubmitted] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const digits = flow.state.caseLookup.phoneLast4;
  const submitting = flow.state.submitting;

  useEffect(() => field.current?.focus(), []);

  const setDigits = (next: string) => {
    setSubmitted(false);
    flow.updateCaseLookup({ phoneLast4: next.replace(/\D/g, '').slice(0, PHONE_LAST4_LENGTH) });
  };
  const check = () => {
    if (phoneLast4Complete(digits)) flow.checkCase();
    else setSubmitted(true);
  };
  const status = phoneLast4Complete(digits)
    ? { tone: 'ok' as const, text: t('kioskFlow.caseStatus.phoneReady') }
    : submitted
      ? { tone: 'problem' as const, text: t('kioskFlow.caseStatus.phoneMissing') }
      : { tone: 'status' as const, text: digits.length === 0 ? t('kioskFlow.caseStatus.phoneEmpty') : t('kioskFlow.caseStatus.phoneTyped', { count: digits.length }) };

  return (
    <StepLayout
      title={t('kioskFlow.caseStatus.phoneTitle')}
      onNext={check}
      nextLabel={submitting ? t('kioskFlow.caseStatus.checking') : t('kioskFlow.caseStatus.check')}
      nextDisabled={submitting}
      focusHeading={false}
      testId="step-case-phone"
    >
      <div className="entry-step">
        <div className="entry-field-column">
          <p className="case-number-echo">
            {t('kioskFlow.caseStatus.numberLabel')}: <strong>{flow.state.caseLookup.caseNumber}</strong>
          </p>
          <label htmlFor="case-phone-last4" className="entry-label">
            {t('kioskFlow.caseStatus.phoneLabel')}
          </label>
          <input
            id="case-phone-last4"
            ref={field}
            className="entry-field"
            value={digits}
            onChange={(event) => setDigits(event.target.value)}
            inputMode="none"
            autoComplete="off"
            aria-describedby="case-phone-status"
            aria-invalid={status.tone === 'problem'}
          />
          <FieldStatus id="case-phone-status" tone={status.tone} text={status.text} />
          <p className="muted entry-hint">{t('kioskFlow.caseStatus.phoneWhy')}</p>
        </div>
        <NumericKeypad
          label={t('kioskFlow.keys.keypad')}
          onKey={(key) => setDigits(digits + key)}
          onBackspace={() => setDigits(digits.slice(0, -1))}
          onClear={() => setDigits('')}
        />
      </div>
    </StepLayout>
  );
}
