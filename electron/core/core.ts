import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, Role, RpcReply } from '../../shared/contract';
import { AuditLog } from './audit/audit-log';
import { calendarHandlers } from './calendar/app';
import { CalendarService } from './calendar/calendar-service';
import { HallCalendar } from './calendar/hall-calendar';
import { categoryHandlers } from './categories/app';
import { comicHandlers } from './comics/app';
import { shippedComicsPath } from './comics/comic-pack-folder';
import { ComicService } from './comics/comic-service';
import { seedCategoryPath } from './categories/category-import';
import { CategoryService } from './categories/category-service';
import { openDatabase } from './db/database';
import { hallHandlers } from './hall/app';
import { HallConfig } from './hall/hall-config';
import { seedDemoHall, seedDemoStaff } from './hall/demo-seed';
import { HallStore } from './hall/hall-store';
import { kioskHandlers } from './kiosk/app';
import { KioskService } from './kiosk/kiosk-service';
import { systemClock, silentLogger, type Clock, type DataKeyStore, type IdCardReader, type Logger, type RawPrinter, type SystemPrinter, type TicketPrinter } from './ports';
import { printingHandlers } from './printing/app';
import { receiptHandlers } from './receipts/app';
import { ReceiptService } from './receipts/receipt-service';
import { retentionHandlers } from './retention/app';
import { RetentionService, type RetentionOptions } from './retention/retention-service';
import { DocumentPrinting } from './printing/document-printing';
import { deviceHandlers } from './devices/app';
import { DeviceService } from './devices/device-service';
import { defaultRawPrinter } from './printing/raw-printers';
import { PrintingService, type PrintingOptions } from './printing/printing-service';
import { DATA_KEY_FILE, keyFileDataKeyStore, memoryDataKeyStore, openDataKey } from './privacy/data-key-store';
import { retiredAuditKeys } from './privacy/key-rotation';
import { PersonalDataCrypto } from './privacy/personal-data-crypto';
import { queueHandlers } from './queue/app';
import { QueueService } from './queue/queue-service';
import { createDispatcher, type CallContext, type Handlers } from './rpc/dispatcher';
import { EventBus } from './rpc/event-bus';
import { authHandlers, staffHandlers } from './staff/app';
import { FirstRunSetup } from './staff/first-run-setup';
import { StaffService } from './staff/staff-service';
import { statsHandlers } from './stats/app';
import { StatsStore } from './stats/stats-store';
import { visitorHandlers } from './visitors/app';
import { VisitorRegistry } from './visitors/visitor-registry';
import { caseStatusHandlers, visitHandlers } from './visits/app';
import { AttachmentService } from './visits/attachment-service';
import { DecisionService } from './visits/decision-service';
import { deskHandlers } from './visits/desk-app';
import { locationHandlers } from './locations/app';
import { LocationService, seedLocationPath } from './locations/location-service';
import { ratingHandlers } from './ratings/app';
import { RatingService } from './ratings/rating-service';
import { searchHandlers } from './search/app';
import { SearchService } from './search/search-service';
import { CaseStatusService } from './visits/case-status-service';
import { VisitService } from './visits/visit-service';

export interface HallCoreOptions {
  /** The site's data folder (the database lives in it), or ':memory:' for tests. */
  dataDir: string;
  /** Seed the demo hall when the database has no services yet. */
  demo?: boolean;
  clock?: Clock;
  logger?: Logger;
  /** See OpenDatabaseOptions.nativeBinding. */
  sqliteBinding?: string;
  /**
   * Where the key of personal data at rest comes from. Default: a random key for
   * ':memory:', the key file in the data folder otherwise (never a random key for a
   * database that outlives the process).
   */
  dataKeys?: DataKeyStore;
  /** The kiosk's ticket printer, when one is attached. */
  ticketPrinter?: TicketPrinter;
  /** The kiosk's ID-card reader, when one is attached. */
  idCardReader?: IdCardReader;
  /**
   * Raw ESC/POS printers (docs/receipts.md, "Thermal printing"); default the network
   * adapter (tcp://host:9100). Without `ticketPrinter`, the kiosk's tickets go to the
   * print queue when the hall has an active kiosk printer.
   */
  rawPrinter?: RawPrinter;
  /** The operating system's printers (the Electron host prints HTML through them); none on the Node host. */
  systemPrinter?: SystemPrinter;
  printing?: PrintingOptions;
  /** The daily retention job (docs/retention.md); hosts leave it to its timers. */
  retention?: RetentionOptions;
  /** The category dictionary a site starts with; default: the seed shipped with the application. */
  categorySeedFile?: string;
  /** The street / community list a site starts with; default: the demo list shipped with the application. */
  locationSeedFile?: string;
  /**
   * The comic packs installed at start-up when newer than the current ones (docs/comics.md): a
   * pack folder (with pack.json) or a folder of them; default: the packs shipped with the application.
   */
  comicPackDir?: string;
  /**
   * Called once at start when the hall has no administrator, with the one-time setup code
   * the host prints on its console (docs/security.md, "First run"); the core keeps only
   * its hash.
   */
  onSetupCode?: (code: string) => void;
}

