import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHallCore, type HallCore } from '../../electron/core/core';
import { sessionTokenFor } from '../../electron/core/testing/test-core';
import { DEMO_STAFF } from '../../electron/core/hall/demo-seed';
import { keyFileDataKeyStore } from '../../electron/core/privacy/data-key-store';
import { startHallServer, type HallServer } from '../../electron/server/hall-server';
import { siteCertificate, type SiteCertificate } from '../../electron/server/site-certificate';

/**
 * Devices on the LAN, over real HTTPS and WebSocket: pairing, roles bound to the token,
 * revocation (also of an open connection). The host requires pairing of every connection
 * (`requirePairing: 'all'`), so this machine's own test client is treated as a LAN device;
 * the admin makes codes in-process, as the hub's own admin page would.
 */
const ADMIN = DEMO_STAFF.find((member) => member.role === 'admin')!;

let dataDir: string;
let core: HallCore;
let server: HallServer;
let certificate: SiteCertificate;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hall-devices-'));
  certificate = await siteCertificate(dataDir, ['127.0.0.1', 'hall-hub.test']);
  core = createHallCore({ dataDir, demo: true, dataKeys: keyFileDataKeyStore(dataDir), printing: { autoRun: false } });
  // The guessing test sends ten wrong codes from this one address: the per-address limit raised for it (tested apart below).
  server = await startHallServer({ core, host: '127.0.0.1', port: 0, tls: certificate, requirePairing: 'all', pairingFailuresPerAddress: 100 });
});
afterAll(async () => {
  await server?.close();
  core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The hub's admin, in-process: signed in as the demo admin. */
function admin(method: string, params: unknown): any {
  const context = { role: 'admin' as const, language: 'zh-CN' as const, sessionId: 'hub-admin', bearerToken: sessionTokenFor(core, { now: () => Date.now() }, ADMIN.staffNo) };
  const reply = core.dispatch({ id: 1, method, params }, context);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

/** One HTTPS call the way a LAN page makes it, trusting the hub's certificate. */
function call(method: string, params: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const body = JSON.stringify(params);
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/api/${method}`,
      { method: 'POST', ca: certificate.cert, headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN', 'Content-Length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function openSocket(token: string | null, role = 'kiosk'): Promise<WebSocket> {
  const protocols = token ? ['hall.v1', `hall-device.${token}`] : [];
  const ws = new WebSocket(`${server.url.replace('https', 'wss')}/ws?role=${role}&lang=zh-CN`, protocols, { ca: certificate.cert });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function send(ws: WebSocket, method: string, params: unknown): Promise<any> {
  const id = `${method}-${Math.random()}`;
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const message = JSON.parse(raw.toString());
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

describe('pairing a LAN device', () => {
  it('an unpaired device may only pair; with the admin’s code it gets a token bound to the code’s role', async () => {
    // Unpaired: refused, the reason worded; a self-named role is worth nothing on the LAN.
    const refused = await call('hall.info', {}, { 'X-Hall-Role': 'admin' });
    expect(refused).toMatchObject({ status: 401, body: { ok: false, error: { code: 'DEVICE_NOT_PAIRED', message: '这台设备尚未配对或已被停用：请向管理员索取配对码，在本设备上完成配对' } } });
    await expect(openSocket(null, 'display')).rejects.toThrow('HTTP 401');

    const { code, expiresAt } = admin('devices.createPairingCode', { kind: 'display', name: '大厅显示屏' });
    expect(code).toMatch(/^\d{4} \d{4}$/);
    expect(expiresAt).toBeGreaterThan(Date.now());

    const paired = await call('devices.pair', { code });
    expect(paired.status).toBe(200);
    expect(paired.body.value).toMatchObject({ role: 'display', page: '/display', device: { name: '大厅显示屏', kind: 'display' } });
    const token: string = paired.body.value.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only its hash is kept.
    expect(JSON.stringify(core.db.prepare('SELECT * FROM devices').all())).not.toContain(token);

    // The code pairs once.
    expect((await call('devices.pair', { code })).body.error.code).toBe('PAIRING_FAILED');

    // The token acts as a display, whatever role the page names: no kiosk or clerk methods.
    const headers = { 'X-Hall-Device': token, 'X-Hall-Role': 'admin' };
    expect((await call('hall.info', {}, headers)).status).toBe(200);
    expect((await call('staff.list', {}, headers)).body.error.code).toBe('FORBIDDEN');
    expect((await call('kiosk.takeNumber', {}, headers)).body.error.code).toBe('FORBIDDEN');
    const ws = await openSocket(token, 'clerk');
    expect((await send(ws, 'hall.info', {})).ok).toBe(true);
    expect((await send(ws, 'queue.callNext', {})).error.code).toBe('FORBIDDEN');
    ws.close();

    expect(admin('devices.list', {}).devices[0]).toMatchObject({ name: '大厅显示屏', kind: 'display', revokedAt: null, pairedBy: { staffNo: ADMIN.staffNo } });
  });

  it('a revoked token is refused at once, and its open connection is closed', async () => {
    const { code } = admin('devices.createPairingCode', { kind: 'kiosk', name: '取号机 1' });
    const { token, device } = (await call('devices.pair', { code: code.replace(' ', '-') })).body.value;
    const ws = await openSocket(token, 'kiosk');
    expect((await send(ws, 'hall.info', {})).ok).toBe(true);
    const closed = new Promise<number>((resolve) => ws.once('close', (closeCode) => resolve(closeCode)));

    expect(admin('devices.revoke', { deviceId: device.id })).toMatchObject({ id: device.id, revokedAt: expect.any(Number) });
    expect(await closed).toBe(4401);
    expect((await call('hall.info', {}, { 'X-Hall-Device': token })).body.error.code).toBe('DEVICE_NOT_PAIRED');
    await expect(openSocket(token, 'kiosk')).rejects.toThrow('HTTP 401');
  });

  it('a revoked device gets nothing done in the moment before it is cut off: no frame, no slow request', async () => {
    const { code } = admin('devices.createPairingCode', { kind: 'kiosk', name: '取号机 2' });
    const { token, device } = (await call('devices.pair', { code })).body.value;
    const tickets = () => core.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    const serviceId = admin('hall.info', {}).services[0].id;
    const take = { serviceId, language: 'zh-CN', person: null, partySize: 1, representatives: null, declaredPriority: null };
    const ws = await openSocket(token, 'kiosk');
    expect((await send(ws, 'kiosk.takeNumber', take)).ok).toBe(true);

    // A request whose body is still on its way when the device is revoked.
    const before = tickets();
    const body = JSON.stringify(take);
    const slow = new Promise<{ status: number; code: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/api/kiosk.takeNumber`,
        { method: 'POST', ca: certificate.cert, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Hall-Device': token } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, code: JSON.parse(Buffer.concat(chunks).toString('utf8')).error?.code }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        admin('devices.revoke', { deviceId: device.id });
        // A page that does not answer the close goes on sending frames: refused, not dispatched.
        ws.send(JSON.stringify({ id: 'after', method: 'kiosk.takeNumber', params: take }));
        req.end(body.slice(10));
      }, 50);
    });
    expect(await slow).toEqual({ status: 401, code: 'DEVICE_NOT_PAIRED' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tickets()).toBe(before);
  });

  it('ten wrong codes in a row void every open code; each refusal changes nothing else', async () => {
    const { code } = admin('devices.createPairingCode', { kind: 'clerk', name: '2号窗口电脑' });
    const devicesBefore = core.db.prepare('SELECT count(*) FROM devices').pluck().get();
    const wrong = code.replace(/\d$/, (digit: string) => String((Number(digit) + 1) % 10));
    for (let attempt = 1; attempt < 10; attempt++) expect((await call('devices.pair', { code: wrong })).body.error.code).toBe('PAIRING_FAILED');
    const tenth = await call('devices.pair', { code: wrong });
    expect(tenth.body.error).toMatchObject({ code: 'PAIRING_FAILED', message: '配对码连续输错次数过多，所有未使用的配对码已作废：请管理员生成新的配对码' });
    // The right code is void now.
    expect((await call('devices.pair', { code })).body.error.code).toBe('PAIRING_FAILED');
    expect(core.db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(devicesBefore);
    // Bad shapes are refused before any code is looked at.
    for (const bad of ['12345', 'abcdefgh', 12345678, '1234 5678 9']) expect((await call('devices.pair', { code: bad })).body.error.code).toBe('VALIDATION_FAILED');
    expect(core.audit.verify()).toMatchObject({ ok: true });
  });

  it('an expired code pairs nothing; pairing, codes and revocations are in the audit log', async () => {
    const { code } = admin('devices.createPairingCode', { kind: 'rating', name: '评价平板' });
    core.db.prepare('UPDATE pairing_codes SET expires_at = ? WHERE used_at IS NULL').run(Date.now() - 1);
    expect((await call('devices.pair', { code })).body.error.code).toBe('PAIRING_FAILED');
    const actions = core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'device.%' ORDER BY seq").pluck().all();
    expect(actions).toEqual(expect.arrayContaining(['device.pairingCode', 'device.paired', 'device.revoked', 'device.pairingCodesVoided']));
    // No token or code in the log.
    const audit = JSON.stringify(core.db.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain(code.replace(' ', ''));
  });
});

