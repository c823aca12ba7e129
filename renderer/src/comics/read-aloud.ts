import type { Language } from '../../../shared/domain/languages';

export type ReadAloudResult = 'started' | 'no-speech' | 'no-voice';

/** The parts of the Web Speech API read-aloud uses (a test stubs them). */
export interface SpeechSynthesisLike {
  getVoices(): Array<Pick<SpeechSynthesisVoice, 'lang'>>;
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
  removeEventListener?(type: 'voiceschanged', listener: () => void): void;
}

const tagOf = (lang: string) => lang.toLowerCase().replace('_', '-');

/**
 * The voice for a page language: the same tag, else (for Chinese) another Chinese voice —
 * a Mandarin voice reads Traditional characters too; a Cantonese one (zh-HK, yue) is
 * preferred for zh-HK.
 */
export function voiceFor<V extends Pick<SpeechSynthesisVoice, 'lang'>>(voices: V[], language: Language): V | undefined {
  const tags = voices.map((voice) => tagOf(voice.lang));
  const pick = (test: (tag: string) => boolean) => {
    const index = tags.findIndex(test);
    return index >= 0 ? voices[index] : undefined;
  };
  if (language === 'en') return pick((tag) => tag === 'en-us' || tag === 'en-gb') ?? pick((tag) => tag.startsWith('en'));
  if (language === 'zh-HK') return pick((tag) => tag === 'zh-hk' || tag.startsWith('yue')) ?? pick((tag) => tag === 'zh-cn' || tag.startsWith('zh') || tag.startsWith('cmn'));
  return pick((tag) => tag === 'zh-cn' || tag === 'cmn-cn') ?? pick((tag) => tag.startsWith('zh') || tag.startsWith('cmn'));
}

/** The voices, waiting a moment for them to load (Chromium fills the list asynchronously). */
export function voicesReady(speech: SpeechSynthesisLike, waitMs = 1000): Promise<Array<Pick<SpeechSynthesisVoice, 'lang'>>> {
  const now = speech.getVoices();
  if (now.length > 0 || !speech.addEventListener) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      speech.removeEventListener?.('voiceschanged', done);
      resolve(speech.getVoices());
    };
    const timer = setTimeout(done, waitMs);
    speech.addEventListener!('voiceschanged', done);
  });
}

/**
 * Reads texts aloud one after the other in the page's language (the caption, then what
 * each person says). Whatever was being read stops first. `onEnd` runs when the last
 * text is read, or reading was stopped.
 */
export async function readAloud(
  texts: string[],
  language: Language,
  options: { speech?: SpeechSynthesisLike | undefined; Utterance?: typeof SpeechSynthesisUtterance | undefined; onEnd?: () => void; rate?: number } = {},
): Promise<ReadAloudResult> {
  const speech = options.speech;
  const Utterance = options.Utterance;
  if (!speech || !Utterance) return 'no-speech';
  const voice = voiceFor(await voicesReady(speech), language);
  if (!voice) return 'no-voice';
  speech.cancel();
  texts.forEach((text, index) => {
    const utterance = new Utterance(text);
    utterance.lang = voice.lang;
    try {
      utterance.voice = voice as SpeechSynthesisVoice;
    } catch {
      // Not a voice object of this browser (a test's stub): the language tag chooses.
    }
    utterance.rate = options.rate ?? 0.85;
    if (index === texts.length - 1 && options.onEnd) {
      const end = options.onEnd;
      utterance.onend = () => end();
      utterance.onerror = () => end();
    }
    speech.speak(utterance);
  });
  return 'started';
}
