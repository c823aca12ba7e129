import type { Visit } from '../contract/visit-methods';
import type { DeskDecision, LegalChannel } from '../domain/desk-decision';
import { articleInChinese } from './chinese-numerals';
import { dayInWords, localDayTime } from './dates';
import { html, type SafeHtml } from './html';
import { shorten } from './masking';
import { documentPage } from './page';
import { REGULATION_QUOTES, type QuoteKey } from './regulation-quotes';
import { LETTER_LANGUAGE, type LetterKind, type RenderedDocument } from './receipt-kinds';

/**
 * The A4 letters (docs/receipts.md), in Chinese: 受理告知书 / 接收告知书, 不予受理告知书
 * (不再受理告知书), and the 答复意见书 skeleton. Each cites the 《信访工作条例》 as notices do
 * (第二十二条第一款第一项) and quotes the words it rests on. Their wording is the organ's
 * formal Chinese, written here rather than in the UI's locale files: a letter is issued in
 * Chinese whatever language the visitor reads.
 */
export interface LetterContext {
  /** The issuing organ: its heading and signature. */
  organName: string;
  timeZone: string;
  hotline: string | null;
}

/** The 概况 as a letter quotes it. */
export const LETTER_SUMMARY_CHARS = 80;
/** The 诉求 as the 答复意见书 restates it. */
export const LETTER_REQUEST_CHARS = 300;

const REGULATION = '《信访工作条例》';
const cite = (basis: { article: number; paragraph?: number; item?: number }) => `${REGULATION}${articleInChinese(basis)}`;
const quoted = (key: QuoteKey) => `“${REGULATION_QUOTES[key]}”`;
const day = (isoDay: string) => dayInWords(isoDay, LETTER_LANGUAGE);

/** The case's matter as a letter names it: 关于“…”的信访事项 (the summary, short, without its closing stop). */
function matter(visit: Visit): string {
  return `关于“${shorten(visit.summary, LETTER_SUMMARY_CHARS).replace(/[。．.！!？?；;，,、\s]+$/u, '')}”的信访事项`;
}

/** 李建国：, or 李建国等7人： for a group (the representatives' first named). */
function addressee(visit: Visit): string {
  const name = visit.visitor?.name ?? '';
  return visit.peopleCount > 1 ? `${name}等${visit.peopleCount}人：` : `${name}：`;
}

/** The day the decision was recorded on the timeline (its step), else the day it was taken. */
function decisionDay(visit: Visit, context: LetterContext): string {
  const decision = visit.decision!;
  const stepType: Record<DeskDecision['kind'], string> = {
    answered_on_spot: 'replied',
    accepted: 'accepted',
    mediation: 'accepted',
    transferred: 'transferred',
    assigned: 'assigned',
    not_accepted: 'not_accepted',
    referred_service: 'closed',
  };
  const step = visit.timeline.find((entry) => entry.event.type === stepType[decision.decision.kind]);
  return step?.event.date ?? localDayTime(decision.decidedAt, context.timeZone).day;
}

const dueOf = (visit: Visit, kind: Visit['deadlines'][number]['kind']) => visit.deadlines.find((deadline) => deadline.kind === kind);

const para = (text: string | SafeHtml) => html`<p class="para">${text}</p>`;

/**
 * The closing words and the organ's signature (name, the seal's place, the date), kept on
 * one page together: a seal never stands on a page of its own.
 */
function closing(words: string, context: LetterContext, isoDay: string | null): SafeHtml {
  return html`<div class="closing">
${para(words)}
<div class="signature">
<span class="seal" aria-hidden="true">（印章）</span>
<p data-field="organ">${context.organName}</p>
<p data-field="date">${isoDay ? day(isoDay) : '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</p>
</div>
</div>`;
}

/** The two copies a notice is made in (domain README, "Forms seen in real systems"): the visitor's, and the file's with the receipt line. */
function twoCopies(content: SafeHtml, context: LetterContext, isoDay: string): SafeHtml {
  const copy = (label: string, forFile: boolean) => html`<section class="copy" data-copy="${forFile ? 'file' : 'petitioner'}">
<div class="copy-head"><div class="copy-label" data-field="copy">${label}</div></div>
${content}
${closing('特此告知。', context, isoDay)}
${
  forFile
    ? html`<div class="receipt-line"><p>送达方式：当场送达</p><p>信访人（签收）：＿＿＿＿＿＿＿＿\u3000\u3000签收日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</p></div>`
    : html`<div class="receipt-line note"><p>本告知书一式两联，第一联交信访人留存，第二联存档。</p></div>`
}
</section>`;
  return html`${copy('第一联\u3000信访人留存', false)}${copy('第二联\u3000存档', true)}`;
}

