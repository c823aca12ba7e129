import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import shipped from '../../../resources/calendar/cn-holidays.json' with { type: 'json' };
import { checkCharacter } from '../../../shared/domain/resident-id';
import { createTestHall, ManualClock } from '../testing/test-core';
import { HallCalendar } from './hall-calendar';

/**
 * The working-day calendar an admin sets (calendar.*, docs/deadlines.md "The hall's own
 * years"): stored in the database beside the shipped default, and every case's deadlines
 * re-dated in the transaction of the change.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const ID = '44030419750606003' + checkCharacter('44030419750606003');
type Hall = ReturnType<typeof createTestHall>;

/** A 2027 entry for the tests: the State Council had not published the 2027 notice when this was written. */
function year2027(changes: Record<string, unknown> = {}) {
  return {
    year: 2027,
    source: {
      title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
      documentNumber: null,
      issuedOn: '2026-11-10',
      verified: true,
      checkedAgainst: ['test data, not a real notice'],
    },
    holidays: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-06', to: '2027-02-13' },
    ],
    adjustedWorkingDays: [{ date: '2027-02-20', for: '春节' }],
    ...changes,
  };
}

function register(hall: Hall) {
  return hall.value('clerk', 'visits.create', {
    person: { idNumber: ID, name: '李建国', phone: '13812345678' },
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '深圳市光明区光明街道东周社区华夏路12号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决',
    request: '要求物业公司按原标准收费',
    firstTime: true,
    jointOrGroup: false,
  }).visit as { id: string; caseNumber: string };
}

const referral = (hall: Hall, visitId: string) =>
  (hall.value('clerk', 'visits.get', { id: visitId }).visit.deadlines as { kind: string; dueDate: string; unmovedDueDate?: string; calendarCovered: boolean }[]).find(
    (deadline) => deadline.kind === 'referral',
  );

