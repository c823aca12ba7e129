import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18nResources } from '../../../shared/i18n';
import { countdownWords, lastSeenWords } from './device-words';

const MINUTE = 60_000;

function translator(lng: string) {
  const instance = i18next.createInstance();
  void instance.init({ resources: i18nResources, lng, initAsync: false, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('the admin’s device list in words', () => {
  it('says when a device was last seen: never, just now, minutes or hours ago, else the date', () => {
    const now = Date.UTC(2025, 2, 3, 8, 0);
    const date = (epochMs: number) => new Date(epochMs).toISOString();
    const zh = translator('zh-CN');
    expect(lastSeenWords(null, now, zh, date)).toBe('配对后尚未连接');
    expect(lastSeenWords(now - 59_000, now, zh, date)).toBe('刚刚');
    expect(lastSeenWords(now - 3 * MINUTE - 5_000, now, zh, date)).toBe('3 分钟前');
    expect(lastSeenWords(now - 125 * MINUTE, now, zh, date)).toBe('2 小时前');
    expect(lastSeenWords(now - 25 * 60 * MINUTE, now, zh, date)).toBe('2025-03-02T07:00:00.000Z');
    // A clock a little behind the hub's is still "just now".
    expect(lastSeenWords(now + 5_000, now, zh, date)).toBe('刚刚');
    const en = translator('en');
    expect(lastSeenWords(now - MINUTE, now, en, date)).toBe('1 minute ago');
    expect(lastSeenWords(now - 3 * MINUTE, now, en, date)).toBe('3 minutes ago');
    expect(lastSeenWords(now - 3 * MINUTE, now, translator('zh-HK'), date)).toBe('3 分鐘前');
  });

  it('counts a pairing code’s time down in minutes and seconds, never below 0:00', () => {
    expect(countdownWords(10 * MINUTE)).toBe('10:00');
    expect(countdownWords(9 * MINUTE + 59_001)).toBe('10:00');
    expect(countdownWords(9 * MINUTE + 59_000)).toBe('9:59');
    expect(countdownWords(5_000)).toBe('0:05');
    expect(countdownWords(-3_000)).toBe('0:00');
  });
});
