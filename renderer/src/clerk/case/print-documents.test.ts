import { describe, expect, it } from 'vitest';
import type { Visit } from '../../../../shared/contract';
import type { PrintJob } from '../../../../shared/contract/printing-methods';
import type { DeskDecision } from '../../../../shared/domain/desk-decision';
import { documentOfJob, lettersFor } from './print-documents';

/** A case as far as the print panel reads it: its decision and whether it has a visitor on record. */
function caseWith(decision: DeskDecision | null, visitor = true): Visit {
  return {
    id: '01JCASE0000000000000000000',
    decision: decision && { decision },
    visitor: visitor ? { name: '郑秀英' } : null,
  } as unknown as Visit;
}

const names = (visit: Visit) => lettersFor(visit).letters.map((letter) => letter.name);

describe('the letters the desk offers for a case', () => {
  it('follow the decision, each under its own title', () => {
    expect(names(caseWith({ kind: 'accepted' }))).toEqual(['acceptance', 'reply_opinion']);
    expect(names(caseWith({ kind: 'mediation' }))).toEqual(['acceptance', 'reply_opinion']);
    expect(names(caseWith({ kind: 'transferred', department: '区住房和建设局' }))).toEqual(['reception']);
    expect(names(caseWith({ kind: 'assigned', department: '区住房和建设局' }))).toEqual(['reception']);
    expect(names(caseWith({ kind: 'answered_on_spot', answer: '已当场答复' }))).toEqual(['reply_opinion']);
    expect(names(caseWith({ kind: 'not_accepted', reason: 'not_competent', competentBody: '市人社局' }))).toEqual(['not_accepted']);
    // Art. 36 para. 3: after a 复核 the same matter is not accepted again — 不再受理告知书.
    expect(names(caseWith({ kind: 'not_accepted', reason: 'final_review_done', caseNumber: 'DEMO-20260101-001' }))).toEqual(['no_further']);
  });

  it('are none, with the reason, before a decision, after a referral within the hall, and for a case with nobody to address', () => {
    expect(lettersFor(caseWith(null))).toEqual({ letters: [], none: 'undecided' });
    expect(lettersFor(caseWith({ kind: 'referred_service', serviceId: '01JSERVICE0000000000000000' }))).toEqual({ letters: [], none: 'no_letter' });
    expect(lettersFor(caseWith({ kind: 'accepted' }, false))).toEqual({ letters: [], none: 'no_addressee' });
  });
});

describe('what a job of the history printed', () => {
  const job = (kind: PrintJob['document']['kind'], label: string) => ({ document: { kind, ref: 'x', label } }) as PrintJob;

  it('reads the letter back from its title, and prints the same document again', () => {
    const cases: Array<[string, string, string]> = [
      ['信访事项受理告知书 DEMO-20261124-001', 'acceptance', 'acceptance_notice'],
      ['信访事项接收告知书 DEMO-20261124-001', 'reception', 'acceptance_notice'],
      ['不予受理告知书 DEMO-20261124-001', 'not_accepted', 'not_accepted_notice'],
      ['不再受理告知书 DEMO-20261124-001', 'no_further', 'not_accepted_notice'],
      ['信访事项答复意见书 DEMO-20261124-001', 'reply_opinion', 'reply_opinion'],
    ];
    for (const [label, name, kind] of cases) {
      const printed = documentOfJob(job('notice', label));
      expect(printed?.name, label).toBe(name);
      expect(printed?.input('01JCASE0000000000000000000')).toEqual({ kind, visitId: '01JCASE0000000000000000000' });
    }
    // The receipt by its kind, whatever language its title is in.
    expect(documentOfJob(job('visit_receipt', '來訪登記回執 DEMO-20261124-001'))?.name).toBe('visit_receipt');
    expect(documentOfJob(job('ticket', 'A012'))).toBeNull();
    expect(documentOfJob(job('notice', 'DEMO-20261124-001'))).toBeNull();
  });
});
