import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import { DUE_STATES, HallError, type CaseTag, type HistoryWarning, type MethodOutput, type MethodParams, type Visit } from '../../../shared/contract';
import { computeCaseDeadlines, type CaseDeadline, type DeadlineOptions } from '../../../shared/domain/case-deadlines';
import type { CaseEvent, TimelineError } from '../../../shared/domain/case-timeline';
import { MAX_REPRESENTATIVES } from '../../../shared/domain/kiosk-settings';
import { checkIdNumber } from '../../../shared/domain/resident-id';
import { daysBetween } from '../../../shared/domain/working-days';
import type { AuditLog } from '../audit/audit-log';
import type { CategoryService } from '../categories/category-service';
import type { HallStore } from '../hall/hall-store';
import { checkPerson, type CheckedPerson } from '../kiosk/registration-checks';
import type { LocationService } from '../locations/location-service';
import type { Clock } from '../ports';
import type { VisitorRegistry } from '../visitors/visitor-registry';
import { DeadlineIndex, type CalendarSource } from './deadline-index';
import { visitSummaries } from './visit-summaries';
import { VisitStore, type StoredEvent, type VisitRow } from './visit-store';

type CreateInput = MethodParams<'visits.create'>;

/** visits.kpis answers for a year at most (as the other statistics). */
const MAX_KPI_DAYS = 366;
/** visits.history lists at most this many cases (the warnings count them all). */
const HISTORY_LIMIT = 50;
/** Steps after which a matter is handled (art. 19 para. 3: "已经受理或者正在办理"), and those that end the handling. */
const HANDLING_STARTED = new Set<CaseEvent['type']>(['accepted', 'transferred', 'assigned']);
const HANDLING_ENDED = new Set<CaseEvent['type']>(['replied', 'closed', 'not_accepted']);

/** Whether a matter is being handled: accepted or passed on and not yet answered, or in a 复查 / 复核 not yet answered (arts. 35–36). */
export function inHandling(types: ReadonlySet<CaseEvent['type']>): boolean {
  const handled = [...HANDLING_STARTED].some((type) => types.has(type)) && ![...HANDLING_ENDED].some((type) => types.has(type));
  const inReview = types.has('review_requested') && !types.has('review_answered');
  const inFinalReview = types.has('final_review_requested') && !types.has('final_review_answered');
  return handled || inReview || inFinalReview;
}

/**
 * The case record (来访登记): registering a walk-in case with its first timeline event,
 * recording its later steps, and the deadlines and KPIs computed from the timelines
 * (docs/visits.md, docs/deadlines.md). Every write is one BEGIN IMMEDIATE transaction;
 * `synchronous=FULL` makes an acknowledged case survive a power cut.
 */
