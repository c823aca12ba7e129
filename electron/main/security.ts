import type { Role } from '../../shared/contract';

/**
 * The Electron hardening of DESIGN.md section 6. Every function here takes a small
 * structural "port" instead of importing electron at runtime, so the rules can be
 * tested in plain Node with fakes; main.ts passes the real WebContents / Session.
 */

/** The only origin the app's pages load from (served by app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hall';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True only for `app://hall/...` exactly: no other host, no port, no credentials. */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

// ---------------------------------------------------------------------------------
// webContents: navigation, new windows, <webview>

interface Preventable {
  preventDefault(): void;
}
interface NavigationDetails extends Preventable {
  readonly url: string;
}

/** The part of Electron's WebContents that hardening uses. */
export interface ContentsPort {
  on(event: 'will-navigate', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Applied to every webContents the app creates: pages may only move within
 * app://hall/ (role routes are client-side; a full navigation elsewhere — a link, a
 * redirect, a dropped file — is refused), may not open windows, may not embed webviews.
 */
export function hardenContents(contents: ContentsPort, onBlocked: (what: string) => void = () => {}): void {
  const keepInApp = (details: NavigationDetails) => {
    if (isAppUrl(details.url)) return;
    details.preventDefault();
    onBlocked('navigation');
  };
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview');
  });
  contents.setWindowOpenHandler(() => {
    onBlocked('window.open');
    return { action: 'deny' };
  });
}

// ---------------------------------------------------------------------------------
// session: permissions, CSP, downloads

type ResponseHeaders = Record<string, string | string[]>;

/** The part of Electron's Session that hardening uses. */
export interface SessionPort {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  on(event: 'will-download', listener: (event: Preventable, item: { getURL(): string }) => void): unknown;
  readonly webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Nothing the hall's pages do needs a browser permission (camera, geolocation,
 * notifications, USB, clipboard reads …): every request and check is refused. The
 * only downloads are exports the page itself made (a statistics CSV, as a blob: of
 * the app), and only where `allowExports` (clerk and admin windows; Electron asks
 * where to save). No remote content: every request that is not for the app itself is
 * cancelled before it leaves (the CSP says the same to the page; this holds for what
 * the CSP does not govern). Every response carries the strict CSP.
 */
export function hardenSession(session: SessionPort, options: { allowExports: boolean } = { allowExports: false }): void {
  denyPermissions(session);
  session.on('will-download', (event, item) => {
    if (!(options.allowExports && item.getURL().startsWith(`blob:${APP_ORIGIN}/`))) event.preventDefault();
  });
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAppRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/**
 * What a role window may request: the app's own pages and files, the `data:` images its
 * CSP allows, the blobs it made itself (exports), and Chromium's own DevTools pages
 * (they exist only in a `--dev` staff window). Nothing remote, no file://.
 */
export function isAppRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'data:' || scheme === 'devtools:') return true;
  return scheme === 'blob:' && isAppUrl(url.slice('blob:'.length));
}

/** Replaces any Content-Security-Policy header (whatever its case) with ours. */
export function withContentSecurityPolicy(headers: Record<string, string[]> = {}): ResponseHeaders {
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

function denyPermissions(session: Pick<SessionPort, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

// ---------------------------------------------------------------------------------
// the print session (hidden print windows, system-printing.ts)

/** The part of Electron's Session that the print session's hardening uses. */
export interface PrintSessionPort extends Omit<SessionPort, 'webRequest'> {
  readonly webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
  };
}

/**
 * The print windows' session: every permission and download refused, and every request
 * that is not a `data:` URL cancelled — the page is one (main loads it so), and a receipt
 * needs nothing else: its styles are inline, its QR code inline SVG.
 *
 * No Content-Security-Policy header is set here: a `data:` page has no network response,
 * so `onHeadersReceived` never runs for it, and every other request is cancelled before
 * it has one. What protects the printed page is its own `<meta>` policy
 * (shared/receipts/page.ts: no script, no request, inline styles and data: images only),
 * `javascript: false` and the sandbox of its window (window-options.ts
 * `printWindowOptions`), and this session.
 */
export function hardenPrintSession(session: PrintSessionPort): void {
  denyPermissions(session);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isDataUrl(details.url) }));
}

function isDataUrl(url: string): boolean {
  return url.slice(0, 5).toLowerCase() === 'data:';
}

// ---------------------------------------------------------------------------------
// IPC sender check

export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}
export interface IpcSenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrame | null;
}

/**
 * The role of an IPC sender, or null when it must not be answered. The sender must
 * be the top frame of a window main created (looked up by webContents id in main's
 * own window→role map) showing a page of app://hall/. The role therefore always
 * comes from main, never from anything the renderer says.
 */
