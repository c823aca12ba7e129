import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulidx';
import { HallError, type HallWindow, type Service } from '../../../shared/contract';
import type { HallStore } from './hall-store';
import type { EventBus } from '../rpc/event-bus';
import type { Clock } from '../ports';
import type { QueueRules } from '../../../shared/domain/queue-rules';
import { resetHourChangeAt } from '../../../shared/domain/service-day';
import type { KioskSettings } from '../../../shared/domain/kiosk-settings';
import type { HallSettings } from '../../../shared/domain/hall-settings';

export type ServiceInput = Omit<Service, 'id'> & { id?: string | undefined; sortOrder?: number | undefined };
export type WindowInput = Omit<HallWindow, 'id' | 'state'> & { id?: string | undefined };

/**
 * Changes to the hall's services and windows, each validated against the rest of the
 * configuration and written in one transaction; every page is told to reload it.
 * Nothing is deleted: a removed service or window is deactivated, so that its
 * history (tickets, statistics) stays whole.
 */
export class HallConfig {
  private readonly ulid = monotonicFactory();
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly hall: HallStore,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {
    this.s = {
      serviceByLetter: db.prepare<[string], { id: string; name_zh_cn: string; active: number }>(
        'SELECT id, name_zh_cn, active FROM services WHERE letter = ?',
      ),
      serviceExists: db.prepare<[string], { id: string }>('SELECT id FROM services WHERE id = ? AND active = 1'),
      insertService: db.prepare(`INSERT INTO services (id, letter, name_zh_cn, name_zh_hk, name_en, description_zh_cn, description_zh_hk,
        description_en, open_from, open_until, daily_capacity, sort_order)
        VALUES (@id, @letter, @nameZhCN, @nameZhHK, @nameEn, @descZhCN, @descZhHK, @descEn, @openFrom, @openUntil, @dailyCapacity,
          COALESCE(@sortOrder, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM services)))`),
      updateService: db.prepare(`UPDATE services SET letter = @letter, name_zh_cn = @nameZhCN, name_zh_hk = @nameZhHK, name_en = @nameEn,
        description_zh_cn = @descZhCN, description_zh_hk = @descZhHK, description_en = @descEn, open_from = @openFrom,
        open_until = @openUntil, daily_capacity = @dailyCapacity, sort_order = COALESCE(@sortOrder, sort_order)
        WHERE id = @id AND active = 1`),
      deactivateService: db.prepare('UPDATE services SET active = 0 WHERE id = ?'),
      openTicketsOfService: db.prepare<[string], { open: number }>(
        "SELECT COUNT(*) AS open FROM tickets WHERE service_id = ? AND status IN ('waiting', 'called', 'serving', 'held')",
      ),
      windowByNumber: db.prepare<[number], { id: string; active: number }>('SELECT id, active FROM windows WHERE number = ?'),
      windowExists: db.prepare<[string], { id: string }>('SELECT id FROM windows WHERE id = ? AND active = 1'),
      insertWindow: db.prepare(`INSERT INTO windows (id, number, name_zh_cn, name_zh_hk, name_en, location_zh_cn, location_zh_hk, location_en)
        VALUES (@id, @number, @nameZhCN, @nameZhHK, @nameEn, @locZhCN, @locZhHK, @locEn)`),
      updateWindow: db.prepare(`UPDATE windows SET number = @number, name_zh_cn = @nameZhCN, name_zh_hk = @nameZhHK, name_en = @nameEn,
        location_zh_cn = @locZhCN, location_zh_hk = @locZhHK, location_en = @locEn WHERE id = @id AND active = 1`),
      clearWindowServices: db.prepare('DELETE FROM window_services WHERE window_id = ?'),
      addWindowService: db.prepare('INSERT INTO window_services (window_id, service_id, sort_order, tier) VALUES (?, ?, ?, ?)'),
      deactivateWindow: db.prepare('UPDATE windows SET active = 0 WHERE id = ?'),
      cases: db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM visits'),
      anyTicket: db.prepare<[], { one: number }>('SELECT 1 AS one FROM tickets LIMIT 1'),
      ticketsAtWindow: db.prepare<[string, string], { open: number }>(
        `SELECT COUNT(*) AS open FROM tickets WHERE (window_id = ? AND status IN ('called', 'serving', 'held'))
           OR (target_window_id = ? AND status = 'waiting')`,
      ),
    };
  }

  saveService(input: ServiceInput): Service {
    const id = this.db.transaction(() => {
      if (input.openFrom && input.openUntil && input.openFrom >= input.openUntil) {
        throw new HallError('BAD_HOURS', { from: input.openFrom, until: input.openUntil });
      }
      const holder = this.s.serviceByLetter.get(input.letter);
      if (holder && holder.id !== input.id) {
        throw new HallError('DUPLICATE', { context: holder.active ? 'letter' : 'letterRetired', letter: input.letter, name: holder.name_zh_cn });
      }
      if (input.id && !this.s.serviceExists.get(input.id)) throw new HallError('NOT_FOUND', { context: 'service' });
      const id = input.id ?? this.ulid(this.clock.now());
      const row = {
        id,
        letter: input.letter,
        nameZhCN: input.name['zh-CN'],
        nameZhHK: input.name['zh-HK'],
        nameEn: input.name.en,
        descZhCN: input.description['zh-CN'],
        descZhHK: input.description['zh-HK'],
        descEn: input.description.en,
        openFrom: input.openFrom,
        openUntil: input.openUntil,
        dailyCapacity: input.dailyCapacity,
        sortOrder: input.sortOrder ?? null,
      };
      if (input.id) this.s.updateService.run(row);
      else this.s.insertService.run(row);
      return id;
    }).immediate();
    this.changed();
    return this.hall.findService(id)!;
  }

