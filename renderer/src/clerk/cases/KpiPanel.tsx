import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/contract';
import { useErrorText, useHall } from '../../hall-context';
import { useCaseFormat } from '../case/case-format';

type Kpis = MethodOutput<'visits.kpis'>;
type Rate = Kpis['timelyAcceptance'];

/** The first and last day of the month `day` falls in. */
function monthOf(day: string): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${day.slice(0, 7)}-01`, to: `${day.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/**
 * 及时受理率 and 按期办结率 (docs/deadlines.md, "KPIs"), computed by the core from the
 * timelines: for this month and for a range the clerk chooses, each with its counts.
 */
export function KpiPanel({ today }: { today: string | null }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const month = today ? monthOf(today) : null;
  // The range starts as this month, once the hall has said which day it is.
  const [typed, setTyped] = useState<{ from?: string; to?: string }>({});
  const from = typed.from ?? month?.from ?? '';
  const to = typed.to ?? month?.to ?? '';
  const [chosen, setChosen] = useState<{ from: string; to: string } | null>(null);

  return (
    <section className="kpi-panel" aria-labelledby="kpi-heading" data-testid="kpi-panel">
      <h3 id="kpi-heading">{t('clerk.cases.kpi.title')}</h3>
      {month && <KpiFigures range={month} label={t('clerk.cases.kpi.thisMonth', { from: format.day(month.from), to: format.day(month.to) })} testId="kpi-month" />}
      <form
        className="kpi-range"
        onSubmit={(event) => {
          event.preventDefault();
          if (from && to) setChosen({ from, to });
        }}
      >
        <label className="field">
          {t('clerk.cases.kpi.from')}
          <input type="date" aria-required="true" value={from} onChange={(event) => setTyped({ ...typed, from: event.target.value })} />
        </label>
        <label className="field">
          {t('clerk.cases.kpi.to')}
          <input type="date" aria-required="true" value={to} onChange={(event) => setTyped({ ...typed, to: event.target.value })} />
        </label>
        <button type="submit" className="secondary-button small-button" disabled={!from || !to}>
          {t('clerk.cases.kpi.compute')}
        </button>
      </form>
      {chosen && (
        <KpiFigures
          key={`${chosen.from}-${chosen.to}`}
          range={chosen}
          label={t('clerk.cases.kpi.range', { from: format.day(chosen.from), to: format.day(chosen.to) })}
          testId="kpi-range"
        />
      )}
    </section>
  );
}

function KpiFigures({ range, label, testId }: { range: { from: string; to: string }; label: string; testId: string }) {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const [result, setResult] = useState<{ key: string; kpis: Kpis } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = `${range.from}/${range.to}`;

  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    const [from, to] = key.split('/') as [string, string];
    client.call('visits.kpis', { from, to }).then(
      (kpis) => {
        if (!current) return;
        setResult({ key, kpis });
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, connection, key]);

  const kpis = result?.key === key ? result.kpis : null;
  return (
    <div className="kpi-figures" data-testid={testId}>
      <h4>{label}</h4>
      {error !== null ? (
        <p className="banner banner-error" role="alert">
          {errorText(error)}
        </p>
      ) : !kpis ? (
        <p>{t('common.loading')}</p>
      ) : (
        <dl className="case-facts">
          <RateRow name={t('clerk.cases.kpi.timelyAcceptance')} rate={kpis.timelyAcceptance} />
          <RateRow name={t('clerk.cases.kpi.onTimeClosure')} rate={kpis.onTimeClosure} />
        </dl>
      )}
    </div>
  );
}

function RateRow({ name, rate }: { name: string; rate: Rate }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  return (
    <>
      <dt>{name}</dt>
      <dd>
        <strong>{rate.rate === null ? t('clerk.cases.kpi.noCases') : format.percent(rate.rate)}</strong>
        {rate.rate !== null && ` ${t('clerk.cases.kpi.counts', { numerator: format.number(rate.numerator), denominator: format.number(rate.denominator) })}`}
        {rate.pending > 0 && ` · ${t('clerk.cases.kpi.pending', { count: rate.pending })}`}
        {rate.invalid > 0 && ` · ${t('clerk.cases.kpi.invalid', { count: rate.invalid })}`}
      </dd>
    </>
  );
}
