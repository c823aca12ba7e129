import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskSettings } from '../../../shared/contract';
import { useHall, useLocalized } from '../hall-context';
import { SettingsForm } from './SettingsForm';

const NUMBERS = [
  ['idleSeconds', 20, 600],
  ['idleWarningSeconds', 5, 60],
] as const;

/**
 * How the kiosk behaves: the idle countdown, the general (consultation) service, the QR
 * code. The retention period its notice states is set in 数据保留 (RetentionSection): one
 * setting, saved with these (the form sends back the value the hall has).
 */
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
    <SettingsForm
      id="kiosk-settings-heading"
      title={t('admin.kioskSettings.title')}
      // The period as the hall has it now: it is edited in 数据保留, not here.
      save={() => client.call('hall.saveKioskSettings', { ...settings, retentionYears: info.kiosk.retentionYears })}
    >
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
      <p className="muted">
        {t('admin.kioskSettings.retentionElsewhere', { years: info.kiosk.retentionYears })}
        <a href="#retention-heading">{t('admin.kioskSettings.retentionLink')}</a>
      </p>
    </SettingsForm>
  );
}