  removeService(serviceId: string): void {
    this.db.transaction(() => {
      if (!this.s.serviceExists.get(serviceId)) throw new HallError('NOT_FOUND', { context: 'service' });
      const open = this.s.openTicketsOfService.get(serviceId)?.open ?? 0;
      if (open > 0) throw new HallError('IN_USE', { context: 'service', count: open });
      this.s.deactivateService.run(serviceId);
    }).immediate();
    this.changed();
  }

  saveWindow(input: WindowInput): HallWindow {
    const id = this.db.transaction(() => {
      const holder = this.s.windowByNumber.get(input.number);
      if (holder && holder.id !== input.id) throw new HallError('DUPLICATE', { context: holder.active ? 'window' : 'windowRetired', number: input.number });
      if (input.id && !this.s.windowExists.get(input.id)) throw new HallError('NOT_FOUND', { context: 'window' });
      const serviceIds = input.services.map((s) => s.serviceId);
      if (new Set(serviceIds).size !== serviceIds.length) throw new HallError('DUPLICATE', { context: 'windowService' });
      for (const serviceId of serviceIds) {
        if (!this.s.serviceExists.get(serviceId)) throw new HallError('NOT_FOUND', { context: 'service' });
      }
      const id = input.id ?? this.ulid(this.clock.now());
      const row = {
        id,
        number: input.number,
        nameZhCN: input.name['zh-CN'],
        nameZhHK: input.name['zh-HK'],
        nameEn: input.name.en,
        locZhCN: input.location['zh-CN'],
        locZhHK: input.location['zh-HK'],
        locEn: input.location.en,
      };
      if (input.id) this.s.updateWindow.run(row);
      else this.s.insertWindow.run(row);
      this.s.clearWindowServices.run(id);
      input.services.forEach(({ serviceId, tier }, order) => this.s.addWindowService.run(id, serviceId, order, tier));
      return id;
    }).immediate();
    this.changed();
    return this.hall.windows().find((window) => window.id === id)!;
  }

  removeWindow(windowId: string): void {
    this.db.transaction(() => {
      if (!this.s.windowExists.get(windowId)) throw new HallError('NOT_FOUND', { context: 'window' });
      const open = this.s.ticketsAtWindow.get(windowId, windowId)?.open ?? 0;
      if (open > 0) throw new HallError('IN_USE', { context: 'window', count: open });
      this.s.deactivateWindow.run(windowId);
    }).immediate();
    this.changed();
  }

  /**
   * New queue rules apply from the next call; pages reload them (recalls before no-show, …).
   * A new reset hour waits for the next service day, kept with the day it applies from:
   * moving today's start would renumber today's tickets and close or merge today's queue.
   */
  saveQueueRules(rules: QueueRules): QueueRules {
    this.db.transaction(() => {
      const saved = this.hall.queueRules();
      const change = resetHourChangeAt(this.clock.now(), this.hall.timeZone(), saved.resetHour, this.hall.resetHourChange(), rules.resetHour);
      this.hall.putSetting('resetHourChange', change);
      this.hall.putSetting('queueRules', rules);
    }).immediate();
    this.changed();
    return this.hall.queueRules();
  }

  /**
   * The hall itself: name, site code, address, languages offered, time zone. The site
   * code is in every case number and names the site to central, so it is fixed once the
   * hall has a case; service days (tickets, case dates, statistics) are reckoned in the
   * time zone, so it is fixed once the hall has a ticket or a case (docs/hall-settings.md).
   * Saving the same values again is always allowed.
   */
  saveSettings(settings: HallSettings): HallSettings {
    this.db.transaction(() => {
      const saved = this.hall.settings();
      if (settings.siteCode !== saved.siteCode) {
        const cases = this.s.cases.get()?.count ?? 0;
        if (cases > 0) throw new HallError('CONFLICT', { context: 'siteCode', siteCode: saved.siteCode, count: cases }, { field: 'siteCode' });
      }
      if (settings.timeZone !== saved.timeZone && (this.s.anyTicket.get() || (this.s.cases.get()?.count ?? 0) > 0)) {
        throw new HallError('CONFLICT', { context: 'timeZone', timeZone: saved.timeZone }, { field: 'timeZone' });
      }
      this.hall.putSetting('hallName', settings.name);
      this.hall.putSetting('siteCode', settings.siteCode);
      this.hall.putSetting('address', settings.address);
      this.hall.putSetting('languages', settings.languages);
      this.hall.putSetting('timeZone', settings.timeZone);
    }).immediate();
    this.changed();
    return this.hall.settings();
  }

  /** The kiosk reloads them at once (idle countdown, the general service button, the QR base). */
  saveKioskSettings(settings: KioskSettings): KioskSettings {
    this.db.transaction(() => {
      if (settings.generalServiceId && !this.s.serviceExists.get(settings.generalServiceId)) throw new HallError('NOT_FOUND', { context: 'service' });
      this.hall.putSetting('kiosk', settings);
    }).immediate();
    this.changed();
    return this.hall.kioskSettings();
  }

  private changed(): void {
    this.bus.publish('hall.configChanged', {});
  }
}
