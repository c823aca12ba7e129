import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { idFeedback } from './id-number-feedback';
import { caseNumberComplete, EMPTY_FORM, flowSteps, phoneLast4Complete, INITIAL_STATE, kioskReducer, stepComplete, stepToFix, takeNumberInput, type KioskState } from './kiosk-flow';

const TODAY = '2026-06-01';
const id = (first17: string) => first17 + checkCharacter(first17);
const ELDERLY_ID = id('11010119500601123');

function run(state: KioskState, ...actions: Parameters<typeof kioskReducer>[1][]): KioskState {
  return actions.reduce(kioskReducer, state);
}

describe('the kiosk flow', () => {
  it('walks a registering visitor through every step, and one who registers at the window past the personal ones', () => {
    expect(flowSteps(EMPTY_FORM, true)).toEqual(['attract', 'service', 'notice', 'identity', 'name', 'phone', 'party', 'priority', 'confirm', 'ticket']);
    expect(flowSteps({ ...EMPTY_FORM, registering: false }, false)).toEqual(['attract', 'service', 'notice', 'party', 'confirm', 'ticket']);

    const atWindow = run(
      INITIAL_STATE,
      { type: 'goTo', step: 'service' },
      { type: 'update', changes: { serviceId: 'S' } },
      { type: 'next', offerPriority: true },
      { type: 'registerAtWindow' },
      { type: 'next', offerPriority: true },
    );
    expect(atWindow.step).toBe('party');
    expect(run(atWindow, { type: 'back', offerPriority: true }).step).toBe('notice');
  });

  it('"register at the window" forgets anything typed about the person', () => {
    const typed = run(INITIAL_STATE, { type: 'update', changes: { idNumber: ELDERLY_ID, name: '张明', phone: '13912345678' } });
    expect(run(typed, { type: 'registerAtWindow' }).form).toMatchObject({ registering: false, idNumber: '', name: '', phone: '' });
  });

  it('starting over, going back to the start and issuing the ticket leave nothing personal in the state', () => {
    const typed = run(INITIAL_STATE, { type: 'goTo', step: 'name' }, { type: 'update', changes: { serviceId: 'S', idNumber: ELDERLY_ID, name: '张明' } });
    expect(run(typed, { type: 'reset' })).toEqual(INITIAL_STATE);
    expect(run({ ...typed, step: 'service' }, { type: 'back', offerPriority: true })).toEqual(INITIAL_STATE);
    const issued = run(typed, {
      type: 'issued',
      issued: { ticket: {} as never, peopleAhead: 0, estimatedWaitMinutes: 0, registered: true, statusUrl: '/q/x', printing: 'no_printer' },
    });
    expect(issued.step).toBe('ticket');
    expect(JSON.stringify(issued)).not.toContain(ELDERLY_ID);
    expect(JSON.stringify(issued)).not.toContain('张明');
  });

  it('goes on only with what each step needs', () => {
    expect(stepComplete('identity', { ...EMPTY_FORM, idNumber: ELDERLY_ID.slice(0, 17) }, TODAY)).toBe(false);
    expect(stepComplete('identity', { ...EMPTY_FORM, idNumber: ELDERLY_ID }, TODAY)).toBe(true);
    expect(stepComplete('name', { ...EMPTY_FORM, name: '  ' }, TODAY)).toBe(false);
    expect(stepComplete('phone', { ...EMPTY_FORM, phone: '1391234567' }, TODAY)).toBe(false);
    expect(stepComplete('phone', { ...EMPTY_FORM, noPhone: true }, TODAY)).toBe(true);
    expect(stepComplete('party', { ...EMPTY_FORM, partySize: 8 }, TODAY)).toBe(false);
    expect(stepComplete('party', { ...EMPTY_FORM, partySize: 8, representatives: 3 }, TODAY)).toBe(true);
  });

  it('builds the request: no person at the window, representatives only for groups over five', () => {
    expect(takeNumberInput({ ...EMPTY_FORM, serviceId: 'S', registering: false, partySize: 3, representatives: 2 }, 'en')).toEqual({
      serviceId: 'S',
      language: 'en',
      person: null,
      partySize: 3,
      representatives: null,
      declaredPriority: null,
    });
    expect(takeNumberInput({ ...EMPTY_FORM, serviceId: 'S', idNumber: ELDERLY_ID, name: ' 张明 ', noPhone: true, partySize: 8, representatives: 3 }, 'zh-CN')).toMatchObject({
      person: { idNumber: ELDERLY_ID, name: '张明', phone: null },
      representatives: 3,
    });
  });

  it('sends the visitor back to the step that fixes a refusal', () => {
    expect(stepToFix('INVALID_ID')).toBe('identity');
    expect(stepToFix('INVALID_PHONE')).toBe('phone');
    expect(stepToFix('TOO_MANY_REPRESENTATIVES')).toBe('party');
    expect(stepToFix('SERVICE_FULL')).toBe('service');
    expect(stepToFix('INTERNAL')).toBe('confirm');
  });
});

