/**
 * Finding a content category as the clerk types: by characters (simplified,
 * traditional or English), by pinyin initials (ldbc → 劳动报酬) or by full or partly
 * typed pinyin (laodong, laodbc), across every level; and browsing the tree level by
 * level. Runs in the clerk's browser on every keystroke over ~1,200 entries, so the
 * work per entry is a few string comparisons on keys prepared once per dictionary.
 *
 * Dictionaries are treated as immutable: the prepared index is kept per dictionary
 * object (a WeakMap, gone with the dictionary), so callers just pass the dictionary.
 */
import type { Language } from '../languages';
import { CATEGORY_PATH_SEPARATOR, compareCodes, MAX_CATEGORY_LEVEL, type CategoryDictionary, type CategoryEntry, type CategoryPinyin } from './category-dictionary';

/** How an entry matched, best first. */
export const CATEGORY_MATCHES = [
  /** A name in some language is the query. */
  'exactName',
  /** A name starts with the query. */
  'namePrefix',
  /** The query is the name's pinyin initials or its full pinyin. */
  'pinyinExact',
  /** The query spells the name's first syllables (initials, full or mixed: ldb, laodong, laodbc). */
  'pinyinPrefix',
  /** A name contains the query. */
  'nameSubstring',
  /** The query spells syllables further into the name (gz → 拖欠工资). */
  'pinyinSubstring',
] as const;
export type CategoryMatch = (typeof CATEGORY_MATCHES)[number];

const EXACT_NAME = 0;
const NAME_PREFIX = 1;
const PINYIN_EXACT = 2;
const PINYIN_PREFIX = 3;
const NAME_SUBSTRING = 4;
const PINYIN_SUBSTRING = 5;
const NO_MATCH = 6;

export const DEFAULT_CATEGORY_SEARCH_LIMIT = 20;
/** Longer input is cut: nobody types a 50-character category name. */
const MAX_QUERY_LENGTH = 50;
/** `spells` tracks query positions in a 32-bit mask; longer pinyin is matched as whole strings only. */
const MAX_SPELLED_LENGTH = 30;

export interface CategorySearchOptions {
  /** The language of the returned paths (matching is in every language). */
  language: Language;
  limit?: number;
}

export interface CategorySearchResult {
  entry: CategoryEntry;
  /** Names from level 1 down to the entry, in the requested language. Shared: do not change. */
  path: readonly string[];
  /** The path as one line: 劳动社保 › 劳动报酬 › 拖欠工资. */
  pathText: string;
  match: CategoryMatch;
}

type Dictionary = Pick<CategoryDictionary, 'entries'>;

interface CategoryIndex {
  /** In code order: the tree depth-first, the stable order of equal matches. */
  entries: CategoryEntry[];
  byCode: Map<string, number>;
  children: Map<string | null, CategoryEntry[]>;
  /** Per entry, its distinct names lower-cased (Latin is matched without case). */
  names: string[][];
  pinyin: CategoryPinyin[][];
  paths: Map<Language, (readonly string[] | undefined)[]>;
  pathTexts: Map<Language, (string | undefined)[]>;
  /** Scratch space for one search's scores, reused so a keystroke allocates little. */
  scores: Float64Array;
}

const indexes = new WeakMap<Dictionary, CategoryIndex>();

function indexOf(dictionary: Dictionary): CategoryIndex {
  let index = indexes.get(dictionary);
  if (index) return index;
  const entries = [...dictionary.entries].sort((a, b) => compareCodes(a.code, b.code));
  const byCode = new Map(entries.map((entry, i) => [entry.code, i]));
  const children = new Map<string | null, CategoryEntry[]>();
  for (const entry of entries) {
    const key = entry.level === 1 ? null : entry.parentCode;
    const siblings = children.get(key);
    if (siblings) siblings.push(entry);
    else children.set(key, [entry]);
  }
  index = {
    entries,
    byCode,
    children,
    names: entries.map((entry) => [...new Set([entry.names['zh-CN'], entry.names['zh-HK'], entry.names.en].map((name) => name.toLowerCase()))]),
    pinyin: entries.map((entry) => entry.pinyin ?? []),
    paths: new Map(),
    pathTexts: new Map(),
    scores: new Float64Array(entries.length),
  };
  indexes.set(dictionary, index);
  return index;
}

function pathAt(index: CategoryIndex, position: number, language: Language): readonly string[] {
  let cache = index.paths.get(language);
  if (!cache) index.paths.set(language, (cache = new Array(index.entries.length)));
  const cached = cache[position];
  if (cached) return cached;
  const path: string[] = [];
  // Bounded walk: a dictionary that did not come through the import may have a broken chain.
  let current: number | undefined = position;
  while (current !== undefined && path.length < MAX_CATEGORY_LEVEL) {
    const entry: CategoryEntry = index.entries[current]!;
    path.unshift(entry.names[language]);
    current = entry.parentCode === null ? undefined : index.byCode.get(entry.parentCode);
  }
  cache[position] = path;
  return path;
}

function pathTextAt(index: CategoryIndex, position: number, language: Language): string {
  let cache = index.pathTexts.get(language);
  if (!cache) index.pathTexts.set(language, (cache = new Array(index.entries.length)));
  return (cache[position] ??= pathAt(index, position, language).join(CATEGORY_PATH_SEPARATOR));
}

// ── Browsing ────────────────────────────────────────────────────────────────────────

export function findCategory(dictionary: Dictionary, code: string): CategoryEntry | undefined {
  const index = indexOf(dictionary);
  const position = index.byCode.get(code);
  return position === undefined ? undefined : index.entries[position];
}

