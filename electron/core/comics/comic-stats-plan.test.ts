import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_DIR } from '../../../tests/fixtures/comics/make-fixture-pack';
import { createHallCore, type HallCore } from '../core';
import { ManualClock, sessionTokenFor, TEST_ADMIN } from '../testing/test-core';

const cores: HallCore[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const core of cores.splice(0)) core.close();
});

/** SQLite's plan of each comic_reads query comics.stats runs with these arguments. */
function statsPlans(params: Record<string, string>): string[][] {
  const clock = new ManualClock();
  const core = createHallCore({ dataDir: ':memory:', demo: true, clock, comicPackDir: FIXTURE_DIR, printing: { autoRun: false } });
  cores.push(core);
  const bearerToken = sessionTokenFor(core, clock, TEST_ADMIN.staffNo);
  const db = core.db;
  const statements: string[] = [];
  const prepare = db.prepare.bind(db);
  vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
    if (/FROM comic_reads\b/.test(sql)) statements.push(sql);
    return prepare(sql);
  }) as typeof db.prepare);
  const reply = core.dispatch({ id: 1, method: 'comics.stats', params }, { role: 'admin', language: 'en', sessionId: 's-admin', bearerToken });
  expect(reply.ok).toBe(true);
  vi.restoreAllMocks();
  expect(statements.length).toBeGreaterThan(0);
  const bound = { packId: 'fixture-basics', from: params.from ?? null, to: params.to ?? null, surface: params.surface ?? null };
  return statements.map((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bound) as Array<{ detail: string }>).map((row) => row.detail));
}

describe('comics.stats reads one pack\'s rows of comic_reads through an index (migration 0012)', () => {
  it('without a range: a search by pack_id, not a scan of every read', () => {
    for (const plan of statsPlans({})) {
      expect(plan.filter((step) => /^SCAN comic_reads\b/.test(step))).toEqual([]);
      expect(plan[0]).toMatch(/^SEARCH comic_reads USING INDEX comic_reads_pack \(pack_id=\?\)/);
    }
  });

  it('with a range of days: by pack_id and service_day', () => {
    for (const plan of statsPlans({ from: '2026-11-01', to: '2026-11-30' })) {
      expect(plan.filter((step) => /^SCAN comic_reads\b/.test(step))).toEqual([]);
      expect(plan[0]).toMatch(/^SEARCH comic_reads USING INDEX comic_reads_pack \(pack_id=\? AND service_day>\? AND service_day<\?\)/);
    }
  });
});
