import type { Visit } from '../contract/visit-methods';
import type { DeskDecision } from '../domain/desk-decision';
import type { Language } from '../domain/languages';
import { articleIn } from './chinese-numerals';
import { dayInWords, instantInWords } from './dates';
import { html } from './html';
import { maskName, shorten } from './masking';
import { documentPage } from './page';
import { qrSvg } from './qr-svg';
import type { RenderedDocument, Translate } from './receipt-kinds';

/** What the receipt needs besides the case, already in the visitor's language. */
export interface VisitReceiptContext {
  language: Language;
  hallName: string;
  /** The case's service, and for a referral the service it went to. */
  serviceName: string;
  referredServiceName: string | null;
  timeZone: string;
  hotline: string | null;
  /** The case-status look-up for this case: what the QR code holds. */
  caseStatusUrl: string;
}

/** The 概况 as the roll prints it: about two lines. */
export const RECEIPT_SUMMARY_CHARS = 40;

/** Deadlines still running: what happens next. Met, lapsed and waived ones are history. */
const RUNNING = new Set(['open', 'due_soon', 'due_today', 'overdue']);
/**
 * Left off the receipt: the receiving organ's 5 working days to object to a transfer
 * (art. 23 para. 3) — between organs, nothing the visitor waits for or does.
 */
const NOT_FOR_THE_VISITOR = new Set(['jurisdiction_objection']);

/** The running deadlines in words, soonest first: "应在 2026年5月1日 前办结（《信访工作条例》第三十四条）". */
export function nextSteps(visit: Pick<Visit, 'deadlines'>, language: Language, t: Translate): string[] {
  return visit.deadlines
    .filter((deadline) => RUNNING.has(deadline.status.state) && !NOT_FOR_THE_VISITOR.has(deadline.kind))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .map((deadline) => {
      const line = t(`receipts.visit.deadlines.${deadline.kind}`, {
        date: dayInWords(deadline.dueDate, language),
        article: t('receipts.article', { citation: articleIn(deadline.article, language) }),
      });
      const notes = [
        deadline.status.state === 'overdue' ? t('receipts.visit.overdue') : '',
        deadline.calendarCovered ? '' : t('receipts.visit.uncertain'),
      ];
      return line + notes.join('');
    });
}

/** The decision in the visitor's words: 已受理 / 已转送 区住房和建设局 处理 / 不予受理：请向 … 提出 … */
export function decisionInWords(decision: DeskDecision | null, referredServiceName: string | null, t: Translate): string {
  if (!decision) return t('receipts.visit.decisions.none');
  switch (decision.kind) {
    case 'answered_on_spot':
    case 'accepted':
    case 'mediation':
      return t(`receipts.visit.decisions.${decision.kind}`);
    case 'transferred':
    case 'assigned':
      return t(`receipts.visit.decisions.${decision.kind}`, { department: decision.department });
    case 'referred_service':
      return t('receipts.visit.decisions.referred_service', { service: referredServiceName ?? '' });
    case 'not_accepted':
      switch (decision.reason) {
        case 'not_competent':
          return t('receipts.visit.decisions.not_competent', { body: decision.competentBody });
        case 'legal_channel':
          return t('receipts.visit.decisions.legal_channel', { body: decision.competentBody, channel: t(`receipts.channels.${decision.channel}`) });
        case 'already_in_handling':
        case 'final_review_done':
          return t(`receipts.visit.decisions.${decision.reason}`, { caseNumber: decision.caseNumber });
      }
  }
}

/**
 * 来访登记回执 (80 mm), in the visitor's language: case number, when, the matter in short,
 * the decision, what happens next and by when, how to check progress (QR code to the
 * case-status look-up, the hotline), the clerk's staff number. The visitor's ID and phone
 * only masked, as `visits.get` gives them; the name shortened to its first character.
 */
export function renderVisitReceipt(visit: Visit, context: VisitReceiptContext, t: Translate): RenderedDocument {
  const { language } = context;
  const visitor = visit.visitor;
  const steps = nextSteps(visit, language, t);
  const field = (label: string, value: string, name: string) => html`<tr><th>${label}</th><td data-field="${name}">${value}</td></tr>`;
  const body = html`<main class="visit-receipt">
<div class="hall">${context.hallName}</div>
<div class="doc-title">${t('receipts.visit.title')}</div>
<hr class="rule">
<table class="fields">
${field(t('receipts.visit.caseNumber'), visit.caseNumber, 'caseNumber')}
${visit.officialNumber ? field(t('receipts.visit.officialNumber'), visit.officialNumber, 'officialNumber') : ''}
${field(t('receipts.visit.registeredAt'), instantInWords(visit.registeredAt, context.timeZone, language), 'registeredAt')}
${
  visitor
    ? [
        field(t('receipts.visit.visitor'), maskName(visitor.name), 'visitor'),
        field(t('receipts.visit.idNumber'), visitor.idMasked, 'idNumber'),
        field(t('receipts.visit.phone'), visitor.phoneMasked ?? t('receipts.visit.noPhone'), 'phone'),
      ]
    : field(t('receipts.visit.visitor'), t('receipts.visit.identityUnclear'), 'visitor')
}
${visit.peopleCount > 1 ? field(t('receipts.visit.peopleCount'), t('receipts.visit.people', { count: visit.peopleCount }), 'peopleCount') : ''}
${field(t('receipts.visit.service'), context.serviceName, 'service')}
${field(t('receipts.visit.summary'), shorten(visit.summary, RECEIPT_SUMMARY_CHARS), 'summary')}
</table>
<hr class="rule">
<div class="block-title">${t('receipts.visit.decision')}</div>
<div data-field="decision">${decisionInWords(visit.decision?.decision ?? null, context.referredServiceName, t)}</div>
<div class="block-title">${t('receipts.visit.next')}</div>
${steps.length > 0 ? html`<ul class="lines" data-field="next">${steps.map((step) => html`<li>${step}</li>`)}</ul>` : html`<div data-field="next">${t('receipts.visit.nextNone')}</div>`}
<hr class="rule">
<div class="block-title center">${t('receipts.visit.checkTitle')}</div>
<div class="qr-box">${qrSvg(context.caseStatusUrl, { sizeMm: 26, label: t('receipts.visit.checkTitle') })}</div>
<div class="small">${t('receipts.visit.checkHow', { caseNumber: visit.caseNumber })}</div>
${context.hotline ? html`<div data-field="hotline">${t('receipts.visit.hotline', { hotline: context.hotline })}</div>` : ''}
<hr class="rule">
<div data-field="clerk">${t('receipts.visit.clerk', { staffNo: visit.registeredBy.staffNo })}</div>
${visitor ? html`<div class="small">${t('receipts.visit.privacy')}</div>` : ''}
<div class="small">${t('receipts.visit.keep')}</div>
</main>`;
  const title = t('receipts.visit.documentTitle', { caseNumber: visit.caseNumber });
  return { html: documentPage({ language, title, pageSize: '80mm', body }), pageSize: '80mm', title };
}
