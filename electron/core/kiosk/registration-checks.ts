import { HallError, type TakeNumberInput } from '../../../shared/contract';
import { MAX_REPRESENTATIVES } from '../../../shared/domain/kiosk-settings';
import { checkIdNumber, isMobileNumber } from '../../../shared/domain/resident-id';
import { normalizePhone } from '../privacy/personal-data-crypto';

/** A registering visitor whose ID and phone have been checked, in their stored (normalised) form. */
export interface CheckedPerson {
  idNumber: string;
  name: string;
  /** Digits only; null when they have none. */
  phone: string | null;
  /** From the ID: gives elderly priority. */
  birthDate: string;
}

/**
 * What the kiosk's form must satisfy beyond its shape, each problem with its own
 * message for the visitor (errors.INVALID_ID_<problem> …). Throws the first problem
 * found; returns the checked person (null when they chose to register at the window).
 * `today` is YYYY-MM-DD: nobody was born after it.
 */
export function checkRegistration(input: TakeNumberInput, today: string): CheckedPerson | null {
  const person = input.person && checkPerson(input.person, today);
  checkParty(input.partySize, input.representatives);
  return person;
}

/** The ID (GB 11643) and mobile number of a person, typed at the kiosk or by a clerk (visits.create). */
export function checkPerson(person: NonNullable<TakeNumberInput['person']>, today: string): CheckedPerson {
  const id = checkIdNumber(person.idNumber, today);
  if (!id.ok) {
    throw new HallError('INVALID_ID', { context: id.problem, length: person.idNumber.replace(/\s+/g, '').length });
  }
  if (person.phone !== null && !isMobileNumber(person.phone)) throw new HallError('INVALID_PHONE');
  // The 18-character form: a legacy 15-digit card and its successor are one visitor.
  return { idNumber: id.canonical, name: person.name, phone: person.phone === null ? null : normalizePhone(person.phone), birthDate: id.birthDate };
}

/** 《信访工作条例》 art. 20: more than five who come together elect representatives, at most five. */
export function checkParty(partySize: number, representatives: number | null): void {
  if (representatives !== null && representatives > MAX_REPRESENTATIVES) {
    throw new HallError('TOO_MANY_REPRESENTATIVES', { representatives, max: MAX_REPRESENTATIVES });
  }
  if (representatives !== null && representatives > partySize) {
    throw new HallError('TOO_MANY_REPRESENTATIVES', { context: 'partySize', representatives, partySize });
  }
  if (partySize > MAX_REPRESENTATIVES && representatives === null) {
    throw new HallError('REPRESENTATIVES_REQUIRED', { partySize, max: MAX_REPRESENTATIVES });
  }
}
