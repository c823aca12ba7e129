import { describe, expect, it } from 'vitest';
import shipped from '../../resources/calendar/cn-holidays.json';
import {
  addCalendarDays,
  CalendarNotCoveredError,
  daysBetween,
  holidayCalendarSchema,
  loadWorkingDayCalendar,
  weekdayOf,
  type HolidayCalendar,
} from './working-days';

const calendar = loadWorkingDayCalendar(shipped);

describe('calendar days', () => {
  it('adds days across months, years and leap days', () => {
    expect(addCalendarDays('2026-01-30', 15)).toBe('2026-02-14');
    expect(addCalendarDays('2026-12-20', 15)).toBe('2027-01-04');
    expect(addCalendarDays('2028-02-20', 10)).toBe('2028-03-01'); // 2028 is a leap year
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts the days between two dates', () => {
    expect(daysBetween('2026-02-10', '2026-02-25')).toBe(15);
    expect(daysBetween('2026-02-25', '2026-02-10')).toBe(-15);
    expect(daysBetween('2026-02-10', '2026-02-10')).toBe(0);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-10', 1.5)).toThrow(RangeError);
  });

  it('knows the weekday', () => {
    expect(weekdayOf('2026-02-14')).toBe(6); // Saturday
    expect(weekdayOf('2026-02-15')).toBe(0); // Sunday
  });
});

