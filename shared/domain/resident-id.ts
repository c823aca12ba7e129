/**
 * Identity numbers a visitor may register with (GB 11643-1999 layout):
 * 6-digit area code, birth date, 3-digit sequence (odd male, even female), check
 * character computed over the first 17 digits. Also valid holders: legacy 15-digit
 * numbers (2-digit year 19yy, no check character), residence permits of Hong Kong
 * (810000…), Macao (820000…) and Taiwan (830000…) residents, and the foreigners'
 * permanent residence card of 2023 (9…), all with the same check.
 */
export type IdKind = 'resident' | 'resident15' | 'hongKongPermit' | 'macaoPermit' | 'taiwanPermit' | 'foreignPermanent';
export type IdProblem = 'length' | 'characters' | 'area' | 'birthDate' | 'checkCharacter';

export type IdCheck =
  | {
      ok: true;
      kind: IdKind;
      /** As typed, without spaces, X upper-cased. */
      normalized: string;
      /** The 18-character form (a legacy 15-digit number upgraded): one person, one key for look-ups. */
      canonical: string;
      birthDate: string;
      sex: 'male' | 'female';
    }
  | { ok: false; problem: IdProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
/** Province-level codes in use (the first two digits). */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71]);

export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

function validDate(year: number, month: number, day: number, today: string): string | null {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso)) return null;
  if (year < 1890 || iso > today) return null;
  return iso;
}

/** Checks an ID number as typed (spaces ignored, x accepted for X). `today` is YYYY-MM-DD. */
export function checkIdNumber(input: string, today: string): IdCheck {
  const id = input.replace(/\s+/g, '').toUpperCase();
  if (id.length !== 18 && id.length !== 15) return { ok: false, problem: 'length' };
  if (id.length === 15 ? !/^\d{15}$/.test(id) : !/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'characters' };

  const area = Number(id.slice(0, 2));
  let kind: IdKind;
  if (id.length === 15) kind = 'resident15';
  else if (id.startsWith('810000')) kind = 'hongKongPermit';
  else if (id.startsWith('820000')) kind = 'macaoPermit';
  else if (id.startsWith('830000')) kind = 'taiwanPermit';
  else if (id.startsWith('9')) kind = 'foreignPermanent';
  else kind = 'resident';
  if ((kind === 'resident' || kind === 'resident15') && !PROVINCES.has(area)) return { ok: false, problem: 'area' };

  const birth =
    id.length === 15
      ? validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), today)
      : validDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), today);
  if (!birth) return { ok: false, problem: 'birthDate' };
  if (id.length === 18 && checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checkCharacter' };

  const sequence = Number(id.length === 18 ? id.slice(14, 17) : id.slice(12, 15));
  const canonical = id.length === 15 ? upgradeLegacyId(id) : id;
  return { ok: true, kind, normalized: id, canonical, birthDate: birth, sex: sequence % 2 === 1 ? 'male' : 'female' };
}

/**
 * A legacy 15-digit number as the 18-character number that replaced it (GB 11643-1999):
 * the century 19 inserted before the 2-digit year, and the check character appended.
 */
export function upgradeLegacyId(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkCharacter(first17);
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isMobileNumber(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(input.replace(/[\s-]+/g, ''));
}

/** `4403**********123X`: area code and the last four, as screens show an ID unless a clerk unmasks it. */
export function maskIdNumber(id: string): string {
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]+/g, '');
  return digits.length < 7 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
