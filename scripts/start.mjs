/**
 * `npm start [-- args]`: the hall, on whichever host this machine can run.
 * - Electron's binary installed: build everything, then run the Electron host
 *   (args go to it, e.g. `--role kiosk`, `--data <dir>`).
 * - Not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, offline install …): build the
 *   renderer and run the Node host with the demo hall in <project>/.data (args go to
 *   it, e.g. `--port 5000`); open the printed URLs in a browser.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, findElectronBinary } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-natives.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A host message from the app's own locale files, in the language of the terminal (LANG). */
function hostMessage(key) {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const file = /^zh_(HK|TW|MO)/i.test(lang) ? 'zh-HK' : /^en/i.test(lang) ? 'en' : 'zh-CN';
  const messages = JSON.parse(readFileSync(join(root, 'shared', 'i18n', 'locales', `${file}.json`), 'utf8'));
  return messages.host[key];
}
const extraArgs = process.argv.slice(2);

/** npm itself: the one running this script when there is one (no shell needed), else `npm` on the PATH. */
function npm(script) {
  const npmCli = process.env.npm_execpath;
  return npmCli && /\.c?js$/.test(npmCli)
    ? run(process.execPath, [npmCli, 'run', script])
    : run('npm', ['run', script], { shell: process.platform === 'win32' });
}

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      process.stderr.write(`${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs the host until it ends, passing on SIGINT/SIGTERM, then exits with its code. */
function runHost(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      // Ctrl+C in a terminal reaches the host directly too (same process group); sending
      // it a second one at once would cut its clean shutdown short. So pass the signal
      // on only if the host has not gone by itself a moment later.
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      }, 1500).unref();
    });
  }
  child.on('error', (error) => {
    process.stderr.write(`${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 0)));
}

const electron = findElectronBinary({ electronDir: electronPackageDir(root) });
if (electron) {
  const built = await npm('build');
  if (built !== 0) process.exit(built);
  const binding = ensureElectronSqlite(root, electronPackageDir(root));
  if (!binding) process.exit(1);
  runHost(electron, [root, ...extraArgs], { ...process.env, HALL_SQLITE_BINDING: binding });
} else {
  process.stdout.write(`${hostMessage('noElectron')}\n`);
  const built = await npm('build:renderer');
  if (built !== 0) process.exit(built);
  runHost(process.execPath, ['--import', 'tsx', join('electron', 'server', 'cli.ts'), '--demo', '--data', join(root, '.data'), ...extraArgs]);
}
