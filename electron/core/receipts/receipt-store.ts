import type Database from 'better-sqlite3';
import type { Language, LocalizedText } from '../../../shared/domain/languages';
import { DEFAULT_RECEIPT_SETTINGS, receiptSettingsSchema, type ReceiptSettings } from '../../../shared/receipts/receipt-kinds';
import type { HallStore } from '../hall/hall-store';

/** hall_settings key of the receipts' settings (receipt-kinds.ts, receiptSettingsSchema). */
export const RECEIPT_SETTINGS_KEY = 'receipts';

/** What the documents read besides the case and the ticket: languages and the hall's receipt settings. */
export class ReceiptStore {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly hall: HallStore,
  ) {
    this.s = {
      visitorLanguage: db.prepare<[string], Language>('SELECT language FROM visitors WHERE id = ?').pluck(),
      // The kiosk registration is on the first ticket of a transfer chain (visitor-store.ts does the same walk).
      ticketLanguage: db
        .prepare<[string], Language>(
          `WITH RECURSIVE chain (id, transferred_from) AS (
             SELECT id, transferred_from FROM tickets WHERE id = ?
             UNION ALL
             SELECT t.id, t.transferred_from FROM tickets t JOIN chain c ON t.id = c.transferred_from
           )
           SELECT r.language FROM chain c JOIN ticket_registrations r ON r.ticket_id = c.id LIMIT 1`,
        )
        .pluck(),
      serviceName: db.prepare<[string], { zh_cn: string; zh_hk: string; en: string }>(
        'SELECT name_zh_cn AS zh_cn, name_zh_hk AS zh_hk, name_en AS en FROM services WHERE id = ?',
      ),
    };
  }

  /** The language kept on the visitor's record (kiosk or desk), or null. */
  visitorLanguage(visitorId: string): Language | null {
    return this.s.visitorLanguage.get(visitorId) ?? null;
  }

  /** The language the ticket was taken in at the kiosk (a transfer's ticket: its first), or null. */
  ticketLanguage(ticketId: string): Language | null {
    return this.s.ticketLanguage.get(ticketId) ?? null;
  }

  /** A service's names, active or retired since (a case keeps naming its own). */
  serviceName(serviceId: string): LocalizedText | null {
    const row = this.s.serviceName.get(serviceId);
    return row ? { 'zh-CN': row.zh_cn, 'zh-HK': row.zh_hk, en: row.en } : null;
  }

  settings(): ReceiptSettings {
    return receiptSettingsSchema.parse(this.hall.setting(RECEIPT_SETTINGS_KEY, DEFAULT_RECEIPT_SETTINGS));
  }

  saveSettings(settings: ReceiptSettings): ReceiptSettings {
    this.hall.putSetting(RECEIPT_SETTINGS_KEY, receiptSettingsSchema.parse(settings));
    return this.settings();
  }
}
