import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText, useHall } from '../hall-context';
import { FieldWithHint } from './FieldWithHint';
import { withFieldLabels } from './field-labels';
import { SettingsForm } from './SettingsForm';
import './printers-section.css';

/**
 * 回执和告知书 (docs/receipts.md, "Settings"): the enquiry hotline printed on visit receipts
 * and the 受理 / 接收告知书, and the organ in whose name the letters are issued. Left
 * empty, the hotline line is left out and the letters carry the hall's Chinese name.
 */
export function ReceiptSettingsForm() {
  const { t, i18n } = useTranslation();
  const { client, connection } = useHall();
  const errorText = useErrorText();
  const [hotline, setHotline] = useState('');
  const [organName, setOrganName] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (connection === 0) return;
    client.call('receipts.settings', {}).then(
      (settings) => {
        setHotline(settings.hotline ?? '');
        setOrganName(settings.organName ?? '');
        setLoaded(true);
        setFailure(null);
      },
      setFailure,
    );
  }, [client, connection]);

  const labelOf = (field: string) => (i18n.exists(`fieldLabels.receipts.${field}`) ? t(`fieldLabels.receipts.${field}`) : field);
  const save = async () => {
    const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
    try {
      const saved = await client.call('receipts.saveSettings', { hotline: orNull(hotline), organName: orNull(organName) });
      setHotline(saved.hotline ?? '');
      setOrganName(saved.organName ?? '');
    } catch (error) {
      throw withFieldLabels(error, labelOf, t('common.listSeparator'));
    }
  };

  if (!loaded) {
    return (
      <section aria-labelledby="receipt-settings-heading" className="admin-section">
        <h2 id="receipt-settings-heading">{t('admin.receiptSettings.title')}</h2>
        {failure !== null ? (
          <div className="banner banner-error" role="alert">
            {errorText(failure)}
          </div>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </section>
    );
  }
  return (
    <SettingsForm id="receipt-settings-heading" title={t('admin.receiptSettings.title')} save={save}>
      <div className="receipt-settings-fields">
        <FieldWithHint label={t('admin.receiptSettings.hotline')} hint={t('admin.receiptSettings.hotlineHint')}>
          {(hintId) => (
            <input value={hotline} inputMode="tel" autoComplete="off" maxLength={24} aria-describedby={hintId} onChange={(event) => setHotline(event.target.value)} />
          )}
        </FieldWithHint>
        <FieldWithHint label={t('admin.receiptSettings.organName')} hint={t('admin.receiptSettings.organNameHint')}>
          {(hintId) => <input value={organName} autoComplete="off" maxLength={60} aria-describedby={hintId} onChange={(event) => setOrganName(event.target.value)} />}
        </FieldWithHint>
      </div>
    </SettingsForm>
  );
}