function heading(visit: Visit, context: LetterContext, title: string): SafeHtml {
  return html`<p class="organ">${context.organName}</p>
<h1 class="letter-title">${title}</h1>
<p class="doc-number">案件编号：<span data-field="caseNumber">${visit.caseNumber}</span>${visit.officialNumber ? html`\u3000正式编号：${visit.officialNumber}` : ''}</p>
<p class="addressee" data-field="addressee">${addressee(visit)}</p>`;
}

function howToCheck(visit: Visit, context: LetterContext): string {
  return `您可以凭案件编号 ${visit.caseNumber} 到本机关信访接待大厅自助服务机查询办理进度${context.hotline ? `，或者拨打咨询电话 ${context.hotline}` : ''}。`;
}

/** 受理告知书 (accepted, mediation) or 接收告知书 (transferred / assigned: where it went). */
function acceptanceNotice(visit: Visit, context: LetterContext): { title: string; body: SafeHtml } {
  const decision = visit.decision!;
  const basis = decision.legalBasis;
  const on = decisionDay(visit, context);
  const received = `您于${day(visit.receivedOn)}以走访形式提出的${matter(visit)}（案件编号：${visit.caseNumber}），本机关已予登记。`;
  const d = decision.decision;
  if (d.kind === 'transferred' || d.kind === 'assigned') {
    const notice = dueOf(visit, 'acceptance_notice');
    const title = '信访事项接收告知书';
    const where =
      d.kind === 'transferred'
        ? `依据${cite(basis)}${quoted('22.1.1')}的规定，本机关已于${day(on)}将该事项转送${d.department}处理。`
        : `依据${cite(basis)}${quoted('22.1.3')}的规定，本机关已于${day(on)}将该事项交由${d.department}办理，并要求其在指定办理期限内反馈结果。`;
    const next = `依据${cite({ article: 23, paragraph: 3 })}的规定，对属于其职权范围的，${d.department}应当自收到之日起15日内书面告知您接收情况以及处理途径和程序${notice ? `（即${day(notice.dueDate)}前）` : ''}。请您留意其书面告知。`;
    return { title, body: html`${heading(visit, context, title)}${para(received)}${para(where)}${para(next)}${para(howToCheck(visit, context))}` };
  }
  const title = '信访事项受理告知书';
  const handling = dueOf(visit, 'handling');
  const accepted = `您于${day(visit.receivedOn)}以走访形式提出的${matter(visit)}（案件编号：${visit.caseNumber}），经审查，属于本机关职权范围。依据${cite(basis.article === 23 ? basis : { article: 23, paragraph: 1 })}${quoted('23.1')}的规定，本机关已于${day(on)}依法受理，现将处理途径和程序告知如下：`;
  const period = `依据${cite({ article: 34 })}的规定，本机关将自受理之日起60日内办结${handling ? `，即于${day(handling.dueDate)}前办结` : ''}；情况复杂需要延长办理期限的，延长期限不超过30日，并将延期理由告知您。办理结束后，本机关将书面答复您。`;
  const mediation =
    d.kind === 'mediation'
      ? `本事项将在争议双方当事人同意的前提下组织调解（${cite({ article: 33 })}）；${REGULATION_QUOTES['33'].replace('应当', '本机关将')}。`
      : null;
  return {
    title,
    body: html`${heading(visit, context, title)}${para(accepted)}${para(period)}${mediation ? para(mediation) : ''}${para(howToCheck(visit, context))}`,
  };
}

/** Art. 31 items 1–4: the words of the item, and what the visitor is asked to do. */
const CHANNEL: Record<LegalChannel, { quote: QuoteKey; request: (body: string) => string }> = {
  litigation: { quote: '31.0.1', request: (body) => `依照法律法规规定的程序向${body}提出` },
  arbitration: { quote: '31.0.2', request: (body) => `依法向${body}申请仲裁` },
  party_appeal: { quote: '31.0.3', request: (body) => `依照有关规定向${body}提出党员申诉或者申请复审` },
  administrative: { quote: '31.0.4', request: (body) => `依法向${body}申请相应的行政程序` },
};

