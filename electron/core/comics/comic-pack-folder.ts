import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComicPackError } from './comic-pack-error';

/** Limits of a pack read from a folder: far above the shipped pack (≈ 100 panels × < 30 KB), far below harm. */
export const PACK_JSON_MAX_BYTES = 2 * 1024 * 1024;
export const PACK_MAX_FILES = 400;
export const PACK_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The folder of the packs shipped with the application: resources/comics/ in the source
 * tree, `comics/` beside the bundled core (scripts/build-electron.mjs copies it there).
 */
export function shippedComicsPath(): string {
  const candidates = [new URL('./comics/', import.meta.url), new URL('../../../resources/comics/', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((path) => existsSync(join(path))) ?? candidates[1]!;
}

/**
 * The pack folders in a folder: the folder itself when it holds a pack.json, else each
 * of its sub-folders that does (resources/comics/<pack id>/).
 */
export function packFolders(folder: string): string[] {
  if (!existsSync(folder)) return [];
  if (existsSync(join(folder, 'pack.json'))) return [folder];
  return readdirSync(folder)
    .sort()
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isDirectory() && existsSync(join(path, 'pack.json')));
}

/** Reads pack.json as text (without checking anything else): what start-up compares with the current pack. */
export function readPackJson(folder: string): unknown {
  const path = join(folder, 'pack.json');
  try {
    if (statSync(path).size > PACK_JSON_MAX_BYTES) throw new ComicPackError('UNREADABLE', 'pack.json is larger than 2 MB');
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof ComicPackError) throw error;
    throw new ComicPackError('UNREADABLE', `pack.json cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Reads a pack folder: pack.json (parsed, not yet checked) and the bytes of every other file, by relative path. */
export function readPackFolder(folder: string): { candidate: unknown; files: Map<string, Uint8Array> } {
  const candidate = readPackJson(folder);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        walk(path);
        continue;
      }
      const rel = relative(folder, path).split(sep).join('/');
      if (rel === 'pack.json') continue;
      total += stat.size;
      if (files.size >= PACK_MAX_FILES || total > PACK_MAX_BYTES) throw new ComicPackError('UNREADABLE', `the pack folder holds more than ${PACK_MAX_FILES} files or ${PACK_MAX_BYTES / 1024 / 1024} MB`);
      files.set(rel, new Uint8Array(readFileSync(path)));
    }
  };
  walk(folder);
  return { candidate, files };
}
