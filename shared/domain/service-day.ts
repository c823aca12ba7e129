/**
 * The hall's working day a moment belongs to, as `YYYY-MM-DD` in the hall's time zone.
 * Ticket numbers restart every service day, at the hall's reset hour (a hall that
 * resets at 03:00 keeps a late evening's tickets in that evening's day). Computed with
 * Intl so the result does not depend on the machine's own time zone setting.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, epochMs: number): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
}

export function serviceDayOf(epochMs: number, timeZone: string, resetHour = 0): string {
  const parts = partsIn(timeZone, epochMs - resetHour * 3_600_000);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Local wall-clock time `HH:MM` of a moment in the hall's time zone. */
export function localTimeOf(epochMs: number, timeZone: string): string {
  const parts = partsIn(timeZone, epochMs);
  return `${parts.hour}:${parts.minute}`;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
