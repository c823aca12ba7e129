import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskSettings } from '../../../shared/contract';
import { useHall, useLocalized } from '../hall-context';
import { SettingsForm } from './SettingsForm';

const NUMBERS = [
  ['idleSeconds', 20, 600],
  ['idleWarningSeconds', 5, 60],
  ['retentionYears', 1, 30],
] as const;

/** How the kiosk behaves: the idle countdown, the general (consultation) service, the notice, the QR code. */
export function KioskSettingsForm() {
  const { t } = useTranslation();
  const { client, info } = useHall();
  const localized = useLocalized();
  const [settings, setSettings] = useState<KioskSettings | null>(info?.kiosk ?? null);
  useEffect(() => {
    if (info) setSettings(info.kiosk);
  }, [info]);
  if (!settings || !info) return null;

  return (
    <SettingsForm id="kiosk-settings-heading" title={t('admin.kioskSettings.title')} save={() => client.call('hall.saveKioskSettings', settings)}>
      {NUMBERS.map(([key, min, max]) => (
        <label key={key} className="field">
          {t(`admin.kioskSettings.${key}`)}
          <input type="number" min={min} max={max} required value={settings[key]} onChange={(event) => setSettings({ ...settings, [key]: Number(event.target.value) })} />
        </label>
      ))}
      <label className="field">
        {t('admin.kioskSettings.generalService')}
        <select
          value={settings.generalServiceId ?? ''}
          onChange={(event) => setSettings({ ...settings, generalServiceId: event.target.value === '' ? null : event.target.value })}
        >
          <option value="">{t('admin.kioskSettings.noGeneralService')}</option>
          {info.services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.letter} · {localized(service.name)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('admin.kioskSettings.statusBaseUrl')}
        <input
          type="url"
          value={settings.statusBaseUrl ?? ''}
          placeholder="https://"
          onChange={(event) => setSettings({ ...settings, statusBaseUrl: event.target.value.trim() === '' ? null : event.target.value.trim() })}
        />
        <span className="muted">{t('admin.kioskSettings.statusBaseUrlHint')}</span>
      </label>
    </SettingsForm>
  );
}
