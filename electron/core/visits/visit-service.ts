import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
// The attribute lets Node's own ESM loader (Playwright's test runner) read the JSON as well as the bundlers do.
import calendarData from '../../../resources/calendar/cn-holidays.json' with { type: 'json' };
import { DUE_STATES, HallError, type MethodOutput, type MethodParams, type Visit } from '../../../shared/contract';
import { computeCaseDeadlines, type CaseDeadline, type DeadlineOptions } from '../../../shared/domain/case-deadlines';
import { onTimeClosureRate, timelyAcceptanceRate, type CaseRecord, type RateResult } from '../../../shared/domain/case-kpis';
import type { CaseEvent, TimelineError } from '../../../shared/domain/case-timeline';
import { daysBetween, loadWorkingDayCalendar, type WorkingDayCalendar } from '../../../shared/domain/working-days';
import type { CategoryService } from '../categories/category-service';
import type { HallStore } from '../hall/hall-store';
import { checkParty, checkPerson } from '../kiosk/registration-checks';
import type { Clock } from '../ports';
import type { VisitorRegistry } from '../visitors/visitor-registry';
import { VisitStore, type StoredEvent, type VisitRow } from './visit-store';

type CreateInput = MethodParams<'visits.create'>;

/** The shipped public-holiday calendar (resources/calendar/cn-holidays.json): deadlines move off non-working days. */
const CALENDAR: WorkingDayCalendar = loadWorkingDayCalendar(calendarData);

/**
 * The case record (来访登记): registering a walk-in case with its first timeline event,
 * recording its later steps, and the deadlines and KPIs computed from the timelines
 * (docs/visits.md, docs/deadlines.md). Every write is one BEGIN IMMEDIATE transaction;
 * `synchronous=FULL` makes an acknowledged case survive a power cut.
 */
