import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronPackageDir, findElectronBinary } from '../../scripts/electron-binary.mjs';

const electronDir = join('/project', 'node_modules', 'electron');
const binary = join(electronDir, 'dist', 'electron');

/** A fake file system holding the given files. */
function files(contents: Record<string, string>) {
  return {
    exists: (path: string) => path in contents,
    readText: (path: string) => {
      const text = contents[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
}

describe('findElectronBinary (what npm start uses to pick the host)', () => {
  it('finds the binary the electron package installed', () => {
    const fs = files({ [join(electronDir, 'path.txt')]: 'electron', [binary]: '' });
    expect(findElectronBinary({ electronDir, env: {}, ...fs })).toBe(binary);
  });

  it('reports none when the download was skipped (no path.txt)', () => {
    expect(findElectronBinary({ electronDir, env: {}, ...files({}) })).toBeNull();
  });

  it('reports none when path.txt names a binary that is not there', () => {
    expect(findElectronBinary({ electronDir, env: {}, ...files({ [join(electronDir, 'path.txt')]: 'electron' }) })).toBeNull();
  });

  it('reports none when the electron package itself is missing', () => {
    expect(findElectronBinary({ electronDir: null, env: {}, ...files({}) })).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const custom = join('/opt', 'electron', 'electron');
    expect(findElectronBinary({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: join('/opt', 'electron') }, ...files({ [custom]: '' }) })).toBe(custom);
  });

  it('finds the electron package of this project', () => {
    expect(electronPackageDir(process.cwd())).toMatch(/node_modules[\\/]electron$/);
  });
});
