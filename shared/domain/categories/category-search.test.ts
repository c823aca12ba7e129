import { describe, expect, it } from 'vitest';
import type { CategoryDictionary, CategoryEntry, CategoryPinyin } from './category-dictionary';
import { categoryAncestry, categoryChildren, categoryPath, categoryPathText, findCategory, searchCategories } from './category-search';

/** Keys as the core computes them, written by hand here: 'lao dong bao chou'. */
function keys(reading: string): CategoryPinyin {
  const syllables = reading.split(' ').map((syllable) => (syllable === '_' ? '' : syllable));
  return { syllables, full: syllables.join(''), initials: syllables.map((syllable) => syllable.charAt(0)).join('') };
}

function entry(code: string, zhCN: string, zhHK: string, en: string, ...readings: string[]): CategoryEntry {
  const level = code.length / 2;
  return { code, parentCode: level === 1 ? null : code.slice(0, -2), level, names: { 'zh-CN': zhCN, 'zh-HK': zhHK, en }, pinyin: readings.map(keys) };
}

// Listed out of code order on purpose: the search orders by code itself.
const dictionary: CategoryDictionary = {
  version: 'test',
  checksum: `sha256:${'0'.repeat(64)}`,
  entries: [
    entry('04', '劳动社保', '勞動社保', 'Labour and social security', 'lao dong she bao'),
    entry('0402', '劳动关系', '勞動關係', 'Employment relations', 'lao dong guan xi'),
    entry('040201', '劳动合同', '勞動合同', 'Employment contracts', 'lao dong he tong'),
    entry('0401', '劳动报酬', '勞動報酬', 'Pay', 'lao dong bao chou'),
    entry('040101', '拖欠工资', '拖欠工資', 'Wage arrears', 'tuo qian gong zi'),
    entry('04010101', '农民工工资', '農民工工資', "Migrant workers' wages", 'nong min gong gong zi'),
    entry('040102', '最低工资', '最低工資', 'Minimum wage', 'zui di gong zi'),
    entry('02', '城乡建设', '城鄉建設', 'Urban and rural construction', 'cheng xiang jian she'),
    entry('0201', '住房', '住房', 'Housing', 'zhu fang'),
    entry('020101', '物业管理', '物業管理', 'Property management', 'wu ye guan li'),
    entry('02010101', '物业收费', '物業收費', 'Property management fees', 'wu ye shou fei'),
    entry('02010102', '物业管理纠纷', '物業管理糾紛', 'Property management disputes', 'wu ye guan li jiu fen'),
    entry('0299', '其他物业管理问题', '其他物業管理問題', 'Other property management issues', 'qi ta wu ye guan li wen ti'),
    entry('12', '经济综合', '經濟綜合', 'Economic affairs', 'jing ji zong he'),
    entry('1201', '银行服务', '銀行服務', 'Banking services', 'yin hang fu wu'),
    entry('120101', '银行卡', '銀行卡', 'Bank cards', 'yin hang ka'),
    entry('13', '政治综合', '政治綜合', 'General political affairs', 'zheng zhi zong he'),
    entry('1301', '信访工作', '信訪工作', 'Petition work', 'xin fang gong zuo'),
    entry('130101', '重复信访', '重複信訪', 'Repeated petitions', 'chong fu xin fang'),
    entry('130102', '12345热线办理质量', '12345熱線辦理質素', 'Quality of 12345 hotline handling', '1 2 3 4 5 re xian ban li zhi liang', '1 2 3 4 5 re xian ban li zhi su'),
    entry('14', '交通能源环保', '交通能源環保', 'Transport, energy and environment', 'jiao tong neng yuan huan bao'),
    entry('1401', '停车管理', '泊車管理', 'Parking', 'ting che guan li', 'bo che guan li'),
    entry('1402', '其他（含咨询）', '其他（含諮詢）', 'Other (incl. enquiries)', 'qi ta _ han zi xun _'),
  ],
};

const codes = (query: string, limit?: number) => searchCategories(dictionary, query, { language: 'zh-CN', ...(limit === undefined ? {} : { limit }) }).map((r) => r.entry.code);
const first = (query: string) => searchCategories(dictionary, query, { language: 'zh-CN', limit: 1 })[0];

