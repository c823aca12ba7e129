import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import type { StaffRole } from '../../../shared/contract';
import { DEFAULT_KIOSK_SETTINGS } from '../../../shared/domain/kiosk-settings';
import type { LocalizedText } from '../../../shared/domain/languages';
import { hashPassword } from '../staff/password-hash';
import { StaffStore } from '../staff/staff-store';
import { HallStore } from './hall-store';

interface DemoService {
  letter: string;
  name: LocalizedText;
  description: LocalizedText;
}

/** The five 群众诉求 services of the Shenzhen platforms (domain/README.md). */
export const DEMO_SERVICES: DemoService[] = [
  {
    letter: 'A',
    name: { 'zh-CN': '投诉建议', 'zh-HK': '投訴建議', en: 'Complaints and suggestions' },
    description: {
      'zh-CN': '对政府部门和公共服务的投诉、意见和建议',
      'zh-HK': '對政府部門和公共服務的投訴、意見和建議',
      en: 'Complaints, opinions and suggestions about government and public services',
    },
  },
  {
    letter: 'B',
    name: { 'zh-CN': '纠纷调解', 'zh-HK': '糾紛調解', en: 'Dispute mediation' },
    description: {
      'zh-CN': '邻里、家庭、劳动、物业等矛盾纠纷的调解',
      'zh-HK': '鄰里、家庭、勞動、物業等矛盾糾紛的調解',
      en: 'Mediation of disputes between neighbours, family members, employers, property managers',
    },
  },
  {
    letter: 'C',
    name: { 'zh-CN': '法律服务', 'zh-HK': '法律服務', en: 'Legal services' },
    description: {
      'zh-CN': '法律咨询、法律援助和诉讼、仲裁等法定途径指引',
      'zh-HK': '法律諮詢、法律援助和訴訟、仲裁等法定途徑指引',
      en: 'Legal advice, legal aid, and guidance to courts, arbitration and other legal channels',
    },
  },
  {
    letter: 'D',
    name: { 'zh-CN': '心理服务', 'zh-HK': '心理服務', en: 'Counselling' },
    description: {
      'zh-CN': '心理疏导和情绪支持',
      'zh-HK': '心理疏導和情緒支援',
      en: 'Psychological counselling and emotional support',
    },
  },
  {
    letter: 'E',
    name: { 'zh-CN': '帮扶救助', 'zh-HK': '幫扶救助', en: 'Assistance and relief' },
    description: {
      'zh-CN': '生活困难帮扶、社会救助和司法救助',
      'zh-HK': '生活困難幫扶、社會救助和司法救助',
      en: 'Help in hardship: social assistance and judicial relief',
    },
  },
];

/** Window number → letters of the services it serves, in calling order. */
const DEMO_WINDOWS: Array<{ number: number; letters: string[] }> = [
  { number: 1, letters: ['A', 'B'] },
  { number: 2, letters: ['A', 'C'] },
  { number: 3, letters: ['D', 'E'] },
  { number: 4, letters: ['A', 'B', 'C', 'D', 'E'] },
];

/**
 * Seeds the demo hall on an empty database, in one transaction. Returns false and
 * changes nothing when the hall is already configured.
 */
export function seedDemoHall(db: Database.Database): boolean {
  const store = new HallStore(db);
  if (!store.isEmpty()) return false;
  const ulid = monotonicFactory();

  db.transaction(() => {
    store.putSetting('hallName', {
      'zh-CN': '示范区群众诉求服务中心',
      'zh-HK': '示範區群眾訴求服務中心',
      en: 'Demo District Public Service Centre',
    } satisfies LocalizedText);
    store.putSetting('siteCode', 'DEMO');

    const insertService = db.prepare(`INSERT INTO services
      (id, letter, name_zh_cn, name_zh_hk, name_en, description_zh_cn, description_zh_hk, description_en, sort_order)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const serviceIds = new Map<string, string>();
    DEMO_SERVICES.forEach((service, index) => {
      const id = ulid();
      serviceIds.set(service.letter, id);
      insertService.run(
        id, service.letter,
        service.name['zh-CN'], service.name['zh-HK'], service.name.en,
        service.description['zh-CN'], service.description['zh-HK'], service.description.en,
        index,
      );
    });

    // "不确定 / 咨询" at the kiosk: 投诉建议 takes general enquiries.
    store.putSetting('kiosk', { ...DEFAULT_KIOSK_SETTINGS, generalServiceId: serviceIds.get('A')! });

    const insertWindow = db.prepare(`INSERT INTO windows
      (id, number, name_zh_cn, name_zh_hk, name_en, location_zh_cn, location_zh_hk, location_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertWindowService = db.prepare('INSERT INTO window_services (window_id, service_id, sort_order, tier) VALUES (?, ?, ?, 1)');
    for (const window of DEMO_WINDOWS) {
      const id = ulid();
      insertWindow.run(
        id, window.number, `${window.number}号窗口`, `${window.number}號窗口`, `Window ${window.number}`,
        `一楼大厅 ${window.number} 号窗口`, `一樓大廳 ${window.number} 號窗口`, `Ground floor, window ${window.number}`,
      );
      window.letters.forEach((letter, order) => insertWindowService.run(id, serviceIds.get(letter)!, order));
    }
  })();
  return true;
}

/**
 * The demo hall's password, for every demo account (README.md). The demo is the only
 * place a password is known: real staff get theirs from the admin, and a new hall's first
 * administrator is made with the host's one-time setup code (docs/security.md).
 */
export const DEMO_PASSWORD = 'demo1234';

/** The demo's staff: four clerks and an admin. */
export const DEMO_STAFF: ReadonlyArray<{ staffNo: string; name: string; role: StaffRole }> = [
  { staffNo: '1001', name: '王丽', role: 'clerk' },
  { staffNo: '1002', name: '李明', role: 'clerk' },
  { staffNo: '1003', name: '张伟', role: 'clerk' },
  { staffNo: '1004', name: '陈静', role: 'clerk' },
  { staffNo: '9001', name: '刘芳', role: 'admin' },
];

// One hash of the published demo password for all demo accounts, made once per
// process: a salt per account would protect nothing here, and each hash costs a
// quarter of a second at every demo start (and in every test that seeds one).
let demoPasswordHash: string | undefined;

/**
 * Gives the demo hall its staff accounts, in one transaction: on the demo site only
 * (never on a real hall started with --demo), and only while nobody can sign in there
 * (a demo database from before sign-in existed gets them too). Returns false and
 * changes nothing otherwise.
 */
export function seedDemoStaff(db: Database.Database, now: number): boolean {
  const hall = new HallStore(db);
  if (hall.setting<string>('siteCode', '') !== 'DEMO') return false;
  if (db.prepare('SELECT 1 FROM staff WHERE password_hash IS NOT NULL LIMIT 1').get()) return false;
  const store = new StaffStore(db);
  const ulid = monotonicFactory();
  demoPasswordHash ??= hashPassword(DEMO_PASSWORD);
  const passwordHash = demoPasswordHash;
  db.transaction(() => {
    for (const member of DEMO_STAFF) {
      if (store.account(member.staffNo)) continue;
      store.insert({ id: ulid(now), ...member, passwordHash, changedAt: now });
    }
  })();
  return true;
}
