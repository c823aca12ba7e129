import type Database from 'better-sqlite3';
import { HallError, type CaseStage, type CaseStatus, type MethodParams } from '../../../shared/contract';
import { computeCaseDeadlines } from '../../../shared/domain/case-deadlines';
import type { CaseEvent } from '../../../shared/domain/case-timeline';
import type { Language } from '../../../shared/domain/languages';
import type { Clock } from '../ports';
import type { VisitorRegistry } from '../visitors/visitor-registry';
import { HallCalendar } from '../calendar/hall-calendar';
import { CaseStatusStore } from './case-status-store';
import { VisitStore } from './visit-store';

/** How case-status look-ups are guarded (docs/kiosk.md repeats the numbers). */
export const CASE_STATUS_POLICY = {
  /** Failed look-ups of one case number within the window after which it is refused. */
  maxFailures: 5,
  windowMs: 15 * 60_000,
  /** How long a refused case number stays refused, whatever the digits. */
  lockoutMs: 15 * 60_000,
} as const;

/** Deadline states that still lie ahead of someone (or are overdue): the ones worth telling the visitor. */
const RUNNING = new Set(['open', 'due_soon', 'due_today', 'overdue']);

/** The stage a timeline's latest step puts the case in. */
export function caseStage(events: readonly CaseEvent[]): CaseStage {
  const last = events.at(-1)?.type ?? 'received';
  switch (last) {
    case 'assigned':
    case 'transferred':
      return 'transferred';
    // The organ objected: the matter goes back to be routed anew.
    case 'jurisdiction_objection':
      return 'received';
    // A hearing is part of the 复核.
    case 'final_review_hearing':
      return 'final_review_requested';
    default:
      return last;
  }
}

/**
 * The kiosk's case-status look-up: case number and the last four digits of the phone
 * on record → the stage and the next deadline, nothing else. Every miss looks the same
 * and costs the same (one decryption); misses are counted per case number in the
 * database and lock it for a while. Nothing here is logged.
 */
export class CaseStatusService {
  private readonly visits: VisitStore;
  private readonly failures: CaseStatusStore;
  /** The working-day calendar in force (the shipped years and the hall's own). */
  private readonly calendar: HallCalendar;

  constructor(
    private readonly db: Database.Database,
    private readonly visitors: VisitorRegistry,
    private readonly clock: Clock,
    /** The hall's service day now (YYYY-MM-DD). */
    private readonly today: () => string,
    /** The hall's time zone, for "try again after 10:45". */
    private readonly timeZone: () => string,
    /**
     * The key the failure counter keeps for a number (PersonalDataCrypto.failureCounterKey
     * 'caseStatus'): a keyed hash, never the text — a visitor may type their ID or phone
     * number into the case-number field (migration 0017).
     */
    private readonly failureKey: (typed: string) => Buffer,
  ) {
    this.visits = new VisitStore(db);
    this.calendar = new HallCalendar(db);
    this.failures = new CaseStatusStore(db);
  }

  lookUp(input: MethodParams<'kiosk.caseStatus'>, language: Language): CaseStatus {
    const now = this.clock.now();
    const found = this.visits.byNumber(input.caseNumber.trim());
    // Counted per case (its case number, whichever number was typed), or per number as typed.
    const key = this.failureKey((found?.case_number ?? input.caseNumber.trim()).toUpperCase());
    const lockedUntil = this.failures.lockedUntil(key, now);
    if (lockedUntil !== null) throw this.locked(lockedUntil, language);

    const matches = this.visitors.phoneEndsWith(found?.visitor_id ?? null, input.phoneLast4);
    if (!found || !matches) {
      const until = this.db
        .transaction(() => {
          if (this.failures.recordFailure(key, now, CASE_STATUS_POLICY.windowMs) < CASE_STATUS_POLICY.maxFailures) return null;
          this.failures.lock(key, now + CASE_STATUS_POLICY.lockoutMs);
          return now + CASE_STATUS_POLICY.lockoutMs;
        })
        .immediate();
      // The same answer for an unknown number, wrong digits and a case without a phone.
      throw until === null ? new HallError('NOT_FOUND', { context: 'caseStatus' }) : this.locked(until, language);
    }
    this.failures.clear(key);

    const events = this.visits.timeline(found.id).map((stored) => stored.event);
    const computed = computeCaseDeadlines(events, this.calendar.optionsOn(this.today()));
    const running = computed.ok ? computed.deadlines.filter((deadline) => RUNNING.has(deadline.status.state)) : [];
    const next = running.sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    const stage = caseStage(events);
    return {
      caseNumber: found.case_number,
      stage,
      nextDeadline: next ? { kind: next.kind, dueDate: next.dueDate, article: next.article } : null,
      closed: stage === 'closed' || stage === 'final_review_answered',
    };
  }

  private locked(until: number, language: Language): HallError {
    const time = new Intl.DateTimeFormat(language, { timeZone: this.timeZone(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(until);
    // lockedUntil lets the kiosk show the time in the visitor's language and the hall's zone.
    return new HallError('CASE_STATUS_LOCKED', { until: time, lockedUntil: until });
  }
}
