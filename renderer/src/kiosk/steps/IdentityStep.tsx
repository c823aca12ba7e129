import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText, useHall } from '../../hall-context';
import { useKioskFlow } from '../flow-context';
import { idFeedback, normalizeIdInput, type IdFeedback } from '../id-number-feedback';
import { ID_NUMBER_MAX_LENGTH, stepComplete } from '../kiosk-flow';
import { NumericKeypad } from '../NumericKeypad';
import { FieldStatus } from '../FieldStatus';
import { StepLayout } from '../StepLayout';

/** Keeps what an ID number may hold: digits, and X only as the 18th character. */
function acceptIdInput(raw: string): string {
  const id = normalizeIdInput(raw).slice(0, ID_NUMBER_MAX_LENGTH);
  return [...id].filter((char, i) => /\d/.test(char) || (char === 'X' && i === 17)).join('');
}

/** 6 · 8 · 4: area, birth date, sequence and check — easier to compare with the card. */
function groupId(id: string): string {
  return [id.slice(0, 6), id.slice(6, 14), id.slice(14)].filter(Boolean).join(' ');
}

/** The resident ID number, on a large keypad (or the card reader), checked as it is typed. */
export function IdentityStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const { client } = useHall();
  const errorText = useErrorText();
  const [submitted, setSubmitted] = useState(false);
  const [readError, setReadError] = useState<unknown>(null);
  const [reading, setReading] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const id = flow.form.idNumber;
  const feedback = idFeedback(id, flow.today, submitted);

  useEffect(() => field.current?.focus(), []);

  const setId = (next: string) => {
    setSubmitted(false);
    flow.update({ idNumber: acceptIdInput(next) });
  };
  const goOn = () => {
    if (stepComplete('identity', flow.form, flow.today)) flow.next();
    else setSubmitted(true);
  };
  const readCard = async () => {
    setReading(true);
    setReadError(null);
    try {
      const card = await client.call('kiosk.readIdCard', {});
      flow.update({ idNumber: acceptIdInput(card.idNumber), name: card.name });
    } catch (failure) {
      setReadError(failure);
    } finally {
      setReading(false);
    }
  };

  return (
    <StepLayout title={t('kioskFlow.identity.title')} onNext={goOn} focusHeading={false} testId="step-identity">
      <div className="entry-step">
        <div className="entry-field-column">
          <label htmlFor="id-number" className="entry-label">
            {t('kioskFlow.identity.label')}
          </label>
          <input
            id="id-number"
            ref={field}
            className="entry-field"
            value={groupId(id)}
            onChange={(event) => setId(event.target.value)}
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="id-feedback"
            aria-invalid={feedback.state === 'problem'}
          />
          <IdFeedbackLine feedback={feedback} />
          <p className="muted entry-hint">{t('kioskFlow.identity.accepted')}</p>
          {flow.info.devices.idCardReader && (
            <div className="card-reader">
              <button type="button" className="secondary-button big-choice" disabled={reading} onClick={() => void readCard()}>
                <span aria-hidden="true">▣ </span>
                {reading ? t('kioskFlow.identity.reading') : t('kioskFlow.identity.readCard')}
              </button>
              {readError !== null && (
                <p className="field-problem" role="alert">
                  <span aria-hidden="true">⚠ </span>
                  {errorText(readError)}
                </p>
              )}
            </div>
          )}
        </div>
        <NumericKeypad
          label={t('kioskFlow.keys.keypad')}
          withX
          xEnabled={id.length === 17}
          onKey={(key) => setId(id + key)}
          onBackspace={() => setId(id.slice(0, -1))}
          onClear={() => setId('')}
        />
      </div>
    </StepLayout>
  );
}

/** One live line under the field: progress while typing, then what is wrong or that it is fine. */
function IdFeedbackLine({ feedback }: { feedback: IdFeedback }) {
  const { t } = useTranslation();
  const line = ((): { tone: 'status' | 'ok' | 'problem'; text: string } => {
    switch (feedback.state) {
      case 'empty':
        return { tone: 'status', text: t('kioskFlow.identity.empty') };
      case 'typing':
        return { tone: 'status', text: t('kioskFlow.identity.typed', { count: feedback.typed }) };
      case 'legacy':
        return { tone: 'ok', text: t('kioskFlow.identity.legacy') };
      case 'valid':
        return { tone: 'ok', text: t(`kioskFlow.identity.kinds.${feedback.check.kind}`) };
      case 'problem':
        return { tone: 'problem', text: t(`kioskFlow.identity.problems.${feedback.problem}`, { count: feedback.typed, digits: feedback.birthDigits }) };
    }
  })();
  return <FieldStatus id="id-feedback" tone={line.tone} text={line.text} />;
}
