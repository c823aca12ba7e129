import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Role } from '../../shared/contract';

export interface RoleWindowInput {
  role: Role;
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** Development run (`--dev`): devtools in the staff windows. Never in the kiosk. */
  dev: boolean;
  /**
   * The terminal really is a kiosk / hall display: lock the window down (kiosk mode,
   * fullscreen, not closable). Off when the three demo windows share one screen, where
   * a locked fullscreen kiosk would trap the person trying the app.
   */
  lockdown: boolean;
}

/**
 * Each role gets its own session: what a visitor leaves in the kiosk's storage is
 * never readable from the clerk's window, and the kiosk's session lives in memory
 * only (nothing of one visitor survives a restart on disk).
 */
export function partitionFor(role: Role): string {
  return role === 'kiosk' ? 'hall-kiosk' : `persist:hall-${role}`;
}

/** The BrowserWindow options of a role window. Pure: main.ts passes them to `new BrowserWindow`. */
export function roleWindowOptions({ role, preloadPath, dev, lockdown }: RoleWindowInput): BrowserWindowConstructorOptions {
  const webPreferences: WebPreferences = {
    preload: preloadPath,
    partition: partitionFor(role),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: dev && role !== 'kiosk',
    // The display announces calls by voice and animates; never slow it down because
    // another window happens to cover it.
    backgroundThrottling: role !== 'display',
    // Nobody clicks the hall's TV: its chime and voice must play without a user gesture.
    ...(role === 'display' ? { autoplayPolicy: 'no-user-gesture-required' as const } : {}),
  };
  const common: BrowserWindowConstructorOptions = {
    show: false, // shown on 'ready-to-show', no white flash
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences,
  };

  if (role === 'kiosk' && lockdown) {
    return {
      ...common,
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: false,
      minimizable: false,
      maximizable: false,
      resizable: false,
      movable: false,
    };
  }
  if (role === 'display' && lockdown) {
    return { ...common, fullscreen: true, frame: false };
  }
  if (role === 'kiosk') return { ...common, width: 720, height: 1000, minWidth: 480, minHeight: 640 }; // a portrait kiosk, windowed
  if (role === 'display') return { ...common, width: 1280, height: 720, minWidth: 640, minHeight: 360 };
  return { ...common, width: 1280, height: 800, minWidth: 1024, minHeight: 640 };
}

/**
 * The session of the hidden print windows (system-printing.ts): in memory, shared by no
 * role window, hardened by security.ts `hardenPrintSession`.
 */
export const PRINT_PARTITION = 'hall-print';

/**
 * The hidden window that prints one self-contained page (a receipt or a letter) and
 * makes its PDF. The page is data, not an app: no script runs (`javascript: false`),
 * no preload, no Node, sandboxed, never shown, no devtools. Pure, like roleWindowOptions.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    // Only the layout's viewport; the printed page takes its size from the print settings.
    width: 800,
    height: 1000,
    backgroundColor: '#ffffff',
    webPreferences: {
      partition: PRINT_PARTITION,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
      // A hidden window must still lay out and print at full speed.
      backgroundThrottling: false,
    },
  };
}
