import { useTranslation } from 'react-i18next';
import type { ServiceWait } from './use-service-waits';

/** How the kiosk and the ticket's page put the queue into words. */
export function useWaitText() {
  const { t } = useTranslation();
  // "about 0 minutes" says nothing: under a minute is "almost no wait".
  const serviceWaitMinutes = (minutes: number | null) =>
    minutes === null ? '' : ` · ${minutes === 0 ? t('kiosk.almostNoWait') : t('kiosk.aboutMinutes', { count: minutes })}`;
  return {
    peopleAhead: (count: number) => (count === 0 ? t('kiosk.noOneAhead') : t('kiosk.peopleAhead', { count })),
    estimatedWait: (minutes: number | null) =>
      minutes === null ? t('kiosk.waitUnknown') : minutes === 0 ? t('kiosk.waitNone') : t('kiosk.estimatedWait', { count: minutes }),
    /** "3 waiting · about 12 minutes", so a visitor can choose knowing the wait. */
    serviceWait: (wait: ServiceWait) =>
      wait.waiting === 0
        ? t('kiosk.nobodyWaiting')
        : `${t('kiosk.waitingNow', { count: wait.waiting })}${serviceWaitMinutes(wait.estimatedWaitMinutes)}`,
  };
}
