import { describe, expect, it } from 'vitest';
import { createHallClient, type CategoryDictionaryInfo, type RpcReply, type RpcRequest } from '../../../shared/contract';
import { categoryChecksum, type CategoryEntry } from '../../../shared/domain/categories/category-dictionary';
import { CATEGORY_CACHE_KEY, CategoryCache } from './category-cache';

const ENTRIES: CategoryEntry[] = [
  { code: '04', parentCode: null, level: 1, names: { 'zh-CN': '劳动社保', 'zh-HK': '勞動社保', en: 'Labour' }, pinyin: [{ syllables: ['lao', 'dong', 'she', 'bao'], full: 'laodongshebao', initials: 'ldsb' }] },
];
const DICTIONARY = { version: '2025.1', checksum: categoryChecksum(ENTRIES), entries: ENTRIES };
const INFO: CategoryDictionaryInfo = { version: '2025.1', checksum: DICTIONARY.checksum, entryCount: 1, retiredCount: 0, source: 'import', importedAt: 1, importedBy: null };

/** A hub holding DICTIONARY, answering categories.get as the core does. */
function hub() {
  const sent: unknown[] = [];
  const client = createHallClient({
    request: async (request: RpcRequest): Promise<RpcReply> => {
      sent.push(request.params);
      const known = (request.params as { knownChecksum?: string }).knownChecksum;
      return { id: request.id, ok: true, value: known === INFO.checksum ? { unchanged: true, info: INFO } : { unchanged: false, info: INFO, dictionary: DICTIONARY } };
    },
    onPush: () => () => {},
  });
  return { client, sent };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
}

describe('CategoryCache', () => {
  it('loads the dictionary once, then asks with its checksum and keeps the same object', async () => {
    const { client, sent } = hub();
    const storage = memoryStorage();
    const cache = new CategoryCache(storage);
    const first = await cache.load(client);
    expect(first.dictionary).toEqual(DICTIONARY);
    const second = await cache.load(client);
    expect(second.dictionary).toBe(first.dictionary);
    expect(sent).toEqual([{}, { knownChecksum: DICTIONARY.checksum }]);

    // A reloaded page starts from the stored copy.
    const reloaded = hub();
    expect((await new CategoryCache(storage).load(reloaded.client)).dictionary).toEqual(DICTIONARY);
    expect(reloaded.sent).toEqual([{ knownChecksum: DICTIONARY.checksum }]);
  });

  it('does not trust a stored copy that does not hash to its checksum, nor unreadable storage', async () => {
    const tampered = { ...DICTIONARY, entries: [{ ...ENTRIES[0]!, names: { ...ENTRIES[0]!.names, 'zh-CN': '改过' } }] };
    const storage = memoryStorage({ [CATEGORY_CACHE_KEY]: JSON.stringify(tampered) });
    const { client, sent } = hub();
    expect((await new CategoryCache(storage).load(client)).dictionary.entries[0]!.names['zh-CN']).toBe('劳动社保');
    expect(sent).toEqual([{}]);

    const broken = { getItem: () => '{not json', setItem: () => { throw new Error('quota'); }, removeItem: () => {} };
    expect((await new CategoryCache(broken).load(hub().client)).info).toEqual(INFO);
  });
});
