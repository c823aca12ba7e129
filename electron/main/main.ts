/**
 * The Electron host (bundled to dist/electron/main.mjs): opens the role windows,
 * hardens them, runs the hall core in a utility process and carries the RPC envelopes
 * between the two. Thin on purpose: every rule worth testing lives in a module beside
 * this one (window-options, security, app-protocol, renderer-recovery, core-link,
 * host-args, system-printing, data-key-keeper, data-key-handoff). docs/security.md
 * "Electron hardening" and "The data key" list them.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, utilityProcess, type Session, type UtilityProcess } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HALL_IPC, type Role, type RpcReply } from '../../shared/contract';
import { pickLanguage } from '../../shared/domain/languages';
import { translatorFor } from '../core/i18n/translate';
import { consoleLogger } from '../core/ports';
import { DataKeyError } from '../core/privacy/data-key-store';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { CoreLink } from './core-link';
import { DataKeyHandoff, dataKeyMessage } from './data-key-handoff';
import { DataKeyKeeper, KeyStoreError, type HandedKey, type SecretStore } from './data-key-keeper';
import { HostArgsError, parseHostArgs, type HostArgs } from './host-args';
import { envelopeId, errorReply } from './replies';
import { startPage, superviseRenderer } from './renderer-recovery';
import { APP_SCHEME, decideLaunch, hardenContents, hardenSession, isAppUrl, lockKioskWindow, senderRole } from './security';
import { SystemPrinting, answerSystemPrint, type PrintHost } from './system-printing';
import { partitionFor, printWindowOptions, roleWindowOptions } from './window-options';

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/electron
const RENDERER_DIR = resolve(HERE, '../renderer'); // dist/renderer
const PRELOAD = join(HERE, 'preload.cjs');
const CORE_ENTRY = join(HERE, 'core-process.mjs');
const CORE_TIMEOUT_MS = 10_000;
const RESTART_DELAY_MS = { first: 500, max: 30_000, stableAfter: 60_000 };

const logger = consoleLogger();

/** webContents id → role: the one place a window's role comes from. */
const windowRoles = new Map<number, Role>();
const windows = new Map<number, BrowserWindow>();
let quitting = false;
let coreStatus: 'open' | 'connecting' = 'connecting';

const args = readArgs();
if (args) {
  // Must happen before 'ready'.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (!app.requestSingleInstanceLock()) {
    // Another instance runs this hall already (and owns its database); it focuses itself.
    if (args.rotateKeys) process.stderr.write(`${translatorFor(pickLanguage(process.env.LC_ALL || process.env.LANG?.replace('_', '-')))('keysRotate.appRunning')}\n`);
    app.quit();
  } else {
    app.on('second-instance', () => {
      const first = windows.values().next().value;
      if (!first) return;
      if (first.isMinimized()) first.restore();
      first.focus();
    });
    app.on('web-contents-created', (_event, contents) =>
      hardenContents(contents, (what) => logger.warn('blocked', { what, contents: contents.id })),
    );
    app.on('before-quit', () => {
      quitting = true;
    });
    app.on('window-all-closed', () => app.quit()); // a hall terminal, not a macOS document app
    app.whenReady().then(() => start(args)).catch(fail);
  }
}

function readArgs(): HostArgs | null {
  let parsed: HostArgs;
  try {
    // argv[0] is the executable; in development argv[1] is the app folder (a positional, ignored).
    parsed = parseHostArgs(process.argv.slice(1));
  } catch (error) {
    process.stderr.write(`${error instanceof HostArgsError ? error.message : String(error)}\n`);
    app.exit(2);
    return null;
  }
  // The installed app opens no debugger and no devtools, whatever its command line says.
  const launch = decideLaunch({ packaged: app.isPackaged, dev: parsed.dev, hasSwitch: (name) => app.commandLine.hasSwitch(name) });
  if (launch.refused.length > 0) {
    process.stderr.write(`Refusing to start with ${launch.refused.map((name) => `--${name}`).join(', ')}: not allowed in the installed app\n`);
    app.exit(2);
    return null;
  }
  for (const warning of launch.warnings) process.stderr.write(`${warning}\n`);
  return { ...parsed, dev: launch.dev };
}

