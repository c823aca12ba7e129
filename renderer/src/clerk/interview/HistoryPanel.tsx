import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryWarning, VisitSummary } from '../../../../shared/contract';
import type { CategoryDictionary } from '../../../../shared/domain/categories/category-dictionary';
import { categoryPathText } from '../../../../shared/domain/categories/category-search';
import { LANGUAGES, type Language } from '../../../../shared/domain/languages';
import { useErrorText, useHall } from '../../hall-context';
import { useCaseFormat } from '../case/case-format';
import type { VisitorHistory } from './InterviewDesk';
import { UnmaskDialog } from './UnmaskDialog';

type Target = { visitorId: string } | { idNumber: string } | null;

/** Signs that say what a line is without colour: a warning, a deadline's state, a final case. */
const DEADLINE_ICONS: Record<string, string> = { open: '○', due_soon: '◔', due_today: '⚠', overdue: '✖' };

/**
 * The visitor's earlier cases beside the form, with what the desk must notice first: a
 * repeat visit, the same matter already in handling (art. 19 para. 3) or past its 复核
 * (art. 36 para. 3). Asked again with the category once one is chosen, for the
 * same-matter warnings. The full ID and phone only after the clerk gives a reason.
 */
export function HistoryPanel(props: { target: Target; categoryCode: string | null; dictionary: CategoryDictionary | null; today: string; onLoaded: (history: VisitorHistory | null) => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const { target, categoryCode, onLoaded } = props;
  const [history, setHistory] = useState<VisitorHistory | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unmasked, setUnmasked] = useState<{ visitorId: string; idNumber: string; phone: string | null } | null>(null);
  const [asking, setAsking] = useState(false);
  const targetKey = target === null ? null : 'visitorId' in target ? `visitor:${target.visitorId}` : `id:${target.idNumber}`;

  useEffect(() => {
    setError(null);
    if (target === null) {
      setHistory(null);
      onLoaded(null);
      return;
    }
    let current = true;
    client.call('visits.history', { ...target, ...(categoryCode ? { categoryCode } : {}) }).then(
      (loaded) => {
        if (!current) return;
        setHistory(loaded);
        onLoaded(loaded);
      },
      (failure: unknown) => {
        if (!current) return;
        setHistory(null);
        setError(failure);
        onLoaded(null);
      },
    );
    return () => {
      current = false;
    };
    // targetKey stands for target: a new object with the same visitor asks nothing new.
  }, [client, targetKey, categoryCode, onLoaded]);

  const visitor = history?.visitor ?? null;
  // The full numbers stay only while the panel shows the visitor they were asked for.
  const shown = unmasked && visitor && unmasked.visitorId === visitor.id ? unmasked : null;

  return (
    <aside className="history-panel" aria-labelledby="history-heading" data-testid="history-panel">
      <h3 id="history-heading">{t('clerk.interview.history.title')}</h3>
      {target === null ? (
        <p className="muted">{t('clerk.interview.history.noTarget')}</p>
      ) : error !== null ? (
        <p className="banner banner-error" role="alert">
          {errorText(error)}
        </p>
      ) : history === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          {history.warnings.length > 0 && (
            <ul className="history-warnings" aria-label={t('clerk.interview.history.warningsTitle')} data-testid="history-warnings">
              {history.warnings.map((warning) => (
                <WarningLine key={warning.kind === 'repeat_visit' ? warning.kind : `${warning.kind}-${warning.visitId}`} warning={warning} dictionary={props.dictionary} />
              ))}
            </ul>
          )}
          {visitor && (
            <dl className="registration-facts history-visitor" data-testid="history-visitor">
              <dt>{t('clerk.interview.fields.person.name')}</dt>
              <dd>{visitor.name}</dd>
              <dt>{t('clerk.interview.fields.person.idNumber')}</dt>
              <dd className="masked" data-testid="history-id">
                {shown ? shown.idNumber : visitor.idMasked}
              </dd>
              <dt>{t('clerk.interview.fields.person.phone')}</dt>
              <dd className="masked" data-testid="history-phone">
                {shown ? (shown.phone ?? t('clerk.registration.noPhone')) : (visitor.phoneMasked ?? t('clerk.registration.noPhone'))}
              </dd>
            </dl>
          )}
          {visitor &&
            (shown ? (
              <p className="muted unmask-note">
                <span aria-hidden="true">👁 </span>
                {t('clerk.interview.unmask.shown')}{' '}
                <button type="button" className="link-button" onClick={() => setUnmasked(null)}>
                  {t('clerk.interview.unmask.hide')}
                </button>
              </p>
            ) : (
              <button type="button" className="secondary-button small-button" onClick={() => setAsking(true)}>
                {t('clerk.interview.unmask.button')}
              </button>
            ))}
          {history.visits.length === 0 ? (
            <p data-testid="history-none">{t('clerk.interview.history.none')}</p>
          ) : (
            <>
              <p className="muted">{t('clerk.interview.history.count', { count: history.visits.length })}</p>
              <ol className="history-list" data-testid="history-list">
                {history.visits.map((visit) => (
                  <HistoryItem key={visit.id} visit={visit} dictionary={props.dictionary} />
                ))}
              </ol>
            </>
          )}
        </>
      )}
      {asking && visitor && (
        <UnmaskDialog
          visitorId={visitor.id}
          name={visitor.name}
          onClose={() => setAsking(false)}
          onUnmasked={(numbers) => {
            setAsking(false);
            setUnmasked({ visitorId: visitor.id, ...numbers });
          }}
        />
      )}
    </aside>
  );
}

