import type { Visit } from '../../../../shared/contract';
import type { PrintJob } from '../../../../shared/contract/printing-methods';
import type { RenderReceiptInput } from '../../../../shared/contract/receipt-methods';
import type { DeskDecision } from '../../../../shared/domain/desk-decision';
import { LETTER_KINDS, letterFits, type LetterKind, type LetterRefusal } from '../../../../shared/receipts/receipt-kinds';

/**
 * The documents the desk prints for a case, by the name the clerk reads: the 来访登记回执,
 * and each letter under its own title (letters.ts chooses it the same way) — 受理 or 接收
 * 告知书 by the decision, 不予受理 or, after a 复核 (art. 36 para. 3), 不再受理告知书.
 */
export type CaseDocumentName = 'visit_receipt' | 'acceptance' | 'reception' | 'not_accepted' | 'no_further' | 'reply_opinion';

/** A letter's title for the case's decision. */
export function letterName(kind: LetterKind, decision: DeskDecision | null): CaseDocumentName {
  switch (kind) {
    case 'acceptance_notice':
      return decision?.kind === 'transferred' || decision?.kind === 'assigned' ? 'reception' : 'acceptance';
    case 'not_accepted_notice':
      return decision?.kind === 'not_accepted' && decision.reason === 'final_review_done' ? 'no_further' : 'not_accepted';
    case 'reply_opinion':
      return 'reply_opinion';
  }
}

/** The letters this case's decision calls for, in the order of LETTER_KINDS; or why there are none. */
export function lettersFor(visit: Visit): { letters: Array<{ kind: LetterKind; name: CaseDocumentName }>; none: LetterRefusal | 'no_letter' | null } {
  const decision = visit.decision?.decision ?? null;
  // As the core decides (receipt-service.ts): no visitor on record (姓名住址不清), nobody to address a letter to.
  const hasAddressee = visit.visitor !== null;
  const letters = LETTER_KINDS.filter((kind) => letterFits(kind, decision, hasAddressee) === null).map((kind) => ({ kind, name: letterName(kind, decision) }));
  if (letters.length > 0) return { letters, none: null };
  const refusal = letterFits(LETTER_KINDS[0], decision, hasAddressee);
  // Decided, but a decision no letter follows (a referral to another service of the hall).
  return { letters, none: refusal === 'decision' ? 'no_letter' : refusal };
}

/**
 * What a job of the history printed. A job records the kind `notice` for every letter and
 * the document's title as its label ("信访事项受理告知书 DEMO-…", letters.ts): the letter is
 * read back from that title, which is Chinese only and fixed by the regulation's forms.
 */
export function documentOfJob(job: PrintJob): { name: CaseDocumentName; input: (visitId: string) => RenderReceiptInput } | null {
  const { kind, label } = job.document;
  if (kind === 'visit_receipt') return { name: 'visit_receipt', input: (visitId) => ({ kind: 'visit_receipt', visitId }) };
  if (kind !== 'notice') return null;
  const letter = letterOfLabel(label);
  return letter && { name: letter.name, input: (visitId) => ({ kind: letter.kind, visitId }) };
}

function letterOfLabel(label: string): { kind: LetterKind; name: CaseDocumentName } | null {
  if (label.includes('答复意见书')) return { kind: 'reply_opinion', name: 'reply_opinion' };
  if (label.includes('不再受理告知书')) return { kind: 'not_accepted_notice', name: 'no_further' };
  if (label.includes('不予受理告知书')) return { kind: 'not_accepted_notice', name: 'not_accepted' };
  if (label.includes('接收告知书')) return { kind: 'acceptance_notice', name: 'reception' };
  if (label.includes('受理告知书')) return { kind: 'acceptance_notice', name: 'acceptance' };
  return null;
}
