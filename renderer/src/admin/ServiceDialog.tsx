import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, Service } from '../../../shared/contract';
import { FormDialog } from '../components/FormDialog';
import { LocalizedFields } from '../components/LocalizedFields';
import { useHall } from '../hall-context';

type ServiceDraft = MethodInput<'hall.saveService'>;
const EMPTY = { 'zh-CN': '', 'zh-HK': '', en: '' };

/** Create or change a service: letter, names, descriptions, hours, daily capacity. */
export function ServiceDialog(props: { service: Service | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const [draft, setDraft] = useState<ServiceDraft>(
    props.service ?? { letter: '', name: EMPTY, description: EMPTY, openFrom: null, openUntil: null, dailyCapacity: null },
  );

  return (
    <FormDialog
      title={props.service ? t('admin.editService') : t('admin.newService')}
      onClose={props.onClose}
      submit={() => client.call('hall.saveService', draft).then(props.onClose)}
    >
      <label className="field">
        {t('admin.letter')}
        <input
          value={draft.letter}
          required
          maxLength={1}
          pattern="[A-Z]"
          title={t('admin.letterHint')}
          onChange={(event) => setDraft({ ...draft, letter: event.target.value.toUpperCase() })}
        />
      </label>
      <LocalizedFields label={t('admin.serviceName')} value={draft.name} required onChange={(name) => setDraft({ ...draft, name })} />
      <LocalizedFields label={t('admin.serviceDescription')} value={draft.description} required onChange={(description) => setDraft({ ...draft, description })} />
      <fieldset>
        <legend>{t('admin.hours')}</legend>
        <label className="field">
          {t('admin.openFrom')}
          <input type="time" value={draft.openFrom ?? ''} onChange={(event) => setDraft({ ...draft, openFrom: event.target.value || null })} />
        </label>
        <label className="field">
          {t('admin.openUntil')}
          <input type="time" value={draft.openUntil ?? ''} onChange={(event) => setDraft({ ...draft, openUntil: event.target.value || null })} />
        </label>
        <p className="muted">{t('admin.hoursHint')}</p>
      </fieldset>
      <label className="field">
        {t('admin.dailyCapacity')}
        <input
          type="number"
          min={1}
          value={draft.dailyCapacity ?? ''}
          placeholder={t('admin.noLimit')}
          onChange={(event) => setDraft({ ...draft, dailyCapacity: event.target.value ? Number(event.target.value) : null })}
        />
      </label>
    </FormDialog>
  );
}
