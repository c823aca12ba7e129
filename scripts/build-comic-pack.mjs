// `npm run comics:build`: assembles each comic pack from its sources and checks it
// (docs/comics.md).
//
//   comics/<pack id>/pack-meta.json          id, version, title, summary, cast
//   comics/<pack id>/series/NN-<series>.json one series each (comicSeriesSchema), in file order
//   comics/<pack id>/<series>/NN.svg         the panels' art
//   comics/信访工作条例-2022.txt              the regulation's text the quotes are checked against
//
// → resources/comics/<pack id>/pack.json + the SVGs, with every file's SHA-256 and the
// pack's checksum (shared/comics/comic-pack-checksum.ts). The output is committed; a test
// re-runs the build in memory and compares (electron/core/comics/shipped-pack.test.ts).
//
// Checks: the schema, every file present and used, SVG safety (shared/comics/svg-safety.ts),
// every quote in its article / paragraph / item of the regulation, every number of a
// caption in a quote of its panel. Every problem is printed with its file and panel, and
// any problem exits 1 without writing anything.
//
//   npm run comics:build               build and write
//   npm run comics:build -- --check    build in memory, exit 1 if resources/comics is not up to date
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPack, checkPackText, checkSeriesSource, assemblePack, formatProblem, packMetaSchema, schemaProblems } from '../shared/comics/comic-pack-validation.ts';
import { parseRegulation } from '../shared/comics/regulation-text.ts';
import { checkSvg } from '../shared/comics/svg-safety.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REGULATION_FILE = 'comics/信访工作条例-2022.txt';

const isDirectory = (path) => existsSync(path) && statSync(path).isDirectory();

/** The packs with sources: folders of comics/ with a pack-meta.json. */
export function sourcePacks(root = ROOT) {
  const comics = join(root, 'comics');
  if (!isDirectory(comics)) return [];
  return readdirSync(comics)
    .filter((name) => existsSync(join(comics, name, 'pack-meta.json')))
    .sort();
}

function readJson(path, file, problems) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push({ file, message: `not valid JSON: ${error.message}` });
    return undefined;
  }
}

/**
 * Builds one pack in memory. Returns { pack, files (Map path → bytes), problems, seriesCount };
 * `pack` is null when the sources do not make a pack.
 */
export function buildComicPack(packId, root = ROOT) {
  const source = join(root, 'comics', packId);
  const problems = [];
  const regulation = parseRegulation(readFileSync(join(root, REGULATION_FILE), 'utf8'));

  const metaJson = readJson(join(source, 'pack-meta.json'), 'pack-meta.json', problems);
  const meta = metaJson === undefined ? null : packMetaSchema.safeParse(metaJson);
  if (meta && !meta.success) problems.push(...schemaProblems(meta.error, 'pack-meta.json'));

  const seriesDir = join(source, 'series');
  const seriesFiles = isDirectory(seriesDir) ? readdirSync(seriesDir).filter((name) => name.endsWith('.json')).sort() : [];
  for (const name of isDirectory(seriesDir) ? readdirSync(seriesDir) : []) {
    if (!name.endsWith('.json')) problems.push({ file: `series/${name}`, message: 'only series JSON files (NN-<series id>.json) belong in series/' });
  }
  if (seriesFiles.length === 0) {
    problems.push({ file: 'series/', message: `no series yet: add comics/${packId}/series/NN-<series id>.json (see STYLE.md and docs/comics.md)` });
    return { pack: null, files: new Map(), problems, seriesCount: 0 };
  }

  const series = [];
  const sourceOf = new Map(); // series id → its file, for the messages
  for (const name of seriesFiles) {
    const file = `series/${name}`;
    const json = readJson(join(seriesDir, name), file, problems);
    if (json === undefined) continue;
    const checked = checkSeriesSource(json, file);
    problems.push(...checked.problems);
    if (checked.series) {
      if (sourceOf.has(checked.series.id)) problems.push({ file, message: `series id "${checked.series.id}" is also used by ${sourceOf.get(checked.series.id)}` });
      sourceOf.set(checked.series.id, file);
      series.push(checked.series);
    }
  }

  // The art: every file of every series folder (and nothing in a folder that is no series).
  const files = new Map();
  for (const name of readdirSync(source).sort()) {
    const folder = join(source, name);
    if (!isDirectory(folder) || name === 'series') continue;
    if (!sourceOf.has(name)) {
      problems.push({ file: `${name}/`, message: `a folder of art with no series "${name}" in series/` });
      continue;
    }
    for (const file of readdirSync(folder).sort()) {
      if (!file.endsWith('.svg')) {
        problems.push({ file: `${name}/${file}`, message: 'only the panels\' .svg files belong in a series folder' });
        continue;
      }
      files.set(`${name}/${file}`, new Uint8Array(readFileSync(join(folder, file))));
    }
  }
  for (const one of series) {
    for (const panel of one.panels) {
      if (!files.has(panel.file)) problems.push({ file: sourceOf.get(one.id), panel: panel.id, message: `its art ${panel.file} does not exist` });
    }
  }
  const used = new Set(series.flatMap((one) => one.panels.map((panel) => panel.file)));
  for (const [path, bytes] of files) {
    if (!used.has(path)) problems.push({ file: path, message: 'no panel uses this file' });
    for (const message of checkSvg(Buffer.from(bytes).toString('utf8'), bytes.length)) problems.push({ file: path, message });
  }
  problems.push(...checkPackText({ series }, regulation, (one) => sourceOf.get(one.id)));
  if (!meta?.success || series.length !== seriesFiles.length) return { pack: null, files, problems, seriesCount: series.length };

  const pack = assemblePack(meta.data, series, files);
  const panelSource = new Map(series.flatMap((one) => one.panels.map((panel) => [panel.id, sourceOf.get(one.id)])));
  for (const problem of checkPack(pack, files).problems) {
    // The files (SVG safety, unused, missing) are checked above, each on its own file.
    if (problem.file !== 'pack.json' || problem.message.endsWith('file not listed in files')) continue;
    problems.push(problem.file === 'pack.json' && problem.panel && panelSource.has(problem.panel) ? { ...problem, file: panelSource.get(problem.panel) } : problem);
  }
  return { pack, files, problems, seriesCount: series.length };
}

