/**
 * The page's copy of the content-category dictionary (~100–250 KB with its pinyin keys):
 * kept in memory and in localStorage by checksum, so a reload or a reconnection asks
 * categories.get with `knownChecksum` and gets the entries again only when they changed.
 */
import type { CategoryDictionaryInfo, HallClient } from '../../../shared/contract';
import { categoryChecksum, categoryDictionarySchema, type CategoryDictionary } from '../../../shared/domain/categories/category-dictionary';

export const CATEGORY_CACHE_KEY = 'hall.categories';

export interface LoadedCategories {
  info: CategoryDictionaryInfo;
  /** The same object for as long as the dictionary is unchanged (category-search keeps its index per object). */
  dictionary: CategoryDictionary;
}

/** What the cache needs of window.localStorage. */
export type CategoryCacheStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class CategoryCache {
  /** undefined: storage not read yet. */
  private held: CategoryDictionary | null | undefined;

  constructor(private readonly storage: CategoryCacheStorage | null) {}

  async load(client: Pick<HallClient, 'call'>): Promise<LoadedCategories> {
    const held = this.stored();
    const reply = await client.call('categories.get', held ? { knownChecksum: held.checksum } : {});
    if (reply.unchanged) {
      // The core answers "unchanged" only to the checksum sent, so `held` is that copy.
      if (!held) throw new Error('categories.get answered unchanged without a checksum');
      return { info: reply.info, dictionary: held };
    }
    this.keep(reply.dictionary);
    return { info: reply.info, dictionary: reply.dictionary };
  }

  private stored(): CategoryDictionary | null {
    if (this.held !== undefined) return this.held;
    this.held = null;
    try {
      const raw = this.storage?.getItem(CATEGORY_CACHE_KEY);
      if (!raw) return null;
      const parsed = categoryDictionarySchema.safeParse(JSON.parse(raw));
      // A copy that does not hash to its own checksum (cut short, edited by hand) is not used.
      if (parsed.success && categoryChecksum(parsed.data.entries) === parsed.data.checksum) return (this.held = parsed.data);
      this.storage?.removeItem(CATEGORY_CACHE_KEY);
    } catch {
      // Unreadable storage or JSON: load the dictionary afresh.
    }
    return null;
  }

  private keep(dictionary: CategoryDictionary): void {
    this.held = dictionary;
    try {
      this.storage?.setItem(CATEGORY_CACHE_KEY, JSON.stringify(dictionary));
    } catch {
      // Storage full or disabled: the copy in memory still serves this page.
    }
  }
}
