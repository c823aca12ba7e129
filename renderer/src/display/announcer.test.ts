import { describe, expect, it } from 'vitest';
import { Announcer, spellTicketNumber, type ChimePort, type SpeechPort } from './announcer';

/** Records what happens, in order, with a fake clock that advances on every step. */
function rig(voices: string[]) {
  const log: string[] = [];
  let speaking = 0;
  let overlapped = false;
  const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const speech: SpeechPort = {
    hasVoice: (language) => voices.includes(language),
    async speak(text, language) {
      speaking += 1;
      if (speaking > 1) overlapped = true;
      log.push(`say[${language}] ${text}`);
      await tick();
      speaking -= 1;
    },
  };
  const chime: ChimePort = {
    async play() {
      if (speaking > 0) overlapped = true;
      log.push('chime');
      await tick();
    },
  };
  const announcer = new Announcer(speech, chime, { repeat: 2, pauseMs: 0, silentMs: 0, sleep: tick });
  const idle = async () => {
    while (announcer.pending > 0) await tick();
  };
  return { announcer, log, idle, overlapped: () => overlapped };
}

describe('announcer', () => {
  it('chimes, then says the call twice', async () => {
    const { announcer, log, idle } = rig(['zh-CN']);
    announcer.announce({ text: '请 A 0 1 2 号到 3 号窗口', language: 'zh-CN' });
    await idle();
    expect(log).toEqual(['chime', 'say[zh-CN] 请 A 0 1 2 号到 3 号窗口', 'say[zh-CN] 请 A 0 1 2 号到 3 号窗口']);
  });

  it('queues a burst of calls: one announcement after another, never overlapping', async () => {
    const { announcer, log, idle, overlapped } = rig(['zh-CN']);
    for (const number of ['A001', 'B001', 'C001']) announcer.announce({ text: number, language: 'zh-CN' });
    await idle();
    expect(log).toEqual(['chime', 'say[zh-CN] A001', 'say[zh-CN] A001', 'chime', 'say[zh-CN] B001', 'say[zh-CN] B001', 'chime', 'say[zh-CN] C001', 'say[zh-CN] C001']);
    expect(overlapped()).toBe(false);
  });

  it('still chimes when no voice speaks the language', async () => {
    const { announcer, log, idle } = rig(['en']);
    announcer.announce({ text: '請 A 0 0 1 號到 1 號窗口', language: 'zh-HK' });
    await idle();
    expect(log).toEqual(['chime']);
  });

  it('keeps going when speech fails', async () => {
    const log: string[] = [];
    const announcer = new Announcer(
      { hasVoice: () => true, speak: async (text) => { log.push(text); throw new Error('synthesis-failed'); } },
      { play: async () => { throw new Error('audio blocked'); } },
      { repeat: 1, pauseMs: 0, silentMs: 0, sleep: async () => {} },
    );
    announcer.announce({ text: 'one', language: 'en' });
    announcer.announce({ text: 'two', language: 'en' });
    while (announcer.pending > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['one', 'two']);
  });

  it('spells ticket numbers digit by digit', () => {
    expect(spellTicketNumber('A012')).toBe('A 0 1 2');
  });
});