/** The output of a pack: its files' contents by path relative to resources/comics/<pack id>/. */
export function packOutput(result) {
  const output = new Map([['pack.json', Buffer.from(`${JSON.stringify(result.pack, null, 2)}\n`, 'utf8')]]);
  for (const [path, bytes] of result.files) output.set(path, Buffer.from(bytes));
  return output;
}

function listFiles(folder, base = folder) {
  if (!isDirectory(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return isDirectory(path) ? listFiles(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

/** Differences between a built pack and what is in resources/comics/<pack id>/ (empty when up to date). */
export function outputDifferences(packId, result, root = ROOT) {
  const target = join(root, 'resources', 'comics', packId);
  const output = packOutput(result);
  const differences = [];
  for (const [path, bytes] of output) {
    const existing = join(target, path);
    if (!existsSync(existing)) differences.push(`${path} is missing`);
    else if (!readFileSync(existing).equals(bytes)) differences.push(`${path} differs`);
  }
  for (const path of listFiles(target)) if (!output.has(path)) differences.push(`${path} is not part of the pack`);
  return differences;
}

function writeOutput(packId, result, root = ROOT) {
  const target = join(root, 'resources', 'comics', packId);
  const output = packOutput(result);
  for (const path of listFiles(target)) if (!output.has(path)) rmSync(join(target, path));
  for (const [path, bytes] of output) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), bytes);
  }
  for (const name of readdirSync(target)) {
    const folder = join(target, name);
    if (isDirectory(folder) && readdirSync(folder).length === 0) rmSync(folder, { recursive: true });
  }
  return target;
}

function main() {
  const check = process.argv.includes('--check');
  const packs = sourcePacks();
  if (packs.length === 0) {
    console.error('comics:build: no pack sources (comics/<pack id>/pack-meta.json)');
    process.exit(1);
  }
  let failed = false;
  for (const packId of packs) {
    const result = buildComicPack(packId);
    if (result.problems.length > 0) {
      failed = true;
      console.error(`\n✗ comics/${packId}: ${result.problems.length} problem(s)`);
      for (const problem of result.problems) console.error(`  ${packId}/${formatProblem(problem)}`);
      continue;
    }
    const panels = result.pack.series.reduce((sum, one) => sum + one.panels.length, 0);
    const summary = `${result.seriesCount} series, ${panels} panels, ${result.files.size} files, checksum ${result.pack.checksum.slice(0, 12)}…`;
    if (check) {
      const differences = outputDifferences(packId, result);
      if (differences.length > 0) {
        failed = true;
        console.error(`\n✗ resources/comics/${packId} is not up to date with comics/${packId} (run npm run comics:build):`);
        for (const line of differences) console.error(`  ${line}`);
      } else {
        console.log(`✓ resources/comics/${packId} is up to date: ${summary}`);
      }
    } else {
      const target = writeOutput(packId, result);
      console.log(`✓ ${relative(ROOT, target)}: ${summary}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
