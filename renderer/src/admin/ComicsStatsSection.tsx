import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMIC_SURFACES, type ComicSurface, type MethodOutput } from '../../../shared/contract';
import { DEFAULT_TIME_ZONE, serviceDayUnder } from '../../../shared/domain/service-day';
import { useComicPack } from '../comics/comic-data';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall, useLocalized } from '../hall-context';
import './comics-stats-section.css';

type Stats = MethodOutput<'comics.stats'>;
type SeriesStats = Stats['series'][number];

/** The default range: the last 30 days, today included. */
const RANGE_DAYS = 30;

function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * What was read of the regulation comics (comics.stats, docs/comics.md): the current
 * pack and the last one refused; per series views, reads started and finished and the
 * time per panel, over a range of days and one surface; each series opens to its panels,
 * so one sees where readers stop. No personal data is counted.
 */
export function ComicsStatsSection() {
  const { t, i18n } = useTranslation();
  const { client, info, connection } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  const packState = useComicPack();
  // The hall's service day now, as the core counts it.
  const today = serviceDayUnder(Date.now(), info?.timeZone ?? DEFAULT_TIME_ZONE, info?.queueRules.resetHour ?? 0, info?.resetHourChange ?? null);
  const [range, setRange] = useState({ from: daysBefore(today, RANGE_DAYS - 1), to: today });
  const [surface, setSurface] = useState<ComicSurface | 'all'>('all');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // A newer pack installed (comics.packChanged reloads the manifest): its figures too.
  const packKey = packState.status === 'ready' ? packState.pack.checksum : packState.status;

  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    client.call('comics.stats', { from: range.from, to: range.to, ...(surface === 'all' ? {} : { surface }) }).then(
      (value) => {
        if (!current) return;
        setStats(value);
        setError(null);
      },
      (failure) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, connection, range, surface, reloads, packKey]);

  const number = new Intl.NumberFormat(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const seconds = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const secondsOf = (averageMs: number | null) => (averageMs === null ? '—' : seconds.format(averageMs / 1000));
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: info?.timeZone });
  const packSeries = packState.status === 'ready' ? packState.pack.series : [];
  const captionOf = (seriesId: string, panelId: string) => {
    const panel = packSeries.find((one) => one.id === seriesId)?.panels.find((one) => one.id === panelId);
    return panel ? localized(panel.caption) : '—';
  };
  const toggle = (seriesId: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(seriesId)) next.add(seriesId);
      return next;
    });
  const read = stats?.series.some((series) => series.views > 0) ?? false;

  return (
    <section aria-labelledby="comics-stats-heading" className="admin-section comics-stats" data-testid="comics-stats">
      <h2 id="comics-stats-heading">{t('admin.comics.title')}</h2>
      <p className="muted">{t('admin.comics.intro')}</p>
      {stats && (
        <>
          <h3>{t('admin.comics.pack')}</h3>
          {stats.pack ? (
            <dl className="comic-stats-facts" data-testid="comic-pack">
              <div>
                <dt>{t('admin.comics.packId')}</dt>
                <dd>{stats.pack.id}</dd>
              </div>
              <div>
                <dt>{t('admin.comics.version')}</dt>
                <dd>{stats.pack.version}</dd>
              </div>
              <div>
                <dt>{t('admin.comics.installedAt')}</dt>
                <dd>{dateTime.format(stats.pack.installedAt)}</dd>
              </div>
            </dl>
          ) : (
            <p>{t('admin.comics.noPack')}</p>
          )}
          {stats.lastRefusal && <Refusal refusal={stats.lastRefusal} at={dateTime.format(stats.lastRefusal.at)} />}
        </>
      )}

      <div className="stats-controls">
        <label className="field">
          {t('stats.from')}
          <input type="date" value={range.from} max={range.to} onChange={(event) => event.target.value && setRange({ ...range, from: event.target.value })} />
        </label>
        <label className="field">
          {t('stats.to')}
          <input type="date" value={range.to} min={range.from} onChange={(event) => event.target.value && setRange({ ...range, to: event.target.value })} />
        </label>
        <label className="field">
          {t('admin.comics.surface')}
          <select value={surface} onChange={(event) => setSurface(event.target.value as ComicSurface | 'all')}>
            {(['all', ...COMIC_SURFACES] as const).map((value) => (
              <option key={value} value={value}>
                {t(`admin.comics.surfaces.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary-button small-button" onClick={() => setReloads((count) => count + 1)}>
          {t('admin.comics.refresh')}
        </button>
      </div>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {!stats && error === null && <p>{t('common.loading')}</p>}
      {stats?.pack &&
        (read ? (
          <div className="table-scroll">
            <table className="data-table stats-table" data-testid="comic-series-stats">
              <TableHead
                columns={[t('admin.comics.series'), t('admin.comics.views'), t('admin.comics.started'), t('admin.comics.finished'), t('admin.comics.finishRate'), t('admin.comics.averageSeconds')]}
                actions
              />
              <tbody>
                {stats.series.map((series) => {
                  const open = expanded.has(series.seriesId);
                  const title = localized(series.title);
                  const panelsId = `comic-panels-${series.seriesId}`;
                  return (
                    <Fragment key={series.seriesId}>
                      <tr>
                        <th scope="row">{title}</th>
                        <td>{number.format(series.views)}</td>
                        <td>{number.format(series.startedReads)}</td>
                        <td>{number.format(series.finishedReads)}</td>
                        <td>{series.startedReads > 0 ? percent.format(series.finishedReads / series.startedReads) : '—'}</td>
                        <td>{secondsOf(series.averageMs)}</td>
                        <td className="row-actions">
                          <button
                            type="button"
                            className="secondary-button small-button"
                            aria-expanded={open}
                            aria-controls={open ? panelsId : undefined}
                            aria-label={t('admin.comics.panelsOf', { title })}
                            onClick={() => toggle(series.seriesId)}
                          >
                            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('admin.comics.panels')}
                          </button>
                        </td>
                      </tr>
                      {open && (
                        <tr id={panelsId}>
                          <td colSpan={7} className="comic-stats-panels">
                            <PanelTable series={series} title={title} captionOf={captionOf} number={number} secondsOf={secondsOf} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('admin.comics.none')}</p>
        ))}
      <p className="muted">{t('admin.comics.hint')}</p>
    </section>
  );
}

function PanelTable(props: {
  series: SeriesStats;
  title: string;
  captionOf: (seriesId: string, panelId: string) => string;
  number: Intl.NumberFormat;
  secondsOf: (averageMs: number | null) => string;
}) {
  const { t } = useTranslation();
  const { series, title, captionOf, number, secondsOf } = props;
  return (
    <table className="data-table stats-table" data-testid={`comic-panel-stats-${series.seriesId}`}>
      <caption className="visually-hidden">{t('admin.comics.panelsOf', { title })}</caption>
      <TableHead columns={[t('admin.comics.panel'), t('admin.comics.caption'), t('admin.comics.views'), t('admin.comics.panelAverageSeconds')]} />
      <tbody>
        {series.panels.map((panel) => (
          <tr key={panel.panelId}>
            <th scope="row">{number.format(panel.index + 1)}</th>
            <td className="comic-stats-caption">{captionOf(series.seriesId, panel.panelId)}</td>
            <td>{number.format(panel.views)}</td>
            <td>{secondsOf(panel.averageMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The last pack the core refused: which, from where, when, and why in words (the core's detail under it). */
function Refusal({ refusal, at }: { refusal: NonNullable<Stats['lastRefusal']>; at: string }) {
  const { t, i18n } = useTranslation();
  const codeKey = `admin.comics.refusal.codes.${refusal.code}`;
  const reason = i18n.exists(codeKey) ? t(codeKey) : t('admin.comics.refusal.unknown', { code: refusal.code });
  const pack = refusal.packId ? t('admin.comics.refusal.pack', { packId: refusal.packId, version: refusal.version ?? '—' }) : t('admin.comics.refusal.unknownPack');
  return (
    <div className="comic-stats-refusal" data-testid="comic-refusal">
      <h3>{t('admin.comics.refusal.title')}</h3>
      <dl className="comic-stats-facts">
        <div>
          <dt>{t('admin.comics.packId')}</dt>
          <dd>{pack}</dd>
        </div>
        <div>
          <dt>{t('admin.comics.refusal.source')}</dt>
          <dd>{t(`admin.comics.refusal.sources.${refusal.source}`)}</dd>
        </div>
        <div>
          <dt>{t('admin.comics.refusal.at')}</dt>
          <dd>{at}</dd>
        </div>
      </dl>
      <p data-testid="comic-refusal-reason">
        <strong>{t('admin.comics.refusal.reason', { reason })}</strong> {t('admin.comics.refusal.kept')}
      </p>
      <p className="muted">{t('admin.comics.refusal.detail', { message: refusal.message })}</p>
    </div>
  );
}
