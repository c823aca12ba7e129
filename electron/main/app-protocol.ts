import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

/**
 * The app's pages come from `app://hall/...`, a privileged standard scheme serving the
 * built renderer (dist/renderer): a real origin for the CSP's 'self' and for ES
 * modules, and no file:// (whose pages could read any file of the machine).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export type AppTarget =
  /** Serve `path`; when it is not a file, serve `fallback` (index.html) if there is one, else 404. */
  | { kind: 'file'; path: string; fallback: string | null }
  | { kind: 'forbidden' };

/**
 * Which file of `root` answers a URL. Pure (no file system).
 * - Only app://hall/; anything trying to leave `root` (`..`, encoded slashes or
 *   backslashes, NUL, a drive letter) is forbidden.
 * - `/` is index.html.
 * - A path without an extension is a client-side route (/kiosk, /clerk, /display,
 *   /admin, /comics/…): when no such file exists it falls back to index.html. A
 *   missing asset (with an extension) has no fallback, so a lost script is a 404,
 *   never HTML.
 */
export function resolveAppPath(rawUrl: string, root: string): AppTarget {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'forbidden' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return { kind: 'forbidden' };

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'forbidden' }; // malformed percent-encoding
  }
  // NUL, backslashes (Windows separators) and ':' (drive letters, NTFS streams) never
  // occur in the renderer's file names; refusing them keeps the check platform-proof.
  if (/[\0\\:]/.test(pathname)) return { kind: 'forbidden' };
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { kind: 'forbidden' };

  const base = resolve(root);
  const index = resolve(base, 'index.html');
  if (segments.length === 0) return { kind: 'file', path: index, fallback: null };
  const candidate = resolve(base, ...segments);
  const inside = relative(base, candidate);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { kind: 'forbidden' };

  const isRoute = extname(segments[segments.length - 1] ?? '') === '';
  return { kind: 'file', path: candidate, fallback: isRoute ? index : null };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The `protocol.handle('app', …)` handler. Uses only web-standard Request/Response
 * and node:fs, so it is tested in Node. The CSP is set here as well as by the
 * session's onHeadersReceived, so it holds whichever way the response travels.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const index = resolve(root, 'index.html');
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const target = resolveAppPath(request.url, root);
    if (target.kind === 'forbidden') return plain(403, 'Forbidden');
    let path = target.path;
    let body = await readIfFile(path);
    if (body === null && target.fallback !== null) {
      path = target.fallback;
      body = await readIfFile(path);
    }
    if (body === null) {
      return path === index ? plain(503, 'The renderer is not built: run `npm run build`.') : plain(404, 'Not found');
    }
    const headers = securityHeaders(contentTypeOf(path));
    headers.set('Cache-Control', 'no-cache'); // local files: caching gains nothing, staleness after an update costs
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

async function readIfFile(path: string): Promise<Buffer | null> {
  try {
    return (await stat(path)).isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}