/** 不予受理告知书, or 不再受理告知书 after a 复核: the reason, its article and what the visitor may do instead. */
function notAcceptedNotice(visit: Visit, context: LetterContext): { title: string; body: SafeHtml } {
  const decision = visit.decision!;
  const d = decision.decision;
  if (d.kind !== 'not_accepted') throw new Error('not a not_accepted decision');
  const basis = cite(decision.legalBasis);
  const received = `您于${day(visit.receivedOn)}以走访形式提出的${matter(visit)}（案件编号：${visit.caseNumber}），本机关已收悉。`;
  let reason: string;
  let title = '不予受理告知书';
  switch (d.reason) {
    case 'not_competent':
      reason = `经审查，该事项不属于本机关职权范围。依据${basis}${quoted('23.1.not_competent')}的规定，本机关不予受理。请您向${d.competentBody}提出。`;
      break;
    case 'legal_channel': {
      const channel = CHANNEL[d.channel];
      reason = `经审查，该事项应当通过法定途径解决。依据${basis}${quoted(channel.quote)}的规定，本机关不予受理。请您${channel.request(d.competentBody)}。`;
      break;
    }
    case 'already_in_handling':
      reason = `经查，您反映的同一信访事项已经受理或者正在办理（案件编号：${d.caseNumber}），尚在规定的办理期限内。依据${basis}${quoted('19.3')}的规定，本机关不予受理。请您等待原受理、办理机关、单位的办理结果。`;
      break;
    case 'final_review_done':
      title = '不再受理告知书';
      reason = `经查，您反映的事项已经作出复核意见（案件编号：${d.caseNumber}），您仍以同一事实和理由提出投诉请求。依据${basis}${quoted('36.3')}的规定，本机关不再受理。`;
      break;
  }
  return { title, body: html`${heading(visit, context, title)}${para(received)}${para(reason)}` };
}

/** 答复意见书 skeleton (art. 32): how received, the request, facts found, basis and opinion as blanks, the right to 复查 within 30 days (art. 35). */
function replyOpinion(visit: Visit, context: LetterContext): { title: string; body: SafeHtml; date: string | null } {
  const decision = visit.decision!;
  const d = decision.decision;
  const title = '信访事项答复意见书';
  const acceptedOn = visit.timeline.find((entry) => entry.event.type === 'accepted')?.event.date ?? decisionDay(visit, context);
  const repliedOn = visit.timeline.find((entry) => entry.event.type === 'replied')?.event.date ?? null;
  const review = dueOf(visit, 'review_request');
  const blanks = (lines: number) => html`${Array.from({ length: lines }, () => html`<span class="fill"></span>`)}`;
  const received =
    d.kind === 'answered_on_spot'
      ? `您于${day(visit.receivedOn)}以走访形式向本机关提出的${matter(visit)}（案件编号：${visit.caseNumber}），本机关于${day(acceptedOn)}受理并当场答复如下：`
      : `您于${day(visit.receivedOn)}以走访形式向本机关提出的${matter(visit)}（案件编号：${visit.caseNumber}），本机关于${day(acceptedOn)}受理。经调查核实，现答复如下：`;
  const opinion = d.kind === 'answered_on_spot' ? para(d.answer) : blanks(2);
  const reviewRight = html`如对本答复意见不服，可以自收到本答复意见书之日起30日内${review ? `（即${day(review.dueDate)}前）` : ''}，向本机关的上一级机关、单位<span class="blank-inline"></span>请求复查（${cite({ article: 35 })}）。`;
  const body = html`${heading(visit, context, title)}
${para(received)}
${para(html`<span class="label">一、信访请求：</span>${shorten(visit.request, LETTER_REQUEST_CHARS)}`)}
${para(html`<span class="label">二、经调查核实的事实：</span>`)}
${blanks(3)}
${para(html`<span class="label">三、处理依据（法律、法规、规章或者其他有关规定）：</span>`)}
${blanks(2)}
${para(html`<span class="label">四、处理意见（${cite({ article: 32 })}）：</span>`)}
<p class="choices">□ 予以支持\u3000\u3000□ 解释说明\u3000\u3000□ 不予支持</p>
${opinion}
${para(reviewRight)}`;
  return { title, body, date: repliedOn };
}

/** The letter of `kind` for a case whose decision fits it (receipt-kinds.ts, letterFits: checked by the caller). */
export function renderLetter(kind: LetterKind, visit: Visit, context: LetterContext): RenderedDocument {
  let title: string;
  let body: SafeHtml;
  if (kind === 'reply_opinion') {
    const reply = replyOpinion(visit, context);
    title = reply.title;
    body = html`<section class="copy" data-copy="single">${reply.body}${closing('特此答复。', context, reply.date)}</section>`;
  } else {
    const notice = kind === 'acceptance_notice' ? acceptanceNotice(visit, context) : notAcceptedNotice(visit, context);
    title = notice.title;
    body = twoCopies(notice.body, context, decisionDay(visit, context));
  }
  const documentTitle = `${title} ${visit.caseNumber}`;
  return { html: documentPage({ language: LETTER_LANGUAGE, title: documentTitle, pageSize: 'A4', body }), pageSize: 'A4', title: documentTitle };
}