export function senderRole(event: IpcSenderEvent, windowRoles: ReadonlyMap<number, Role>): Role | null {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return null; // gone, or an embedded frame
  if (!isAppUrl(frame.url)) return null;
  return windowRoles.get(event.sender.id) ?? null;
}

export function isTrustedSender(event: IpcSenderEvent, windowRoles: ReadonlyMap<number, Role>): boolean {
  return senderRole(event, windowRoles) !== null;
}

// ---------------------------------------------------------------------------------
// kiosk keys

export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly code: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/**
 * Keys a visitor could use to leave or break a kiosk: reload (Ctrl/Cmd+R, F5), leave
 * fullscreen (F11, Escape), devtools (F12, Ctrl/Cmd+Shift+I/J/C), close or quit
 * (Alt+F4, Ctrl/Cmd+W, Ctrl+F4, Cmd+Q), history back/forward (Alt+←/→, which could
 * show the previous visitor's page). Electron's kiosk flag is only fullscreen on
 * Windows and Linux, so the app blocks its own shortcuts; the OS lock-down (Assigned
 * Access, a kiosk session) is the site's part.
 */
export function isBlockedKioskInput(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  const letter = (name: string) => key === name || input.code === `Key${name.toUpperCase()}`;
  const command = input.control || input.meta;
  if (key === 'f5' || key === 'f11' || key === 'f12' || key === 'escape' || key === 'browserback' || key === 'browserforward') return true;
  if (command && (letter('r') || letter('w') || letter('q'))) return true;
  if (command && input.shift && (letter('i') || letter('j') || letter('c'))) return true;
  if ((input.alt || input.control) && key === 'f4') return true;
  if (input.alt && (key === 'arrowleft' || key === 'arrowright')) return true;
  return false;
}

export interface KioskContentsPort {
  on(event: 'before-input-event', listener: (event: Preventable, input: KeyInput) => void): unknown;
}

export function guardKioskKeys(contents: KioskContentsPort): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKioskInput(input)) event.preventDefault();
  });
}

/** The part of Electron's BrowserWindow that the kiosk lock-down uses. */
export interface KioskWindowPort {
  removeMenu(): void;
  on(event: 'close', listener: (event: Preventable) => void): unknown;
  readonly webContents: KioskContentsPort;
}

/**
 * A locked-down kiosk window (its options: window-options.ts): no menu, the escape
 * keys blocked, and closing refused — Alt+F4 reaches the OS, not the page — unless
 * the whole app is quitting (the OS shutting down, the IT officer ending the app).
 */
export function lockKioskWindow(window: KioskWindowPort, isQuitting: () => boolean): void {
  window.removeMenu();
  guardKioskKeys(window.webContents);
  window.on('close', (event) => {
    if (!isQuitting()) event.preventDefault();
  });
}

// ---------------------------------------------------------------------------------
// launch: debugging and weakening switches

/**
 * Chromium and Node switches that open the app to a debugger or weaken what protects
 * its pages. The fuses already make a packaged app ignore Node's `--inspect*` and
 * NODE_OPTIONS; these are Chromium's, which no fuse covers (a remote-debugging port is
 * DevTools by another door, `--disable-web-security` undoes the pages' origin checks).
 */
export const FORBIDDEN_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'js-flags',
  'disable-web-security',
  'disable-site-isolation-trials',
  'single-process',
] as const;

/**
 * `--no-sandbox` turns Chromium's OS sandbox off for every window. It is said, not
 * refused: electron-builder's AppImage adds it itself where the OS allows no user
 * namespaces, and a kiosk that does not start helps nobody. The deb package (its
 * chrome-sandbox helper) keeps the sandbox.
 */
export const WARNED_SWITCHES = ['no-sandbox'] as const;

export interface LaunchDecision {
  /** Whether `--dev` holds: only in a development run, never in the packaged app. */
  dev: boolean;
  /** Forbidden switches present (the packaged app refuses to start with any). */
  refused: string[];
  /** Said on the console: `--dev` ignored, the sandbox off. */
  warnings: string[];
}

/**
 * What a launch may do. `hasSwitch` is Electron's `app.commandLine.hasSwitch`, which
 * parses the command line as Chromium does (every prefix, case on Windows). A development
 * run (not packaged) keeps every switch: developers attach debuggers.
 */
export function decideLaunch(input: { packaged: boolean; dev: boolean; hasSwitch: (name: string) => boolean }): LaunchDecision {
  if (!input.packaged) return { dev: input.dev, refused: [], warnings: [] };
  const warnings: string[] = [];
  if (input.dev) warnings.push('--dev is ignored in the installed app: no devtools in production');
  for (const name of WARNED_SWITCHES) {
    if (input.hasSwitch(name)) warnings.push(`--${name}: the pages run without Chromium's sandbox (install the deb package, or allow user namespaces)`);
  }
  return { dev: false, refused: FORBIDDEN_SWITCHES.filter((name) => input.hasSwitch(name)), warnings };
}
