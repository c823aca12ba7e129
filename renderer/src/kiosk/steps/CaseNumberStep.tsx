import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseNumberKeypad } from '../CaseNumberKeypad';
import { FieldStatus } from '../FieldStatus';
import { useKioskFlow } from '../flow-context';
import { CASE_NUMBER_MAX_LENGTH, caseNumberComplete } from '../kiosk-flow';
import { StepLayout } from '../StepLayout';

/** Case numbers are letters, digits and dashes; typed upper-case whatever the keyboard sends. */
function cleanCaseNumber(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9-]/g, '').slice(0, CASE_NUMBER_MAX_LENGTH);
}

/** The case-status look-up, first step: the case number from the receipt. */
export function CaseNumberStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const [submitted, setSubmitted] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const caseNumber = flow.state.caseLookup.caseNumber;
  const siteCode = flow.info.siteCode;
  const example = `${siteCode}-${flow.today.replaceAll('-', '')}-001`;

  useEffect(() => field.current?.focus(), []);

  const setCaseNumber = (next: string) => {
    setSubmitted(false);
    flow.updateCaseLookup({ caseNumber: cleanCaseNumber(next) });
  };
  const goOn = () => {
    if (caseNumberComplete(caseNumber)) flow.goTo('casePhone');
    else setSubmitted(true);
  };
  const status = caseNumberComplete(caseNumber)
    ? { tone: 'ok' as const, text: t('kioskFlow.caseStatus.numberTyped', { caseNumber }) }
    : submitted
      ? { tone: 'problem' as const, text: t('kioskFlow.caseStatus.numberMissing') }
      : { tone: 'status' as const, text: t('kioskFlow.caseStatus.numberEmpty') };

  return (
    <StepLayout title={t('kioskFlow.caseStatus.numberTitle')} onNext={goOn} focusHeading={false} testId="step-case-number">
      <div className="entry-step">
        <div className="entry-field-column">
          <label htmlFor="case-number" className="entry-label">
            {t('kioskFlow.caseStatus.numberLabel')}
          </label>
          <input
            id="case-number"
            ref={field}
            className="entry-field case-number-field"
            value={caseNumber}
            onChange={(event) => setCaseNumber(event.target.value)}
            inputMode="none"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby="case-number-status case-number-hint"
            aria-invalid={status.tone === 'problem'}
          />
          <FieldStatus id="case-number-status" tone={status.tone} text={status.text} />
          <p id="case-number-hint" className="muted entry-hint">
            {t('kioskFlow.caseStatus.numberHint', { example })}
          </p>
        </div>
        <CaseNumberKeypad
          siteCode={siteCode}
          onKey={(key) => setCaseNumber(caseNumber + key)}
          onBackspace={() => setCaseNumber(caseNumber.slice(0, -1))}
          onClear={() => setCaseNumber('')}
        />
      </div>
    </StepLayout>
  );
}
