import { describe, expect, it } from 'vitest';
import { articleLabel, chineseNumeral } from './article-label';
import { readAloud, voiceFor } from './read-aloud';
import { ReadingTracker, type Reading } from './reading-tracker';
import { gestureOf } from './swipe';
import { i18nResources } from '../../../shared/i18n';
import type { Language } from '../../../shared/domain/languages';

const translator = (language: Language) => (key: string, options: Record<string, unknown>) => {
  const template = key.split('.').reduce<any>((node, part) => node[part], i18nResources[language].translation) as string;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => String(options[name]));
};

describe('article labels', () => {
  it('writes Chinese numerals', () => {
    expect([1, 10, 15, 20, 22, 31, 50].map(chineseNumeral)).toEqual(['一', '十', '十五', '二十', '二十二', '三十一', '五十']);
  });

  it('cites the regulation as it is cited, in each language', () => {
    const refs = [
      { article: 22, quote: '在15日内' },
      { article: 20, paragraph: 3, quote: '代表人数不得超过5人' },
      { article: 26, paragraph: 1, item: 2, quote: '携带危险物品' },
    ];
    expect(articleLabel(refs.slice(0, 1), 'zh-CN', translator('zh-CN'))).toBe('《信访工作条例》第二十二条');
    expect(articleLabel(refs, 'zh-CN', translator('zh-CN'))).toBe('《信访工作条例》第二十二条、第二十条第三款、第二十六条第一款第（二）项');
    expect(articleLabel(refs, 'zh-HK', translator('zh-HK'))).toBe('《信訪工作條例》第二十二條、第二十條第三款、第二十六條第一款第（二）項');
    expect(articleLabel(refs, 'en', translator('en'))).toBe('Regulations on Letters and Visits, art. 22; art. 20(3); art. 26(1)(2)');
    // Two quotes of one article are one citation.
    expect(articleLabel([refs[0]!, { article: 22, quote: '予以登记' }], 'zh-CN', translator('zh-CN'))).toBe('《信访工作条例》第二十二条');
  });
});

describe('reading statistics of the reader', () => {
  it('reports each panel when the next replaces it, with its time capped, and marks panels seen again in the same read', () => {
    const sent: Reading[] = [];
    let now = 1000;
    const tracker = new ReadingTracker('reader', (reading) => sent.push(reading), () => now);
    tracker.show('s', 'p1');
    now += 4000;
    tracker.show('s', 'p1'); // the same panel again (a re-render): nothing
    tracker.show('s', 'p2');
    now += 20 * 60 * 1000;
    tracker.show('s', 'p1');
    now += 500;
    tracker.newRead();
    tracker.show('s', 'p1');
    now += 100;
    tracker.end();
    tracker.end();
    expect(sent).toEqual([
      { seriesId: 's', panelId: 'p1', durationMs: 4000, surface: 'reader', revisit: false },
      { seriesId: 's', panelId: 'p2', durationMs: 600_000, surface: 'reader', revisit: false },
      { seriesId: 's', panelId: 'p1', durationMs: 500, surface: 'reader', revisit: true },
      { seriesId: 's', panelId: 'p1', durationMs: 100, surface: 'reader', revisit: false },
    ]);
  });
});

describe('gestures', () => {
  it('turns the page on a sideways swipe, taps on a short touch, and ignores scrolls', () => {
    expect(gestureOf({ x: 500, y: 300 }, { x: 300, y: 320 })).toBe('next');
    expect(gestureOf({ x: 300, y: 300 }, { x: 500, y: 280 })).toBe('previous');
    expect(gestureOf({ x: 300, y: 300 }, { x: 305, y: 304 })).toBe('tap');
    expect(gestureOf({ x: 300, y: 300 }, { x: 340, y: 300 })).toBeNull();
    expect(gestureOf({ x: 300, y: 300 }, { x: 380, y: 500 })).toBeNull();
  });
});

describe('read aloud', () => {
  it('chooses a voice for the page language', () => {
    const voices = [{ lang: 'en-US' }, { lang: 'zh_TW' }, { lang: 'zh-CN' }, { lang: 'yue-HK' }];
    expect(voiceFor(voices, 'zh-CN')?.lang).toBe('zh-CN');
    expect(voiceFor(voices, 'zh-HK')?.lang).toBe('yue-HK');
    expect(voiceFor([{ lang: 'zh-CN' }], 'zh-HK')?.lang).toBe('zh-CN');
    expect(voiceFor(voices, 'en')?.lang).toBe('en-US');
    expect(voiceFor([{ lang: 'en-GB' }], 'zh-CN')).toBeUndefined();
  });

  it('speaks the texts one after the other, or says why it cannot', async () => {
    const spoken: Array<{ text: string; lang: string }> = [];
    class Utterance {
      lang = '';
      voice: unknown = null;
      rate = 1;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly text: string) {}
    }
    const speech = { getVoices: () => [{ lang: 'zh-CN' }], speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang }), cancel: () => {} };
    const options = { speech: speech as any, Utterance: Utterance as any };
    expect(await readAloud(['说明', '小李：您好'], 'zh-CN', options)).toBe('started');
    expect(spoken).toEqual([
      { text: '说明', lang: 'zh-CN' },
      { text: '小李：您好', lang: 'zh-CN' },
    ]);
    expect(await readAloud(['Hello'], 'en', options)).toBe('no-voice');
    expect(await readAloud(['Hello'], 'en', {})).toBe('no-speech');
  });
});
