import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_REASONS, type QueueRules } from '../../../shared/domain/queue-rules';
import { useErrorText, useHall } from '../hall-context';

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
  const errorText = useErrorText();
  const [rules, setRules] = useState<QueueRules | null>(info?.queueRules ?? null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (info) setRules(info.queueRules);
  }, [info]);
  if (!rules) return null;

  return (
    <section aria-labelledby="rules-heading" className="admin-section">
      <h2 id="rules-heading">{t('admin.rules.title')}</h2>
      <form
        className="rules-form"
        onSubmit={(event) => {
          event.preventDefault();
          client.call('hall.saveQueueRules', rules).then(
            () => setMessage({ ok: true, text: t('admin.saved') }),
            (failure: unknown) => setMessage({ ok: false, text: errorText(failure) }),
          );
        }}
      >
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
        <div>
          <button type="submit" className="primary-button">
            {t('admin.save')}
          </button>
          {message && (
            <p role="status" className={message.ok ? 'muted' : 'banner banner-error'}>
              {message.text}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
