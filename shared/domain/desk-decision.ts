import { z } from 'zod';
import type { CaseEvent } from './case-timeline';
import { ulidSchema } from './ids';

/**
 * The decision a clerk takes at the desk on a walk-in matter (docs/visits.md,
 * "Decision"), guided by the 《信访工作条例》: what it is, its legal basis, and the
 * timeline steps that record it. The basis is the article the decision rests on, as
 * the 告知书 quotes it (article, paragraph, item).
 */

export interface LegalBasis {
  article: number;
  paragraph?: number;
  item?: number;
}

/** Why a matter is not accepted; each has its article. */
export const NOT_ACCEPTED_REASONS = ['not_competent', 'legal_channel', 'already_in_handling', 'final_review_done'] as const;
export type NotAcceptedReason = (typeof NOT_ACCEPTED_REASONS)[number];

/** Art. 31 items 1–4: the legal procedure a 申诉求决 matter belongs to. */
export const LEGAL_CHANNELS = ['litigation', 'arbitration', 'party_appeal', 'administrative'] as const;
export type LegalChannel = (typeof LEGAL_CHANNELS)[number];
const LEGAL_CHANNEL_ITEM: Record<LegalChannel, number> = { litigation: 1, arbitration: 2, party_appeal: 3, administrative: 4 };

const body = z.string().trim().min(1).max(100);

export const deskDecisionSchema = z.discriminatedUnion('kind', [
  /** 当场答复: answered at the desk in writing (art. 23 para. 2), and closed. */
  z.object({ kind: z.literal('answered_on_spot'), answer: z.string().trim().min(1).max(2000) }).strict(),
  /** 受理: this organ handles it (art. 23 para. 1; handling 60 days, art. 34). */
  z.object({ kind: z.literal('accepted') }).strict(),
  /** 转送 to the competent organ (art. 22 para. 1 items 1–2). */
  z.object({ kind: z.literal('transferred'), department: body }).strict(),
  /** 交办 to the competent organ, results reported back (art. 22 para. 1 item 3). */
  z.object({ kind: z.literal('assigned'), department: body }).strict(),
  /** 不予受理, with the reason and what the visitor should do instead. */
  z.discriminatedUnion('reason', [
    /** Not within our remit: tell them the competent organ (art. 23 para. 1). */
    z.object({ kind: z.literal('not_accepted'), reason: z.literal('not_competent'), competentBody: body }).strict(),
    /** A legal procedure applies (art. 31 items 1–4, 诉访分离): name it and the body. */
    z.object({ kind: z.literal('not_accepted'), reason: z.literal('legal_channel'), channel: z.enum(LEGAL_CHANNELS), competentBody: body }).strict(),
    /** Already accepted / being handled below, within its time limit (art. 19 para. 3). */
    z.object({ kind: z.literal('not_accepted'), reason: z.literal('already_in_handling'), caseNumber: z.string().trim().min(1).max(40) }).strict(),
    /** 复核 already answered: 不再受理 (art. 36 para. 3). */
    z.object({ kind: z.literal('not_accepted'), reason: z.literal('final_review_done'), caseNumber: z.string().trim().min(1).max(40) }).strict(),
  ]),
  /** 调解: accepted and handled by mediation (art. 33, art. 37 para. 1); closed later with the agreement. */
  z.object({ kind: z.literal('mediation') }).strict(),
  /**
   * Sent to another of the hall's services — 法律服务 / 心理服务 / 帮扶救助 (art. 37) — through
   * the queue's transfer, keeping the number: the matter is served there and closed here.
   */
  z.object({ kind: z.literal('referred_service'), serviceId: ulidSchema }).strict(),
]);
export type DeskDecision = z.infer<typeof deskDecisionSchema>;
export type DeskDecisionKind = DeskDecision['kind'];
export const DESK_DECISION_KINDS = ['answered_on_spot', 'accepted', 'transferred', 'assigned', 'not_accepted', 'mediation', 'referred_service'] as const satisfies readonly DeskDecisionKind[];

/** The article a decision rests on, as its notice quotes it. */
export function legalBasisOf(decision: DeskDecision): LegalBasis {
  switch (decision.kind) {
    case 'answered_on_spot':
      return { article: 23, paragraph: 2 };
    case 'accepted':
      return { article: 23, paragraph: 1 };
    case 'transferred':
      return { article: 22, paragraph: 1, item: 1 };
    case 'assigned':
      return { article: 22, paragraph: 1, item: 3 };
    case 'mediation':
      return { article: 33 };
    case 'referred_service':
      return { article: 37 };
    case 'not_accepted':
      switch (decision.reason) {
        case 'not_competent':
          return { article: 23, paragraph: 1 };
        case 'legal_channel':
          return { article: 31, item: LEGAL_CHANNEL_ITEM[decision.channel] };
        case 'already_in_handling':
          return { article: 19, paragraph: 3 };
        case 'final_review_done':
          return { article: 36, paragraph: 3 };
      }
  }
}

/**
 * The timeline steps that record a decision taken on `date` (the service day), in order.
 * The deadlines then follow from the timeline (case-deadlines.ts): a transfer starts the
 * receiving organ's windows, acceptance the 60 days, an answer on the spot the 复查 window.
 */
export function decisionEvents(decision: DeskDecision, date: string): CaseEvent[] {
  switch (decision.kind) {
    case 'answered_on_spot':
      return [
        { type: 'accepted', date },
        { type: 'replied', date },
        { type: 'closed', date },
      ];
    case 'accepted':
    case 'mediation':
      return [{ type: 'accepted', date }];
    case 'transferred':
      return [{ type: 'transferred', date }];
    case 'assigned':
      return [{ type: 'assigned', date }];
    case 'not_accepted':
      return [{ type: 'not_accepted', date }];
    case 'referred_service':
      return [{ type: 'closed', date }];
  }
}