export class VisitService {
  private readonly store: VisitStore;
  private readonly ulid = monotonicFactory();

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly visitors: VisitorRegistry,
    private readonly categories: CategoryService,
    private readonly clock: Clock,
    /** The hall's service day now (YYYY-MM-DD). */
    private readonly today: () => string,
  ) {
    this.store = new VisitStore(db);
  }

  /**
   * Checks everything first (service, category, party, visitor), then writes the
   * visitor, the visit and its `received` event together: bad input writes nothing.
   */
  create(input: CreateInput, staffId: string): Visit {
    const today = this.today();
    if (!this.hall.findService(input.serviceId)) throw new HallError('NOT_FOUND', { context: 'service' });
    checkParty(input.peopleCount, input.representatives); // art. 20
    const person = input.person ? checkPerson(input.person, today) : null;
    // The kiosk's registration of the ticket (visitors.ofTicket's path, transfers followed).
    const ticketVisitorId = input.ticketId ? (this.visitors.ofTicket(input.ticketId, today)?.visitor?.id ?? null) : null;
    if (input.identityUnclear && person) throw new HallError('VALIDATION_FAILED', { fields: 'identityUnclear, person' });
    if (!input.identityUnclear && !person && !ticketVisitorId) throw new HallError('VALIDATION_FAILED', { fields: 'person' });

    const id = this.db
      .transaction(() => {
        // Under the write lock: an import retiring the code cannot slip in between.
        this.categories.requireCurrentCode(input.categoryCode);
        const now = this.clock.now();
        const visitorId = person
          ? this.visitors.createOrUpdate({ idNumber: person.idNumber, name: person.name, phone: person.phone }, input.language, now)
          : ticketVisitorId;
        const siteCode = this.hall.setting<string>('siteCode', 'SITE');
        // Read under the write lock: two desks registering at once get consecutive numbers.
        const seq = this.store.nextSeq(siteCode, today);
        const visitId = this.ulid(now);
        this.store.insertVisit({
          id: visitId,
          site_code: siteCode,
          received_on: today,
          seq,
          case_number: caseNumber(siteCode, today, seq),
          ticket_id: input.ticketId ?? null,
          visitor_id: input.identityUnclear ? null : visitorId,
          identity_unclear: input.identityUnclear ? 1 : 0,
          registered_by: staffId,
          registered_at: now,
          form: 'walk_in',
          people_count: input.peopleCount,
          representatives: input.representatives,
          problem_location: input.problemLocation,
          purpose: input.purpose,
          matter_class: input.matterClass,
          service_id: input.serviceId,
          category_code: input.categoryCode,
          summary: input.summary,
          request: input.request,
          facts_and_reasons: input.factsAndReasons,
          first_time: input.firstTime ? 1 : 0,
          joint_or_group: input.jointOrGroup ? 1 : 0,
          receiver: input.receiver,
        });
        this.store.appendEvent(visitId, { type: 'received', date: today, by: input.receiver }, staffId, null, now);
        return visitId;
      })
      .immediate();
    return this.get(id);
  }

  get(id: string): Visit {
    const row = this.store.visit(id);
    if (!row) throw new HallError('NOT_FOUND', { context: 'visit' });
    return this.toVisit(row, this.store.timeline(id));
  }

  /**
   * Appends a step when the timeline with it is still a possible history with
   * computable deadlines (arts. 22–23, 34–36); TIMELINE_INVALID otherwise, nothing written.
   */
  addEvent(visitId: string, event: CaseEvent, note: string | null, staffId: string): Visit {
    this.db
      .transaction(() => {
        if (!this.store.visit(visitId)) throw new HallError('NOT_FOUND', { context: 'visit' });
        const events = [...this.store.timeline(visitId).map((stored) => stored.event), event];
        const computed = computeCaseDeadlines(events, this.deadlineOptions(this.today()));
        if (!computed.ok) throw timelineError(computed.errors);
        this.store.appendEvent(visitId, event, staffId, note, this.clock.now());
      })
      .immediate();
    return this.get(visitId);
  }

  /** Deadlines due soon, today or overdue on `today`, soonest first; `staffId`: only the cases that staff member registered. */
  dueList(staffId: string | null, today: string = this.today()): MethodOutput<'visits.dueList'> {
    const timelines = this.store.allTimelines();
    const items: MethodOutput<'visits.dueList'>['items'] = [];
    for (const visit of this.store.allVisits()) {
      if (staffId !== null && visit.registered_by !== staffId) continue;
      const computed = computeCaseDeadlines(eventsOf(timelines.get(visit.id)), this.deadlineOptions(today));
      if (!computed.ok) continue; // dated after `today` (a day asked about in the past): nothing is due then
      for (const deadline of computed.deadlines) {
        const state = deadline.status.state;
        if (!isDueState(state)) continue;
        items.push({
          visitId: visit.id,
          caseNumber: visit.case_number,
          registeredBy: visit.registered_by,
          kind: deadline.kind,
          nature: deadline.nature,
          article: deadline.article,
          dueDate: deadline.dueDate,
          state,
          daysLeft: daysBetween(today, deadline.dueDate),
        });
      }
    }
    items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.caseNumber.localeCompare(b.caseNumber));
    return { today, items };
  }

  /** 及时受理率 and 按期办结率 (case-kpis.ts) over the hall's cases, reckoned today. */
  kpis(from: string, to: string): MethodOutput<'visits.kpis'> {
    const timelines = this.store.allTimelines();
    const cases: CaseRecord[] = this.store.allVisits().map((visit) => ({ caseId: visit.id, timeline: eventsOf(timelines.get(visit.id)) }));
    const options = this.deadlineOptions(this.today());
    return {
      timelyAcceptance: rateCounts(timelyAcceptanceRate(cases, { from, to }, options)),
      onTimeClosure: rateCounts(onTimeClosureRate(cases, { from, to }, options)),
    };
  }

  private deadlineOptions(today: string): DeadlineOptions {
    return deadlineOptionsOn(today);
  }

  private toVisit(row: VisitRow, timeline: StoredEvent[]): Visit {
    const computed = computeCaseDeadlines(eventsOf(timeline), this.deadlineOptions(this.today()));
    // Every stored timeline was valid when written; only a clock set back could fail it now.
    const deadlines: CaseDeadline[] = computed.ok ? computed.deadlines : [];
    return {
      id: row.id,
      caseNumber: row.case_number,
      officialNumber: row.official_number,
      ticketId: row.ticket_id,
      visitor: row.visitor_id === null ? null : this.visitors.maskedSummary(row.visitor_id),
      identityUnclear: row.identity_unclear === 1,
      registeredBy: { id: row.registered_by, staffNo: row.registered_by_no, name: row.registered_by_name },
      registeredAt: row.registered_at,
      receivedOn: row.received_on,
      form: row.form,
      serviceId: row.service_id,
      peopleCount: row.people_count,
      representatives: row.representatives,
      problemLocation: row.problem_location,
      purpose: row.purpose,
      matterClass: row.matter_class,
      categoryCode: row.category_code,
      summary: row.summary,
      request: row.request,
      factsAndReasons: row.facts_and_reasons,
      firstTime: row.first_time === 1,
      jointOrGroup: row.joint_or_group === 1,
      receiver: row.receiver,
      timeline,
      deadlines,
      finality: computed.ok ? computed.finality : null,
    };
  }
}

/** The deadline options every case is reckoned with: the shipped calendar, on `today`. */
export function deadlineOptionsOn(today: string): DeadlineOptions {
  return { calendar: CALENDAR, today };
}

/** `<site>-<yyyymmdd>-<seq>` (DESIGN.md §3), the sequence padded to three digits: DEMO-20261124-001. */
export function caseNumber(siteCode: string, receivedOn: string, seq: number): string {
  return `${siteCode}-${receivedOn.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
}

function eventsOf(timeline: readonly StoredEvent[] | undefined): CaseEvent[] {
  return (timeline ?? []).map((stored) => stored.event);
}

function isDueState(state: string): state is (typeof DUE_STATES)[number] {
  return (DUE_STATES as readonly string[]).includes(state);
}

/**
 * The first problem, worded by its context (errors.TIMELINE_INVALID_<code>); all of them
 * in details.problems. A prerequisite that may be one of several names the first.
 */
function timelineError(errors: readonly TimelineError[]): HallError {
  const first = errors[0]!;
  const params: Record<string, string | number> = { ...first.params };
  if (typeof params.requires === 'string') params.requires = params.requires.split('|')[0]!;
  return new HallError('TIMELINE_INVALID', { ...params, context: first.code }, { problems: errors });
}

function rateCounts(result: RateResult): MethodOutput<'visits.kpis'>['timelyAcceptance'] {
  return {
    numerator: result.numerator,
    denominator: result.denominator,
    rate: result.rate,
    pending: result.pending.length,
    invalid: result.invalid.length,
  };
}
