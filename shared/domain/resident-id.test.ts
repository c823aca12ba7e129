import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber, isMobileNumber, maskIdNumber, maskPhone } from './resident-id';

const TODAY = '2026-11-24';
/** A valid number from the first 17 characters. */
const withCheck = (first17: string) => first17 + checkCharacter(first17);

describe('resident ID numbers (GB 11643-1999)', () => {
  it('computes the check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X'); // the standard's own example
    expect(checkCharacter('44030419500101001')).toMatch(/^[\dX]$/);
  });

  it('accepts a valid 18-digit number and reads birth date and sex', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true, kind: 'resident', normalized: '11010519491231002X', canonical: '11010519491231002X', birthDate: '1949-12-31', sex: 'female',
    });
    expect(checkIdNumber(' 1101 0519 4912 3100 2x ', TODAY)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(checkIdNumber(withCheck('44030419760315003'), TODAY)).toMatchObject({ ok: true, birthDate: '1976-03-15', sex: 'male' });
  });

  it('says what is wrong', () => {
    expect(checkIdNumber('1101051949123100', TODAY)).toEqual({ ok: false, problem: 'length' });
    expect(checkIdNumber('11010519491231002Y', TODAY)).toEqual({ ok: false, problem: 'characters' });
    expect(checkIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'checkCharacter' });
    expect(checkIdNumber(withCheck('11010519490230002'), TODAY)).toEqual({ ok: false, problem: 'birthDate' }); // 30 February
    expect(checkIdNumber(withCheck('11010520300101002'), TODAY)).toEqual({ ok: false, problem: 'birthDate' }); // not born yet
    expect(checkIdNumber(withCheck('00010519491231002'), TODAY)).toEqual({ ok: false, problem: 'area' });
  });

  it('accepts legacy 15-digit numbers (19yy, no check character)', () => {
    expect(checkIdNumber('110105491231002', TODAY)).toEqual({
      ok: true, kind: 'resident15', normalized: '110105491231002', canonical: '11010519491231002X', birthDate: '1949-12-31', sex: 'female',
    });
    expect(checkIdNumber('110105491331002', TODAY)).toEqual({ ok: false, problem: 'birthDate' });
  });

  it('accepts Hong Kong, Macao and Taiwan residence permits and foreigners’ permanent residence cards', () => {
    expect(checkIdNumber(withCheck('81000019800101001'), TODAY)).toMatchObject({ ok: true, kind: 'hongKongPermit' });
    expect(checkIdNumber(withCheck('82000019800101002'), TODAY)).toMatchObject({ ok: true, kind: 'macaoPermit' });
    expect(checkIdNumber(withCheck('83000019800101003'), TODAY)).toMatchObject({ ok: true, kind: 'taiwanPermit' });
    expect(checkIdNumber(withCheck('93315619850721001'), TODAY)).toMatchObject({ ok: true, kind: 'foreignPermanent', birthDate: '1985-07-21' });
  });
});

describe('phones and masking', () => {
  it('recognizes mainland mobile numbers', () => {
    expect(isMobileNumber('13812345678')).toBe(true);
    expect(isMobileNumber('138-1234-5678')).toBe(true);
    expect(isMobileNumber('12812345678')).toBe(false);
    expect(isMobileNumber('1381234567')).toBe(false);
  });

  it('masks an ID and a phone as screens show them', () => {
    expect(maskIdNumber('44030419760315123X')).toBe('4403**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
