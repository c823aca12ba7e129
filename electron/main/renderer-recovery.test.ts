import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/ports';
import { RECOVERY_TIMING, RendererRecovery, startPage, superviseRenderer, type GoneReason, type RecoverableContents } from './renderer-recovery';

const CRASHES: GoneReason[] = ['abnormal-exit', 'killed', 'crashed', 'oom', 'launch-failed', 'integrity-failure', 'memory-eviction'];

describe('RendererRecovery', () => {
  it('brings a crashed page back to its role’s start screen, whatever the reason, but not a clean exit', () => {
    for (const reason of CRASHES) {
      expect(new RendererRecovery('kiosk').onGone(reason, 0), reason).toEqual({ reload: true, delayMs: 1_000, url: 'app://hall/kiosk' });
    }
    expect(new RendererRecovery('display').onGone('crashed', 0)).toMatchObject({ url: 'app://hall/display' });
    expect(new RendererRecovery('kiosk').onGone('clean-exit', 0)).toEqual({ reload: false });
  });

  it('waits ever longer for a page that keeps crashing, up to a minute, and starts again once it has run a while', () => {
    const recovery = new RendererRecovery('kiosk');
    const delays: number[] = [];
    let now = 0;
    for (let crash = 0; crash < 9; crash++) {
      const step = recovery.onGone('crashed', now);
      if (step.reload) delays.push(step.delayMs);
      now += 10_000;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(recovery.onGone('oom', now + RECOVERY_TIMING.stableAfterMs + 1)).toMatchObject({ delayMs: 1_000 });
  });

  it('a clean exit does not count as a crash', () => {
    const recovery = new RendererRecovery('clerk');
    recovery.onGone('clean-exit', 0);
    expect(recovery.onGone('crashed', 1)).toMatchObject({ delayMs: 1_000, url: startPage('clerk') });
  });
});

/** A WebContents that emits what a test tells it to, and records being crashed. */
class FakeContents implements RecoverableContents {
  private readonly listeners = new Map<string, ((...args: any[]) => void)[]>();
  crashed = 0;
  on(event: string, listener: (...args: any[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  gone(reason: GoneReason): void {
    this.emit('render-process-gone', {}, { reason, exitCode: 1 });
  }
  forcefullyCrashRenderer(): void {
    this.crashed++;
    this.gone('killed'); // what Electron reports for it
  }
}

describe('superviseRenderer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function supervise(options: { watchdog?: boolean; canReload?: () => boolean } = {}) {
    const contents = new FakeContents();
    const loads: string[] = [];
    superviseRenderer(contents, {
      role: 'kiosk',
      watchdog: options.watchdog ?? true,
      canReload: options.canReload ?? (() => true),
      load: (url) => loads.push(url),
      logger: silentLogger,
      now: () => Date.now(),
    });
    return { contents, loads };
  }

  it('reloads the start screen after the delay, not before', () => {
    const { contents, loads } = supervise();
    contents.gone('crashed');
    vi.advanceTimersByTime(999);
    expect(loads).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(loads).toEqual(['app://hall/kiosk']);
  });

  it('reloads nothing while the app quits or once the window is gone', () => {
    let open = true;
    const { contents, loads } = supervise({ canReload: () => open });
    contents.gone('crashed');
    open = false;
    vi.advanceTimersByTime(60_000);
    expect(loads).toEqual([]);
  });

  it('ends a page hung for 15 s and brings it back; a page that answers again is left alone', () => {
    const { contents, loads } = supervise();
    contents.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    contents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.crashed).toBe(0);

    contents.emit('unresponsive');
    contents.emit('unresponsive'); // Electron may say it again: still one watchdog
    vi.advanceTimersByTime(RECOVERY_TIMING.unresponsiveMs);
    expect(contents.crashed).toBe(1);
    vi.advanceTimersByTime(RECOVERY_TIMING.firstDelayMs);
    expect(loads).toEqual(['app://hall/kiosk']);
  });

  it('has no hang watchdog in staff windows (someone is there, and a form may be half typed)', () => {
    const { contents } = supervise({ watchdog: false });
    contents.emit('unresponsive');
    vi.advanceTimersByTime(10 * RECOVERY_TIMING.unresponsiveMs);
    expect(contents.crashed).toBe(0);
  });

  it('a crash cancels a pending hang watchdog (one reload, not two)', () => {
    const { contents, loads } = supervise();
    contents.emit('unresponsive');
    contents.gone('oom');
    vi.advanceTimersByTime(10 * RECOVERY_TIMING.unresponsiveMs);
    expect(contents.crashed).toBe(0);
    expect(loads).toEqual(['app://hall/kiosk']);
  });
});
