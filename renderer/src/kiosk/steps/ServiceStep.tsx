import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../hall-context';
import { useKioskFlow } from '../flow-context';
import { ServiceIcon } from '../ServiceIcon';
import { useServiceWaits } from '../use-service-waits';
import { useWaitText } from '../use-wait-text';
import { StepLayout } from '../StepLayout';

/** What the visitor came for: the hall's services, each with one plain sentence and its wait. */
export function ServiceStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const localized = useLocalized();
  const waits = useServiceWaits();
  const waitText = useWaitText();
  const generalServiceId = flow.info.kiosk.generalServiceId;
  const choose = (serviceId: string) => {
    flow.update({ serviceId });
    flow.next();
  };

  return (
    <StepLayout title={t('kiosk.chooseService')} testId="step-service">
      <div className="service-grid">
        {flow.info.services.map((service) => {
          const wait = waits.get(service.id);
          return (
            <button
              key={service.id}
              type="button"
              className="service-button"
              aria-pressed={flow.form.serviceId === service.id}
              onClick={() => choose(service.id)}
            >
              <span className="service-letter" aria-hidden="true">
                <ServiceIcon letter={service.letter} />
              </span>
              <span className="service-text">
                <span className="service-name">{localized(service.name)}</span>
                <span className="service-description">{localized(service.description)}</span>
                {wait && <span className="service-wait">{waitText.serviceWait(wait)}</span>}
              </span>
            </button>
          );
        })}
        {generalServiceId !== null && (
          <button type="button" className="service-button service-general" onClick={() => choose(generalServiceId)}>
            <span className="service-letter" aria-hidden="true">
              <ServiceIcon question />
            </span>
            <span className="service-text">
              <span className="service-name">{t('kioskFlow.service.notSure')}</span>
              <span className="service-description">{t('kioskFlow.service.notSureDescription')}</span>
            </span>
          </button>
        )}
      </div>
      {/* Came about a case already registered: no number needed to check it. */}
      <button type="button" className="secondary-button case-status-button service-case-status" onClick={flow.startCaseLookup}>
        <span>{t('kioskFlow.caseStatus.button')}</span>
        <span className="case-status-hint">{t('kioskFlow.caseStatus.buttonHint')}</span>
      </button>
    </StepLayout>
  );
}
