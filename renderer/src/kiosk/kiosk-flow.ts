import type { CaseStatus, TakeNumberInput, TakeNumberOutput } from '../../../shared/contract';
import type { PriorityReason } from '../../../shared/domain/queue-rules';
import { MAX_REPRESENTATIVES } from '../../../shared/domain/kiosk-settings';
import type { Language } from '../../../shared/domain/languages';
import { checkIdNumber, isMobileNumber } from '../../../shared/domain/resident-id';

/**
 * The kiosk's flow as a pure state machine: which step the visitor is on, what they
 * entered, and the ticket once issued. The page renders a step; every change goes
 * through `kioskReducer`, so "start over" and the idle reset wipe everything at once.
 */
export type KioskStep =
  | 'attract'
  | 'service'
  | 'notice'
  | 'identity'
  | 'name'
  | 'phone'
  | 'party'
  | 'priority'
  | 'confirm'
  | 'ticket'
  // The case-status look-up, a way of its own: case number → last four digits → result.
  | 'caseNumber'
  | 'casePhone'
  | 'caseResult';

/** The case-status look-up's own way through, in order. */
export const CASE_STEPS = ['caseNumber', 'casePhone', 'caseResult'] as const satisfies readonly KioskStep[];
export const CASE_NUMBER_MAX_LENGTH = 40;
export const PHONE_LAST4_LENGTH = 4;

export interface CaseLookup {
  caseNumber: string;
  phoneLast4: string;
}

/** Priority a visitor may declare; elderly priority comes from the ID's birth date. */
export type DeclarablePriority = Exclude<PriorityReason, 'elderly'>;

export const MAX_PARTY_SIZE = 99;
export const ID_NUMBER_MAX_LENGTH = 18;
export const PHONE_MAX_LENGTH = 11;

export interface KioskForm {
  serviceId: string | null;
  /** false once the visitor chose "I prefer to register at the window": no ID, name or phone. */
  registering: boolean;
  idNumber: string;
  name: string;
  phone: string;
  /** "I have no mobile phone". */
  noPhone: boolean;
  partySize: number;
  /** Only asked when more than five came (art. 20). */
  representatives: number | null;
  declaredPriority: DeclarablePriority | null;
}

export interface KioskState {
  step: KioskStep;
  form: KioskForm;
  submitting: boolean;
  /** The hall's refusal of the last attempt, shown on the step that fixes it. */
  error: unknown;
  issued: TakeNumberOutput | null;
  caseLookup: CaseLookup;
  /** The look-up's answer while the result is on screen; wiped with everything else. */
  caseStatus: CaseStatus | null;
}

export const EMPTY_FORM: KioskForm = {
  serviceId: null,
  registering: true,
  idNumber: '',
  name: '',
  phone: '',
  noPhone: false,
  partySize: 1,
  representatives: null,
  declaredPriority: null,
};

export const EMPTY_CASE_LOOKUP: CaseLookup = { caseNumber: '', phoneLast4: '' };

export const INITIAL_STATE: KioskState = {
  step: 'attract',
  form: EMPTY_FORM,
  submitting: false,
  error: null,
  issued: null,
  caseLookup: EMPTY_CASE_LOOKUP,
  caseStatus: null,
};

export type KioskAction =
  | { type: 'reset' }
  | { type: 'goTo'; step: KioskStep }
  /** The next or previous step of this visitor's way (which depends on what they chose). */
  | { type: 'next'; offerPriority: boolean }
  | { type: 'back'; offerPriority: boolean }
  | { type: 'update'; changes: Partial<KioskForm> }
  /** "I prefer to register at the window": forget anything typed about the person. */
  | { type: 'registerAtWindow' }
  | { type: 'submitting' }
  | { type: 'issued'; issued: TakeNumberOutput }
  | { type: 'failed'; error: unknown; step: KioskStep }
  /** "Check my case": a fresh start on the look-up's way (nothing of a ticket's form comes along). */
  | { type: 'startCaseLookup' }
  | { type: 'updateCaseLookup'; changes: Partial<CaseLookup> }
  | { type: 'caseFound'; status: CaseStatus };

