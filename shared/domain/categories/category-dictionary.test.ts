import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages';
import {
  CATEGORY_IMPORT_ERROR_CODES,
  CATEGORY_NAME_FIELDS,
  categoryChecksum,
  categoryImportErrorText,
  MAX_CATEGORY_ENTRIES,
  MAX_CATEGORY_FILE_BYTES,
  parseCategoryFile,
  toCategoryCsv,
  toCategoryJson,
  type CategoryDictionary,
  type CategoryImportError,
  type CategoryImportResult,
  type TranslationCall,
} from './category-dictionary';
import { i18nResources } from '../../i18n';

const SEED_BYTES = new Uint8Array(readFileSync(new URL('../../../resources/dictionary/categories.csv', import.meta.url)));
const HEADER = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en';

function dictionaryOf(result: CategoryImportResult): CategoryDictionary {
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.errors, null, 1)}`);
  return result.dictionary;
}

function errorsOf(result: CategoryImportResult): CategoryImportError[] {
  if (result.ok) throw new Error('expected problems, got a dictionary');
  expect(result).not.toHaveProperty('dictionary'); // nothing half-imported
  return result.errors;
}

/** i18next's lookup, reduced to what these messages use: context suffix, then {{name}} interpolation. */
function render(language: (typeof LANGUAGES)[number], call: TranslationCall): string {
  const lookup = (key: string) => key.split('.').reduce<any>((node, part) => node?.[part], i18nResources[language].translation);
  const { context, ...values } = call.options;
  const template: unknown = (context !== undefined && lookup(`${call.key}_${context}`)) || lookup(call.key);
  if (typeof template !== 'string') throw new Error(`no message ${call.key} (context ${context}) in ${language}`);
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function messages(errors: CategoryImportError[], language: (typeof LANGUAGES)[number] = 'zh-CN'): string[] {
  return errors.map((error) => {
    const { location, message } = categoryImportErrorText(error);
    return (location ? render(language, location) : '') + render(language, message);
  });
}

/** The 18 first-level 内容分类 of classification-lists.csv (source S4), in its order. */
const FIRST_LEVEL_CLASSES = ['城乡建设', '国土资源水利林业', '劳动社保', '农村农业', '政法', '纪检监察', '组织人事', '民政', '教育', '卫生计生', '经济综合', '政治综合', '交通能源环保', '商贸旅游', '宣传舆论', '信息产业', '科技文体', '其它'];

describe('the seed dictionary (resources/dictionary/categories.csv)', () => {
  const seed = dictionaryOf(parseCategoryFile(SEED_BYTES));

  it('parses with no problem and is big enough to be representative', () => {
    expect(seed.entries.length).toBeGreaterThanOrEqual(250);
    expect(new Set(seed.entries.map((entry) => entry.level))).toEqual(new Set([1, 2, 3, 4]));
    for (const entry of seed.entries) {
      for (const language of LANGUAGES) expect(entry.names[language].trim(), `${entry.code} ${language}`).not.toBe('');
    }
  });

  it('has the 18 first-level classes of the public list, coded as that list numbers them (02–19)', () => {
    const firstLevel = seed.entries.filter((entry) => entry.level === 1);
    expect(firstLevel.map((entry) => entry.names['zh-CN'])).toEqual(FIRST_LEVEL_CLASSES);
    expect(firstLevel.map((entry) => entry.code)).toEqual(FIRST_LEVEL_CLASSES.map((_, i) => String(i + 2).padStart(2, '0')));
    expect(firstLevel.every((entry) => seed.entries.some((child) => child.parentCode === entry.code))).toBe(true);
  });

  it('holds the paths the clerks use most', () => {
    const names = new Map(seed.entries.map((entry) => [entry.code, entry.names['zh-CN']]));
    const path = (code: string) => [2, 4, 6, 8].filter((length) => length <= code.length).map((length) => names.get(code.slice(0, length)));
    expect(path('04010101')).toEqual(['劳动社保', '劳动报酬', '拖欠工资', '农民工工资']);
    expect(path('02010101')).toEqual(['城乡建设', '住房', '物业管理', '物业收费']);
    expect(names.get('0202')).toBe('征地拆迁');
  });

  it('has a checksum that depends on the content only', () => {
    expect(seed.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dictionaryOf(parseCategoryFile(SEED_BYTES)).checksum).toBe(seed.checksum);

    // Row order, format and version label do not change it.
    const text = new TextDecoder().decode(SEED_BYTES);
    const [header, ...rows] = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const reversed = [header, ...rows.reverse()].join('\n');
    expect(dictionaryOf(parseCategoryFile(reversed, { version: 'other' })).checksum).toBe(seed.checksum);
    expect(dictionaryOf(parseCategoryFile(toCategoryCsv(seed))).checksum).toBe(seed.checksum);
    expect(dictionaryOf(parseCategoryFile(toCategoryJson(seed))).checksum).toBe(seed.checksum);

    // One changed name does.
    const renamed = text.replace('农民工工资', '农民工工钱');
    expect(dictionaryOf(parseCategoryFile(renamed)).checksum).not.toBe(seed.checksum);
  });
});

describe('the checksum', () => {
  it('is SHA-256 of the documented canonical form, so central can compute it with any tool', () => {
    const csv = `${HEADER}\n0401,04,2,劳动报酬,勞動報酬,Pay\n04,,1,劳动社保,勞動社保,"Labour, social security"\n`;
    const dictionary = dictionaryOf(parseCategoryFile(csv));
    const canonical = 'category-dictionary/1\n04\t\t1\t劳动社保\t勞動社保\tLabour, social security\n0401\t04\t2\t劳动报酬\t勞動報酬\tPay\n';
    expect(dictionary.checksum).toBe(`sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`);
    expect(categoryChecksum([...dictionary.entries].reverse())).toBe(dictionary.checksum);
  });
});

describe('CSV import', () => {
  it('takes the columns in any order and any case, trims cells, skips blank rows, and sorts entries by code', () => {
    const csv = '\uFEFFName_EN,CODE,level,parent_code,name_zh_hk,name_zh_cn\r\n Pay ,0401,2,04,勞動報酬,劳动报酬\r\n,,,,,\r\nLabour,04,1,,勞動社保,劳动社保\r\n\r\n';
    const dictionary = dictionaryOf(parseCategoryFile(csv, { version: '2025.1' }));
    expect(dictionary.version).toBe('2025.1');
    expect(dictionary.entries).toEqual([
      { code: '04', parentCode: null, level: 1, names: { 'zh-CN': '劳动社保', 'zh-HK': '勞動社保', en: 'Labour' } },
      { code: '0401', parentCode: '04', level: 2, names: { 'zh-CN': '劳动报酬', 'zh-HK': '勞動報酬', en: 'Pay' } },
    ]);
  });

  it('reads back its own export exactly, even a name that looks like a formula', () => {
    const csv = `${HEADER}\n04,,1,劳动社保,勞動社保,Labour\n0401,04,2,劳动报酬,勞動報酬,+ overtime\n`;
    const dictionary = dictionaryOf(parseCategoryFile(csv));
    expect(toCategoryCsv(dictionary)).toContain(",'+ overtime\r\n");
    expect(dictionaryOf(parseCategoryFile(toCategoryCsv(dictionary)))).toEqual(dictionary);
  });

  it('reports every problem of a bad file, each at its line', () => {
    const lines = [
      `${HEADER},note`, //                                        1 unknown column
      '04,,1,劳动社保,勞動社保,Labour,', //                         2 fine
      '0401,04,2,劳动报酬,勞動報酬,Pay,', //                        3 fine
      '0401,04,2,工资,工資,Wages,', //                              4 duplicate code
      '040101,0409,3,拖欠工资,拖欠工資,Wage arrears,', //           5 unknown parent
      '0402,04,2,,勞動關係,Employment relations,', //               6 empty simplified name
      '4x,04,2,名,名,Name,', //                                     7 bad code
      '0403,04,5,社保,社保,Insurance,', //                          8 bad level
      '05,04,1,农村,農村,Rural,', //                                9 level 1 with a parent
      '0501,,2,土地,土地,Land,', //                                 10 no parent
      '050101,04,3,承包,承包,Contracts,', //                        11 parent at the wrong level, code not under it
      '040102,0401,4,欠薪,欠薪,Unpaid wages,', //                   12 code too short for level 4, parent level
      '0404,04,2,劳动报酬,勞動報酬（二）,Pay (2),', //              13 a sibling has this name
      '0405,04,2,甲,甲', //                                         14 too few cells, no English name
      '0406,04,2,名"称,名稱,Name,', //                              15 stray quote (the name is still read)
      '0601,0602,2,甲,甲,A,', //                                    16 a loop 0601 → 0602 → 0601
      '0602,0601,2,乙,乙,B,', //                                    17
      '0407,04,2,"名\t称",名稱三,Tab,', //                          18 control character
      ',,,,,,', //                                                  19 blank: skipped
    ];
    const errors = errorsOf(parseCategoryFile(lines.join('\r\n')));
    expect(errors).toEqual([
      { line: 1, code: 'UNKNOWN_COLUMN', params: { column: 'note', position: 7 } },
      { line: 4, field: 'code', code: 'DUPLICATE_CODE', params: { code: '0401', firstLine: 3 } },
      { line: 5, field: 'parent_code', code: 'UNKNOWN_PARENT', params: { parentCode: '0409' } },
      { line: 6, field: 'name_zh_cn', code: 'EMPTY_NAME', params: {} },
      { line: 7, field: 'code', code: 'BAD_CODE', params: { value: '4x' } },
      { line: 8, field: 'level', code: 'BAD_LEVEL', params: { value: '5' } },
      { line: 9, field: 'parent_code', code: 'LEVEL1_WITH_PARENT', params: { parentCode: '04' } },
      { line: 10, field: 'parent_code', code: 'MISSING_PARENT', params: { level: 2 } },
      { line: 11, field: 'parent_code', code: 'PARENT_LEVEL', params: { parentCode: '04', parentLevel: 1, expectedLevel: 2 } },
      { line: 11, field: 'code', code: 'CODE_NOT_UNDER_PARENT', params: { code: '050101', parentCode: '04' } },
      { line: 12, field: 'code', code: 'CODE_LEVEL_MISMATCH', params: { code: '040102', level: 4, expectedLength: 8 } },
      { line: 12, field: 'parent_code', code: 'PARENT_LEVEL', params: { parentCode: '0401', parentLevel: 2, expectedLevel: 3 } },
      { line: 13, field: 'name_zh_cn', code: 'DUPLICATE_SIBLING_NAME', params: { name: '劳动报酬', firstLine: 3 } },
      { line: 14, code: 'WRONG_CELL_COUNT', params: { expected: 7, actual: 5 } },
      { line: 14, field: 'name_en', code: 'EMPTY_NAME', params: {} },
      { line: 15, code: 'CSV_BAD_QUOTE', params: {} },
      { line: 16, field: 'parent_code', code: 'PARENT_LEVEL', params: { parentCode: '0602', parentLevel: 2, expectedLevel: 1 } },
      { line: 16, field: 'code', code: 'CODE_NOT_UNDER_PARENT', params: { code: '0601', parentCode: '0602' } },
      { line: 16, field: 'parent_code', code: 'CYCLE', params: { path: '0601 → 0602 → 0601' } },
      { line: 17, field: 'parent_code', code: 'PARENT_LEVEL', params: { parentCode: '0601', parentLevel: 2, expectedLevel: 1 } },
      { line: 17, field: 'code', code: 'CODE_NOT_UNDER_PARENT', params: { code: '0602', parentCode: '0601' } },
      { line: 18, field: 'name_zh_cn', code: 'NAME_CONTROL_CHARACTERS', params: {} },
    ]);
    // Every message renders completely, in every language.
    for (const language of LANGUAGES) for (const message of messages(errors, language)) expect(message).not.toContain('{{');
    expect(messages(errors)[2]).toBe('第 5 行：上级代码 0409 不存在');
    expect(messages(errors, 'en')[3]).toBe('Line 6: The simplified Chinese name is empty');
    expect(messages(errors, 'zh-HK')[1]).toBe('第 4 行：代碼 0401 重複，第 3 行已使用');
  });

  it('reports a missing column once, on the header, not again on every line', () => {
    const errors = errorsOf(parseCategoryFile('code,parent_code,level,name_zh_cn,name_zh_hk\n04,,1,劳动社保,勞動社保\n0401,04,2,劳动报酬,勞動報酬\n'));
    expect(errors).toEqual([{ line: 1, field: 'name_en', code: 'MISSING_COLUMN', params: { column: 'name_en' } }]);
  });

  it('reports a quote left open at the line it opened', () => {
    const errors = errorsOf(parseCategoryFile(`${HEADER}\n04,,1,劳动社保,勞動社保,"Labour\n0401,04,2,劳动报酬,勞動報酬,Pay\n`));
    expect(errors[0]).toEqual({ line: 2, code: 'CSV_UNCLOSED_QUOTE', params: {} });
  });

  it('refuses a file saved as GBK, naming the line of the first bad byte', () => {
    const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
    // 劳动 in GBK is C0 CD B6 AF.
    const bytes = new Uint8Array([...ascii(`${HEADER}\r\n04,,1,`), 0xc0, 0xcd, 0xb6, 0xaf, ...ascii(',x,Labour\r\n')]);
    expect(errorsOf(parseCategoryFile(bytes))).toEqual([{ line: 2, code: 'NOT_UTF8', params: {} }]);
  });

  it('refuses a binary file (an .xlsx workbook is a zip), an empty file and a file with no entries', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(errorsOf(parseCategoryFile(zip))).toEqual([{ code: 'NOT_TEXT', params: {} }]);
    expect(errorsOf(parseCategoryFile('\uFEFF\r\n'))).toEqual([{ code: 'FILE_EMPTY', params: {} }]);
    expect(errorsOf(parseCategoryFile(`${HEADER}\r\n`))).toEqual([{ code: 'NO_ENTRIES', params: {} }]);
  });

  it('refuses a file over the size limit without reading it', () => {
    const big = new Uint8Array(MAX_CATEGORY_FILE_BYTES + 1).fill(0x41);
    expect(errorsOf(parseCategoryFile(big))).toEqual([{ code: 'FILE_TOO_LARGE', params: { bytes: MAX_CATEGORY_FILE_BYTES + 1, maxBytes: MAX_CATEGORY_FILE_BYTES } }]);
    expect(errorsOf(parseCategoryFile('字'.repeat(MAX_CATEGORY_FILE_BYTES / 3 + 1)))[0]!.code).toBe('FILE_TOO_LARGE');
  });

  it('refuses more entries than the limit', () => {
    const rows = [HEADER];
    for (let first = 1; rows.length <= MAX_CATEGORY_ENTRIES + 1; first++) {
      const code = String(first).padStart(2, '0');
      rows.push(`${code},,1,类${code},類${code},Class ${code}`);
      for (let second = 1; second <= 99 && rows.length <= MAX_CATEGORY_ENTRIES + 1; second++) {
        const child = `${code}${String(second).padStart(2, '0')}`;
        rows.push(`${child},${code},2,项${child},項${child},Item ${child}`);
      }
    }
    expect(errorsOf(parseCategoryFile(rows.join('\n')))).toEqual([{ code: 'TOO_MANY_ENTRIES', params: { count: MAX_CATEGORY_ENTRIES + 1, max: MAX_CATEGORY_ENTRIES } }]);
    expect(dictionaryOf(parseCategoryFile(rows.slice(0, -1).join('\n'))).entries).toHaveLength(MAX_CATEGORY_ENTRIES);
  });

  it('checks the version it is given', () => {
    expect(errorsOf(parseCategoryFile(`${HEADER}\n04,,1,劳动社保,勞動社保,Labour\n`, { version: 'v 1/2' }))).toEqual([{ code: 'BAD_VERSION', params: { value: 'v 1/2' } }]);
  });
});

