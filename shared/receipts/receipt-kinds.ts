import { z } from 'zod';
import type { DeskDecision } from '../domain/desk-decision';
import type { Language } from '../domain/languages';
import type { PageSize } from './page';

/**
 * The documents the hall prints (docs/receipts.md): the queue ticket and the visit
 * receipt on the 80 mm roll, in the visitor's language; the formal letters on A4, in
 * Chinese.
 */
export const RECEIPT_KINDS = ['ticket', 'visit_receipt', 'acceptance_notice', 'not_accepted_notice', 'reply_opinion'] as const;
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/** The A4 letters: always in Chinese (they are the organ's written notices under the 条例). */
export const LETTER_KINDS = ['acceptance_notice', 'not_accepted_notice', 'reply_opinion'] as const satisfies readonly ReceiptKind[];
export type LetterKind = (typeof LETTER_KINDS)[number];
export const isLetterKind = (kind: ReceiptKind): kind is LetterKind => (LETTER_KINDS as readonly ReceiptKind[]).includes(kind);

export const PAGE_SIZE_OF: Record<ReceiptKind, PageSize> = {
  ticket: '80mm',
  visit_receipt: '80mm',
  acceptance_notice: 'A4',
  not_accepted_notice: 'A4',
  reply_opinion: 'A4',
};

/** The language a letter is written in, whatever the visitor's. */
export const LETTER_LANGUAGE: Language = 'zh-CN';

/**
 * What the receipts print that the hall configures (hall_settings `receipts`):
 * - `hotline`: the telephone number for questions on the visit receipt ("how to check
 *   progress"); none: the line is left out.
 * - `organName`: the organ that issues the letters (their heading and signature, e.g.
 *   深圳市光明区信访局); none: the hall's Chinese name.
 */
export const receiptSettingsSchema = z.object({
  hotline: z
    .string()
    .trim()
    .regex(/^[0-9][0-9 ()+-]{2,23}$/, 'a telephone number: digits, spaces, + - ( )')
    .nullable()
    .default(null),
  organName: z.string().trim().min(2).max(60).nullable().default(null),
});
export type ReceiptSettings = z.infer<typeof receiptSettingsSchema>;
export const DEFAULT_RECEIPT_SETTINGS: ReceiptSettings = receiptSettingsSchema.parse({});

/** A letter a case's decision does not call for: why (the contexts of CONFLICT_receipt_*). */
export type LetterRefusal = 'undecided' | 'decision' | 'no_addressee';

/**
 * Which letter fits which decision (docs/receipts.md):
 * - 受理告知书: accepted, mediation (accepted and handled by mediation); 接收告知书 (where it
 *   went): transferred, assigned;
 * - 不予受理告知书 / 不再受理告知书: not accepted, any reason;
 * - 答复意见书: what this organ handles and answers — accepted, mediation, answered on the spot.
 * A case decided otherwise, or not yet, gets none; nor does a case whose visitor's name and
 * address were unclear (art. 23 para. 2: no written notice is owed, there is nobody to address).
 */
export function letterFits(kind: LetterKind, decision: DeskDecision | null, hasAddressee: boolean): LetterRefusal | null {
  if (!hasAddressee) return 'no_addressee';
  if (!decision) return 'undecided';
  const fits: Record<LetterKind, ReadonlyArray<DeskDecision['kind']>> = {
    acceptance_notice: ['accepted', 'mediation', 'transferred', 'assigned'],
    not_accepted_notice: ['not_accepted'],
    reply_opinion: ['accepted', 'mediation', 'answered_on_spot'],
  };
  return fits[kind].includes(decision.kind) ? null : 'decision';
}

/** A translation function (i18next's `t` of the document's language). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A rendered document: the page, how it is printed, and what a print list calls it. */
export interface RenderedDocument {
  html: string;
  pageSize: PageSize;
  title: string;
}
