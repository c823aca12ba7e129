/**
 * Case search and case registration on a hall with 1,000,000 cases (issue 5; the design
 * in docs/search.md). The database is generated once (bench/case-generator.ts) and kept
 * in the temp folder, keyed by the generator's version, the migrations and the count, so
 * a second `npm run bench -- search` starts measuring at once. SEARCH_BENCH_CASES sets
 * another count (a quicker try while developing).
 *
 * Search is measured in-process through SearchService, the answer included (the summaries
 * with their deadlines), with queries drawn from the generated data; registration through
 * the core's visits.create on a copy of the file database (synchronous=FULL, the index
 * maintained by its triggers), so the cached database stays as generated.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHallCore, DATABASE_FILE, type HallCore } from '../electron/core/core';
import { MIGRATIONS_DIRECTORY, openDatabase } from '../electron/core/db/database';
import type { Clock } from '../electron/core/ports';
import { DATA_KEY_FILE, keyFileDataKeyStore, openDataKey } from '../electron/core/privacy/data-key-store';
import { indexSearchBacklog } from '../electron/core/search/search-index';
import { SearchService } from '../electron/core/search/search-service';
import { sessionTokenFor } from '../electron/core/testing/test-core';
import { CaseGenerator, GENERATOR_VERSION, generateCases, type HallRefs, type Samples } from './case-generator';
import { percentile, type Benchmark } from './support';

const CASES = Number(process.env.SEARCH_BENCH_CASES ?? 1_000_000);
/** The generated cases end the day before the benchmark's service day. */
const LAST_DAY = '2026-11-23';
const TODAY = '2026-11-24';
const QUERIES = 500;
const WARMUP = 50;
const SAVES = 300;
const SAVE_WARMUP = 30;

/** The hall's clock for the benchmark: 09:00 in Shenzhen on TODAY, running in real time. */
function benchClock(): Clock {
  const start = Date.parse(`${TODAY}T01:00:00Z`);
  const startedAt = Date.now();
  return { now: () => start + (Date.now() - startedAt) };
}

/** A new schema makes a new database: the migrations' text is part of the cache key. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIRECTORY).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIRECTORY, file)));
  return hash.digest('hex').slice(0, 12);
}

interface Corpus {
  /** The hall's data folder (database and data key). */
  dataDir: string;
  samples: Samples;
  refs: HallRefs;
}

function hallRefs(db: Database.Database): HallRefs {
  const siteCode = JSON.parse(db.prepare("SELECT value FROM hall_settings WHERE key = 'siteCode'").pluck().get() as string) as string;
  return {
    siteCode,
    serviceIds: db.prepare('SELECT id FROM services ORDER BY letter').pluck().all() as string[],
    clerkIds: db.prepare("SELECT id FROM staff WHERE role = 'clerk' ORDER BY staff_no").pluck().all() as string[],
    categoryCodes: new Set(db.prepare('SELECT code FROM categories WHERE retired_in IS NULL').pluck().all() as string[]),
    communities: db
      .prepare(
        `SELECT c.code, s.name_zh_cn AS street, c.name_zh_cn AS name FROM locations c JOIN locations s ON s.code = c.parent_code
         WHERE c.level = 'community' AND c.active = 1 ORDER BY c.position`,
      )
      .all() as HallRefs['communities'],
  };
}