function usePageLanguage(): Language {
  const { i18n } = useTranslation();
  return (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
}

/** A category's path in the page's language, or its code when the dictionary lacks it (retired). */
function useCategoryText(dictionary: CategoryDictionary | null): (code: string) => string {
  const language = usePageLanguage();
  return (code) => (dictionary ? categoryPathText(dictionary, code, language) || code : code);
}

/** One warning in words, with the article behind it: never told by colour alone. */
function WarningLine({ warning, dictionary }: { warning: HistoryWarning; dictionary: CategoryDictionary | null }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const category = useCategoryText(dictionary);
  const text =
    warning.kind === 'repeat_visit'
      ? t('clerk.interview.history.warnings.repeat_visit', { ordinal: warning.earlierVisits + 1, date: format.day(warning.lastVisitOn) })
      : t(`clerk.interview.history.warnings.${warning.kind}`, {
          caseNumber: warning.caseNumber,
          category: category(warning.categoryCode),
          article: format.article(warning.article),
        });
  return (
    <li className={`history-warning history-warning-${warning.kind}`} data-kind={warning.kind}>
      <strong>
        <span aria-hidden="true">⚠ </span>
        {t('clerk.interview.history.warningLabel')}
      </strong>{' '}
      {text}
    </li>
  );
}

/** One earlier case: number, date, category path, stage, next deadline, tags, and whether it is final. */
function HistoryItem({ visit, dictionary }: { visit: VisitSummary; dictionary: CategoryDictionary | null }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const category = useCategoryText(dictionary);
  const deadline = visit.nextDeadline;
  return (
    <li className="history-item" data-testid="history-item">
      <div className="history-item-head">
        <strong className="case-number">{visit.officialNumber ?? visit.caseNumber}</strong>
        <span className="muted">{format.day(visit.receivedOn)}</span>
        {visit.final && (
          <span className="badge history-final" data-testid="history-final">
            <span aria-hidden="true">■ </span>
            {t('clerk.interview.history.final')}
          </span>
        )}
      </div>
      <p className="history-category">{category(visit.categoryCode)}</p>
      <p className="muted history-summary">{visit.summary}</p>
      <p>
        <span className="muted">{t('clerk.interview.history.stage')}</span> {t(`clerk.interview.history.stages.${visit.stage}`)}
      </p>
      <p data-testid="history-deadline">
        <span className="muted">{t('clerk.interview.history.nextDeadline')}</span>{' '}
        {deadline ? (
          <>
            {t(`clerk.case.deadlineKinds.${deadline.kind}`)} · {t('clerk.interview.history.dueOn', { date: format.day(deadline.dueDate) })} ·{' '}
            <span className={`deadline-state deadline-${deadline.state}`}>
              <span aria-hidden="true">{DEADLINE_ICONS[deadline.state] ?? ''} </span>
              {t(`clerk.interview.history.deadlineStates.${deadline.state}`, { defaultValue: deadline.state })}
            </span>
          </>
        ) : (
          t('clerk.interview.history.noDeadline')
        )}
      </p>
      {visit.tags.length > 0 && (
        <ul className="history-tags" aria-label={t('clerk.interview.fields.tags')}>
          {visit.tags.map((tag) => (
            <li key={tag.kind} className="badge">
              {tag.kind === 'leader_owned' ? t('clerk.interview.history.leaderTag', { leader: tag.leader }) : t(`clerk.interview.tags.${tag.kind}`)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
