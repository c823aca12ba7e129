import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRINTER_CONNECTIONS, PRINTER_FONT_COVERAGES, PRINTER_ROLES, type MethodOutput, type Printer, type PrinterConnection } from '../../../shared/contract';
import { FormDialog } from '../components/FormDialog';
import { useHall, useLocalized } from '../hall-context';
import { FieldWithHint } from './FieldWithHint';
import { withFieldLabels } from './field-labels';
import { addressComplete, addressOf, addressProblem, fieldsOf, EMPTY_ADDRESS, type AddressFields } from './printer-address';

type SystemPrinters = MethodOutput<'printing.systemPrinters'>;
/** The paper as the dialog offers it: the two roll widths (576 / 384 dots) and A4 sheets (system printers only). */
type PaperChoice = 'roll80' | 'roll58' | 'A4';

function paperChoiceOf(printer: Printer): PaperChoice {
  if (printer.paper === 'A4') return 'A4';
  return printer.paperWidthDots === 384 ? 'roll58' : 'roll80';
}

/**
 * Add a printer or change one: its name, what it is for (the kiosk, a window, the office),
 * how the hall reaches it (network, USB, a printer of the operating system), the paper and
 * what its font prints. The address is checked as it is typed; the hall's refusal (the
 * address already used, a field it does not take) is shown with the dialog kept as typed.
 */
