import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract';
import { categoryChecksum, MAX_CATEGORY_FILE_BYTES, parseCategoryFile } from '../../../shared/domain/categories/category-dictionary';
import { createHallCore } from '../core';
import { EventBus } from '../rpc/event-bus';
import { adminPageOf, createTestHall, ManualClock, TEST_ADMIN } from '../testing/test-core';
import { seedCategoryPath } from './category-import';
import { CategoryService } from './category-service';

const SEED_TEXT = readFileSync(seedCategoryPath(), 'utf8');
const SEED = parseCategoryFile(SEED_TEXT);
if (!SEED.ok) throw new Error('the seed does not parse');
const SEED_COUNT = SEED.dictionary.entries.length;

const HEADER = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en';
/** A small dictionary: keeps 04 › 0401 › 040101 of the seed (040101 renamed), adds 0490, drops everything else. */
const SMALL_CSV = [
  HEADER,
  '04,,1,劳动社保,勞動社保,Labour and social security',
  '0401,04,2,劳动报酬,勞動報酬,Pay',
  '040101,0401,3,拖欠工资（含农民工）,拖欠工資（含農民工）,Wage arrears (migrant workers included)',
  '0490,04,2,灵活就业,靈活就業,Flexible employment',
].join('\r\n');
/** Three problems on three lines. */
const BAD_CSV = [
  HEADER,
  '04,,1,劳动社保,勞動社保,Labour',
  '0401,04,2,劳动报酬,勞動報酬,', // line 3: no English name
  '0402,09,2,社会保险,社會保險,Social insurance', // line 4: 09 is not in the file
  '04,,1,劳动,勞動,Labour again', // line 5: 04 again
].join('\n');

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function hallWithEvents(clock = new ManualClock()) {
  const hall = createTestHall({ clock });
  const events: Array<{ role: string; event: EventName; data: unknown }> = [];
  for (const role of ['kiosk', 'display', 'clerk', 'admin'] as const) hall.core.subscribe(role, (event, data) => events.push({ role, event, data }));
  return { ...hall, clock, events };
}

const count = (core: { db: ReturnType<typeof createHallCore>['db'] }, sql: string) => core.db.prepare(sql).pluck().get() as number;

describe('first start', () => {
  it('imports the shipped seed once, with its pinyin keys, and a restart keeps it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-categories-'));
    folders.push(dataDir);
    const open = () => createHallCore({ dataDir, demo: true });
    const core = open();
    const reply = core.dispatch({ id: 1, method: 'categories.get', params: {} }, adminPageOf(core));
    expect(reply.ok).toBe(true);
    const value = (reply as { value: any }).value;
    expect(value.info).toEqual({
      version: 'seed-1',
      checksum: SEED.dictionary.checksum,
      entryCount: SEED_COUNT,
      retiredCount: 0,
      source: 'seed',
      importedAt: expect.any(Number),
      importedBy: null,
    });
    expect(value.dictionary.entries).toHaveLength(SEED_COUNT);
    expect(categoryChecksum(value.dictionary.entries)).toBe(SEED.dictionary.checksum);
    expect(value.dictionary.entries.find((entry: any) => entry.code === '040101')).toMatchObject({
      names: { 'zh-CN': '拖欠工资' },
      pinyin: [{ initials: 'tqgz', full: 'tuoqiangongzi' }],
    });
    core.close();

    const again = open();
    expect(again.db.prepare('SELECT COUNT(*) FROM category_dictionaries').pluck().get()).toBe(1);
    again.close();
  });

  it('starts without a dictionary when the seed cannot be read, says so in the log, and categories.get answers NOT_FOUND', () => {
    const logged: string[] = [];
    const logger = { info() {}, warn() {}, error: (message: string) => logged.push(message) };
    const core = createHallCore({ dataDir: ':memory:', demo: true, categorySeedFile: '/nonexistent/categories.csv', logger });
    expect(logged).toEqual(['the category seed could not be read']);
    const reply = core.dispatch({ id: 1, method: 'categories.get', params: {} }, adminPageOf(core));
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '还没有内容分类字典，请管理员导入' } });
    core.close();
  });
});

