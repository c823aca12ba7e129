import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUE_STATES, type MethodOutput } from '../../../../shared/contract';
import { useErrorText, useHall } from '../../hall-context';
import { useCaseFormat } from '../case/case-format';
import { DeadlineState } from '../case/DeadlinesPanel';
import { TableHead } from '../../components/TableHead';
import { KpiPanel } from './KpiPanel';
import { DUE_REFRESH_MS } from './use-overdue-count';
import '../case/case.css';

type DueItem = MethodOutput<'visits.dueList'>['items'][number];
type Scope = 'mine' | 'hall';

/** Overdue first: what needs the clerk most. */
const GROUP_ORDER = ['overdue', 'due_today', 'due_soon'] as const satisfies ReadonlyArray<(typeof DUE_STATES)[number]>;

/** A due item's state as the case view words it (the due list carries the days, not the status). */
function statusOf(item: DueItem) {
  switch (item.state) {
    case 'overdue':
      return { state: 'overdue' as const, daysLate: -item.daysLeft };
    case 'due_today':
      return { state: 'due_today' as const };
    case 'due_soon':
      return { state: 'due_soon' as const, daysLeft: item.daysLeft };
  }
}

/**
 * 到期提醒: the deadlines that need attention today — overdue, due today, due soon — of the
 * clerk's own cases or the whole hall's, each opening its case; and the two KPIs.
 */
export function DueList({ onOpen }: { onOpen: (visitId: string) => void }) {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const format = useCaseFormat();
  const [scope, setScope] = useState<Scope>('mine');
  const [result, setResult] = useState<(MethodOutput<'visits.dueList'> & { scope: Scope }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), DUE_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('visits.dueList', { scope }).then(
      (value) => {
        if (!current) return;
        setResult({ ...value, scope });
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, connection, scope, tick]);

  const shown = result?.scope === scope ? result : null;
  return (
    <section className="cases-panel" aria-labelledby="due-heading">
      <div className="section-heading due-heading">
        <h2 id="due-heading">{shown ? t('clerk.cases.dueTitleOn', { date: format.day(shown.today) }) : t('clerk.cases.dueTitle')}</h2>
        <div className="window-state" role="group" aria-label={t('clerk.cases.scope')}>
          {(['mine', 'hall'] as const).map((option) => (
            <button key={option} type="button" aria-pressed={scope === option} onClick={() => setScope(option)}>
              {scope === option ? '● ' : ''}
              {t(`clerk.cases.scopes.${option}`)}
            </button>
          ))}
        </div>
      </div>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {!shown ? (
        error === null && <p>{t('common.loading')}</p>
      ) : shown.items.length === 0 ? (
        <p className="muted" data-testid="due-empty">
          <span aria-hidden="true">✓ </span>
          {t('clerk.cases.dueNone')}
        </p>
      ) : (
        GROUP_ORDER.map((state) => {
          const items = shown.items.filter((item) => item.state === state);
          if (items.length === 0) return null;
          return (
            <section key={state} className={`due-group due-group-${state}`} aria-labelledby={`due-${state}`} data-testid={`due-${state}`}>
              <h3 id={`due-${state}`}>{t(`clerk.cases.dueGroups.${state}`, { count: items.length })}</h3>
              <div className="table-scroll">
                <table className="data-table">
                  <TableHead
                    columns={[
                      t('clerk.cases.columns.caseNumber'),
                      t('clerk.cases.columns.deadline'),
                      t('clerk.cases.columns.article'),
                      t('clerk.cases.columns.dueDate'),
                      t('clerk.cases.columns.state'),
                    ]}
                    actions
                  />
                  <tbody>
                    {items.map((item) => (
                      <tr key={`${item.visitId}-${item.kind}-${item.dueDate}`}>
                        <td className="nowrap">
                          <strong>{item.caseNumber}</strong>
                        </td>
                        <td>{t(`clerk.case.deadlineKinds.${item.kind}`)}</td>
                        <td>{format.article(item.article)}</td>
                        <td className="nowrap">{format.day(item.dueDate)}</td>
                        <td>
                          <DeadlineState status={statusOf(item)} />
                        </td>
                        <td className="nowrap">
                          <button
                            type="button"
                            className="secondary-button small-button"
                            aria-label={t('clerk.cases.openThis', { caseNumber: item.caseNumber })}
                            onClick={() => onOpen(item.visitId)}
                          >
                            {t('clerk.cases.open')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })
      )}
      <KpiPanel today={shown?.today ?? null} />
    </section>
  );
}
