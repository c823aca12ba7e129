import type Database from 'better-sqlite3';
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { monotonicFactory } from 'ulidx';
import { HallError } from '../../../shared/contract';
import { PAGE_OF_DEVICE_KIND, ROLE_OF_DEVICE_KIND, type Device, type DeviceKind } from '../../../shared/contract/device-methods';
import type { Role } from '../../../shared/contract/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Clock, Logger } from '../ports';

/** The rules of pairing (docs/security.md, "Devices"). */
export const PAIRING_POLICY = {
  /** A code is good for 10 minutes, once. */
  codeValidMs: 10 * 60_000,
  /** Ten wrong codes in a row void every open code: guessing 8 digits gets ten tries per code the admin makes. */
  maxFailures: 10,
  /** last_seen_at is written at most once a minute per device: a busy kiosk is not a write per call. */
  lastSeenEveryMs: 60_000,
};

/** A device that presented a good token: who it is and the role it acts in. */
export interface PairedDevice {
  id: string;
  name: string;
  kind: DeviceKind;
  role: Role;
}

interface DeviceRow {
  id: string;
  name: string;
  kind: DeviceKind;
  paired_at: number;
  paired_by: string | null;
  staff_no: string | null;
  staff_name: string | null;
  last_seen_at: number | null;
  revoked_at: number | null;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * Pairing codes, device tokens, revocation. Codes and tokens are random (8 digits; 32
 * bytes) and stored only as hashes: a token's SHA-256, a code's HMAC under a key of this process. The host asks `authenticate` on every call of
 * a LAN device and closes a revoked device's connections when told (`onRevoked`).
 */
export class DeviceService {
  private readonly ulid = monotonicFactory();
  private readonly revokedListeners = new Set<(deviceId: string) => void>();
  private readonly lastSeenWritten = new Map<string, number>();
  /**
   * Codes are 8 digits: a plain hash of one is reversed by trying all 10^8. They are kept
   * as an HMAC under a key of this process instead, so the database alone gives no code;
   * the price is that open codes do not survive a restart of the hub (make another).
   */
  private readonly codeKey = randomBytes(32);

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
  ) {}

