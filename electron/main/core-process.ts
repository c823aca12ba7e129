/**
 * Entry of the Electron utility process that owns the hall core (bundled to
 * dist/electron/core-process.mjs). better-sqlite3 is synchronous: running the core here
 * keeps the main process — and so every window — responsive while it works.
 *
 * Arguments: `--data <dir>` (required), `--demo`, `--rotate-keys` (rotate the data key,
 * then exit: docs/security.md, "Key rotation"). Messages: see core-protocol.ts (the
 * window requests go through core-relay.ts, the core's own print calls through
 * system-printer-client.ts). The data key comes first, from main, over the message port
 * (data-key-handoff.ts): the database is not opened before it.
 */
import { parseArgs } from 'node:util';
import type { ParentPort } from 'electron';
import { pickLanguage } from '../../shared/domain/languages';
import { createHallCore } from '../core/core';
import { translatorFor } from '../core/i18n/translate';
import { consoleLogger } from '../core/ports';
import { rotationRefusal } from '../core/privacy/rotate-data-folder';
import { startCoreRelay } from './core-relay';
import type { DataKeyMessage } from './core-protocol';
import { DataKeyReceiver, coreDataKeyStore, rotateHandedKey } from './data-key-handoff';
import { SystemPrinterClient } from './system-printer-client';

/** Main posts the key right after the spawn; a process that gets none gives up (main starts another). */
const DATA_KEY_TIMEOUT_MS = 30_000;

const logger = consoleLogger();
const { values } = parseArgs({
  options: { data: { type: 'string' }, demo: { type: 'boolean', default: false }, 'rotate-keys': { type: 'boolean', default: false } },
  strict: false,
});
const t = translatorFor(pickLanguage(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG?.replace('_', '-')));

// Electron sets `process.parentPort` in a utility process only (typed as always there).
const parentPort = process.parentPort as ParentPort | null | undefined;

if (!parentPort || typeof values.data !== 'string') {
  logger.error('core process: start me with utilityProcess.fork(…, ["--data", dir])');
  process.exit(2);
}
const dataDir = values.data;
const post = (message: unknown) => parentPort.postMessage(message);

// The OS's printers are main's: the core's print calls go there as messages.
const systemPrinter = new SystemPrinterClient({ postMessage: post }, logger);

// One listener for main's messages: the data key, answers to the core's print calls,
// and everything else for the relay — held until the core is open.
const keyReceiver = new DataKeyReceiver(DATA_KEY_TIMEOUT_MS);
let relay: ((data: unknown) => void) | null = null;
const early: unknown[] = [];
parentPort.on('message', (event) => {
  if (keyReceiver.receive(event.data) || systemPrinter.receive(event.data)) return;
  if (relay) relay(event.data);
  else early.push(event.data);
});

let handed: DataKeyMessage;
try {
  handed = await keyReceiver.received;
} catch (error) {
  logger.error('core process: no data key', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

if (values['rotate-keys'] === true) {
  // `--rotate-keys`: no windows are served; the result goes to the console the app was started from.
  try {
    const report = rotateHandedKey(dataDir, handed, post, { now: Date.now(), nativeBinding: process.env.HALL_SQLITE_BINDING });
    process.stdout.write(`${t('keysRotate.rotated', { ...report })}\n`);
    post({ kind: 'keysRotated', ok: true, report });
  } catch (error) {
    const refused = rotationRefusal(error, t);
    process.stderr.write(`${refused ? `${t('keysRotate.failed')}: ${refused}` : t('keysRotate.undone', { reason: error instanceof Error ? error.message : String(error) })}\n`);
    post({ kind: 'keysRotated', ok: false, exitCode: refused ? 2 : 1 });
  }
  // Main ends the app (and this process) once it has the message; exiting here at once could lose it.
  setTimeout(() => process.exit(0), 5000);
} else {
  openCore(handed);
}

/** The hall core under the handed key, serving main's requests until SIGTERM. */
function openCore(key: DataKeyMessage): void {
  let core: ReturnType<typeof createHallCore>;
  try {
    // `npm start` passes an Electron build of better-sqlite3 (scripts/electron-natives.mjs);
    // an installed app has its own rebuilt one and no variable.
    core = createHallCore({
      dataDir,
      demo: values.demo === true,
      logger,
      sqliteBinding: process.env.HALL_SQLITE_BINDING,
      dataKeys: coreDataKeyStore(key, dataDir, post),
      systemPrinter,
      // A hall without an administrator (started with --no-demo): the one-time code that
      // creates the first, on the host's console (docs/security.md, "First run").
      onSetupCode: (code) => process.stdout.write(`${t('host.setupCodeWindow', { code })}\n`),
    });
  } catch (error) {
    // e.g. a database written by a newer version, or a key that is not the database's: main
    // sees the exit and retries later. Said in words on the console the app was started from.
    const refused = rotationRefusal(error, t);
    if (refused) process.stderr.write(`${t('host.failed')}: ${refused}\n`);
    logger.error('core process: could not open the hall database', { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }

  const stop = startCoreRelay(
    core,
    {
      onMessage: (listener) => {
        relay = listener;
        for (const data of early.splice(0)) listener(data);
      },
      postMessage: post,
    },
    logger,
  );
  post({ kind: 'ready' });

  const shutdown = () => {
    stop();
    systemPrinter.close();
    core.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
