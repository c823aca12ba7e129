import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPRESENTATIVES } from '../../../../shared/domain/kiosk-settings';
import { FieldStatus } from '../FieldStatus';
import { useKioskFlow } from '../flow-context';
import { MAX_PARTY_SIZE, stepComplete } from '../kiosk-flow';
import { StepLayout } from '../StepLayout';

const REPRESENTATIVE_CHOICES = Array.from({ length: MAX_REPRESENTATIVES }, (_, i) => i + 1);

/** How many came together; a group of more than five elects at most five representatives (art. 20). */
export function PartyStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const [submitted, setSubmitted] = useState(false);
  const { partySize, representatives } = flow.form;
  const group = partySize > MAX_REPRESENTATIVES;
  const missingRepresentatives = group && representatives === null;

  const setPartySize = (size: number) => {
    const next = Math.min(MAX_PARTY_SIZE, Math.max(1, size));
    flow.update({ partySize: next, representatives: next > MAX_REPRESENTATIVES ? representatives : null });
  };
  const goOn = () => {
    if (stepComplete('party', flow.form, flow.today)) flow.next();
    else setSubmitted(true);
  };

  return (
    <StepLayout title={t('kioskFlow.party.title')} onNext={goOn} testId="step-party">
      <div className="stepper" role="group" aria-labelledby="party-size-label">
        <span id="party-size-label" className="visually-hidden">
          {t('kioskFlow.party.label')}
        </span>
        <button type="button" className="stepper-button" aria-label={t('kioskFlow.party.fewer')} disabled={partySize <= 1} onClick={() => setPartySize(partySize - 1)}>
          −
        </button>
        <output className="stepper-value" aria-live="polite" data-testid="party-size">
          {t('kioskFlow.party.people', { count: partySize })}
        </output>
        <button
          type="button"
          className="stepper-button"
          aria-label={t('kioskFlow.party.more')}
          disabled={partySize >= MAX_PARTY_SIZE}
          onClick={() => setPartySize(partySize + 1)}
        >
          +
        </button>
      </div>
      <p className="muted step-note">
        {t('kioskFlow.party.note')} {partySize === 1 && t('kioskFlow.party.alone')}
      </p>

      {group && (
        <fieldset className="representatives" aria-describedby="representatives-rule">
          <legend>{t('kioskFlow.party.representativesQuestion')}</legend>
          <p id="representatives-rule" className="rule-quote">
            {t('kioskFlow.party.rule')}
          </p>
          <div className="choice-row">
            {REPRESENTATIVE_CHOICES.map((count) => (
              <label key={count} className="choice-card choice-small">
                <input
                  type="radio"
                  name="representatives"
                  checked={representatives === count}
                  onChange={() => {
                    setSubmitted(false);
                    flow.update({ representatives: count });
                  }}
                />
                <span>{t('kioskFlow.party.people', { count })}</span>
              </label>
            ))}
          </div>
          {submitted && missingRepresentatives && <FieldStatus id="representatives-status" tone="problem" text={t('kioskFlow.party.representativesMissing')} />}
        </fieldset>
      )}
    </StepLayout>
  );
}
