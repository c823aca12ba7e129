import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldStatus } from '../FieldStatus';
import { useKioskFlow } from '../flow-context';
import { stepComplete } from '../kiosk-flow';
import { NAME_MAX_LENGTH, NameKeyboard } from '../NameKeyboard';
import { StepLayout } from '../StepLayout';

/** The visitor's name: on-screen keyboard with pinyin candidates, or typed on a keyboard. */
export function NameStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const [submitted, setSubmitted] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const name = flow.form.name;
  const empty = name.trim().length === 0;

  useEffect(() => field.current?.focus(), []);

  const setName = (next: string) => {
    setSubmitted(false);
    flow.update({ name: next.slice(0, NAME_MAX_LENGTH) });
  };
  const goOn = () => {
    if (stepComplete('name', flow.form, flow.today)) flow.next();
    else setSubmitted(true);
  };

  return (
    <StepLayout title={t('kioskFlow.name.title')} onNext={goOn} focusHeading={false} testId="step-name">
      {/* The step's question is the field's label. */}
      <input
        id="visitor-name"
        ref={field}
        className="entry-field name-field"
        value={name}
        onChange={(event) => setName(event.target.value)}
        inputMode="none"
        autoComplete="off"
        spellCheck={false}
        maxLength={NAME_MAX_LENGTH}
        aria-labelledby="step-title"
        aria-describedby="name-status"
        aria-invalid={submitted && empty}
      />
      {submitted && empty ? (
        <FieldStatus id="name-status" tone="problem" text={t('kioskFlow.name.missing')} />
      ) : (
        <p id="name-status" className="visually-hidden">
          {t('kioskFlow.name.hint')}
        </p>
      )}
      <NameKeyboard value={name} onChange={setName} />
    </StepLayout>
  );
}
