import type { TakeNumberInput, TakeNumberOutput } from '../../../shared/contract';
import type { PriorityReason } from '../../../shared/domain/queue-rules';
import { MAX_REPRESENTATIVES } from '../../../shared/domain/kiosk-settings';
import type { Language } from '../../../shared/domain/languages';
import { checkIdNumber, isMobileNumber } from '../../../shared/domain/resident-id';

/**
 * The kiosk's flow as a pure state machine: which step the visitor is on, what they
 * entered, and the ticket once issued. The page renders a step; every change goes
 * through `kioskReducer`, so "start over" and the idle reset wipe everything at once.
 */
export type KioskStep = 'attract' | 'service' | 'notice' | 'identity' | 'name' | 'phone' | 'party' | 'priority' | 'confirm' | 'ticket';

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

export const INITIAL_STATE: KioskState = { step: 'attract', form: EMPTY_FORM, submitting: false, error: null, issued: null };

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
  | { type: 'failed'; error: unknown; step: KioskStep };

export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  switch (action.type) {
    case 'reset':
      return INITIAL_STATE;
    case 'goTo':
      return { ...state, step: action.step, error: null };
    case 'next':
      return { ...state, step: stepAfter(state.step, state.form, action.offerPriority), error: null };
    case 'back': {
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
  }
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
