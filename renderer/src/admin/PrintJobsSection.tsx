import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRINT_DOCUMENT_KINDS, PRINT_JOB_STATES, type MethodInput, type Printer, type PrintJob } from '../../../shared/contract';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/service-day';
import { FormDialog } from '../components/FormDialog';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall } from '../hall-context';
import { dayRangeIn } from './day-range';
import { usePrintWords } from './print-words';
import { usePolling } from './use-polling';

type Filter = { state: PrintJob['state'] | ''; printerId: string; documentKind: PrintJob['document']['kind'] | ''; day: string };
const NO_FILTER: Filter = { state: '', printerId: '', documentKind: '', day: '' };
const HISTORY_EVERY_MS = 10_000;
const HISTORY_LIMIT = 100;

/**
 * 打印记录 (printing.jobs): what was printed, where, by whom and how it went, newest
 * first, filtered by state, printer, document and day; any job can be printed again
 * (to its printer or another one).
 */
export function PrintJobsSection() {
  const { t, i18n } = useTranslation();
  const { client, connection, info } = useHall();
  const errorText = useErrorText();
  const words = usePrintWords();
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [jobs, setJobs] = useState<PrintJob[] | null>(null);
  const [printers, setPrinters] = useState<Printer[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [reprinting, setReprinting] = useState<PrintJob | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const timeZone = info?.timeZone ?? DEFAULT_TIME_ZONE;

  const load = useCallback(async () => {
    const query: MethodInput<'printing.jobs'> = {
      limit: HISTORY_LIMIT,
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.printerId ? { printerId: filter.printerId } : {}),
      ...(filter.documentKind ? { documentKind: filter.documentKind } : {}),
    };
    if (filter.day) {
      const range = dayRangeIn(filter.day, timeZone);
      // `to` is inclusive in the history's query.
      Object.assign(query, { from: range.from, to: range.to - 1 });
    }
    try {
      const [history, status] = await Promise.all([client.call('printing.jobs', query), client.call('printing.status', {})]);
      setJobs(history.jobs);
      setPrinters(status.printers);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, [client, filter, timeZone]);
  // A new filter is a new `load`: asked at once.
  usePolling(load, HISTORY_EVERY_MS, connection > 0, load);

  const dateTime = new Intl.DateTimeFormat(i18n.language, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  const printerById = new Map(printers.map((printer) => [printer.id, printer]));

  return (
    <section aria-labelledby="print-jobs-heading" className="admin-section print-jobs-section">
      <h2 id="print-jobs-heading">{t('admin.printJobs.title')}</h2>
      <p className="muted">{t('admin.printJobs.intro')}</p>
      <div className="stats-controls">
        <label className="field">
          {t('admin.printJobs.state')}
          <select value={filter.state} onChange={(event) => setFilter({ ...filter, state: event.target.value as Filter['state'] })}>
            <option value="">{t('admin.printJobs.all')}</option>
            {PRINT_JOB_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`admin.printJobs.states.${state}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('admin.printJobs.printer')}
          <select value={filter.printerId} onChange={(event) => setFilter({ ...filter, printerId: event.target.value })}>
            <option value="">{t('admin.printJobs.all')}</option>
            {printers.map((printer) => (
              <option key={printer.id} value={printer.id}>
                {printer.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('admin.printJobs.document')}
          <select value={filter.documentKind} onChange={(event) => setFilter({ ...filter, documentKind: event.target.value as Filter['documentKind'] })}>
            <option value="">{t('admin.printJobs.all')}</option>
            {PRINT_DOCUMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`admin.printJobs.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('admin.printJobs.day')}
          <input type="date" value={filter.day} onChange={(event) => setFilter({ ...filter, day: event.target.value })} />
        </label>
        <button
          type="button"
          className="secondary-button small-button"
          onClick={() => void load()}
        >
          {t('admin.printJobs.refresh')}
        </button>
      </div>
      {failure !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(failure)}
        </div>
      )}
      {message && (
        <p role="status" className="muted" data-testid="reprint-done">
          {message}
        </p>
      )}
      {jobs === null && failure === null && <p>{t('common.loading')}</p>}
      {jobs?.length === 0 && <p>{Object.values(filter).every((value) => value === '') ? t('admin.printJobs.none') : t('admin.printJobs.empty')}</p>}
      {jobs && jobs.length > 0 && (
        <div className="table-scroll">
          <table className="data-table print-jobs-table" data-testid="print-job-table">
            <TableHead
              columns={[t('admin.printJobs.time'), t('admin.printJobs.document'), t('admin.printJobs.printer'), t('admin.printJobs.requestedBy'), t('admin.printJobs.state')]}
              actions
            />
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td className="print-job-time">{dateTime.format(job.requestedAt)}</td>
                  <th scope="row">
                    {words.documentText(job)}
                    {job.reprintOf && <span className="muted">{t('admin.printJobs.reprintMark')}</span>}
                  </th>
                  <td>{job.printer ? (printerById.get(job.printer.id)?.name ?? job.printer.name) : t('admin.printJobs.browser')}</td>
                  <td>{words.requester(job)}</td>
                  <td>
                    {words.jobState(job)}
                    {job.printedAt !== null && job.state === 'done' && <span className="muted"> {dateTime.format(job.printedAt)}</span>}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="secondary-button small-button"
                      aria-label={t('admin.printJobs.reprintOf', { document: words.documentText(job) })}
                      onClick={() => {
                        setMessage(null);
                        setReprinting(job);
                      }}
                    >
                      {t('admin.printJobs.reprint')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {reprinting && (
        <ReprintDialog
          job={reprinting}
          printers={printers}
          onClose={() => setReprinting(null)}
          onDone={(job) => {
            setReprinting(null);
            setMessage(t('admin.printJobs.reprinted', { document: words.documentText(job), printer: job.printer?.name ?? t('admin.printJobs.browser') }));
            void load();
          }}
        />
      )}
    </section>
  );
}

/**
 * Print a job again: to its own printer or another active one that reads the same content
 * (ESC/POS for the thermal printers, HTML for the system ones). A job the browser printed
 * has no printer of the hall: one must be chosen.
 */
function ReprintDialog(props: { job: PrintJob; printers: Printer[]; onClose: () => void; onDone: (job: PrintJob) => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const words = usePrintWords();
  const { job } = props;
  const readsContent = (printer: Printer) => (job.contentType === 'html' ? printer.connection === 'system' : printer.connection !== 'system');
  const own = job.printer ? props.printers.find((printer) => printer.id === job.printer!.id && printer.active) : undefined;
  const others = props.printers.filter((printer) => printer.active && printer.id !== job.printer?.id && readsContent(printer));
  const [printerId, setPrinterId] = useState(own ? '' : (others[0]?.id ?? ''));
  const canChoose = own !== undefined || others.length > 0;

  return (
    <FormDialog
      title={t('admin.printJobs.reprintTitle', { document: words.documentText(job) })}
      onClose={props.onClose}
      submitLabel={t('admin.printJobs.reprint')}
      canSubmit={canChoose && (printerId !== '' || own !== undefined)}
      submit={async () => {
        const { job: reprinted } = await client.call('printing.reprint', { jobId: job.id, ...(printerId ? { printerId } : {}) });
        props.onDone(reprinted);
      }}
    >
      {job.printer === null && <p>{t('admin.printJobs.browserJob')}</p>}
      {canChoose ? (
        <label className="field">
          {t('admin.printJobs.reprintTo')}
          <select value={printerId} onChange={(event) => setPrinterId(event.target.value)}>
            {own && <option value="">{t('admin.printJobs.samePrinter', { name: own.name })}</option>}
            {others.map((printer) => (
              <option key={printer.id} value={printer.id}>
                {printer.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="banner banner-error" role="alert">
          {t('admin.printJobs.noPrinterToReprint')}
        </p>
      )}
    </FormDialog>
  );
}
