import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18nResources } from '../i18n';
import { calendarProblems, calendarProblemText, type CalendarProblem } from './calendar-problems';
import { holidayCalendarSchema, holidayYearSchema } from './working-days';

/** The admin page words a refused calendar from these: each problem placed in its year and field. */

const i18n = i18next.createInstance();
void i18n.init({ resources: i18nResources, lng: 'zh-CN', initAsync: false, interpolation: { escapeValue: false } });
const words = (problem: CalendarProblem, placed = false, language = 'zh-CN') => {
  const { location, message } = calendarProblemText(problem, placed);
  const t = i18n.getFixedT(language);
  return `${location ? t(location.key, location.options) : ''}${t(message.key, message.options)}`;
};

const year = (changes: Record<string, unknown> = {}) => ({
  year: 2027,
  source: { title: '测试', documentNumber: null, issuedOn: '2026-11-10', verified: true, checkedAgainst: [] },
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  adjustedWorkingDays: [],
  ...changes,
});

describe('a refused calendar, worded', () => {
  it('places the problems of a year in its fields, and words them beside the field or with where they are', () => {
    const entry = year({
      holidays: [
        { name: '元旦', from: '2027-01-03', to: '2027-01-01' },
        { name: '', from: '2027-02-30', to: '2027-02-10' },
      ],
      adjustedWorkingDays: [{ date: '2027-02-17', for: '春节' }],
    });
    const problems = calendarProblems(holidayYearSchema.safeParse(entry).error!.issues, entry, 'year');
    // The shapes first, then the checks between dates (a date refused is left out of those).
    expect(problems.map((problem) => [problem.path.join('.'), problem.code])).toEqual([
      ['holidays.1.name', 'bad_text'],
      ['holidays.1.from', 'bad_date'],
      ['holidays.0.to', 'ends_before_start'],
      ['adjustedWorkingDays.0.date', 'not_weekend'],
    ]);
    expect(words(problems[2]!, true)).toBe('结束日期 2027-01-01 早于开始日期 2027-01-03');
    expect(words(problems[0]!, true)).toBe('“名称”不能为空，也不能过长');
    expect(words(problems[1]!)).toBe('2027 年第 2 个假期：“开始”应为有效日期');
    expect(words(problems[1]!, false, 'en')).toBe('2027, holiday 2: “From” must be a valid date');
    expect(words(problems[1]!, false, 'zh-HK')).toBe('2027 年第 2 個假期：「開始」應為有效日期');
    expect(words(problems[3]!)).toBe('2027 年第 1 个调休上班日：2027-02-17 不是周六或周日：调休上班日只能是周末');
  });

  it('names a file’s entries by their year, or by their place when the year is bad', () => {
    const file = { schemaVersion: 1, years: [year({ adjustedWorkingDays: [{ date: '2027-01-02', for: '元旦' }] }), { year: 'next', holidays: [] }] };
    const problems = calendarProblems(holidayCalendarSchema.safeParse(file).error!.issues, file, 'file');
    expect(problems.map((problem) => words(problem))).toEqual(
      expect.arrayContaining(['2027 年第 1 个调休上班日：2027-01-02 也是假期，不能同时是调休上班日', '第 2 项：年份应为 2000 至 2100 之间的整数', '第 2 项：此项的值不正确或缺少']),
    );
    const notACalendar = calendarProblems(holidayCalendarSchema.safeParse([]).error!.issues, [], 'file');
    expect(notACalendar.map((problem) => problem.code)).toEqual(['not_a_calendar']);
    expect(words(notACalendar[0]!, false, 'en')).toMatch(/^Not a calendar file/);
  });
});
