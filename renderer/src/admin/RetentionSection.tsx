import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_COUNT_KEYS, type MethodOutput, type RetentionRun } from '../../../shared/contract';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/service-day';
import { Dialog } from '../components/Dialog';
import { useErrorText, useHall } from '../hall-context';
import { refusedFields } from './field-problems';
import './hall-sections.css';
import './printers-section.css';

type Status = MethodOutput<'retention.status'>;

/**
 * 数据保留 (docs/retention.md): the retention period — the one setting, which the kiosk's
 * notice also quotes (kiosk settings' `retentionYears`) — the last run of the daily job
 * (when, what it did), when it runs next, and running it now after a confirmation that
 * says what it removes, for good.
 */
export function RetentionSection() {
  const { t, i18n } = useTranslation();
  const { client, connection, info } = useHall();
  const errorText = useErrorText();
  const id = useId();
  const [status, setStatus] = useState<Status | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [years, setYears] = useState(info?.kiosk.retentionYears ?? 3);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [ran, setRan] = useState<RetentionRun | null>(null);

  const load = useCallback(
    () =>
      client.call('retention.status', {}).then(
        (value) => {
          setStatus(value);
          setFailure(null);
        },
        setFailure,
      ),
    [client],
  );
  useEffect(() => {
    if (connection > 0) void load();
  }, [load, connection]);
  useEffect(() => {
    if (info) setYears(info.kiosk.retentionYears);
  }, [info]);

  const timeZone = info?.timeZone ?? DEFAULT_TIME_ZONE;
  const dateTime = (epochMs: number) => new Intl.DateTimeFormat(i18n.language, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(epochMs);
  const date = (epochMs: number) => new Intl.DateTimeFormat(i18n.language, { timeZone, dateStyle: 'long' }).format(epochMs);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!Number.isInteger(years) || years < 1 || years > 30) return setProblem(t('retention.section.periodProblem'));
    if (!info) return;
    try {
      await client.call('hall.saveKioskSettings', { ...info.kiosk, retentionYears: years });
      setProblem(null);
      setSaved(true);
      void load();
    } catch (error) {
      setProblem(refusedFields(error).includes('retentionYears') ? t('retention.section.periodProblem') : errorText(error));
    }
  };

  const problemId = `${id}-period-problem`;
  return (
    <section aria-labelledby="retention-heading" className="admin-section retention-section">
      <h2 id="retention-heading">{t('retention.section.title')}</h2>
      <p className="muted">{t('retention.section.intro')}</p>

      <form className="retention-period" noValidate onSubmit={(event) => void save(event)}>
        <div className="field-with-hint">
          <label className="field">
            {t('retention.section.period')}
            <input
              type="number"
              inputMode="numeric"
              value={Number.isNaN(years) ? '' : years}
              aria-describedby={`${id}-period-hint${problem ? ` ${problemId}` : ''}`}
              {...(problem ? { 'aria-invalid': true } : {})}
              onChange={(event) => setYears(event.target.value === '' ? Number.NaN : Number(event.target.value))}
            />
          </label>
          <p id={`${id}-period-hint`} className="muted field-hint">
            {t('retention.section.periodHint')}
          </p>
          {problem && (
            <p id={problemId} className="field-problem" role="alert">
              {problem}
            </p>
          )}
        </div>
        <div>
          <button type="submit" className="primary-button">
            {t('admin.save')}
          </button>
          {saved && (
            <p role="status" className="muted">
              {t('admin.saved')}
            </p>
          )}
        </div>
      </form>

      {failure !== null && (
        <p className="banner banner-error" role="alert">
          {errorText(failure)}
        </p>
      )}
      {status && (
        <div className="retention-runs" data-testid="retention-status">
          <h3>{t('retention.section.lastRun')}</h3>
          {status.lastRun ? <RunSummary run={status.lastRun} dateTime={dateTime} date={date} /> : <p>{t('retention.section.never')}</p>}
          <h3>{t('retention.section.nextRun')}</h3>
          <p>{status.nextRunAt === null ? t('retention.section.notScheduled') : dateTime(status.nextRunAt)}</p>
          <p className="muted">{t('retention.section.printed', { days: status.printedContentDays })}</p>
          <button type="button" className="secondary-button" onClick={() => setConfirming(true)}>
            {t('retention.section.runNow')}
          </button>
          {ran && (
            <p role="status" className="banner banner-success" data-testid="retention-ran">
              {t('retention.section.ran', { time: dateTime(ran.finishedAt) })}
            </p>
          )}
        </div>
      )}

      {confirming && status && (
        <RunNowDialog
          years={status.retentionYears}
          cutOff={date(yearsBefore(Date.now(), status.retentionYears))}
          printedDays={status.printedContentDays}
          onRan={(run) => {
            setConfirming(false);
            setRan(run);
            void load();
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}

/** A run: when, who started it, the cut-off and what it did, in counts. */
function RunSummary({ run, dateTime, date }: { run: RetentionRun; dateTime: (ms: number) => string; date: (ms: number) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('retention.section.runAt', { time: dateTime(run.finishedAt), trigger: t(`retention.section.trigger.${run.trigger}`) })}{' '}
        {run.interrupted && <strong>{t('retention.section.interrupted')}</strong>}
      </p>
      <p>{t('retention.section.cutOff', { years: run.retentionYears, date: date(run.casesBefore) })}</p>
      <ul className="retention-counts">
        {RETENTION_COUNT_KEYS.map((key) => (
          <li key={key}>{t(`retention.section.counts.${key}`, { count: run.counts[key] })}</li>
        ))}
      </ul>
    </>
  );
}

/** "立即运行": what it removes, for good, said before it runs. */
function RunNowDialog(props: { years: number; cutOff: string; printedDays: number; onRan: (run: RetentionRun) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  return (
    <Dialog title={t('retention.confirm.title')} onClose={props.onClose}>
      <p>{t('retention.confirm.cases', { count: props.years, date: props.cutOff })}</p>
      <p>{t('retention.confirm.others', { days: props.printedDays })}</p>
      <p>
        <strong>{t('retention.confirm.irreversible')}</strong>
      </p>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(error)}
        </div>
      )}
      {running && (
        <p role="status" className="muted">
          {t('retention.confirm.running')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary-button" onClick={props.onClose}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="primary-button"
          disabled={running}
          onClick={() => {
            setRunning(true);
            client.call('retention.runNow', {}).then(props.onRan, (failure: unknown) => {
              setError(failure);
              setRunning(false);
            });
          }}
        >
          {t('retention.confirm.run')}
        </button>
      </div>
    </Dialog>
  );
}

/** The same moment `years` calendar years earlier, as the job reckons its cut-off (retention-service.ts). */
function yearsBefore(epochMs: number, years: number): number {
  const date = new Date(epochMs);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.getTime();
}
