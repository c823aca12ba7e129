import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WINDOW_STATES, type HallWindow, type Ticket } from '../../../shared/contract';
import { TableHead } from '../components/TableHead';
import { useErrorText, useHall, useLocalized, useTimeFormat } from '../hall-context';
import { QueueStatsPanel } from '../stats/QueueStatsPanel';
import { SatisfactionPanel } from '../stats/SatisfactionPanel';
import { CancelDialog } from './CancelDialog';
import { InterviewDesk } from './interview/InterviewDesk';
import { RateRequestButton } from './RateRequestButton';
import { RegistrationPanel } from './RegistrationPanel';
import { useTicketLabels } from './ticket-labels';
import { TransferDialog } from './TransferDialog';
import { useWindowDesk } from './use-window-desk';

type OpenDialog = { kind: 'transfer'; ticket: Ticket } | { kind: 'cancel'; ticket: Ticket } | null;

/** One window's desk: its state, the visitor at it, the ones it holds, and the queue it calls from. */
export function WindowDesk({ hallWindow, onChangeWindow }: { hallWindow: HallWindow; onChangeWindow: () => void }) {
  const { t } = useTranslation();
  const { client, info } = useHall();
  const localized = useLocalized();
  const errorText = useErrorText();
  const desk = useWindowDesk(hallWindow.id);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // The interview (来访登记) of the visitor being served: kept while the clerk looks back at the desk.
  const [interview, setInterview] = useState<{ ticketId: string; open: boolean; saved: boolean } | null>(null);
  const windowId = hallWindow.id;
  const state = desk.status?.state ?? hallWindow.state;
  const current = desk.status?.current ?? null;
  const noShowAfter = info?.queueRules.noShowAfterRecalls ?? 0;
  const interviewing = interview !== null && current !== null && interview.ticketId === current.id ? interview : null;

  const services = hallWindow.services
    .map(({ serviceId }) => info?.services.find((s) => s.id === serviceId))
    .filter((s) => s !== undefined)
    .map((s) => `${s.letter} ${localized(s.name)}`)
    .join(t('common.listSeparator'));

  return (
    <section className="desk" aria-labelledby="desk-window">
      <div className="desk-heading">
        <div>
          <h2 id="desk-window">{localized(hallWindow.name)}</h2>
          <p className="muted">
            {localized(hallWindow.location)} · {t('clerk.serves', { services })}
          </p>
        </div>
        <div className="window-state" role="group" aria-label={t('clerk.windowState')}>
          {WINDOW_STATES.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={state === option}
              disabled={desk.busy}
              onClick={() => void desk.act(() => client.call('queue.setWindowState', { windowId, state: option }))}
            >
              {state === option ? '● ' : ''}
              {t(`clerk.states.${option}`)}
            </button>
          ))}
          <button type="button" className="link-button" onClick={onChangeWindow}>
            {t('clerk.changeWindow')}
          </button>
        </div>
      </div>

      {desk.error !== null && (
        <div className="banner banner-error" role="alert">
          {errorText(desk.error)}
        </div>
      )}

      {interviewing && current && (
        <InterviewDesk
          key={current.id}
          ticket={current}
          windowId={windowId}
          hidden={!interviewing.open}
          onBack={() => setInterview({ ...interviewing, open: false })}
          onSaved={() => setInterview({ ...interviewing, saved: true })}
        />
      )}

      {!interviewing?.open && (
        <>
          <div className="desk-body">
            <CurrentVisitor
              ticket={current}
              busy={desk.busy}
              noShowAfter={noShowAfter}
              onAction={(method) => current && void desk.act(() => client.call(method, { windowId, ticketId: current.id }))}
              onTransfer={() => current && setDialog({ kind: 'transfer', ticket: current })}
              onCancel={() => current && setDialog({ kind: 'cancel', ticket: current })}
              interview={interviewing === null ? 'none' : interviewing.saved ? 'saved' : 'started'}
              onInterview={() => current && setInterview({ ticketId: current.id, open: true, saved: interviewing?.saved ?? false })}
            />
            <div className="desk-actions">
              <p className="waiting-count" data-testid="waiting-count">
                {desk.status === null
                  ? t('common.loading')
                  : desk.status.waiting === 0
                    ? t('clerk.noneWaiting')
                    : t('clerk.waiting', { count: desk.status.waiting })}
              </p>
              <button
                type="button"
                className="primary-button call-button"
                disabled={desk.busy || current !== null || state !== 'open' || desk.status?.waiting === 0}
                onClick={() => void desk.act(() => client.call('queue.callNext', { windowId }))}
              >
                {desk.busy ? t('clerk.calling') : t('clerk.callNext')}
              </button>
              {state !== 'open' && <p className="muted">{t(`clerk.stateHint.${state}`)}</p>}
              {desk.status && desk.status.held.length > 0 && (
                <section aria-labelledby="held-heading" className="held">
                  <h3 id="held-heading">{t('clerk.held')}</h3>
                  <ul>
                    {desk.status.held.map((ticket) => (
                      <li key={ticket.id}>
                        <strong>{ticket.number}</strong>
                        <button
                          type="button"
                          className="secondary-button small-button"
                          disabled={desk.busy || current !== null}
                          onClick={() => void desk.act(() => client.call('queue.resume', { windowId, ticketId: ticket.id }))}
                        >
                          {t('clerk.actions.resume')}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </div>
          </div>

          <WaitingList
            tickets={desk.waiting}
            canCall={!desk.busy && current === null && state === 'open'}
            onCall={(ticket) => void desk.act(() => client.call('queue.callTicket', { windowId, ticketId: ticket.id }))}
            onCancel={(ticket) => setDialog({ kind: 'cancel', ticket })}
          />

          <QueueStatsPanel fixedToday initialGroupBy="window" />
          {/* Today's ratings, by clerk and service: the clerk sees their own beside the hall's. */}
          <SatisfactionPanel />
        </>
      )}

      {dialog?.kind === 'transfer' && (
        <TransferDialog
          ticket={dialog.ticket}
          onClose={() => setDialog(null)}
          onTransfer={(choice) => {
            setDialog(null);
            void desk.act(() => client.call('queue.transfer', { windowId, ticketId: dialog.ticket.id, ...choice }));
          }}
        />
      )}
      {dialog?.kind === 'cancel' && (
        <CancelDialog
          ticket={dialog.ticket}
          onClose={() => setDialog(null)}
          onCancel={(reason) => {
            setDialog(null);
            const atWindow = dialog.ticket.status !== 'waiting';
            void desk.act(() => client.call('queue.cancel', { ticketId: dialog.ticket.id, reason, ...(atWindow ? { windowId } : {}) }));
          }}
        />
      )}
    </section>
  );
}

type TicketAction = 'queue.startServing' | 'queue.recall' | 'queue.noShow' | 'queue.finish' | 'queue.hold';

function CurrentVisitor(props: {
  ticket: Ticket | null;
  busy: boolean;
  noShowAfter: number;
  onAction: (method: TicketAction) => void;
  onTransfer: () => void;
  onCancel: () => void;
  /** Where the interview of this visitor stands: not begun, begun, or saved as a case. */
  interview: 'none' | 'started' | 'saved';
  onInterview: () => void;
}) {
  const { t } = useTranslation();
  const formatTime = useTimeFormat();
  const labels = useTicketLabels();
  const { ticket, busy } = props;
  if (!ticket) {
    return (
      <div className="current-card" aria-live="polite">
        <h3>{t('clerk.current')}</h3>
        <p className="muted">{t('clerk.noCurrent')}</p>
      </div>
    );
  }
  const called = ticket.status === 'called';
  const priority = labels.priority(ticket);
  const recallsLeft = Math.max(0, props.noShowAfter - ticket.recalls);
  return (
    <div className="current-card" aria-live="polite">
      <h3>{t('clerk.current')}</h3>
      <p className="current-number" data-testid="current-number">
        {ticket.number}
      </p>
      <p>
        {labels.service(ticket)} {priority && <span className="badge">{priority}</span>}
      </p>
      <p className="muted" data-testid="current-status">
        {t(`clerk.status.${ticket.status}`)} · {ticket.calledAt !== null && t('clerk.calledAt', { time: formatTime(ticket.calledAt) })}
        {ticket.recalls > 0 && ` · ${t('clerk.recalled', { count: ticket.recalls })}`}
      </p>
      <RegistrationPanel ticket={ticket} />
      {ticket.windowId && <RateRequestButton key={ticket.id} windowId={ticket.windowId} />}
      <div className="ticket-actions">
        {ticket.status === 'serving' && (
          <button type="button" className="primary-button" disabled={busy} onClick={props.onInterview}>
            {t(`clerk.interview.open.${props.interview}`)}
          </button>
        )}
        {called && (
          <button type="button" className="primary-button" disabled={busy} onClick={() => props.onAction('queue.startServing')}>
            {t('clerk.actions.arrived')}
          </button>
        )}
        {called && (
          <button type="button" className="secondary-button" disabled={busy} onClick={() => props.onAction('queue.recall')}>
            {t('clerk.actions.recall')}
          </button>
        )}
        {called && (
          <button
            type="button"
            className="secondary-button"
            disabled={busy || recallsLeft > 0}
            title={recallsLeft > 0 ? t('clerk.noShowAfter', { count: recallsLeft }) : undefined}
            onClick={() => props.onAction('queue.noShow')}
          >
            {t('clerk.actions.noShow')}
          </button>
        )}
        <button type="button" className="primary-button" disabled={busy} onClick={() => props.onAction('queue.finish')}>
          {t('clerk.finish')}
        </button>
        <button type="button" className="secondary-button" disabled={busy} onClick={() => props.onAction('queue.hold')}>
          {t('clerk.actions.hold')}
        </button>
        <button type="button" className="secondary-button" disabled={busy} onClick={props.onTransfer}>
          {t('clerk.actions.transfer')}
        </button>
        <button type="button" className="secondary-button" disabled={busy} onClick={props.onCancel}>
          {t('clerk.actions.cancel')}
        </button>
      </div>
      {called && recallsLeft > 0 && <p className="muted">{t('clerk.noShowAfter', { count: recallsLeft })}</p>}
    </div>
  );
}

function WaitingList(props: { tickets: Ticket[]; canCall: boolean; onCall: (ticket: Ticket) => void; onCancel: (ticket: Ticket) => void }) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section aria-labelledby="waiting-heading" className="waiting-section">
      <h3 id="waiting-heading">{t('clerk.waitingList')}</h3>
      {props.tickets.length === 0 ? (
        <p className="muted">{t('clerk.noneWaiting')}</p>
      ) : (
        <table className="data-table" data-testid="waiting-list">
          <TableHead columns={[t('display.ticket'), t('admin.service'), t('clerk.priority'), t('clerk.waited')]} actions />
          <tbody>
            {props.tickets.map((ticket) => (
              <tr key={ticket.id}>
                <td>
                  <strong>{ticket.number}</strong>
                  {ticket.registered && <RegisteredMarker />}
                </td>
                <td>{labels.service(ticket)}</td>
                <td>{labels.priority(ticket) ?? '—'}</td>
                <td>{labels.waited(ticket, now)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="secondary-button small-button"
                    disabled={!props.canCall}
                    aria-label={t('clerk.callThis', { number: ticket.number })}
                    onClick={() => props.onCall(ticket)}
                  >
                    {t('clerk.actions.call')}
                  </button>
                  <button
                    type="button"
                    className="secondary-button small-button"
                    aria-label={t('clerk.cancelThis', { number: ticket.number })}
                    onClick={() => props.onCancel(ticket)}
                  >
                    {t('clerk.actions.cancel')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The ticket's visitor registered at the kiosk: said in words, not by colour. */
function RegisteredMarker() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-registered" title={t('clerk.registration.markerHint')}>
      <span aria-hidden="true">✎ </span>
      {t('clerk.registration.marker')}
    </span>
  );
}
