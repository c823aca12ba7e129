/**
 * The packaged app's hardening, read from the build configuration (DESIGN.md §6, issue 9
 * "Electron hardening"): the fuses, the asar archive, the native addons unpacked from it,
 * no OS-wide URL scheme, and main serving its pages from app://hall. Electron's binary is
 * not here, so the configuration is read as electron-builder itself reads it — its own
 * loader and its own schema — and what electron-builder would do with it is checked.
 */
import { existsSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/contract';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { startPage } from './renderer-recovery';
import { APP_SCHEME, isAppUrl } from './security';

const root = fileURLToPath(new URL('../../', import.meta.url));

type Fuses = NonNullable<Configuration['electronFuses']>;
type FuseName = Exclude<keyof Fuses, 'resetAdHocDarwinSignature'>;

/**
 * Every fuse, and the only value it may have. `Record<FuseName, …>`: when electron-builder
 * learns a new fuse, the typecheck fails here until someone decides its value.
 */
const REQUIRED_FUSES: Record<FuseName, boolean> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // We ship no browser-process V8 snapshot; on, Electron would look for one that is not there.
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

// ---------------------------------------------------------------------------------
// electron-builder's own loader, schema and file matcher (internal modules of
// app-builder-lib, reached from electron-builder so that they are the ones `npm run dist`
// runs; an upgrade that moves them fails here, loudly).

interface FileMatcherClass {
  new (from: string, to: string, macroExpander: (pattern: string) => string, patterns: unknown): {
    createFilter(): (file: string, stat: Pick<Stats, 'isDirectory'>) => boolean;
  };
}
const builderRequire = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
const appBuilderLib = dirname(builderRequire.resolve('app-builder-lib/package.json'));
const libRequire = createRequire(join(appBuilderLib, 'package.json'));
const builderConfig = libRequire('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const { FileMatcher } = libRequire('./out/fileMatcher.js') as { FileMatcher: FileMatcherClass };
const { FuseV1Options } = libRequire('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
const builderSchema = JSON.parse(readFileSync(join(appBuilderLib, 'scheme.json'), 'utf8')) as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};
// electron-builder announces "loaded configuration" on stdout; not in the test's output.
(libRequire('builder-util') as { setPrinter(printer: (message: string) => void): void }).setPrinter(() => {});

let config: Configuration;
beforeAll(async () => {
  config = await builderConfig.getConfig(root, null, null);
});

describe('electron-builder configuration', () => {
  it('is valid by electron-builder’s own schema (no misspelt or misplaced key)', async () => {
    await expect(builderConfig.validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it.each(Object.entries(REQUIRED_FUSES))('sets the fuse %s to %s', (name, value) => {
    expect(config.electronFuses, 'electronFuses is missing').toBeTruthy();
    expect(config.electronFuses?.[name as FuseName], name).toBe(value);
  });

  it('decides every fuse electron-builder and @electron/fuses know (a new one must be decided, not left at its default)', () => {
    const known = Object.keys(builderSchema.definitions.FuseOptionsV1.properties).filter((name) => name !== 'resetAdHocDarwinSignature');
    // FuseV1Options is a numeric enum: its names are the keys that are not numbers.
    const wire = Object.keys(FuseV1Options)
      .filter((name) => Number.isNaN(Number(name)))
      .map((name) => name.charAt(0).toLowerCase() + name.slice(1));
    expect(known.length).toBeGreaterThanOrEqual(8);
    for (const name of [...known, ...wire]) expect(Object.keys(REQUIRED_FUSES), name).toContain(name);
  });

  it('packs the app into an asar archive whose integrity is recorded', () => {
    // onlyLoadAppFromAsar and the integrity fuse mean nothing without the archive.
    expect(config.asar).not.toBe(false);
    expect(config.asar).not.toBeNull();
    const raw = config as Record<string, unknown>;
    expect(raw.disableAsarIntegrity, 'disableAsarIntegrity').not.toBe(true);
    for (const platform of ['win', 'linux', 'mac'] as const) {
      const options = (config[platform] ?? {}) as Record<string, unknown>;
      expect(options.asar, `${platform}.asar`).not.toBe(false);
      expect(options.electronFuses, `${platform}.electronFuses (would override the fuses)`).toBeUndefined();
    }
  });

  it('unpacks every native addon the app ships, and those of the other platforms', () => {
    const unpacked = new FileMatcher(root, '', (pattern) => pattern, config.asarUnpack).createFilter();
    const file = { isDirectory: () => false };
    const addons = nativeAddons();
    expect(addons.map((path) => relative(root, path).split(sep).join('/'))).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    for (const path of addons) expect(unpacked(path, file), relative(root, path)).toBe(true);
    // Installed only where the installer is built for that platform.
    for (const other of [
      'node_modules/@napi-rs/canvas-win32-x64-msvc/skia.win32-x64-msvc.node',
      'node_modules/@napi-rs/canvas-linux-arm64-gnu/skia.linux-arm64-gnu.node',
      'node_modules/some-future-addon/build/Release/addon.node',
    ]) {
      expect(unpacked(join(root, other), file), other).toBe(true);
    }
    // And not everything: the app's own code stays in the archive, under its integrity hash.
    expect(unpacked(join(root, 'dist/electron/main.mjs'), file)).toBe(false);
    expect(unpacked(join(root, 'dist/renderer/index.html'), file)).toBe(false);
  });

  it('registers no OS-wide URL scheme: no web page can launch the terminal with a URL', () => {
    // app:// is the app's own, in-process scheme (app-protocol.ts), never an OS handler.
    expect(config.protocols).toBeUndefined();
    for (const platform of ['win', 'linux', 'mac', 'mas'] as const) {
      expect((config[platform] as { protocols?: unknown } | null | undefined)?.protocols, platform).toBeUndefined();
    }
  });

  it('packages the bundled main, which package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.mjs');
    expect(config.files).toBeDefined();
  });
});

describe('main serves its pages from app://hall, never file://', () => {
  const main = readFileSync(join(root, 'electron/main/main.ts'), 'utf8');

  it('registers the privileged app scheme before the app is ready, and serves every role session from it', () => {
    const register = main.indexOf('protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])');
    expect(register).toBeGreaterThan(0);
    expect(register).toBeLessThan(main.indexOf('app.whenReady()'));
    expect(main).toContain('.protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR))');
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe(APP_SCHEME);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });

  it('opens every role window on its app:// start page, and loads nothing from a file', () => {
    expect(main).toContain('load(window, role, startPage(role))');
    for (const role of ROLES) expect(isAppUrl(startPage(role)), role).toBe(true);
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
  });

  it('starts the core with utilityProcess, which works with the RunAsNode fuse off (child_process.fork does not)', () => {
    expect(main).toContain('utilityProcess.fork(');
    expect(main).not.toMatch(/child_process|ELECTRON_RUN_AS_NODE/);
  });
});

/** Every `.node` file of the packages `npm run dist` ships: the production dependencies, transitively. */
function nativeAddons(): string[] {
  const packages = new Set<string>();
  const visit = (name: string, from: string, optional: boolean) => {
    const dir = findPackage(name, from);
    if (dir === null) {
      if (optional) return; // another platform's binary
      throw new Error(`${name} is not installed (needed by ${relative(root, from) || 'the app'})`);
    }
    if (packages.has(dir)) return;
    packages.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const dependency of Object.keys(pkg.dependencies ?? {})) visit(dependency, dir, false);
    for (const dependency of Object.keys(pkg.optionalDependencies ?? {})) visit(dependency, dir, true);
  };
  const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(app.dependencies)) visit(name, root, false);
  return [...packages].flatMap((dir) => filesEndingIn(dir, '.node'));
}

/** Node's lookup: node_modules/<name> in the package's folder, then in each folder above it, up to the project. */
function findPackage(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (relative(root, dir) === '' || dir === dirname(dir)) return null;
  }
}

/** A package's own files (not its nested node_modules, which are packages of their own). */
function filesEndingIn(dir: string, ending: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesEndingIn(path, ending);
    return entry.isFile() && entry.name.endsWith(ending) ? [path] : [];
  });
}