export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  switch (action.type) {
    case 'reset':
      return INITIAL_STATE;
    case 'goTo':
      return { ...state, step: action.step, error: null };
    case 'next':
      return { ...state, step: stepAfter(state.step, state.form, action.offerPriority), error: null };
    case 'back': {
      if (isCaseStep(state.step)) return caseStepBack(state);
      const step = stepBefore(state.step, state.form, action.offerPriority);
      // Back to the attract screen is starting over: nothing entered stays.
      return step === 'attract' ? INITIAL_STATE : { ...state, step, error: null };
    }
    case 'update':
      return { ...state, form: { ...state.form, ...action.changes } };
    case 'registerAtWindow':
      return { ...state, form: { ...state.form, registering: false, idNumber: '', name: '', phone: '', noPhone: false } };
    case 'submitting':
      return { ...state, submitting: true, error: null };
    case 'issued':
      // The ticket is all that is kept: nothing personal outlives the request.
      return { ...INITIAL_STATE, step: 'ticket', form: { ...EMPTY_FORM, serviceId: state.form.serviceId }, issued: action.issued };
    case 'failed':
      return { ...state, submitting: false, error: action.error, step: action.step };
    case 'startCaseLookup':
      return { ...INITIAL_STATE, step: 'caseNumber' };
    case 'updateCaseLookup':
      return { ...state, caseLookup: { ...state.caseLookup, ...action.changes } };
    case 'caseFound':
      // The digits have done their job: only the answer stays, until the visitor leaves.
      return { ...INITIAL_STATE, step: 'caseResult', caseLookup: { ...EMPTY_CASE_LOOKUP, caseNumber: state.caseLookup.caseNumber }, caseStatus: action.status };
  }
}

export function isCaseStep(step: KioskStep): step is (typeof CASE_STEPS)[number] {
  return (CASE_STEPS as readonly KioskStep[]).includes(step);
}

/** Back on the look-up's way: from the result the answer is wiped; from its first step, back to the attract screen. */
function caseStepBack(state: KioskState): KioskState {
  switch (state.step) {
    case 'caseResult':
      return { ...state, step: 'casePhone', caseStatus: null, error: null };
    case 'casePhone':
      return { ...state, step: 'caseNumber', error: null };
    default:
      return INITIAL_STATE;
  }
}

/** Whether a case number was typed in the shape of one: letters, digits and dashes. */
export function caseNumberComplete(caseNumber: string): boolean {
  return /^[A-Z0-9][A-Z0-9-]*$/i.test(caseNumber.trim());
}

export function phoneLast4Complete(phoneLast4: string): boolean {
  return phoneLast4.length === PHONE_LAST4_LENGTH && /^\d+$/.test(phoneLast4);
}

/** The steps of this visitor's way through, in order. */
export function flowSteps(form: KioskForm, offerPriority: boolean): KioskStep[] {
  return [
    'attract',
    'service',
    'notice',
    ...(form.registering ? (['identity', 'name', 'phone'] as const) : []),
    'party',
    ...(offerPriority ? (['priority'] as const) : []),
    'confirm',
    'ticket',
  ];
}

export function stepAfter(step: KioskStep, form: KioskForm, offerPriority: boolean): KioskStep {
  const steps = flowSteps(form, offerPriority);
  return steps[Math.min(steps.indexOf(step) + 1, steps.length - 1)] ?? 'attract';
}

export function stepBefore(step: KioskStep, form: KioskForm, offerPriority: boolean): KioskStep {
  const steps = flowSteps(form, offerPriority);
  return steps[Math.max(steps.indexOf(step) - 1, 0)] ?? 'attract';
}

/** Whether the visitor may go on from a step with what they entered. */
export function stepComplete(step: KioskStep, form: KioskForm, today: string): boolean {
  switch (step) {
    case 'service':
      return form.serviceId !== null;
    case 'identity':
      return checkIdNumber(form.idNumber, today).ok;
    case 'name':
      return form.name.trim().length > 0 && form.name.trim().length <= 50;
    case 'phone':
      return form.noPhone || isMobileNumber(form.phone);
    case 'party':
      return form.partySize <= MAX_REPRESENTATIVES || (form.representatives !== null && form.representatives >= 1 && form.representatives <= MAX_REPRESENTATIVES);
    default:
      return true;
  }
}

/** The request for kiosk.takeNumber from a finished form. */
export function takeNumberInput(form: KioskForm, language: Language): TakeNumberInput {
  if (!form.serviceId) throw new Error('no service chosen');
  return {
    serviceId: form.serviceId,
    language,
    person: form.registering
      ? { idNumber: form.idNumber, name: form.name.trim(), phone: form.noPhone ? null : form.phone }
      : null,
    partySize: form.partySize,
    representatives: form.partySize > MAX_REPRESENTATIVES ? form.representatives : null,
    declaredPriority: form.declaredPriority,
  };
}

/** Where a refused request sends the visitor back to, to put it right. */
export function stepToFix(errorCode: string | null): KioskStep {
  switch (errorCode) {
    case 'INVALID_ID':
      return 'identity';
    case 'INVALID_PHONE':
      return 'phone';
    case 'REPRESENTATIVES_REQUIRED':
    case 'TOO_MANY_REPRESENTATIVES':
      return 'party';
    case 'SERVICE_CLOSED':
    case 'SERVICE_FULL':
    case 'NOT_FOUND':
      return 'service';
    default:
      return 'confirm';
  }
}