describe('searchCategories', () => {
  it('finds nothing for an empty or blank query', () => {
    expect(codes('')).toEqual([]);
    expect(codes('   \t')).toEqual([]);
    expect(codes('工资', 0)).toEqual([]);
  });

  it('finds by characters anywhere in a name, at every level, with the full path', () => {
    const results = searchCategories(dictionary, '工资', { language: 'zh-CN' });
    expect(results.map((r) => r.entry.names['zh-CN'])).toEqual(['农民工工资', '拖欠工资', '最低工资']);
    expect(results[1]).toMatchObject({
      path: ['劳动社保', '劳动报酬', '拖欠工资'],
      pathText: '劳动社保 › 劳动报酬 › 拖欠工资',
      match: 'nameSubstring',
    });
    expect(results[0]!.path).toEqual(['劳动社保', '劳动报酬', '拖欠工资', '农民工工资']);
  });

  it('finds by traditional characters, and gives the path in the language asked for', () => {
    expect(codes('勞動')).toEqual(['040201', '0401', '0402', '04']);
    expect(searchCategories(dictionary, '拖欠工資', { language: 'zh-HK' })[0]).toMatchObject({ match: 'exactName', pathText: '勞動社保 › 勞動報酬 › 拖欠工資' });
    expect(searchCategories(dictionary, '拖欠工資', { language: 'en' })[0]!.pathText).toBe('Labour and social security › Pay › Wage arrears');
  });

  it('finds by English words without regard to case', () => {
    expect(codes('WAGE')).toEqual(['040101', '04010101', '040102']);
    expect(first('wage arrears')!.match).toBe('exactName');
  });

  it('finds by pinyin initials, as a prefix or further into the name', () => {
    expect(first('tqgz')).toMatchObject({ entry: { code: '040101' }, match: 'pinyinExact' });
    expect(first('ldbc')).toMatchObject({ entry: { code: '0401' }, match: 'pinyinExact' });
    expect(codes('ldb')).toEqual(['0401']);
    expect(searchCategories(dictionary, 'gz', { language: 'zh-CN' }).map((r) => [r.entry.code, r.match])).toEqual([
      ['04010101', 'pinyinSubstring'],
      ['040101', 'pinyinSubstring'],
      ['040102', 'pinyinSubstring'],
      ['1301', 'pinyinSubstring'], // 信访工作: xin fang gong zuo
    ]);
  });

  it('finds by full pinyin, partly typed pinyin and any mix, ignoring spaces and apostrophes', () => {
    expect(codes('wuye')).toEqual(['02010101', '02010102', '020101', '0299']);
    expect(searchCategories(dictionary, 'wuye', { language: 'zh-CN' }).map((r) => r.match)).toEqual(['pinyinPrefix', 'pinyinPrefix', 'pinyinPrefix', 'pinyinSubstring']);
    expect(codes('laodong')).toEqual(['040201', '0401', '0402', '04']);
    expect(codes('lao dong')).toEqual(codes('laodong'));
    expect(first('laodbc')!.entry.code).toBe('0401');
    expect(first("lao'dong'bao'chou")).toMatchObject({ entry: { code: '0401' }, match: 'pinyinExact' });
    expect(first('ldbaochou')!.entry.code).toBe('0401');
    // Letters must begin a syllable: "aod" lies inside laodong, which is no way to type it.
    expect(codes('aod')).toEqual([]);
  });

  it('reads polyphonic characters as the stored keys say (the core reads them in context)', () => {
    expect(codes('yh')).toEqual(['120101', '1201', '14']); // 银行: yin hang, not yin xing (14: 能源环保, yuan huan)
    expect(codes('yx')).toEqual([]);
    expect(codes('cfxf')).toEqual(['130101']); // 重复: chong, not zhong
    expect(codes('zfxf')).toEqual([]);
  });

  it('uses the traditional name’s own reading where it is worded differently', () => {
    expect(searchCategories(dictionary, 'bcgl', { language: 'zh-HK' })[0]).toMatchObject({ match: 'pinyinExact', pathText: '交通能源環保 › 泊車管理' });
    expect(first('tcgl')!.entry.code).toBe('1401');
  });

  it('matches pinyin longer than 30 letters as a whole', () => {
    const long = { entries: [entry('11', '计划生育家庭奖励扶助', '計劃生育家庭獎勵扶助', 'Support for family-planning households', 'ji hua sheng yu jia ting jiang li fu zhu')] };
    expect(searchCategories(long, 'jihuashengyujiatingjianglifuzhu', { language: 'zh-CN' })[0]!.match).toBe('pinyinExact');
    expect(searchCategories(long, 'jihuashengyujiatingjianglifuzh', { language: 'zh-CN' })[0]!.match).toBe('pinyinPrefix');
  });

  it('skips punctuation and reads digits as themselves', () => {
    expect(first('12345')).toMatchObject({ entry: { code: '130102' }, match: 'namePrefix' });
    expect(first('12345rx')).toMatchObject({ entry: { code: '130102' }, match: 'pinyinPrefix' });
    expect(first('qthzx')).toMatchObject({ entry: { code: '1402' }, match: 'pinyinExact' });
  });

  it('ranks exact name, name prefix, pinyin exact, pinyin prefix, then substrings; deeper first at equal match', () => {
    expect(searchCategories(dictionary, '物业管理', { language: 'zh-CN' }).map((r) => [r.entry.code, r.match])).toEqual([
      ['020101', 'exactName'],
      ['02010102', 'namePrefix'],
      ['0299', 'nameSubstring'],
    ]);
    expect(searchCategories(dictionary, 'wygl', { language: 'zh-CN' }).map((r) => [r.entry.code, r.match])).toEqual([
      ['020101', 'pinyinExact'],
      ['02010102', 'pinyinPrefix'],
      ['0299', 'pinyinSubstring'],
    ]);
    // Equal match: the level-3 contract before the level-2 classes, those in code order, the level-1 class last.
    expect(codes('劳动')).toEqual(['040201', '0401', '0402', '04']);
  });

  it('keeps to the limit, and gives the same order every time', () => {
    const all = codes('l', 100);
    expect(all.length).toBeGreaterThan(5);
    expect(codes('l', 3)).toEqual(all.slice(0, 3));
    expect(codes('l', 100)).toEqual(all);
    expect(codes('工资', 1)).toEqual(['04010101']);
  });

  it('finds by characters in a dictionary that has no pinyin yet', () => {
    const plain = { entries: dictionary.entries.map(({ pinyin: _pinyin, ...rest }) => rest) };
    expect(searchCategories(plain, '工资', { language: 'zh-CN' }).map((r) => r.entry.code)).toEqual(['04010101', '040101', '040102']);
    expect(searchCategories(plain, 'tqgz', { language: 'zh-CN' })).toEqual([]);
  });
});

