import type { Role } from '../../shared/contract';
import type { Logger } from '../core/ports';
import { APP_ORIGIN } from './security';

/**
 * A hall terminal runs unattended: a window whose page crashed (or hung) must come back
 * by itself, to its role's start screen — never to the page it was on, which could be
 * the previous visitor's form or case. Electron-free (a structural port), so main.ts
 * passes the real WebContents and the tests a fake.
 */

/** Electron's RenderProcessGoneDetails['reason']. */
export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export const RECOVERY_TIMING = {
  /** The first reload after a crash: long enough for Chromium to tidy up the old process. */
  firstDelayMs: 1_000,
  /** A renderer that keeps crashing is reloaded ever more slowly (doubling), up to this. */
  maxDelayMs: 60_000,
  /** A crash this long after the previous one starts the back-off again. */
  stableAfterMs: 5 * 60_000,
  /** A page hung this long (no input answered) is ended, then reloaded like a crash. */
  unresponsiveMs: 15_000,
};
export type RecoveryTiming = typeof RECOVERY_TIMING;

/** The page a role window opens with, and comes back to. */
export function startPage(role: Role): string {
  return `${APP_ORIGIN}/${role}`;
}

export type RecoveryStep = { reload: false } | { reload: true; delayMs: number; url: string };

/**
 * Whether and when one window's gone renderer is reloaded. Every reason reloads but
 * `clean-exit`, the renderer ending normally with its window (closing, quitting).
 * `launch-failed` and `integrity-failure` reload too — a kiosk showing a blank window is
 * the worse outcome — and the back-off keeps a renderer that cannot start from spinning.
 */
export class RendererRecovery {
  private failures = 0;
  private lastGoneAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly role: Role,
    private readonly timing: RecoveryTiming = RECOVERY_TIMING,
  ) {}

  onGone(reason: GoneReason, now: number): RecoveryStep {
    if (reason === 'clean-exit') return { reload: false };
    this.failures = now - this.lastGoneAt > this.timing.stableAfterMs ? 1 : this.failures + 1;
    this.lastGoneAt = now;
    const delayMs = Math.min(this.timing.maxDelayMs, this.timing.firstDelayMs * 2 ** (this.failures - 1));
    return { reload: true, delayMs, url: startPage(this.role) };
  }
}

/** The part of Electron's WebContents that recovery uses. */
export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: GoneReason; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  forcefullyCrashRenderer(): void;
}

export interface RecoveryOptions {
  role: Role;
  /** Kiosk and display: nobody is there to close a hung window, so it is ended after `unresponsiveMs`. */
  watchdog: boolean;
  /** Nothing is reloaded while the app quits, nor into a window that is gone. */
  canReload: () => boolean;
  /** Loads a URL into the window (main's `loadURL`, errors logged there). */
  load: (url: string) => void;
  logger: Logger;
  timing?: RecoveryTiming;
  now?: () => number;
}

/** Wires RendererRecovery (and, for unattended roles, the hang watchdog) to one window. */
export function superviseRenderer(contents: RecoverableContents, options: RecoveryOptions): void {
  const timing = options.timing ?? RECOVERY_TIMING;
  const now = options.now ?? Date.now;
  const recovery = new RendererRecovery(options.role, timing);
  let hang: ReturnType<typeof setTimeout> | null = null;
  const stopWatchdog = () => {
    if (hang !== null) clearTimeout(hang);
    hang = null;
  };

  contents.on('render-process-gone', (_event, details) => {
    stopWatchdog();
    const step = recovery.onGone(details.reason, now());
    options.logger.error('renderer gone', { role: options.role, reason: details.reason, exitCode: details.exitCode, reloadInMs: step.reload ? step.delayMs : null });
    if (!step.reload) return;
    setTimeout(() => {
      if (options.canReload()) options.load(step.url);
    }, step.delayMs);
  });

  if (!options.watchdog) return;
  contents.on('unresponsive', () => {
    if (hang !== null) return;
    hang = setTimeout(() => {
      hang = null;
      if (!options.canReload()) return;
      options.logger.error('renderer hung; ending it', { role: options.role, afterMs: timing.unresponsiveMs });
      contents.forcefullyCrashRenderer(); // 'render-process-gone' follows, and the reload with it
    }, timing.unresponsiveMs);
  });
  contents.on('responsive', stopWatchdog);
}
