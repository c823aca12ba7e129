import type Database from 'better-sqlite3';
import type { HallInfo, HallWindow, Service, WindowState } from '../../../shared/contract';
import { DEFAULT_KIOSK_SETTINGS, kioskSettingsSchema, type KioskSettings } from '../../../shared/domain/kiosk-settings';
import { LANGUAGES, type LocalizedText } from '../../../shared/domain/languages';
import { DEFAULT_QUEUE_RULES, queueRulesSchema, resetHourChangeSchema, type QueueRules, type ResetHourChange } from '../../../shared/domain/queue-rules';
import { DEFAULT_TIME_ZONE, serviceDayUnder } from '../../../shared/domain/service-day';
import { NO_ADDRESS, hallAddressSchema, offeredLanguagesSchema, type HallSettings } from '../../../shared/domain/hall-settings';

interface ServiceRow {
  id: string;
  letter: string;
  name_zh_cn: string;
  name_zh_hk: string;
  name_en: string;
  description_zh_cn: string;
  description_zh_hk: string;
  description_en: string;
  open_from: string | null;
  open_until: string | null;
  daily_capacity: number | null;
}

interface WindowRow {
  id: string;
  number: number;
  name_zh_cn: string;
  name_zh_hk: string;
  name_en: string;
  location_zh_cn: string;
  location_zh_hk: string;
  location_en: string;
  state: WindowState;
  services: string | null;
}

export interface WindowRef {
  id: string;
  number: number;
  state: WindowState;
}

const DEFAULT_HALL_NAME: LocalizedText = { 'zh-CN': '信访接待大厅', 'zh-HK': '信訪接待大廳', en: 'Petition Reception Hall' };
/** A hall that never set its site code (the case numbers read it as this, visit-service.ts). */
export const DEFAULT_SITE_CODE = 'SITE';

const text = (zhCN: string, zhHK: string, en: string): LocalizedText => ({ 'zh-CN': zhCN, 'zh-HK': zhHK, en });

function serviceFromRow(row: ServiceRow): Service {
  return {
    id: row.id,
    letter: row.letter,
    name: text(row.name_zh_cn, row.name_zh_hk, row.name_en),
    description: text(row.description_zh_cn, row.description_zh_hk, row.description_en),
    openFrom: row.open_from,
    openUntil: row.open_until,
    dailyCapacity: row.daily_capacity,
  };
}

