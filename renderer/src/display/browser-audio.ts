import type { ChimePort, SpeechPort } from './announcer';

const UTTERANCE_TIMEOUT_MS = 15_000;

/** Voices are matched on their language tag; Cantonese voices are zh-HK, Mandarin zh-CN. */
function voiceFor(language: string): SpeechSynthesisVoice | undefined {
  const wanted = language.toLowerCase().replace('_', '-');
  const voices = window.speechSynthesis?.getVoices() ?? [];
  return (
    voices.find((voice) => voice.lang.toLowerCase().replace('_', '-') === wanted) ??
    // Else the same language in another region (a Mandarin voice reads Traditional Chinese too).
    voices.find((voice) => voice.lang.toLowerCase().startsWith(wanted.split('-')[0]!))
  );
}

/** The Web Speech API. */
export function createSpeechPort(): SpeechPort {
  // Chromium loads voices asynchronously: asking once starts that.
  window.speechSynthesis?.getVoices();
  return {
    hasVoice: (language) => voiceFor(language) !== undefined,
    speak: (text, language) =>
      new Promise<void>((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = language;
        const voice = voiceFor(language);
        if (voice) utterance.voice = voice;
        utterance.rate = 0.9;
        const timer = setTimeout(resolve, UTTERANCE_TIMEOUT_MS); // a stuck engine never blocks the queue
        utterance.onend = utterance.onerror = () => {
          clearTimeout(timer);
          resolve();
        };
        window.speechSynthesis.speak(utterance);
      }),
  };
}

/**
 * A two-tone chime made with Web Audio (no sound file to ship). Browsers start audio
 * suspended until a user gesture: `blocked()` tells the page to offer a button. The
 * Electron display window allows autoplay.
 */
export function createChimePort(): ChimePort & { blocked(): boolean; unlock(): Promise<void> } {
  const AudioContextClass = window.AudioContext;
  const context = AudioContextClass ? new AudioContextClass() : null;
  const tone = (frequency: number, start: number, duration: number) => {
    if (!context) return;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + duration);
  };
  return {
    blocked: () => context?.state === 'suspended',
    unlock: async () => {
      await context?.resume();
    },
    async play() {
      if (!context) return;
      // Without a user gesture resume() may never settle: give up after a moment, so
      // the announcements behind this one still go out.
      if (context.state === 'suspended') {
        await Promise.race([context.resume().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500))]);
      }
      if (context.state !== 'running') return;
      const now = context.currentTime;
      tone(880, now, 0.45); // ding
      tone(660, now + 0.45, 0.6); // dong
      await new Promise((resolve) => setTimeout(resolve, 1100));
    },
  };
}
