import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SATISFACTION_LEVELS, type MethodOutput } from '../../../shared/contract';
import { DEFAULT_TIME_ZONE, serviceDayUnder } from '../../../shared/domain/service-day';
import { useErrorText, useHall, useLocalized } from '../hall-context';

type Summary = MethodOutput<'ratings.summary'>;
type Counts = Summary['all'];

/**
 * Satisfaction ratings (ratings.summary, docs/ratings.md): the five levels, the satisfied
 * rate and the requests left unanswered, in all, by clerk and by service. `from`/`to`
 * fix the range; without them the admin page chooses one (today first) and a clerk's
 * desk shows today, the only range a clerk may read.
 */
export function SatisfactionPanel(props: { from?: string; to?: string }) {
  const { t, i18n } = useTranslation();
  const { client, info, connection, role } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  // The hall's service day now, as the core counts it.
  const today = serviceDayUnder(Date.now(), info?.timeZone ?? DEFAULT_TIME_ZONE, info?.queueRules.resetHour ?? 0, info?.resetHourChange ?? null);
  const choosing = props.from === undefined && props.to === undefined && role === 'admin';
  const [chosen, setChosen] = useState({ from: today, to: today });
  const from = props.from ?? (choosing ? chosen.from : today);
  const to = props.to ?? props.from ?? (choosing ? chosen.to : today);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('ratings.summary', { from, to }).then(
      (value) => {
        if (!current) return;
        setSummary(value);
        setError(null);
      },
      (failure) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, connection, from, to, reloads]);

  const number = new Intl.NumberFormat(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const headers = [...SATISFACTION_LEVELS.map((level) => t(`rate.levels.${level}`)), t('satisfaction.total'), t('satisfaction.satisfiedRate'), t('satisfaction.unanswered')];
  const cells = (counts: Counts) => [
    ...SATISFACTION_LEVELS.map((level) => number.format(counts.levels[level])),
    number.format(counts.total),
    counts.satisfiedRate === null ? '—' : percent.format(counts.satisfiedRate),
    number.format(counts.unanswered),
  ];
  const serviceLabel = (serviceId: string) => {
    const service = info?.services.find((s) => s.id === serviceId);
    return service ? `${service.letter} ${localized(service.name)}` : serviceId;
  };

  const table = (caption: string, rows: Array<{ key: string; label: string; counts: Counts }>, testId: string) => (
    <div className="table-scroll">
      <table className="data-table stats-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {cells(row.counts).map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  const fixedToday = !choosing && from === today && to === today;
  return (
    <section className="stats satisfaction" aria-labelledby="satisfaction-heading" data-testid="satisfaction-panel">
      <h2 id="satisfaction-heading">{fixedToday ? t('satisfaction.todayTitle') : t('satisfaction.title')}</h2>
      <div className="stats-controls">
        {choosing && (
          <>
            <label className="field">
              {t('stats.from')}
              <input type="date" value={chosen.from} max={chosen.to} onChange={(event) => event.target.value && setChosen({ ...chosen, from: event.target.value })} />
            </label>
            <label className="field">
              {t('stats.to')}
              <input type="date" value={chosen.to} min={chosen.from} onChange={(event) => event.target.value && setChosen({ ...chosen, to: event.target.value })} />
            </label>
          </>
        )}
        <button type="button" className="secondary-button small-button" onClick={() => setReloads((count) => count + 1)}>
          {t('satisfaction.refresh')}
        </button>
      </div>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {summary &&
        (summary.all.total === 0 && summary.all.unanswered === 0 ? (
          <p className="muted">{t('satisfaction.none')}</p>
        ) : (
          <>
            {table(t('satisfaction.all'), [{ key: 'all', label: t('satisfaction.all'), counts: summary.all }], 'satisfaction-all')}
            {table(
              t('satisfaction.byClerk'),
              summary.byClerk.map((row) => ({ key: row.staffId, label: t('stats.clerkLabel', { name: row.name, staffNo: row.staffNo }), counts: row })),
              'satisfaction-by-clerk',
            )}
            {table(
              t('satisfaction.byService'),
              summary.byService.map((row) => ({ key: row.serviceId, label: serviceLabel(row.serviceId), counts: row })),
              'satisfaction-by-service',
            )}
          </>
        ))}
      <p className="muted">{t('satisfaction.rateHint')}</p>
    </section>
  );
}
