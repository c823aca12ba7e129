/**
 * How names and case content are cut into search tokens (docs/search.md).
 *
 * Text is compared in one normal form: NFKC (full-width letters and digits become
 * ordinary ones), lower case, split into words at white space. Every character of a
 * word and every pair of neighbouring characters is a token ("王丽" → 王, 丽, 王丽), so
 * a query of one or two characters is answered by one token exactly, and a longer one
 * by all its pairs, the candidates then checked against the text itself (searchHas).
 *
 * A token reaches FTS5 spelled as the base-36 code points of its characters, four
 * digits each: only [0-9a-z], so nothing a user types is ever read as FTS5 query
 * syntax (quotes, *, NEAR, parentheses) and the `ascii` tokenizer keeps each token whole.
 */

/** The normal form: NFKC, lower case, words split at white space. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/u)
    .filter((word) => word.length > 0);
}

const CODE_POINT_DIGITS = 4; // 36^4 > 0x10FFFF: every code point fits
/** Spellings already made (a hall's texts use a few thousand characters); bounded, whatever is typed. */
const spellings = new Map<number, string>();
const MAX_SPELLINGS = 50_000;

function spell(character: string): string {
  const codePoint = character.codePointAt(0)!;
  let spelled = spellings.get(codePoint);
  if (spelled === undefined) {
    spelled = codePoint.toString(36).padStart(CODE_POINT_DIGITS, '0');
    if (spellings.size < MAX_SPELLINGS) spellings.set(codePoint, spelled);
  }
  return spelled;
}

/** The tokens of a text: each character and each neighbouring pair of every word, once each, space-separated. */
export function searchTokens(...texts: readonly (string | null | undefined)[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of searchWords(text)) {
      let previous = '';
      // By code point: a rare name character outside the BMP is one character.
      for (const character of word) {
        const spelled = spell(character);
        tokens.add(spelled);
        if (previous) tokens.add(previous + spelled);
        previous = spelled;
      }
    }
  }
  return [...tokens].join(' ');
}

export interface TokenQuery {
  /** The FTS5 MATCH expression: every token of every word, quoted (implicit AND). */
  match: string;
  /** The words of three or more characters: their pairs can all be present without the word, so candidates are checked. */
  check: string[];
}

/** A query as tokens: a one-character word by itself, a longer one by its pairs. null when the query has no word. */
export function tokenQuery(query: string): TokenQuery | null {
  const words = searchWords(query);
  if (words.length === 0) return null;
  const tokens = new Set<string>();
  for (const word of words) {
    const characters = [...word].map(spell);
    if (characters.length === 1) tokens.add(characters[0]!);
    for (let i = 0; i + 1 < characters.length; i++) tokens.add(characters[i]! + characters[i + 1]!);
  }
  return {
    match: [...tokens].map((token) => `"${token}"`).join(' '),
    check: words.filter((word) => [...word].length >= 3),
  };
}

/** Whether the text, in the normal form, holds every word (each within one of its words). */
export function searchHas(text: string | null, words: readonly string[]): boolean {
  if (text === null) return false;
  const own = searchWords(text);
  return words.every((word) => own.some((candidate) => candidate.includes(word)));
}
