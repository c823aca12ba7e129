import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketRegistration } from '../../../shared/contract';
import { useErrorText, useHall } from '../hall-context';

/**
 * What the visitor at the window told the kiosk, as the clerk may see it: name, ID and
 * phone masked by the core, the party, declared priority, language and earlier visits
 * — or, for "I prefer to register at the window", the party and a reminder to register.
 * Nothing here is unmasked.
 */
export function RegistrationPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const [loaded, setLoaded] = useState<{ ticketId: string; registration: TicketRegistration | null } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    client.call('visitors.ofTicket', { ticketId: ticket.id }).then(
      ({ registration }) => current && setLoaded({ ticketId: ticket.id, registration }),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, ticket.id]);

  const registration = loaded?.ticketId === ticket.id ? loaded.registration : undefined;
  // A ticket taken without the kiosk's registration has nothing to show.
  if (error === null && (registration === null || (registration === undefined && !ticket.registered))) return null;
  const visitor = registration?.visitor ?? null;
  return (
    <section className="registration-panel" aria-labelledby="registration-heading" data-testid="registration-panel">
      <h4 id="registration-heading">{t('clerk.registration.title')}</h4>
      {error !== null ? (
        <p className="banner banner-error" role="alert">
          {errorText(error)}
        </p>
      ) : !registration ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          {!visitor && <p data-testid="registration-at-window">{t('clerk.registration.notRegistered')}</p>}
          <dl className="registration-facts">
            {visitor && (
              <>
                <dt>{t('clerk.registration.name')}</dt>
                <dd data-testid="registration-name">{visitor.name}</dd>
                <dt>{t('clerk.registration.idNumber')}</dt>
                <dd className="masked">{visitor.idMasked}</dd>
                <dt>{t('clerk.registration.phone')}</dt>
                <dd className="masked">{visitor.phoneMasked ?? t('clerk.registration.noPhone')}</dd>
              </>
            )}
            <dt>{t('clerk.registration.party')}</dt>
            <dd>
              {t('common.people', { count: registration.partySize })}
              {registration.representatives !== null && ` · ${t('clerk.registration.representatives', { count: registration.representatives })}`}
            </dd>
            <dt>{t('clerk.registration.declaredPriority')}</dt>
            <dd>{registration.declaredPriority ? t(`clerk.badges.${registration.declaredPriority}`) : t('clerk.registration.none')}</dd>
            <dt>{t('clerk.registration.language')}</dt>
            <dd>{t(`common.languages.${registration.language}`)}</dd>
            {visitor && (
              <>
                <dt>{t('clerk.registration.visits')}</dt>
                <dd data-testid="registration-visits">
                  {visitor.earlierVisits === 0 ? t('clerk.registration.firstVisit') : t('clerk.registration.earlierVisits', { count: visitor.earlierVisits })}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
