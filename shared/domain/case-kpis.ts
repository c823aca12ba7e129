import type { CaseEvent, TimelineError } from './case-timeline';
import { computeCaseDeadlines, type CaseDeadline, type DeadlineOptions } from './case-deadlines';

/**
 * The two rates the bureau is judged on, over cases' timelines. Definitions in
 * docs/deadlines.md ("KPIs"); in short:
 *
 * - 及时受理率: cases RECEIVED in the period whose acceptance decision was notified (or
 *   that were closed before one) and whose every intake duty (art. 22 referral, art. 23
 *   written notice) was met on time.
 * - 按期办结率: accepted cases whose handling deadline FELL in the period or that were
 *   CLOSED (replied, or otherwise closed) in it, closed by the deadline including a
 *   granted extension (art. 34).
 *
 * A case whose outcome is not known yet (deadline still running, step not taken) is
 * `pending`: in neither numerator nor denominator. A case whose timeline is invalid is
 * listed under `invalid` and counted nowhere: it must be corrected, never guessed.
 */

export interface CaseRecord {
  caseId: string;
  timeline: readonly CaseEvent[];
}

/** Inclusive `YYYY-MM-DD` bounds. */
export interface Period {
  from: string;
  to: string;
}

export interface RateResult {
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when no case counts. */
  rate: number | null;
  onTime: string[];
  late: string[];
  pending: string[];
  invalid: { caseId: string; errors: TimelineError[] }[];
}

type Verdict = 'on_time' | 'late' | 'pending' | 'out_of_scope';

const inPeriod = (date: string, period: Period) => date >= period.from && date <= period.to;

const LATE = new Set(['met_late', 'overdue']);

function tally(cases: readonly CaseRecord[], options: DeadlineOptions, judge: (deadlines: CaseDeadline[], timeline: readonly CaseEvent[]) => Verdict): RateResult {
  const result: RateResult = { numerator: 0, denominator: 0, rate: null, onTime: [], late: [], pending: [], invalid: [] };
  for (const { caseId, timeline } of cases) {
    const computed = computeCaseDeadlines(timeline, options);
    if (!computed.ok) {
      result.invalid.push({ caseId, errors: computed.errors });
      continue;
    }
    const verdict = judge(computed.deadlines, timeline);
    if (verdict === 'on_time') result.onTime.push(caseId);
    else if (verdict === 'late') result.late.push(caseId);
    else if (verdict === 'pending') result.pending.push(caseId);
  }
  result.numerator = result.onTime.length;
  result.denominator = result.onTime.length + result.late.length;
  result.rate = result.denominator === 0 ? null : result.numerator / result.denominator;
  return result;
}

/**
 * 及时受理率 for the cases received (the visit's date) in `period`. On time: the decision
 * (accepted / not accepted) or the closing is on record and every intake duty was met by
 * its due date.
 * Late: any intake duty met late or overdue. Pending: neither yet.
 */
export function timelyAcceptanceRate(cases: readonly CaseRecord[], period: Period, options: DeadlineOptions): RateResult {
  return tally(cases, options, (deadlines, timeline) => {
    if (!inPeriod(timeline[0]!.date, period)) return 'out_of_scope';
    const intake = deadlines.filter((d) => d.kind === 'referral' || d.kind === 'acceptance_notice');
    if (intake.some((d) => LATE.has(d.status.state))) return 'late';
    // A case closed before any decision (withdrawn, settled, sent to another service) left intake too.
    const decided = timeline.some((event) => event.type === 'accepted' || event.type === 'not_accepted' || event.type === 'closed');
    return decided && intake.every((d) => d.status.state === 'met') ? 'on_time' : 'pending';
  });
}

/**
 * 按期办结率 over accepted cases whose handling deadline falls in `period` or whose
 * handling ended (reply or closing) in it. On time: ended by the due date (extension
 * included). Late: ended after it, or still open after it. Pending: open, not yet due.
 */
export function onTimeClosureRate(cases: readonly CaseRecord[], period: Period, options: DeadlineOptions): RateResult {
  return tally(cases, options, (deadlines) => {
    const handling = deadlines.find((d) => d.kind === 'handling');
    if (!handling) return 'out_of_scope';
    const endedOn = handling.metBy?.date;
    if (!inPeriod(handling.dueDate, period) && !(endedOn !== undefined && inPeriod(endedOn, period))) return 'out_of_scope';
    if (handling.status.state === 'met') return 'on_time';
    if (LATE.has(handling.status.state)) return 'late';
    return 'pending';
  });
}
