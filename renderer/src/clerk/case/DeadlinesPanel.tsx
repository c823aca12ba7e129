import { useTranslation } from 'react-i18next';
import type { Visit, WireCaseDeadline } from '../../../../shared/contract';
import { useCaseFormat } from './case-format';

type DeadlineStatus = WireCaseDeadline['status'];

/** Each state's sign, so that no state is told by colour alone. */
const STATE_ICONS: Record<DeadlineStatus['state'], string> = {
  met: '✓',
  met_late: '✓',
  open: '○',
  due_soon: '◔',
  due_today: '⚠',
  overdue: '✖',
  lapsed: '–',
  waived: '–',
};

/** What a state's words need: the day it was met, the days left, late or past. */
function paramsOf(status: DeadlineStatus, day: (isoDay: string) => string): Record<string, string | number> {
  switch (status.state) {
    case 'met':
      return { date: day(status.on) };
    case 'met_late':
      return { date: day(status.on), count: status.daysLate };
    case 'open':
    case 'due_soon':
      return { count: status.daysLeft };
    case 'overdue':
      return { count: status.daysLate };
    case 'lapsed':
      return { count: status.daysPast };
    default:
      return {};
  }
}

/** A deadline's state in words with its icon (met / N days left / due today / overdue N days …). */
export function DeadlineState({ status }: { status: DeadlineStatus }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const params = paramsOf(status, format.day);
  return (
    <span className={`deadline-state deadline-${status.state}`} data-state={status.state}>
      <span aria-hidden="true">{STATE_ICONS[status.state]} </span>
      {t(`clerk.case.deadlineStates.${status.state}`, params)}
    </span>
  );
}

/** The deadlines the regulation sets for this case, computed by the core for today. */
export function DeadlinesPanel({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  return (
    <section className="case-section" aria-labelledby="case-deadlines-heading" data-testid="case-deadlines">
      <h3 id="case-deadlines-heading">{t('clerk.case.deadlines.title')}</h3>
      {visit.finality && (
        <p className="case-finality" data-testid="case-finality">
          <span aria-hidden="true">■ </span>
          {t('clerk.case.deadlines.final', { date: format.day(visit.finality.since), article: format.article(visit.finality.article) })}
        </p>
      )}
      {visit.deadlines.length === 0 ? (
        <p className="muted">{t('clerk.case.deadlines.none')}</p>
      ) : (
        <ul className="deadline-list">
          {visit.deadlines.map((deadline) => (
            <li key={`${deadline.kind}-${deadline.startDate}-${deadline.article.paragraph ?? 0}`} className="deadline" data-kind={deadline.kind}>
              <div className="deadline-head">
                <strong>{t(`clerk.case.deadlineKinds.${deadline.kind}`)}</strong>
                <span className="muted">
                  {format.article(deadline.article)} · {t(`clerk.case.deadlines.nature.${deadline.nature}`)}
                </span>
              </div>
              <div className="deadline-body">
                <span className="deadline-due" data-testid="deadline-due">
                  {t('clerk.case.deadlines.due', { date: format.day(deadline.dueDate) })}
                </span>
                <DeadlineState status={deadline.status} />
              </div>
              <p className="muted deadline-how">
                {t(`clerk.case.deadlines.period.${deadline.period.unit}`, { count: deadline.period.length, start: format.day(deadline.startDate) })}
                {deadline.extensionDays ? ` · ${t('clerk.case.deadlines.extended', { count: deadline.extensionDays })}` : ''}
                {deadline.hearingDays ? ` · ${t('clerk.case.deadlines.hearing', { count: deadline.hearingDays })}` : ''}
                {deadline.unmovedDueDate ? ` · ${t('clerk.case.deadlines.moved', { date: format.day(deadline.unmovedDueDate) })}` : ''}
              </p>
              {!deadline.calendarCovered && (
                <p className="deadline-uncertain">
                  <span aria-hidden="true">⚠ </span>
                  {t('clerk.case.deadlines.uncertain')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
