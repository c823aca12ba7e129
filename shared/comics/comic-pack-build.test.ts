import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildComicPack, ROOT } from '../../scripts/build-comic-pack.mjs';
import { checkPack, compareComicVersions, formatProblem } from './comic-pack-validation';

/** The build (scripts/build-comic-pack.mjs) on a source tree of the test's own. */
const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

const t = (text: string) => ({ 'zh-CN': text, 'zh-HK': text, en: text });
const svg = (n: number) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600"><circle cx="${n * 100}" cy="300" r="50" fill="#1f5fa8"/></svg>\n`;

function sourceTree(change: (series: any) => void = () => {}) {
  const root = mkdtempSync(join(tmpdir(), 'comic-build-'));
  roots.push(root);
  const pack = join(root, 'comics', 'regulation-basics');
  mkdirSync(join(pack, 'series'), { recursive: true });
  mkdirSync(join(pack, 'group-visits'));
  cpSync(join(ROOT, 'comics', '信访工作条例-2022.txt'), join(root, 'comics', '信访工作条例-2022.txt'));
  cpSync(join(ROOT, 'comics', 'regulation-basics', 'pack-meta.json'), join(pack, 'pack-meta.json'));
  const series = {
    id: 'group-visits',
    title: t('集体访'),
    summary: t('推选代表'),
    cover: 'group-visits-01',
    panels: Array.from({ length: 6 }, (_, i) => ({
      id: `group-visits-0${i + 1}`,
      file: `group-visits/0${i + 1}.svg`,
      caption: { 'zh-CN': '代表不超过五人。', 'zh-HK': '代表不超過5人。', en: 'At most five representatives.' },
      speech: [{ speaker: 'li', text: t('您好'), bubble: { x: 5, y: 5, width: 40 } }],
      alt: t('图'),
      articles: [{ article: 20, paragraph: 3, quote: '代表人数不得超过5人' }],
    })),
  };
  change(series);
  for (let i = 1; i <= 6; i++) writeFileSync(join(pack, 'group-visits', `0${i}.svg`), svg(i));
  writeFileSync(join(pack, 'series', '03-group-visits.json'), JSON.stringify(series, null, 2));
  return { root, pack };
}

const problemsOf = (root: string) => buildComicPack('regulation-basics', root).problems.map(formatProblem);

describe('npm run comics:build', () => {
  it('assembles a pack that passes the install checks', () => {
    const { root } = sourceTree();
    const result = buildComicPack('regulation-basics', root);
    expect(result.problems).toEqual([]);
    expect(result.pack!.series.map((s) => s.id)).toEqual(['group-visits']);
    expect(Object.keys(result.pack!.files)).toEqual(['group-visits/01.svg', 'group-visits/02.svg', 'group-visits/03.svg', 'group-visits/04.svg', 'group-visits/05.svg', 'group-visits/06.svg']);
    expect(checkPack(result.pack, result.files).problems).toEqual([]);
  });

  it('says so when there is no series yet', () => {
    const { root, pack } = sourceTree();
    rmSync(join(pack, 'series', '03-group-visits.json'));
    expect(problemsOf(root)).toEqual([expect.stringMatching(/^series\/: no series yet/)]);
  });

  it('names the file and the panel of every problem', () => {
    const { root, pack } = sourceTree((series) => {
      series.panels[1].articles[0].quote = '代表人数不得超过6人';
      series.panels[2].caption.en = 'Within 15 days.';
      series.panels[3].speech[0].speaker = 'stranger';
      series.panels[4].file = 'group-visits/09.svg';
    });
    writeFileSync(join(pack, 'group-visits', '06.svg'), '<svg viewBox="0 0 800 600" onload="x()"><script/></svg>');
    writeFileSync(join(pack, 'group-visits', 'sketch.png'), 'x');
    mkdirSync(join(pack, 'old-art'));
    const problems = problemsOf(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        'series/03-group-visits.json [group-visits-02]: articles[0] (第20条): the quote «代表人数不得超过6人» is not in article 20',
        'series/03-group-visits.json [group-visits-03]: the en caption states 15, which no quote of the panel contains («Within 15 days.»)',
        expect.stringMatching(/^series\/03-group-visits.json \[group-visits-04\]: .*speaker: not in the cast/),
        'series/03-group-visits.json [group-visits-05]: its art group-visits/09.svg does not exist',
        'group-visits/05.svg: no panel uses this file',
        'group-visits/06.svg: <svg> has an event attribute onload',
        'group-visits/06.svg: <script> is not allowed',
        "group-visits/sketch.png: only the panels' .svg files belong in a series folder",
        'old-art/: a folder of art with no series "old-art" in series/',
      ]),
    );
  });

  it('checks the series file name', () => {
    const { root, pack } = sourceTree();
    cpSync(join(pack, 'series', '03-group-visits.json'), join(pack, 'series', '04-visits.json'));
    expect(problemsOf(root)).toEqual(
      expect.arrayContaining(['series/04-visits.json: the file should be named NN-group-visits.json (series id "group-visits")', expect.stringMatching(/also used by series\/03/)]),
    );
  });
});

describe('pack versions', () => {
  it('compare as numbers', () => {
    expect(compareComicVersions('2026.11.1', '2026.9.3')).toBeGreaterThan(0);
    expect(compareComicVersions('2026.11.1', '2026.11.10')).toBeLessThan(0);
    expect(compareComicVersions('2026.11.1', '2026.11.1')).toBe(0);
  });
});
