import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/contract';

const ZH_DIGITS = '零一二三四五六七八九';

/** 34 → 三十四: articles are cited in Chinese numerals in Chinese text. */
export function chineseNumeral(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones ? ZH_DIGITS[ones] : ''}`;
}

/**
 * The case-status look-up's answer in plain words (kiosk.caseStatus): the stage, the next
 * deadline and its article, or that it is closed; then where to ask and what is not shown.
 * The kiosk's result step and the receipt's QR page (`/case/<number>`) both show it.
 * `today`: the hall's service day, to say a deadline has passed.
 */
export function CaseStatusAnswer({ status, today }: { status: CaseStatus; today: string }) {
  const { t, i18n } = useTranslation();
  const chinese = i18n.language.startsWith('zh');
  const numeral = (n: number) => (chinese ? chineseNumeral(n) : String(n));
  const articleText = (article: NonNullable<CaseStatus['nextDeadline']>['article']) =>
    article.paragraph === undefined
      ? t('kioskFlow.caseStatus.article', { article: numeral(article.article) })
      : t('kioskFlow.caseStatus.articleParagraph', { article: numeral(article.article), paragraph: numeral(article.paragraph) });
  // A calendar day, not an instant: formatted as UTC so no time zone moves it.
  const dateText = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
  const deadline = status.nextDeadline;

  return (
    <>
      <dl className="case-result" aria-live="polite">
        <dt>{t('kioskFlow.caseStatus.stageLabel')}</dt>
        <dd className="case-stage" data-testid="case-stage">
          {t(`kioskFlow.caseStatus.stages.${status.stage}`)}
        </dd>
        {status.closed && (
          <dd className="field-ok" data-testid="case-closed">
            <span aria-hidden="true">✓ </span>
            {t('kioskFlow.caseStatus.closed')}
          </dd>
        )}
        <dt>{t('kioskFlow.caseStatus.deadlineLabel')}</dt>
        <dd className="case-deadline" data-testid="case-deadline">
          {deadline
            ? t(`kioskFlow.caseStatus.deadlines.${deadline.kind}`, { date: dateText(deadline.dueDate), article: articleText(deadline.article) })
            : t('kioskFlow.caseStatus.noDeadline')}
        </dd>
        {deadline && deadline.dueDate < today && (
          <dd className="field-problem">
            <span aria-hidden="true">⚠ </span>
            {t('kioskFlow.caseStatus.overdue')}
          </dd>
        )}
      </dl>
      <p className="step-note">{t('kioskFlow.caseStatus.askStaff')}</p>
      <p className="muted step-note">{t('kioskFlow.caseStatus.privacy')}</p>
    </>
  );
}
