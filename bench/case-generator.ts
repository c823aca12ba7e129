/**
 * Generated case records for the search benchmarks (bench/search.bench.ts): a hall's
 * database with `count` realistic walk-in cases, written by direct SQL in large
 * transactions on the schema of the real migrations, with the real PersonalDataCrypto
 * (ID and phone numbers encrypted, with their keyed hashes).
 *
 * Realistic means: names drawn by surname frequency (2020 census order, Guangdong's
 * 林 / 梁 / 钟 / 司徒 a little higher), one- or two-character given names, a few rare
 * characters outside the BMP; valid ID numbers of Shenzhen and migrant provinces; mobile
 * numbers, some shared within a family; addresses in the hall's streets and communities;
 * contents from templates per category of the shipped dictionary with varied places,
 * companies, sums and dates. Each visitor has one to three cases; a few cases list
 * companions. Deterministic for a given count (a seeded generator).
 */
import type Database from 'better-sqlite3';
import { checkCharacter } from '../shared/domain/resident-id';
import type { PersonalDataCrypto } from '../electron/core/privacy/personal-data-crypto';

/** Bump when what is generated changes: the cached database is made again. */
export const GENERATOR_VERSION = 4;

/** Plain values drawn from the generated data, for the benchmark's queries (synthetic people only). */
export interface Samples {
  /** Visitors as registered: to search by ID or phone, and to come again under their own name. */
  visitors: { idNumber: string; name: string; phone: string | null }[];
  /** Names of two characters as registered (surname + one given character). */
  twoCharNames: string[];
  /** Words and phrases of the generated contents, one to six characters. */
  contentWords: string[];
}

export interface HallRefs {
  siteCode: string;
  serviceIds: string[];
  clerkIds: string[];
  categoryCodes: Set<string>;
  /** Communities: code and the path the service stores (街道 › 社区). */
  communities: { code: string; street: string; name: string }[];
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** mulberry32: small, fast, good enough to make data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Surnames with their share (per mille, roughly the 2020 census; Guangdong's own a little up).
const SURNAMES: [string, number][] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 60], ['杨', 37], ['黄', 30], ['赵', 23], ['吴', 20], ['周', 19],
  ['徐', 14], ['孙', 14], ['马', 13], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 12], ['林', 16], ['高', 10], ['罗', 10],
  ['郑', 9], ['梁', 11], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 7], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 5], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 5], ['程', 4], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 4], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 2], ['汪', 2], ['廖', 3],
  ['石', 2], ['金', 2], ['韦', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 1], ['黎', 1], ['史', 1], ['陶', 1], ['贺', 1], ['毛', 1], ['郝', 1], ['顾', 1], ['龚', 1], ['邵', 1],
  ['万', 1], ['覃', 1], ['武', 1], ['钱', 1], ['戴', 1], ['严', 1], ['莫', 1], ['孔', 1], ['向', 1], ['常', 1],
  ['欧阳', 0.6], ['司徒', 0.4], ['上官', 0.1], ['司马', 0.1], ['诸葛', 0.1], ['东方', 0.05],
];
// Given-name characters, the most used first (drawn with a falling weight).
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲芬燕彬鹏辉建国志文斌宇浩凯婷雪琳晶欣怡佳子涵梓轩睿博宁海峰亮成林波飞鑫俊春兰梅凤云莉翠荣金颖倩慧晨阳昊然思雨诗嘉泽宏彤瑶琪馨悦一晓小雅君婉梦蕾楠帆锋健毅鸿东永德光庆福生新胜利家安民兵旭伦龙虎豪振清源茂松柏锦添嘉'];
// Rare characters that printer fonts lack (生僻字), some outside the BMP.
const RARE = ['䶮', '㵘', '𬱖', '𠇔', '𪨶', '喆', '堃', '淼'];

const SHENZHEN_AREAS = ['440301', '440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311'];
const MIGRANT_AREAS = ['440103', '441302', '445202', '441781', '430102', '430521', '420106', '421023', '360102', '362101', '450102', '510104', '511302', '410105', '411323', '350102', '352201', '522101', '130104', '370102', '340104', '610102'];

