import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Request params for fuzzing the contract (tests/integration/contract-fuzz.test.ts): well
 * formed ones drawn from a method's own input schema, and hostile ones, as raw JSON text —
 * what goes on the wire. Text, not values, so that an own `__proto__` key, `1e309` or `-0`
 * reach the host as an attacker would write them: JSON.stringify would drop, rename or
 * normalise them.
 */
export type JsonText = string;

export const ONE_MB = 1024 * 1024;
export const DEEP_LEVELS = 10_000;
export const LONG_ARRAY_ITEMS = 100_000;

const quote = (value: string): JsonText => JSON.stringify(value);

export function objectText(entries: ReadonlyArray<readonly [string, JsonText]>): JsonText {
  return `{${entries.map(([key, value]) => `${quote(key)}:${value}`).join(',')}}`;
}

/** The keys a method's input object names (every branch of a union), to aim wrong values at them. */
export function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; options?: z.ZodType[]; innerType?: z.ZodType; in?: z.ZodType } }).def;
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) return Object.keys(shape);
  if (def.options) return [...new Set(def.options.flatMap(keysOf))];
  const inner = def.innerType ?? def.in;
  return inner ? keysOf(inner) : [];
}

/**
 * The paths of the arrays in an input schema without a maximum length. zod checks an
 * array's length before its items, so a bounded list is refused at once; an unbounded one
 * has every item checked and reported (a 4 MB request held the host for 30 s).
 */
export function unboundedArrays(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) => unboundedArrays(value, `${path}.${key}`));
    case 'array': {
      const checks = ((def.checks ?? []) as Array<{ _zod: { def: { check: string } } }>).map((check) => check._zod.def.check);
      const own = checks.includes('max_length') || checks.includes('length_equals') ? [] : [`${path}[]`];
      return [...own, ...unboundedArrays(def.element, `${path}[]`)];
    }
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => unboundedArrays(option, path));
    case 'record':
      return [`${path}{}`, ...unboundedArrays(def.valueType, `${path}{}`)];
    case 'tuple':
      return (def.items as z.ZodType[]).flatMap((item, index) => unboundedArrays(item, `${path}[${index}]`));
    case 'intersection':
      return [...unboundedArrays(def.left, path), ...unboundedArrays(def.right, path)];
    case 'pipe':
      return unboundedArrays(def.in, path);
    case 'lazy':
      return [`${path} (lazy)`];
    default:
      return def.innerType ? unboundedArrays(def.innerType, path) : [];
  }
}

/** Scalars that trip parsers and naive checks: numbers JSON.stringify cannot write, strings with NUL, lone surrogates, format look-alikes. */
export const ODD_SCALARS: readonly JsonText[] = [
  '"NaN"', '"Infinity"', '"-Infinity"', '1e309', '-1e309', '-0', '-0.0', '0.1e-400', '1.5', '-1', '0',
  '9007199254740993', '123456789012345678901234567890', '-9223372036854775809', '1e21', '4294967296',
  '"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"\\udfff"', '"x\\udfff\\ud800y"', '""', '" "', '"\\u202e\\u200b"', '"\\ufeff"',
  '"{{fields}}"', '"$t(errors.INTERNAL)"', '"<script>alert(1)</script>"', '"\'; DROP TABLE tickets; --"', '"../../../etc/passwd"',
  '"%s%n%x"', '"0x10"', '"1e3"', '"true"', '"null"', '"__proto__"', '"constructor"',
  // Well-formed look-alikes that reach the handlers: an unknown ULID, an impossible date, digits.
  '"01ARZ3NDEKTSV4RRFFQ69G5FAV"', '"2024-02-30"', '"9999-12-31"', '"0000"', '"1001"', '"A001"',
];

/** Keys that touch the prototype chain when code copies objects carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** What a prototype key carries: a property every object would suddenly have. */
export const POLLUTION: JsonText = '{"polluted":"yes","prototype":{"polluted":"yes"},"toString":"polluted"}';

const scalar = fc.constantFrom(...ODD_SCALARS);
const anyJson = fc.jsonValue().map((value) => JSON.stringify(value));
/** Any value, as often odd as plain. */
export const hostileValue: fc.Arbitrary<JsonText> = fc.oneof(anyJson, scalar, fc.array(scalar, { maxLength: 5 }).map((items) => `[${items.join(',')}]`));

/** The method's keys each with some value, in a random order. */
const ownKeys = (keys: string[], value: fc.Arbitrary<JsonText>) =>
  fc.tuple(...keys.map((key) => value.map((text) => [key, text] as const))).chain((entries) => fc.shuffledSubarray(entries, { minLength: entries.length }));

