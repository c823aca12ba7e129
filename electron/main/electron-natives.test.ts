import { describe, expect, it } from 'vitest';
import { buildCommands, electronBindingPath } from '../../scripts/electron-natives.mjs';

describe('the Electron build of better-sqlite3 for npm start', () => {
  it('is kept per Electron version and architecture, outside the package Node uses', () => {
    const path = electronBindingPath('/p', '45.4.1', 'x64');
    expect(path).toBe('/p/node_modules/.cache/hall-electron-natives/electron-45.4.1-x64/better_sqlite3.node');
    expect(path).not.toContain('node_modules/better-sqlite3/');
  });

  it('tries a prebuilt binary for Electron first, then compiles against Electron headers', () => {
    const [prebuilt, compile] = buildCommands('/p', '45.4.1', 'arm64');
    expect(prebuilt![0]).toMatch(/prebuild-install$/);
    expect(prebuilt![1]).toEqual(['--runtime', 'electron', '--target', '45.4.1', '--arch', 'arm64']);
    expect(compile![0]).toMatch(/node-gyp$/);
    expect(compile![1]).toEqual(expect.arrayContaining(['--runtime=electron', '--target=45.4.1', '--arch=arm64']));
  });
});
