import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HallClientError, type HallInfo } from '../../../shared/contract';
import { isTimeZoneName, SITE_CODE_PATTERN, type HallSettings } from '../../../shared/domain/hall-settings';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../../shared/domain/languages';
import { LocalizedFields } from '../components/LocalizedFields';
import { useErrorText, useHall } from '../hall-context';
import { refusedFields } from './field-problems';
import './hall-sections.css';
import './printers-section.css';

type Field = keyof HallSettings;
const FIELDS: readonly Field[] = ['name', 'siteCode', 'address', 'languages', 'timeZone'];

function settingsOf(info: HallInfo): HallSettings {
  return { name: info.name, siteCode: info.siteCode, address: info.address, languages: info.languages, timeZone: info.timeZone };
}

/** The time zones the runtime knows, the hall's own first if it is not among them. */
function timeZones(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(current) ? known : [current, ...known];
}

/**
 * 大厅 (docs/hall-settings.md): the hall's name in three languages, its site code, its
 * address, the languages its public pages offer and its time zone. Checked here as typed
 * (the site code's shape), and by the hall on saving: a refusal — the site code of a
 * hall that has cases, the time zone of one that has tickets — is said next to its field.
 */
export function HallSettingsSection() {
  const { t } = useTranslation();
  const { client, info } = useHall();
  const errorText = useErrorText();
  const id = useId();
  const [settings, setSettings] = useState<HallSettings | null>(info ? settingsOf(info) : null);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (info) setSettings(settingsOf(info));
  }, [info]);
  const zones = useMemo(() => timeZones(settings?.timeZone ?? ''), [settings?.timeZone]);
  if (!settings) return null;

  const problemId = (field: Field) => `${id}-${field}-problem`;
  const invalid = (field: Field) => (problems[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-hint ${problemId(field)}` } : { 'aria-describedby': `${id}-${field}-hint` });
  const problemText = (field: Field) =>
    problems[field] ? (
      <p id={problemId(field)} className="field-problem" role="alert">
        {problems[field]}
      </p>
    ) : null;
  /** After a refusal the first field found wrong takes the focus, so that a keyboard user lands on it. */
  const focusFirst = (found: Partial<Record<Field, string>>) =>
    requestAnimationFrame(() => {
      const first = FIELDS.find((field) => found[field]);
      form.current?.querySelector<HTMLElement>(`[data-field="${first}"] input:not([disabled]), [data-field="${first}"] select`)?.focus();
    });

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (LANGUAGES.some((language) => settings.name[language].trim() === '')) found.name = t('admin.hall.problems.name');
    if (!SITE_CODE_PATTERN.test(settings.siteCode)) found.siteCode = t('admin.hall.problems.siteCode');
    if (!isTimeZoneName(settings.timeZone)) found.timeZone = t('admin.hall.problems.timeZone');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setOutcome({ ok: false, text: t('admin.hall.notSaved') });
      focusFirst(found);
      return;
    }
    setSaving(true);
    try {
      setSettings(await client.call('hall.saveSettings', settings));
      setOutcome({ ok: true, text: t('admin.saved') });
    } catch (error) {
      // Said next to its field when the hall names one, else under the form.
      const fields = refusedFields(error).filter((field): field is Field => (FIELDS as readonly string[]).includes(field));
      const text = error instanceof HallClientError && error.code !== 'VALIDATION_FAILED' ? errorText(error) : null;
      const placed = Object.fromEntries(fields.map((field) => [field, text ?? t(`admin.hall.problems.${field}`)]));
      setProblems(placed);
      setOutcome({ ok: false, text: fields.length > 0 ? t('admin.hall.notSaved') : errorText(error) });
      focusFirst(placed);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="hall-heading" className="admin-section hall-settings">
      <h2 id="hall-heading">{t('admin.hall.title')}</h2>
      <p className="muted">{t('admin.hall.intro')}</p>
      <form ref={form} className="hall-settings-form" noValidate onSubmit={(event) => void submit(event)}>
        <div data-field="name" className="hall-settings-wide">
          <LocalizedFields
            label={t('admin.hall.name')}
            value={settings.name}
            required
            {...(problems.name ? { problemId: problemId('name') } : {})}
            onChange={(name) => setSettings({ ...settings, name })}
          />
          {problemText('name')}
        </div>

        <div data-field="siteCode" className="field-with-hint">
          <label className="field">
            {t('admin.hall.siteCode')}
            <input
              value={settings.siteCode}
              required
              maxLength={12}
              autoComplete="off"
              spellCheck={false}
              className="site-code-input"
              onChange={(event) => setSettings({ ...settings, siteCode: event.target.value.toUpperCase().replace(/\s/g, '') })}
              {...invalid('siteCode')}
            />
          </label>
          <p id={`${id}-siteCode-hint`} className="muted field-hint">
            {t('admin.hall.siteCodeHint', { example: `${settings.siteCode || 'DEMO'}-20261124-001` })}
          </p>
          {problemText('siteCode')}
        </div>

        <div data-field="timeZone" className="field-with-hint">
          <label className="field">
            {t('admin.hall.timeZone')}
            <select value={settings.timeZone} onChange={(event) => setSettings({ ...settings, timeZone: event.target.value })} {...invalid('timeZone')}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
          <p id={`${id}-timeZone-hint`} className="muted field-hint">
            {t('admin.hall.timeZoneHint')}
          </p>
          {problemText('timeZone')}
        </div>

        <div data-field="languages" className="field-with-hint">
          <fieldset className="hall-languages" aria-describedby={`${id}-languages-hint${problems.languages ? ` ${problemId('languages')}` : ''}`}>
            <legend>{t('admin.hall.languages')}</legend>
            {LANGUAGES.map((language) => (
              <label key={language} className="choice">
                <input
                  type="checkbox"
                  checked={settings.languages.includes(language)}
                  // 简体 is always offered: the records and the letters are in it.
                  disabled={language === DEFAULT_LANGUAGE}
                  onChange={(event) =>
                    setSettings({
                      ...settings,
                      languages: LANGUAGES.filter((one) => (one === language ? event.target.checked : settings.languages.includes(one))),
                    })
                  }
                />
                <span lang={language}>{t(`common.languages.${language}`)}</span>
              </label>
            ))}
          </fieldset>
          <p id={`${id}-languages-hint`} className="muted field-hint">
            {t('admin.hall.languagesHint')}
          </p>
          {problemText('languages')}
        </div>

        <div data-field="address" className="hall-settings-wide">
          <LocalizedFields
            label={t('admin.hall.address')}
            value={settings.address}
            {...(problems.address ? { problemId: problemId('address') } : {})}
            onChange={(address) => setSettings({ ...settings, address })}
          />
          {problemText('address')}
        </div>

        <div className="hall-settings-wide">
          <button type="submit" className="primary-button" disabled={saving}>
            {t('admin.save')}
          </button>
          {outcome && (
            <p role="status" className={outcome.ok ? 'muted' : 'banner banner-error'}>
              {outcome.text}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
