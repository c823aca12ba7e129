import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/contract';
import { PRINT_PARTITION, partitionFor, printWindowOptions, roleWindowOptions } from './window-options';

const options = (role: Role, { dev = false, lockdown = true } = {}) =>
  roleWindowOptions({ role, preloadPath: '/app/dist/electron/preload.cjs', dev, lockdown });

describe('role window options', () => {
  it.each(ROLES)('%s: every web security flag is on, whatever the mode', (role) => {
    for (const dev of [false, true]) {
      for (const lockdown of [false, true]) {
        expect(options(role, { dev, lockdown }).webPreferences).toMatchObject({
          preload: '/app/dist/electron/preload.cjs',
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          spellcheck: false,
        });
      }
    }
  });

  // The one list a reviewer reads: each security-relevant preference and the only value it
  // may have, in every role and mode. A preference not listed here (enableBlinkFeatures,
  // plugins, a new Electron option …) fails the test until someone decides it.
  const SECURE = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
  };
  const HARMLESS = ['preload', 'partition', 'spellcheck', 'safeDialogs', 'devTools', 'backgroundThrottling', 'autoplayPolicy'];

  it.each(ROLES)('%s: no preference weakened, none unknown', (role) => {
    for (const dev of [false, true]) {
      for (const lockdown of [false, true]) {
        const preferences = options(role, { dev, lockdown }).webPreferences ?? {};
        for (const [name, value] of Object.entries(SECURE)) expect(preferences[name as keyof typeof SECURE], `${role} ${name}`).toBe(value);
        for (const name of Object.keys(preferences)) expect([...Object.keys(SECURE), ...HARMLESS], `${role}: ${name} is not reviewed`).toContain(name);
        expect(preferences.devTools, `${role} devTools`).toBe(dev && role !== 'kiosk');
      }
    }
  });

  it('gives devtools to staff windows in development only, and never to the kiosk', () => {
    expect(options('clerk', { dev: true }).webPreferences?.devTools).toBe(true);
    expect(options('admin', { dev: true }).webPreferences?.devTools).toBe(true);
    expect(options('display', { dev: true }).webPreferences?.devTools).toBe(true);
    expect(options('clerk', { dev: false }).webPreferences?.devTools).toBe(false);
    expect(options('kiosk', { dev: true }).webPreferences?.devTools).toBe(false);
    expect(options('kiosk', { dev: true, lockdown: false }).webPreferences?.devTools).toBe(false);
  });

  it('locks the kiosk down: kiosk mode, fullscreen, no frame or menu bar, not closable', () => {
    // (Its menu removed, escape keys blocked and close refused: security.ts lockKioskWindow.)
    expect(options('kiosk', { dev: true })).toMatchObject({ kiosk: true, fullscreen: true, closable: false });
    expect(options('kiosk')).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      closable: false,
      minimizable: false,
      resizable: false,
      movable: false,
    });
  });

  it('puts the display fullscreen, and leaves clerk and admin as ordinary windows', () => {
    expect(options('display')).toMatchObject({ fullscreen: true });
    expect(options('display').kiosk).toBeUndefined();
    for (const role of ['clerk', 'admin'] as const) {
      const window = options(role);
      expect(window.kiosk).toBeUndefined();
      expect(window.fullscreen).toBeUndefined();
      expect(window.closable).toBeUndefined();
      expect(window.width).toBeGreaterThan(0);
    }
  });

  it('opens kiosk and display as ordinary windows when not locked down (the demo on one screen)', () => {
    for (const role of ['kiosk', 'display'] as const) {
      const window = options(role, { lockdown: false });
      expect(window.kiosk).toBeUndefined();
      expect(window.fullscreen).toBeUndefined();
      expect(window.closable).toBeUndefined();
    }
  });

  it('gives each role its own session, the kiosk one in memory only', () => {
    const partitions = ROLES.map((role) => options(role).webPreferences?.partition);
    expect(new Set(partitions).size).toBe(ROLES.length);
    expect(partitionFor('kiosk').startsWith('persist:')).toBe(false);
    expect(partitionFor('clerk').startsWith('persist:')).toBe(true);
  });

  it('lets only the display play sound without a user gesture', () => {
    const display = roleWindowOptions({ role: 'display', preloadPath: '/p.cjs', dev: false, lockdown: true });
    const kiosk = roleWindowOptions({ role: 'kiosk', preloadPath: '/p.cjs', dev: false, lockdown: true });
    expect(display.webPreferences?.autoplayPolicy).toBe('no-user-gesture-required');
    expect(kiosk.webPreferences?.autoplayPolicy).toBeUndefined();
  });
});

describe('print window options', () => {
  it('is hidden, runs no script, has no preload or Node, and every web security flag is on', () => {
    const options = printWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
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
      navigateOnDragDrop: false,
      devTools: false,
    });
    const reviewed = ['partition', 'javascript', 'contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'spellcheck', 'navigateOnDragDrop', 'devTools', 'backgroundThrottling'];
    for (const name of Object.keys(options.webPreferences ?? {})) expect(reviewed, `${name} is not reviewed`).toContain(name);
    expect(options.webPreferences?.preload).toBeUndefined();
  });

  it('has a session of its own, in memory, shared with no role window', () => {
    expect(printWindowOptions().webPreferences?.partition).toBe(PRINT_PARTITION);
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(ROLES.map((role) => partitionFor(role))).not.toContain(PRINT_PARTITION);
  });
});
