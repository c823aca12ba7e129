import { useTranslation } from 'react-i18next';
import { useLocalized, useTimeFormat } from '../../hall-context';
import { useKioskFlow } from '../flow-context';
import { TicketQrCode } from '../TicketQrCode';
import { useWaitText } from '../use-wait-text';

/**
 * Where the QR code points: the status URL as the core gave it, made absolute against
 * this hub, in the language the visitor chose (so their phone opens the page in it).
 */
export function statusUrlFor(statusUrl: string, origin: string, language: string): string {
  const url = new URL(statusUrl, origin);
  url.searchParams.set('lang', language);
  return url.toString();
}

/**
 * The ticket: the number, huge; the service, the people ahead, the expected wait,
 * the windows that call it, the time, and a QR code to follow the queue on a phone.
 * Nothing personal. Goes back to the start by itself.
 */
export function TicketStep({ secondsLeft }: { secondsLeft: number | null }) {
  const { t, i18n } = useTranslation();
  const flow = useKioskFlow();
  const localized = useLocalized();
  const formatTime = useTimeFormat();
  const waitText = useWaitText();
  const issued = flow.state.issued;
  if (!issued) return null;
  const { ticket } = issued;
  const service = flow.info.services.find((s) => s.id === ticket.serviceId);
  const windows = flow.info.windows
    .filter((w) => w.services.some((s) => s.serviceId === ticket.serviceId))
    .sort((a, b) => a.number - b.number);
  const statusUrl = statusUrlFor(issued.statusUrl, window.location.origin, i18n.language);

  return (
    <section className="ticket" aria-labelledby="your-number" data-testid="step-ticket">
      <div className="ticket-main" aria-live="polite">
        <h2 id="your-number">{t('kiosk.yourNumber')}</h2>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        {service && <p className="ticket-service">{localized(service.name)}</p>}
        <p className="ticket-ahead" data-testid="people-ahead">
          {waitText.peopleAhead(issued.peopleAhead)}
        </p>
        <p className="ticket-wait" data-testid="estimated-wait">
          {waitText.estimatedWait(issued.estimatedWaitMinutes)}
        </p>
        {ticket.priority !== null && (
          <p className="priority-granted" data-testid="ticket-priority">
            <span aria-hidden="true">★ </span>
            {t('kioskFlow.ticket.priority')}
          </p>
        )}
      </div>
      <div className="ticket-details">
        <div className="ticket-facts">
          {windows.length > 0 && (
            <div className="ticket-windows" data-testid="ticket-windows">
              <p className="ticket-fact-title">{t('kioskFlow.ticket.windows')}</p>
              <ul>
                {windows.map((w) => (
                  <li key={w.id}>
                    {t('common.windowNumber', { number: w.number })}
                    {localized(w.location) && <span className="muted"> · {localized(w.location)}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p>{t('kiosk.issuedAt', { time: formatTime(ticket.issuedAt) })}</p>
          <p className="ticket-take" data-testid="ticket-printing">
            {issued.printing === 'queued' ? t('kioskFlow.ticket.takePrinted') : t('kioskFlow.ticket.remember')}
          </p>
          <p>{t('kiosk.watchDisplay')}</p>
        </div>
        <figure className="ticket-qr-figure">
          <TicketQrCode text={statusUrl} label={t('kioskFlow.ticket.qrLabel', { number: ticket.number })} />
          <figcaption>{t('kioskFlow.ticket.qrCaption')}</figcaption>
        </figure>
      </div>
      <button type="button" className="primary-button ticket-done" onClick={flow.endVisit}>
        {t('kiosk.done')}
      </button>
      {secondsLeft !== null && <p className="muted">{t('kiosk.autoReturn', { seconds: secondsLeft })}</p>}
    </section>
  );
}
