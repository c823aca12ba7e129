import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where Electron's binary is, or null when it is not installed.
 *
 * Decided from the files the electron package's own index.js reads (path.txt, then
 * dist/<that path>, or ELECTRON_OVERRIDE_DIST_PATH), without require('electron'):
 * since Electron 4x that require *downloads* a missing binary, which here would hang
 * on the network or throw after printing a download error.
 *
 * @param {{ electronDir: string | null, env?: Record<string, string | undefined>,
 *           exists?: (path: string) => boolean, readText?: (path: string) => string }} options
 * @returns {string | null}
 */
export function findElectronBinary({ electronDir, env = process.env, exists = existsSync, readText = (path) => readFileSync(path, 'utf8') }) {
  if (!electronDir) return null;
  let executable;
  try {
    executable = readText(join(electronDir, 'path.txt')).trim();
  } catch {
    executable = ''; // download skipped or failed: the package wrote no path.txt
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, executable || 'electron') : executable ? join(electronDir, 'dist', executable) : null;
  return candidate !== null && exists(candidate) ? candidate : null;
}

/**
 * The folder of the electron package as the project resolves it, or null.
 * @param {string} projectDir
 * @returns {string | null}
 */
export function electronPackageDir(projectDir) {
  try {
    return dirname(createRequire(join(projectDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
