import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract';
import { useErrorText, useHall } from '../../hall-context';
import { useCaseFormat } from '../case/case-format';
import { CaseList } from './CaseList';

/** 今日案件: the cases the signed-in clerk registered today (visits.mine), newest first. */
export function TodayCases({ onOpen }: { onOpen: (visitId: string) => void }) {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const format = useCaseFormat();
  const [result, setResult] = useState<MethodOutput<'visits.mine'> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('visits.mine', {}).then(
      (value) => {
        if (!current) return;
        setResult(value);
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, connection]);

  return (
    <section className="cases-panel" aria-labelledby="today-cases-heading">
      <h2 id="today-cases-heading">{result ? t('clerk.cases.todayTitleOn', { date: format.day(result.day) }) : t('clerk.cases.todayTitle')}</h2>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {result === null ? (
        error === null && <p>{t('common.loading')}</p>
      ) : result.visits.length === 0 ? (
        <p className="muted">{t('clerk.cases.noneToday')}</p>
      ) : (
        <>
          <p className="muted">{t('clerk.cases.count', { count: result.visits.length })}</p>
          <CaseList visits={result.visits} onOpen={onOpen} testId="today-cases" />
        </>
      )}
    </section>
  );
}
