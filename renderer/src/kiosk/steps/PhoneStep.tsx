import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isMobileNumber } from '../../../../shared/domain/resident-id';
import { FieldStatus } from '../FieldStatus';
import { useKioskFlow } from '../flow-context';
import { PHONE_MAX_LENGTH, stepComplete } from '../kiosk-flow';
import { NumericKeypad } from '../NumericKeypad';
import { StepLayout } from '../StepLayout';

/** 3 · 4 · 4, as people say their numbers. */
function groupPhone(phone: string): string {
  return [phone.slice(0, 3), phone.slice(3, 7), phone.slice(7)].filter(Boolean).join(' ');
}

/** What the line under the phone field says. */
function phoneStatus(phone: string, noPhone: boolean, submitted: boolean): { tone: 'status' | 'ok' | 'problem'; key: string } {
  if (noPhone && phone === '') return { tone: 'ok', key: 'kioskFlow.confirm.noPhone' };
  if (isMobileNumber(phone)) return { tone: 'ok', key: 'kioskFlow.phone.ok' };
  if (phone.length === PHONE_MAX_LENGTH) return { tone: 'problem', key: 'kioskFlow.phone.notMobile' };
  if (!submitted) return { tone: 'status', key: phone.length === 0 ? 'kioskFlow.phone.empty' : 'kioskFlow.phone.typed' };
  return { tone: 'problem', key: phone.length === 0 ? 'kioskFlow.phone.missing' : 'kioskFlow.phone.tooShort' };
}

/** The mobile number on the keypad, or "I have no mobile phone". */
export function PhoneStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const [submitted, setSubmitted] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const phone = flow.form.phone;
  const status = phoneStatus(phone, flow.form.noPhone, submitted);

  useEffect(() => field.current?.focus(), []);

  const setPhone = (next: string) => {
    setSubmitted(false);
    flow.update({ phone: next.replace(/\D/g, '').slice(0, PHONE_MAX_LENGTH), noPhone: false });
  };
  const goOn = () => {
    if (stepComplete('phone', flow.form, flow.today)) flow.next();
    else setSubmitted(true);
  };
  const noPhone = () => {
    flow.update({ phone: '', noPhone: true });
    flow.next();
  };

  return (
    <StepLayout title={t('kioskFlow.phone.title')} onNext={goOn} focusHeading={false} testId="step-phone">
      <div className="entry-step">
        <div className="entry-field-column">
          <label htmlFor="phone-number" className="entry-label">
            {t('kioskFlow.phone.label')}
          </label>
          <input
            id="phone-number"
            ref={field}
            className="entry-field"
            value={groupPhone(phone)}
            onChange={(event) => setPhone(event.target.value)}
            inputMode="none"
            autoComplete="off"
            aria-describedby="phone-status"
            aria-invalid={status.tone === 'problem'}
          />
          <FieldStatus id="phone-status" tone={status.tone} text={t(status.key, { count: phone.length })} />
          <p className="muted entry-hint">{t('kioskFlow.phone.why')}</p>
          <button type="button" className="secondary-button big-choice" onClick={noPhone}>
            {t('kioskFlow.phone.none')}
          </button>
        </div>
        <NumericKeypad
          label={t('kioskFlow.keys.keypad')}
          onKey={(key) => setPhone(phone + key)}
          onBackspace={() => setPhone(phone.slice(0, -1))}
          onClear={() => setPhone('')}
        />
      </div>
    </StepLayout>
  );
}
