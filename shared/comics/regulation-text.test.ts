import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkQuote, chineseNumeralValue, parseRegulation, statedNumbers } from './regulation-text';

const regulation = parseRegulation(readFileSync(new URL('../../comics/信访工作条例-2022.txt', import.meta.url), 'utf8'));

describe('the regulation as data', () => {
  it('reads the Chinese numerals of article numbers and captions', () => {
    expect([chineseNumeralValue('五'), chineseNumeralValue('十'), chineseNumeralValue('十五'), chineseNumeralValue('二十二'), chineseNumeralValue('三十'), chineseNumeralValue('六十')]).toEqual([
      5, 10, 15, 22, 30, 60,
    ]);
    expect(chineseNumeralValue('一百零五')).toBe(105);
    expect(chineseNumeralValue('五五')).toBeNull();
  });

  it('has the 50 articles, with their paragraphs and items', () => {
    expect([...regulation.keys()]).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const art20 = regulation.get(20)!;
    expect(art20.paragraphs).toHaveLength(4);
    expect(art20.paragraphs[2]!.text).toBe('多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人。');
    // Art. 26: one paragraph and its six items.
    expect(regulation.get(26)!.paragraphs).toHaveLength(1);
    expect(regulation.get(26)!.paragraphs[0]!.items).toHaveLength(6);
    expect(regulation.get(26)!.paragraphs[0]!.items[1]).toBe('（二）携带危险物品、管制器具；');
    // Art. 22: items of the first paragraph, then a second paragraph.
    expect(regulation.get(22)!.paragraphs).toHaveLength(2);
    expect(regulation.get(22)!.paragraphs[0]!.items).toHaveLength(3);
    // The chapter title after art. 26 is no part of it.
    expect(regulation.get(26)!.paragraphs[0]!.text).not.toContain('第四章');
  });

  it('finds a quote where the reference says, and says where it is otherwise', () => {
    expect(checkQuote(regulation, { article: 20, paragraph: 3, quote: '代表人数不得超过5人' })).toBeNull();
    expect(checkQuote(regulation, { article: 20, quote: '代表人数不得超过5人' })).toBeNull();
    expect(checkQuote(regulation, { article: 26, paragraph: 1, item: 2, quote: '携带危险物品、管制器具' })).toBeNull();
    expect(checkQuote(regulation, { article: 20, paragraph: 1, quote: '代表人数不得超过5人' })).toBe(
      'the quote is not in article 20 paragraph 1 (it is in paragraph 3)',
    );
    expect(checkQuote(regulation, { article: 26, paragraph: 1, item: 3, quote: '携带危险物品' })).toMatch(/paragraph 1 item 2/);
    expect(checkQuote(regulation, { article: 21, quote: '代表人数不得超过5人' })).toMatch(/it is in article 20, paragraph 3/);
    expect(checkQuote(regulation, { article: 20, quote: '代表人数不得超过6人' })).toMatch(/not in article 20$/);
    expect(checkQuote(regulation, { article: 51, quote: '任何' })).toMatch(/article 51 is not in the regulation/);
    expect(checkQuote(regulation, { article: 20, paragraph: 9, quote: '代表' })).toMatch(/has 4 paragraph/);
  });

  it('finds the numbers a caption states, in every language, and leaves out ordinals, "one" and idioms', () => {
    expect(statedNumbers('15日内书面告知')).toEqual([15]);
    expect(statedNumbers('十五日内书面告知')).toEqual([15]);
    expect(statedNumbers('六十日内办结，可以延长三十日')).toEqual([60, 30]);
    expect(statedNumbers('代表不超过五人')).toEqual([5]);
    expect(statedNumbers('代表不超過兩人')).toEqual([2]);
    expect(statedNumbers('Within fifteen days, or 60 days, at most five people')).toEqual([60, 15, 5]);
    expect(statedNumbers('第二十二条说：十分感谢，一起去上一级机关')).toEqual([]);
    expect(statedNumbers('one-stop, no one is turned away')).toEqual([]);
    expect(statedNumbers('千万不要带危险物品')).toEqual([]);
  });
});
