import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { languageSchema } from '../domain/languages';
import { receiptSettingsSchema } from '../receipts/receipt-kinds';
import { defineMethod } from './define';

/**
 * The documents the hall prints (docs/receipts.md), rendered from the record to one
 * self-contained HTML page: the queue ticket and the visit receipt (80 mm roll, in the
 * visitor's language), the A4 letters (in Chinese). Printing them is the print queue's
 * part (printing.*); this only renders.
 */
const visitDocument = (kind: 'visit_receipt' | 'acceptance_notice' | 'not_accepted_notice' | 'reply_opinion') =>
  z
    .object({
      kind: z.literal(kind),
      visitId: ulidSchema,
      /** The receipt's language; default the visitor's own (kept on their record). Letters: Chinese only. */
      language: languageSchema.optional(),
    })
    .strict();

export const renderReceiptInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ticket'),
      ticketId: ulidSchema,
      /** Default: the language the ticket was taken in at the kiosk, else the caller's. */
      language: languageSchema.optional(),
    })
    .strict(),
  visitDocument('visit_receipt'),
  visitDocument('acceptance_notice'),
  visitDocument('not_accepted_notice'),
  visitDocument('reply_opinion'),
]);
export type RenderReceiptInput = z.infer<typeof renderReceiptInputSchema>;

export const renderedReceiptSchema = z.object({
  /** One HTML page, its print style sheet inline, no script, no external resource. */
  html: z.string(),
  /** `80mm`: the thermal roll (72 mm printable, the length of the content); `A4`: a sheet with its margins in the page's @page rule. */
  pageSize: z.enum(['80mm', 'A4']),
  /** What a print list calls it: 来访登记回执 DEMO-20261124-001, A012 … */
  title: z.string(),
});

export const receiptMethods = {
  'receipts.render': defineMethod({
    summary:
      "Render a document from the record to HTML: the queue ticket (kind ticket, by ticketId: also for the kiosk, no personal data), the 来访登记回执, the 受理告知书 / 接收告知书, the 不予受理告知书 and the 答复意见书 skeleton (by visitId). A notice the case's decision does not call for is refused (CONFLICT, the reason worded); a letter is Chinese only.",
    roles: ['kiosk', 'clerk'],
    // A desk must be signed in, like everything at a desk that reads a case; kiosks never sign in.
    signIn: true,
    input: renderReceiptInputSchema,
    output: renderedReceiptSchema,
    // A case's receipt and letters name the visitor; the queue ticket names nobody.
    personalData: {
      exceptFor: {
        kiosk: 'the queue ticket only, which names nobody: every document of a case is refused to the kiosk (FORBIDDEN receipt_personal, receipt-service.ts)',
      },
    },
  }),
  'receipts.settings': defineMethod({
    summary: "What the receipts print that the hall configures: the enquiry hotline (visit receipt), the issuing organ's name (letters).",
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: receiptSettingsSchema,
  }),
  'receipts.saveSettings': defineMethod({
    summary: "Change the enquiry hotline printed on visit receipts and the issuing organ's name on the letters (null: none / the hall's name).",
    roles: ['admin'],
    signIn: true,
    input: receiptSettingsSchema.strict(),
    output: receiptSettingsSchema,
    audit: { subject: () => 'hall:receiptSettings', details: (_params, settings) => settings },
  }),
};
