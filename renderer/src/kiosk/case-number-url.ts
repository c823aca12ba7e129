import { CASE_NUMBER_MAX_LENGTH, caseNumberComplete } from './kiosk-flow';

/**
 * The case number of a `/case/<number>` address (the visit receipt's QR code), in the
 * form the kiosk's look-up sends it (upper case), or null when the address does not hold
 * one: the same shape the kiosk accepts (letters, digits, dashes; at most 40).
 */
export function caseNumberFromUrl(segment: string): string | null {
  let decoded: string;
  try {
    // The router hands the segment decoded; a stray escape left in it is decoded here, a broken one is no number.
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const caseNumber = decoded.trim().toUpperCase();
  return caseNumber.length <= CASE_NUMBER_MAX_LENGTH && caseNumberComplete(caseNumber) ? caseNumber : null;
}
