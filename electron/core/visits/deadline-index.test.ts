import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { onTimeClosureRate, timelyAcceptanceRate, type RateResult } from '../../../shared/domain/case-kpis';
import { caseEventSchema, type CaseEvent } from '../../../shared/domain/case-timeline';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { createTestHall, ManualClock } from '../testing/test-core';
import { HallCalendar } from '../calendar/hall-calendar';

/**
 * The deadline index (migration 0011) narrows the due list and the KPIs to the cases
 * that can matter: these tests check that it never hides one, whoever wrote the timeline
 * (registration, a step, the desk's decision) and after a rebuild.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const ID = '44030419750606003' + checkCharacter('44030419750606003');
type Hall = ReturnType<typeof createTestHall>;

function register(hall: Hall, summary = '小区物业费上涨未经业主大会表决') {
  return hall.value('clerk', 'visits.create', {
    person: { idNumber: ID, name: '李建国', phone: '13812345678' },
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '深圳市光明区光明街道东周社区华夏路12号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary,
    request: '要求物业公司按原标准收费',
    firstTime: true,
    jointOrGroup: false,
  }).visit as { id: string; caseNumber: string };
}

const dueKinds = (hall: Hall, today: string) =>
  (hall.value('clerk', 'visits.dueList', { scope: 'hall', today }).items as { caseNumber: string; kind: string; state: string }[]).map(
    (item) => `${item.caseNumber} ${item.kind} ${item.state}`,
  );

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the deadline index', () => {
  it('keeps every write of a timeline in step: registration, a step, and the desk decision', () => {
    const clock = new ManualClock(); // 2026-11-24
    const hall = createTestHall({ clock });
    const a = register(hall);
    const b = register(hall, '噪音扰民');
    // Registered on 11-24: the 15 days of art. 22 end on 12-09.
    expect(dueKinds(hall, '2026-12-08')).toEqual([`${a.caseNumber} referral due_soon`, `${b.caseNumber} referral due_soon`]);

    hall.value('clerk', 'visits.addEvent', { visitId: a.id, event: { type: 'accepted', date: '2026-11-24' } });
    hall.value('clerk', 'visits.decide', { visitId: b.id, decision: { kind: 'assigned', department: '区住房和建设局' } });
    // A's referral was met by accepting it; B's by the assignment, whose receiving organ now owes its notice.
    expect(dueKinds(hall, '2026-12-08')).toEqual([`${b.caseNumber} acceptance_notice due_soon`]);
    // 60 days from 11-24: 2027-01-23 (a Saturday; 2027 is not in the calendar yet, so it stays).
    expect(dueKinds(hall, '2027-01-22').filter((line) => line.startsWith(a.caseNumber))).toEqual([`${a.caseNumber} handling due_soon`]);
    expect(dueKinds(hall, '2027-02-01').filter((line) => line.startsWith(a.caseNumber))).toEqual([`${a.caseNumber} handling overdue`]);
    hall.core.close();
  });

  it('is rebuilt at start-up when it is missing or was computed with another calendar', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deadline-index-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const first = createTestHall({ clock, dataDir });
    const visit = register(first);
    const before = dueKinds(first, '2026-12-09');
    expect(before).toEqual([`${visit.caseNumber} referral due_today`]);
    // As a database from before migration 0011 (or after a calendar update) would be.
    first.core.db.exec('DELETE FROM visit_deadlines; DELETE FROM deadline_index_state;');
    expect(dueKinds(first, '2026-12-09')).toEqual([]);
    first.core.close();

    const second = createTestHall({ clock, dataDir });
    expect(dueKinds(second, '2026-12-09')).toEqual(before);
    second.core.close();
  });

  it('does not keep a case on the list once its windows have lapsed', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const visit = register(hall);
    hall.value('clerk', 'visits.decide', { visitId: visit.id, decision: { kind: 'answered_on_spot', answer: '已当场解释收费依据' } });
    // Answered on the spot: only the 复查 window (30 days from the reply) is left, and it is no one's duty.
    expect(dueKinds(hall, '2026-12-22')).toEqual([`${visit.caseNumber} review_request due_soon`]);
    clock.advance(40 * DAY_MS);
    expect(dueKinds(hall, '2027-01-03')).toEqual([]);
    const candidates = hall.core.db
      .prepare("SELECT COUNT(*) FROM visit_deadlines WHERE met_on IS NULL AND waived = 0 AND (nature = 'duty' OR due_date >= '2027-01-03')")
      .pluck()
      .get();
    expect(candidates).toBe(0);
    hall.core.close();
  });

  it('gives the KPIs the cases received in the period and those whose handling fell in it', () => {
    const clock = new ManualClock(); // 2026-11-24
    const hall = createTestHall({ clock });
    const visit = register(hall);
    hall.value('clerk', 'visits.addEvent', { visitId: visit.id, event: { type: 'accepted', date: '2026-11-24' } });
    clock.advance(10 * DAY_MS);
    hall.value('clerk', 'visits.addEvent', { visitId: visit.id, event: { type: 'replied', date: '2026-12-04' } });
    clock.advance(60 * DAY_MS);
    // Received in November: counted for timely acceptance in November only.
    const november = hall.value('clerk', 'visits.kpis', { from: '2026-11-01', to: '2026-11-30' });
    expect(november.timelyAcceptance).toMatchObject({ numerator: 1, denominator: 1 });
    expect(november.onTimeClosure).toMatchObject({ numerator: 0, denominator: 0 });
    // Replied in December: on time in December's 按期办结率, not in its 及时受理率.
    const december = hall.value('clerk', 'visits.kpis', { from: '2026-12-01', to: '2026-12-31' });
    expect(december.timelyAcceptance).toMatchObject({ numerator: 0, denominator: 0 });
    expect(december.onTimeClosure).toMatchObject({ numerator: 1, denominator: 1 });
    hall.core.close();
  });
});

describe('the KPIs counted over the index', () => {
  it('agree with case-kpis.ts on the same cases, whatever happened to them', () => {
    const clock = new ManualClock(Date.parse('2026-01-05T01:00:00Z'));
    const hall = createTestHall({ clock });
    // A seeded sequence: the same varied hall on every run.
    let seed = 20260105;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const days = (n: number) => Math.floor(random() * n);
    const isoOf = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

    // Cases registered over five months, one to three a day.
    const registered: { id: string; on: number }[] = [];
    for (let day = 0; day < 150; day++) {
      for (let n = 1 + days(3); n > 0; n--) {
        const visit = hall.value('clerk', 'visits.create', {
          person: { idNumber: ID, name: '李建国', phone: '13812345678' },
          serviceId: hall.serviceId('A'),
          peopleCount: 1,
          address: '深圳市光明区光明街道东周社区华夏路12号',
          problemLocationCode: 'guangming-dongzhou',
          purpose: 'seek_resolution',
          matterClass: 'appeal_request',
          categoryCode: '020101',
          summary: `第 ${day} 天的案件`,
          request: '要求依法处理',
          firstTime: true,
          jointOrGroup: false,
          receiver: random() < 0.2 ? 'other_organ' : 'petition_department',
        }).visit;
        registered.push({ id: visit.id, on: clock.now() });
      }
      clock.advance(DAY_MS);
    }
    clock.advance(20 * DAY_MS);
    const end = clock.now();

    // What then happened to each, dated in order up to today: decisions on time or late, replies, extensions, closings.
    const step = (id: string, event: Record<string, unknown>) => hall.call('clerk', 'visits.addEvent', { visitId: id, event });
    for (const { id, on } of registered) {
      let at = on;
      const next = (max: number) => {
        at = Math.min(end, at + days(max) * DAY_MS);
        return isoOf(at);
      };
      const path = random();
      if (path < 0.1) continue; // nothing done yet
      if (path < 0.2) {
        step(id, { type: 'closed', date: next(20) });
        continue;
      }
      if (path < 0.3) {
        step(id, { type: 'not_accepted', date: next(25) });
        continue;
      }
      if (path < 0.5) step(id, { type: random() < 0.5 ? 'transferred' : 'assigned', date: next(20) });
      step(id, { type: 'accepted', date: next(path < 0.5 ? 20 : 25) });
      if (random() < 0.25) step(id, { type: 'extended', date: next(40), days: 1 + days(30), reason: '情况复杂' });
      const end_ = random();
      if (end_ < 0.6) step(id, { type: 'replied', date: next(100) });
      else if (end_ < 0.8) step(id, { type: 'closed', date: next(100) });
    }

    // The reference: every timeline through case-kpis.ts.
    const today = hall.value('clerk', 'visits.mine', {}).day as string;
    const timelines = new Map<string, CaseEvent[]>();
    for (const row of hall.core.db.prepare('SELECT visit_id, type, date, details FROM visit_events ORDER BY visit_id, id').all() as {
      visit_id: string;
      type: string;
      date: string;
      details: string;
    }[]) {
      const event = caseEventSchema.parse({ type: row.type, date: row.date, ...JSON.parse(row.details) });
      timelines.set(row.visit_id, [...(timelines.get(row.visit_id) ?? []), event]);
    }
    const cases = [...timelines].map(([caseId, timeline]) => ({ caseId, timeline }));
    const options = new HallCalendar(hall.core.db).optionsOn(today);
    const periods = [
      { from: '2026-01-01', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-31' },
      { from: '2026-04-01', to: '2026-04-30' },
      { from: '2026-05-01', to: '2026-05-31' },
      { from: '2026-06-01', to: '2026-06-30' },
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2026-02-14', to: '2026-02-14' },
    ];
    const counts = (result: RateResult) => ({ numerator: result.numerator, denominator: result.denominator, pending: result.pending.length });
    let late = 0;
    for (const period of periods) {
      const answered = hall.value('clerk', 'visits.kpis', period);
      const timely = timelyAcceptanceRate(cases, period, options);
      const onTime = onTimeClosureRate(cases, period, options);
      expect({ period, ...answered.timelyAcceptance }).toMatchObject({ period, ...counts(timely), invalid: 0 });
      expect({ period, ...answered.onTimeClosure }).toMatchObject({ period, ...counts(onTime) });
      late += timely.late.length + onTime.late.length;
    }
    // The hall is varied enough to test something: cases on time, late and pending in both rates.
    const year = hall.value('clerk', 'visits.kpis', periods[6]);
    expect(year.timelyAcceptance.numerator).toBeGreaterThan(20);
    expect(year.onTimeClosure.numerator).toBeGreaterThan(20);
    expect(late).toBeGreaterThan(20);
    expect(year.timelyAcceptance.pending + year.onTimeClosure.pending).toBeGreaterThan(5);
    hall.core.close();
  });

  it('answer for a year at most', () => {
    const hall = createTestHall();
    const reply = hall.call('clerk', 'visits.kpis', { from: '2025-01-01', to: '2026-06-30' });
    expect(reply.ok ? null : reply.error.code).toBe('RANGE_TOO_LONG');
    hall.core.close();
  });
});
