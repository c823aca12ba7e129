/**
 * `npm run bench [-- <prefix>...]`: runs the benchmarks of every `bench/*.bench.ts`
 * (only those with a figure whose name starts with one of the prefixes, when given),
 * prints a table, and writes bench/results/latest.json.
 *
 * Exit status: 0 when every selected benchmark ran, even over budget (the table marks
 * it OVER BUDGET); 1 when a benchmark crashed or a prefix selects nothing.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stopAllHosts, type BenchResult, type Benchmark, type Metric } from './support';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_FILE = join(BENCH_DIR, 'results', 'latest.json');
/** Set on SIGINT/SIGTERM: the run is abandoned and latest.json left as it was. */
let interrupted = false;

async function discover(): Promise<{ file: string; benchmark: Benchmark }[]> {
  const files = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const found: { file: string; benchmark: Benchmark }[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { benchmarks?: unknown };
    if (!Array.isArray(module.benchmarks)) throw new Error(`${file} does not export \`benchmarks: Benchmark[]\``);
    for (const benchmark of module.benchmarks as Benchmark[]) found.push({ file, benchmark });
  }
  return found;
}

function previousResults(): BenchResult[] {
  try {
    const entries = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as unknown;
    return Array.isArray(entries) ? (entries as BenchResult[]).filter((entry) => typeof entry?.name === 'string') : [];
  } catch {
    return []; // no results yet, or a file we cannot read: start afresh
  }
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function printTable(results: BenchResult[]): void {
  const rows = [
    ['name', 'value', 'unit', 'budget', 'ok'],
    ...results.map((r) => [r.name, formatValue(r.value), r.unit, String(r.budget), r.ok ? 'ok' : '✗ OVER BUDGET']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const right = new Set([1, 3]); // numbers
  const line = (row: string[]) =>
    row.map((cell, column) => (right.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  process.stdout.write(`\n${line(rows[0]!)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const row of rows.slice(1)) process.stdout.write(`${line(row)}\n`);
}

async function main(): Promise<number> {
  const prefixes = process.argv.slice(2).filter((arg) => arg !== '--');
  const selects = (metric: Metric) => prefixes.length === 0 || prefixes.some((prefix) => metric.name.startsWith(prefix));

  const selected = (await discover()).filter(({ benchmark }) => benchmark.metrics.some(selects));
  if (selected.length === 0) {
    process.stderr.write(`No benchmark matches ${prefixes.map((prefix) => `"${prefix}"`).join(', ')}.\n`);
    return 1;
  }

  const results: BenchResult[] = [];
  const crashed: string[] = [];
  for (const { file, benchmark } of selected) {
    const names = benchmark.metrics.map((metric) => metric.name);
    process.stdout.write(`▶ ${file}: ${names.join(', ')} …\n`);
    const started = Date.now();
    try {
      const values = await benchmark.run();
      for (const metric of benchmark.metrics.filter(selects)) {
        const value = values[metric.name];
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`no figure for ${metric.name} (got ${String(value)})`);
        results.push({ name: metric.name, value, unit: metric.unit, budget: metric.budget, ok: value <= metric.budget });
      }
      process.stdout.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      if (interrupted) return 130;
      crashed.push(...benchmark.metrics.filter(selects).map((metric) => metric.name));
      process.stderr.write(`  ✗ CRASHED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }

  if (interrupted) return 130;
  if (results.length > 0) printTable(results);
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  // A partial run (a prefix) replaces only its own figures: the file keeps the others.
  const fresh = new Map(results.map(({ name, value, unit, budget, ok }) => [name, { name, value, unit, budget, ok }]));
  const kept = previousResults().filter((entry) => !fresh.has(entry.name));
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify([...kept, ...fresh.values()].sort((a, b) => a.name.localeCompare(b.name)), null, 2)}\n`,
  );

  const over = results.filter((result) => !result.ok);
  process.stdout.write('\n');
  if (over.length > 0) process.stdout.write(`OVER BUDGET: ${over.map((result) => result.name).join(', ')}\n`);
  if (crashed.length > 0) process.stdout.write(`CRASHED (no figure): ${crashed.join(', ')}\n`);
  if (over.length === 0 && crashed.length === 0) process.stdout.write('All within budget.\n');
  process.stdout.write(`Results: ${RESULTS_FILE}\n`);
  return crashed.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the bench hosts…\n`);
    void stopAllHosts().finally(() => process.exit(130));
  });
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench runner failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
