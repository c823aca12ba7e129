import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { methods, type MethodName } from './index';

/**
 * "Display and kiosk roles can never read personal data" (issue 9, DESIGN.md §6): the
 * contract flags every method whose output can carry a visitor's personal data
 * (`personalData`), no such method lists kiosk or display unless it names the reason,
 * and the output schemas are walked so that a field named like personal data in a method
 * without the flag fails here — the flag cannot be forgotten.
 */
const NAMES = Object.keys(methods) as MethodName[];

/**
 * Output fields named like a visitor's personal data: their ID and phone numbers (masked
 * or not), a name through the person it belongs to, an address, a birth date, what the
 * ID tells of them, a scanned document, a rendered receipt or letter (`html`).
 */
const PERSONAL_FIELD =
  /^(idNumber|idMasked|idCard|phone|phoneMasked|mobile|address|birthDate|sex|visitor|visitors|visitorName|person|people|companions|contentBase64|fileName|html)$/;

/** Fields named like personal data that are not, each with what it is instead. */
const NOT_PERSONAL: Record<string, string> = {
  'printing.status: printers.*.address': "a printer's address (tcp://, usb:, system:)",
  'printing.savePrinter: address': "a printer's address (tcp://, usb:, system:)",
  'hall.info: address': "the hall's own address, a public office's (hall.saveSettings)",
  'hall.saveSettings: address': "the hall's own address, a public office's",
};

/** The paths of every object key in a schema (`visit.people.*.idMasked`), through wrappers, arrays, unions. */
function fieldPaths(schema: z.ZodType, path = '', seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  const inner = (child: unknown, suffix = '') => fieldPaths(child as z.ZodType, path + suffix, seen);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
        const keyPath = path ? `${path}.${key}` : key;
        return [keyPath, ...fieldPaths(child, keyPath, seen)];
      });
    case 'array':
      return inner(def.element, '.*');
    case 'record':
      return inner(def.valueType, '.*');
    case 'tuple':
      return (def.items as unknown[]).flatMap((item) => inner(item, '.*'));
    case 'union':
      return (def.options as unknown[]).flatMap((option) => inner(option));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    case 'lazy':
      return inner(def.getter());
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    default:
      return [];
  }
}

const personalFields = (name: MethodName) => fieldPaths(methods[name].output).filter((path) => PERSONAL_FIELD.test(path.split('.').at(-1)!));

describe('personal data in the contract', () => {
  const flagged = NAMES.filter((name) => methods[name].personalData);

  it('flags the methods that read cases and visitors', () => {
    expect(flagged).toEqual(expect.arrayContaining(['visits.get', 'visits.search', 'visitors.unmask', 'visitors.ofTicket', 'visits.attachment', 'receipts.render']));
  });

  it('lets neither kiosk nor display call a flagged method, except where the reason is written down', () => {
    for (const name of flagged) {
      const flag = methods[name].personalData!;
      const exceptions: Partial<Record<string, string>> = flag === true ? {} : flag.exceptFor;
      for (const role of ['kiosk', 'display'] as const) {
        if (!(methods[name].roles as readonly string[]).includes(role)) continue;
        expect(exceptions[role], `${name} lists ${role}`).toMatch(/\S{10,}/);
      }
    }
    // The exceptions, each read and argued (docs/security.md): nothing else.
    const excepted = flagged.filter((name) => methods[name].personalData !== true);
    expect(excepted.sort()).toEqual(['kiosk.readIdCard', 'receipts.render']);
  });

  it('finds the personal fields it looks for (the walk reaches nested and listed objects)', () => {
    expect(personalFields('visits.get')).toEqual(expect.arrayContaining(['visit.visitor', 'visit.people.*.idMasked', 'visit.people.*.address']));
    expect(personalFields('visitors.ofTicket')).toContain('registration.visitor.phoneMasked');
    expect(personalFields('printing.print')).toContain('browser.html');
  });

  it('fails for any output field named like personal data in a method without the flag', () => {
    const unflagged = NAMES.filter((name) => !methods[name].personalData).flatMap((name) => personalFields(name).map((path) => `${name}: ${path}`));
    expect(unflagged.filter((field) => !Object.hasOwn(NOT_PERSONAL, field))).toEqual([]);
    // Each exception still exists: a stale one would hide a field of the same name later.
    for (const field of Object.keys(NOT_PERSONAL)) expect(unflagged, field).toContain(field);
  });
});