const yearsOf = (hall: Hall) =>
  (hall.value('admin', 'calendar.get', {}).years as { entry: { year: number }; origin: string; replacesShipped: boolean }[]).map(
    ({ entry, origin, replacesShipped }) => `${entry.year} ${origin}${replacesShipped ? ' (replaces shipped)' : ''}`,
  );

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the working-day calendar', () => {
  it('lists the shipped years until the hall sets its own', () => {
    const hall = createTestHall();
    const calendar = hall.value('admin', 'calendar.get', {});
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped']);
    expect(calendar.coveredYears).toEqual([2025, 2026]);
    expect(calendar.years[1].entry.holidays[1]).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(hall.call('clerk', 'calendar.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    hall.core.close();
  });

  it('moves a deadline that falls on a day made a holiday to the next working day, in every case, and says how many moved', () => {
    const clock = new ManualClock(); // 2026-11-24
    const hall = createTestHall({ clock });
    const early = register(hall); // referral due 2026-12-09
    clock.advance(23 * DAY_MS);
    const late = register(hall); // registered 2026-12-17: 15 days end on Friday 2027-01-01
    expect(referral(hall, late.id)).toMatchObject({ dueDate: '2027-01-01', calendarCovered: false });

    expect(hall.value('admin', 'calendar.saveYear', year2027())).toEqual({ year: 2027, cases: 2, redated: 1 });
    // New Year's Day 2027 is a holiday now, and the weekend after it: the last day is Monday 01-04.
    expect(referral(hall, late.id)).toMatchObject({ dueDate: '2027-01-04', unmovedDueDate: '2027-01-01', calendarCovered: true });
    expect(referral(hall, early.id)).toMatchObject({ dueDate: '2026-12-09' });
    // The due list reads the re-dated index: not due on 01-01 any more.
    const due = (today: string) =>
      (hall.value('clerk', 'visits.dueList', { scope: 'hall', today }).items as { caseNumber: string; state: string }[])
        .filter((item) => item.caseNumber === late.caseNumber)
        .map((item) => `${item.caseNumber} ${item.state}`);
    expect(due('2027-01-01')).toEqual([`${late.caseNumber} due_soon`]);
    expect(due('2027-01-04')).toEqual([`${late.caseNumber} due_today`]);
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped', '2027 hall']);
    expect(hall.value('admin', 'calendar.get', {}).coveredYears).toEqual([2025, 2026, 2027]);

    // Given back: 2027 is unknown again, the case's last day back on 01-01.
    expect(hall.value('admin', 'calendar.resetYear', { year: 2027 })).toEqual({ year: 2027, restored: 'none', cases: 2, redated: 1 });
    expect(referral(hall, late.id)).toMatchObject({ dueDate: '2027-01-01' });
    expect(hall.call('admin', 'calendar.resetYear', { year: 2027 }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'The hall has set nothing of its own for 2027: it has nothing to restore.' },
    });
    hall.core.close();
  });

  it('replaces a shipped year, and gives it back', () => {
    const hall = createTestHall();
    const shipped2026 = hall.value('admin', 'calendar.get', {}).years[1].entry;
    const with2026 = { ...shipped2026, holidays: [...shipped2026.holidays, { name: '示例假日', from: '2026-12-09', to: '2026-12-09' }] };
    const visit = register(hall); // referral due Wednesday 2026-12-09
    expect(hall.value('admin', 'calendar.saveYear', with2026)).toEqual({ year: 2026, cases: 1, redated: 1 });
    expect(referral(hall, visit.id)).toMatchObject({ dueDate: '2026-12-10', unmovedDueDate: '2026-12-09' });
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 hall (replaces shipped)']);
    expect(hall.value('admin', 'calendar.resetYear', { year: 2026 })).toMatchObject({ restored: 'shipped', redated: 1 });
    expect(referral(hall, visit.id)).toMatchObject({ dueDate: '2026-12-09' });
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped']);
    // Saving the shipped entry as it is keeps it the shipped one (a later release's correction still reaches the hall).
    expect(hall.value('admin', 'calendar.saveYear', shipped2026)).toMatchObject({ redated: 0 });
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped']);
    hall.core.close();
  });

  it('refuses a year with problems, each placed and worded, and changes nothing', () => {
    const hall = createTestHall();
    const visit = register(hall);
    const before = hall.core.db.prepare('SELECT visit_id, position, due_date FROM visit_deadlines ORDER BY 1, 2').all();
    const bad = year2027({
      holidays: [
        { name: '元旦', from: '2027-01-03', to: '2027-01-01' },
        { name: '春节', from: '2027-02-06', to: '2027-02-13' },
        { name: '重复', from: '2027-02-13', to: '2027-02-14' },
      ],
      adjustedWorkingDays: [{ date: '2027-02-17', for: '春节' }],
    });
    const reply = hall.call('admin', 'calendar.saveYear', bad, 'en');
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'The year was not saved: it has problems (3), each shown beside its field.' } });
    const problems = reply.ok ? [] : (reply.error.details as { problems: unknown[] }).problems;
    expect(problems).toEqual([
      { year: 2027, path: ['holidays', 0, 'to'], code: 'ends_before_start', params: { from: '2027-01-03', to: '2027-01-01' } },
      { year: 2027, path: ['holidays', 2], code: 'in_two_holidays', params: { day: '2027-02-13' } },
      { year: 2027, path: ['adjustedWorkingDays', 0, 'date'], code: 'not_weekend', params: { day: '2027-02-17' } },
    ]);
    // Shapes are the contract's: a year out of range, an empty name.
    expect(hall.call('admin', 'calendar.saveYear', year2027({ year: 1999 }))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('admin', 'calendar.saveYear', year2027({ holidays: [] }))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped']);
    expect(hall.core.db.prepare('SELECT visit_id, position, due_date FROM visit_deadlines ORDER BY 1, 2').all()).toEqual(before);
    expect(referral(hall, visit.id)).toMatchObject({ dueDate: '2026-12-09' });
    hall.core.close();
  });

  it('refuses a year that sets a day another year already sets', () => {
    const hall = createTestHall();
    hall.value('admin', 'calendar.saveYear', year2027({ holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }] }));
    const shipped2026 = hall.value('admin', 'calendar.get', {}).years[1].entry;
    const reply = hall.call('admin', 'calendar.saveYear', { ...shipped2026, holidays: [...shipped2026.holidays, { name: '岁末', from: '2026-12-31', to: '2026-12-31' }] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { problems: [{ year: 2027, path: [], code: 'set_by_other_year', params: { day: '2026-12-31', other: 2026 } }] } } });
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped', '2027 hall']);
    hall.core.close();
  });

  it('imports a file shaped like the shipped one: its years added or replaced, the others kept; a bad file imports nothing', () => {
    const hall = createTestHall();
    const file = { ...shipped, years: [shipped.years[1], year2027()] };
    expect(hall.value('admin', 'calendar.importFile', { content: JSON.stringify(file) })).toEqual({ years: [2026, 2027], cases: 0, redated: 0 });
    // 2026 as shipped stays the shipped year.
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped', '2027 hall']);

    expect(hall.call('admin', 'calendar.importFile', { content: '{"schemaVersion": 1, "years": [' }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_INVALID', details: { problems: [{ path: [], code: 'json_syntax', params: {} }] } },
    });
    const bad = { schemaVersion: 1, years: [year2027({ adjustedWorkingDays: [{ date: '2027-01-02', for: '元旦' }] }), { year: 2028 }] };
    const reply = hall.call('admin', 'calendar.importFile', { content: JSON.stringify(bad) });
    expect(reply.ok).toBe(false);
    const problems = reply.ok ? [] : (reply.error.details as { problems: { year?: number; path: unknown[]; code: string }[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ year: 2027, path: ['adjustedWorkingDays', 0, 'date'], code: 'also_holiday' }),
        expect.objectContaining({ year: 2028, path: ['source'], code: 'bad_value' }),
        expect.objectContaining({ year: 2028, path: ['holidays'], code: 'bad_value' }),
      ]),
    );
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped', '2027 hall']);
    hall.core.close();
  });

  it('keeps the hall’s years and the index in step across a restart: no rebuild when nothing changed', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'calendar-'));
    dirs.push(dataDir);
    const clock = new ManualClock(Date.parse('2026-12-17T01:00:00Z'));
    const first = createTestHall({ clock, dataDir });
    const visit = register(first);
    first.value('admin', 'calendar.saveYear', year2027());
    first.core.close();

    const logged: string[] = [];
    const logger = { info: (message: string) => logged.push(message), warn: () => {}, error: () => {} };
    const second = createTestHall({ clock, dataDir, logger });
    expect(logged).not.toContain('deadline index rebuilt');
    expect(referral(second, visit.id)).toMatchObject({ dueDate: '2027-01-04' });
    const state = second.core.db.prepare('SELECT calendar_checksum FROM deadline_index_state').pluck().get();
    expect(state).toBe(new HallCalendar(second.core.db).current().checksum);
    second.core.close();
  });

  it('writes neither the calendar nor any case’s dates when the re-dating fails: one transaction', () => {
    const clock = new ManualClock(Date.parse('2026-12-17T01:00:00Z'));
    const hall = createTestHall({ clock });
    const visit = register(hall);
    hall.core.db.exec("CREATE TEMP TRIGGER no_deadlines BEFORE INSERT ON visit_deadlines BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(hall.call('admin', 'calendar.saveYear', year2027())).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    hall.core.db.exec('DROP TRIGGER no_deadlines');
    expect(yearsOf(hall)).toEqual(['2025 shipped', '2026 shipped']);
    expect(referral(hall, visit.id)).toMatchObject({ dueDate: '2027-01-01' });
    expect(hall.core.db.prepare('SELECT due_date FROM visit_deadlines WHERE visit_id = ? AND kind = ?').pluck().get(visit.id, 'referral')).toBe('2027-01-01');
    hall.core.close();
  });
});
