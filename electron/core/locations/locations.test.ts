import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCATION_CSV_COLUMNS, type RpcReply } from '../../../shared/contract';
import { LOCATION_FILE_COLUMNS, parseLocationFile } from '../../../shared/domain/location-list';
import { createHallCore } from '../core';
import { adminPageOf, createTestHall } from '../testing/test-core';
import { silentLogger } from '../ports';
import { LocationService, seedLocationPath } from './location-service';

const HEADER = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

type Hall = ReturnType<typeof createTestHall>;
const rows = (hall: Hall) => hall.core.db.prepare('SELECT code, active FROM locations ORDER BY code').all();

describe('the shipped demo list', () => {
  it('is the six streets of 光明区, each with three to five communities, named in the three languages', () => {
    const parsed = parseLocationFile(readFileSync(seedLocationPath(), 'utf8'), 'csv');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const streets = parsed.entries.filter((entry) => entry.level === 'street');
    expect(streets.map((street) => street.names['zh-CN'])).toEqual(['光明街道', '公明街道', '新湖街道', '凤凰街道', '玉塘街道', '马田街道']);
    for (const street of streets) {
      const communities = parsed.entries.filter((entry) => entry.parentCode === street.code);
      expect(communities.length, street.code).toBeGreaterThanOrEqual(3);
      expect(communities.length, street.code).toBeLessThanOrEqual(5);
    }
    expect(parsed.entries.find((entry) => entry.code === 'fenghuang-dongkeng')?.names).toEqual({ 'zh-CN': '东坑社区', 'zh-HK': '東坑社區', en: 'Dongkeng Community' });
    // The file's columns are the contract's.
    expect([...LOCATION_FILE_COLUMNS]).toEqual([...LOCATION_CSV_COLUMNS]);
  });

  it('is loaded at the first start, streets in file order each followed by its communities', () => {
    const hall = createTestHall();
    const { locations } = hall.value('clerk', 'locations.list', {});
    expect(locations.slice(0, 3)).toEqual([
      { code: 'guangming', parentCode: null, level: 'street', name: { 'zh-CN': '光明街道', 'zh-HK': '光明街道', en: 'Guangming Subdistrict' }, active: true },
      expect.objectContaining({ code: 'guangming-guangming', parentCode: 'guangming', level: 'community' }),
      expect.objectContaining({ code: 'guangming-dongzhou', parentCode: 'guangming' }),
    ]);
    let street = '';
    for (const location of locations) {
      if (location.level === 'street') street = location.code;
      else expect(location.parentCode).toBe(street);
    }
    expect(locations.filter((l: { level: string }) => l.level === 'street')).toHaveLength(6);
  });

  it('leaves a site without a list when the seed cannot be read, and says so in the log', () => {
    const logged: string[] = [];
    const logger = { info: () => undefined, warn: () => undefined, error: (message: string) => void logged.push(message) };
    const core = createHallCore({ dataDir: ':memory:', demo: true, logger, locationSeedFile: '/nonexistent/locations.csv' });
    const reply = core.dispatch({ id: 1, method: 'locations.list', params: {} }, adminPageOf(core));
    expect(reply).toMatchObject({ ok: true, value: { locations: [] } });
    expect(logged).toContain('the location seed could not be read');
    core.close();
  });
});