describe('guessing from one address', () => {
  it('five wrong codes from one address make it wait, before it could void the codes of every other device', async () => {
    const guarded = await startHallServer({ core, host: '127.0.0.1', port: 0, tls: certificate, requirePairing: 'all' });
    try {
      const { code } = admin('devices.createPairingCode', { kind: 'display', name: '二楼显示屏' });
      const pair = (value: string) =>
        new Promise<any>((resolve, reject) => {
          const body = JSON.stringify({ code: value });
          const req = request(
            `${guarded.url}/api/devices.pair`,
            { method: 'POST', ca: certificate.cert, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const wrong = code.replace(/\d$/, (digit: string) => String((Number(digit) + 1) % 10));
      for (let attempt = 1; attempt <= 5; attempt++) expect((await pair(wrong)).error.message).toBe('配对码不正确或已过期，请核对后重新输入，或请管理员生成新的配对码');
      expect((await pair(code)).error).toEqual({ code: 'PAIRING_FAILED', message: '这台设备输错配对码的次数过多，请 10 分钟后再试' });
      // The code is still good for the device it was made for (another address).
      expect(core.db.prepare('SELECT count(*) FROM pairing_codes WHERE used_at IS NULL AND expires_at > ?').pluck().get(Date.now())).toBeGreaterThan(0);
    } finally {
      await guarded.close();
    }
  });
});

describe('serving the LAN', () => {
  it('refuses to listen beyond loopback without TLS; the generated key is readable by its owner only', async () => {
    await expect(startHallServer({ core, host: '0.0.0.0', port: 0 })).rejects.toThrow(/TLS/);
    expect(statSync(join(dataDir, 'tls', 'hub-key.pem')).mode & 0o077).toBe(0);
    expect(certificate.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Made once: the next start serves the same certificate.
    expect((await siteCertificate(dataDir, ['127.0.0.1'])).fingerprint).toBe(certificate.fingerprint);
    // A name the LAN now uses that it does not carry: made again (devices must trust the new one).
    const other = mkdtempSync(join(tmpdir(), 'hall-cert-'));
    try {
      const first = await siteCertificate(other, ['192.0.2.10']);
      expect((await siteCertificate(other, ['192.0.2.10'])).generated).toBe(false);
      const renamed = await siteCertificate(other, ['192.0.2.10', 'hall-hub.local']);
      expect(renamed).toMatchObject({ generated: true });
      expect(renamed.fingerprint).not.toBe(first.fingerprint);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('bound to every address: this machine’s pages name their role; a connection from the LAN address must pair', async () => {
    const lan = await startHallServer({ core, host: '0.0.0.0', port: 0, tls: certificate });
    try {
      const port = lan.port;
      const get = (address: string, headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            { host: address, port, path: '/api/hall.info', method: 'POST', ca: certificate.cert, servername: 'hall-hub.test', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json', Host: `${address}:${port}`, ...headers } },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end('{}');
        });
      expect(await get('127.0.0.1', { 'X-Hall-Role': 'display' })).toBe(200);
      // Through a proxy on the hub machine, a LAN request arrives from loopback: one that says so is a LAN request.
      for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP', 'Via']) expect(await get('127.0.0.1', { 'X-Hall-Role': 'admin', [header]: '192.0.2.77' }), header).toBe(401);
      // The machine's own LAN address, as a device on the network reaches it: pairing needed.
      const lanAddress = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
      if (lanAddress) expect(await get(lanAddress, { 'X-Hall-Role': 'display' })).toBe(401);
    } finally {
      await lan.close();
    }
  });
});
