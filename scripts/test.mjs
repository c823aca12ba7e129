// `npm test`: the whole suite, as CI runs it. Typecheck, lint, unit and integration
// tests (vitest, against the real SQLite and the real Node host), then the end-to-end
// tests in Chromium (Playwright). Stops at the first failing step and ends with one
// line `test: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

function findChromium() {
  const system = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (system) return system;
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    const own = chromium.executablePath();
    return own && existsSync(own) ? own : null;
  } catch {
    return null;
  }
}

const chromium = findChromium();
if (!chromium) {
  console.error(
    [
      'npm test needs a Chromium for the end-to-end tests, and none was found.',
      '  On Debian/Ubuntu:  sudo apt-get install -y chromium fonts-noto-cjk',
      "  Elsewhere:         npx playwright install chromium   (Playwright's own browser)",
      '  Or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}

let passed = 0;
let failed = 0;

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function finish(ok) {
  console.log(`\ntest: ${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
}

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// Typecheck, lint and the renderer build count as one check each.
const checks = [
  ['typecheck (tsc, strict, all of it)', bin('tsc'), ['-p', 'tsconfig.json']],
  ['lint (with import boundaries)', bin('eslint'), ['--max-warnings', '0', '.']],
  ['build the renderer', bin('vite'), ['build', '--logLevel', 'warn']],
];
for (const [title, command, args] of checks) {
  if (step(title, command, args)) passed += 1;
  else {
    failed += 1;
    finish(false);
  }
}

const vitestReport = join(resultsDir, 'vitest.json');
rmSync(vitestReport, { force: true });
const unitOk = step('unit and integration tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const unit = readJson(vitestReport);
passed += unit?.numPassedTests ?? 0;
failed += unit?.numFailedTests ?? 0;
if (!unitOk) {
  if (failed === 0) failed = 1; // a suite that failed to load counts too
  finish(false);
}

const playwrightReport = join(resultsDir, 'playwright.json');
rmSync(playwrightReport, { force: true });
const e2eOk = step(`end-to-end tests (Playwright, ${chromium})`, bin('playwright'), ['test', '--reporter=list,json'], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});
const stats = readJson(playwrightReport)?.stats ?? {};
passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
failed += stats.unexpected ?? 0;
if (!e2eOk && failed === 0) failed = 1;
finish(e2eOk);
