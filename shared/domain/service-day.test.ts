import { describe, expect, it } from 'vitest';
import { ageOn, isoDateSchema } from './queue-rules';
import { localTimeOf, serviceDayOf } from './service-day';

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