function start(args: HostArgs): void {
  const dataDir = resolve(args.dataDir ?? join(app.getPath('userData'), 'hall'));
  // The data key, wrapped by the OS's secret store (safeStorage is main's), handed to the core process.
  const keeper = new DataKeyKeeper(dataDir, electronSecretStore(), { allowPlainKey: args.allowPlainKey }, logger);
  if (args.rotateKeys) return rotateKeys(keeper, dataDir);
  logger.info('electron host starting', { roles: args.roles, lockdown: args.lockdown, dev: args.dev });

  if (!args.dev) {
    // No reload / devtools entries; macOS keeps an app menu and Edit (copy/paste needs it).
    Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
  }

  const systemPrinting = new SystemPrinting(electronPrintHost(), logger);
  const link = new CoreLink({
    timeoutMs: CORE_TIMEOUT_MS,
    logger,
    onPush: (push) => sendPush(push.role, push.event, push.data),
    // The core's print queue prints HTML to the OS's printers through main (answerSystemPrint never rejects).
    onSystemPrint: (message, reply) => void answerSystemPrint(systemPrinting, message).then(reply),
    onStatus: (status) => {
      coreStatus = status;
      for (const window of windows.values()) if (!window.isDestroyed()) window.webContents.send(HALL_IPC.status, status);
    },
  });
  startCore(link, keeper, dataDir, args.demo);

  ipcMain.handle(HALL_IPC.request, (event, request: unknown, language: unknown): Promise<RpcReply> | RpcReply => {
    const lang = pickLanguage(typeof language === 'string' ? language : app.getLocale());
    const role = senderRole(event, windowRoles);
    if (!role) {
      logger.warn('ipc: refused an untrusted sender', { contents: event.sender.id });
      return errorReply(envelopeId(request), 'FORBIDDEN', lang);
    }
    return link.request(event.sender.id, role, lang, request);
  });
  // Pages refetch their state when the core comes (back): they ask for it once, then get changes.
  ipcMain.handle(HALL_IPC.status, (event) => (senderRole(event, windowRoles) ? coreStatus : 'closed'));
  // The preload asks once, synchronously, which role its window has.
  ipcMain.on(HALL_IPC.role, (event) => {
    event.returnValue = senderRole(event, windowRoles);
  });

  for (const role of args.roles) openWindow(role, args);
}

function openWindow(role: Role, args: HostArgs): void {
  prepareSession(session.fromPartition(partitionFor(role)), { allowExports: role === 'clerk' || role === 'admin' });
  const window = new BrowserWindow(roleWindowOptions({ role, preloadPath: PRELOAD, dev: args.dev, lockdown: args.lockdown }));
  const contents = window.webContents;
  const id = contents.id;
  windowRoles.set(id, role);
  windows.set(id, window);

  if (role === 'kiosk' && args.lockdown) lockKioskWindow(window, () => quitting);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    windowRoles.delete(id);
    windows.delete(id);
  });
  // A crashed page comes back to its start screen; a hung kiosk or display page is ended first.
  superviseRenderer(contents, {
    role,
    watchdog: role === 'kiosk' || role === 'display',
    canReload: () => !quitting && !window.isDestroyed(),
    load: (url) => load(window, role, url),
    logger,
  });
  load(window, role, startPage(role));
}

function load(window: BrowserWindow, role: Role, url: string): void {
  if (window.isDestroyed()) return;
  window.loadURL(url).catch((error: unknown) => logger.error('page failed to load', { role, error: String(error) }));
}

const preparedSessions = new Set<Session>();
function prepareSession(ses: Session, options: { allowExports: boolean }): void {
  if (preparedSessions.has(ses)) return;
  preparedSessions.add(ses);
  hardenSession(ses, options);
  ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
}

/** What system-printing.ts needs of Electron: hidden windows, their session, the OS's printer list. */
function electronPrintHost(): PrintHost {
  return {
    createWindow: (options) => new BrowserWindow(options),
    session: (partition) => session.fromPartition(partition),
    printers: async () => {
      // A webContents method that asks the OS, not the page: any role window's will do.
      const window = [...windows.values()].find((candidate) => !candidate.isDestroyed());
      if (window) return window.webContents.getPrintersAsync();
      const hidden = new BrowserWindow(printWindowOptions());
      try {
        return await hidden.webContents.getPrintersAsync();
      } finally {
        hidden.destroy();
      }
    },
  };
}

function sendPush(role: Role, event: string, data: unknown): void {
  for (const [id, window] of windows) {
    if (windowRoles.get(id) !== role || window.isDestroyed()) continue;
    const contents = window.webContents;
    if (!isAppUrl(contents.getURL())) continue;
    contents.send(HALL_IPC.push, { event, data });
  }
}

/**
 * Runs the core in a utility process and starts it again, with backoff, if it dies. Each
 * start unwraps the data key anew and posts it first thing (data-key-handoff.ts).
 */
