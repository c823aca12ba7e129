import type { ResetHourChange } from './queue-rules';

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

/** The day after a `YYYY-MM-DD` day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The service day of a moment, with a reset hour change pending: `change.fromDay`
 * starts at `resetHour`; the days before it start at `change.previousHour`, and the
 * last of them lasts until `fromDay` starts (longer or shorter than a day).
 */
export function serviceDayUnder(epochMs: number, timeZone: string, resetHour: number, change: ResetHourChange | null): string {
  const day = serviceDayOf(epochMs, timeZone, resetHour);
  if (!change || day >= change.fromDay) return day;
  const before = serviceDayOf(epochMs, timeZone, change.previousHour);
  const last = dayBefore(change.fromDay);
  return before < last ? before : last;
}

/**
 * The change to keep when `newHour` is saved at `now` (with `resetHour` and `change` as
 * they were): today keeps the hour it started at, and the next service day starts at
 * the new hour. Null when nothing changes.
 */
export function resetHourChangeAt(
  now: number,
  timeZone: string,
  resetHour: number,
  change: ResetHourChange | null,
  newHour: number,
): ResetHourChange | null {
  const today = serviceDayUnder(now, timeZone, resetHour, change);
  const tomorrow = nextDay(today);
  if (serviceDayOf(now, timeZone, newHour) <= today) {
    // Tomorrow can still start at the new hour; until then, the hour today is reckoned by.
    const inForce = change && today < change.fromDay ? change.previousHour : resetHour;
    return newHour === inForce ? null : { previousHour: inForce, fromDay: tomorrow };
  }
  // Saved in the small hours that still belong to today, and already past the new hour:
  // tomorrow starts as it was going to, the new hour waits for the day after.
  const tomorrowStartsAt = change && tomorrow < change.fromDay ? change.previousHour : resetHour;
  return { previousHour: tomorrowStartsAt, fromDay: nextDay(tomorrow) };
}

/** Local wall-clock time `HH:MM` of a moment in the hall's time zone. */
export function localTimeOf(epochMs: number, timeZone: string): string {
  const parts = partsIn(timeZone, epochMs);
  return `${parts.hour}:${parts.minute}`;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
