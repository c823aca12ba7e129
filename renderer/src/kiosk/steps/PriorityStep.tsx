import { useTranslation } from 'react-i18next';
import { useKioskFlow } from '../flow-context';
import type { DeclarablePriority } from '../kiosk-flow';
import { StepLayout } from '../StepLayout';

/**
 * Priority: elderly visitors are told they will go first (the core decides from the
 * ID's birth date); disability, pregnancy and service members are declared here —
 * only the reasons this hall honours are offered.
 */
export function PriorityStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const rules = flow.info.queueRules;
  const declarable = rules.priorityReasons.filter((reason): reason is DeclarablePriority => reason !== 'elderly');
  const choices: (DeclarablePriority | null)[] = [null, ...declarable];
  const elderlyByIdOnly = !flow.form.registering && rules.priorityReasons.includes('elderly');

  return (
    <StepLayout title={t('kioskFlow.priority.title')} onNext={flow.next} testId="step-priority">
      {flow.elderlyAge !== null && (
        <p className="priority-granted" data-testid="elderly-priority">
          <span aria-hidden="true">★ </span>
          {t('kioskFlow.priority.elderly', { age: flow.elderlyAge })}
        </p>
      )}
      <fieldset className="priority-choices">
        <legend>{t('kioskFlow.priority.question')}</legend>
        <div className="choice-column">
          {choices.map((reason) => (
            <label key={reason ?? 'none'} className="choice-card">
              <input
                type="radio"
                name="declared-priority"
                checked={flow.form.declaredPriority === reason}
                onChange={() => flow.update({ declaredPriority: reason })}
              />
              <span>{reason === null ? t('kioskFlow.priority.none') : t(`kioskFlow.priority.reasons.${reason}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p className="muted step-note">{t('kioskFlow.priority.proof')}</p>
      {elderlyByIdOnly && <p className="muted step-note">{t('kioskFlow.priority.elderlyAtWindow', { age: rules.elderlyAge })}</p>}
    </StepLayout>
  );
}
