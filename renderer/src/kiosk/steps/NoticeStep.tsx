import { useTranslation } from 'react-i18next';
import { useKioskFlow } from '../flow-context';
import { StepLayout } from '../StepLayout';

/**
 * The personal-information notice (PIPL arts. 13(3), 17, 35): what is collected, why,
 * for how long — and the choice to register at the window instead, with no personal
 * data entered here at all.
 */
export function NoticeStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const accept = () => {
    flow.update({ registering: true });
    flow.next();
  };
  const atWindow = () => {
    flow.registerAtWindow();
    flow.next();
  };
  return (
    <StepLayout title={t('kioskFlow.notice.title')} onNext={accept} nextLabel={t('kioskFlow.notice.continue')} testId="step-notice">
      <dl className="notice">
        <dt>{t('kioskFlow.notice.whatTitle')}</dt>
        <dd>{t('kioskFlow.notice.what')}</dd>
        <dt>{t('kioskFlow.notice.whyTitle')}</dt>
        <dd>{t('kioskFlow.notice.why')}</dd>
        <dt>{t('kioskFlow.notice.howTitle')}</dt>
        <dd>{t('kioskFlow.notice.how')}</dd>
        <dt>{t('kioskFlow.notice.keptTitle')}</dt>
        <dd>{t('kioskFlow.notice.kept', { count: flow.info.kiosk.retentionYears })}</dd>
      </dl>
      <div className="notice-alternative">
        <p>{t('kioskFlow.notice.alternative')}</p>
        <button type="button" className="secondary-button big-choice" onClick={atWindow}>
          {t('kioskFlow.notice.atWindow')}
        </button>
      </div>
    </StepLayout>
  );
}
