import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pickLanguage } from '../../shared/domain/languages';
import { translatorFor } from '../core/i18n/translate';
import type { RotationReport } from '../core/privacy/key-rotation';
import { rotateKeyFileFolder, rotationRefusal } from '../core/privacy/rotate-data-folder';

/**
 * `npm run keys:rotate -- --data <dir>` (docs/security.md, "Key rotation"): gives a Node
 * host's data folder a new data key — every ID number, phone number and attachment
 * re-encrypted, every look-up index recomputed, the audit log continued under the new
 * key — in one transaction, with the host stopped. Exit 0: rotated; 1: the rotation
 * failed and was undone (the old key stays); 2: refused, nothing changed (no database,
 * the host running, a newer or older database, a key problem), with what to do.
 */
const t = translatorFor(pickLanguage(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG?.replace('_', '-')));
/** How often a long rotation says how far it is. */
const PROGRESS_EVERY_MS = 2000;

function main(): number {
  let dataDir: string | undefined;
  try {
    dataDir = parseArgs({ options: { data: { type: 'string' } } }).values.data;
  } catch {
    dataDir = undefined;
  }
  if (!dataDir) {
    process.stderr.write(`${t('keysRotate.usage')}\n`);
    return 2;
  }
  let report: RotationReport;
  let lastProgress = Date.now();
  try {
    report = rotateKeyFileFolder(resolve(dataDir), {
      now: Date.now(),
      onProgress: ({ visitors, attachments }) => {
        if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = Date.now();
        process.stderr.write(`${t('keysRotate.progress', { visitorsDone: visitors.done, visitors: visitors.total, attachmentsDone: attachments.done, attachments: attachments.total })}\n`);
      },
    });
  } catch (error) {
    const refused = rotationRefusal(error, t);
    if (refused) {
      process.stderr.write(`${t('keysRotate.failed')}: ${refused}\n`);
      return 2;
    }
    // Failed inside the transaction: rolled back, the pending key destroyed (rotateLockedDatabase).
    process.stderr.write(`${t('keysRotate.undone', { reason: error instanceof Error ? error.message : String(error) })}\n`);
    return 1;
  }
  process.stdout.write(`${t('keysRotate.rotated', { ...report })}\n`);
  return 0;
}

process.exitCode = main();
