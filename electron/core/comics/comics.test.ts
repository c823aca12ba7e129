import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packChecksum } from '../../../shared/comics/comic-pack-checksum';
import type { Role } from '../../../shared/contract';
import { FIXTURE_DIR } from '../../../tests/fixtures/comics/make-fixture-pack';
import { createHallCore, type HallCore } from '../core';
import type { Logger } from '../ports';
import { ManualClock, sessionTokenFor, TEST_ADMIN } from '../testing/test-core';
import { ComicPackError } from './comic-pack-error';
import { readPackFolder } from './comic-pack-folder';

const temps: string[] = [];
const cores: HallCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A copy of the fixture pack that a test may change. */
function fixtureCopy(): string {
  const dir = join(tempDir('comic-pack-'), 'fixture-basics');
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { logger, lines };
}

function startHall(options: { comicPackDir?: string; dataDir?: string; logger?: Logger; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock();
  const core = createHallCore({ dataDir: options.dataDir ?? ':memory:', demo: true, clock, logger: options.logger, comicPackDir: options.comicPackDir ?? FIXTURE_DIR });
  cores.push(core);
  let id = 1;
  // The admin page signed in as the demo administrator (again, when the test moved the clock past the session's end).
  let adminToken = sessionTokenFor(core, clock, TEST_ADMIN.staffNo);
  const call = (role: Role, method: string, params: unknown = {}) => {
    const context = () => ({ role, language: 'en' as const, sessionId: `s-${role}`, ...(role === 'admin' ? { bearerToken: adminToken } : {}) });
    const reply = core.dispatch({ id: id++, method, params }, context());
    if (role !== 'admin' || reply.ok || reply.error.code !== 'NOT_SIGNED_IN') return reply;
    adminToken = sessionTokenFor(core, clock, TEST_ADMIN.staffNo);
    return core.dispatch({ id: id++, method, params }, context());
  };
  const value = (role: Role, method: string, params: unknown = {}): any => {
    const reply = call(role, method, params);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return reply.value;
  };
  return { core, clock, call, value };
}

/** The fixture pack as a candidate (pack.json's object and the files), to change and install. */
function fixtureCandidate() {
  const { candidate, files } = readPackFolder(FIXTURE_DIR);
  return { pack: structuredClone(candidate) as any, files };
}

function resealed(pack: any): any {
  return { ...pack, checksum: packChecksum(pack) };
}

function expectRefused(run: () => unknown, code: string): ComicPackError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ComicPackError);
    expect((error as ComicPackError).code).toBe(code);
    return error as ComicPackError;
  }
  throw new Error(`expected a ComicPackError ${code}`);
}

