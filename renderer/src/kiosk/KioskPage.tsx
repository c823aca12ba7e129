import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError, type HallInfo } from '../../../shared/contract';
import { ageOn } from '../../../shared/domain/queue-rules';
import { checkIdNumber } from '../../../shared/domain/resident-id';
import { serviceDayOf } from '../../../shared/domain/service-day';
import { languageSchema } from '../../../shared/domain/languages';
import { useHall } from '../hall-context';
import { rememberLanguage } from '../i18n';
import { KioskFlowContext, type KioskFlow } from './flow-context';
import { IdleWarning } from './IdleWarning';
import { KioskHeader } from './KioskHeader';
import { flowSteps, INITIAL_STATE, kioskReducer, stepToFix, takeNumberInput, type KioskForm, type KioskStep } from './kiosk-flow';
import { CaseNumberStep } from './steps/CaseNumberStep';
import { CasePhoneStep } from './steps/CasePhoneStep';
import { CaseResultStep } from './steps/CaseResultStep';
import { useIdleTimer } from './use-idle-timer';
import { AttractStep } from './steps/AttractStep';
import { ConfirmStep } from './steps/ConfirmStep';
import { IdentityStep } from './steps/IdentityStep';
import { NameStep } from './steps/NameStep';
import { NoticeStep } from './steps/NoticeStep';
import { PartyStep } from './steps/PartyStep';
import { PhoneStep } from './steps/PhoneStep';
import { PriorityStep } from './steps/PriorityStep';
import { ServiceStep } from './steps/ServiceStep';
import { TicketStep } from './steps/TicketStep';
// After the steps' imports: the kiosk's rules win over simple-keyboard's theme.
import './kiosk.css';

const LARGE_TEXT_CLASS = 'kiosk-text-large';

/** The visitor's age when the ID gives them the hall's elderly priority; otherwise null. */
function elderlyAgeOf(form: KioskForm, info: HallInfo, today: string): number | null {
  if (!form.registering || !info.queueRules.priorityReasons.includes('elderly')) return null;
  const id = checkIdNumber(form.idNumber, today);
  if (!id.ok) return null;
  const age = ageOn(id.birthDate, today);
  return age >= info.queueRules.elderlyAge ? age : null;
}

/**
 * The self-service kiosk: from the attract screen through the visitor's choices to
 * the ticket. An idle countdown, "start over" and "done" all return to the attract
 * screen with everything entered wiped (the reducer's one initial state).
 */
