import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native module: the copy in node_modules is built for Node (the
 * tests, the Node host), and Electron needs one built for its own ABI. Rather than
 * rebuilding node_modules in place (which breaks Node), `npm start` keeps an Electron
 * build beside it, per Electron version, and the core process loads it through
 * better-sqlite3's `nativeBinding` option (HALL_SQLITE_BINDING). Installers rebuild for
 * Electron anyway (electron-builder's npmRebuild) and need none of this.
 */

/** Where the Electron build of better_sqlite3.node for this Electron version lives. */
export function electronBindingPath(root, electronVersion, arch = process.arch) {
  return join(root, 'node_modules', '.cache', 'hall-electron-natives', `electron-${electronVersion}-${arch}`, 'better_sqlite3.node');
}

/** The commands that make it, first that works wins: a prebuilt binary, else a compile. */
export function buildCommands(root, electronVersion, arch = process.arch) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  return [
    [bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion, '--arch', arch]],
    [bin('node-gyp'), ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers']],
  ];
}

/** Returns the binding's path, building it on first use; null (with a message) when that fails. */
export function ensureElectronSqlite(root, electronDir, log = (line) => process.stderr.write(`${line}\n`)) {
  const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const target = electronBindingPath(root, electronVersion);
  if (existsSync(target)) return target;

  log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const work = mkdtempSync(join(tmpdir(), 'hall-sqlite-electron-'));
  try {
    cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`) });
    for (const [command, args] of buildCommands(root, electronVersion)) {
      const result = spawnSync(command, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });
      const built = join(work, 'build', 'Release', 'better_sqlite3.node');
      if (result.status === 0 && existsSync(built)) {
        mkdirSync(join(target, '..'), { recursive: true });
        cpSync(built, target);
        return target;
      }
    }
    log('Could not build better-sqlite3 for Electron (it needs Electron headers or a prebuilt binary from the network).');
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
