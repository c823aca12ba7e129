import type { Language } from '../domain/languages';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayParts(isoDay: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${isoDay}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * A calendar day in words: 2026年3月2日 in Chinese (Arabic figures, as GB/T 9704 dates
 * documents), 2 March 2026 in English. Written out here rather than by Intl so that the
 * same day prints the same on every host whatever its ICU data.
 */
export function dayInWords(isoDay: string, language: Language): string {
  const { year, month, day } = dayParts(isoDay);
  return language === 'en' ? `${day} ${MONTHS_EN[month - 1]} ${year}` : `${year}年${month}月${day}日`;
}

/** The local date and time of an instant in the hall's time zone: `{ day: '2026-11-24', time: '09:05' }`. */
export function localDayTime(epochMs: number, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** `2026-11-24 09:05` in the hall's time zone, the same in every language (the ticket's, as the ESC/POS ticket prints it). */
export function localDateTime(epochMs: number, timeZone: string): string {
  const { day, time } = localDayTime(epochMs, timeZone);
  return `${day} ${time}`;
}

/** An instant in words in the hall's time zone: 2026年11月24日 09:05 / 24 November 2026 09:05. */
export function instantInWords(epochMs: number, timeZone: string, language: Language): string {
  const { day, time } = localDayTime(epochMs, timeZone);
  return `${dayInWords(day, language)} ${time}`;
}