describe('locations.import', () => {
  it("replaces the list: codes the new list lacks are retired, never deleted, and a code back in a list is active again", () => {
    const hall = createTestHall();
    const before = rows(hall).length;
    const result = hall.value('admin', 'locations.import', {
      format: 'csv',
      content: csv('matian,,street,马田街道,馬田街道,Matian Subdistrict', 'matian-jiangshi,matian,community,将石社区,將石社區,Jiangshi Community', 'matian-new,matian,community,新社区,新社區,New Community'),
    });
    expect(result).toEqual({ count: 3, retired: before - 2 });
    expect(rows(hall)).toHaveLength(before + 1);
    const list = hall.value('admin', 'locations.list', {}).locations;
    // The current list first, in file order; the retired after the active ones of their street.
    expect(list.slice(0, 3).map((l: { code: string; active: boolean }) => [l.code, l.active])).toEqual([
      ['matian', true],
      ['matian-jiangshi', true],
      ['matian-new', true],
    ]);
    expect(list.find((l: { code: string }) => l.code === 'guangming-dongzhou')).toMatchObject({ active: false, name: { 'zh-CN': '东周社区' } });
    expect(list).toHaveLength(before + 1);

    const back = hall.value('admin', 'locations.import', { format: 'json', content: JSON.stringify([{ code: 'guangming', parent_code: '', level: 'street', name_zh_cn: '光明街道', name_zh_hk: '光明街道', name_en: 'Guangming' }]) });
    expect(back).toEqual({ count: 1, retired: 3 });
    expect(hall.value('admin', 'locations.list', {}).locations[0]).toEqual({
      code: 'guangming',
      parentCode: null,
      level: 'street',
      name: { 'zh-CN': '光明街道', 'zh-HK': '光明街道', en: 'Guangming' },
      active: true,
    });
    // The next start finds a list: the seed does not come back over the hall's own.
    expect(new LocationService(hall.core.db).seedIfEmpty(seedLocationPath(), silentLogger)).toBe(false);
    expect(rows(hall).filter((row: any) => row.active === 1)).toEqual([{ code: 'guangming', active: 1 }]);
  });

  it('refuses a file with problems, every one with its line, and changes nothing', () => {
    const hall = createTestHall();
    const before = rows(hall);
    const content = csv(
      'guangming,,street,光明街道,光明街道,Guangming', // 2: fine
      'guangming-a,guangming,community,甲社区,甲社區,A', // 3: fine
      'guangming-a,guangming,community,乙社区,乙社區,B', // 4: the same code again
      'orphan,nowhere,community,孤社区,孤社區,Orphan', // 5: its street is not in the file
      'under-community,guangming-a,community,丙社区,丙社區,C', // 6: a community under a community
      'street2,guangming,street,二街道,二街道,Street 2', // 7: a street with a parent
      'bad code!,,street,坏街道,壞街道,Bad', // 8: the code
      'x,,town,镇,鎮,Town', // 9: the level
      'y,guangming,community,,乙,', // 10: two empty names
      'z,,street,光明', // 11: too few cells, so two names missing
    );
    const refused = errorOf(hall.call('admin', 'locations.import', { format: 'csv', content }));
    expect(refused).toMatchObject({ code: 'IMPORT_INVALID', message: '文件有 11 处问题，未导入任何内容' });
    const problems = (refused?.details as { problems: { line: number; code: string; field?: string }[] }).problems;
    expect(problems.map(({ line, code, field }) => [line, code, field])).toEqual([
      [4, 'DUPLICATE_CODE', 'code'],
      [5, 'UNKNOWN_PARENT', 'parent_code'],
      [6, 'PARENT_NOT_STREET', 'parent_code'],
      [7, 'STREET_WITH_PARENT', 'parent_code'],
      [8, 'BAD_CODE', 'code'],
      [9, 'BAD_LEVEL', 'level'],
      [10, 'EMPTY_NAME', 'name_zh_cn'],
      [10, 'EMPTY_NAME', 'name_en'],
      [11, 'WRONG_CELL_COUNT', undefined],
      [11, 'EMPTY_NAME', 'name_zh_hk'],
      [11, 'EMPTY_NAME', 'name_en'],
    ]);
    expect(rows(hall)).toEqual(before);
  });

  it('says what is wrong with the file as a whole, CSV or JSON', () => {
    const hall = createTestHall();
    const problemsOf = (format: 'csv' | 'json', content: string) =>
      ((errorOf(hall.call('admin', 'locations.import', { format, content }))?.details as { problems: unknown[] }).problems);
    expect(problemsOf('csv', '  \n')).toEqual([{ code: 'FILE_EMPTY', params: {} }]);
    expect(problemsOf('csv', 'code,level,name\n')).toEqual([
      { line: 1, code: 'UNKNOWN_COLUMN', params: { column: 'name', position: 3 } },
      { line: 1, code: 'MISSING_COLUMN', params: { column: 'parent_code' }, field: 'parent_code' },
      { line: 1, code: 'MISSING_COLUMN', params: { column: 'name_zh_cn' }, field: 'name_zh_cn' },
      { line: 1, code: 'MISSING_COLUMN', params: { column: 'name_zh_hk' }, field: 'name_zh_hk' },
      { line: 1, code: 'MISSING_COLUMN', params: { column: 'name_en' }, field: 'name_en' },
      { code: 'NO_ENTRIES', params: {} },
    ].sort((a, b) => (a.line ?? -1) - (b.line ?? -1)));
    expect(problemsOf('json', '{"code":')).toEqual([{ code: 'JSON_SYNTAX', params: {} }]);
    expect(problemsOf('json', '{"entries":[]}')).toEqual([{ code: 'JSON_SHAPE', params: {} }]);
    expect(problemsOf('json', '[1, {"code":"a","level":"street","name_zh_cn":"甲","name_zh_hk":"甲","name_en":"A","extra":1}]')).toEqual([
      { entry: 0, code: 'NOT_AN_OBJECT', params: {} },
      { entry: 1, code: 'UNKNOWN_FIELD', params: { name: 'extra' } },
    ]);
  });

  it('is for the admin only; a clerk reads the list', () => {
    const hall = createTestHall();
    expect(errorOf(hall.call('clerk', 'locations.import', { format: 'csv', content: csv('a,,street,甲,甲,A') }))?.code).toBe('FORBIDDEN');
    expect(errorOf(hall.call('kiosk', 'locations.list', {}))?.code).toBe('FORBIDDEN');
    expect(hall.value('clerk', 'locations.list', {}).locations.length).toBeGreaterThan(20);
  });
});
