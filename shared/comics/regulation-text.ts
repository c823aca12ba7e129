/**
 * The 《信访工作条例》 as data, for checking what a comic panel says against the
 * regulation's own words (comic-pack-validation.ts).
 *
 * The text (comics/信访工作条例-2022.txt, a copy of the project's domain folder) is
 * one block per line group: `第N条 …` starts an article, `第N章 …` a chapter; within an
 * article the blank-line separated blocks are its paragraphs (款), except blocks that
 * start with an item number `（一）`, which are items (项) of the paragraph before them —
 * the way the regulation itself is cited ("第二十二条第一款第（一）项").
 */

export interface RegulationParagraph {
  /** The paragraph's own text and its items, joined by newlines. */
  text: string;
  /** The items of the paragraph (（一）…), each with its `（一）` prefix. */
  items: string[];
}

export interface RegulationArticle {
  number: number;
  paragraphs: RegulationParagraph[];
}

export type Regulation = ReadonlyMap<number, RegulationArticle>;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral below 10 000 (`十五` 15, `二十二` 22, `三十` 30, `一百零五` 105), or null. */
export function chineseNumeralValue(numeral: string): number | null {
  if (!numeral) return null;
  let total = 0;
  let digit: number | null = null;
  for (const char of numeral) {
    if (char in DIGITS) {
      if (digit !== null && digit !== 0) return null;
      digit = DIGITS[char]!;
    } else if (char in UNITS) {
      total += (digit ?? 1) * UNITS[char]!;
      digit = null;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}

const ARTICLE = /^第([一二三四五六七八九十百零]+)条[\s\u3000]*/;
const CHAPTER = /^第[一二三四五六七八九十]+章/;
const ITEM = /^（[一二三四五六七八九十]+）/;

/** Parses the regulation's text into its articles, paragraphs and items. */
export function parseRegulation(text: string): Map<number, RegulationArticle> {
  const articles = new Map<number, RegulationArticle>();
  let current: RegulationArticle | null = null;
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  for (const block of blocks) {
    if (CHAPTER.test(block)) {
      current = null;
      continue;
    }
    const start = ARTICLE.exec(block);
    if (start) {
      const number = chineseNumeralValue(start[1]!);
      if (number === null) throw new Error(`cannot read the article number of «${block.slice(0, 20)}»`);
      current = { number, paragraphs: [{ text: block.slice(start[0].length), items: [] }] };
      articles.set(number, current);
      continue;
    }
    if (!current) continue; // the title and dates before the first article, chapter titles
    const paragraph = current.paragraphs.at(-1)!;
    if (ITEM.test(block)) {
      paragraph.items.push(block);
      paragraph.text += `\n${block}`;
    } else {
      current.paragraphs.push({ text: block, items: [] });
    }
  }
  return articles;
}

export interface QuoteReference {
  article: number;
  paragraph?: number | undefined;
  item?: number | undefined;
  quote: string;
}

/** Where a quote is found in an article: "paragraph 2", "paragraph 1 item 3", or null. */
function locate(article: RegulationArticle, quote: string): string | null {
  for (const [p, paragraph] of article.paragraphs.entries()) {
    const item = paragraph.items.findIndex((text) => text.includes(quote));
    if (item >= 0) return `paragraph ${p + 1} item ${item + 1}`;
    if (paragraph.text.includes(quote)) return `paragraph ${p + 1}`;
  }
  return null;
}

/**
 * Checks that a reference's quote is the regulation's own words at the place it names.
 * Returns null when it is, else a message that says what is wrong (and where the quote
 * is, when it is elsewhere in the article).
 */
export function checkQuote(regulation: Regulation, reference: QuoteReference): string | null {
  const article = regulation.get(reference.article);
  if (!article) return `article ${reference.article} is not in the regulation`;
  const where = locate(article, reference.quote);
  if (!where) {
    const elsewhere = [...regulation.values()].find((other) => locate(other, reference.quote));
    return `the quote «${reference.quote}» is not in article ${reference.article}${elsewhere ? ` (it is in article ${elsewhere.number}, ${locate(elsewhere, reference.quote)})` : ''}`;
  }
  if (reference.paragraph === undefined) {
    if (reference.item !== undefined) return `an item (${reference.item}) is given without its paragraph (the quote is in ${where})`;
    return null;
  }
  const paragraph = article.paragraphs[reference.paragraph - 1];
  if (!paragraph) return `article ${reference.article} has ${article.paragraphs.length} paragraph(s), not ${reference.paragraph}`;
  if (reference.item !== undefined) {
    const item = paragraph.items[reference.item - 1];
    if (!item) return `article ${reference.article} paragraph ${reference.paragraph} has ${paragraph.items.length} item(s), not ${reference.item}`;
    return item.includes(reference.quote) ? null : `the quote is not in article ${reference.article} paragraph ${reference.paragraph} item ${reference.item} (it is in ${where})`;
  }
  return paragraph.text.includes(reference.quote) ? null : `the quote is not in article ${reference.article} paragraph ${reference.paragraph} (it is in ${where})`;
}

// ---------------------------------------------------------------------------------------
// Numbers in a text: what a caption claims (15 days, 60 days, 5 representatives …).

const ENGLISH_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15,
  sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100,
};
/** Words with a numeral in them that state no number. */
const CHINESE_IDIOMS = ['十分', '再三', '三番五次', '四处', '四處', '一五一十', '七上八下', '七嘴八舌', '三言两语', '三言兩語', '万一', '萬一', '千万', '千萬', '九牛一毛'];
const ENGLISH_NUMBER = new RegExp(`\\b(${Object.keys(ENGLISH_NUMBERS).join('|')})\\b`, 'gi');

/**
 * The numbers a text states, as values: Arabic (`15`), Chinese (`十五`, `五`, `两`) and
 * English words (`fifteen`, `five`). Left out: ordinals (`第二十二条`, `第一`), the
 * number one (一起, 一般, 上一级, "one-stop" are words, not claims), idioms (十分, 千万).
 */
export function statedNumbers(text: string): number[] {
  const numbers: number[] = [];
  let plain = text;
  for (const idiom of CHINESE_IDIOMS) plain = plain.split(idiom).join(' ');
  for (const match of plain.matchAll(/第?\d+(?:[.,]\d+)?/g)) {
    if (match[0].startsWith('第')) continue;
    const value = Number(match[0].replace(',', ''));
    if (value !== 1) numbers.push(value);
  }
  for (const match of plain.matchAll(/第?[一二两兩三四五六七八九十][零一二两兩三四五六七八九十百千]*/g)) {
    if (match[0].startsWith('第')) continue;
    const value = chineseNumeralValue(match[0]);
    if (value !== null && value !== 1) numbers.push(value);
  }
  for (const match of plain.matchAll(ENGLISH_NUMBER)) numbers.push(ENGLISH_NUMBERS[match[1]!.toLowerCase()]!);
  return numbers;
}
