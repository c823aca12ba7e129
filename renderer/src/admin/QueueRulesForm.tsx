import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_REASONS, type QueueRules } from '../../../shared/domain/queue-rules';
import { useHall } from '../hall-context';
import { SettingsForm } from './SettingsForm';

const NUMBERS = [
  ['resetHour', 0, 23],
  ['elderlyAge', 50, 100],
  ['maxPassOver', 0, 50],
  ['noShowAfterRecalls', 0, 10],
  ['defaultServiceMinutes', 1, 240],
] as const;

/** The queue rules: when numbering restarts, who goes first and how far, recalls before no-show. */
export function QueueRulesForm() {
  const { t, i18n } = useTranslation();
  const { client, info } = useHall();
  const [rules, setRules] = useState<QueueRules | null>(info?.queueRules ?? null);
  useEffect(() => {
    if (info) setRules(info.queueRules);
  }, [info]);
  if (!rules) return null;

  return (
    <SettingsForm id="rules-heading" title={t('admin.rules.title')} save={() => client.call('hall.saveQueueRules', rules)}>
      {NUMBERS.map(([key, min, max]) => (
        <label key={key} className="field">
          {t(`admin.rules.${key}`)}
          <input type="number" min={min} max={max} required value={rules[key]} onChange={(event) => setRules({ ...rules, [key]: Number(event.target.value) })} />
        </label>
      ))}
      <fieldset>
        <legend>{t('admin.rules.priorityReasons')}</legend>
        {PRIORITY_REASONS.map((reason) => (
          <label key={reason} className="choice">
            <input
              type="checkbox"
              checked={rules.priorityReasons.includes(reason)}
              onChange={(event) =>
                setRules({
                  ...rules,
                  priorityReasons: event.target.checked ? [...rules.priorityReasons, reason] : rules.priorityReasons.filter((r) => r !== reason),
                })
              }
            />
            {t(`clerk.badges.${reason}`)}
          </label>
        ))}
      </fieldset>
      {info?.resetHourChange && (
        <p className="banner banner-warning" data-testid="reset-hour-pending">
          {t('admin.rules.resetHourPending', {
            hour: info.queueRules.resetHour,
            day: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${info.resetHourChange.fromDay}T12:00:00Z`)),
          })}
        </p>
      )}
    </SettingsForm>
  );
}
