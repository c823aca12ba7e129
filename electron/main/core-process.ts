/**
 * Entry of the Electron utility process that owns the hall core (bundled to
 * dist/electron/core-process.mjs). better-sqlite3 is synchronous: running the core here
 * keeps the main process — and so every window — responsive while it works.
 *
 * Arguments: `--data <dir>` (required), `--demo`. Messages: see core-protocol.ts (the
 * window requests go through core-relay.ts, the core's own print calls through
 * system-printer-client.ts).
 */
import { parseArgs } from 'node:util';
import type { ParentPort } from 'electron';
import { pickLanguage } from '../../shared/domain/languages';
import { createHallCore } from '../core/core';
import { translatorFor } from '../core/i18n/translate';
import { consoleLogger } from '../core/ports';
import { keyFileDataKeyStore } from '../core/privacy/data-key-store';
import { startCoreRelay } from './core-relay';
import { SystemPrinterClient } from './system-printer-client';

const logger = consoleLogger();
const { values } = parseArgs({
  options: { data: { type: 'string' }, demo: { type: 'boolean', default: false } },
  strict: false,
});

// Electron sets `process.parentPort` in a utility process only (typed as always there).
const parentPort = process.parentPort as ParentPort | null | undefined;

if (!parentPort || typeof values.data !== 'string') {
  logger.error('core process: start me with utilityProcess.fork(…, ["--data", dir])');
  process.exit(2);
}

// The OS's printers are main's: the core's print calls go there as messages.
const systemPrinter = new SystemPrinterClient({ postMessage: (message) => parentPort.postMessage(message) }, logger);

let core: ReturnType<typeof createHallCore>;
try {
  // `npm start` passes an Electron build of better-sqlite3 (scripts/electron-natives.mjs);
  // an installed app has its own rebuilt one and no variable.
  // The data key in a file of the data folder for now; issue 9 keeps it wrapped by safeStorage.
  core = createHallCore({
    dataDir: values.data,
    demo: values.demo === true,
    logger,
    sqliteBinding: process.env.HALL_SQLITE_BINDING,
    dataKeys: keyFileDataKeyStore(values.data),
    systemPrinter,
    // A hall without an administrator (started with --no-demo): the one-time code that
    // creates the first, on the host's console (docs/security.md, "First run").
    onSetupCode: (code) => {
      const t = translatorFor(pickLanguage(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG?.replace('_', '-')));
      process.stdout.write(`${t('host.setupCodeWindow', { code })}\n`);
    },
  });
} catch (error) {
  // e.g. a database written by a newer version: main sees the exit and retries later.
  logger.error('core process: could not open the hall database', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

// One listener for main's messages: answers to the core's print calls go to the
// client, everything else to the relay.
let relay: ((data: unknown) => void) | null = null;
parentPort.on('message', (event) => {
  if (!systemPrinter.receive(event.data)) relay?.(event.data);
});
const stop = startCoreRelay(
  core,
  {
    onMessage: (listener) => {
      relay = listener;
    },
    postMessage: (message) => parentPort.postMessage(message),
  },
  logger,
);
parentPort.postMessage({ kind: 'ready' });

function shutdown(): void {
  stop();
  systemPrinter.close();
  core.close();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
