import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface SiteCertificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, for the admin to compare on a device's first visit. */
  fingerprint: string;
  /** Made by the host now (not the site's own, not one made earlier). */
  generated: boolean;
}

/** Where a generated certificate is kept: the data folder's `tls/`. */
export const TLS_FOLDER = 'tls';

/**
 * The certificate the hub serves the LAN with (docs/security.md, "Serving the LAN"): the
 * site's own (`--tls-cert`, `--tls-key`: from the district's CA, which devices trust
 * already), or else a self-signed one made once and kept in the data folder — its key
 * readable by the host's user only — naming every address and name the LAN uses for the
 * hub. A self-signed certificate is trusted on each device once (the admin compares the
 * fingerprint the host prints). It is made again when the LAN's names for the hub change
 * (`generated` says so: every device must then trust the new one).
 */
export async function siteCertificate(dataDir: string, names: readonly string[], given?: { certFile: string; keyFile: string }): Promise<SiteCertificate> {
  if (given) {
    const cert = readFileSync(given.certFile, 'utf8');
    return { cert, key: readFileSync(given.keyFile, 'utf8'), fingerprint: fingerprintOf(cert), generated: false };
  }
  const folder = join(dataDir, TLS_FOLDER);
  const certFile = join(folder, 'hub-cert.pem');
  const keyFile = join(folder, 'hub-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    // Still naming every address and name the LAN uses? Then it stays (devices trust it already).
    if (namesAll(cert, names)) return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: fingerprintOf(cert), generated: false };
  }
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + 10); // a hub runs for years; the trust is pinned per device anyway
  const pems = await generate([{ name: 'commonName', value: names.find((name) => !isIP(name)) ?? 'hall-hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...new Set(['localhost', '127.0.0.1', ...names])].map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })),
      },
    ],
  });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private, fingerprint: fingerprintOf(pems.cert), generated: true };
}

/** Whether the certificate names each of these (its subjectAltName: `DNS:x`, `IP Address:y`). */
function namesAll(cert: string, names: readonly string[]): boolean {
  const altNames = (new X509Certificate(cert).subjectAltName ?? '').split(/,\s*/);
  return names.every((name) => altNames.includes(isIP(name) ? `IP Address:${name}` : `DNS:${name}`));
}

/** The SHA-256 fingerprint, as browsers show it. */
function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256;
}
