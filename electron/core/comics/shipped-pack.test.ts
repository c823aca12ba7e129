import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/domain/languages';
import { formatProblem } from '../../../shared/comics/comic-pack-validation';
import { buildComicPack, outputDifferences, REGULATION_FILE, ROOT, sourcePacks } from '../../../scripts/build-comic-pack.mjs';
import { createHallCore } from '../core';
import { readPackFolder } from './comic-pack-folder';
import type { ComicPack } from '../../../shared/comics/comic-pack';

/**
 * The packs shipped in resources/comics/ (issue 7's acceptance): each is what
 * `npm run comics:build` makes of its sources today, passes every check of the build
 * (schema, files, SVG safety, quotes found in their articles, the captions' numbers in
 * the quotes), and installs through the core's own checks (schema, hashes, checksum).
 */
describe('the shipped comic packs', () => {
  const packs = sourcePacks();

  it('have sources', () => {
    expect(packs).toContain('regulation-basics');
  });

  it('check the quotes against the regulation the project keeps (a copy of the domain folder)', () => {
    const domainCopy = join(ROOT, '..', 'shared', 'domain', '信访工作条例-2022.txt');
    if (existsSync(domainCopy)) expect(readFileSync(join(ROOT, REGULATION_FILE), 'utf8')).toBe(readFileSync(domainCopy, 'utf8'));
  });

  for (const packId of packs) {
    describe(packId, () => {
      const result = buildComicPack(packId);

      it('builds from its sources with no problem', () => {
        expect(result.problems.map(formatProblem)).toEqual([]);
        expect(result.seriesCount).toBeGreaterThan(0);
      });

      it('is up to date in resources/comics/ (run npm run comics:build)', () => {
        expect(result.pack).not.toBeNull();
        expect(outputDifferences(packId, result)).toEqual([]);
      });

      it('has, on every panel, the three languages, alt text and an article reference', () => {
        const pack = result.pack as ComicPack;
        for (const series of pack.series) {
          expect(series.panels.length, series.id).toBeGreaterThanOrEqual(6);
          for (const panel of series.panels) {
            for (const language of LANGUAGES) {
              expect(panel.caption[language].trim(), `${panel.id} caption ${language}`).not.toBe('');
              expect(panel.alt[language].trim(), `${panel.id} alt ${language}`).not.toBe('');
              for (const line of panel.speech) expect(line.text[language].trim()).not.toBe('');
            }
            expect(panel.articles.length, panel.id).toBeGreaterThan(0);
          }
        }
      });

      it('installs through the core', () => {
        const core = createHallCore({ dataDir: ':memory:', comicPackDir: join(ROOT, 'resources', 'comics', packId) });
        try {
          const installed = core.comics.currentPack();
          expect(installed?.checksum).toBe(result.pack?.checksum);
          const { files } = readPackFolder(join(ROOT, 'resources', 'comics', packId));
          expect(files.size).toBe(Object.keys(installed!.files).length);
        } finally {
          core.close();
        }
      });
    });
  }
});
