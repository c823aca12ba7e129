import type Database from 'better-sqlite3';
import type { HallInfo, HallWindow, Service } from '../../../shared/contract';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/service-day';
import type { LocalizedText } from '../../../shared/domain/languages';

interface ServiceRow {
  id: string;
  letter: string;
  name_zh_cn: string;
  name_zh_hk: string;
  name_en: string;
  description_zh_cn: string;
  description_zh_hk: string;
  description_en: string;
}

interface WindowRow {
  id: string;
  number: number;
  name_zh_cn: string;
  name_zh_hk: string;
  name_en: string;
  service_ids: string | null;
}

const DEFAULT_HALL_NAME: LocalizedText = { 'zh-CN': '信访接待大厅', 'zh-HK': '信訪接待大廳', en: 'Petition Reception Hall' };

/** Reads and writes the hall's configuration: settings, services, windows. */
export class HallStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      setting: db.prepare<[string], { value: string }>('SELECT value FROM hall_settings WHERE key = ?'),
      putSetting: db.prepare(
        'INSERT INTO hall_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      services: db.prepare<[], ServiceRow>('SELECT * FROM services WHERE active = 1 ORDER BY sort_order, letter'),
      windows: db.prepare<[], WindowRow>(`
        SELECT w.id, w.number, w.name_zh_cn, w.name_zh_hk, w.name_en,
               (SELECT json_group_array(service_id) FROM
                  (SELECT service_id FROM window_services WHERE window_id = w.id ORDER BY sort_order)) AS service_ids
        FROM windows w WHERE w.active = 1 ORDER BY w.number`),
      serviceIdsOfWindow: db.prepare<[string], { service_id: string }>(
        `SELECT ws.service_id FROM window_services ws JOIN services s ON s.id = ws.service_id
         WHERE ws.window_id = ? AND s.active = 1 ORDER BY ws.sort_order`,
      ),
      window: db.prepare<[string], { id: string; number: number }>(
        'SELECT id, number FROM windows WHERE id = ? AND active = 1',
      ),
      service: db.prepare<[string], { id: string; letter: string }>(
        'SELECT id, letter FROM services WHERE id = ? AND active = 1',
      ),
    };
  }

  setting<T>(key: string, fallback: T): T {
    const row = this.statements.setting.get(key);
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  putSetting(key: string, value: unknown): void {
    this.statements.putSetting.run(key, JSON.stringify(value));
  }

  timeZone(): string {
    return this.setting('timeZone', DEFAULT_TIME_ZONE);
  }

  isEmpty(): boolean {
    return this.services().length === 0;
  }

  services(): Service[] {
    return this.statements.services.all().map((row) => ({
      id: row.id,
      letter: row.letter,
      name: { 'zh-CN': row.name_zh_cn, 'zh-HK': row.name_zh_hk, en: row.name_en },
      description: { 'zh-CN': row.description_zh_cn, 'zh-HK': row.description_zh_hk, en: row.description_en },
    }));
  }

  windows(): HallWindow[] {
    return this.statements.windows.all().map((row) => ({
      id: row.id,
      number: row.number,
      name: { 'zh-CN': row.name_zh_cn, 'zh-HK': row.name_zh_hk, en: row.name_en },
      serviceIds: row.service_ids ? (JSON.parse(row.service_ids) as string[]) : [],
    }));
  }

  info(): HallInfo {
    return {
      name: this.setting('hallName', DEFAULT_HALL_NAME),
      siteCode: this.setting('siteCode', 'SITE'),
      timeZone: this.timeZone(),
      services: this.services(),
      windows: this.windows(),
    };
  }

  findWindow(windowId: string): { id: string; number: number } | undefined {
    return this.statements.window.get(windowId);
  }

  findService(serviceId: string): { id: string; letter: string } | undefined {
    return this.statements.service.get(serviceId);
  }

  serviceIdsOfWindow(windowId: string): string[] {
    return this.statements.serviceIdsOfWindow.all(windowId).map((row) => row.service_id);
  }
}