const ROADS = ['华夏路', '光明大道', '公常路', '东周路', '观光路', '松白路', '光侨路', '圳美路', '凤凰路', '塘明路', '河心路', '长春路', '碧眼路', '白花路', '新湖路', '楼村路', '上村路', '西田路', '翠湖路', '红花路'];
const ESTATE_HEADS = ['碧桂园', '万科', '华润', '龙光', '招商', '保利', '金地', '中海', '佳兆业', '星河', '阳光', '锦绣', '翠湖', '凤凰', '光明', '御景', '天汇', '山水', '东方', '时代', '宏发', '美丽'];
const ESTATE_TAILS = ['花园', '城', '府', '苑', '公馆', '华庭', '名苑', '新村', '家园', '雅居', '半岛', '天地'];
const COMPANY_WORDS = ['宏达', '鑫源', '华美', '创新', '恒通', '永盛', '金丰', '利源', '兴旺', '德润', '博远', '中科', '联创', '佳信', '新世纪', '富康', '长城', '远航', '盛世', '嘉德'];
const INDUSTRIES = ['电子', '科技', '实业', '五金制品', '塑胶', '服装', '物流', '建筑工程', '物业管理', '餐饮管理', '家具', '精密模具', '印刷', '包装材料', '劳务派遣', '装饰工程'];
const VILLAGES = ['楼村', '上村', '下村', '西田', '东周', '塘尾', '李松蓢', '圳美', '新羌', '白花'];
const RELATIVES = ['父亲', '母亲', '丈夫', '妻子', '儿子', '女儿', '哥哥', '姐姐'];
const HOSPITALS = ['区人民医院', '区中心医院', '市第二人民医院', '社康中心', '区妇幼保健院'];
const SCHOOLS = ['光明小学', '公明中学', '凤凰学校', '新湖小学', '实验学校'];

/** One template: the category it is filed under and how its three texts are made. */
interface Template {
  code: string;
  summary(f: Fill): string;
  request(f: Fill): string;
  facts(f: Fill): string;
}

/** The slots a template fills, drawn per case. */
interface Fill {
  estate: string;
  company: string;
  road: string;
  village: string;
  community: string;
  months: number;
  amount: number;
  year: number;
  month: number;
  day: number;
  people: number;
  floor: number;
  relative: string;
  hospital: string;
  school: string;
}

