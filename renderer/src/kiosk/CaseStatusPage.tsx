import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseStatus } from '../../../shared/contract';
import { DEFAULT_TIME_ZONE, serviceDayOf } from '../../../shared/domain/service-day';
import { PageHeader } from '../components/PageHeader';
import { useErrorText, useHall } from '../hall-context';
import { caseNumberFromUrl } from './case-number-url';
import { CaseStatusAnswer } from './CaseStatusAnswer';
import { FieldStatus } from './FieldStatus';
import { IdleWarning } from './IdleWarning';
import { PHONE_LAST4_LENGTH, phoneLast4Complete } from './kiosk-flow';
import { NumericKeypad } from './NumericKeypad';
import { useIdleTimer } from './use-idle-timer';
import './kiosk.css';
import './case-status-page.css';

/**
 * `/case/<case number>`, where the visit receipt's QR code points: the kiosk's case-status
 * look-up with the number already given. The code alone opens nothing: the last four
 * digits of the phone on record are asked, as at the kiosk, and the answer is the
 * look-up's (stage and next deadline, no personal data). Works on a phone and on the kiosk;
 * left alone for the kiosk's idle time it clears itself, as the kiosk does, so that on a
 * hall tablet the next person does not find the last one's answer.
 */
export function CaseStatusPage() {
  const { t } = useTranslation();
  const { caseNumber: segment = '' } = useParams();
  const caseNumber = caseNumberFromUrl(segment);
  return (
    <div className="page kiosk case-status-page">
      <PageHeader title={t('casePage.title')} />
      <main>{caseNumber === null ? <MalformedNumber /> : <CaseLookUp key={caseNumber} caseNumber={caseNumber} />}</main>
    </div>
  );
}

/** Not a case number: say so, and the way to the look-up at the kiosk. */
function MalformedNumber() {
  const { t } = useTranslation();
  return (
    <section className="case-status-section" aria-labelledby="case-page-heading" data-testid="case-malformed">
      <h2 id="case-page-heading">{t('casePage.malformedTitle')}</h2>
      <p>{t('casePage.malformed')}</p>
      <Link className="primary-button big-choice case-page-link" to="/kiosk">
        {t('casePage.toKiosk')}
      </Link>
    </section>
  );
}

/**
 * The last four digits, then the answer; a miss or a lockout is said where the digits are
 * typed again. Whatever was typed or answered is cleared after the kiosk's idle time,
 * with the kiosk's warning first.
 */
function CaseLookUp({ caseNumber }: { caseNumber: string }) {
  const { t } = useTranslation();
  const { client, info } = useHall();
  const errorText = useErrorText();
  const [digits, setDigits] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // Bumped on every reset: an answer that arrives after the page was cleared is dropped.
  const lookUp = useRef(0);
  const today = serviceDayOf(Date.now(), info?.timeZone ?? DEFAULT_TIME_ZONE);

  /** Back to the first step, nothing typed or answered left on screen. */
  const reset = useCallback(() => {
    lookUp.current += 1;
    setDigits('');
    setSubmitted(false);
    setChecking(false);
    setError(null);
    setStatus(null);
  }, []);
  const idle = useIdleTimer({
    active: info !== null && (digits !== '' || submitted || checking || error !== null || status !== null),
    idleSeconds: info?.kiosk.idleSeconds ?? 60,
    onTimeout: reset,
  });
  const idleWarningSeconds = info?.kiosk.idleWarningSeconds ?? 15;
  const warning = idle.secondsLeft !== null && idle.secondsLeft <= idleWarningSeconds && (
    <IdleWarning
      secondsLeft={idle.secondsLeft}
      onContinue={idle.stillHere}
      countdown={t('casePage.idleCountdown', { count: idle.secondsLeft })}
    />
  );

  useEffect(() => {
    if (status === null) field.current?.focus();
  }, [status]);

  const type = (next: string) => {
    setSubmitted(false);
    setDigits(next.replace(/\D/g, '').slice(0, PHONE_LAST4_LENGTH));
  };
  const check = () => {
    if (checking) return;
    if (!phoneLast4Complete(digits)) {
      setSubmitted(true);
      return;
    }
    setChecking(true);
    const thisLookUp = lookUp.current;
    client
      .call('kiosk.caseStatus', { caseNumber, phoneLast4: digits })
      .then(
        (answer) => {
          if (thisLookUp !== lookUp.current) return;
          setStatus(answer);
          setError(null);
        },
        (failure: unknown) => {
          if (thisLookUp === lookUp.current) setError(failure);
        },
      )
      .finally(() => {
        if (thisLookUp === lookUp.current) setChecking(false);
      });
    // The digits have done their job either way: they do not stay on screen.
    setDigits('');
  };

  if (status) {
    return (
      <section className="case-status-section" aria-labelledby="case-page-heading" data-testid="case-result">
        <h2 id="case-page-heading">{t('kioskFlow.caseStatus.resultTitle', { caseNumber: status.caseNumber })}</h2>
        <CaseStatusAnswer status={status} today={today} />
        <button
          type="button"
          className="secondary-button big-choice"
          onClick={() => {
            setStatus(null);
            setError(null);
          }}
        >
          {t('casePage.again')}
        </button>
        {warning}
      </section>
    );
  }

  const fieldStatus = phoneLast4Complete(digits)
    ? { tone: 'ok' as const, text: t('kioskFlow.caseStatus.phoneReady') }
    : submitted
      ? { tone: 'problem' as const, text: t('kioskFlow.caseStatus.phoneMissing') }
      : { tone: 'status' as const, text: digits.length === 0 ? t('kioskFlow.caseStatus.phoneEmpty') : t('kioskFlow.caseStatus.phoneTyped', { count: digits.length }) };

  return (
    <section className="case-status-section" aria-labelledby="case-page-heading" data-testid="case-phone">
      <h2 id="case-page-heading">{t('kioskFlow.caseStatus.phoneTitle')}</h2>
      <p className="case-number-echo">
        {t('kioskFlow.caseStatus.numberLabel')}: <strong data-testid="case-number">{caseNumber}</strong>
      </p>
      {error !== null && (
        <div className="banner banner-error kiosk-error" role="alert" data-testid="server-error">
          {errorText(error)}
        </div>
      )}
      {/* Enter in the field checks, as at the kiosk. */}
      <form
        className="entry-step"
        onSubmit={(event) => {
          event.preventDefault();
          check();
        }}
      >
        <div className="entry-field-column">
          <label htmlFor="case-phone-last4" className="entry-label">
            {t('kioskFlow.caseStatus.phoneLabel')}
          </label>
          <input
            id="case-phone-last4"
            ref={field}
            className="entry-field"
            value={digits}
            onChange={(event) => type(event.target.value)}
            inputMode="none"
            autoComplete="off"
            aria-describedby="case-phone-status case-phone-why"
            aria-invalid={fieldStatus.tone === 'problem'}
          />
          <FieldStatus id="case-phone-status" tone={fieldStatus.tone} text={fieldStatus.text} />
          <p id="case-phone-why" className="muted entry-hint">
            {t('kioskFlow.caseStatus.phoneWhy')}
          </p>
        </div>
        <NumericKeypad
          label={t('kioskFlow.keys.keypad')}
          onKey={(key) => type(digits + key)}
          onBackspace={() => type(digits.slice(0, -1))}
          onClear={() => type('')}
        />
        <button type="submit" className="primary-button big-choice case-check" disabled={checking}>
          {checking ? t('kioskFlow.caseStatus.checking') : t('kioskFlow.caseStatus.check')}
        </button>
      </form>
      {warning}
    </section>
  );
}