describe('categories.get', () => {
  it('answers { unchanged: true } and no entries to a page holding the current checksum', () => {
    const { value } = createTestHall();
    const first = value('clerk', 'categories.get', {});
    expect(first.unchanged).toBe(false);
    const again = value('clerk', 'categories.get', { knownChecksum: first.info.checksum });
    expect(again).toEqual({ unchanged: true, info: first.info });
    const stale = value('clerk', 'categories.get', { knownChecksum: `sha256:${'0'.repeat(64)}` });
    expect(stale.dictionary.checksum).toBe(first.info.checksum);
  });

  it('is for signed-in clerks and admins only; importing is the admin’s', () => {
    const { call, dispatch } = createTestHall();
    expect(call('kiosk', 'categories.get', {}).ok).toBe(false);
    expect(dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody' }, 'categories.get', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(call('clerk', 'categories.import', { format: 'csv', text: SMALL_CSV, version: '2' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('categories.import', () => {
  it('replaces the dictionary: codes it lacks are retired, not deleted, and past records still read them', () => {
    const { value, call, core, clock, staffId } = hallWithEvents();
    clock.advance(60_000);
    const result = value('admin', 'categories.import', { format: 'csv', text: SMALL_CSV, version: '2025.1' });
    const small = parseCategoryFile(SMALL_CSV);
    expect(result).toEqual({
      info: {
        version: '2025.1',
        checksum: small.ok && small.dictionary.checksum,
        entryCount: 4,
        retiredCount: SEED_COUNT - 3,
        source: 'import',
        importedAt: clock.now(),
        // The administrator signed in on the admin page.
        importedBy: { id: staffId(TEST_ADMIN.staffNo), staffNo: TEST_ADMIN.staffNo, name: TEST_ADMIN.name },
      },
      added: 1, // 0490
      retired: SEED_COUNT - 3,
    });

    const current = value('clerk', 'categories.get', {});
    expect(current.dictionary.entries.map((entry: any) => entry.code)).toEqual(['04', '0401', '040101', '0490']);
    expect(current.dictionary.entries[2].names['zh-CN']).toBe('拖欠工资（含农民工）');
    expect(current.dictionary.entries[3].pinyin[0].initials).toBe('lhjy');

    // Every code of the seed is still stored; the dropped ones name the dictionary that retired them.
    expect(count(core, 'SELECT COUNT(*) FROM categories')).toBe(SEED_COUNT + 1);
    const service = new CategoryService(core.db, clock, new EventBus());
    const retired = service.resolve('04010101')!;
    expect(retired.retiredIn).toBe('2025.1');
    expect(retired.ancestry.map((entry) => entry.names['zh-CN'])).toEqual(['劳动社保', '劳动报酬', '拖欠工资（含农民工）', '农民工工资']);
    expect(service.resolve('020101')!.ancestry.map((entry) => entry.names['zh-CN'])).toEqual(['城乡建设', '住房', '物业管理']);
    expect(service.resolve('040101')!.retiredIn).toBeNull();
    expect(service.resolve('9999')).toBeUndefined();

    // The seed again: the retired codes come back (the renamed one takes its old name again), 0490 retires.
    const back = call('admin', 'categories.import', { format: 'csv', text: SEED_TEXT, version: '2025.2' });
    expect(back).toMatchObject({ ok: true, value: { added: SEED_COUNT - 3, retired: 1, info: { entryCount: SEED_COUNT, retiredCount: 1, checksum: SEED.dictionary.checksum } } });
    expect(service.resolve('0490')!.retiredIn).toBe('2025.2');
    expect(service.resolve('040101')!.ancestry[2]!.names['zh-CN']).toBe('拖欠工资');
    expect(count(core, 'SELECT COUNT(*) FROM category_dictionaries')).toBe(3);
  });

  it('tells every clerk and admin page, and no kiosk or display', () => {
    const { value, events } = hallWithEvents();
    const { info } = value('admin', 'categories.import', { format: 'csv', text: SMALL_CSV, version: '2025.1' });
    const changes = events.filter((e) => e.event === 'categories.changed');
    expect(changes).toEqual([
      { role: 'clerk', event: 'categories.changed', data: { checksum: info.checksum } },
      { role: 'admin', event: 'categories.changed', data: { checksum: info.checksum } },
    ]);
  });

  it('refuses a bad file with every problem at its line, in a typed error, and changes nothing', () => {
    const hall = hallWithEvents();
    const before = hall.value('admin', 'categories.get', {});
    const tables = () => [count(hall.core, 'SELECT COUNT(*) FROM category_dictionaries'), count(hall.core, 'SELECT COUNT(*) FROM categories WHERE retired_in IS NULL')];
    const counts = tables();

    const reply = hall.call('admin', 'categories.import', { format: 'csv', text: BAD_CSV, version: '2025.1' });
    expect(reply.ok).toBe(false);
    const error = (reply as { error: any }).error;
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toBe('文件有 3 处问题，未导入任何内容');
    expect(error.details).toEqual({
      problems: [
        { line: 3, field: 'name_en', code: 'EMPTY_NAME', params: {} },
        { line: 4, field: 'parent_code', code: 'UNKNOWN_PARENT', params: { parentCode: '09' } },
        { line: 5, field: 'code', code: 'DUPLICATE_CODE', params: { code: '04', firstLine: 2 } },
      ],
      params: { count: 3 },
    });
    expect(tables()).toEqual(counts);
    expect(hall.value('admin', 'categories.get', { knownChecksum: before.info.checksum })).toEqual({ unchanged: true, info: before.info });
    expect(hall.events.filter((e) => e.event === 'categories.changed')).toEqual([]);
  });

  it('keeps the version a JSON file carries, and bounds the text and the version at the boundary', () => {
    const { call } = createTestHall();
    const json = JSON.stringify({ version: '2026.1', entries: [{ code: '04', level: 1, names: { 'zh-CN': '劳动社保', 'zh-HK': '勞動社保', en: 'Labour' } }] });
    expect(call('admin', 'categories.import', { format: 'json', text: json, version: 'typed' })).toMatchObject({ ok: true, value: { info: { version: '2026.1', entryCount: 1 } } });

    expect(call('admin', 'categories.import', { format: 'csv', text: 'x'.repeat(MAX_CATEGORY_FILE_BYTES + 1), version: '1' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    // Within the character bound but over the byte limit (3 bytes a character): the import's own message.
    const wide = call('admin', 'categories.import', { format: 'csv', text: '劳'.repeat(MAX_CATEGORY_FILE_BYTES / 2), version: '1' });
    expect(wide).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID', details: { problems: [{ code: 'FILE_TOO_LARGE' }] } } });
    expect(call('admin', 'categories.import', { format: 'csv', text: SMALL_CSV, version: 'no spaces please' })).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_INVALID', details: { problems: [{ code: 'BAD_VERSION', params: { value: 'no spaces please' } }] } },
    });
  });
});