export function KioskPage() {
  const { t, i18n } = useTranslation();
  const { client, info } = useHall();
  const [state, dispatch] = useReducer(kioskReducer, INITIAL_STATE);
  const [largeText, setLargeText] = useState(false);
  // The kiosk's own language, restored for the next visitor.
  const homeLanguage = useRef(i18n.language);
  // Bumped on every reset: a reply that arrives after the visitor left is dropped.
  const visit = useRef(0);
  // The visit whose ticket is being issued, if any.
  const issuing = useRef<number | null>(null);

  useEffect(() => {
    document.documentElement.classList.toggle(LARGE_TEXT_CLASS, largeText);
    return () => document.documentElement.classList.remove(LARGE_TEXT_CLASS);
  }, [largeText]);

  /** Back to the attract screen: nothing entered stays. */
  const startOver = useCallback(() => {
    visit.current += 1;
    dispatch({ type: 'reset' });
  }, []);

  /** The visit is over (done, or left alone): also the kiosk's own language and text size, for the next visitor. */
  const endVisit = useCallback(() => {
    startOver();
    setLargeText(false);
    const home = languageSchema.safeParse(homeLanguage.current);
    if (home.success && i18n.language !== home.data) {
      rememberLanguage(home.data);
      void i18n.changeLanguage(home.data);
    }
  }, [i18n, startOver]);

  const idle = useIdleTimer({
    active: state.step !== 'attract' && info !== null,
    idleSeconds: info?.kiosk.idleSeconds ?? 60,
    onTimeout: endVisit,
  });

  const flow = useMemo<KioskFlow | null>(() => {
    if (!info) return null;
    const today = serviceDayOf(Date.now(), info.timeZone);
    const offerPriority = info.queueRules.priorityReasons.some((reason) => reason !== 'elderly');
    const steps: KioskStep[] = flowSteps(state.form, offerPriority).filter((step) => step !== 'attract' && step !== 'ticket');
    const position = steps.indexOf(state.step);
    return {
      state,
      form: state.form,
      info,
      today,
      offerPriority,
      elderlyAge: elderlyAgeOf(state.form, info, today),
      progress: position >= 0 ? { current: position + 1, total: steps.length } : null,
      update: (changes) => dispatch({ type: 'update', changes }),
      next: () => dispatch({ type: 'next', offerPriority }),
      back: () => dispatch({ type: 'back', offerPriority }),
      goTo: (step: KioskStep) => dispatch({ type: 'goTo', step }),
      startOver,
      endVisit,
      registerAtWindow: () => dispatch({ type: 'registerAtWindow' }),
      issue: () => {
        // One request per visit, however quickly the button is pressed twice.
        if (issuing.current === visit.current) return;
        issuing.current = visit.current;
        const thisVisit = visit.current;
        const language = languageSchema.catch('zh-CN').parse(i18n.language);
        dispatch({ type: 'submitting' });
        client.call('kiosk.takeNumber', takeNumberInput(state.form, language)).then(
          (issued) => thisVisit === visit.current && dispatch({ type: 'issued', issued }),
          (error: unknown) => {
            if (thisVisit !== visit.current) return;
            issuing.current = null;
            dispatch({ type: 'failed', error, step: stepToFix(error instanceof HallClientError ? error.code : null) });
          },
        );
      },
      startCaseLookup: () => {
        visit.current += 1;
        dispatch({ type: 'startCaseLookup' });
      },
      updateCaseLookup: (changes) => dispatch({ type: 'updateCaseLookup', changes }),
      checkCase: () => {
        if (state.submitting) return;
        const thisVisit = visit.current;
        dispatch({ type: 'submitting' });
        const { caseNumber, phoneLast4 } = state.caseLookup;
        client.call('kiosk.caseStatus', { caseNumber: caseNumber.trim(), phoneLast4 }).then(
          (status) => thisVisit === visit.current && dispatch({ type: 'caseFound', status }),
          // Not found or locked: said on the digits' step, where the visitor pressed "check".
          (error: unknown) => {
            if (thisVisit !== visit.current) return;
            // The digits are typed again: they do not stay on screen next to the refusal.
            dispatch({ type: 'updateCaseLookup', changes: { phoneLast4: '' } });
            dispatch({ type: 'failed', error, step: 'casePhone' });
          },
        );
      },
    };
  }, [info, state, client, i18n, startOver, endVisit]);

  const idleWarningSeconds = info?.kiosk.idleWarningSeconds ?? 15;
  const warning = state.step !== 'ticket' && idle.secondsLeft !== null && idle.secondsLeft <= idleWarningSeconds;

  return (
    <div className="page kiosk">
      <KioskHeader largeText={largeText} onLargeText={setLargeText} />
      <main className="kiosk-main">
        {!flow ? (
          <p className="kiosk-loading">{t('common.loading')}</p>
        ) : (
          <KioskFlowContext.Provider value={flow}>
            <CurrentStep step={state.step} secondsLeft={idle.secondsLeft} />
          </KioskFlowContext.Provider>
        )}
      </main>
      {warning && <IdleWarning secondsLeft={idle.secondsLeft ?? 0} onContinue={idle.stillHere} />}
    </div>
  );
}

function CurrentStep({ step, secondsLeft }: { step: KioskStep; secondsLeft: number | null }) {
  switch (step) {
    case 'attract':
      return <AttractStep />;
    case 'service':
      return <ServiceStep />;
    case 'notice':
      return <NoticeStep />;
    case 'identity':
      return <IdentityStep />;
    case 'name':
      return <NameStep />;
    case 'phone':
      return <PhoneStep />;
    case 'party':
      return <PartyStep />;
    case 'priority':
      return <PriorityStep />;
    case 'confirm':
      return <ConfirmStep />;
    case 'ticket':
      return <TicketStep secondsLeft={secondsLeft} />;
    case 'caseNumber':
      return <CaseNumberStep />;
    case 'casePhone':
      return <CasePhoneStep />;
    case 'caseResult':
      return <CaseResultStep />;
  }
}
