import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/contract';
import { html } from '../../shared/receipts/html';
import { documentPage } from '../../shared/receipts/page';
import {
  CONTENT_SECURITY_POLICY,
  FORBIDDEN_SWITCHES,
  decideLaunch,
  guardKioskKeys,
  hardenContents,
  hardenPrintSession,
  hardenSession,
  isAppRequest,
  isAppUrl,
  isBlockedKioskInput,
  isTrustedSender,
  lockKioskWindow,
  senderRole,
  withContentSecurityPolicy,
  type ContentsPort,
  type KeyInput,
  type PrintSessionPort,
  type SessionPort,
} from './security';
import { PRINT_PARTITION, printWindowOptions } from './window-options';

/** Records listeners like an EventEmitter; `emit` returns whether the event was prevented. */
class FakeEmitter {
  readonly listeners = new Map<string, ((...args: any[]) => void)[]>();
  on(event: string, listener: (...args: any[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, first: Record<string, unknown> = {}, ...rest: unknown[]): boolean {
    let prevented = false;
    const details = { ...first, preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) listener(details, ...rest);
    return prevented;
  }
}

class FakeContents extends FakeEmitter implements ContentsPort {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
}

describe('isAppUrl', () => {
  it('accepts app://hall/ pages only', () => {
    expect(isAppUrl('app://hall/kiosk')).toBe(true);
    expect(isAppUrl('app://hall/')).toBe(true);
    expect(isAppUrl('app://hall/assets/index-abc.js?x=1#y')).toBe(true);
    for (const url of [
      'https://hall/kiosk',
      'file:///C:/hall/index.html',
      'app://hall.evil.example/kiosk',
      'app://evil/kiosk',
      'app://hall:8080/kiosk',
      'app://user:pw@hall/kiosk',
      'about:blank',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('hardenContents', () => {
  it('lets pages navigate within app://hall/ and stops every other navigation or redirect', () => {
    const contents = new FakeContents();
    const blocked: string[] = [];
    hardenContents(contents, (what) => blocked.push(what));
    expect(contents.emit('will-navigate', { url: 'app://hall/clerk' })).toBe(false);
    expect(contents.emit('will-navigate', { url: 'https://example.com/' })).toBe(true);
    expect(contents.emit('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(contents.emit('will-navigate', { url: 'app://hall.evil.example/kiosk' })).toBe(true);
    expect(contents.emit('will-redirect', { url: 'app://hall/display' })).toBe(false);
    expect(contents.emit('will-redirect', { url: 'http://127.0.0.1:4180/' })).toBe(true);
    expect(blocked).toEqual(['navigation', 'navigation', 'navigation', 'navigation']);
  });

  it('denies every new window and every webview', () => {
    const contents = new FakeContents();
    hardenContents(contents);
    expect(contents.windowOpenHandler?.({ url: 'app://hall/admin' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.emit('will-attach-webview', {}, {}, { src: 'app://hall/' })).toBe(true);
  });
});

describe('hardenSession', () => {
  type Handlers = {
    request?: Parameters<SessionPort['setPermissionRequestHandler']>[0];
    check?: Parameters<SessionPort['setPermissionCheckHandler']>[0];
    device?: Parameters<SessionPort['setDevicePermissionHandler']>[0];
    beforeRequest?: Parameters<SessionPort['webRequest']['onBeforeRequest']>[0];
    headers?: Parameters<SessionPort['webRequest']['onHeadersReceived']>[0];
  };
  function fakeSession(options?: { allowExports: boolean }) {
    const handlers: Handlers = {};
    const emitter = new FakeEmitter();
    const session: SessionPort = {
      setPermissionRequestHandler: (handler) => void (handlers.request = handler),
      setPermissionCheckHandler: (handler) => void (handlers.check = handler),
      setDevicePermissionHandler: (handler) => void (handlers.device = handler),
      on: (event, listener) => emitter.on(event, listener),
      webRequest: {
        onBeforeRequest: (listener) => void (handlers.beforeRequest = listener),
        onHeadersReceived: (listener) => void (handlers.headers = listener),
      },
    };
    hardenSession(session, options);
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      handlers.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    return { ...handlers, cancelled, emit: (event: string, ...args: unknown[]) => emitter.emit(event, {}, ...args) };
  }

  it('loads no remote content: every request that is not for the app itself is cancelled', () => {
    const session = fakeSession({ allowExports: true });
    for (const url of ['app://hall/kiosk', 'app://hall/assets/index-3f2a.js', 'data:image/png;base64,AA==', 'blob:app://hall/1b2c', 'devtools://devtools/bundled/devtools_app.html']) {
      expect(session.cancelled(url), url).toBe(false);
    }
    for (const url of [
      'https://example.com/tracker.js',
      'http://127.0.0.1:4180/api/queue.list',
      'ws://10.0.0.2/ws',
      'wss://hub.example/ws',
      'file:///etc/passwd',
      'file:///C:/Windows/win.ini',
      'ftp://example.com/',
      'app://evil/kiosk',
      'app://hall.evil.example/',
      'app://hall:81/',
      'blob:https://example.com/1b2c',
      'blob:null/1b2c',
      'chrome://gpu',
      'about:blank',
      'not a url',
    ]) {
      expect(session.cancelled(url), url).toBe(true);
      expect(isAppRequest(url), url).toBe(false);
    }
  });

  it('denies every permission request and check, and every device', () => {
    const session = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'usb']) {
      const answers: boolean[] = [];
      session.request?.({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(session.check?.({}, permission), permission).toBe(false);
    }
    expect(session.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels downloads, except exports the page made in windows that may export', () => {
    const item = (url: string) => ({ getURL: () => url });
    const kiosk = fakeSession();
    expect(kiosk.emit('will-download', item('blob:app://hall/1b2c'))).toBe(true);
    const admin = fakeSession({ allowExports: true });
    expect(admin.emit('will-download', item('blob:app://hall/1b2c'))).toBe(false);
    expect(admin.emit('will-download', item('https://example.org/file.exe'))).toBe(true);
    expect(admin.emit('will-download', item('blob:https://example.org/1b2c'))).toBe(true);
  });

  it('sets the strict CSP on every response, replacing a looser one whatever its case', () => {
    const session = fakeSession();
    let headers: Record<string, string | string[]> | undefined;
    session.headers?.(
      { url: 'app://hall/kiosk', responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('has the policy the design asks for', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('names no remote origin and nothing unsafe, in any directive: only the app itself, none, and data: images', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources] as const;
    }));
    for (const required of ['default-src', 'script-src', 'style-src', 'connect-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(directives.has(required), required).toBe(true);
    }
    for (const [name, sources] of directives) {
      const allowed = name === 'img-src' ? ["'self'", 'data:'] : ["'self'", "'none'"];
      for (const source of sources) expect(allowed, `${name} ${source}`).toContain(source);
    }
    for (const locked of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(directives.get(locked), locked).toEqual(["'none'"]);
  });
});

describe('hardenPrintSession', () => {
  function fakePrintSession() {
    const handlers: {
      request?: Parameters<PrintSessionPort['setPermissionRequestHandler']>[0];
      check?: Parameters<PrintSessionPort['setPermissionCheckHandler']>[0];
      device?: Parameters<PrintSessionPort['setDevicePermissionHandler']>[0];
      beforeRequest?: Parameters<PrintSessionPort['webRequest']['onBeforeRequest']>[0];
    } = {};
    const emitter = new FakeEmitter();
    hardenPrintSession({
      setPermissionRequestHandler: (handler) => void (handlers.request = handler),
      setPermissionCheckHandler: (handler) => void (handlers.check = handler),
      setDevicePermissionHandler: (handler) => void (handlers.device = handler),
      on: (event, listener) => emitter.on(event, listener),
      webRequest: {
        onBeforeRequest: (listener) => void (handlers.beforeRequest = listener),
      },
    });
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      handlers.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    return { ...handlers, cancelled, emit: (event: string, ...args: unknown[]) => emitter.emit(event, {}, ...args) };
  }

  it('denies every permission and device, and every download', () => {
    const session = fakePrintSession();
    const answers: boolean[] = [];
    session.request?.({}, 'notifications', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(session.check?.({}, 'media')).toBe(false);
    expect(session.device?.({ deviceType: 'hid' })).toBe(false);
    expect(session.emit('will-download', { getURL: () => 'data:application/pdf;base64,AA==' })).toBe(true);
  });

  it('lets only the data: page through: no web, no file, not even the app', () => {
    const session = fakePrintSession();
    expect(session.cancelled('data:text/html;charset=utf-8;base64,PHA+eDwvcD4=')).toBe(false);
    expect(session.cancelled('DATA:image/png;base64,AA==')).toBe(false);
    for (const url of ['https://example.com/pixel.gif', 'http://127.0.0.1:4180/', 'file:///C:/Windows/win.ini', 'app://hall/admin', 'ws://10.0.0.2/', 'blob:null/1']) {
      expect(session.cancelled(url), url).toBe(true);
    }
  });

  // A data: page has no network response, so no header of the session could reach it:
  // what protects it is its window and its own <meta> policy.
  it('prints the page in a window that runs no script, sandboxed, in this session', () => {
    expect(printWindowOptions().webPreferences).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false, partition: PRINT_PARTITION });
    expect(printWindowOptions().webPreferences?.preload).toBeUndefined();
  });

  it("gives every printed page its own strict <meta> policy, before anything it governs: inline styles and data: images, nothing else", () => {
    for (const pageSize of ['80mm', 'A4'] as const) {
      const page = documentPage({ language: 'zh-CN', title: 'x', pageSize, body: html`<p>x</p>` });
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
      expect(meta?.[1]?.split('; ')).toEqual(["default-src 'none'", "style-src 'unsafe-inline'", 'img-src data:']);
      // A <meta> policy only governs what follows it: the title, the style sheet, the body.
      expect(meta!.index).toBeLessThan(page.indexOf('<title>'));
      expect(meta!.index).toBeLessThan(page.indexOf('<style>'));
    }
  });
});

describe('senderRole / isTrustedSender', () => {
  const windows = new Map<number, Role>([
    [1, 'kiosk'],
    [2, 'clerk'],
  ]);
  const top = (url: string) => ({ url, parent: null });

  it("answers with main's role for the window, whatever the page is", () => {
    expect(senderRole({ sender: { id: 1 }, senderFrame: top('app://hall/kiosk') }, windows)).toBe('kiosk');
    // A kiosk window showing the admin route is still a kiosk.
    expect(senderRole({ sender: { id: 1 }, senderFrame: top('app://hall/admin') }, windows)).toBe('kiosk');
    expect(isTrustedSender({ sender: { id: 2 }, senderFrame: top('app://hall/clerk') }, windows)).toBe(true);
  });

  it('refuses windows main did not create, other origins, embedded frames and gone frames', () => {
    expect(senderRole({ sender: { id: 3 }, senderFrame: top('app://hall/admin') }, windows)).toBeNull();
    expect(senderRole({ sender: { id: 2 }, senderFrame: top('https://example.com/') }, windows)).toBeNull();
    expect(senderRole({ sender: { id: 2 }, senderFrame: top('file:///index.html') }, windows)).toBeNull();
    expect(senderRole({ sender: { id: 2 }, senderFrame: { url: 'app://hall/clerk', parent: top('app://hall/clerk') } }, windows)).toBeNull();
    expect(isTrustedSender({ sender: { id: 2 }, senderFrame: null }, windows)).toBe(false);
  });
});

describe('kiosk keys', () => {
  const key = (key: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({
    type: 'keyDown',
    key,
    code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...modifiers,
  });

  it('blocks reloads, fullscreen exits, devtools, closing and history keys', () => {
    for (const input of [
      key('r', { control: true }),
      key('r', { control: true, shift: true }),
      key('c', { control: true, shift: true }),
      key('F4', { control: true }),
      key('ArrowRight', { alt: true }),
      key('BrowserBack'),
      key('F5', { control: true }),
      { ...key('F11'), type: 'rawKeyDown' },
      key('R', { meta: true, shift: true }),
      key('F5'),
      key('F11'),
      key('F12'),
      key('Escape'),
      key('I', { control: true, shift: true }),
      key('j', { meta: true, shift: true }),
      key('F4', { alt: true }),
      key('w', { control: true }),
      key('q', { meta: true }),
      key('ArrowLeft', { alt: true }),
      // A Russian layout: the key is 'к', the physical key is still R.
      { ...key('к', { control: true }), code: 'KeyR' },
    ]) {
      expect(isBlockedKioskInput(input), JSON.stringify(input)).toBe(true);
    }
  });

  it('lets ordinary typing through, and key releases', () => {
    for (const input of [
      key('r'),
      key('R', { shift: true }),
      key('w'),
      key('Enter'),
      key('Backspace'),
      key('ArrowLeft'),
      key('i', { shift: true }),
      key('c', { control: true }), // copy
      key('v', { control: true }), // paste
      { ...key('F5'), type: 'keyUp' },
    ]) {
      expect(isBlockedKioskInput(input), JSON.stringify(input)).toBe(false);
    }
  });

  it('prevents the blocked keys on the window', () => {
    const contents = new FakeEmitter();
    guardKioskKeys(contents);
    expect(contents.emit('before-input-event', {}, key('F5'))).toBe(true);
    expect(contents.emit('before-input-event', {}, key('a'))).toBe(false);
  });
});

describe('lockKioskWindow', () => {
  function lockedWindow() {
    let quitting = false;
    const window = Object.assign(new FakeEmitter(), { menuRemoved: false, webContents: new FakeEmitter() });
    lockKioskWindow(Object.assign(window, { removeMenu: () => void (window.menuRemoved = true) }), () => quitting);
    return { window, quit: () => (quitting = true) };
  }

  it('removes the menu, blocks the escape keys and refuses to close, until the app quits', () => {
    const { window, quit } = lockedWindow();
    expect(window.menuRemoved).toBe(true);
    expect(window.webContents.emit('before-input-event', {}, { type: 'keyDown', key: 'Escape', code: 'Escape', control: false, meta: false, alt: false, shift: false })).toBe(true);
    expect(window.emit('close')).toBe(true); // Alt+F4, the window manager: refused
    quit();
    expect(window.emit('close')).toBe(false);
  });
});

describe('decideLaunch', () => {
  const switches = (...present: string[]) => (name: string) => present.includes(name);

  it('keeps --dev and every switch in a development run', () => {
    expect(decideLaunch({ packaged: false, dev: true, hasSwitch: switches('remote-debugging-port', 'inspect', 'no-sandbox') })).toEqual({
      dev: true,
      refused: [],
      warnings: [],
    });
  });

  it('gives the installed app no devtools, even with --dev', () => {
    const launch = decideLaunch({ packaged: true, dev: true, hasSwitch: switches() });
    expect(launch.dev).toBe(false);
    expect(launch.refused).toEqual([]);
    expect(launch.warnings).toEqual([expect.stringMatching(/--dev is ignored/)]);
    expect(decideLaunch({ packaged: true, dev: false, hasSwitch: switches() })).toEqual({ dev: false, refused: [], warnings: [] });
  });

  it('refuses to start the installed app with a debugger or the web security off', () => {
    expect(decideLaunch({ packaged: true, dev: false, hasSwitch: switches('remote-debugging-port', 'disable-web-security', 'lang') }).refused).toEqual([
      'remote-debugging-port',
      'disable-web-security',
    ]);
    for (const name of FORBIDDEN_SWITCHES) expect(decideLaunch({ packaged: true, dev: false, hasSwitch: switches(name) }).refused, name).toEqual([name]);
    expect(FORBIDDEN_SWITCHES).toEqual(expect.arrayContaining(['remote-debugging-port', 'remote-debugging-pipe', 'disable-web-security', 'inspect']));
  });

  it('starts without the sandbox where the AppImage asks for it, and says so', () => {
    const launch = decideLaunch({ packaged: true, dev: false, hasSwitch: switches('no-sandbox') });
    expect(launch.refused).toEqual([]);
    expect(launch.warnings).toEqual([expect.stringMatching(/--no-sandbox.*sandbox/)]);
  });
});