describe('comic packs', () => {
  it('installs the shipped pack at start-up and serves its manifest and files, each checked against its hash', () => {
    const { value, call } = startHall();
    const { pack } = value('kiosk', 'comics.pack');
    expect(pack.id).toBe('fixture-basics');
    expect(pack.series.map((s: any) => s.id)).toEqual(['fixture-channels', 'fixture-deadlines']);
    for (const role of ['display', 'clerk', 'admin'] as const) expect(value(role, 'comics.pack').pack.checksum).toBe(pack.checksum);

    const file = value('display', 'comics.file', { path: 'fixture-channels/01.svg' });
    expect(file.svg).toBe(readFileSync(join(FIXTURE_DIR, 'fixture-channels/01.svg'), 'utf8'));
    expect(file.sha256).toBe(createHash('sha256').update(file.svg).digest('hex'));
    expect(pack.files['fixture-channels/01.svg']).toBe(file.sha256);

    const missing = call('kiosk', 'comics.file', { path: 'fixture-channels/99.svg' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    const outside = call('kiosk', 'comics.file', { path: '../pack.json' });
    expect(!outside.ok && outside.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses to serve a stored file whose bytes no longer match its hash', () => {
    const { core, call } = startHall();
    core.db.prepare("UPDATE comic_pack_files SET content = CAST('<svg viewBox=\"0 0 800 600\"></svg>' AS BLOB) WHERE path = 'fixture-channels/02.svg'").run();
    const reply = call('kiosk', 'comics.file', { path: 'fixture-channels/02.svg' });
    expect(!reply.ok && reply.error.code).toBe('UNAVAILABLE');
  });

  it('installs a newer pack (and tells the pages), ignores the same one again and refuses an older one', () => {
    const { core, value } = startHall();
    const events: unknown[] = [];
    core.subscribe('kiosk', (event, data) => event === 'comics.packChanged' && events.push(data));
    const { pack, files } = fixtureCandidate();

    const newer = resealed({ ...pack, version: '2020.2.1', checksum: undefined });
    expect(core.comics.installPack(newer, files, 'central')).toEqual({ installed: true, packId: 'fixture-basics', version: '2020.2.1', replaced: '2020.1.1' });
    expect(events).toEqual([{ packId: 'fixture-basics', version: '2020.2.1' }]);
    expect(value('kiosk', 'comics.pack').pack.version).toBe('2020.2.1');
    // Only the current version's files are kept.
    expect(core.db.prepare('SELECT DISTINCT version FROM comic_pack_files').pluck().all()).toEqual(['2020.2.1']);

    expect(core.comics.installPack(newer, files, 'central')).toMatchObject({ installed: false, reason: 'same-version' });
    expectRefused(() => core.comics.installPack(pack, files, 'central'), 'NOT_NEWER');
    const otherSameVersion = resealed({ ...newer, summary: { ...newer.summary, en: 'Another pack' }, checksum: undefined });
    expectRefused(() => core.comics.installPack(otherSameVersion, files, 'central'), 'VERSION_CONFLICT');
    expect(value('kiosk', 'comics.pack').pack.checksum).toBe(newer.checksum);
    expect(events).toHaveLength(1);
  });

  describe('a pack that fails is refused and the current pack stays', () => {
    const newerPack = () => {
      const { pack, files } = fixtureCandidate();
      return { pack: resealed({ ...pack, version: '2021.1.1', checksum: undefined }), files };
    };

    it('a bad checksum', () => {
      const { core, value } = startHall();
      const { pack, files } = newerPack();
      const error = expectRefused(() => core.comics.installPack({ ...pack, checksum: '0'.repeat(64) }, files, 'central'), 'CHECKSUM_MISMATCH');
      expect(error.message).toMatch(/pack\.json: the checksum does not match the pack's content/);
      // Content changed, checksum kept: the same.
      expectRefused(() => core.comics.installPack({ ...pack, title: { ...pack.title, en: 'Changed' } }, files, 'central'), 'CHECKSUM_MISMATCH');
      expect(value('kiosk', 'comics.pack').pack.version).toBe('2020.1.1');
    });

    it('a tampered, missing or unlisted file', () => {
      const { core, value } = startHall();
      const { pack, files } = newerPack();
      const tampered = new Map(files);
      tampered.set('fixture-channels/03.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600"><rect width="1" height="1"/></svg>'));
      const error = expectRefused(() => core.comics.installPack(pack, tampered, 'central'), 'FILE_MISMATCH');
      expect(error.problems).toEqual([expect.objectContaining({ file: 'fixture-channels/03.svg', kind: 'file-hash' })]);

      const missing = new Map(files);
      missing.delete('fixture-deadlines/06.svg');
      expectRefused(() => core.comics.installPack(pack, missing, 'central'), 'FILE_MISMATCH');
      const extra = new Map(files).set('fixture-deadlines/07.svg', files.get('fixture-deadlines/06.svg')!);
      expectRefused(() => core.comics.installPack(pack, extra, 'central'), 'FILE_MISMATCH');
      expect(value('kiosk', 'comics.pack').pack.version).toBe('2020.1.1');
    });

    it('a bad schema', () => {
      const { core, value } = startHall();
      const { pack, files } = newerPack();
      const noAlt = structuredClone(pack);
      delete noAlt.series[0].panels[2].alt;
      const error = expectRefused(() => core.comics.installPack(resealed({ ...noAlt, checksum: undefined }), files, 'central'), 'INVALID_PACK');
      expect(error.message).toMatch(/fixture-channels-03.*alt/);
      const strangerSpeaks = structuredClone(pack);
      strangerSpeaks.series[1].panels[0].speech[0].speaker = 'stranger';
      expectRefused(() => core.comics.installPack(resealed({ ...strangerSpeaks, checksum: undefined }), files, 'central'), 'INVALID_PACK');
      expectRefused(() => core.comics.installPack('not a pack', files, 'central'), 'INVALID_PACK');
      expect(value('kiosk', 'comics.pack').pack.version).toBe('2020.1.1');
    });

    it('an unsafe SVG, even with the right hashes and checksum', () => {
      const { core, value } = startHall();
      const { pack, files } = newerPack();
      const evil = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600" onload="alert(1)"><script>alert(2)</script></svg>';
      const unsafe = new Map(files).set('fixture-channels/01.svg', new TextEncoder().encode(evil));
      const hashed = resealed({ ...pack, files: { ...pack.files, 'fixture-channels/01.svg': createHash('sha256').update(evil).digest('hex') }, checksum: undefined });
      const error = expectRefused(() => core.comics.installPack(hashed, unsafe, 'central'), 'UNSAFE_FILE');
      expect(error.message).toMatch(/onload/);
      expect(error.message).toMatch(/<script> is not allowed/);
      expect(value('kiosk', 'comics.pack').pack.version).toBe('2020.1.1');
    });

    it('at start-up: a tampered shipped folder keeps the installed pack, and the log and comics.stats say why', () => {
      const dataDir = tempDir('comic-data-');
      startHall({ dataDir }).core.close();
      cores.length = 0;

      const folder = fixtureCopy();
      const packJson = JSON.parse(readFileSync(join(folder, 'pack.json'), 'utf8'));
      writeFileSync(join(folder, 'pack.json'), JSON.stringify({ ...packJson, version: '2020.3.1' }, null, 2));
      const { logger, lines } = recordingLogger();
      const { value } = startHall({ dataDir, comicPackDir: folder, logger });
      expect(value('kiosk', 'comics.pack').pack.version).toBe('2020.1.1');
      const warning = lines.find((line) => line.message.startsWith('comic pack refused'));
      expect(warning?.fields).toMatchObject({ packId: 'fixture-basics', version: '2020.3.1', code: 'CHECKSUM_MISMATCH', current: 'fixture-basics 2020.1.1' });
      expect(value('admin', 'comics.stats').lastRefusal).toMatchObject({ code: 'CHECKSUM_MISMATCH', version: '2020.3.1', source: 'shipped' });
    });

    it('at start-up on a new site: no pack at all, and comics.pack answers null', () => {
      const folder = fixtureCopy();
      writeFileSync(join(folder, 'fixture-deadlines/02.svg'), '<svg viewBox="0 0 800 600"></svg>');
      const { logger, lines } = recordingLogger();
      const { value } = startHall({ comicPackDir: folder, logger });
      expect(value('kiosk', 'comics.pack').pack).toBeNull();
      expect(lines.find((line) => line.message.startsWith('comic pack refused'))?.fields).toMatchObject({ code: 'FILE_MISMATCH' });
    });
  });

  it('does not read the shipped pack again when it is the current one', () => {
    const dataDir = tempDir('comic-data-');
    startHall({ dataDir }).core.close();
    cores.length = 0;
    const { logger, lines } = recordingLogger();
    startHall({ dataDir, logger });
    expect(lines.filter((line) => line.message.startsWith('comic pack'))).toEqual([]);
  });
});

describe('reading statistics', () => {
  it('counts views, reads started and finished, and the average time per panel, with no personal data', () => {
    const { value, core, clock } = startHall();
    const read = (seriesId: string, panel: number, durationMs: number, surface = 'reader', role: Role = 'kiosk', revisit = false) =>
      value(role, 'comics.recordReading', { seriesId, panelId: `${seriesId}-0${panel}`, durationMs, surface, revisit });
    // Two readers open the channels series; one reads it to the end, pages back and forth at the end.
    for (let panel = 1; panel <= 6; panel++) read('fixture-channels', panel, 4000);
    read('fixture-channels', 5, 500, 'reader', 'kiosk', true);
    read('fixture-channels', 6, 500, 'reader', 'kiosk', true);
    read('fixture-channels', 1, 2000);
    read('fixture-channels', 2, 1000);
    // The attract loops.
    read('fixture-deadlines', 1, 8000, 'kiosk_attract');
    read('fixture-deadlines', 1, 8000, 'display_attract', 'display');
    clock.advance(2 * 24 * 3600 * 1000);
    read('fixture-deadlines', 2, 6000, 'display_attract', 'display');

    const stats = value('admin', 'comics.stats');
    expect(stats.pack).toMatchObject({ id: 'fixture-basics', version: '2020.1.1', source: 'shipped' });
    const [channels, deadlines] = stats.series;
    expect(channels).toMatchObject({ seriesId: 'fixture-channels', views: 10, startedReads: 2, finishedReads: 1, averageMs: Math.round(28000 / 10) });
    expect(channels.title.en).toBe('Five channels');
    expect(channels.panels[0]).toEqual({ panelId: 'fixture-channels-01', index: 0, views: 2, averageMs: 3000 });
    expect(channels.panels[5]).toEqual({ panelId: 'fixture-channels-06', index: 5, views: 2, averageMs: 2250 });
    // The attract loops show panels; they start or finish no read.
    expect(deadlines).toMatchObject({ views: 3, startedReads: 0, finishedReads: 0 });
    expect(deadlines.panels[2]).toMatchObject({ views: 0, averageMs: null });

    expect(value('admin', 'comics.stats', { surface: 'display_attract' }).series[1].views).toBe(2);
    const firstDay = value('admin', 'comics.stats', { from: '2026-11-24', to: '2026-11-24' });
    expect(firstDay.series[1].views).toBe(2);
    expect(value('admin', 'comics.stats', { from: '2026-11-26' }).series[1].views).toBe(1);

    // Nothing but the panel, the time and the surface is stored.
    const columns = core.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('comic_reads');
    expect(columns).toEqual(['id', 'pack_id', 'pack_version', 'series_id', 'panel_id', 'panel_index', 'is_last', 'revisit', 'surface', 'duration_ms', 'recorded_at', 'service_day']);
  });

  it('refuses unknown panels, unbounded times and the wrong roles', () => {
    const { call } = startHall();
    const reading = { seriesId: 'fixture-channels', panelId: 'fixture-channels-01', durationMs: 1000, surface: 'reader' };
    const code = (role: Role, method: string, params: unknown) => {
      const reply = call(role, method, params);
      return reply.ok ? 'ok' : reply.error.code;
    };
    expect(code('kiosk', 'comics.recordReading', reading)).toBe('ok');
    expect(code('kiosk', 'comics.recordReading', { ...reading, panelId: 'fixture-deadlines-01' })).toBe('NOT_FOUND');
    expect(code('kiosk', 'comics.recordReading', { ...reading, seriesId: 'nope' })).toBe('NOT_FOUND');
    expect(code('kiosk', 'comics.recordReading', { ...reading, durationMs: 11 * 60 * 1000 })).toBe('VALIDATION_FAILED');
    expect(code('kiosk', 'comics.recordReading', { ...reading, durationMs: -1 })).toBe('VALIDATION_FAILED');
    expect(code('kiosk', 'comics.recordReading', { ...reading, surface: 'elsewhere' })).toBe('VALIDATION_FAILED');
    expect(code('kiosk', 'comics.recordReading', { ...reading, visitor: 'Wang' })).toBe('VALIDATION_FAILED');
    expect(code('clerk', 'comics.recordReading', reading)).toBe('FORBIDDEN');
    expect(code('admin', 'comics.recordReading', reading)).toBe('FORBIDDEN');
    expect(code('kiosk', 'comics.stats', {})).toBe('FORBIDDEN');
    expect(code('display', 'comics.stats', {})).toBe('FORBIDDEN');
    expect(code('admin', 'comics.stats', { from: '2026-11-25', to: '2026-11-24' })).toBe('VALIDATION_FAILED');
  });
});
