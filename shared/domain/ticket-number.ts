import { z } from 'zod';

/** A service's letter prefix: one capital letter, A–Z. */
export const serviceLetterSchema = z.string().regex(/^[A-Z]$/, 'one capital letter A–Z');

/** The number printed on a ticket and shown on the display: letter + at least 3 digits. */
export const ticketNumberSchema = z.string().regex(/^[A-Z]\d{3,}$/);

export function formatTicketNumber(letter: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad ticket sequence ${sequence}`);
  return `${letter}${String(sequence).padStart(3, '0')}`;
}
