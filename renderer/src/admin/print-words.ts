import { useTranslation } from 'react-i18next';
import type { PrintJob, Printer } from '../../../shared/contract';
import { useHall, useLocalized } from '../hall-context';
import { usePrinterErrorText } from '../printing/printer-error-text';

/**
 * The printers and their jobs in words, shared by the printer screens: role, connection,
 * paper, font, a printer's error code, a job's document, requester and state. Codes the
 * page does not know (a new adapter's) are shown as the code.
 */
export function usePrintWords() {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();

  const errorText = usePrinterErrorText();

  const role = (printer: Pick<Printer, 'role' | 'windowId'>): string => {
    if (printer.role !== 'window') return t(`admin.printers.roles.${printer.role}`);
    const hallWindow = info?.windows.find((one) => one.id === printer.windowId);
    if (!hallWindow) return t('admin.printers.roles.windowGone');
    const numbered = t('common.windowNumber', { number: hallWindow.number });
    const name = localized(hallWindow.name);
    // A window named by its number (1号窗口) is said once, as the hall names it.
    return name.replace(/\s/g, '') === numbered.replace(/\s/g, '') ? name : t('admin.printers.roles.windowNamed', { window: numbered, name });
  };

  const paper = (printer: Pick<Printer, 'paper' | 'paperWidthDots'>): string =>
    printer.paper === 'A4' ? t('admin.printers.papers.A4') : t(`admin.printers.papers.roll${printer.paperWidthDots === 384 ? '58' : '80'}`);

  /** The font applies to the raw ESC/POS printers only; a system printer prints through its driver. */
  const font = (printer: Pick<Printer, 'connection' | 'fontCoverage'>): string | null =>
    printer.connection === 'system' ? null : t(`admin.printers.fonts.${printer.fontCoverage}`);

  const documentText = (job: PrintJob): string => {
    const kind = t(`admin.printJobs.kinds.${job.document.kind}`);
    // Labels made from receipts.render's title already start with the document's name.
    if (job.document.label === '' || job.document.label.includes(kind)) return job.document.label || kind;
    return `${kind} ${job.document.label}`;
  };

  const requester = (job: PrintJob): string => {
    if (job.requestedBy) return t('admin.printJobs.requestedByStaff', { staffNo: job.requestedBy.staffNo, name: job.requestedBy.name });
    return t(`admin.printJobs.requesters.${job.requestedRole}`);
  };

  /** 排队中（已尝试 3 次：连接被拒绝）, 已打印, 失败（无响应）. */
  const jobState = (job: Pick<PrintJob, 'state' | 'attempts' | 'lastError'>): string => {
    const state = t(`admin.printJobs.states.${job.state}`);
    const reason = job.lastError ? errorText(job.lastError) : null;
    if (job.state === 'failed') return t('admin.printJobs.failedBecause', { reason: reason ?? errorText(null) });
    if (job.state === 'queued' && job.attempts > 0) {
      return t('admin.printJobs.queuedAfterAttempts', { count: job.attempts, reason: reason ?? errorText(null) });
    }
    return state;
  };

  return { errorText, role, paper, font, documentText, requester, jobState };
}
