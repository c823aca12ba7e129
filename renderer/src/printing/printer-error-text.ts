import { useTranslation } from 'react-i18next';

/**
 * Why a printer is offline or a job did not print, in words (`printerErrors.*`): the
 * codes of the network and USB adapters, the OS's printing and the queue's give-up. One
 * vocabulary for the admin's printer screens and the desk's print panel; a code the page
 * does not know (a new adapter's) is shown as the code.
 */
export function usePrinterErrorText(): (code: string | null) => string {
  const { t, i18n } = useTranslation();
  return (code) => {
    if (!code) return t('printerErrors.error');
    const key = `printerErrors.${code}`;
    return /^[A-Za-z_]+$/.test(code) && i18n.exists(key) ? t(key) : t('printerErrors.other', { code });
  };
}