describe('browsing the tree', () => {
  it('lists the level-1 classes and the children of an entry in code order', () => {
    expect(categoryChildren(dictionary, null).map((e) => e.code)).toEqual(['02', '04', '12', '13', '14']);
    expect(categoryChildren(dictionary, '04').map((e) => e.code)).toEqual(['0401', '0402']);
    expect(categoryChildren(dictionary, '04010101')).toEqual([]);
  });

  it('gives an entry, its ancestry and its path', () => {
    expect(findCategory(dictionary, '040101')!.names.en).toBe('Wage arrears');
    expect(categoryAncestry(dictionary, '04010101').map((e) => e.code)).toEqual(['04', '0401', '040101', '04010101']);
    expect(categoryPath(dictionary, '04010101', 'en')).toEqual(['Labour and social security', 'Pay', 'Wage arrears', "Migrant workers' wages"]);
    expect(categoryPathText(dictionary, '020101', 'zh-HK')).toBe('城鄉建設 › 住房 › 物業管理');
  });

  it('answers an unknown code with nothing', () => {
    expect(findCategory(dictionary, '99')).toBeUndefined();
    expect(categoryAncestry(dictionary, '99')).toEqual([]);
    expect(categoryPath(dictionary, '99', 'zh-CN')).toEqual([]);
    expect(categoryPathText(dictionary, '99', 'zh-CN')).toBe('');
  });
});
