/**
 * Bundles the Electron host into dist/electron/:
 *   main.mjs          the main process (ESM)
 *   core-process.mjs  the hall core's utility process (ESM)
 *   preload.cjs       the sandboxed preload (CommonJS: sandboxed preloads cannot be ESM)
 *   migrations/*.sql  beside core-process.mjs, where the core looks for them
 *                     (`new URL('./migrations/', import.meta.url)`)
 *   dictionary/categories.csv  the category seed, likewise beside it (categories/category-import.ts)
 *   locations/locations.csv    the demo street / community list, likewise (locations/location-service.ts)
 *   comics/<pack id>/          the shipped comic packs, likewise (comics/comic-pack-folder.ts)
 * electron and better-sqlite3 (a native addon) stay outside the bundles.
 */
import { build } from 'esbuild';
import { copyFile, cp, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'electron');

// Bundled CommonJS dependencies may call require() for Node built-ins; an ESM bundle has none.
const requireShim = "import { createRequire as __hallCreateRequire } from 'node:module'; const require = __hallCreateRequire(import.meta.url);";

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node22', // Electron 45's Node
  format: 'esm',
  external: ['electron', 'better-sqlite3'],
  banner: { js: requireShim },
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

await rm(out, { recursive: true, force: true });
await Promise.all([
  build({ ...nodeBundle, entryPoints: ['electron/main/main.ts'], outfile: join(out, 'main.mjs') }),
  build({ ...nodeBundle, entryPoints: ['electron/main/core-process.ts'], outfile: join(out, 'core-process.mjs') }),
  build({
    bundle: true,
    platform: 'browser', // a sandboxed preload has no Node: only require('electron')
    target: 'chrome140',
    format: 'cjs',
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: join(out, 'preload.cjs'),
  }),
]);

const migrationsFrom = join(root, 'electron', 'core', 'db', 'migrations');
const migrationsTo = join(out, 'migrations');
await mkdir(migrationsTo, { recursive: true });
const sqlFiles = (await readdir(migrationsFrom)).filter((name) => name.endsWith('.sql'));
await Promise.all(sqlFiles.map((name) => copyFile(join(migrationsFrom, name), join(migrationsTo, name))));

// The category dictionary a site starts with, imported by the core on first start.
await mkdir(join(out, 'dictionary'), { recursive: true });
await copyFile(join(root, 'resources', 'dictionary', 'categories.csv'), join(out, 'dictionary', 'categories.csv'));
// And its street / community list (问题属地).
await mkdir(join(out, 'locations'), { recursive: true });
await copyFile(join(root, 'resources', 'locations', 'locations.csv'), join(out, 'locations', 'locations.csv'));

// The shipped comic packs (docs/comics.md), installed by the core at start-up when newer.
await cp(join(root, 'resources', 'comics'), join(out, 'comics'), { recursive: true, force: true }).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});

process.stdout.write(`Electron host built in ${out} (${sqlFiles.length} migrations, the category and location seeds)\n`);
