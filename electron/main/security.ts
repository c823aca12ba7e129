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
 * where to save). Every response carries the strict CSP.
 */
export function hardenSession(session: SessionPort, options: { allowExports: boolean } = { allowExports: false }): void {
  denyPermissions(session);
  session.on('will-download', (event, item) => {
    if (!(options.allowExports && item.getURL().startsWith(`blob:${APP_ORIGIN}/`))) event.preventDefault();
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
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