/** Reads and writes the hall's configuration: settings, services, windows. */
export class HallStore {
  private readonly statements;
  private cachedRules: QueueRules | null = null;
  private cachedResetHourChange: ResetHourChange | null | undefined;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      setting: db.prepare<[string], { value: string }>('SELECT value FROM hall_settings WHERE key = ?'),
      putSetting: db.prepare(
        'INSERT INTO hall_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      services: db.prepare<[], ServiceRow>('SELECT * FROM services WHERE active = 1 ORDER BY sort_order, letter'),
      service: db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE id = ? AND active = 1'),
      windows: db.prepare<[], WindowRow>(`
        SELECT w.*,
               (SELECT json_group_array(json_object('serviceId', service_id, 'tier', tier)) FROM
                  (SELECT ws.service_id, ws.tier FROM window_services ws JOIN services s ON s.id = ws.service_id
                   WHERE ws.window_id = w.id AND s.active = 1 ORDER BY ws.tier, ws.sort_order)) AS services
        FROM windows w WHERE w.active = 1 ORDER BY w.number`),
      servicesOfWindow: db.prepare<[string], { service_id: string; tier: number }>(
        `SELECT ws.service_id, ws.tier FROM window_services ws JOIN services s ON s.id = ws.service_id
         WHERE ws.window_id = ? AND s.active = 1 ORDER BY ws.tier, ws.sort_order`,
      ),
      window: db.prepare<[string], WindowRef>('SELECT id, number, state FROM windows WHERE id = ? AND active = 1'),
      setWindowState: db.prepare('UPDATE windows SET state = ? WHERE id = ?'),
      logWindowState: db.prepare('INSERT INTO window_events (window_id, state, staff_id, at) VALUES (?, ?, ?, ?)'),
    };
  }

  setting<T>(key: string, fallback: T): T {
    const row = this.statements.setting.get(key);
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  putSetting(key: string, value: unknown): void {
    this.statements.putSetting.run(key, JSON.stringify(value));
    if (key === 'queueRules') this.cachedRules = null;
    if (key === 'resetHourChange') this.cachedResetHourChange = undefined;
  }

  timeZone(): string {
    return this.setting('timeZone', DEFAULT_TIME_ZONE);
  }

  /** The hall itself (hall.saveSettings): what a hall that never set them reads are the defaults. */
  settings(): HallSettings {
    return {
      name: this.setting('hallName', DEFAULT_HALL_NAME),
      siteCode: this.setting('siteCode', DEFAULT_SITE_CODE),
      address: hallAddressSchema.catch(NO_ADDRESS).parse(this.setting('address', NO_ADDRESS)),
      languages: offeredLanguagesSchema.catch([...LANGUAGES]).parse(this.setting('languages', LANGUAGES)),
      timeZone: this.timeZone(),
    };
  }

  /** Read on every call next: cached, and dropped whenever they are written. */
  queueRules(): QueueRules {
    this.cachedRules ??= queueRulesSchema.parse(this.setting('queueRules', DEFAULT_QUEUE_RULES));
    return this.cachedRules;
  }

  /** A reset hour saved for a later service day (see HallConfig.saveQueueRules), or null. */
  resetHourChange(): ResetHourChange | null {
    if (this.cachedResetHourChange === undefined) {
      this.cachedResetHourChange = resetHourChangeSchema.nullable().parse(this.setting('resetHourChange', null));
    }
    return this.cachedResetHourChange;
  }

  /** The service day a moment belongs to, by the reset hour in force then. */
  serviceDay(epochMs: number): string {
    return serviceDayUnder(epochMs, this.timeZone(), this.queueRules().resetHour, this.resetHourChange());
  }

  isEmpty(): boolean {
    return this.services().length === 0;
  }

  services(): Service[] {
    return this.statements.services.all().map(serviceFromRow);
  }

  windows(): HallWindow[] {
    return this.statements.windows.all().map((row) => ({
      id: row.id,
      number: row.number,
      name: text(row.name_zh_cn, row.name_zh_hk, row.name_en),
      location: text(row.location_zh_cn, row.location_zh_hk, row.location_en),
      state: row.state,
      services: row.services ? (JSON.parse(row.services) as HallWindow['services']) : [],
    }));
  }

  /** The kiosk's settings; a general service retired since is reported as none (the kiosk hides that button). */
  kioskSettings(): KioskSettings {
    const settings = kioskSettingsSchema.parse(this.setting('kiosk', DEFAULT_KIOSK_SETTINGS));
    if (settings.generalServiceId && !this.findService(settings.generalServiceId)) return { ...settings, generalServiceId: null };
    return settings;
  }

  /** The configuration part of hall.info; the host's devices are added by the handler. */
  info(): Omit<HallInfo, 'devices'> {
    return {
      ...this.settings(),
      services: this.services(),
      windows: this.windows(),
      queueRules: this.queueRules(),
      resetHourChange: this.resetHourChange(),
      kiosk: this.kioskSettings(),
    };
  }

  findWindow(windowId: string): WindowRef | undefined {
    return this.statements.window.get(windowId);
  }

  findService(serviceId: string): Service | undefined {
    const row = this.statements.service.get(serviceId);
    return row && serviceFromRow(row);
  }

  /** The window's services grouped by tier, tier 1 first. */
  serviceTiersOfWindow(windowId: string): string[][] {
    const tiers = new Map<number, string[]>();
    for (const row of this.statements.servicesOfWindow.all(windowId)) {
      tiers.set(row.tier, [...(tiers.get(row.tier) ?? []), row.service_id]);
    }
    return [...tiers.entries()].sort(([a], [b]) => a - b).map(([, services]) => services);
  }

  serviceIdsOfWindow(windowId: string): string[] {
    return this.serviceTiersOfWindow(windowId).flat();
  }

  /** Changes a window's state and logs the change and who made it (statistics read the log). */
  setWindowState(windowId: string, state: WindowState, at: number, staffId: string | null): void {
    this.statements.setWindowState.run(state, windowId);
    this.statements.logWindowState.run(windowId, state, staffId, at);
  }
}
