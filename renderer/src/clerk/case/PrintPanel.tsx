import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/contract';
import type { PrintJob } from '../../../../shared/contract/printing-methods';
import type { RenderReceiptInput } from '../../../../shared/contract/receipt-methods';
import { LANGUAGES, type Language } from '../../../../shared/domain/languages';
import { TableHead } from '../../components/TableHead';
import { useErrorText, useHall } from '../../hall-context';
import { printInBrowser } from '../../printing/browser-print';
import { useCaseFormat } from './case-format';
import { documentOfJob, lettersFor, type CaseDocumentName } from './print-documents';
import { historyPollMs } from './print-polling';
import { usePrinterErrorText } from '../../printing/printer-error-text';

/** Each state's sign, so that no state is told by colour alone. */
const STATE_ICONS: Record<PrintJob['state'] | 'browser', string> = { queued: '◷', printing: '⎙', done: '✓', failed: '✖', browser: '↗' };

/** What became of the last print asked here: a printer's job (followed in the history), the browser's dialog, or a refusal. */
type Outcome =
  | { kind: 'printer'; jobId: string; printer: string }
  | { kind: 'browser' }
  | { kind: 'refused'; error: unknown }
  | { kind: 'dialogFailed' };

const isOpen = (job: PrintJob) => job.state === 'queued' || job.state === 'printing';

/**
 * The desk's printing for one case (docs/receipts.md): the 来访登记回执 in the visitor's
 * language or another, the letters the decision calls for, and the case's print history
 * with reprints. `printing.print` decides where a document goes: the desk window's roll
 * printer, an A4 office printer, or — when the hall has none for it — back to this
 * browser, which prints the page through its own dialog.
 */