/** The cached database, made when it is missing (or half made by an interrupted run). */
function corpus(): Corpus {
  const folder = join(tmpdir(), `hall-bench-search-g${GENERATOR_VERSION}-m${migrationsHash()}-${CASES}`);
  const dataDir = join(folder, 'hall');
  const samplesFile = join(folder, 'samples.json');
  const readyFile = join(folder, 'ready');
  if (!existsSync(readyFile)) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    process.stdout.write(`  generating ${CASES.toLocaleString('en')} cases in ${folder} (once; kept for later runs)…\n`);
    const started = performance.now();
    // The demo hall, its dictionary, locations, staff and data key, as a site starts.
    createHallCore({ dataDir, demo: true, clock: benchClock() }).close();
    const db = openDatabase({ filename: join(dataDir, DATABASE_FILE) });
    try {
      const crypto = openDataKey(db, keyFileDataKeyStore(dataDir), join(dataDir, DATA_KEY_FILE));
      // A bulk load, not a register: no journal, no syncing, a big cache (an interrupted run starts over).
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -1000000');
      const samples = asBeforeSearch(db, () =>
        generateCases(db, crypto, hallRefs(db), CASES, LAST_DAY, (written) => {
          if (written % 100_000 === 0 || written === CASES) {
            process.stdout.write(`    ${written.toLocaleString('en')} cases, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
          }
        }),
      );
      const indexing = performance.now();
      indexSearchBacklog(db);
      process.stdout.write(`    indexed by the start-up backfill in ${((performance.now() - indexing) / 1000).toFixed(0)} s\n`);
      db.pragma('journal_mode = WAL');
      writeFileSync(samplesFile, JSON.stringify(samples));
    } finally {
      db.close();
    }
    writeFileSync(readyFile, `${new Date().toISOString()}\n`);
    process.stdout.write(`  generated in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const db = openDatabase({ filename: join(dataDir, DATABASE_FILE) });
  try {
    return { dataDir, samples: JSON.parse(readFileSync(samplesFile, 'utf8')) as Samples, refs: hallRefs(db) };
  } finally {
    db.close();
  }
}

/**
 * Runs a bulk load as if the cases were registered before migration 0010: without the
 * triggers that index a case as it is written (in a trigger, FTS5 writes each row out at
 * once, which a registration pays once and a million inserts a million times), then
 * numbered and put in the backlog as 0010 does with earlier cases. The caller then runs
 * the real start-up backfill (indexSearchBacklog), and the triggers are back as they were.
 */
function asBeforeSearch<T>(db: Database.Database, load: () => T): T {
  if ((db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get() as number) > 0) throw new Error('the hall already has cases');
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('search_case_registered', 'search_person_listed')")
    .all() as { name: string; sql: string }[];
  if (triggers.length !== 2) throw new Error('migration 0010 no longer has the triggers this bulk load sets aside');
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  try {
    const result = load();
    db.exec('INSERT INTO search_docs (visit_id) SELECT id FROM visits ORDER BY id; INSERT INTO search_backlog (visit_id) SELECT id FROM visits;');
    return result;
  } finally {
    for (const trigger of triggers) db.exec(trigger.sql);
  }
}

/** A deterministic draw from a list (the same queries every run). */
function drawer(seed: number) {
  let state = seed >>> 0;
  return <T>(list: readonly T[]): T => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return list[state % list.length]!;
  };
}

/** p95 of the search's wall time over QUERIES queries, after WARMUP unmeasured ones. */
function measure(run: (query: string) => unknown, queries: () => string): { p95: number; p50: number } {
  for (let i = 0; i < WARMUP; i++) run(queries());
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const query = queries();
    const started = performance.now();
    run(query);
    times.push(performance.now() - started);
  }
  return { p95: percentile(times, 95), p50: percentile(times, 50) };
}

/** Pages of the database by what they hold (dbstat): the search indexes against the rest. */
function sizeReport(db: Database.Database): string {
  const rows = db
    .prepare(
      `SELECT CASE WHEN name LIKE 'search_content%' THEN 'content index' WHEN name LIKE 'search_names%' THEN 'name index'
                   WHEN name LIKE 'search_docs%' OR name LIKE 'sqlite_autoindex_search_docs%' THEN 'search_docs'
                   WHEN name LIKE 'visits_case_number_nocase' OR name LIKE 'visits_official_number_nocase' THEN 'case number indexes'
                   ELSE 'everything else' END AS part, SUM(pgsize) AS bytes
       FROM dbstat GROUP BY part ORDER BY bytes DESC`,
    )
    .all() as { part: string; bytes: number }[];
  return rows.map((row) => `${row.part} ${(row.bytes / 1e6).toFixed(0)} MB`).join(', ');
}

function searchFigures(): Record<string, number> {
  const { dataDir, samples } = corpus();
  const db = openDatabase({ filename: join(dataDir, DATABASE_FILE) });
  try {
    const crypto = openDataKey(db, keyFileDataKeyStore(dataDir), join(dataDir, DATA_KEY_FILE));
    const service = new SearchService(db, crypto, () => TODAY);
    const cases = db.prepare('SELECT COUNT(*) FROM visits').pluck().get() as number;
    const draw = drawer(20_261_124);
    const search = (kind: 'id_number' | 'phone' | 'name' | 'content' | 'auto') => (query: string) => service.search({ query, kind, limit: 20 });

    const idNumbers = samples.visitors.map((visitor) => visitor.idNumber);
    const phones = samples.visitors.flatMap((visitor) => (visitor.phone ? [visitor.phone] : []));
    const byId = measure(search('id_number'), () => draw(idNumbers));
    const byPhone = measure(search('phone'), () => draw(phones));
    const byName2 = measure(search('name'), () => draw(samples.twoCharNames));
    const byName1 = measure(search('name'), () => [...draw(samples.twoCharNames)][0]!);
    // One in ten a phrase made of two pieces of different cases: mostly found nowhere, the dearest to check.
    const contentQuery = () => (draw([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) === 0 ? draw(samples.contentWords) + draw(samples.contentWords) : draw(samples.contentWords));
    const content = measure(search('content'), contentQuery);
    const auto = measure(search('auto'), () => draw([draw(idNumbers), draw(samples.twoCharNames), draw(samples.contentWords)]));

    const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    const ms = (figure: { p95: number; p50: number }) => `p50 ${figure.p50.toFixed(2)} / p95 ${figure.p95.toFixed(2)} ms`;
    process.stdout.write(
      [
        `  ${cases.toLocaleString('en')} cases, ${(db.prepare('SELECT COUNT(*) FROM visitors').pluck().get() as number).toLocaleString('en')} visitors; database ${(bytes / 1e6).toFixed(0)} MB: ${sizeReport(db)}`,
        `  by ID ${ms(byId)}; by phone ${ms(byPhone)}; name, 1 character ${ms(byName1)}; name, 2 characters ${ms(byName2)}`,
        `  content (1–6 characters, some two-piece phrases) ${ms(content)}; auto ${ms(auto)}`,
        '',
      ].join('\n'),
    );
    return {
      'search.by_id_p95_ms': byId.p95,
      'search.by_name_2char_p95_ms': byName2.p95,
      'search.content_p95_ms': content.p95,
      'search.db_mb_per_100k': bytes / 1e6 / (cases / 100_000),
    };
  } finally {
    db.close();
  }
}

/** visits.create through the core, as a desk registers: new and returning visitors, some with companions. */
function saveFigures(): Record<string, number> {
  const { dataDir, samples, refs } = corpus();
  const runDir = mkdtempSync(join(tmpdir(), 'hall-bench-save-'));
  let core: HallCore | null = null;
  try {
    // The database is closed and checkpointed: copying its folder is a consistent copy.
    cpSync(dataDir, runDir, { recursive: true });
    const clock = benchClock();
    // The generated cases go back years: no retention run (docs/retention.md) in the middle of the measurement.
    core = createHallCore({ dataDir: runDir, demo: true, clock, retention: { autoRun: false } });
    const context = { role: 'clerk' as const, language: 'zh-CN' as const, sessionId: 'bench-desk' };
    let nextId = 1;
    const resumed = core.dispatch({ id: nextId++, method: 'auth.resume', params: { token: sessionTokenFor(core, clock, '1001') } }, context);
    if (!resumed.ok) throw new Error(`could not sign the bench desk in: ${resumed.error.code}`);

    const gen = new CaseGenerator(refs, 7);
    const draw = drawer(7);
    const input = () => {
      const community = gen.pick(refs.communities);
      const content = gen.content(community, 2026);
      // One in four comes again: found by the ID's keyed hash, their record updated.
      const person = gen.chance(0.25) ? draw(samples.visitors) : { idNumber: gen.idNumber(), name: gen.name(), phone: gen.chance(0.9) ? gen.phone() : null };
      const companions = gen.chance(0.06) ? gen.int(1, 4) : 0;
      return {
        person,
        serviceId: gen.pick(refs.serviceIds),
        peopleCount: companions + 1,
        address: gen.address(community),
        companions: Array.from({ length: companions }, () => ({ person: { idNumber: gen.idNumber(), name: gen.name(), phone: null }, address: gen.address(community) })),
        problemLocationCode: community.code,
        purpose: 'seek_resolution',
        matterClass: 'appeal_request',
        categoryCode: content.code,
        summary: content.summary,
        request: content.request,
        factsAndReasons: content.facts,
        firstTime: true,
        jointOrGroup: companions > 0,
      };
    };
    const times: number[] = [];
    for (let i = 0; i < SAVE_WARMUP + SAVES; i++) {
      const params = input();
      const started = performance.now();
      const reply = core.dispatch({ id: nextId++, method: 'visits.create', params }, context);
      const ms = performance.now() - started;
      if (!reply.ok) throw new Error(`visits.create failed: ${reply.error.code} ${reply.error.message}`);
      if (i >= SAVE_WARMUP) times.push(ms);
    }
    const sync = core.db.pragma('synchronous', { simple: true });
    process.stdout.write(`  visits.create p50 ${percentile(times, 50).toFixed(2)} / p95 ${percentile(times, 95).toFixed(2)} ms (synchronous = ${sync}: FULL is 2)\n`);
    return { 'visits.save_p95_ms': percentile(times, 95) };
  } finally {
    core?.close();
    rmSync(runDir, { recursive: true, force: true });
  }
}

export const benchmarks: Benchmark[] = [
  {
    metrics: [
      { name: 'search.by_id_p95_ms', unit: 'ms', budget: 2 },
      { name: 'search.by_name_2char_p95_ms', unit: 'ms', budget: 20 },
      { name: 'search.content_p95_ms', unit: 'ms', budget: 50 },
      // Report only: no budget to meet.
      { name: 'search.db_mb_per_100k', unit: 'MB', budget: Number.POSITIVE_INFINITY },
    ],
    run: () => Promise.resolve(searchFigures()),
  },
  {
    metrics: [{ name: 'visits.save_p95_ms', unit: 'ms', budget: 10 }],
    run: () => Promise.resolve(saveFigures()),
  },
];
