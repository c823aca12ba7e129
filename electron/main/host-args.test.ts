import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, HostArgsError, parseHostArgs } from './host-args';

describe('host arguments', () => {
  it('opens clerk, display and kiosk as unlocked windows with the demo hall by default', () => {
    expect(parseHostArgs([])).toEqual({ roles: [...DEFAULT_ROLES], lockdown: false, dataDir: null, demo: true, dev: false, allowPlainKey: false, rotateKeys: false });
    expect(DEFAULT_ROLES).toEqual(['clerk', 'display', 'kiosk']);
  });

  it('opens only the chosen roles, locked down, in order and without duplicates', () => {
    expect(parseHostArgs(['--role', 'kiosk'])).toMatchObject({ roles: ['kiosk'], lockdown: true });
    expect(parseHostArgs(['--role=display', '--role', 'kiosk,display'])).toMatchObject({ roles: ['display', 'kiosk'] });
    expect(parseHostArgs(['--role', 'admin', '--windowed'])).toMatchObject({ roles: ['admin'], lockdown: false });
  });

  it('ignores the app folder and the switches Electron and Chromium add', () => {
    expect(parseHostArgs(['.', '--no-sandbox', '--enable-logging', '--role', 'clerk'])).toMatchObject({ roles: ['clerk'] });
  });

  it('reads --data, --no-demo and --dev', () => {
    expect(parseHostArgs(['--data', '/srv/hall', '--no-demo', '--dev'])).toMatchObject({ dataDir: '/srv/hall', demo: false, dev: true });
  });

  it('reads --allow-plain-key and --rotate-keys (the data key: docs/security.md)', () => {
    expect(parseHostArgs(['--allow-plain-key'])).toMatchObject({ allowPlainKey: true, rotateKeys: false });
    expect(parseHostArgs(['--data', '/srv/hall', '--rotate-keys'])).toMatchObject({ dataDir: '/srv/hall', allowPlainKey: false, rotateKeys: true });
  });

  it('refuses an unknown or missing role rather than opening a window with no role', () => {
    expect(() => parseHostArgs(['--role', 'visitor'])).toThrow(HostArgsError);
    expect(() => parseHostArgs(['--role', 'kiosk,root'])).toThrow(/root/);
    expect(() => parseHostArgs(['--role'])).toThrow(HostArgsError);
    expect(() => parseHostArgs(['--role', ''])).toThrow(HostArgsError);
    expect(() => parseHostArgs(['--data'])).toThrow(HostArgsError);
  });
});
