/**
 * Announces calls on the hall display: a chime, then the call said twice, one
 * announcement at a time — a burst of calls is queued, never spoken over each other.
 * Where no voice exists for the language, the chime still plays (and the page flashes
 * the call). Speech and sound sit behind ports so the rules are tested without a browser.
 */
export interface SpeechPort {
  hasVoice(language: string): boolean;
  /** Resolves when the utterance ends (or fails: an announcement never blocks the queue). */
  speak(text: string, language: string): Promise<void>;
}

export interface ChimePort {
  play(): Promise<void>;
}

export interface Announcement {
  text: string;
  language: string;
}

export interface AnnouncerOptions {
  /** How many times the call is said. */
  repeat: number;
  /** Pause between repetitions and between announcements. */
  pauseMs: number;
  /** How long a call stays alone on stage without a voice (chime + flashing). */
  silentMs: number;
  sleep?: (ms: number) => Promise<void>;
  onStart?: (announcement: Announcement) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Announcer {
  private readonly queue: Announcement[] = [];
  private running = false;
  private stopped = false;

  constructor(
    private readonly speech: SpeechPort,
    private readonly chime: ChimePort,
    private readonly options: AnnouncerOptions,
  ) {}

  announce(announcement: Announcement): void {
    if (this.stopped) return;
    this.queue.push(announcement);
    if (!this.running) void this.drain();
  }

  /** Waiting announcements are dropped (the page is going away). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private async drain(): Promise<void> {
    this.running = true;
    const sleep = this.options.sleep ?? defaultSleep;
    try {
      for (let next = this.queue.shift(); next && !this.stopped; next = this.queue.shift()) {
        this.options.onStart?.(next);
        await this.chime.play().catch(() => {});
        if (this.speech.hasVoice(next.language)) {
          for (let i = 0; i < this.options.repeat && !this.stopped; i++) {
            await this.speech.speak(next.text, next.language).catch(() => {});
            await sleep(this.options.pauseMs);
          }
        } else {
          await sleep(this.options.silentMs);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** "A012" → "A 0 1 2": voices read the digits one by one, as halls call them (A 零一二). */
export function spellTicketNumber(number: string): string {
  return number.split('').join(' ');
}
