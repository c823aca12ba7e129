import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { useHall, useLocalized } from '../hall-context';

export interface TransferChoice {
  toServiceId: string;
  toWindowId?: string;
  position: 'front' | 'back';
}

/** Where to send the visitor: a service, optionally one window, at the front or the back. */
export function TransferDialog(props: { ticket: Ticket; onTransfer: (choice: TransferChoice) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  // The visitor's own service stays in the list: a transfer to a named window of it is allowed.
  const services = info?.services ?? [];
  const [serviceId, setServiceId] = useState(services.find((service) => service.id !== props.ticket.serviceId)?.id ?? '');
  const [windowId, setWindowId] = useState('');
  const [position, setPosition] = useState<'front' | 'back'>('front');
  const windows = info?.windows.filter((w) => w.services.some((s) => s.serviceId === serviceId)) ?? [];

  return (
    <Dialog title={t('clerk.transfer.title', { number: props.ticket.number })} onClose={props.onClose}>
      <form
        method="dialog"
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          props.onTransfer({ toServiceId: serviceId, ...(windowId ? { toWindowId: windowId } : {}), position });
        }}
      >
        <fieldset>
          <legend>{t('clerk.transfer.toService')}</legend>
          {services.map((service) => (
            <label key={service.id} className="choice">
              <input
                type="radio"
                name="service"
                value={service.id}
                checked={serviceId === service.id}
                onChange={() => {
                  setServiceId(service.id);
                  setWindowId('');
                }}
              />
              {service.letter} {localized(service.name)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          {t('clerk.transfer.toWindow')}
          <select value={windowId} onChange={(event) => setWindowId(event.target.value)}>
            <option value="">{t('clerk.transfer.anyWindow')}</option>
            {windows.map((w) => (
              <option key={w.id} value={w.id}>
                {localized(w.name)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('clerk.transfer.position')}</legend>
          {(['front', 'back'] as const).map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="position" value={value} checked={position === value} onChange={() => setPosition(value)} />
              {t(`clerk.transfer.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={props.onClose}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary-button" disabled={!serviceId}>
            {t('clerk.transfer.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