export function PrinterDialog(props: { printer: Printer | null; onSaved: (printer: Printer) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { client, info } = useHall();
  const localized = useLocalized();
  const id = useId();
  const editing = props.printer;
  const [name, setName] = useState(editing?.name ?? '');
  const [role, setRole] = useState<Printer['role']>(editing?.role ?? 'window');
  const [windowId, setWindowId] = useState(editing?.windowId ?? '');
  const [address, setAddress] = useState<AddressFields>(editing ? fieldsOf(editing.address) : EMPTY_ADDRESS);
  const [paper, setPaper] = useState<PaperChoice>(editing ? paperChoiceOf(editing) : 'roll80');
  const [fontCoverage, setFontCoverage] = useState<Printer['fontCoverage']>(editing?.fontCoverage ?? 'gb2312');
  const [active, setActive] = useState(editing?.active ?? true);
  const [systemPrinters, setSystemPrinters] = useState<SystemPrinters | null>(null);
  // A field's problem is said once it has been left (or a save was tried), not at the first key.
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    client.call('printing.systemPrinters', {}).then(setSystemPrinters, () => setSystemPrinters({ available: false, printers: [] }));
  }, [client]);

  const raw = address.connection !== 'system';
  const problem = addressProblem(address);
  const systemAvailable = systemPrinters?.available === true;
  const setConnection = (connection: PrinterConnection) => {
    setAddress({ ...address, connection });
    // A4 sheets only through a system printer's driver: a raw thermal printer prints on its roll.
    if (connection !== 'system' && paper === 'A4') setPaper('roll80');
  };
  const labelOf = (field: string) => (i18n.exists(`fieldLabels.printing.${field}`) ? t(`fieldLabels.printing.${field}`) : field);

  const save = async () => {
    setTouched(true);
    const input = {
      ...(editing ? { id: editing.id } : {}),
      name,
      role,
      windowId: role === 'window' ? windowId || null : null,
      address: addressOf(address),
      paper: paper === 'A4' ? ('A4' as const) : ('roll' as const),
      paperWidthDots: paper === 'roll58' ? (384 as const) : (576 as const),
      fontCoverage,
      active,
    };
    try {
      props.onSaved(await client.call('printing.savePrinter', input));
    } catch (error) {
      throw withFieldLabels(error, labelOf, t('common.listSeparator'));
    }
  };

  const problemId = `${id}-address-problem`;
  const problemText = touched && problem ? <p id={problemId} className="field-problem" role="alert">{t(`admin.printers.addressProblems.${problem}`)}</p> : null;
  // A field found wrong is marked and described by the problem (after its hint, if it has one).
  const invalid = (field: typeof problem, hintId?: string) =>
    touched && problem === field ? { 'aria-invalid': true as const, 'aria-describedby': hintId ? `${hintId} ${problemId}` : problemId } : {};

  return (
    <FormDialog
      title={editing ? t('admin.printers.editTitle', { name: editing.name }) : t('admin.printers.add')}
      onClose={props.onClose}
      submit={save}
      canSubmit={name.trim() !== '' && addressComplete(address) && problem === null && (role !== 'window' || windowId !== '')}
    >
      <FieldWithHint label={t('admin.printers.name')} hint={t('admin.printers.nameHint')}>
        {(hintId) => <input value={name} required maxLength={60} autoComplete="off" aria-describedby={hintId} onChange={(event) => setName(event.target.value)} />}
      </FieldWithHint>

      <label className="field">
        {t('admin.printers.role')}
        <select value={role} onChange={(event) => setRole(event.target.value as Printer['role'])}>
          {PRINTER_ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`admin.printers.roleChoices.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {role === 'window' && (
        <label className="field">
          {t('admin.printers.window')}
          <select value={windowId} required onChange={(event) => setWindowId(event.target.value)}>
            <option value="">{t('admin.printers.chooseWindow')}</option>
            {info?.windows.map((hallWindow) => (
              <option key={hallWindow.id} value={hallWindow.id}>
                {localized(hallWindow.name)}
              </option>
            ))}
          </select>
        </label>
      )}

      <fieldset>
        <legend>{t('admin.printers.connection')}</legend>
        {PRINTER_CONNECTIONS.map((connection) => {
          // System printers need the desktop app; one already saved stays selectable.
          const disabled = connection === 'system' && !systemAvailable && editing?.connection !== 'system';
          return (
            <label key={connection} className="choice">
              <input
                type="radio"
                name={`${id}-connection`}
                value={connection}
                checked={address.connection === connection}
                disabled={disabled}
                onChange={() => setConnection(connection)}
              />
              {t(`admin.printers.connections.${connection}`)}
            </label>
          );
        })}
        {systemPrinters && !systemAvailable && (
          <p className="muted printer-dialog-note" data-testid="system-printers-unavailable">
            {t('admin.printers.systemUnavailable')}
          </p>
        )}
      </fieldset>

      {address.connection === 'network' && (
        <div className="printer-network-fields">
          <label className="field printer-host">
            {t('admin.printers.host')}
            <input
              value={address.host}
              required
              autoComplete="off"
              spellCheck={false}
              placeholder="192.168.1.50"
              onBlur={() => setTouched(true)}
              onChange={(event) => setAddress({ ...address, host: event.target.value })}
              {...invalid('host')}
            />
          </label>
          <label className="field printer-port">
            {t('admin.printers.port')}
            <input
              value={address.port}
              inputMode="numeric"
              autoComplete="off"
              onBlur={() => setTouched(true)}
              onChange={(event) => setAddress({ ...address, port: event.target.value })}
              {...invalid('port')}
            />
          </label>
        </div>
      )}
      {address.connection === 'usb' && (
        <FieldWithHint label={t('admin.printers.device')} hint={t('admin.printers.deviceHint')}>
          {(hintId) => (
            <input
              value={address.device}
              required
              autoComplete="off"
              spellCheck={false}
              onBlur={() => setTouched(true)}
              onChange={(event) => setAddress({ ...address, device: event.target.value })}
              aria-describedby={hintId}
              {...invalid('device', hintId)}
            />
          )}
        </FieldWithHint>
      )}
      {address.connection === 'system' && (
        <label className="field">
          {t('admin.printers.systemPrinter')}
          <select value={address.systemName} required onChange={(event) => setAddress({ ...address, systemName: event.target.value })} {...invalid('systemName')}>
            <option value="">{t('admin.printers.chooseSystemPrinter')}</option>
            {/* The one saved, should the host no longer list it. */}
            {address.systemName !== '' && !systemPrinters?.printers.some((one) => one.name === address.systemName) && (
              <option value={address.systemName}>{address.systemName}</option>
            )}
            {systemPrinters?.printers.map((one) => (
              <option key={one.name} value={one.name}>
                {one.isDefault ? t('admin.printers.systemDefault', { name: one.displayName }) : one.displayName}
              </option>
            ))}
          </select>
        </label>
      )}
      {problemText}

      <FieldWithHint label={t('admin.printers.paper')} hint={raw ? t('admin.printers.paperHintRaw') : t('admin.printers.paperHintSystem')}>
        {(hintId) => (
          <select value={paper} aria-describedby={hintId} onChange={(event) => setPaper(event.target.value as PaperChoice)}>
            <option value="roll80">{t('admin.printers.papers.roll80')}</option>
            <option value="roll58">{t('admin.printers.papers.roll58')}</option>
            {!raw && <option value="A4">{t('admin.printers.papers.A4')}</option>}
          </select>
        )}
      </FieldWithHint>

      {raw && (
        <FieldWithHint label={t('admin.printers.font')} hint={t('admin.printers.fontHint')}>
          {(hintId) => (
            <select value={fontCoverage} aria-describedby={hintId} onChange={(event) => setFontCoverage(event.target.value as Printer['fontCoverage'])}>
              {PRINTER_FONT_COVERAGES.map((value) => (
                <option key={value} value={value}>
                  {t(`admin.printers.fontChoices.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FieldWithHint>
      )}

      <label className="choice">
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
        {t('admin.printers.activeChoice')}
      </label>
    </FormDialog>
  );
}
