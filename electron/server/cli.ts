import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pickLanguage } from '../../shared/domain/languages';
import { createHallCore } from '../core/core';
import { DatabaseTooNewError } from '../core/db/migrate';
import { translatorFor } from '../core/i18n/translate';
import { consoleLogger } from '../core/ports';
import { DataKeyError, keyFileDataKeyStore } from '../core/privacy/data-key-store';
import { lanAddresses, startHallServer } from './hall-server';
import { isLoopbackHost } from './host-guard';
import { siteCertificate } from './site-certificate';

/**
 * `npm run serve -- --data <dir> [--port <n>] [--host 127.0.0.1] [--demo]
 *   [--tls-cert <pem> --tls-key <pem>] [--lan-name <name>]… [--require-pairing lan|all]`
 * Starts the Node host and prints the URL of each role's page. Beyond loopback it serves
 * HTTPS (the site's certificate, or a self-signed one kept in the data folder) and LAN
 * devices must pair (docs/security.md).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const t = translatorFor(pickLanguage(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG?.replace('_', '-')));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: resolve(ROOT, '.data') },
      port: { type: 'string', default: '4180' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'lan-name': { type: 'string', multiple: true, default: [] },
      'require-pairing': { type: 'string', default: 'lan' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${t('host.usage')}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(t('host.badPort', { port: values.port }));
  // The demo's accounts have a published password: never on the network (docs/security.md).
  if (values.demo && !isLoopbackHost(values.host)) {
    process.stderr.write(`${t('host.demoOnLan', { host: values.host })}\n`);
    process.exit(2);
  }

  const logger = consoleLogger();
  const dataDir = resolve(values.data);
  const requirePairing = values['require-pairing'];
  if (requirePairing !== 'lan' && requirePairing !== 'all') throw new Error(t('host.badRequirePairing', { value: requirePairing }));
  if (!!values['tls-cert'] !== !!values['tls-key']) throw new Error(t('host.tlsPair'));
  // Serving the LAN: HTTPS with the site's certificate, or one made for it (site-certificate.ts).
  const servesLan = !isLoopbackHost(values.host);
  const certificate = servesLan
    ? await siteCertificate(dataDir, [...lanAddresses(values.host), ...values['lan-name']], values['tls-cert'] ? { certFile: values['tls-cert'], keyFile: values['tls-key']! } : undefined)
    : null;
  // A hall without an administrator: the one-time code that creates the first, printed below.
  let setupCode: string | null = null;
  const core = createHallCore({ dataDir, demo: values.demo, logger, dataKeys: keyFileDataKeyStore(dataDir), onSetupCode: (code) => (setupCode = code) });
  const server = await startHallServer({
    core,
    host: values.host,
    port,
    staticDir: resolve(ROOT, 'dist/renderer'),
    logger,
    ...(certificate ? { tls: certificate, lanNames: values['lan-name'] } : {}),
    requirePairing,
  });

  const lines = [
    t('host.running', { data: resolve(values.data) }),
    ...(['kiosk', 'clerk', 'display', 'admin'] as const).map((role) => `  ${t(`common.roles.${role}`)}: ${server.url}/${role}`),
    `  healthz: ${server.url}/healthz`,
    ...(certificate ? [t('host.lan', { url: `${server.url}/pair` }), t('host.fingerprint', { fingerprint: certificate.fingerprint })] : []),
    ...(certificate?.generated ? [t('host.certificateMade')] : []),
    // Pairing required of this machine's pages too, and no admin PC paired yet: nobody could make a code — the console gives the first.
    ...(requirePairing === 'all' && !core.devices.hasActive('admin')
      ? [t('host.adminPairingCode', { code: core.devices.createPairingCode('admin', t('host.firstAdminDevice'), null).code, url: `${server.url}/pair` })]
      : []),
    ...(setupCode ? [t('host.setupCode', { code: setupCode, url: `${server.url}/admin` })] : []),
    t('host.stop'),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = () => {
    void server.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const message =
    error instanceof DatabaseTooNewError
      ? t('host.databaseTooNew', { database: error.databaseVersion, supported: error.supportedVersion })
      : error instanceof DataKeyError
        ? t(`host.dataKey_${error.problem}`, error.params)
        : error instanceof Error
          ? error.message
          : String(error);
  process.stderr.write(`${t('host.failed')}: ${message}\n`);
  process.exit(1);
});