describe('the ID number as it is typed', () => {
  it('shows only progress while incomplete, and the length problem once the visitor asks to go on', () => {
    expect(idFeedback('', TODAY, false)).toEqual({ state: 'empty' });
    expect(idFeedback('1101011950', TODAY, false)).toEqual({ state: 'typing', typed: 10 });
    expect(idFeedback('11010119500601123', TODAY, true)).toMatchObject({ state: 'problem', problem: 'length', typed: 17 });
  });

  it('names the problem of a complete number', () => {
    const good = ELDERLY_ID;
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    expect(idFeedback(wrongCheck, TODAY, false)).toMatchObject({ state: 'problem', problem: 'checkCharacter' });
    expect(idFeedback(id('11010119990231123'), TODAY, false)).toMatchObject({ state: 'problem', problem: 'birthDate', birthDigits: '19990231' });
    expect(idFeedback(id('00010119800101123'), TODAY, false)).toMatchObject({ state: 'problem', problem: 'area' });
  });

  it('accepts a valid number, an old 15-digit one (which may still be the start of 18) and a permit', () => {
    expect(idFeedback(ELDERLY_ID, TODAY, false)).toMatchObject({ state: 'valid', check: { kind: 'resident', birthDate: '1950-06-01' } });
    expect(idFeedback('110101500601123', TODAY, false)).toMatchObject({ state: 'legacy' });
    expect(idFeedback('110101500601123', TODAY, true)).toMatchObject({ state: 'valid', check: { kind: 'resident15' } });
    expect(idFeedback(id('81000019800101123'), TODAY, false)).toMatchObject({ state: 'valid', check: { kind: 'hongKongPermit' } });
  });

  it('the case-status look-up: its own way, the digits wiped once answered, the answer wiped by back, start over and the idle reset', () => {
    const status = { caseNumber: 'DEMO-20261124-001', stage: 'accepted' as const, nextDeadline: null, closed: false };
    const typed = run(
      INITIAL_STATE,
      { type: 'goTo', step: 'service' },
      { type: 'update', changes: { serviceId: 'S' } },
      { type: 'startCaseLookup' },
      { type: 'updateCaseLookup', changes: { caseNumber: 'DEMO-20261124-001' } },
      { type: 'goTo', step: 'casePhone' },
      { type: 'updateCaseLookup', changes: { phoneLast4: '5678' } },
    );
    expect(typed).toMatchObject({ step: 'casePhone', form: EMPTY_FORM, caseLookup: { caseNumber: 'DEMO-20261124-001', phoneLast4: '5678' } });
    const answered = run(typed, { type: 'caseFound', status });
    expect(answered).toMatchObject({ step: 'caseResult', caseStatus: status, caseLookup: { phoneLast4: '' } });
    expect(run(answered, { type: 'back', offerPriority: true })).toMatchObject({ step: 'casePhone', caseStatus: null });
    expect(run(answered, { type: 'back', offerPriority: true }, { type: 'back', offerPriority: true }).step).toBe('caseNumber');
    expect(run(answered, { type: 'back', offerPriority: true }, { type: 'back', offerPriority: true }, { type: 'back', offerPriority: true })).toEqual(INITIAL_STATE);
    expect(run(answered, { type: 'reset' })).toEqual(INITIAL_STATE);
    expect(caseNumberComplete(' demo-20261124-001 ')).toBe(true);
    expect(caseNumberComplete('-')).toBe(false);
    expect(phoneLast4Complete('567')).toBe(false);
    expect(phoneLast4Complete('5678')).toBe(true);
  });
});
