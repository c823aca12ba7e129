import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATS_GROUPINGS, type MethodOutput, type QueueStatsRow, type StatsGroupBy } from '../../../shared/contract';
import { toCsv, type CsvCell } from '../../../shared/domain/csv';
import { DEFAULT_TIME_ZONE, serviceDayUnder } from '../../../shared/domain/service-day';
import { useErrorText, useHall, useLocalized } from '../hall-context';

const COLUMNS = [
  'tickets', 'served', 'noShows', 'cancelled', 'transferred',
  'waitAvgMin', 'waitP90Min', 'walkAvgMin', 'walkP90Min', 'serviceAvgMin', 'serviceP90Min', 'idleWhileWaitingMin',
] as const satisfies ReadonlyArray<keyof QueueStatsRow>;

/**
 * Queue statistics as a table with CSV exports. Clerks get today (`fixedToday`),
 * admins any range; both choose how to group.
 */
export function QueueStatsPanel({ fixedToday, initialGroupBy = 'window' }: { fixedToday: boolean; initialGroupBy?: StatsGroupBy }) {
  const { t, i18n } = useTranslation();
  const { client, info, connection } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  // The hall's service day now, as the core counts it (a reset hour saved today waits for tomorrow).
  const today = serviceDayUnder(Date.now(), info?.timeZone ?? DEFAULT_TIME_ZONE, info?.queueRules.resetHour ?? 0, info?.resetHourChange ?? null);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<StatsGroupBy>(initialGroupBy);
  const [result, setResult] = useState<MethodOutput<'stats.queue'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [changes, setChanges] = useState(0);

  // Today's figures follow the queue as it moves.
  useEffect(() => {
    if (!fixedToday) return;
    return client.on('queue.waitingChanged', () => setChanges((count) => count + 1));
  }, [client, fixedToday]);

  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    const range = fixedToday ? { from: today, to: today } : { from, to };
    client.call('stats.queue', { ...range, groupBy }).then(
      (value) => {
        if (!current) return;
        setResult(value);
        setError(null);
      },
      (failure) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, connection, fixedToday, today, from, to, groupBy, changes]);

  const label = (key: string): string => {
    if (groupBy === 'day') return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(key));
    if (groupBy === 'hour') return t('stats.hourRange', { from: `${key}:00`, to: `${String(Number(key) + 1).padStart(2, '0')}:00` });
    if (groupBy === 'service') {
      const service = info?.services.find((s) => s.id === key);
      return service ? `${service.letter} ${localized(service.name)}` : key;
    }
    if (groupBy === 'window') {
      const window = info?.windows.find((w) => w.id === key);
      return window ? localized(window.name) : key ? key : t('stats.notCalled');
    }
    // Clerk rows are keyed by staff id; the reply names them.
    const clerk = result?.clerks.find((c) => c.id === key);
    return clerk ? t('stats.clerkLabel', { name: clerk.name, staffNo: clerk.staffNo }) : key || t('stats.noClerk');
  };
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const cell = (value: number | null) => (value === null ? '—' : number.format(value));
  const headers = [t(`stats.groupBy.${groupBy}`), ...COLUMNS.map((column) => t(`stats.columns.${column}`))];

  const download = (excel: boolean) => {
    if (!result) return;
    const rows: CsvCell[][] = [
      headers,
      ...result.rows.map((row) => [label(row.key), ...COLUMNS.map((column) => row[column])]),
      [t('stats.total'), ...COLUMNS.map((column) => result.total[column])],
    ];
    const blob = new Blob([toCsv(rows, { excel })], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    const range = fixedToday ? today : `${from}_${to}`;
    link.download = `queue-stats_${range}_${groupBy}${excel ? '_excel' : ''}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  return (
    <section className="stats" aria-labelledby="stats-heading">
      <h2 id="stats-heading">{fixedToday ? t('stats.todayTitle') : t('stats.title')}</h2>
      <div className="stats-controls">
        {!fixedToday && (
          <>
            <label className="field">
              {t('stats.from')}
              <input type="date" value={from} max={to} onChange={(event) => event.target.value && setFrom(event.target.value)} />
            </label>
            <label className="field">
              {t('stats.to')}
              <input type="date" value={to} min={from} onChange={(event) => event.target.value && setTo(event.target.value)} />
            </label>
          </>
        )}
        <label className="field">
          {t('stats.groupByLabel')}
          <select value={groupBy} onChange={(event) => setGroupBy(event.target.value as StatsGroupBy)}>
            {STATS_GROUPINGS.map((option) => (
              <option key={option} value={option}>
                {t(`stats.groupBy.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary-button small-button" disabled={!result} onClick={() => download(false)}>
          {t('stats.exportCsv')}
        </button>
        <button type="button" className="secondary-button small-button" disabled={!result} onClick={() => download(true)}>
          {t('stats.exportExcel')}
        </button>
      </div>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {result && (
        // Focusable, so that keyboard users can scroll a wide table too.
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="stats-heading">
          <table className="data-table stats-table" data-testid="stats-table">
            <thead>
              <tr>
                {headers.map((header) => (
                  <th key={header} scope="col">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{label(row.key)}</th>
                  {COLUMNS.map((column) => (
                    <td key={column}>{cell(row[column])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('stats.total')}</th>
                {COLUMNS.map((column) => (
                  <td key={column}>{cell(result.total[column])}</td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