export interface HallCore {
  /** Answers one request envelope. Never throws. */
  dispatch(request: unknown, context: CallContext): RpcReply;
  /** Receives the events whose audience includes the role. */
  subscribe(role: Role, listener: (event: EventName, data: unknown) => void): () => void;
  /** The host's connection or window of this session id is gone: forget who was signed in on it. */
  endSession(sessionId: string): void;
  readonly db: Database.Database;
  /** The audit log under the site's audit key: `verify()` checks its chain (tests; later an admin check). */
  readonly audit: AuditLog;
  /** The regulation comics: `installPack` is how central sync (issue 8) will install a newer pack. */
  readonly comics: ComicService;
  /** The print queue (tests move it with runDue(); hosts leave it to its timers). */
  readonly printing: PrintingService;
  /** The retention job (tests run it with runNow(); hosts leave it to its timers). */
  readonly retention: RetentionService;
  /** Paired LAN devices: the Node host authenticates their tokens and closes a revoked one's connections. */
  readonly devices: DeviceService;
  close(): void;
}

export const DATABASE_FILE = 'hall.sqlite';

export function createHallCore(options: HallCoreOptions): HallCore {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const filename = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, DATABASE_FILE);
  if (filename !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase({ filename, now: () => clock.now(), nativeBinding: options.sqliteBinding });
  let crypto: PersonalDataCrypto;
  try {
    const dataKeys = options.dataKeys ?? (filename === ':memory:' ? memoryDataKeyStore() : keyFileDataKeyStore(options.dataDir));
    crypto = openDataKey(db, dataKeys, dataKeys.location ?? (filename === ':memory:' ? filename : join(options.dataDir, DATA_KEY_FILE)));
  } catch (error) {
    db.close();
    throw error;
  }
  if (options.demo && seedDemoHall(db)) logger.info('demo hall seeded');
  if (options.demo && seedDemoStaff(db, clock.now())) logger.info('demo staff accounts seeded');

  const bus = new EventBus((event, error) =>
    logger.error('event listener failed', { event, error: error instanceof Error ? error.message : String(error) }),
  );
  const hall = new HallStore(db);
  const queue = new QueueService(db, hall, clock, bus);
  const closed = queue.closeEarlierDays();
  if (closed > 0) logger.info('closed the queue of earlier days', { tickets: closed });
  const visitors = new VisitorRegistry(db, crypto);
  // Every site classifies with the shipped seed until an admin (or, later, central) replaces it.
  const categories = new CategoryService(db, clock, bus);
  if (categories.seedIfEmpty(options.categorySeedFile ?? seedCategoryPath(), logger)) logger.info('category dictionary seeded');
  // Likewise the 问题属地 list (docs/locations.md): demo data until the hall imports its own.
  const locations = new LocationService(db);
  if (locations.seedIfEmpty(options.locationSeedFile ?? seedLocationPath(), logger)) logger.info('location list seeded');
  // The audit chain's HMAC key: derived from the data key, never stored (audit/audit-log.ts);
  // those of keys retired by a rotation are kept encrypted under it (privacy/key-rotation.ts).
  const audit = new AuditLog(db, crypto.auditChainKey(), retiredAuditKeys(db, crypto));
  const staff = new StaffService(db, clock, () => hall.timeZone(), audit, (typed) => crypto.failureCounterKey('signIn', typed));
  // No default password: a hall without an administrator gets a one-time setup code.
  const firstRun = new FirstRunSetup(db, staff, clock, audit);
  const setupCode = firstRun.start();
  if (setupCode !== null) {
    logger.info('the hall has no administrator: first-run setup code made');
    options.onSetupCode?.(setupCode);
  }
  const retention = new RetentionService(db, hall, crypto, clock, audit, logger, options.retention);
  const printing = new PrintingService(db, clock, options.rawPrinter ?? defaultRawPrinter(), logger, {
    systemPrinter: options.systemPrinter ?? null,
    ...options.printing,
  });
  // The working-day calendar: the shipped years and the hall's own (docs/deadlines.md).
  const calendar = new HallCalendar(db);
  const visits = new VisitService(db, hall, visitors, categories, locations, clock, () => queue.today(), audit, calendar);
  const receipts = new ReceiptService(db, hall, queue, visits);
  const documentPrinting = new DocumentPrinting(printing, receipts, hall, clock);
  const pairedDevices = new DeviceService(db, clock, audit, logger);
  const queuedTickets = documentPrinting.ticketPrinter();
  const devices = {
    // The host's own ticket printer, or the print queue once the hall has a kiosk printer (read on every use).
    get printer(): TicketPrinter | undefined {
      return options.ticketPrinter ?? (documentPrinting.hasKioskPrinter() ? queuedTickets : undefined);
    },
    idCardReader: options.idCardReader,
  };
  // A database from before the deadline index, or a new holiday calendar: every case's deadlines indexed anew.
  const indexed = visits.deadlineIndex.rebuildIfStale();
  if (indexed > 0) logger.info('deadline index rebuilt', { cases: indexed });
  // The regulation comics: the shipped pack, verified, replaces an older one; a pack that fails is refused and logged.
  const comics = new ComicService(db, clock, bus, logger, () => queue.today());
  comics.installFromFolder(options.comicPackDir ?? shippedComicsPath());
  const handlers: Handlers = {
    ...authHandlers(staff, firstRun),
    ...staffHandlers(staff),
    ...hallHandlers(hall, new HallConfig(db, hall, clock, bus), {
      idCardReader: !!devices.idCardReader,
      get ticketPrinter() {
        return !!devices.printer;
      },
    }),
    ...queueHandlers(queue),
    ...kioskHandlers(new KioskService(db, hall, queue, visitors, clock, devices, logger)),
    ...visitorHandlers(visitors, () => queue.today()),
    ...statsHandlers(new StatsStore(db), hall, queue, clock),
    ...categoryHandlers(categories),
    ...visitHandlers(visits),
    ...deskHandlers({
      db,
      clock,
      audit,
      visits,
      visitors,
      decisions: new DecisionService(db, hall, clock, () => queue.today(), visits.deadlineIndex),
      attachments: new AttachmentService(db, crypto, clock, audit),
    }),
    ...locationHandlers(locations),
    ...ratingHandlers(new RatingService(db, hall, clock, bus), () => queue.today()),
    ...searchHandlers(new SearchService(db, crypto, () => queue.today())),
    ...comicHandlers(comics),
    ...printingHandlers(printing, documentPrinting),
    ...deviceHandlers(pairedDevices),
    ...receiptHandlers(receipts),
    ...retentionHandlers(retention),
    ...caseStatusHandlers(new CaseStatusService(db, visitors, clock, () => queue.today(), () => hall.timeZone(), (typed) => crypto.failureCounterKey('caseStatus', typed))),
    ...calendarHandlers(new CalendarService(db, calendar, visits.deadlineIndex)),
  };
  // The configuration an admin changes is audit-logged in the transaction of the change (the contract's `audit`).
  const dispatch = createDispatcher(handlers, logger, (context) => staff.staffOf(context), {
    inTransaction: (work) => db.transaction(work).immediate(),
    append: (entry) => void audit.append({ at: clock.now(), ...entry }),
  });

  return {
    dispatch,
    subscribe: (role, listener) => bus.subscribe(role, listener),
    endSession: (sessionId) => staff.endSession(sessionId),
    db,
    audit,
    comics,
    printing,
    retention,
    devices: pairedDevices,
    close: () => {
      printing.close();
      retention.close();
      db.close();
    },
  };
}
