import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestHall } from '../testing/test-core';
import { PrintStore } from './print-store';

const halls: Array<ReturnType<typeof createTestHall>> = [];
afterEach(() => {
  for (const made of halls.splice(0)) made.core.close();
});

/**
 * The database of a test hall behind a PrintStore that records, for each statement it
 * runs, SQLite's query plan (EXPLAIN QUERY PLAN with the same parameters).
 */
function plannedStore() {
  const made = createTestHall();
  halls.push(made);
  const db = made.core.db;
  const plans: string[][] = [];
  const explain = (sql: string, args: unknown[]) =>
    plans.push((db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((row) => row.detail));
  const recording = new Proxy(db, {
    get(target, property) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (sql: string) => {
        const statement = target.prepare(sql);
        return new Proxy(statement, {
          get(inner, name) {
            const value = Reflect.get(inner, name, inner) as unknown;
            if (typeof value !== 'function') return value;
            if (name !== 'all' && name !== 'get' && name !== 'run') return (value as (...a: unknown[]) => unknown).bind(inner);
            return (...args: unknown[]) => {
              explain(sql, args);
              return (value as (...a: unknown[]) => unknown).apply(inner, args);
            };
          },
        });
      };
    },
  }) as Database.Database;
  /** The plan of each statement `run` ran. */
  const planOf = (run: () => unknown): string[][] => {
    plans.length = 0;
    run();
    return [...plans];
  };
  return { store: new PrintStore(recording), planOf };
}

/** A plan step that reads the print_jobs table row by row in full (SCAN without an index). */
const fullScan = (step: string) => /^SCAN (print_jobs|j)$/.test(step);

describe('the print queue\'s queries use their indexes (migration 0013), never a scan of the whole history', () => {
  it('printing.status\'s queue lengths read the open jobs\' index only', () => {
    const { store, planOf } = plannedStore();
    const [plan] = planOf(() => store.queuedCounts());
    expect(plan!.filter(fullScan)).toEqual([]);
    expect(plan!.join('\n')).toMatch(/(SCAN|SEARCH) print_jobs USING (COVERING )?INDEX print_jobs_open\b/);
  });

  it('a document\'s history (printing.jobs with documentRef alone) searches by its reference', () => {
    const { store, planOf } = plannedStore();
    const [plan] = planOf(() => store.jobs({ documentRef: '01JDXK3T8M2V7P9Q4R5S6T7V8W', limit: 100 }));
    expect(plan!.some((step) => step.startsWith('SCAN j'))).toBe(false);
    expect(plan![0]).toMatch(/^SEARCH j USING INDEX print_jobs_ref \(document_ref=\?\)/);
  });

  it('the newest jobs, and a time range, come in order from (requested_at, id) with no sort', () => {
    const { store, planOf } = plannedStore();
    const [latest] = planOf(() => store.jobs({ limit: 100 }));
    expect(latest![0]).toBe('SCAN j USING INDEX print_jobs_requested');
    expect(latest!.some((step) => step.includes('TEMP B-TREE'))).toBe(false);
    const [range] = planOf(() => store.jobs({ from: 1, to: 2, limit: 100 }));
    expect(range![0]).toMatch(/^SEARCH j USING INDEX print_jobs_requested \(requested_at>\? AND requested_at<\?\)/);
    expect(range!.some((step) => step.includes('TEMP B-TREE'))).toBe(false);
  });

  it('the worker\'s and the restart\'s statements read the queued and open jobs\' indexes', () => {
    const { store, planOf } = plannedStore();
    for (const run of [() => store.requeueInterrupted(1), () => store.giveUp(1), () => store.dueJobs(1, 20), () => store.nextDue()]) {
      const [plan] = planOf(run);
      expect(plan!.filter(fullScan)).toEqual([]);
      expect(plan!.join('\n')).toMatch(/print_jobs_(due|open)\b/);
    }
  });
});
