/**
 * The pinyin search keys of the category dictionary, computed once when a dictionary is
 * imported (pinyin-pro is ~300 KB of data: it stays in the core, the clerk's page gets
 * the keys with the dictionary and searches with shared/domain/categories/category-search).
 *
 * pinyin-pro reads simplified text with word context, so polyphonic characters come out
 * right (重庆 chong qing, 银行 yin hang, 会计 kuai ji). Its traditional mode has no word
 * context (銀行 would be yin xing), so a traditional name that corresponds character
 * by character to the simplified one borrows the simplified reading wherever that is one
 * of the traditional character's own readings.
 */
import { pinyin } from 'pinyin-pro';
import type { CategoryDictionary, CategoryEntry, CategoryPinyin } from '../../../shared/domain/categories/category-dictionary';

const ASCII_LETTER_OR_DIGIT = /^[0-9A-Za-z]$/;

/**
 * Readings pinyin-pro gets wrong in this dictionary's words (found by reading the seed's
 * keys; extend when an imported list shows more). Applied wherever the word occurs.
 */
const READING_CORRECTIONS: Record<string, string> = {
  执行: 'zhi xing', // 执行款 came out zhi hang
  執行: 'zhi xing',
  頻: 'pin', // 寬頻 came out kuan bin
  車: 'che', // read ju (a chess piece) without context
};

/** One syllable per character: pinyin for Chinese, a letter or digit for itself, '' for the rest. */
function syllablesOf(name: string, traditional: boolean): string[] {
  const syllables = pinyin(name, { toneType: 'none', type: 'all', v: true, traditional }).map((character) => {
    if (character.isZh && character.pinyin) return character.pinyin.toLowerCase();
    return ASCII_LETTER_OR_DIGIT.test(character.origin) ? character.origin.toLowerCase() : '';
  });
  return corrected(Array.from(name), syllables);
}

function corrected(characters: string[], syllables: string[]): string[] {
  for (const [word, reading] of Object.entries(READING_CORRECTIONS)) {
    const wordCharacters = Array.from(word);
    const readings = reading.split(' ');
    for (let start = 0; start + wordCharacters.length <= characters.length; start++) {
      if (wordCharacters.every((character, k) => characters[start + k] === character)) {
        readings.forEach((syllable, k) => (syllables[start + k] = syllable));
      }
    }
  }
  return syllables;
}

function keysOf(syllables: string[]): CategoryPinyin {
  return {
    syllables,
    full: syllables.join(''),
    initials: syllables.map((syllable) => syllable.charAt(0)).join(''),
  };
}

/** Every reading of one character, without tones. */
function readingsOf(character: string): string[] {
  return pinyin(character, { toneType: 'none', type: 'array', multiple: true, v: true });
}

/** The pinyin keys of a simplified Chinese name, read in context. */
export function simplifiedNamePinyin(name: string): CategoryPinyin {
  return keysOf(syllablesOf(name, false));
}

/**
 * The pinyin keys of a traditional name. Where it matches the simplified name character
 * for character, each character takes the simplified reading if that is one of its own
 * (銀行 ↔ 银行: yin hang; but 資 ↔ 信 in 資訊 for 信息 are different words). Elsewhere
 * (a differently worded name) a polyphonic character prefers a reading the simplified
 * name uses somewhere (駕駛執照與車輛 beside 驾驶证与车辆: 車 che).
 */
export function traditionalNamePinyin(name: string, simplifiedName: string, simplified: CategoryPinyin): CategoryPinyin {
  const own = syllablesOf(name, true);
  const characters = Array.from(name);
  const counterpart = Array.from(simplifiedName);
  const aligned = characters.length === counterpart.length;
  const simplifiedReadings = new Set(simplified.syllables);
  const syllables = characters.map((character, i) => {
    if (aligned) {
      const reading = simplified.syllables[i] ?? '';
      if (character === counterpart[i]) return reading;
      if (reading !== '' && readingsOf(character).includes(reading)) return reading;
    }
    if (own[i] === '' || simplifiedReadings.has(own[i]!)) return own[i]!;
    return readingsOf(character).find((reading) => simplifiedReadings.has(reading)) ?? own[i]!;
  });
  return keysOf(corrected(characters, syllables));
}

/** The entry's search keys: the simplified name's, then the traditional name's if it reads differently. */
export function entryPinyin(entry: CategoryEntry): CategoryPinyin[] {
  const simplified = simplifiedNamePinyin(entry.names['zh-CN']);
  const traditional = traditionalNamePinyin(entry.names['zh-HK'], entry.names['zh-CN'], simplified);
  return traditional.syllables.join(' ') === simplified.syllables.join(' ') ? [simplified] : [simplified, traditional];
}

/** The dictionary with search keys on every entry (content and checksum unchanged). */
export function withPinyin(dictionary: CategoryDictionary): CategoryDictionary {
  return { ...dictionary, entries: dictionary.entries.map((entry) => ({ ...entry, pinyin: entryPinyin(entry) })) };
}
