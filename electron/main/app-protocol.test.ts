import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, contentTypeOf, createAppProtocolHandler, resolveAppPath } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const root = resolve('/srv/hall/dist/renderer');
const index = join(root, 'index.html');

describe('resolveAppPath', () => {
  it('serves index.html for the root and falls back to it for every client-side route', () => {
    expect(resolveAppPath('app://hall/', root)).toEqual({ kind: 'file', path: index, fallback: null });
    for (const route of ['kiosk', 'clerk', 'display', 'admin', 'comics/rights', 'clerk/']) {
      expect(resolveAppPath(`app://hall/${route}`, root), route).toMatchObject({ kind: 'file', fallback: index });
    }
    expect(resolveAppPath('app://hall/kiosk?lang=en#top', root)).toEqual({ kind: 'file', path: join(root, 'kiosk'), fallback: index });
  });

  it('serves assets as themselves, with no HTML fallback when they are missing', () => {
    expect(resolveAppPath('app://hall/assets/index-3f2a.js', root)).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-3f2a.js'),
      fallback: null,
    });
    expect(resolveAppPath('app://hall/comics/%E6%9D%A1%E4%BE%8B.png', root)).toEqual({
      kind: 'file',
      path: join(root, 'comics', '条例.png'),
      fallback: null,
    });
  });

  it('refuses every way out of the renderer folder', () => {
    for (const url of [
      'app://hall/..%2f..%2fetc/passwd',
      'app://hall/assets/..%2F..%2F..%2Fsecret.txt',
      'app://hall/..%5c..%5cwindows%5cwin.ini',
      'app://hall/assets%5c..%5c..%5csecret',
      'app://hall/index.html%00.js',
      'app://hall/%E0%A4%A',
      'app://hall/C:%5cWindows%5cwin.ini',
      'app://hall/C:/Windows/win.ini',
      'app://hall/index.html::$DATA',
    ]) {
      expect(resolveAppPath(url, root), url).toEqual({ kind: 'forbidden' });
    }
  });

  it('keeps plain dot segments inside (the URL parser resolves them first)', () => {
    for (const url of ['app://hall/../../etc/passwd', 'app://hall/%2e%2e/%2e%2e/etc/passwd', 'app://hall/assets/./../etc/passwd']) {
      expect(resolveAppPath(url, root), url).toMatchObject({ kind: 'file', path: join(root, 'etc', 'passwd') });
    }
  });

  it('refuses other schemes and hosts', () => {
    for (const url of ['file:///etc/passwd', 'app://other/kiosk', 'app://hall:81/kiosk', 'https://hall/kiosk', 'nonsense']) {
      expect(resolveAppPath(url, root), url).toEqual({ kind: 'forbidden' });
    }
  });

  it('registers app as a standard, secure scheme (a real origin for the CSP and ES modules)', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });
});

describe('the app:// protocol handler', () => {
  let dir: string;
  let handle: (request: Request) => Promise<Response>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hall-renderer-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>hall</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for pages');
    handle = createAppProtocolHandler(renderer);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves the page for a role route, with the CSP', async () => {
    const response = await get('app://hall/kiosk');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>hall</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their type, and 404s a missing one', async () => {
    const script = await get('app://hall/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('app://hall/assets/missing.js')).status).toBe(404);
    // A folder is not a file: the route fallback answers.
    expect(await (await get('app://hall/assets')).text()).toContain('<title>hall</title>');
  });

  it('never serves a file outside the renderer folder', async () => {
    const response = await get('app://hall/..%2fsecret.txt');
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('not for pages');
  });

  it('only reads', async () => {
    expect((await get('app://hall/kiosk', 'POST')).status).toBe(405);
    const head = await get('app://hall/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says the renderer is not built when there is no index.html', async () => {
    const response = await createAppProtocolHandler(join(dir, 'nothing-here'))(new Request('app://hall/kiosk'));
    expect(response.status).toBe(503);
  });

  it('knows the usual content types', () => {
    expect(contentTypeOf('a/b.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
