import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CATEGORY_FILE_BYTES } from '../../shared/domain/categories/category-dictionary';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.stop();
});

const HEADER = 'code,parent_code,level,name_zh_cn,name_zh_hk,name_en';
const GOOD_CSV = `\uFEFF${[HEADER, '04,,1,劳动社保,勞動社保,Labour and social security', '0401,04,2,劳动报酬,勞動報酬,Pay', '040101,0401,3,拖欠工资,拖欠工資,Wage arrears'].join('\r\n')}\r\n`;
const BAD_CSV = [HEADER, '04,,1,劳动社保,勞動社保,Labour', '0401,04,5,劳动报酬,勞動報酬,Pay', '0402,0409,2,社会保险,社會保險,Social insurance'].join('\n');

describe('the category dictionary over HTTP', () => {
  it('refuses a bad CSV with every problem by line, changing nothing; takes a good one; a signed-in clerk gets it', async () => {
    const seed = (await api(host.url, 'admin', 'categories.get', {})).body.value;
    expect(seed.info).toMatchObject({ source: 'seed', version: 'seed-1', entryCount: seed.dictionary.entries.length });

    const bad = await api(host.url, 'admin', 'categories.import', { format: 'csv', text: BAD_CSV, version: '2025.1' }, { 'Accept-Language': 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({
      code: 'IMPORT_INVALID',
      message: 'Nothing was imported: the file has problems (2)',
      details: {
        problems: [
          { line: 3, field: 'level', code: 'BAD_LEVEL', params: { value: '5' } },
          { line: 4, field: 'parent_code', code: 'UNKNOWN_PARENT', params: { parentCode: '0409' } },
        ],
        params: { count: 2 },
      },
    });
    const unchanged = (await api(host.url, 'admin', 'categories.get', { knownChecksum: seed.info.checksum })).body.value;
    expect(unchanged).toEqual({ unchanged: true, info: seed.info });

    const good = await api(host.url, 'admin', 'categories.import', { format: 'csv', text: GOOD_CSV, version: '2025.1' });
    expect(good.status).toBe(200);
    expect(good.body.value).toMatchObject({ info: { version: '2025.1', entryCount: 3, source: 'import' }, added: 0, retired: seed.info.entryCount - 3 });
    expect(good.body.value.info.checksum).not.toBe(seed.info.checksum);

    // A clerk needs to be signed in; then gets the new dictionary, or just "unchanged" for the copy held.
    expect((await api(host.url, 'clerk', 'categories.get', {})).status).toBe(401);
    const clerk = await signInHeaders(host.url, '1001');
    const fresh = (await api(host.url, 'clerk', 'categories.get', { knownChecksum: seed.info.checksum }, clerk)).body.value;
    expect(fresh.unchanged).toBe(false);
    expect(fresh.dictionary.checksum).toBe(good.body.value.info.checksum);
    expect(fresh.dictionary.entries.map((entry: { code: string; pinyin: Array<{ initials: string }> }) => [entry.code, entry.pinyin[0]!.initials])).toEqual([
      ['04', 'ldsb'],
      ['0401', 'ldbc'],
      ['040101', 'tqgz'],
    ]);
    const held = (await api(host.url, 'clerk', 'categories.get', { knownChecksum: fresh.dictionary.checksum }, clerk)).body.value;
    expect(held).toEqual({ unchanged: true, info: fresh.info });
    expect((await api(host.url, 'clerk', 'categories.import', { format: 'csv', text: GOOD_CSV, version: '2' }, clerk)).status).toBe(403);
  });

  it('takes a dictionary file of the largest size the import allows through the HTTP mirror', async () => {
    // Nearly 2 MiB (trailing blanks a spreadsheet might leave): the host's body limit must not refuse what the contract accepts.
    const text = `${HEADER}\n04,,1,劳动社保,勞動社保,Labour\n${' '.repeat(MAX_CATEGORY_FILE_BYTES - 200)}`;
    const reply = await api(host.url, 'admin', 'categories.import', { format: 'csv', text, version: 'big' });
    expect(reply.status).toBe(200);
    expect(reply.body.value.info).toMatchObject({ version: 'big', entryCount: 1 });
  });
});