function startCore(link: CoreLink, keeper: DataKeyKeeper, dataDir: string, demo: boolean): void {
  let current: UtilityProcess | null = null;
  let failures = 0;
  const handoff = new DataKeyHandoff(keeper, logger);
  // A core that ran for a while gets restarted at once; one that keeps dying (a database
  // it cannot open, a key the keyring will not unwrap yet) is retried ever more slowly.
  const restartLater = (startedAt: number, why: Record<string, unknown>) => {
    failures = Date.now() - startedAt > RESTART_DELAY_MS.stableAfter ? 1 : failures + 1;
    const delay = Math.min(RESTART_DELAY_MS.max, RESTART_DELAY_MS.first * 2 ** (failures - 1));
    logger.error('hall core exited; restarting', { ...why, inMs: delay });
    setTimeout(() => void spawn(), delay);
  };
  const spawn = async () => {
    const startedAt = Date.now();
    let handed: HandedKey;
    try {
      handed = await keeper.open();
    } catch (error) {
      if (!(error instanceof KeyStoreError && error.problem === 'unwrapFailed')) return keyFailure(error);
      // Perhaps a keyring not unlocked yet: said on the console, tried again later.
      process.stderr.write(`${keyProblemText(error)}\n`);
      return restartLater(startedAt, { key: error.problem });
    }
    if (quitting) return;
    const child = utilityProcess.fork(CORE_ENTRY, ['--data', dataDir, ...(demo ? ['--demo'] : [])], {
      serviceName: 'Hall core',
      stdio: 'inherit',
    });
    current = child;
    child.once('spawn', () => {
      child.postMessage(dataKeyMessage(handed, false)); // first: the core opens nothing before it
      link.attach(child);
    });
    child.on('message', (message: unknown) => {
      if (!handoff.receive(message)) link.receive(message);
    });
    child.once('exit', (code) => {
      current = null;
      link.detach();
      if (!quitting) restartLater(startedAt, { code });
    });
  };
  app.once('will-quit', () => current?.kill()); // SIGTERM: the core closes its database
  void spawn();
}

/**
 * `--rotate-keys` (docs/security.md, "Key rotation"): a new data key, wrapped and kept as
 * the pending key, handed to a core process that rotates the database; the app then quits
 * with its result (0 rotated; 2 refused, nothing changed; 1 failed and undone). No window opens.
 */
function rotateKeys(keeper: DataKeyKeeper, dataDir: string): void {
  keeper.prepareRotation().then((handed) => {
    let exitCode = 1;
    const handoff = new DataKeyHandoff(keeper, logger, (message) => {
      exitCode = message.ok ? 0 : message.exitCode;
      app.exit(exitCode);
    });
    const child = utilityProcess.fork(CORE_ENTRY, ['--data', dataDir, '--rotate-keys'], { serviceName: 'Hall core (key rotation)', stdio: 'inherit' });
    child.once('spawn', () => child.postMessage(dataKeyMessage(handed, true)));
    child.on('message', (message: unknown) => void handoff.receive(message));
    // Gone without a word: whatever it did, the next start settles the pending key by the database.
    child.once('exit', () => app.exit(exitCode));
  }, keyFailure);
}

/** Electron's safeStorage, its asynchronous API (data-key-keeper.ts). */
function electronSecretStore(): SecretStore {
  return {
    isAsyncEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    linuxBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null),
    encryptStringAsync: (plainText) => safeStorage.encryptStringAsync(plainText),
    decryptStringAsync: (encrypted) => safeStorage.decryptStringAsync(encrypted),
  };
}

/** A data key problem no restart mends: said in a dialog and on the console, then the app ends. */
function keyFailure(error: unknown): void {
  const title = translatorFor(pickLanguage(app.getLocale()))('host.failed');
  const message = keyProblemText(error);
  process.stderr.write(`${title}: ${message}\n`);
  dialog.showErrorBox(title, message);
  app.exit(2);
}

/** What is wrong with the data key, in the machine's language (host.keyStore_*, host.dataKey_*). */
function keyProblemText(error: unknown): string {
  const t = translatorFor(pickLanguage(app.getLocale()));
  if (error instanceof KeyStoreError) return t(`host.keyStore_${error.problem}`, { path: error.path });
  if (error instanceof DataKeyError) return t(`host.dataKey_${error.problem}`, error.params);
  return error instanceof Error ? error.message : String(error);
}

function fail(error: unknown): void {
  logger.error('electron host failed', { error: error instanceof Error ? error.message : String(error) });
  app.exit(1);
}