export class VisitService {
  private readonly store: VisitStore;
  private readonly ulid = monotonicFactory();
  /** Every writer of a timeline refreshes it in the write's transaction (DecisionService too). */
  readonly deadlineIndex: DeadlineIndex;

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly visitors: VisitorRegistry,
    private readonly categories: CategoryService,
    private readonly locations: LocationService,
    private readonly clock: Clock,
    /** The hall's service day now (YYYY-MM-DD). */
    private readonly today: () => string,
    /** The site's audit log: who changed a case's tags (setTags). */
    private readonly audit: AuditLog,
    /** The working-day calendar in force (HallCalendar: the shipped years and the hall's own); deadlines move off non-working days. */
    calendar: CalendarSource,
  ) {
    this.store = new VisitStore(db);
    this.deadlineIndex = new DeadlineIndex(db, calendar);
  }

  /**
   * Checks everything first (service, people, art. 20, tags), then writes the visitors,
   * the visit, the people listed, its tags and its `received` event together: bad input
   * writes nothing. The category and the location are checked under the write lock, so an
   * import retiring them cannot slip in between.
   */
  create(input: CreateInput, staffId: string): Visit {
    const today = this.today();
    if (!this.hall.findService(input.serviceId)) throw new HallError('NOT_FOUND', { context: 'service' });
    const person = input.person ? checkPerson(input.person, today) : null;
    // The kiosk's registration of the ticket (visitors.ofTicket's path, transfers followed).
    const ticketVisitorId = input.ticketId ? (this.visitors.ofTicket(input.ticketId, today)?.visitor?.id ?? null) : null;
    if (input.identityUnclear && person) throw new HallError('VALIDATION_FAILED', { fields: 'identityUnclear, person' });
    // 姓名住址不清 names nobody: companions would be listed without a main visitor.
    if (input.identityUnclear && input.companions.length > 0) throw new HallError('VALIDATION_FAILED', { fields: 'identityUnclear, companions' });
    if (!input.identityUnclear && !person && !ticketVisitorId) throw new HallError('VALIDATION_FAILED', { fields: 'person' });
    // Art. 19: a petition gives the petitioner's 住址.
    if (!input.identityUnclear && input.address === '') throw new HallError('VALIDATION_FAILED', { fields: 'address' });
    const companions = input.companions.map((companion, index) => ({ ...companion, person: checkCompanion(companion.person, index, today) }));
    // The same person twice, as typed (the kiosk's visitor is compared by id below, under the lock).
    const typedIds = [person?.idNumber, ...companions.map((companion) => companion.person.idNumber)];
    companions.forEach((companion, index) => {
      if (typedIds.indexOf(companion.person.idNumber) < index + 1) throw duplicatePerson(index);
    });
    const representatives = checkListed(input.peopleCount, (input.identityUnclear ? 0 : 1) + companions.length);
    checkTags(input.tags);

    const id = this.db
      .transaction(() => {
        // Again under the write lock: a service removed meanwhile is NOT_FOUND, not a foreign-key failure.
        if (!this.hall.findService(input.serviceId)) throw new HallError('NOT_FOUND', { context: 'service' });
        this.categories.requireCurrentCode(input.categoryCode);
        const { path } = this.locations.requireActive(input.problemLocationCode);
        const now = this.clock.now();
        const visitorId = person ? this.createOrUpdate(person, input.language, now) : ticketVisitorId;
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
          representatives,
          problem_location: path,
          problem_location_code: input.problemLocationCode,
          address: input.address,
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
        const listed = input.identityUnclear || visitorId === null ? [] : [visitorId];
        if (visitorId !== null && !input.identityUnclear) this.store.insertPerson(visitId, 0, visitorId, input.address);
        companions.forEach((companion, index) => {
          const companionId = this.createOrUpdate(companion.person, input.language, now);
          // The kiosk's visitor typed again as a companion: the same person twice.
          if (listed.includes(companionId)) throw duplicatePerson(index);
          listed.push(companionId);
          this.store.insertPerson(visitId, listed.length - 1, companionId, companion.address);
        });
        this.store.replaceTags(visitId, input.tags);
        this.store.appendEvent(visitId, { type: 'received', date: today, by: input.receiver }, staffId, null, now);
        this.deadlineIndex.refresh(visitId);
        return visitId;
      })
      .immediate();
    return this.get(id);
  }

  /**
   * Replaces the tags of a case (积案, 六无, 三跨三分离, 领导包案) in one transaction with
   * the audit row that names who did it (`visit.tags`, details `{ tags }`: the leader of a
   * 领导包案 is an official, by name and post — no visitor's data).
   */
  setTags(visitId: string, tags: CaseTag[], staffId: string): Visit {
    checkTags(tags);
    this.db
      .transaction(() => {
        if (!this.store.visit(visitId)) throw new HallError('NOT_FOUND', { context: 'visit' });
        this.store.replaceTags(visitId, tags);
        this.audit.append({ at: this.clock.now(), actorId: staffId, action: 'visit.tags', subject: `visit:${visitId}`, details: { tags } });
      })
      .immediate();
    return this.get(visitId);
  }

  /**
   * A visitor's earlier cases and what the desk must notice (visits.history): found by
   * id, or by an ID number typed at the desk through the blind index — an unknown number
   * is nobody yet, not an error. Reads only the visitor's own cases (by index).
   */
  history(input: MethodParams<'visits.history'>): MethodOutput<'visits.history'> {
    let visitorId: string | null;
    if (input.idNumber !== undefined) {
      const id = checkIdNumber(input.idNumber, this.today());
      if (!id.ok) throw new HallError('INVALID_ID', { context: id.problem, length: input.idNumber.replace(/\s+/g, '').length });
      visitorId = this.visitors.findByIdNumber(id.canonical);
      if (visitorId === null) return { visitor: null, visits: [], warnings: [] };
    } else {
      visitorId = input.visitorId!;
      if (!this.visitors.exists(visitorId)) throw new HallError('NOT_FOUND', { context: 'visitor' });
    }
    const today = this.today();
    // All of them (a visitor has a handful, a long-standing petitioner a few hundred): the warnings count every one.
    const cases = this.store.ofVisitor(visitorId, input.excludeVisitId ?? null, -1);
    const warnings: HistoryWarning[] = [];
    if (cases.length > 0) warnings.push({ kind: 'repeat_visit', earlierVisits: cases.length, lastVisitOn: cases[0]!.received_on });
    if (input.categoryCode !== undefined) {
      const same = cases.filter((row) => row.category_code === input.categoryCode);
      const timelines = this.store.timelinesOf(same.map((row) => row.id));
      for (const row of same) {
        const types = new Set(eventsOf(timelines.get(row.id)).map((event) => event.type));
        const common = { visitId: row.id, caseNumber: row.case_number, categoryCode: row.category_code };
        if (types.has('final_review_answered')) warnings.push({ kind: 'same_matter_final', ...common, article: { article: 36, paragraph: 3 } });
        else if (inHandling(types)) {
          warnings.push({ kind: 'same_matter_in_handling', ...common, article: { article: 19, paragraph: 3 } });
        }
      }
    }
    const shown = cases.slice(0, HISTORY_LIMIT).map((row) => row.id);
    return { visitor: this.visitors.maskedSummary(visitorId), visits: visitSummaries(this.db, shown, this.deadlineOptions(today)), warnings };
  }

  /** The cases a clerk registered on a service day (default today), newest first. */
  mine(staffId: string, day: string = this.today()): MethodOutput<'visits.mine'> {
    return { day, visits: visitSummaries(this.db, this.store.registeredBy(staffId, day), this.deadlineOptions(this.today())) };
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
        this.deadlineIndex.refresh(visitId);
      })
      .immediate();
    return this.get(visitId);
  }

  /** Deadlines due soon, today or overdue on `today`, soonest first; `staffId`: only the cases that staff member registered. */
  dueList(staffId: string | null, today: string = this.today()): MethodOutput<'visits.dueList'> {
    const items: MethodOutput<'visits.dueList'>['items'] = [];
    // The index names the cases with a deadline running out by then; each is computed exactly.
    for (const visitId of this.deadlineIndex.casesDueBy(today)) {
      const visit = this.store.visit(visitId);
      if (!visit || (staffId !== null && visit.registered_by !== staffId)) continue;
      const computed = computeCaseDeadlines(eventsOf(this.store.timeline(visitId)), this.deadlineOptions(today));
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

  /** 及时受理率 and 按期办结率 (case-kpis.ts) over a period of at most a year, reckoned today (the deadline index counts them). */
  kpis(from: string, to: string): MethodOutput<'visits.kpis'> {
    if (daysBetween(from, to) >= MAX_KPI_DAYS) throw new HallError('RANGE_TOO_LONG', { days: MAX_KPI_DAYS });
    return this.deadlineIndex.kpis(from, to, this.today());
  }

  /** Creates or updates a listed person by their ID's keyed hash (the kiosk's way). */
  private createOrUpdate(person: CheckedPerson, language: CreateInput['language'], now: number): string {
    return this.visitors.createOrUpdate({ idNumber: person.idNumber, name: person.name, phone: person.phone }, language, now);
  }

  /** Everyone listed, masked; a case from before migration 0009 lists its main visitor only. */
  private peopleOf(row: VisitRow): Visit['people'] {
    const people = this.store.people(row.id);
    if (people.length === 0 && row.visitor_id !== null) return [{ ...this.visitors.maskedSummary(row.visitor_id), address: row.address }];
    return people.map((person) => ({ ...this.visitors.maskedSummary(person.visitor_id), address: person.address }));
  }

  private deadlineOptions(today: string): DeadlineOptions {
    return this.deadlineIndex.optionsOn(today);
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
      address: row.address,
      // Cases registered before the street / community list have only the free text.
      problemLocationCode: row.problem_location_code ?? '',
      problemLocation: row.problem_location,
      people: this.peopleOf(row),
      tags: this.store.tags(row.id),
      decision: this.store.decision(row.id),
      attachments: this.store.attachments(row.id),
      rating: this.store.rating(row.id),
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

/** `<site>-<yyyymmdd>-<seq>` (DESIGN.md §3), the sequence padded to three digits: DEMO-20261124-001. */
export function caseNumber(siteCode: string, receivedOn: string, seq: number): string {
  return `${siteCode}-${receivedOn.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
}

/**
 * Art. 20: at most five listed (the main visitor and the companions), and no more than
 * came. Returns the representatives to store: the number listed when more than five came
 * (they are the elected representatives), null otherwise.
 */
function checkListed(peopleCount: number, listed: number): number | null {
  if (listed > MAX_REPRESENTATIVES) throw new HallError('TOO_MANY_REPRESENTATIVES', { context: 'listed', listed, max: MAX_REPRESENTATIVES });
  if (listed > peopleCount) throw new HallError('TOO_MANY_REPRESENTATIVES', { context: 'people_count', listed, peopleCount });
  if (peopleCount <= MAX_REPRESENTATIVES) return null;
  if (listed === 0) throw new HallError('REPRESENTATIVES_REQUIRED', { partySize: peopleCount, max: MAX_REPRESENTATIVES });
  return listed;
}

/** A companion's ID and phone, as the main visitor's are checked; the error says which companion. */
function checkCompanion(person: NonNullable<CreateInput['person']>, index: number, today: string): CheckedPerson {
  try {
    return checkPerson(person, today);
  } catch (error) {
    if (error instanceof HallError) throw new HallError(error.code, error.params, { ...error.details, field: `companions.${index}.person` });
    throw error;
  }
}

function duplicatePerson(companionIndex: number): HallError {
  return new HallError('VALIDATION_FAILED', { context: 'duplicate', fields: `companions.${companionIndex}.person.idNumber` });
}

/** Each kind once (the table's key): 领导包案 names one leader. */
function checkTags(tags: readonly CaseTag[]): void {
  const kinds = tags.map((tag) => tag.kind);
  if (new Set(kinds).size !== kinds.length) throw new HallError('VALIDATION_FAILED', { fields: 'tags' });
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
export function timelineError(errors: readonly TimelineError[]): HallError {
  const first = errors[0]!;
  const params: Record<string, string | number> = { ...first.params };
  if (typeof params.requires === 'string') params.requires = params.requires.split('|')[0]!;
  return new HallError('TIMELINE_INVALID', { ...params, context: first.code }, { problems: errors });
}

