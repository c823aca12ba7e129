import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryDictionarySchema, MAX_CATEGORY_FILE_BYTES, type CategoryDictionary } from '../../../shared/domain/categories/category-dictionary';
import { searchCategories } from '../../../shared/domain/categories/category-search';
import { readCategoryFile, readSeedCategories } from './category-import';

const RESOURCES = fileURLToPath(new URL('../../../resources/', import.meta.url));

let seed: CategoryDictionary;
let folder: string;

beforeAll(async () => {
  const result = await readSeedCategories(RESOURCES);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  seed = result.dictionary;
  folder = await mkdtemp(join(tmpdir(), 'categories-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const search = (query: string, limit = 10) => searchCategories(seed, query, { language: 'zh-CN', limit });

describe('the seed, as the core prepares it', () => {
  it('is a valid dictionary for the contract, every entry with pinyin keys', () => {
    expect(categoryDictionarySchema.safeParse(seed).success).toBe(true);
    expect(seed.version).toBe('seed-1');
    expect(seed.entries.length).toBeGreaterThanOrEqual(250);
    for (const entry of seed.entries) expect(entry.pinyin?.length, entry.code).toBeGreaterThanOrEqual(1);
  });

  it('is found by characters, initials and full pinyin', () => {
    expect(search('工资').map((r) => r.entry.names['zh-CN'])).toContain('拖欠工资');
    expect(search('工资').find((r) => r.entry.names['zh-CN'] === '拖欠工资')!.pathText).toBe('劳动社保 › 劳动报酬 › 拖欠工资');
    expect(search('tqgz')[0]).toMatchObject({ pathText: '劳动社保 › 劳动报酬 › 拖欠工资', match: 'pinyinExact' });
    expect(search('ldbc')[0]!.entry.names['zh-CN']).toBe('劳动报酬');
    expect(search('wuye').slice(0, 3).every((r) => r.entry.names['zh-CN'].startsWith('物业'))).toBe(true);
    expect(search('laodong').slice(0, 5).every((r) => r.entry.names['zh-CN'].startsWith('劳动'))).toBe(true);
    expect(search('勞動合同')[0]!.entry.names['zh-CN']).toBe('劳动合同');
    expect(search('nmggz')[0]!.pathText).toBe('劳动社保 › 劳动报酬 › 拖欠工资 › 农民工工资');
  });

  it('is found by the context reading of polyphonic characters', () => {
    expect(search('yhfw')[0]!.entry.names['zh-CN']).toBe('银行服务');
    expect(search('yxfw')).toEqual([]);
    expect(search('cfxf')[0]!.entry.names['zh-CN']).toBe('重复信访');
    expect(search('zhixingkuan')[0]!.entry.names['zh-CN']).toBe('执行款发放');
    expect(searchCategories(seed, 'kuanpin', { language: 'zh-HK' })[0]!.pathText).toBe('資訊產業 › 互聯網服務 › 寬頻');
  });

  it('finds every entry by its initials, its full pinyin and its English name, typed a key at a time', () => {
    // A sweep over the whole seed, like a clerk typing: thousands of searches, no timing asserted.
    let searches = 0;
    for (const entry of seed.entries) {
      const { initials, full } = entry.pinyin![0]!;
      for (let typed = 1; typed <= initials.length; typed++, searches++) expect(search(initials.slice(0, typed), 20).length).toBeGreaterThan(0);
      expect(search(initials, 50).map((r) => r.entry.code), `${entry.code} ${initials}`).toContain(entry.code);
      expect(search(full, 50).map((r) => r.entry.code), `${entry.code} ${full}`).toContain(entry.code);
      expect(search(entry.names.en, 50).map((r) => r.entry.code), entry.names.en).toContain(entry.code);
      searches += 3;
    }
    expect(searches).toBeGreaterThan(2_000);
  });
});

describe('readCategoryFile', () => {
  it('takes the format from the extension and adds pinyin to a valid file', async () => {
    const path = join(folder, 'dictionary.json');
    await writeFile(path, JSON.stringify({ version: '2025.3', entries: [{ code: '04', level: 1, names: { 'zh-CN': '劳动社保', 'zh-HK': '勞動社保', en: 'Labour' } }] }));
    const result = await readCategoryFile(path);
    expect(result.ok && result.dictionary.version).toBe('2025.3');
    expect(result.ok && result.dictionary.entries[0]!.pinyin![0]!.initials).toBe('ldsb');
  });

  it('refuses a GBK file with the line of the first bad byte', async () => {
    const path = join(folder, 'gbk.csv');
    const header = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en\r\n04,,1,';
    await writeFile(path, Buffer.concat([Buffer.from(header, 'ascii'), Buffer.from([0xc0, 0xcd, 0xb6, 0xaf]), Buffer.from(',x,Labour\r\n', 'ascii')]));
    expect(await readCategoryFile(path)).toEqual({ ok: false, errors: [{ line: 2, code: 'NOT_UTF8', params: {} }] });
  });

  it('refuses a file over the limit before reading it', async () => {
    const path = join(folder, 'huge.csv');
    await writeFile(path, '');
    await truncate(path, MAX_CATEGORY_FILE_BYTES + 1);
    expect(await readCategoryFile(path)).toEqual({ ok: false, errors: [{ code: 'FILE_TOO_LARGE', params: { bytes: MAX_CATEGORY_FILE_BYTES + 1, maxBytes: MAX_CATEGORY_FILE_BYTES } }] });
  });
});
