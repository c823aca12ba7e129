import { describe, expect, it } from 'vitest';
import { codeDigits, forgetPairedDevice, groupedCode, mayOpenRole, readPairedDevice, savePairedDevice, type KeyValueStore, type PairedDevice } from './device-pairing';

function memoryStore(): KeyValueStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const DISPLAY: PairedDevice = { token: 'x'.repeat(43), id: '01JA0000000000000000000000', name: '大厅显示屏', kind: 'display', role: 'display', page: '/display' };

describe('the device pairing a page keeps', () => {
  it('is kept, read back and forgotten; anything else stored under its key counts as none', () => {
    const store = memoryStore();
    expect(readPairedDevice(store)).toBeNull();
    savePairedDevice(DISPLAY, store);
    expect(readPairedDevice(store)).toEqual(DISPLAY);
    forgetPairedDevice(store);
    expect(readPairedDevice(store)).toBeNull();

    for (const junk of ['{', 'null', '{"token":""}', JSON.stringify({ ...DISPLAY, role: 'root' }), JSON.stringify({ ...DISPLAY, page: 'https://elsewhere.example/' }), JSON.stringify({ ...DISPLAY, page: '//elsewhere.example' })]) {
      store.values.set('hall.device', junk);
      expect(readPairedDevice(store)).toBeNull();
    }
  });

  it('opens its own role’s pages only; without a pairing every role’s page opens (this machine’s own pages)', () => {
    expect(mayOpenRole(DISPLAY, 'display')).toBe(true);
    expect(mayOpenRole(DISPLAY, 'kiosk')).toBe(false);
    expect(mayOpenRole(DISPLAY, 'admin')).toBe(false);
    // A rating tablet acts as a kiosk: /rate and /kiosk are both kiosk-role pages.
    expect(mayOpenRole({ ...DISPLAY, kind: 'rating', role: 'kiosk', page: '/rate' }, 'kiosk')).toBe(true);
    expect(mayOpenRole(null, 'admin')).toBe(true);
  });
});

describe('a pairing code as typed', () => {
  it('keeps its digits, at most 8, and shows them as the admin’s screen does', () => {
    expect(codeDigits('1234 5678')).toBe('12345678');
    expect(codeDigits('1234-56789')).toBe('12345678');
    expect(codeDigits('12a3')).toBe('123');
    expect(groupedCode('1234')).toBe('1234');
    expect(groupedCode('12345')).toBe('1234 5');
    expect(groupedCode('12345678')).toBe('1234 5678');
  });
});
