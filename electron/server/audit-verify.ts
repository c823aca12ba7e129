import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pickLanguage } from '../../shared/domain/languages';
import { FolderCheckError, verifyDataFolder, type FolderCheck } from '../core/audit/verify-data-folder';
import { DatabaseTooNewError } from '../core/db/migrate';
import { translatorFor } from '../core/i18n/translate';
import { DataKeyError } from '../core/privacy/data-key-store';

/**
 * `npm run audit:verify -- --data <dir>` (docs/audit-log.md): verifies the audit chain of a
 * data folder's database, read-only. Exit 0: intact (an empty chain included); 1: the
 * first broken link, its row's time and action; 2: nothing could be checked (no database,
 * a missing or wrong key file, a newer database), with what to do.
 */
const t = translatorFor(pickLanguage(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG?.replace('_', '-')));

function main(): number {
  let dataDir: string | undefined;
  try {
    dataDir = parseArgs({ options: { data: { type: 'string' } } }).values.data;
  } catch {
    dataDir = undefined;
  }
  if (!dataDir) {
    process.stderr.write(`${t('auditVerify.usage')}\n`);
    return 2;
  }
  let check: FolderCheck;
  try {
    check = verifyDataFolder(resolve(dataDir));
  } catch (error) {
    process.stderr.write(`${t('auditVerify.failed')}: ${problemOf(error)}\n`);
    return 2;
  }
  if (check.ok) {
    process.stdout.write(`${t('auditVerify.intact', { count: check.rows })}\n`);
    return 0;
  }
  // Time and action only: details may name ids, and the operator needs the row, not its content.
  const at = localTime(check.at, check.timeZone);
  process.stdout.write(`${t('auditVerify.broken', { seq: check.firstBrokenSeq, reason: t(`auditVerify.reason_${check.reason}`), at, action: check.action })}\n`);
  return 1;
}

function problemOf(error: unknown): string {
  if (error instanceof FolderCheckError) return t(`auditVerify.${error.problem}`, { path: error.path });
  if (error instanceof DatabaseTooNewError) return t('host.databaseTooNew', { database: error.databaseVersion, supported: error.supportedVersion });
  if (error instanceof DataKeyError) return t(`host.dataKey_${error.problem}`, error.params);
  return error instanceof Error ? error.message : String(error);
}

/** `2026-11-24 09:00:00 Asia/Shanghai`: the hall's local time, with its zone. */
function localTime(epochMs: number, timeZone: string): string {
  try {
    const text = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(epochMs);
    return `${text} ${timeZone}`;
  } catch {
    return new Date(epochMs).toISOString();
  }
}

process.exitCode = main();