  createPairingCode(kind: DeviceKind, name: string, staffId: string | null): { code: string; kind: DeviceKind; name: string; expiresAt: number } {
    const now = this.clock.now();
    const expiresAt = now + PAIRING_POLICY.codeValidMs;
    // Eight digits, unlike any open code (a clash among a handful of open codes is rare; try again).
    let code: string;
    do code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    while (this.db.prepare('SELECT 1 FROM pairing_codes WHERE code_hash = ?').get(this.codeHash(code)));
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO pairing_codes (code_hash, kind, name, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(this.codeHash(code), kind, name, now, staffId, expiresAt);
      this.audit.append({ at: now, actorId: staffId, action: 'device.pairingCode', subject: `device-kind:${kind}`, details: { name, expiresAt } });
    })();
    return { code: `${code.slice(0, 4)} ${code.slice(4)}`, kind, name, expiresAt };
  }

  /** The code (digits only) pairs a new device: its token, shown once. Refused: PAIRING_FAILED, nothing paired. */
  pair(code: string): { token: string; device: { id: string; name: string; kind: DeviceKind }; role: Role; page: string } {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const outcome = this.db
      .transaction(() => {
        const open = this.db
          .prepare('SELECT kind, name, created_by FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?')
          .get(this.codeHash(code), now) as { kind: DeviceKind; name: string; created_by: string | null } | undefined;
        if (!open) {
          const failures = (this.db.prepare('UPDATE pairing_failures SET failures = failures + 1 WHERE id = 1 RETURNING failures').get() as { failures: number }).failures;
          if (failures < PAIRING_POLICY.maxFailures) return { paired: false as const, voided: false };
          const voided = this.db.prepare('UPDATE pairing_codes SET expires_at = ? WHERE used_at IS NULL AND expires_at > ?').run(now, now).changes;
          this.db.prepare('UPDATE pairing_failures SET failures = 0 WHERE id = 1').run();
          // Only when there was something to void: guessing with no code open does not grow the audit log.
          if (voided > 0) this.audit.append({ at: now, actorId: null, action: 'device.pairingCodesVoided', subject: 'pairing', details: { codes: voided, failures } });
          return { paired: false as const, voided: true };
        }
        const id = this.ulid(now);
        this.db
          .prepare('INSERT INTO devices (id, name, kind, token_hash, paired_at, paired_by) VALUES (?, ?, ?, ?, ?, ?)')
          .run(id, open.name, open.kind, sha256(token), now, open.created_by);
        this.db.prepare('UPDATE pairing_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(now, id, this.codeHash(code));
        this.db.prepare('UPDATE pairing_failures SET failures = 0 WHERE id = 1').run();
        this.audit.append({ at: now, actorId: null, action: 'device.paired', subject: `device:${id}`, details: { kind: open.kind, name: open.name } });
        return { paired: true as const, device: { id, name: open.name, kind: open.kind } };
      })
      .immediate();
    // The failure is counted (committed) before the refusal is thrown.
    if (!outcome.paired) {
      this.logger.warn('pairing refused', { voided: outcome.voided });
      throw new HallError('PAIRING_FAILED', outcome.voided ? { context: 'voided' } : {});
    }
    this.logger.info('device paired', { device: outcome.device.id, kind: outcome.device.kind });
    return { token, device: outcome.device, role: ROLE_OF_DEVICE_KIND[outcome.device.kind], page: PAGE_OF_DEVICE_KIND[outcome.device.kind] };
  }

  /** The device of a token, if it is paired and not revoked; notes when it was last seen. */
  authenticate(token: string): PairedDevice | null {
    const row = this.db.prepare('SELECT id, name, kind FROM devices WHERE token_hash = ? AND revoked_at IS NULL').get(sha256(token)) as
      | { id: string; name: string; kind: DeviceKind }
      | undefined;
    if (!row) return null;
    const now = this.clock.now();
    const written = this.lastSeenWritten.get(row.id) ?? 0;
    if (now - written >= PAIRING_POLICY.lastSeenEveryMs) {
      this.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now, row.id);
      this.lastSeenWritten.set(row.id, now);
    }
    return { ...row, role: ROLE_OF_DEVICE_KIND[row.kind] };
  }

  private codeHash(code: string): string {
    return createHmac('sha256', this.codeKey).update(code, 'utf8').digest('hex');
  }

  /** Whether a device of that kind is paired and not revoked. */
  hasActive(kind: DeviceKind): boolean {
    return !!this.db.prepare('SELECT 1 FROM devices WHERE kind = ? AND revoked_at IS NULL LIMIT 1').get(kind);
  }

  list(): Device[] {
    return (this.db.prepare(`${DEVICE_SELECT} ORDER BY d.paired_at DESC, d.id DESC`).all() as DeviceRow[]).map(toDevice);
  }

  revoke(deviceId: string, staffId: string | null): Device {
    const now = this.clock.now();
    this.db.transaction(() => {
      const device = this.db.prepare('SELECT revoked_at FROM devices WHERE id = ?').get(deviceId) as { revoked_at: number | null } | undefined;
      if (!device) throw new HallError('NOT_FOUND', { context: 'device' });
      if (device.revoked_at !== null) return; // revoked already: nothing to do, nothing to log again
      this.db.prepare('UPDATE devices SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(now, staffId, deviceId);
      this.audit.append({ at: now, actorId: staffId, action: 'device.revoked', subject: `device:${deviceId}`, details: {} });
    })();
    this.logger.info('device revoked', { device: deviceId });
    for (const listener of this.revokedListeners) {
      try {
        listener(deviceId);
      } catch (error) {
        this.logger.error('device revocation listener failed', { error: error instanceof Error ? error.name : 'error' });
      }
    }
    return toDevice(this.db.prepare(`${DEVICE_SELECT} WHERE d.id = ?`).get(deviceId) as DeviceRow);
  }

  /** The host closes a revoked device's open connections. */
  onRevoked(listener: (deviceId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}

const DEVICE_SELECT = `SELECT d.id, d.name, d.kind, d.paired_at, d.paired_by, s.staff_no, s.name AS staff_name, d.last_seen_at, d.revoked_at
  FROM devices d LEFT JOIN staff s ON s.id = d.paired_by`;

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    pairedAt: row.paired_at,
    pairedBy: row.paired_by ? { staffId: row.paired_by, staffNo: row.staff_no ?? '', name: row.staff_name ?? '' } : null,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}
