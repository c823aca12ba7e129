import { Fragment, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, PrintJob } from '../../../shared/contract';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall, useTimeFormat } from '../hall-context';
import { PrinterDialog } from './PrinterDialog';
import { usePrintWords } from './print-words';
import { usePolling } from './use-polling';
import './printers-section.css';

type PrinterStatus = MethodOutput<'printing.status'>['printers'][number];
/** The last test page asked of a printer: its job as last read, or why it was refused. */
type TestPage = { job: PrintJob } | { error: unknown };

/** The printers' states are read by the core every 30 s; the page asks for them this often. */
const STATUS_EVERY_MS = 10_000;
/** A test page on its way, or a printer not read yet, is followed more closely. */
const FOLLOW_EVERY_MS = 2_000;

/**
 * 打印机 (docs/receipts.md, "Printers"): every printer of the hall with its state as the
 * core last read it, in words and with an icon (never colour alone); add or change one,
 * and print a test page, whose job is followed until it is printed or has failed.
 */
export function PrintersSection() {
  const { t } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const words = usePrintWords();
  const [printers, setPrinters] = useState<PrinterStatus[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [editing, setEditing] = useState<{ printer: PrinterStatus | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [testPages, setTestPages] = useState<ReadonlyMap<string, TestPage>>(new Map());

  const load = useCallback(
    () =>
      client.call('printing.status', {}).then(
        (value) => {
          setPrinters(value.printers);
          setFailure(null);
        },
        (error: unknown) => setFailure(error),
      ),
    [client],
  );
  usePolling(load, STATUS_EVERY_MS, connection > 0);

  const setTestPage = (printerId: string, testPage: TestPage) => setTestPages((previous) => new Map(previous).set(printerId, testPage));
  const pending = [...testPages].filter((entry): entry is [string, { job: PrintJob }] => 'job' in entry[1] && isOpen(entry[1].job));
  usePolling(
    async () => {
      await Promise.all(
        pending.map(async ([printerId, { job }]) => {
          const { jobs } = await client.call('printing.jobs', { documentKind: 'test_page', printerId, limit: 10 });
          const current = jobs.find((one) => one.id === job.id);
          if (current) setTestPage(printerId, { job: current });
        }),
      ).catch(() => {});
      await load();
    },
    FOLLOW_EVERY_MS,
    // Also while a printer in use has not been read yet (just added): its state comes within seconds.
    connection > 0 && (pending.length > 0 || (printers?.some((printer) => printer.active && printer.state === 'unknown') ?? false)),
  );

  const printTestPage = (printer: PrinterStatus) => {
    setMessage(null);
    client.call('printing.testPage', { printerId: printer.id }).then(
      ({ job }) => {
        setTestPage(printer.id, { job });
        void load();
      },
      (error: unknown) => setTestPage(printer.id, { error }),
    );
  };

  return (
    <section aria-labelledby="printers-heading" className="admin-section printers-section">
      <div className="section-heading">
        <h2 id="printers-heading">{t('admin.printers.title')}</h2>
        <button type="button" className="secondary-button small-button" onClick={() => setEditing({ printer: null })}>
          {t('admin.printers.add')}
        </button>
      </div>
      <p className="muted">{t('admin.printers.intro')}</p>
      {failure !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(failure)}
        </div>
      )}
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
      {printers === null && failure === null && <p>{t('common.loading')}</p>}
      {printers?.length === 0 && <p>{t('admin.printers.empty')}</p>}
      {printers && printers.length > 0 && (
        <div className="table-scroll">
          <table className="data-table printers-table" data-testid="printer-table">
            <TableHead
              columns={[
                t('admin.printers.name'),
                t('admin.printers.role'),
                t('admin.printers.connection'),
                t('admin.printers.paperAndFont'),
                t('admin.printers.state'),
                t('admin.printers.queued'),
                t('admin.printers.inUse'),
              ]}
              actions
            />
            <tbody>
              {printers.map((printer) => {
                const testPage = testPages.get(printer.id);
                const font = words.font(printer);
                return (
                  <Fragment key={printer.id}>
                    <tr className={printer.active ? undefined : 'muted'}>
                      <th scope="row">{printer.name}</th>
                      <td>{words.role(printer)}</td>
                      <td>
                        {t(`admin.printers.connections.${printer.connection}`)}
                        <br />
                        <code className="printer-address">{printer.address}</code>
                      </td>
                      <td>
                        {words.paper(printer)}
                        {font && (
                          <>
                            <br />
                            {t('admin.printers.fontOf', { font })}
                          </>
                        )}
                      </td>
                      <td>
                        <PrinterState printer={printer} />
                      </td>
                      <td>{printer.queued}</td>
                      <td>{printer.active ? t('admin.printers.active') : t('admin.printers.inactive')}</td>
                      <td className="row-actions">
                        <button type="button" className="secondary-button small-button" onClick={() => setEditing({ printer })}>
                          {t('admin.edit')}
                        </button>
                        <button type="button" className="secondary-button small-button" onClick={() => printTestPage(printer)}>
                          {t('admin.printers.testPage.button')}
                        </button>
                      </td>
                    </tr>
                    {testPage && (
                      <tr className="printer-test-row">
                        <td colSpan={8}>
                          <TestPageOutcome testPage={testPage} testId={`test-page-${printer.id}`} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {editing && (
        <PrinterDialog
          printer={editing.printer}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setMessage(t('admin.printers.saved', { name: saved.name }));
            void load();
          }}
        />
      )}
    </section>
  );
}

function isOpen(job: PrintJob): boolean {
  return job.state === 'queued' || job.state === 'printing';
}

const STATE_ICONS = { online: '✓', paperLow: '!', paper_out: '!', offline: '✕', unknown: '?' } as const;

/** The state in words with an icon, when it was read, and why it is offline. */
function PrinterState({ printer }: { printer: PrinterStatus }) {
  const { t, i18n } = useTranslation();
  const time = useTimeFormat();
  const words = usePrintWords();
  const shown = printer.state === 'online' && printer.paperLow ? 'paperLow' : printer.state;
  const checked = () => {
    if (printer.checkedAt === null) return null;
    const seconds = Math.max(0, Math.round((Date.now() - printer.checkedAt) / 1000));
    if (seconds < 60) return t('admin.printers.checkedJustNow');
    if (seconds < 3600) {
      const ago = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'always' }).format(-Math.floor(seconds / 60), 'minute');
      return t('admin.printers.checkedAgo', { ago });
    }
    return t('admin.printers.checkedAt', { time: time(printer.checkedAt) });
  };
  const when = checked();
  return (
    <div className="printer-state-cell">
      <span className={`printer-state printer-state-${shown}`} data-testid="printer-state">
        <span className="printer-state-icon" aria-hidden="true">
          {STATE_ICONS[shown]}
        </span>
        {t(`admin.printers.states.${shown}`)}
      </span>
      {printer.error && printer.state !== 'online' && <span className="printer-error">{t('admin.printers.because', { reason: words.errorText(printer.error) })}</span>}
      {when && <span className="muted printer-checked">{when}</span>}
    </div>
  );
}

function TestPageOutcome({ testPage, testId }: { testPage: TestPage; testId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const words = usePrintWords();
  if ('error' in testPage) {
    return (
      <p role="alert" className="banner banner-error" data-testid={testId}>
        {errorText(testPage.error)}
      </p>
    );
  }
  return (
    <p role="status" data-testid={testId}>
      {t('admin.printers.testPage.queued')}{' '}
      <strong data-testid="test-page-state">{t('admin.printers.testPage.state', { state: words.jobState(testPage.job) })}</strong>
    </p>
  );
}
