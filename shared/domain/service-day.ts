/**
 * The hall's working day a moment belongs to, as `YYYY-MM-DD` in the hall's time zone.
 * Ticket numbers restart every service day. Computed with Intl so the result does not
 * depend on the machine's own time zone setting.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function serviceDayOf(epochMs: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
