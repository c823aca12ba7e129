import { describe, expect, it } from 'vitest';
import { ageOn, isoDateSchema } from './queue-rules';
import { localTimeOf, nextDay, resetHourChangeAt, serviceDayOf, serviceDayUnder } from './service-day';

describe('service day', () => {
  const at = (iso: string) => Date.parse(iso);

  it('is the local date in the hall time zone, whatever the machine zone', () => {
    expect(serviceDayOf(at('2026-11-24T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-11-24'); // 23:59 local
    expect(serviceDayOf(at('2026-11-24T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-25'); // 00:00 local
  });

  it('changes at the reset hour', () => {
    expect(serviceDayOf(at('2026-11-24T18:59:00Z'), 'Asia/Shanghai', 3)).toBe('2026-11-24'); // 02:59 local
    expect(serviceDayOf(at('2026-11-24T19:00:00Z'), 'Asia/Shanghai', 3)).toBe('2026-11-25'); // 03:00 local
  });

  it('counts days across months and years', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('keeps the reset hour in force until the day a change applies from', () => {
    const local = (time: string) => at(`${time}+08:00`);
    const zone = 'Asia/Shanghai';
    // From midnight to 06:00, from the 25th: the 24th runs until 06:00 on the 25th.
    const later = { previousHour: 0, fromDay: '2026-11-25' };
    expect(serviceDayUnder(local('2026-11-24T00:00'), zone, 6, later)).toBe('2026-11-24');
    expect(serviceDayUnder(local('2026-11-25T05:59'), zone, 6, later)).toBe('2026-11-24');
    expect(serviceDayUnder(local('2026-11-25T06:00'), zone, 6, later)).toBe('2026-11-25');
    // From 06:00 to midnight: the 24th ends at midnight.
    const earlier = { previousHour: 6, fromDay: '2026-11-25' };
    expect(serviceDayUnder(local('2026-11-24T23:59'), zone, 0, earlier)).toBe('2026-11-24');
    expect(serviceDayUnder(local('2026-11-25T00:00'), zone, 0, earlier)).toBe('2026-11-25');
  });

  it('schedules a new reset hour for the next service day, replacing one still pending', () => {
    const local = (time: string) => at(`${time}+08:00`);
    const zone = 'Asia/Shanghai';
    const tenAm = local('2026-11-24T10:00');
    expect(resetHourChangeAt(tenAm, zone, 0, null, 6)).toEqual({ previousHour: 0, fromDay: '2026-11-25' });
    expect(resetHourChangeAt(tenAm, zone, 0, null, 0)).toBeNull();
    const pending = { previousHour: 0, fromDay: '2026-11-25' };
    expect(resetHourChangeAt(tenAm, zone, 6, pending, 12)).toEqual({ previousHour: 0, fromDay: '2026-11-25' });
    expect(resetHourChangeAt(tenAm, zone, 6, pending, 0)).toBeNull(); // back to the hour in force
    // At 05:00 on the 25th, still the 24th's day (reset at 06:00), 02:00 has passed:
    // the 25th starts at 06:00 as planned, the 26th at 02:00.
    expect(resetHourChangeAt(local('2026-11-25T05:00'), zone, 6, null, 2)).toEqual({ previousHour: 6, fromDay: '2026-11-26' });
  });

  it('gives the local wall-clock time', () => {
    expect(localTimeOf(at('2026-11-24T00:30:00Z'), 'Asia/Shanghai')).toBe('08:30');
    expect(localTimeOf(at('2026-11-24T16:05:00Z'), 'Asia/Shanghai')).toBe('00:05');
  });
});

describe('age', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1966-11-25', '2026-11-24')).toBe(59);
    expect(ageOn('1966-11-24', '2026-11-24')).toBe(60);
    expect(ageOn('1966-02-28', '2026-03-01')).toBe(60);
  });

  it('accepts only calendar dates', () => {
    expect(isoDateSchema.safeParse('1966-02-28').success).toBe(true);
    expect(isoDateSchema.safeParse('1966-02-30').success).toBe(false);
    expect(isoDateSchema.safeParse('19660228').success).toBe(false);
  });
});
