import type { Visit } from '../../../shared/contract/visit-methods';
import { instantInWords } from '../../../shared/receipts/dates';
import { maskName, shorten } from '../../../shared/receipts/masking';
import type { Translate } from '../../../shared/receipts/receipt-kinds';
import { decisionInWords, nextSteps, RECEIPT_SUMMARY_CHARS, type VisitReceiptContext } from '../../../shared/receipts/visit-receipt';
import { cut, feed, qr, rule, text, type ReceiptDocument, type TextStyle } from './receipt-model';

/**
 * The 来访登记回执 on the thermal roll: what the HTML receipt says
 * (shared/receipts/visit-receipt.ts, renderVisitReceipt), in its order and its words —
 * the hall, the title, the case (its number in double height), when, the visitor with
 * the name as its first character and ID and phone only as `visits.get` masks them, the
 * service, the matter in short, the decision, what happens next and by when, how to check
 * progress (the printer's own QR code of the case look-up, the kiosk way, the hotline),
 * the clerk by staff number, never by name; then feed and cut. Where the HTML lays out a
 * table, the roll prints "label：value" lines; rules stand between the sections.
 */
export function visitReceiptDocument(visit: Visit, context: VisitReceiptContext, t: Translate): ReceiptDocument {
  const visitor = visit.visitor;
  const field = (label: string, value: string, style: TextStyle = {}) =>
    text(t('printing.visitReceipt.field', { label, value }), style);
  const steps = nextSteps(visit, context.language, t);
  return {
    blocks: [
      text(context.hallName, { align: 'center', bold: true }),
      text(t('receipts.visit.title'), { align: 'center', width: 2, height: 2, bold: true }),
      rule(),
      field(t('receipts.visit.caseNumber'), visit.caseNumber, { height: 2, bold: true }),
      ...(visit.officialNumber ? [field(t('receipts.visit.officialNumber'), visit.officialNumber)] : []),
      field(t('receipts.visit.registeredAt'), instantInWords(visit.registeredAt, context.timeZone, context.language)),
      ...(visitor
        ? [
            field(t('receipts.visit.visitor'), maskName(visitor.name)),
            field(t('receipts.visit.idNumber'), visitor.idMasked),
            field(t('receipts.visit.phone'), visitor.phoneMasked ?? t('receipts.visit.noPhone')),
          ]
        : [field(t('receipts.visit.visitor'), t('receipts.visit.identityUnclear'))]),
      ...(visit.peopleCount > 1 ? [field(t('receipts.visit.peopleCount'), t('receipts.visit.people', { count: visit.peopleCount }))] : []),
      field(t('receipts.visit.service'), context.serviceName),
      field(t('receipts.visit.summary'), shorten(visit.summary, RECEIPT_SUMMARY_CHARS)),
      rule(),
      text(t('receipts.visit.decision'), { bold: true }),
      text(decisionInWords(visit.decision?.decision ?? null, context.referredServiceName, t)),
      text(t('receipts.visit.next'), { bold: true }),
      ...(steps.length > 0 ? steps.map((step) => text(t('printing.visitReceipt.step', { step }))) : [text(t('receipts.visit.nextNone'))]),
      rule(),
      text(t('receipts.visit.checkTitle'), { align: 'center', bold: true }),
      feed(1),
      qr(context.caseStatusUrl, { align: 'center', moduleSize: 6, errorLevel: 'M' }),
      text(t('receipts.visit.checkHow', { caseNumber: visit.caseNumber })),
      ...(context.hotline ? [text(t('receipts.visit.hotline', { hotline: context.hotline }))] : []),
      rule(),
      text(t('receipts.visit.clerk', { staffNo: visit.registeredBy.staffNo })),
      ...(visitor ? [text(t('receipts.visit.privacy'))] : []),
      text(t('receipts.visit.keep')),
      feed(2),
      cut(),
    ],
  };
}
