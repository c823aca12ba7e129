import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPRESENTATIVES } from '../../../../shared/domain/kiosk-settings';
import { maskIdNumber, maskPhone } from '../../../../shared/domain/resident-id';
import { useLocalized } from '../../hall-context';
import { useKioskFlow } from '../flow-context';
import type { KioskStep } from '../kiosk-flow';
import { StepLayout } from '../StepLayout';

/** Everything entered, the ID and phone masked, each with a way to change it; then take the number. */
export function ConfirmStep() {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  const localized = useLocalized();
  const { form } = flow;
  const service = flow.info.services.find((s) => s.id === form.serviceId);
  const priority =
    flow.elderlyAge !== null
      ? t('kioskFlow.confirm.elderly')
      : form.declaredPriority
        ? t(`kioskFlow.priority.reasons.${form.declaredPriority}`)
        : t('kioskFlow.confirm.noPriority');

  return (
    <StepLayout
      title={t('kioskFlow.confirm.title')}
      onNext={flow.issue}
      nextDisabled={flow.state.submitting}
      nextLabel={flow.state.submitting ? t('kiosk.issuing') : t('kioskFlow.confirm.take')}
      testId="step-confirm"
    >
      <dl className="summary" data-testid="summary">
        <SummaryRow label={t('kioskFlow.confirm.service')} edit="service">
          {service ? localized(service.name) : '—'}
        </SummaryRow>
        {form.registering ? (
          <>
            <SummaryRow label={t('kioskFlow.confirm.idNumber')} edit="identity">
              <span className="masked">{maskIdNumber(form.idNumber)}</span>
            </SummaryRow>
            <SummaryRow label={t('kioskFlow.confirm.name')} edit="name">
              {form.name.trim()}
            </SummaryRow>
            <SummaryRow label={t('kioskFlow.confirm.phone')} edit="phone">
              {form.noPhone ? t('kioskFlow.confirm.noPhone') : <span className="masked">{maskPhone(form.phone)}</span>}
            </SummaryRow>
          </>
        ) : (
          <SummaryRow label={t('kioskFlow.confirm.registration')} edit="notice">
            {t('kioskFlow.confirm.atWindow')}
          </SummaryRow>
        )}
        <SummaryRow label={t('kioskFlow.confirm.party')} edit="party">
          {t('kioskFlow.party.people', { count: form.partySize })}
          {form.partySize > MAX_REPRESENTATIVES &&
            form.representatives !== null &&
            ` · ${t('kioskFlow.confirm.representatives', { count: form.representatives })}`}
        </SummaryRow>
        <SummaryRow label={t('kioskFlow.confirm.priority')} edit={flow.offerPriority ? 'priority' : undefined}>
          {priority}
        </SummaryRow>
      </dl>
    </StepLayout>
  );
}

function SummaryRow({ label, edit, children }: { label: string; edit?: KioskStep; children: ReactNode }) {
  const { t } = useTranslation();
  const flow = useKioskFlow();
  return (
    <div className="summary-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
      {edit && (
        <dd className="summary-edit">
          <button type="button" className="secondary-button edit-button" aria-label={t('kioskFlow.confirm.change', { what: label })} onClick={() => flow.goTo(edit)}>
            {t('kioskFlow.confirm.changeShort')}
          </button>
        </dd>
      )}
    </div>
  );
}
