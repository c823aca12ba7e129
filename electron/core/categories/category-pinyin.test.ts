import { describe, expect, it } from 'vitest';
import { categoryPinyinSchema, type CategoryEntry } from '../../../shared/domain/categories/category-dictionary';
import { entryPinyin, simplifiedNamePinyin, traditionalNamePinyin } from './category-pinyin';

const read = (name: string) => simplifiedNamePinyin(name).syllables.join(' ');
const readTraditional = (name: string, simplifiedName: string) => traditionalNamePinyin(name, simplifiedName, simplifiedNamePinyin(simplifiedName)).syllables.join(' ');

describe('pinyin keys of category names', () => {
  it('keeps one syllable per character, the syllables joined, and their initials', () => {
    expect(simplifiedNamePinyin('劳动报酬')).toEqual({ syllables: ['lao', 'dong', 'bao', 'chou'], full: 'laodongbaochou', initials: 'ldbc' });
    expect(simplifiedNamePinyin('女职工权益').full).toBe('nvzhigongquanyi'); // ü typed as v, as on every pinyin keyboard
    expect(categoryPinyinSchema.safeParse(simplifiedNamePinyin('农民工工资')).success).toBe(true);
  });

  it('reads polyphonic characters in context', () => {
    expect(simplifiedNamePinyin('重庆').initials).toBe('cq');
    expect(read('重复信访')).toBe('chong fu xin fang');
    expect(read('重大')).toBe('zhong da');
    expect(read('银行服务')).toBe('yin hang fu wu');
    expect(read('行政复议')).toBe('xing zheng fu yi');
    expect(read('会计')).toBe('kuai ji');
    expect(read('长者饭堂')).toBe('zhang zhe fan tang');
    expect(read('长租公寓')).toBe('chang zu gong yu');
  });

  it('corrects the readings pinyin-pro gets wrong in the seed', () => {
    expect(read('执行款发放')).toBe('zhi xing kuan fa fang');
    expect(readTraditional('寬頻', '宽带')).toBe('kuan pin');
  });

  it('reads a traditional name like its simplified counterpart, character for character', () => {
    expect(readTraditional('銀行服務', '银行服务')).toBe('yin hang fu wu');
    expect(readTraditional('重複信訪', '重复信访')).toBe('chong fu xin fang');
    expect(readTraditional('會計', '会计')).toBe('kuai ji');
  });

  it('reads a differently worded traditional name on its own, preferring readings the simplified name uses', () => {
    expect(readTraditional('資訊產業', '信息产业')).toBe('zi xun chan ye');
    expect(readTraditional('泊車管理', '停车管理')).toBe('bo che guan li');
    expect(readTraditional('駕駛執照與車輛登記', '驾驶证与车辆登记')).toBe('jia shi zhi zhao yu che liang deng ji');
    expect(readTraditional('的士網約車', '出租车网约车')).toBe('di shi wang yue che');
  });

  it('keeps letters and digits as themselves and gives punctuation no sound', () => {
    expect(simplifiedNamePinyin('P2P网贷')).toEqual({ syllables: ['p', '2', 'p', 'wang', 'dai'], full: 'p2pwangdai', initials: 'p2pwd' });
    expect(simplifiedNamePinyin('其他（含咨询）').syllables).toEqual(['qi', 'ta', '', 'han', 'zi', 'xun', '']);
    expect(simplifiedNamePinyin('其他（含咨询）').initials).toBe('qthzx');
  });

  it('stores the traditional reading only when it differs', () => {
    const entry = (zhCN: string, zhHK: string): CategoryEntry => ({ code: '01', parentCode: null, level: 1, names: { 'zh-CN': zhCN, 'zh-HK': zhHK, en: 'x' } });
    expect(entryPinyin(entry('银行卡', '銀行卡')).map((keys) => keys.full)).toEqual(['yinhangka']);
    expect(entryPinyin(entry('停车管理', '泊車管理')).map((keys) => keys.initials)).toEqual(['tcgl', 'bcgl']);
  });
});