const deepArray = '['.repeat(DEEP_LEVELS) + ']'.repeat(DEEP_LEVELS);
const deepObject = '{"a":'.repeat(DEEP_LEVELS) + '1' + '}'.repeat(DEEP_LEVELS);
const deepMixed = '[{"a":'.repeat(DEEP_LEVELS / 2) + 'null' + '}]'.repeat(DEEP_LEVELS / 2);
const HUGE_STRINGS: readonly JsonText[] = [
  quote('x'.repeat(ONE_MB)),
  quote('7'.repeat(ONE_MB)),
  // The ULID alphabet: a 1 MB string that a ULID pattern must still refuse at once.
  quote('0123456789ABCDEFGHJKMNPQRSTVWXYZ'.repeat(ONE_MB / 32)),
  quote('漢'.repeat(ONE_MB / 3)),
  `"${'\\u0000'.repeat(ONE_MB / 6)}"`,
];
const LONG_ARRAYS: readonly JsonText[] = [`[${Array(LONG_ARRAY_ITEMS).fill('0').join(',')}]`, `[${Array(LONG_ARRAY_ITEMS / 2).fill('{}').join(',')}]`];

/** The kinds of params the fuzzer sends to every method. */
export const PARAM_KINDS = ['wellFormed', 'oneWrongValue', 'random', 'wrongTypes', 'oddScalars', 'prototypeKeys', 'deepNesting', 'hugeValues'] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];
/** Kinds no contract method may accept: the contract's input objects are strict and their values shallow. */
export const ALWAYS_REFUSED: ReadonlySet<ParamKind> = new Set(['prototypeKeys', 'deepNesting']);

/**
 * Params for a method: `schema` is its input, `knownIds` ids of things that exist in the
 * hall (services, windows, tickets), so that well-formed calls reach past NOT_FOUND.
 */
export function paramsOf(kind: ParamKind, schema: z.ZodType, knownIds: readonly string[] = []): fc.Arbitrary<JsonText> {
  const keys = keysOf(schema);
  // A method without params still gets a key to carry the hostile value.
  const aimed = keys.length > 0 ? keys : ['value'];
  switch (kind) {
    case 'wellFormed':
      return wellFormed(schema, knownIds).map((value) => JSON.stringify(value ?? {}));
    case 'oneWrongValue':
      // Well formed but for one value (or an added key): the one the handler must never see.
      return fc
        .tuple(wellFormed(schema, knownIds), fc.constantFrom(...aimed, '__proto__'), hostileValue)
        .map(([value, key, wrong]) => {
          const entries = Object.entries(typeof value === 'object' && value !== null ? value : {}).map(([name, item]) => [name, JSON.stringify(item)] as const);
          return objectText([...entries.filter(([name]) => name !== key), [key, wrong]]);
        });
    case 'random':
      // Anything at all, or an object of the method's own keys with any values.
      return fc.oneof(anyJson, fc.dictionary(fc.constantFrom(...aimed), fc.jsonValue()).map((value) => JSON.stringify(value)));
    case 'wrongTypes':
      return ownKeys(keys, hostileValue).map(objectText);
    case 'oddScalars':
      return ownKeys(keys, scalar).map(objectText);
    case 'prototypeKeys':
      // A prototype key at the top, or inside one of the method's own values, or both; key names that look like templates too.
      return fc
        .record({
          entries: ownKeys(keys, hostileValue),
          top: fc.subarray([...PROTOTYPE_KEYS, '{{fields}}', '$t(errors.INTERNAL)', 'hasOwnProperty'], { minLength: 0 }),
          nestedIn: fc.option(fc.constantFrom(...aimed), { nil: undefined }),
          nestedKey: fc.constantFrom(...PROTOTYPE_KEYS),
        })
        .filter(({ top, nestedIn }) => top.some((key) => (PROTOTYPE_KEYS as readonly string[]).includes(key)) || nestedIn !== undefined)
        .map(({ entries, top, nestedIn, nestedKey }) => {
          const withNested = entries
            .filter(([key]) => key !== nestedIn)
            .concat(nestedIn === undefined ? [] : [[nestedIn, objectText([[nestedKey, POLLUTION]])] as const]);
          return objectText([...top.map((key) => [key, POLLUTION] as const), ...withNested]);
        });
    case 'deepNesting':
      // 10,000 levels as the params themselves, or as the value of one key.
      return fc.oneof(
        fc.constantFrom(deepArray, deepObject, deepMixed),
        fc
          .tuple(ownKeys(keys, hostileValue), fc.constantFrom(...aimed, '__proto__'), fc.constantFrom(deepArray, deepObject, deepMixed))
          .map(([entries, key, deep]) => objectText([...entries.filter(([name]) => name !== key), [key, deep]])),
      );
    case 'hugeValues':
      // One value of 1 MB (or a 100,000-item array), or a 1 MB key; the others any value.
      return fc.oneof(
        fc
          .tuple(ownKeys(keys, hostileValue), fc.constantFrom(...aimed), fc.constantFrom(...HUGE_STRINGS, ...LONG_ARRAYS))
          .map(([entries, key, huge]) => objectText([...entries.filter(([name]) => name !== key), [key, huge]])),
        ownKeys(keys, hostileValue).map((entries) => objectText([...entries, ['k'.repeat(ONE_MB), '1']])),
      );
  }
}

