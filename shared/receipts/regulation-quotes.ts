import type { LegalBasis } from '../domain/desk-decision';

/**
 * The words of the 《信访工作条例》 (2022) the letters quote, verbatim (a test holds each
 * to the text of its article in the project's domain folder), keyed `article.paragraph.item`.
 */
export const REGULATION_QUOTES = {
  '19.3': '信访事项已经受理或者正在办理的，信访人在规定期限内向受理、办理机关、单位的上级机关、单位又提出同一信访事项的，上级机关、单位不予受理',
  '22.1.1': '对依照职责属于本级机关、单位或者其工作部门处理决定的，应当转送有权处理的机关、单位',
  '22.1.3': '对转送信访事项中的重要情况需要反馈办理结果的，可以交由有权处理的机关、单位办理，要求其在指定办理期限内反馈结果，提交办结报告',
  /** Art. 23 para. 1, the organ's own matter: accepted. */
  '23.1': '对属于本机关、单位职权范围的，应当告知信访人接收情况以及处理途径和程序',
  /** Art. 23 para. 1, not the organ's matter: not accepted, the competent body named. */
  '23.1.not_competent': '对不属于本机关、单位或者本系统职权范围的，应当告知信访人向有权处理的机关、单位提出',
  '31.0.1': '应当通过审判机关诉讼程序或者复议程序、检察机关刑事立案程序或者法律监督程序、公安机关法律程序处理的，涉法涉诉信访事项未依法终结的，按照法律法规规定的程序处理',
  '31.0.2': '应当通过仲裁解决的，导入相应程序处理',
  '31.0.3': '可以通过党员申诉、申请复审等解决的，导入相应程序处理',
  '31.0.4': '可以通过行政复议、行政裁决、行政确认、行政许可、行政处罚等行政程序解决的，导入相应程序处理',
  '33': '经调解、和解达成一致意见的，应当制作调解协议书或者和解协议书',
  '36.3': '信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理',
} as const;
export type QuoteKey = keyof typeof REGULATION_QUOTES;

/** The article a quote is from (for the test that holds it to the text). */
export function quoteArticle(key: QuoteKey): LegalBasis {
  const [article, paragraph, item] = key.split('.').map(Number);
  return { article: article!, ...(paragraph ? { paragraph } : {}), ...(item ? { item } : {}) };
}