describe('the shipped calendar file', () => {
  it('is valid against the schema', () => {
    const parsed = holidayCalendarSchema.safeParse(shipped);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('covers 2025 and 2026, each from a verified State Council notice', () => {
    expect(calendar.coveredYears).toEqual([2025, 2026]);
    const data = holidayCalendarSchema.parse(shipped);
    expect(data.years.map((y) => [y.year, y.source.documentNumber, y.source.issuedOn])).toEqual([
      [2025, '国办发明电〔2024〕12号', '2024-11-12'],
      [2026, '国办发明电〔2025〕7号', '2025-11-04'],
    ]);
  });

  it('holds the notices’ day counts: 28 holiday days and 5 adjusted working days in 2025, 33 and 6 in 2026', () => {
    const data = holidayCalendarSchema.parse(shipped);
    const count = (year: number) => {
      const entry = data.years.find((y) => y.year === year)!;
      const holidayDays = entry.holidays.reduce((sum, range) => sum + daysBetween(range.from, range.to) + 1, 0);
      return [holidayDays, entry.adjustedWorkingDays.length];
    };
    expect(count(2025)).toEqual([28, 5]); // 1 + 8 + 3 + 5 + 3 + 8
    expect(count(2026)).toEqual([33, 6]); // 3 + 9 + 3 + 5 + 3 + 3 + 7
  });
});

describe('working days', () => {
  it('knows a holiday, a weekend, a weekday and an adjusted working Saturday', () => {
    expect(calendar.dayInfo('2026-02-17')).toEqual({ date: '2026-02-17', kind: 'holiday', working: false, covered: true, holidayName: '春节' }); // a Tuesday
    expect(calendar.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'adjusted_workday', working: true, covered: true, holidayName: '春节' }); // a Saturday
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2026-03-10')).toBe(true); // an ordinary Tuesday
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // the 8th day of 2025's National Day and Mid-Autumn holiday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday made up for it
  });

  it('counts 5 working days across the National Day week, the day after the start being the first', () => {
    // 2026-09-30 (Wed) → 10-01…10-07 holiday; 10-08 Thu (1), 10-09 Fri (2),
    // 10-10 Sat adjusted working day (3), 10-11 Sun no, 10-12 Mon (4), 10-13 Tue (5).
    expect(calendar.addWorkingDays('2026-09-30', 5)).toEqual({ date: '2026-10-13', covered: true, uncoveredYears: [] });
    // 2025-09-30 (Tue) → 10-01…10-08 holiday; 10-09 (1), 10-10 (2), 10-11 Sat adjusted (3), 10-13 (4), 10-14 (5).
    expect(calendar.addWorkingDays('2025-09-30', 5).date).toBe('2025-10-14');
    // 2026-09-18 (Fri) → 09-19 Sat no, 09-20 Sun adjusted (1), 09-21 (2), 09-22 (3), 09-23 (4), 09-24 (5).
    expect(calendar.addWorkingDays('2026-09-18', 5).date).toBe('2026-09-24');
    expect(calendar.addWorkingDays('2026-09-18', 0).date).toBe('2026-09-18');
  });

  it('finds the first working day on or after a date', () => {
    expect(calendar.workingDayOnOrAfter('2026-02-10').date).toBe('2026-02-10');
    expect(calendar.workingDayOnOrAfter('2026-02-15').date).toBe('2026-02-24'); // Spring Festival, 02-15…02-23
    expect(calendar.workingDayOnOrAfter('2026-03-07').date).toBe('2026-03-09'); // Saturday → Monday
  });

  it('flags a year it does not cover instead of guessing', () => {
    expect(calendar.covers('2027-03-01')).toBe(false);
    expect(calendar.dayInfo('2027-03-01')).toEqual({ date: '2027-03-01', kind: 'workday', working: true, covered: false });
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrow(CalendarNotCoveredError);
    const thrown = (() => {
      try {
        calendar.isWorkingDay('2024-10-01');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ code: 'calendar_not_covered', date: '2024-10-01', year: 2024 });
    // 2026-12-28 (Mon): 12-29 (1), 12-30 (2), 12-31 (3), then 2027 by weekends only: 01-01 Fri (4), 01-04 Mon (5).
    expect(calendar.addWorkingDays('2026-12-28', 5)).toEqual({ date: '2027-01-04', covered: false, uncoveredYears: [2027] });
    expect(calendar.addWorkingDays('2026-12-28', 3)).toEqual({ date: '2026-12-31', covered: true, uncoveredYears: [] });
  });
});

describe('the calendar schema', () => {
  const year = (overrides: Partial<HolidayCalendar['years'][number]> = {}) => ({
    year: 2030,
    source: { title: 'test', documentNumber: null, issuedOn: '2029-11-01', verified: true, checkedAgainst: [] },
    holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }],
    adjustedWorkingDays: [],
    ...overrides,
  });
  const messages = (data: unknown) => {
    const parsed = holidayCalendarSchema.safeParse(data);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  };

  it('rejects an adjusted working day that is not a weekend day, or is also a holiday', () => {
    expect(messages({ schemaVersion: 1, years: [year({ adjustedWorkingDays: [{ date: '2030-01-02', for: '元旦' }] })] })).toEqual([
      '2030-01-02 is not a Saturday or Sunday',
    ]);
    expect(
      messages({
        schemaVersion: 1,
        years: [year({ holidays: [{ name: '元旦', from: '2029-12-29', to: '2030-01-01' }], adjustedWorkingDays: [{ date: '2029-12-29', for: '元旦' }] })],
      }),
    ).toEqual(['2029-12-29 is also a holiday']);
  });

  it('rejects reversed and overlapping holidays, dates outside the year, and a year twice', () => {
    expect(messages({ schemaVersion: 1, years: [year({ holidays: [{ name: 'x', from: '2030-01-03', to: '2030-01-01' }] })] })).toEqual(['ends before it starts']);
    expect(
      messages({
        schemaVersion: 1,
        years: [year({ holidays: [{ name: 'a', from: '2030-01-01', to: '2030-01-03' }, { name: 'b', from: '2030-01-03', to: '2030-01-04' }] })],
      }),
    ).toEqual(['2030-01-03 is in two holidays']);
    expect(messages({ schemaVersion: 1, years: [year({ holidays: [{ name: 'x', from: '2031-01-01', to: '2031-01-01' }] })] })).toEqual([
      'outside 2030 (or the December before)',
    ]);
    expect(messages({ schemaVersion: 1, years: [year(), year()] })).toEqual(['2030 is listed twice']);
  });

  it('accepts a New Year holiday starting in the previous December (as the 2023 notice did)', () => {
    const data = holidayCalendarSchema.parse({
      schemaVersion: 1,
      years: [year({ year: 2023, holidays: [{ name: '元旦', from: '2022-12-31', to: '2023-01-02' }] })],
    });
    expect(loadWorkingDayCalendar(data).dayInfo('2023-01-02').kind).toBe('holiday');
  });

  it('treats an unverified year as not covered, though it uses its dates', () => {
    const guessed = loadWorkingDayCalendar({
      schemaVersion: 1,
      years: [year({ source: { title: 'draft', documentNumber: null, issuedOn: '2029-11-01', verified: false, checkedAgainst: [] } })],
    });
    expect(guessed.coveredYears).toEqual([]);
    expect(guessed.dayInfo('2030-01-01')).toMatchObject({ kind: 'holiday', covered: false });
  });
});