/** Odd strings a free-text field may well accept: NUL, lone surrogates, bidi controls, astral characters. */
const ODD_STRINGS = ['\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u202e\u200b', '\ufeff', '𠮷野家', '{{fields}}', '$t(errors.INTERNAL)', '<b>x</b>', "'; --", ' '];

type Def = Record<string, any> & { type: string; checks?: Array<{ _zod: { def: Record<string, any> } }> };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((check) => check._zod.def);

/**
 * Values a zod input schema takes, drawn from the schema itself (zod 4): strings matching
 * its patterns and lengths, numbers within its bounds (the bounds themselves often), the
 * enums' members, optional keys sometimes left out. Refinements (an ID number's check
 * digit, a date that exists) are not known here: such values may still be refused, which
 * is what the handlers' own checks are for.
 */
export function wellFormed(schema: z.ZodType, knownIds: readonly string[] = []): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const checks = checksOf(def);
  const bound = (name: string, key: string) => checks.find((check) => check.check === name)?.[key] as number | undefined;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const requiredKeys = Object.keys(shape).filter((key) => !['optional', 'default', 'prefault'].includes(defOf(shape[key]).type));
      const model = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, wellFormed(value, knownIds)]));
      return fc.record(model, { requiredKeys });
    }
    case 'string': {
      const exact = bound('length_equals', 'length');
      const minLength = exact ?? bound('min_length', 'minimum') ?? 0;
      const maxLength = exact ?? bound('max_length', 'maximum') ?? 200;
      const fits = (text: string) => text.length >= minLength && text.length <= maxLength;
      const pattern = checks.find((check) => check.format === 'regex')?.pattern as RegExp | undefined;
      if (pattern) {
        const known = knownIds.filter((id) => pattern.test(id));
        const matching = fc.stringMatching(pattern).filter(fits);
        return known.length > 0 ? fc.oneof(fc.constantFrom(...known), matching) : matching;
      }
      if (checks.some((check) => check.format === 'url')) return fc.webUrl();
      return fc.oneof(fc.string({ unit: 'binary', minLength, maxLength: Math.min(maxLength, 40) }), fc.constantFrom(...ODD_STRINGS.filter(fits), 'x'.repeat(maxLength)));
    }
    case 'number': {
      const above = checks.find((check) => check.check === 'greater_than');
      const below = checks.find((check) => check.check === 'less_than');
      const integer = checks.some((check) => check.check === 'number_format' && /int/.test(String(check.format)));
      if (integer) {
        const min = above ? above.value + (above.inclusive ? 0 : 1) : Number.MIN_SAFE_INTEGER;
        const max = below ? below.value - (below.inclusive ? 0 : 1) : Number.MAX_SAFE_INTEGER;
        return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      }
      return fc
        .double({ min: above?.value ?? -1e12, max: below?.value ?? 1e12, noNaN: true, noDefaultInfinity: true })
        .filter((n) => (!above || above.inclusive || n > above.value) && (!below || below.inclusive || n < below.value));
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'nullable':
      return fc.option(wellFormed(def.innerType, knownIds), { nil: null });
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
      return wellFormed(def.innerType, knownIds);
    case 'pipe':
      return wellFormed(def.in, knownIds);
    case 'array': {
      const minLength = bound('min_length', 'minimum') ?? 0;
      const maxLength = Math.min(bound('max_length', 'maximum') ?? 5, Math.max(minLength, 5));
      return fc.array(wellFormed(def.element, knownIds), { minLength, maxLength });
    }
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((option) => wellFormed(option, knownIds)));
    case 'record':
      return fc.dictionary(wellFormed(def.keyType, knownIds) as fc.Arbitrary<string>, wellFormed(def.valueType, knownIds), { maxKeys: 3 });
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((item) => wellFormed(item, knownIds)));
    default:
      return fc.jsonValue();
  }
}