const TEMPLATES: Template[] = [
  {
    code: '02010101',
    summary: (f) => `${f.estate}物业费上涨未经业主大会表决`,
    request: (f) => `要求物业公司按原标准每平方米${(f.amount % 5) + 2}元收取物业费`,
    facts: (f) => `${f.year}年${f.month}月起，${f.estate}物业服务公司单方面上调物业费，业主多次询问未获答复。`,
  },
  {
    code: '02010102',
    summary: (f) => `${f.estate}物业服务差，垃圾清运不及时`,
    request: () => '要求物业公司改善服务，否则更换物业',
    facts: (f) => `小区${f.floor}栋楼下垃圾堆放多日无人清理，电梯经常停运，物业管理处推诿。`,
  },
  {
    code: '02010104',
    summary: (f) => `${f.estate}公共维修资金使用不透明`,
    request: () => '要求公开维修资金使用明细',
    facts: (f) => `物业公司称使用维修资金${f.amount}元更换水泵，未经业主表决，也未公示票据。`,
  },
  {
    code: '02010105',
    summary: (f) => `${f.estate}停车费由每月${f.amount % 300 + 200}元涨价`,
    request: () => '要求停车场按政府指导价收费',
    facts: () => '地下停车场更换管理公司后月卡价格上涨，未在显著位置公示收费标准。',
  },
  {
    code: '02010201',
    summary: (f) => `${f.estate}逾期${f.months}个月未交房`,
    request: () => '要求开发商按合同约定交房并支付逾期违约金',
    facts: (f) => `购房合同约定${f.year}年${f.month}月交房，开发商以疫情为由一再拖延，至今未取得竣工验收备案。`,
  },
  {
    code: '02010202',
    summary: (f) => `${f.estate}业主办理不动产权证难`,
    request: () => '要求尽快办理不动产权证',
    facts: (f) => `交房已满${f.months}个月，开发商欠缴土地出让金，全体业主无法办证，子女入学受影响。`,
  },
  {
    code: '02010203',
    summary: (f) => `${f.estate}${f.floor}栋新房墙体开裂渗水`,
    request: () => '要求开发商维修并赔偿损失',
    facts: () => '收楼后发现外墙渗水、卫生间地面开裂，多次报修开发商只做表面处理。',
  },
  {
    code: '02010401',
    summary: (f) => `房东拒不退还租房押金${f.amount % 9000 + 1000}元`,
    request: () => '要求房东退还押金',
    facts: (f) => `本人租住${f.village}${f.road}${f.floor}号出租屋，租约到期退房后房东以墙面污损为由扣押全部押金。`,
  },
  {
    code: '02010402',
    summary: (f) => `${f.village}城中村出租屋被要求限期搬离`,
    request: () => '要求给予合理搬迁期限并退还预付租金',
    facts: () => '二房东统租后单方面解约，要求一周内搬离，已预付三个月租金。',
  },
  {
    code: '02020101',
    summary: (f) => `${f.village}旧村改造房屋征收补偿标准过低`,
    request: () => '要求按市场评估价重新核定补偿标准',
    facts: (f) => `本人在${f.village}有自建房一栋共${f.floor + 2}层，评估价远低于周边房价，多次协商未果。`,
  },
  {
    code: '02020102',
    summary: (f) => `安置房交付逾期${f.months}个月`,
    request: () => '要求按协议支付临时安置费并尽快交付安置房',
    facts: (f) => `${f.year}年签订拆赔协议，约定三年内回迁，项目停工至今，临时安置费已停发${f.months}个月。`,
  },
  {
    code: '02020201',
    summary: (f) => `${f.community}城市更新项目停滞`,
    request: () => '要求公开项目进度，明确回迁时间',
    facts: () => '项目开发商资金链断裂，工地停工，业主多次到现场及街道反映。',
  },
  {
    code: '02040301',
    summary: (f) => `${f.road}工地夜间施工噪音扰民`,
    request: () => '要求禁止夜间施工',
    facts: (f) => `${f.road}地铁配套工程连续多日施工至凌晨${(f.day % 3) + 1}点，附近居民无法休息。`,
  },
  {
    code: '04010101',
    summary: (f) => `${f.company}拖欠${f.people}名工人工资${f.months}个月`,
    request: (f) => `要求${f.company}支付拖欠工资共计${f.amount * 10}元`,
    facts: (f) => `我们${f.people}人在${f.company}从事生产工作，自${f.year}年${f.month}月起公司以资金周转困难为由停发工资，老板失联。`,
  },
  {
    code: '04010102',
    summary: (f) => `${f.company}倒闭，员工工资和经济补偿无着落`,
    request: () => '要求政府协调处置资产优先支付欠薪',
    facts: (f) => `工厂于${f.year}年${f.month}月${f.day}日突然停产，厂房被房东锁闭，设备尚在厂内。`,
  },
  {
    code: '04010104',
    summary: (f) => `${f.estate}工地分包商拖欠农民工工资`,
    request: () => '要求总包单位先行垫付工资',
    facts: (f) => `班组${f.people}人在${f.estate}项目做泥水工，包工头称总包未结算工程款，拒付工资${f.amount * 10}元。`,
  },
  {
    code: '04020102',
    summary: (f) => `被${f.company}违法解除劳动合同`,
    request: () => '要求支付违法解除劳动合同赔偿金',
    facts: (f) => `本人在${f.company}工作${(f.months % 9) + 1}年，公司以经营调整为由口头通知辞退，未支付任何补偿。`,
  },
  {
    code: '04020103',
    summary: (f) => `${f.company}搬迁未支付经济补偿金`,
    request: () => '要求依法支付经济补偿金',
    facts: () => '公司整体搬迁至外市，要求员工随迁或自动离职，员工不同意。',
  },
  {
    code: '04030101',
    summary: () => '申请补缴历年养老保险',
    request: () => '要求单位为本人补缴养老保险',
    facts: (f) => `本人在${f.company}工作期间单位未足额缴纳社保，现临近退休，缴费年限不足十五年。`,
  },
  {
    code: '04030102',
    summary: () => '养老金计发标准有误',
    request: () => '要求重新核算养老金待遇',
    facts: (f) => `${f.year}年办理退休，核定养老金每月${f.amount % 3000 + 2000}元，视同缴费年限未计入。`,
  },
  {
    code: '04030201',
    summary: () => '异地住院费用医保报销比例过低',
    request: () => '要求按规定比例报销医疗费用',
    facts: (f) => `本人${f.relative}在老家住院花费${f.amount * 3}元，回深后医保报销被告知未办理异地就医备案。`,
  },
  {
    code: '04030301',
    summary: (f) => `在${f.company}受伤，单位不申报工伤`,
    request: () => '要求认定工伤并享受工伤待遇',
    facts: (f) => `${f.year}年${f.month}月${f.day}日在车间操作冲床时右手受伤，单位拒绝提供劳动关系证明。`,
  },
  {
    code: '06010201',
    summary: () => '被骗报案后公安机关不立案',
    request: () => '要求公安机关依法立案侦查',
    facts: (f) => `本人通过网络投资平台被骗${f.amount * 5}元，已向派出所报案，至今未出具立案或不立案决定书。`,
  },
  {
    code: '06010402',
    summary: (f) => `${f.road}交通事故责任认定不公`,
    request: () => '要求重新认定事故责任',
    facts: (f) => `${f.year}年${f.month}月在${f.road}与货车相撞，交警认定本人负主要责任，监控视频未调取。`,
  },
  {
    code: '06060202',
    summary: () => '子女不履行赡养义务',
    request: () => '要求社区协调子女支付赡养费',
    facts: (f) => `本人年过七旬，独居于${f.village}，${f.relative}长期不探望也不支付生活费。`,
  },
  {
    code: '09010101',
    summary: () => '低保申请被驳回',
    request: () => '要求重新审核低保申请',
    facts: (f) => `家中${f.people % 4 + 2}口人，丈夫患病无劳动能力，月收入低于低保标准，街道以名下有车辆为由驳回。`,
  },
  {
    code: '10020101',
    summary: () => '子女学位申请未获安排',
    request: (f) => `要求就近安排${f.school}学位`,
    facts: (f) => `在${f.estate}购房并居住满三年，学位申请系统显示积分不足，被调剂到十公里外学校。`,
  },
  {
    code: '10020103',
    summary: () => '随迁子女入学材料被退回',
    request: () => '要求接受居住证和社保证明办理入学',
    facts: () => '居住证有效，社保连续缴纳满一年，学校以租房合同未备案为由退回申请。',
  },
  {
    code: '11010102',
    summary: (f) => `在${f.hospital}治疗后病情加重`,
    request: () => '要求医院赔偿医疗损害',
    facts: (f) => `${f.relative}因腹痛到${f.hospital}就诊，被诊断为肠胃炎，次日转院确诊阑尾穿孔，需手术治疗。`,
  },
  {
    code: '14030302',
    summary: (f) => `${f.estate}楼下广场舞噪音扰民`,
    request: () => '要求限制广场舞时间和音量',
    facts: () => '每晚七点至十点音响声音过大，家中有高考学生和老人，多次劝说无效。',
  },
  {
    code: '14030102',
    summary: (f) => `${f.road}餐馆油烟直排`,
    request: () => '要求餐馆安装油烟净化设施',
    facts: (f) => `${f.road}${f.floor}号一楼餐馆油烟管道直通居民窗口，夏天无法开窗。`,
  },
  {
    code: '02060101',
    summary: (f) => `${f.village}片区频繁停水`,
    request: () => '要求供水公司尽快改造管网',
    facts: (f) => `近${f.months}个月以来每周停水两三次，且无提前通知，居民生活受严重影响。`,
  },
  {
    code: '14020103',
    summary: (f) => `${f.village}出租屋转供电加价`,
    request: () => '要求按居民电价收取电费',
    facts: (f) => `房东按每度${((f.amount % 10) / 10 + 1).toFixed(1)}元收取电费，远高于居民阶梯电价。`,
  },
  {
    code: '14040301',
    summary: (f) => `${f.estate}${f.floor}栋电梯多次困人`,
    request: () => '要求物业更换老旧电梯',
    facts: () => '电梯使用超过十五年，本月已发生三次困人事故，维保单位只做简单维修。',
  },
  {
    code: '14040201',
    summary: (f) => `${f.village}消防通道被占用`,
    request: () => '要求清理消防通道',
    facts: () => '巷道两侧违规停放电动车和杂物，消防车无法通行，存在重大安全隐患。',
  },
  {
    code: '15010101',
    summary: () => '健身房关门，预付卡无法退费',
    request: (f) => `要求退还预付会员费${f.amount}元`,
    facts: (f) => `${f.road}某健身房突然闭店，经营者失联，涉及会员约${f.people * 10}人。`,
  },
  {
    code: '06050101',
    summary: () => '网贷平台爆雷，投资款无法取回',
    request: () => '要求公安机关追缴资金',
    facts: (f) => `${f.year}年在网贷平台投资${f.amount * 8}元，平台停止兑付，已向经侦报案登记。`,
  },
  {
    code: '13070101',
    summary: () => '信访事项超期未答复',
    request: () => '要求有关部门按期书面答复',
    facts: (f) => `${f.year}年${f.month}月反映的问题已受理，超过六十日仍未收到书面答复意见。`,
  },
  {
    code: '13070102',
    summary: () => '不服信访处理意见',
    request: () => '申请复查，要求撤销原处理意见',
    facts: () => '原处理意见认定事实不清，未听取本人陈述，适用依据错误。',
  },
];

