import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useHall } from '../hall-context';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * When a device was last seen, as the admin reads it: "刚刚", "3 分钟前", "2 小时前", and
 * beyond a day the date and time. The hub notes it at most once a minute, so under a
 * minute is "just now".
 */
export function lastSeenWords(lastSeenAt: number | null, now: number, t: TFunction, dateTime: (epochMs: number) => string): string {
  if (lastSeenAt === null) return t('admin.devices.lastSeenNever');
  const ago = Math.max(0, now - lastSeenAt);
  if (ago < MINUTE_MS) return t('admin.devices.lastSeenJustNow');
  if (ago < HOUR_MS) return t('admin.devices.minutesAgo', { count: Math.floor(ago / MINUTE_MS) });
  if (ago < DAY_MS) return t('admin.devices.hoursAgo', { count: Math.floor(ago / HOUR_MS) });
  return dateTime(lastSeenAt);
}

/** "12:34" of the countdown to a pairing code's expiry: minutes and seconds left, never below 0:00. */
export function countdownWords(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** An instant as a date and time in the hall's time zone and the page's language. */
export function useDateTime(): (epochMs: number) => string {
  const { i18n } = useTranslation();
  const { info } = useHall();
  return (epochMs) =>
    new Intl.DateTimeFormat(i18n.language, { timeZone: info?.timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(epochMs);
}
