import type Database from 'better-sqlite3';
import { HallError } from '../../../shared/contract';
import { computeCaseDeadlines } from '../../../shared/domain/case-deadlines';
import type { CaseEvent } from '../../../shared/domain/case-timeline';
import { decisionEvents, legalBasisOf, type DeskDecision } from '../../../shared/domain/desk-decision';
import type { HallStore } from '../hall/hall-store';
import type { Clock } from '../ports';
import type { DeadlineIndex } from './deadline-index';
import { inHandling, timelineError } from './visit-service';
import { VisitStore, type VisitRow } from './visit-store';

/**
 * The desk's decision on a case (docs/visits.md, "Decision"; shared/domain/desk-decision.ts):
 * taken once, written with the timeline steps that record it in one BEGIN IMMEDIATE
 * transaction, so that the deadlines follow from the timeline as for any other step.
 * A referral to another service of the hall only closes the case here: the page moves
 * the ticket with queue.transfer.
 */
export class DecisionService {
  private readonly visits: VisitStore;
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly clock: Clock,
    /** The hall's service day now (YYYY-MM-DD): the decision's date. */
    private readonly today: () => string,
    /** Refreshed with the steps, in the same transaction (VisitService.deadlineIndex). */
    private readonly deadlineIndex: DeadlineIndex,
  ) {
    this.visits = new VisitStore(db);
    this.s = {
      decided: db.prepare<[string], { kind: string }>('SELECT kind FROM visit_decisions WHERE visit_id = ?'),
      insert: db.prepare(`INSERT INTO visit_decisions
        (visit_id, kind, decision, basis_article, basis_paragraph, basis_item, decided_by, decided_at)
        VALUES (@visitId, @kind, @decision, @article, @paragraph, @item, @decidedBy, @decidedAt)`),
    };
  }

  /** Checks, then writes the decision and its steps; bad input writes nothing. The caller reads the case back. */
  decide(visitId: string, decision: DeskDecision, note: string | null, staffId: string): void {
    this.db
      .transaction(() => {
        const visit = this.visits.visit(visitId);
        if (!visit) throw new HallError('NOT_FOUND', { context: 'visit' });
        // Checked under the write lock: two desks deciding at once, the second is told.
        if (this.s.decided.get(visitId)) throw new HallError('CONFLICT', { context: 'decided', caseNumber: visit.case_number });
        checkGrounds(visit, decision, this.visits, this.hall.setting<string>('siteCode', 'SITE'));
        if (decision.kind === 'referred_service') {
          if (!this.hall.findService(decision.serviceId)) {
            throw new HallError('VALIDATION_FAILED', { context: 'referred_service_unknown', fields: 'decision.serviceId' });
          }
          if (decision.serviceId === visit.service_id) {
            throw new HallError('VALIDATION_FAILED', { context: 'referred_service_same', fields: 'decision.serviceId' });
          }
        }

        const today = this.today();
        const steps = decisionEvents(decision, today);
        const timeline = [...this.visits.timeline(visitId).map((stored) => stored.event), ...steps];
        const computed = computeCaseDeadlines(timeline, this.deadlineIndex.optionsOn(today));
        if (!computed.ok) throw timelineError(computed.errors);

        const now = this.clock.now();
        const noted = noteStep(decision, steps);
        for (const step of steps) this.visits.appendEvent(visitId, step, staffId, step === noted ? (note ?? defaultNote(decision)) : null, now);
        this.deadlineIndex.refresh(visitId);
        const basis = legalBasisOf(decision);
        this.s.insert.run({
          visitId,
          kind: decision.kind,
          decision: JSON.stringify(decision),
          article: basis.article,
          paragraph: basis.paragraph ?? null,
          item: basis.item ?? null,
          decidedBy: staffId,
          decidedAt: now,
        });
      })
      .immediate();
  }
}

/** The step the note goes on: the written answer for one answered on the spot, the decision's own step otherwise. */
function noteStep(decision: DeskDecision, steps: CaseEvent[]): CaseEvent {
  return (decision.kind === 'answered_on_spot' ? steps.find((step) => step.type === 'replied') : undefined) ?? steps[0]!;
}

/** What the timeline shows beside the step when the clerk wrote no note: where the matter went, or why not. */
function defaultNote(decision: DeskDecision): string | null {
  switch (decision.kind) {
    case 'answered_on_spot':
      return decision.answer;
    case 'transferred':
    case 'assigned':
      return decision.department;
    case 'not_accepted':
      return decision.reason === 'not_competent' || decision.reason === 'legal_channel' ? decision.competentBody : decision.caseNumber;
    case 'accepted':
    case 'mediation':
    case 'referred_service':
      return null;
  }
}

/**
 * What a decision's legal basis presupposes (checked under the write lock):
 * - a legal channel (art. 31 items 1–4) and mediation (art. 33) are for 申诉求决类 matters;
 * - 不予受理 because the matter is already in handling (art. 19 para. 3) or past its 复核
 *   (art. 36 para. 3) cites that case: when it is one of this site's, it must exist, not be
 *   this case, and be in that state. A number of another organ is taken as given.
 */
function checkGrounds(visit: VisitRow, decision: DeskDecision, visits: VisitStore, siteCode: string): void {
  const appealOnly = decision.kind === 'mediation' || (decision.kind === 'not_accepted' && decision.reason === 'legal_channel');
  if (appealOnly && visit.matter_class !== 'appeal_request') {
    throw new HallError('VALIDATION_FAILED', { context: 'decision_matter_class', fields: 'decision.kind' });
  }
  if (decision.kind !== 'not_accepted' || (decision.reason !== 'already_in_handling' && decision.reason !== 'final_review_done')) return;
  const cited = visits.byNumber(decision.caseNumber);
  const caseNumber = decision.caseNumber;
  if (!cited) {
    if (caseNumber.toUpperCase().startsWith(`${siteCode.toUpperCase()}-`)) {
      throw new HallError('VALIDATION_FAILED', { context: 'cited_case_unknown', caseNumber, fields: 'decision.caseNumber' });
    }
    return;
  }
  if (cited.id === visit.id) throw new HallError('VALIDATION_FAILED', { context: 'cited_case_self', caseNumber, fields: 'decision.caseNumber' });
  const types = new Set(visits.timeline(cited.id).map((stored) => stored.event.type));
  if (decision.reason === 'final_review_done' && !types.has('final_review_answered')) {
    throw new HallError('VALIDATION_FAILED', { context: 'cited_case_not_final', caseNumber, fields: 'decision.caseNumber' });
  }
  if (decision.reason === 'already_in_handling' && !inHandling(types)) {
    throw new HallError('VALIDATION_FAILED', { context: 'cited_case_not_in_handling', caseNumber, fields: 'decision.caseNumber' });
  }
}
