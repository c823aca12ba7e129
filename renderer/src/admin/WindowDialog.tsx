import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallWindow, MethodInput } from '../../../shared/contract';
import { FormDialog } from '../components/FormDialog';
import { LocalizedFields } from '../components/LocalizedFields';
import { useHall, useLocalized } from '../hall-context';

type WindowDraft = MethodInput<'hall.saveWindow'>;
const EMPTY = { 'zh-CN': '', 'zh-HK': '', en: '' };

/** Create or change a window: number, names, location, the services it calls and in which tier. */
export function WindowDialog(props: { window: HallWindow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { client, info } = useHall();
  const localized = useLocalized();
  const nextNumber = Math.max(0, ...(info?.windows.map((w) => w.number) ?? [])) + 1;
  const [draft, setDraft] = useState<WindowDraft>(
    props.window
      ? { id: props.window.id, number: props.window.number, name: props.window.name, location: props.window.location, services: props.window.services }
      : { number: nextNumber, name: EMPTY, location: EMPTY, services: [] },
  );
  const tierOf = (serviceId: string) => draft.services.find((s) => s.serviceId === serviceId)?.tier ?? 0;
  const setTier = (serviceId: string, tier: number) =>
    setDraft({
      ...draft,
      services: tier === 0 ? draft.services.filter((s) => s.serviceId !== serviceId) : [...draft.services.filter((s) => s.serviceId !== serviceId), { serviceId, tier }],
    });

  return (
    <FormDialog
      title={props.window ? t('admin.editWindow') : t('admin.newWindow')}
      onClose={props.onClose}
      submit={() => client.call('hall.saveWindow', draft).then(props.onClose)}
      canSubmit={draft.services.length > 0}
    >
      <label className="field">
        {t('admin.number')}
        <input type="number" min={1} required value={draft.number} onChange={(event) => setDraft({ ...draft, number: Number(event.target.value) })} />
      </label>
      <LocalizedFields label={t('admin.windowName')} value={draft.name} required onChange={(name) => setDraft({ ...draft, name })} />
      <LocalizedFields label={t('admin.location')} value={draft.location} onChange={(location) => setDraft({ ...draft, location })} />
      <fieldset>
        <legend>{t('admin.windowServices')}</legend>
        <p className="muted">{t('admin.tierHint')}</p>
        {info?.services.map((service) => (
          <label key={service.id} className="field tier-field">
            {service.letter} {localized(service.name)}
            <select value={tierOf(service.id)} onChange={(event) => setTier(service.id, Number(event.target.value))}>
              <option value={0}>{t('admin.tiers.none')}</option>
              <option value={1}>{t('admin.tiers.first')}</option>
              <option value={2}>{t('admin.tiers.second')}</option>
            </select>
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}
