import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contract/errors';
import { TICKET_STATUSES, WINDOW_STATES } from '../contract/hall-schemas';
import { ROLES } from '../contract/roles';
import { LANGUAGES } from '../domain/languages';
import { i18nResources } from './index';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

/** Found while walking the tree: a key may hold dots itself (fieldLabels' `companions.*.person.idNumber`). */
function emptyKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return value === '' ? [prefix] : [];
  return Object.entries(value).flatMap(([key, child]) => emptyKeys(child, prefix ? `${prefix}.${key}` : key));
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('i18n resources', () => {
  const reference = new Set(keysOf(i18nResources['zh-CN'].translation));

  it.each(LANGUAGES)('%s has exactly the keys of zh-CN, none empty', (language) => {
    const translation = i18nResources[language].translation;
    const keys = new Set(keysOf(translation));
    expect([...reference].filter((key) => !keys.has(key))).toEqual([]);
    expect([...keys].filter((key) => !reference.has(key))).toEqual([]);
    const empty = emptyKeys(translation);
    expect(empty).toEqual([]);
  });

  it('has a message for every error code', () => {
    for (const code of ERROR_CODES) expect(reference.has(`errors.${code}`), code).toBe(true);
  });

  it('has a message for every error context the code raises', () => {
    const raised = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'electron'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/HallError\('([A-Z_]+)',\s*\{\s*context:\s*'([a-z_]+)'/g)) raised.add(`errors.${match[1]}_${match[2]}`);
      for (const match of source.matchAll(/fail\(id, '([A-Z_]+)', \{\s*context:\s*'([a-z_]+)'/g)) raised.add(`errors.${match[1]}_${match[2]}`);
    }
    expect(raised.size).toBeGreaterThan(3);
    expect([...raised].filter((key) => !reference.has(key))).toEqual([]);
    // Contexts taken from data: every ticket status and window state has its message.
    for (const status of TICKET_STATUSES) expect(reference.has(`errors.TICKET_STATE_${status}`), status).toBe(true);
    for (const state of WINDOW_STATES.filter((s) => s !== 'open')) expect(reference.has(`errors.WINDOW_NOT_OPEN_${state}`), state).toBe(true);
  });

  it('names every role and language the pages build keys from', () => {
    for (const role of ROLES) expect(reference.has(`common.roles.${role}`), role).toBe(true);
    for (const language of LANGUAGES) expect(reference.has(`common.languages.${language}`), language).toBe(true);
  });

  it('has every key that the code asks for with t("…")', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles(join(ROOT, 'renderer/src')), ...sourceFiles(join(ROOT, 'electron'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    // Plural keys exist as key_one / key_other.
    const missing = [...used].filter((key) => !reference.has(key) && !reference.has(`${key}_other`));
    expect(missing).toEqual([]);
  });
});
