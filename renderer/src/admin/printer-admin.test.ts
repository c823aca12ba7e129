import { describe, expect, it } from 'vitest';
import { HallClientError } from '../../../shared/contract';
import { dayRangeIn } from './day-range';
import { withFieldLabels } from './field-labels';
import { addressComplete, addressOf, addressProblem, EMPTY_ADDRESS, fieldsOf } from './printer-address';

describe('the printer dialog’s address', () => {
  it('makes the address the core stores from what was typed, and reads it back', () => {
    const network = { ...EMPTY_ADDRESS, host: ' 192.168.1.50 ', port: '' };
    expect(addressOf(network)).toBe('tcp://192.168.1.50:9100');
    expect(addressOf({ ...network, host: 'pos-1.hall.local', port: '9101' })).toBe('tcp://pos-1.hall.local:9101');
    expect(addressOf({ ...network, host: 'fe80::1' })).toBe('tcp://[fe80::1]:9100');
    expect(addressOf({ ...EMPTY_ADDRESS, connection: 'usb', device: '/dev/usb/lp0' })).toBe('usb:/dev/usb/lp0');
    expect(addressOf({ ...EMPTY_ADDRESS, connection: 'usb', device: '\\\\localhost\\POS80' })).toBe('usb:\\\\localhost\\POS80');
    expect(addressOf({ ...EMPTY_ADDRESS, connection: 'system', systemName: 'EPSON TM-T88V Receipt' })).toBe('system:EPSON TM-T88V Receipt');

    for (const address of ['tcp://192.168.1.50:9100', 'tcp://[fe80::1]:9100', 'usb:/dev/usb/lp0', 'usb:\\\\localhost\\POS80', 'system:EPSON TM-T88V Receipt']) {
      expect(addressOf(fieldsOf(address))).toBe(address);
    }
    expect(fieldsOf('tcp://10.0.0.7')).toMatchObject({ connection: 'network', host: '10.0.0.7', port: '9100' });
  });

  it('says which field is wrong as typed, by the contract’s own rule, and nothing before anything is typed', () => {
    expect(addressProblem(EMPTY_ADDRESS)).toBeNull();
    expect(addressComplete(EMPTY_ADDRESS)).toBe(false);
    expect(addressProblem({ ...EMPTY_ADDRESS, host: '192.168.1.50' })).toBeNull();
    expect(addressProblem({ ...EMPTY_ADDRESS, host: 'printer one' })).toBe('host');
    expect(addressProblem({ ...EMPTY_ADDRESS, host: '192.168.1.50:9100' })).toBe('host');
    expect(addressProblem({ ...EMPTY_ADDRESS, host: '192.168.1.50', port: '70000' })).toBe('port');
    expect(addressProblem({ ...EMPTY_ADDRESS, host: '192.168.1.50', port: '91a' })).toBe('port');
    expect(addressProblem({ ...EMPTY_ADDRESS, connection: 'usb', device: 'lp0' })).toBe('device');
    expect(addressProblem({ ...EMPTY_ADDRESS, connection: 'usb', device: '/dev/../etc/passwd' })).toBe('device');
    expect(addressProblem({ ...EMPTY_ADDRESS, connection: 'usb', device: '/dev/usb/lp0' })).toBeNull();
  });
});

describe('a day of the print history', () => {
  it('is the day in the hall’s time zone, whatever the machine’s', () => {
    expect(dayRangeIn('2026-11-24', 'Asia/Shanghai')).toEqual({ from: Date.parse('2026-11-23T16:00:00Z'), to: Date.parse('2026-11-24T16:00:00Z') });
    expect(dayRangeIn('2026-11-24', 'UTC')).toEqual({ from: Date.parse('2026-11-24T00:00:00Z'), to: Date.parse('2026-11-25T00:00:00Z') });
    // The day Europe/London's clocks go back is 25 hours long.
    const autumn = dayRangeIn('2026-10-25', 'Europe/London');
    expect(autumn).toEqual({ from: Date.parse('2026-10-24T23:00:00Z'), to: Date.parse('2026-10-26T00:00:00Z') });
  });
});

describe('a refusal of the form', () => {
  it('names the fields as the form does; other errors stay as they are', () => {
    const refusal = new HallClientError('VALIDATION_FAILED', '…', { params: { fields: 'address, paper' }, issues: [] });
    const labelled = withFieldLabels(refusal, (field) => ({ address: '打印机地址', paper: '纸张' })[field] ?? field, '、');
    expect(labelled).toBeInstanceOf(HallClientError);
    expect((labelled as HallClientError).details).toEqual({ params: { fields: '打印机地址、纸张' }, issues: [] });
    const duplicate = new HallClientError('DUPLICATE', '…', { params: { context: 'printerAddress' } });
    expect(withFieldLabels(duplicate, () => 'x', '、')).toBe(duplicate);
  });
});