/** The level-1 classes (parentCode null), or the children of one entry, in code order. */
export function categoryChildren(dictionary: Dictionary, parentCode: string | null): readonly CategoryEntry[] {
  return indexOf(dictionary).children.get(parentCode) ?? [];
}

/** The entries from level 1 down to the entry itself (for a picker to open at a saved choice); [] for an unknown code. */
export function categoryAncestry(dictionary: Dictionary, code: string): CategoryEntry[] {
  const chain: CategoryEntry[] = [];
  for (let entry = findCategory(dictionary, code); entry && chain.length < MAX_CATEGORY_LEVEL; entry = entry.parentCode === null ? undefined : findCategory(dictionary, entry.parentCode)) {
    chain.unshift(entry);
  }
  return chain;
}

/** The names from level 1 down to the entry, in one language; [] for an unknown code. */
export function categoryPath(dictionary: Dictionary, code: string, language: Language): readonly string[] {
  const index = indexOf(dictionary);
  const position = index.byCode.get(code);
  return position === undefined ? [] : pathAt(index, position, language);
}

/** 劳动社保 › 劳动报酬 › 拖欠工资; '' for an unknown code. */
export function categoryPathText(dictionary: Dictionary, code: string, language: Language): string {
  const index = indexOf(dictionary);
  const position = index.byCode.get(code);
  return position === undefined ? '' : pathTextAt(index, position, language);
}

// ── Search ──────────────────────────────────────────────────────────────────────────

/**
 * Entries matching the query, best first: exact name, name prefix, pinyin exact, pinyin
 * prefix, name substring, pinyin substring; at equal match the deeper (more specific)
 * entry first, then code order. An empty or blank query finds nothing.
 */
export function searchCategories(dictionary: Dictionary, query: string, options: CategorySearchOptions): CategorySearchResult[] {
  const limit = options.limit ?? DEFAULT_CATEGORY_SEARCH_LIMIT;
  const text = query.trim().slice(0, MAX_QUERY_LENGTH).toLowerCase();
  if (text === '' || limit <= 0) return [];

  // Pinyin is typed in Latin letters; spaces and apostrophes (xi'an) only separate syllables.
  const spelled = /^[a-z0-9'\s]+$/.test(text) ? text.replace(/['\s]+/g, '') : '';

  const index = indexOf(dictionary);
  const { scores } = index;
  let count = 0;
  for (let i = 0; i < index.entries.length; i++) {
    let rank = matchNames(index.names[i]!, text);
    if (spelled !== '' && rank > PINYIN_EXACT) rank = Math.min(rank, matchPinyin(index.pinyin[i]!, spelled));
    if (rank === NO_MATCH) continue;
    // One number sorts by match, then depth (deeper first), then code order.
    const depthOrder = MAX_CATEGORY_LEVEL - index.entries[i]!.level;
    scores[count++] = (rank * (MAX_CATEGORY_LEVEL + 1) + depthOrder) * 0x10000 + i;
  }

  const ranked = scores.subarray(0, count).sort();
  const results: CategorySearchResult[] = [];
  for (let r = 0; r < ranked.length && r < limit; r++) {
    const score = ranked[r]!;
    const position = score % 0x10000;
    results.push({
      entry: index.entries[position]!,
      path: pathAt(index, position, options.language),
      pathText: pathTextAt(index, position, options.language),
      match: CATEGORY_MATCHES[Math.floor(score / 0x10000 / (MAX_CATEGORY_LEVEL + 1))]!,
    });
  }
  return results;
}

function matchNames(names: readonly string[], query: string): number {
  let best = NO_MATCH;
  for (const name of names) {
    if (name === query) return EXACT_NAME;
    if (name.startsWith(query)) best = NAME_PREFIX;
    else if (best > NAME_SUBSTRING && name.includes(query)) best = NAME_SUBSTRING;
  }
  return best;
}

function matchPinyin(keys: readonly CategoryPinyin[], query: string): number {
  const spellable = query.length <= MAX_SPELLED_LENGTH;
  let best = NO_MATCH;
  for (const key of keys) {
    if (key.initials === query || key.full === query) return PINYIN_EXACT;
    if (key.initials.startsWith(query) || key.full.startsWith(query) || (spellable && spells(key.syllables, query, false))) best = PINYIN_PREFIX;
    else if (best > PINYIN_SUBSTRING && spellable && spells(key.syllables, query, true)) best = PINYIN_SUBSTRING;
  }
  return best;
}

/**
 * Whether the query spells consecutive syllables, each typed in full or cut short
 * after at least its first letter — so initials (ldbc), full pinyin (laodong) and any
 * mix (laodbc, ldbaochou) match alike. From the first syllable only, or from any
 * (`anywhere`). A dynamic programme over query positions held as bits: no recursion,
 * no allocation, and no blow-up on repetitive input.
 */
function spells(syllables: readonly string[], query: string, anywhere: boolean): boolean {
  const done = 1 << query.length;
  let reach = 1; // bit p set: the first p letters of the query are spelled so far
  for (let j = 0; j < syllables.length; j++) {
    const syllable = syllables[j]!;
    if (syllable === '') continue; // punctuation has no sound
    let next = 0;
    for (let bits = reach; bits !== 0; bits &= bits - 1) {
      const position = 31 - Math.clz32(bits & -bits);
      for (let k = 0; k < syllable.length && position + k < query.length && syllable.charCodeAt(k) === query.charCodeAt(position + k); k++) {
        next |= 1 << (position + k + 1);
      }
    }
    if ((next & done) !== 0) return true;
    reach = anywhere ? next | 1 : next;
    if (reach === 0) return false;
  }
  return false;
}
