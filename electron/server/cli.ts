import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pickLanguage } from '../../shared/domain/languages';
import { createHallCore } from '../core/core';
import { DatabaseTooNewError } from '../core/db/migrate';
import { translatorFor } from '../core/i18n/translate';
import { consoleLogger } from '../core/ports';
import { DataKeyError, keyFileDataKeyStore } from '../core/privacy/data-key-store';
import { startHallServer } from './hall-server';

/**
 * `npm run serve -- --data <dir> [--port <n>] [--host 127.0.0.1] [--demo]`
 * Starts the Node host and prints the URL of each role's page.
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
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${t('host.usage')}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(t('host.badPort', { port: values.port }));

  const logger = consoleLogger();
  const dataDir = resolve(values.data);
  const core = createHallCore({ dataDir, demo: values.demo, logger, dataKeys: keyFileDataKeyStore(dataDir) });
  const server = await startHallServer({ core, host: values.host, port, staticDir: resolve(ROOT, 'dist/renderer'), logger });

  const lines = [
    t('host.running', { data: resolve(values.data) }),
    ...(['kiosk', 'clerk', 'display', 'admin'] as const).map((role) => `  ${t(`common.roles.${role}`)}: ${server.url}/${role}`),
    `  healthz: ${server.url}/healthz`,
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
        ? t(`host.dataKey_${error.problem}`, { path: error.path, size: error.size })
        : error instanceof Error
          ? error.message
          : String(error);
  process.stderr.write(`${t('host.failed')}: ${message}\n`);
  process.exit(1);
});