/** Sentences any case may end with. */
const CLOSINGS = [
  '曾多次向社区工作站反映，未得到解决。',
  '已拨打12345热线投诉，至今无结果。',
  '现生活困难，请求有关部门依法处理。',
  '有相关票据和照片为证。',
  '对方态度恶劣，拒绝协商。',
  '希望政府帮助协调解决。',
  '',
  '',
];

export class CaseGenerator {
  private readonly random: () => number;
  private readonly surnameTotal: number;
  private readonly idNumbersUsed = new Set<string>();
  private readonly templates: Template[];

  constructor(
    private readonly refs: HallRefs,
    seed: number,
  ) {
    this.random = seeded(seed);
    this.surnameTotal = SURNAMES.reduce((total, [, share]) => total + share, 0);
    this.templates = TEMPLATES.filter((template) => refs.categoryCodes.has(template.code));
    if (this.templates.length < TEMPLATES.length / 2) throw new Error('the hall dictionary lacks most of the generator’s categories');
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  name(): string {
    let r = this.random() * this.surnameTotal;
    let surname = SURNAMES[0]![0];
    for (const [candidate, share] of SURNAMES) {
      r -= share;
      if (r <= 0) {
        surname = candidate;
        break;
      }
    }
    // The most used characters most often: a falling weight over the list.
    const given = () => (this.chance(0.002) ? this.pick(RARE) : GIVEN[Math.floor(GIVEN.length * this.random() ** 2)]!);
    const roll = this.random();
    return surname + (roll < 0.3 ? given() : roll < 0.98 ? given() + given() : given() + given() + given());
  }

  idNumber(): string {
    for (;;) {
      const area = this.chance(0.45) ? this.pick(SHENZHEN_AREAS) : this.pick(MIGRANT_AREAS);
      const birth = `${this.int(1940, 2006)}${String(this.int(1, 12)).padStart(2, '0')}${String(this.int(1, 28)).padStart(2, '0')}`;
      const first17 = `${area}${birth}${String(this.int(0, 999)).padStart(3, '0')}`;
      const id = first17 + checkCharacter(first17);
      if (!this.idNumbersUsed.has(id)) {
        this.idNumbersUsed.add(id);
        return id;
      }
    }
  }

  phone(): string {
    return `1${this.pick(['3', '5', '7', '8', '9'])}${String(this.int(0, 999_999_999)).padStart(9, '0')}`;
  }

  address(community: HallRefs['communities'][number]): string {
    return this.chance(0.6)
      ? `深圳市光明区${community.street}${community.name}${this.estate()}${this.int(1, 30)}栋${this.int(1, 33)}${String(this.int(1, 12)).padStart(2, '0')}室`
      : `深圳市光明区${community.street}${this.pick(VILLAGES)}${this.pick(ROADS)}${this.int(1, 200)}号`;
  }

  estate(): string {
    return this.pick(ESTATE_HEADS) + this.pick(ESTATE_TAILS);
  }

  content(community: HallRefs['communities'][number], year: number): { code: string; summary: string; request: string; facts: string } {
    const template = this.pick(this.templates);
    const fill: Fill = {
      estate: this.estate(),
      company: `深圳市${this.pick(COMPANY_WORDS)}${this.pick(INDUSTRIES)}有限公司`,
      road: this.pick(ROADS),
      village: this.pick(VILLAGES),
      community: community.name,
      months: this.int(2, 18),
      amount: this.int(800, 99_000),
      year: year - this.int(0, 3),
      month: this.int(1, 12),
      day: this.int(1, 28),
      people: this.int(2, 60),
      floor: this.int(1, 40),
      relative: this.pick(RELATIVES),
      hospital: this.pick(HOSPITALS),
      school: this.pick(SCHOOLS),
    };
    return {
      code: template.code,
      summary: template.summary(fill),
      request: template.request(fill),
      facts: `${template.facts(fill)}${this.pick(CLOSINGS)}${this.chance(0.3) ? this.pick(CLOSINGS) : ''}`,
    };
  }

  /**
   * A ULID for a record made at `at`: the time part as ulidx makes it, the random part
   * from the seeded generator (ulidx's draws from the system's random source per
   * character, a tenth of the generation's time). Later times sort later.
   */
  newId(at: number): string {
    let time = '';
    for (let rest = at, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32]! + time;
    let random = '';
    for (let i = 0; i < 16; i++) random += CROCKFORD[Math.floor(this.random() * 32)]!;
    return time + random;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes `count` cases into an opened hall database (its demo hall seeded), the newest
 * registered on `lastDay`, about 280 a day before it (the domain README's district).
 * Returns query samples drawn from what it wrote.
 */
export function generateCases(
  db: Database.Database,
  crypto: PersonalDataCrypto,
  refs: HallRefs,
  count: number,
  lastDay: string,
  onProgress: (written: number) => void = () => {},
): Samples {
  const gen = new CaseGenerator(refs, 20_221_105 + count);
  const perDay = 280;
  const days = Math.ceil(count / perDay);
  const firstDayMs = Date.parse(`${lastDay}T00:00:00Z`) - (days - 1) * DAY_MS;
  const samples: Samples = { visitors: [], twoCharNames: [], contentWords: [] };
  const sampleEvery = Math.max(1, Math.floor(count / 2000));

  const insertVisitor = db.prepare(
    `INSERT INTO visitors (id, id_number_enc, id_number_index, phone_enc, phone_index, name, language, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'zh-CN', ?, ?)`,
  );
  const insertVisit = db.prepare(
    `INSERT INTO visits (id, site_code, received_on, seq, case_number, visitor_id, identity_unclear, registered_by, registered_at, form,
       people_count, representatives, problem_location, purpose, matter_class, service_id, category_code, summary, request,
       facts_and_reasons, first_time, joint_or_group, receiver, address, problem_location_code)
     VALUES (@id, @site, @day, @seq, @caseNumber, @visitorId, 0, @clerk, @at, 'walk_in', @people, @representatives, @location, @purpose,
       @matterClass, @service, @category, @summary, @request, @facts, @firstTime, @group, 'petition_department', @address, @locationCode)`,
  );
  const insertPerson = db.prepare('INSERT INTO visit_people (visit_id, position, visitor_id, address) VALUES (?, ?, ?, ?)');
  const insertEvent = db.prepare(
    "INSERT INTO visit_events (visit_id, type, date, details, actor_id, note, recorded_at) VALUES (?, ?, ?, ?, ?, NULL, ?)",
  );
  const insertTag = db.prepare('INSERT INTO visit_tags (visit_id, kind, leader) VALUES (?, ?, ?)');

  /** Visitors who may come again (fewer than three cases so far), with how many they have. */
  const returning: { id: string; cases: number; address: string }[] = [];
  const phonesGiven: string[] = [];
  const PURPOSES = ['seek_resolution', 'seek_resolution', 'seek_resolution', 'opinion_suggestion', 'appeal', 'report_accusation', 'other'];
  const CLASSES = ['appeal_request', 'appeal_request', 'appeal_request', 'suggestion_opinion', 'report_accusation'];

  const newVisitor = (at: number, community: HallRefs['communities'][number]) => {
    const id = gen.newId(at);
    const idNumber = gen.idNumber();
    const name = gen.name();
    // Most give a mobile number; some give a relative's, already given by someone else.
    const phone = gen.chance(0.1) ? null : gen.chance(0.03) && phonesGiven.length > 0 ? gen.pick(phonesGiven) : gen.phone();
    if (phone && phonesGiven.length < 50_000) phonesGiven.push(phone);
    insertVisitor.run(
      id,
      crypto.encrypt('idNumber', idNumber),
      crypto.blindIndex('idNumber', idNumber),
      phone ? crypto.encrypt('phone', phone) : null,
      phone ? crypto.blindIndex('phone', phone) : null,
      name,
      at,
      at,
    );
    return { id, idNumber, phone, name, address: gen.address(community) };
  };

  const batch = 20_000;
  let written = 0;
  let seq = 0;
  let day = -1;
  while (written < count) {
    db.transaction(() => {
      const end = Math.min(count, written + batch);
      for (; written < end; written++) {
        const dayIndex = Math.floor(written / perDay);
        if (dayIndex !== day) {
          day = dayIndex;
          seq = 0;
        }
        seq++;
        const dayMs = firstDayMs + dayIndex * DAY_MS;
        const receivedOn = new Date(dayMs).toISOString().slice(0, 10);
        // Office hours, Shenzhen (UTC+8): 09:00–17:30, in order through the day.
        const at = dayMs + 1 * 60 * 60 * 1000 + Math.floor((seq / (perDay + 1)) * 8.5 * 60 * 60 * 1000);
        const community = gen.pick(refs.communities);

        let visitorId: string;
        let address: string;
        const comesAgain = returning.length > 0 && gen.chance(0.28);
        if (comesAgain) {
          const index = gen.int(0, returning.length - 1);
          const visitor = returning[index]!;
          visitorId = visitor.id;
          address = visitor.address;
          visitor.cases++;
          // Three cases at most: out of the pool (the last one takes its place).
          if (visitor.cases >= 3) returning[index] = returning[returning.length - 1]!;
          if (visitor.cases >= 3) returning.pop();
        } else {
          const visitor = newVisitor(at, community);
          visitorId = visitor.id;
          address = visitor.address;
          returning.push({ id: visitor.id, cases: 1, address });
          if (written % sampleEvery === 0) samples.visitors.push({ idNumber: visitor.idNumber, name: visitor.name, phone: visitor.phone });
          if ([...visitor.name].length === 2 && samples.twoCharNames.length < 5000) samples.twoCharNames.push(visitor.name);
        }
        const companions = gen.chance(0.06) ? gen.int(1, 4) : 0;
        const people = companions === 0 ? (gen.chance(0.9) ? 1 : gen.int(2, 5)) : gen.chance(0.3) ? gen.int(6, 80) : companions + 1;
        const content = gen.content(community, Number(receivedOn.slice(0, 4)));
        const id = gen.newId(at);
        const clerk = gen.pick(refs.clerkIds);
        insertVisit.run({
          id,
          site: refs.siteCode,
          day: receivedOn,
          seq,
          caseNumber: `${refs.siteCode}-${receivedOn.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`,
          visitorId,
          clerk,
          at,
          people,
          representatives: people > 5 ? companions + 1 : null,
          location: `${community.street} › ${community.name}`,
          purpose: gen.pick(PURPOSES),
          matterClass: gen.pick(CLASSES),
          service: gen.pick(refs.serviceIds),
          category: content.code,
          summary: content.summary,
          request: content.request,
          facts: content.facts,
          firstTime: comesAgain ? 0 : 1,
          group: people > 1 ? 1 : 0,
          address,
          locationCode: community.code,
        });
        insertPerson.run(id, 0, visitorId, address);
        for (let position = 1; position <= companions; position++) {
          const companion = newVisitor(at, community);
          insertPerson.run(id, position, companion.id, companion.address);
        }
        if (gen.chance(0.02)) insertTag.run(id, gen.pick(['backlog', 'six_without', 'three_cross']), null);
        if (gen.chance(0.005)) insertTag.run(id, 'leader_owned', `${gen.name()} 副区长`);

        // The timeline: received; older cases accepted and replied to (dates never after lastDay).
        const age = days - 1 - dayIndex;
        insertEvent.run(id, 'received', receivedOn, '{"by":"petition_department"}', clerk, at);
        if (age > 10) insertEvent.run(id, 'accepted', isoDay(dayMs + 7 * DAY_MS), '{}', clerk, at + 7 * DAY_MS);
        if (age > 70) insertEvent.run(id, 'replied', isoDay(dayMs + gen.int(20, 58) * DAY_MS), '{}', clerk, at + 60 * DAY_MS);

        if (written % sampleEvery === 0) samples.contentWords.push(...contentWords(gen, content));
      }
    })();
    onProgress(written);
  }
  return samples;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What a clerk would type to find a case by its content: a piece of one of its texts, one to six characters. */
function contentWords(gen: CaseGenerator, content: { summary: string; request: string; facts: string }): string[] {
  const words: string[] = [];
  for (const length of [1, 2, 3, 4, 6]) {
    const text = [...gen.pick([content.summary, content.request, content.facts]).replace(/[，。、：；]/g, '')];
    if (text.length < length) continue;
    const start = gen.int(0, text.length - length);
    words.push(text.slice(start, start + length).join(''));
  }
  return words;
}
