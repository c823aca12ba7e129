import { useTranslation } from 'react-i18next';
import { CaseStatusAnswer } from '../CaseStatusAnswer';
import { useKioskFlow } from '../flow-context';
import { StepLayout } from '../StepLayout';

/** The case-status look-up's answer in plain words: the stage, the next deadline and its article, or that it is closed. */
export function CaseResultStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const status = flow.state.caseStatus;
  if (!status) return null;

  return (
    <StepLayout
      title={t('kioskFlow.caseStatus.resultTitle', { caseNumber: status.caseNumber })}
      onNext={flow.endVisit}
      nextLabel={t('kioskFlow.caseStatus.done')}
      testId="step-case-result"
    >
      <CaseStatusAnswer status={status} today={flow.today} />
    </StepLayout>
  );
}