export function PrintPanel({ visit, windowId }: { visit: Visit; windowId?: string }) {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const [language, setLanguage] = useState<Language | ''>('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [jobs, setJobs] = useState<PrintJob[] | null>(null);
  const [historyError, setHistoryError] = useState<unknown>(null);
  // When the last print or reprint was asked here (or the panel opened): the polling backs off from it.
  const [lastPrintAt, setLastPrintAt] = useState(() => Date.now());
  const visitId = visit.id;
  const { letters, none } = lettersFor(visit);
  const documentName = useDocumentName();

  const loadJobs = useCallback(
    () =>
      client.call('printing.jobs', { documentRef: visitId }).then(
        (value) => {
          setJobs(value.jobs);
          setHistoryError(null);
        },
        (failure: unknown) => setHistoryError(failure),
      ),
    [client, visitId],
  );

  useEffect(() => {
    if (connection > 0) void loadJobs();
  }, [loadJobs, connection]);

  // While a job of this case waits for or is at its printer, its state is followed: closely
  // just after a print, less often the longer it waits (a printer that is off), closely
  // again after the next print.
  const waiting = jobs?.some(isOpen) ?? false;
  useEffect(() => {
    if (!waiting) return;
    let timer = 0;
    const readLater = () => {
      timer = window.setTimeout(() => {
        void loadJobs();
        readLater();
      }, historyPollMs(Date.now() - lastPrintAt));
    };
    readLater();
    return () => window.clearTimeout(timer);
  }, [waiting, loadJobs, lastPrintAt]);

  /** Runs one print request and says where it went; a page for the browser is printed here. */
  const run = async (request: () => Promise<{ job: PrintJob; browser?: { html: string; title: string } | null }>) => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    setLastPrintAt(Date.now());
    try {
      const { job, browser } = await request();
      if (browser) {
        try {
          await printInBrowser(browser.html, browser.title);
          setOutcome({ kind: 'browser' });
        } catch {
          setOutcome({ kind: 'dialogFailed' });
        }
      } else {
        setOutcome({ kind: 'printer', jobId: job.id, printer: job.printer?.name ?? '' });
      }
    } catch (error) {
      setOutcome({ kind: 'refused', error });
    } finally {
      setBusy(false);
      void loadJobs();
    }
  };

  const print = (document: RenderReceiptInput) =>
    run(() => client.call('printing.print', { document, printer: 'auto', ...(windowId ? { windowId } : {}) }));

  /**
   * A printer's job is sent again as it was (printing.reprint: the same bytes, to the same
   * printer). A page the browser printed has no printer to go back to and its page is not
   * handed out again: it is printed afresh from the record, through the browser once more
   * (printing.print with the same document; a receipt in the visitor's own language).
   */
  const reprint = (job: PrintJob) => {
    if (job.printer) return run(() => client.call('printing.reprint', { jobId: job.id }));
    const document = documentOfJob(job);
    if (!document) return;
    return run(() => client.call('printing.print', { document: document.input(visitId), printer: 'browser', ...(windowId ? { windowId } : {}) }));
  };

  return (
    <section className="case-section print-panel" aria-labelledby="case-print-heading" data-testid="case-print">
      <h3 id="case-print-heading">{t('clerk.print.title')}</h3>

      <div className="print-actions">
        <div className="print-receipt">
          <button
            type="button"
            className="primary-button"
            disabled={busy}
            onClick={() => void print({ kind: 'visit_receipt', visitId, ...(language ? { language } : {}) })}
          >
            {t('clerk.print.printDocument', { document: documentName('visit_receipt') })}
          </button>
          <label className="field print-language">
            {t('clerk.print.receiptLanguage')}
            <select value={language} onChange={(event) => setLanguage(event.target.value as Language | '')}>
              <option value="">{t('clerk.print.visitorLanguage')}</option>
              {LANGUAGES.map((option) => (
                <option key={option} value={option} lang={option}>
                  {t(`clerk.print.languages.${option}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="print-letters" data-testid="print-letters">
          {letters.map((letter) => (
            <button key={letter.kind} type="button" className="secondary-button" disabled={busy} onClick={() => void print({ kind: letter.kind, visitId })}>
              {t('clerk.print.printDocument', { document: documentName(letter.name) })}
            </button>
          ))}
          {none && (
            <p className="muted print-no-letter" data-testid="print-no-letter">
              {t(`clerk.print.noLetter.${none}`)}
            </p>
          )}
        </div>
      </div>

      <div aria-live="polite" data-testid="print-outcome">
        {busy && <p className="muted">{t('clerk.print.sending')}</p>}
        {outcome && <OutcomeView outcome={outcome} jobs={jobs} onReprint={(job) => void reprint(job)} />}
      </div>

      <h4 id="print-history-heading">{t('clerk.print.history')}</h4>
      {historyError !== null && <HistoryError error={historyError} />}
      {jobs === null ? (
        historyError === null && <p className="muted">{t('common.loading')}</p>
      ) : jobs.length === 0 ? (
        <p className="muted">{t('clerk.print.noHistory')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table print-history" aria-labelledby="print-history-heading" data-testid="print-history">
            <TableHead
              columns={[t('clerk.print.columns.time'), t('clerk.print.columns.document'), t('clerk.print.columns.printer'), t('clerk.print.columns.by'), t('clerk.print.columns.state')]}
              actions
            />
            <tbody>
              {jobs.map((job) => (
                <HistoryRow key={job.id} job={job} busy={busy} onReprint={() => void reprint(job)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HistoryError({ error }: { error: unknown }) {
  const errorText = useErrorText();
  return (
    <div className="banner banner-error" role="alert">
      {errorText(error)}
    </div>
  );
}

/** The answer to the last print: where it went and, for a printer, how it is going (kept current by the history's polling). */
function OutcomeView({ outcome, jobs, onReprint }: { outcome: Outcome; jobs: PrintJob[] | null; onReprint: (job: PrintJob) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  switch (outcome.kind) {
    case 'refused':
      return (
        <div className="banner banner-error" role="alert" data-testid="print-refused">
          {errorText(outcome.error)}
        </div>
      );
    case 'dialogFailed':
      return (
        <div className="banner banner-error" role="alert">
          {t('clerk.print.dialogFailed')}
        </div>
      );
    case 'browser':
      return (
        <div className="print-result" data-testid="print-browser">
          <p className="print-result-line">
            <span aria-hidden="true">↗ </span>
            {t('clerk.print.dialogOpened')}
          </p>
          {/* The Node host has no printers of its own: its clerks print, or save a PDF, from the browser's dialog. */}
          {!window.hallBridge && <p className="muted">{t('clerk.print.savePdf')}</p>}
        </div>
      );
    case 'printer': {
      const job = jobs?.find((candidate) => candidate.id === outcome.jobId);
      return (
        <div className="print-result" data-testid="print-sent">
          <p className="print-result-line">{t('clerk.print.sent', { printer: outcome.printer })}</p>
          {job && (
            <p className="print-result-state">
              <JobState job={job} />
              {job.state === 'failed' && (
                <button type="button" className="secondary-button small-button" onClick={() => onReprint(job)}>
                  {t('clerk.print.reprint')}
                </button>
              )}
            </p>
          )}
        </div>
      );
    }
  }
}

function HistoryRow({ job, busy, onReprint }: { job: PrintJob; busy: boolean; onReprint: () => void }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const documentName = useDocumentName();
  const printed = documentOfJob(job);
  const what = printed ? documentName(printed.name) : job.document.label;
  const time = format.dateTime(job.requestedAt);
  // A page the browser printed is printed again from the record: only for documents of a case.
  const canReprint = job.printer !== null || printed !== null;
  return (
    <tr data-job={job.id}>
      <td>{time}</td>
      <td>
        {what}
        {job.reprintOf && <span className="muted"> {t('clerk.print.reprinted')}</span>}
      </td>
      <td>{job.printer ? job.printer.name : t('clerk.print.browser')}</td>
      <td>
        {job.requestedBy
          ? t('clerk.case.staffName', { name: job.requestedBy.name, staffNo: job.requestedBy.staffNo })
          : t(`clerk.print.roles.${job.requestedRole}`)}
      </td>
      <td>
        <JobState job={job} />
      </td>
      <td>
        {canReprint && (
          <button
            type="button"
            className="secondary-button small-button"
            disabled={busy}
            aria-label={t('clerk.print.reprintOne', { document: what, time })}
            onClick={onReprint}
          >
            {t('clerk.print.reprint')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** A job's state with its sign: queued (and why the last try failed), printing, printed, failed and why; the browser's. */
function JobState({ job }: { job: PrintJob }) {
  const { t } = useTranslation();
  const reason = usePrinterErrorText();
  const state = job.printer === null ? 'browser' : job.state;
  const text =
    state === 'failed'
      ? t('clerk.print.states.failed', { reason: reason(job.lastError) })
      : state === 'queued' && job.lastError
        ? t('clerk.print.states.retrying', { reason: reason(job.lastError) })
        : t(`clerk.print.states.${state}`);
  return (
    <span className={`print-state print-state-${state}`} data-state={state} data-testid="print-state">
      <span aria-hidden="true">{STATE_ICONS[state]} </span>
      {text}
    </span>
  );
}

/** A document's name in the page's language. */
function useDocumentName(): (name: CaseDocumentName) => string {
  const { t } = useTranslation();
  return (name) => t(`clerk.print.documents.${name}`);
}
