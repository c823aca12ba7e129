/**
 * The Electron host (bundled to dist/electron/main.mjs): opens the role windows,
 * hardens them, runs the hall core in a utility process and carries the RPC envelopes
 * between the two. Thin on purpose: every rule worth testing lives in a module beside
 * this one (window-options, security, app-protocol, core-link, host-args, system-printing).
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, session, utilityProcess, type Session, type UtilityProcess } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HALL_IPC, type Role, type RpcReply } from '../../shared/contract';
import { pickLanguage } from '../../shared/domain/languages';
import { consoleLogger } from '../core/ports';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { CoreLink } from './core-link';
import { HostArgsError, parseHostArgs, type HostArgs } from './host-args';
import { envelopeId, errorReply } from './replies';
import { APP_ORIGIN, APP_SCHEME, guardKioskKeys, hardenContents, hardenSession, isAppUrl, senderRole } from './security';
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
  try {
    // argv[0] is the executable; in development argv[1] is the app folder (a positional, ignored).
    return parseHostArgs(process.argv.slice(1));
  } catch (error) {
    process.stderr.write(`${error instanceof HostArgsError ? error.message : String(error)}\n`);
    app.exit(2);
    return null;
  }
}

function start(args: HostArgs): void {
  const dataDir = resolve(args.dataDir ?? join(app.getPath('userData'), 'hall'));
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
  startCore(link, dataDir, args.demo);

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

  if (role === 'kiosk' && args.lockdown) {
    window.removeMenu();
    guardKioskKeys(contents);
    window.on('close', (event) => {
      if (!quitting) event.preventDefault(); // only quitting the app (or the OS) ends a kiosk
    });
  }
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    windowRoles.delete(id);
    windows.delete(id);
  });
  // An unattended kiosk or display must come back by itself after a renderer crash.
  contents.on('render-process-gone', (_event, details) => {
    logger.error('renderer gone', { role, reason: details.reason });
    if (!window.isDestroyed() && details.reason !== 'clean-exit') setTimeout(() => load(window, role), 1000);
  });
  load(window, role);
}

function load(window: BrowserWindow, role: Role): void {
  if (window.isDestroyed()) return;
  window.loadURL(`${APP_ORIGIN}/${role}`).catch((error: unknown) => logger.error('page failed to load', { role, error: String(error) }));
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

/** Runs the core in a utility process and starts it again, with backoff, if it dies. */
function startCore(link: CoreLink, dataDir: string, demo: boolean): void {
  let current: UtilityProcess | null = null;
  let failures = 0;
  const spawn = () => {
    const startedAt = Date.now();
    const child = utilityProcess.fork(CORE_ENTRY, ['--data', dataDir, ...(demo ? ['--demo'] : [])], {
      serviceName: 'Hall core',
      stdio: 'inherit',
    });
    current = child;
    child.once('spawn', () => link.attach(child));
    child.on('message', (message: unknown) => link.receive(message));
    child.once('exit', (code) => {
      current = null;
      link.detach();
      if (quitting) return;
      // A core that ran for a while gets restarted at once; one that keeps dying
      // (a database it cannot open) is retried ever more slowly.
      failures = Date.now() - startedAt > RESTART_DELAY_MS.stableAfter ? 1 : failures + 1;
      const delay = Math.min(RESTART_DELAY_MS.max, RESTART_DELAY_MS.first * 2 ** (failures - 1));
      logger.error('hall core exited; restarting', { code, inMs: delay });
      setTimeout(spawn, delay);
    });
  };
  app.once('will-quit', () => current?.kill()); // SIGTERM: the core closes its database
  spawn();
}

function fail(error: unknown): void {
  logger.error('electron host failed', { error: error instanceof Error ? error.message : String(error) });
  app.exit(1);
}