describe('JSON import', () => {
  const labour = { code: '04', parentCode: null, level: 1, names: { 'zh-CN': '劳动社保', 'zh-HK': '勞動社保', en: 'Labour' } };
  const pay = { code: '0401', parentCode: '04', level: 2, names: { 'zh-CN': '劳动报酬', 'zh-HK': '勞動報酬', en: 'Pay' } };

  it('reads an array of entries, or { version, entries }', () => {
    const fromArray = dictionaryOf(parseCategoryFile(JSON.stringify([pay, labour]), { version: 'central-7' }));
    expect(fromArray.entries.map((entry) => entry.code)).toEqual(['04', '0401']);
    expect(fromArray.version).toBe('central-7');

    const fromObject = dictionaryOf(parseCategoryFile(JSON.stringify({ version: 12, entries: [labour, { ...pay, parentCode: '04' }] })));
    expect(fromObject.version).toBe('12');
    expect(fromObject.checksum).toBe(fromArray.checksum);
    // A level-1 entry may leave its parent out.
    const { parentCode: _none, ...withoutParent } = labour;
    expect(dictionaryOf(parseCategoryFile(JSON.stringify([withoutParent, pay]))).checksum).toBe(fromArray.checksum);
  });

  it('verifies a checksum the file carries', () => {
    const dictionary = dictionaryOf(parseCategoryFile(JSON.stringify([labour, pay])));
    const exported = toCategoryJson({ ...dictionary, version: '2025.2' });
    expect(dictionaryOf(parseCategoryFile(exported))).toEqual({ ...dictionary, version: '2025.2' });

    const tampered = exported.replace('"Pay"', '"Wages"');
    expect(errorsOf(parseCategoryFile(tampered))).toEqual([
      { code: 'CHECKSUM_MISMATCH', params: { expected: dictionary.checksum, actual: expect.stringMatching(/^sha256:/) } },
    ]);
    expect(errorsOf(parseCategoryFile(JSON.stringify({ checksum: 'md5:x', entries: [labour] })))).toEqual([{ code: 'BAD_CHECKSUM', params: { value: 'md5:x' } }]);
  });

  it('reports syntax and shape problems of the file', () => {
    expect(errorsOf(parseCategoryFile('[{"code": "04",]'))).toEqual([{ code: 'JSON_SYNTAX', params: {} }]);
    expect(errorsOf(parseCategoryFile('{"items": []}'))).toEqual([{ code: 'JSON_SHAPE', params: {} }]);
    expect(errorsOf(parseCategoryFile('"04"', { format: 'json' }))).toEqual([{ code: 'JSON_SHAPE', params: {} }]);
    expect(errorsOf(parseCategoryFile(JSON.stringify({ version: 'bad version', entries: [labour], note: 1 })))).toEqual([
      { code: 'UNKNOWN_FIELD', params: { name: 'note' } },
      { code: 'BAD_VERSION', params: { value: 'bad version' } },
    ]);
  });

  it('reports every problem of the entries by their index', () => {
    const entries = [
      42,
      { ...labour, note: 'x' },
      { code: '0401', parentCode: '04', level: '2', names: { 'zh-CN': '劳动报酬', 'zh-HK': '勞動報酬', fr: 'Salaire' } },
      { ...pay, code: '04', level: 1, parentCode: null, names: { ...pay.names, 'zh-CN': '劳动社保' } },
    ];
    const errors = errorsOf(parseCategoryFile(JSON.stringify(entries)));
    expect(errors).toEqual([
      { entry: 0, code: 'NOT_AN_OBJECT', params: {} },
      { entry: 1, code: 'UNKNOWN_FIELD', params: { name: 'note' } },
      { entry: 2, code: 'UNKNOWN_FIELD', params: { name: 'names.fr' } },
      { entry: 2, field: 'level', code: 'BAD_LEVEL', params: { value: '"2"' } },
      { entry: 2, field: 'name_en', code: 'EMPTY_NAME', params: {} },
      { entry: 3, field: 'code', code: 'DUPLICATE_CODE', params: { code: '04', firstEntry: 1 } },
    ]);
    expect(messages(errors)).toContain('entries[3]：代码 04 重复，entries[1] 已使用');
    for (const language of LANGUAGES) for (const message of messages(errors, language)) expect(message).not.toContain('{{');
  });
});

describe('the import messages', () => {
  it('has a message for every error code, and every context the code passes', () => {
    const errors = i18nResources['zh-CN'].translation.categories.import.errors as Record<string, string>;
    for (const code of CATEGORY_IMPORT_ERROR_CODES) expect(errors[code], code).toBeDefined();
    for (const code of ['EMPTY_NAME', 'NAME_TOO_LONG', 'NAME_CONTROL_CHARACTERS']) {
      for (const field of Object.values(CATEGORY_NAME_FIELDS)) expect(errors[`${code}_${field}`], `${code}_${field}`).toBeDefined();
    }
    for (const code of ['DUPLICATE_CODE', 'DUPLICATE_SIBLING_NAME']) expect(errors[`${code}_json`]).toBeDefined();
  });
});
