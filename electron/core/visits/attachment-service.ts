import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulidx';
import { HallError, MAX_ATTACHMENT_BYTES, type Attachment, type ATTACHMENT_MEDIA_TYPES } from '../../../shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../ports';
import type { PersonalDataCrypto } from '../privacy/personal-data-crypto';

type MediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** How each accepted type starts: the declared type must be what the file is. */
const MAGIC: Record<MediaType, { format: string; bytes: Buffer }> = {
  'image/jpeg': { format: 'JPEG', bytes: Buffer.from([0xff, 0xd8, 0xff]) },
  'image/png': { format: 'PNG', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'application/pdf': { format: 'PDF', bytes: Buffer.from('%PDF-', 'latin1') },
};

/**
 * The extensions a file of each type may end with (lower case; the first is the one given
 * when the name's own is missing or another): what the desk's PC opens the saved file as.
 */
const EXTENSIONS: Record<MediaType, readonly string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'application/pdf': ['.pdf'],
};

/** Standard alphabet, padded, no whitespace: the only spelling the transport sends. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

interface AttachmentRow {
  id: string;
  visit_id: string;
  file_name: string;
  media_type: MediaType;
  size: number;
  sha256: string;
  content_enc: Buffer;
  /** Set when the retention job emptied it (migration 0016). */
  removed_at: number | null;
  added_by: string;
  added_at: number;
  added_by_no: string;
  added_by_name: string;
}

export interface NewAttachment {
  visitId: string;
  fileName: string;
  mediaType: MediaType;
  contentBase64: string;
}

/**
 * Scanned documents and photos of a case (docs/visits.md, "Attachments"): checked to be
 * what they claim, stored encrypted with the data key (they show ID cards and letters)
 * beside the SHA-256 of the plain content, read back only when that hash still matches,
 * each read recorded in the audit log.
 */
export class AttachmentService {
  private readonly ulid = monotonicFactory();
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly crypto: PersonalDataCrypto,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {
    const select = `SELECT a.*, s.staff_no AS added_by_no, s.name AS added_by_name
      FROM visit_attachments a JOIN staff s ON s.id = a.added_by`;
    this.s = {
      visitExists: db.prepare<[string], { id: string }>('SELECT id FROM visits WHERE id = ?'),
      sameContent: db.prepare<[string, string], { file_name: string }>('SELECT file_name FROM visit_attachments WHERE visit_id = ? AND sha256 = ?'),
      insert: db.prepare(`INSERT INTO visit_attachments (id, visit_id, file_name, media_type, size, sha256, content_enc, added_by, added_at)
        VALUES (@id, @visitId, @fileName, @mediaType, @size, @sha256, @contentEnc, @addedBy, @addedAt)`),
      byId: db.prepare<[string], AttachmentRow>(`${select} WHERE a.id = ?`),
    };
  }

  /** Everything about the file is checked before the transaction; the case and duplicates inside it. */
  add(input: NewAttachment, staffId: string): Attachment {
    const content = decodeBase64(input.contentBase64);
    if (content.length < 1 || content.length > MAX_ATTACHMENT_BYTES) {
      throw new HallError('VALIDATION_FAILED', { context: 'attachment_size', fields: 'contentBase64', maxMegabytes: MAX_ATTACHMENT_BYTES / 1_000_000 });
    }
    const magic = MAGIC[input.mediaType];
    if (!content.subarray(0, magic.bytes.length).equals(magic.bytes)) {
      throw new HallError('VALIDATION_FAILED', { context: 'attachment_type', fields: 'mediaType', format: magic.format });
    }
    const fileName = withExtensionOf(sanitizeFileName(input.fileName), input.mediaType);
    const sha256 = createHash('sha256').update(content).digest('hex');

    const id = this.db
      .transaction(() => {
        if (!this.s.visitExists.get(input.visitId)) throw new HallError('NOT_FOUND', { context: 'visit' });
        const same = this.s.sameContent.get(input.visitId, sha256);
        if (same) throw new HallError('DUPLICATE', { context: 'attachment', fileName: same.file_name });
        const now = this.clock.now();
        const attachmentId = this.ulid(now);
        this.s.insert.run({
          id: attachmentId,
          visitId: input.visitId,
          fileName,
          mediaType: input.mediaType,
          size: content.length,
          sha256,
          contentEnc: this.crypto.encryptBytes('attachment', content),
          addedBy: staffId,
          addedAt: now,
        });
        return attachmentId;
      })
      .immediate();
    return toAttachment(this.s.byId.get(id)!);
  }

  /**
   * The file as it was imported, read in the same transaction as the audit row that
   * records who read it (`attachment.read`, subject `attachment:<id>`, details
   * `{ visitId }`): scanned ID cards and letters never leave the core without a trace.
   * A content whose SHA-256 no longer matches is an integrity failure (INTERNAL, logged
   * by the dispatcher without the content, no row: nothing was handed out): the desk is
   * never handed other bytes than the ones recorded.
   */
  content(attachmentId: string, staffId: string): { attachment: Attachment; contentBase64: string } {
    return this.db
      .transaction(() => {
        const row = this.s.byId.get(attachmentId);
        if (!row) throw new HallError('NOT_FOUND', { context: 'attachment' });
        // The case was anonymised when its retention period ended (docs/retention.md): the content is gone.
        if (row.removed_at !== null) throw new HallError('NOT_FOUND', { context: 'attachment_removed' });
        const content = this.crypto.decryptBytes('attachment', row.content_enc);
        if (createHash('sha256').update(content).digest('hex') !== row.sha256) {
          throw new Error(`attachment ${row.id} does not match its recorded SHA-256`);
        }
        this.audit.append({ at: this.clock.now(), actorId: staffId, action: 'attachment.read', subject: `attachment:${row.id}`, details: { visitId: row.visit_id } });
        return { attachment: toAttachment(row), contentBase64: content.toString('base64') };
      })
      .immediate();
  }
}

/** Node's decoder skips what it does not understand; only canonical base64 gets this far. */
function decodeBase64(text: string): Buffer {
  const invalid = () => new HallError('VALIDATION_FAILED', { context: 'attachment_encoding', fields: 'contentBase64' });
  if (!BASE64.test(text)) throw invalid();
  const bytes = Buffer.from(text, 'base64');
  // Unused bits in the last character must be zero: "QR==" and "QQ==" are both "A", only one is canonical.
  if (bytes.toString('base64') !== text) throw invalid();
  return bytes;
}

/**
 * The name as shown and saved back on the clerk's PC: the last part of a path (a browser
 * may send C:\fakepath\scan.pdf), without control or direction-changing characters (which
 * could make "gpj.exe" read as "exe.jpg"), spaces collapsed, trailing dots dropped (Windows
 * drops them on saving: "x.hta." would be saved as "x.hta"). Nothing left → refused.
 */
export function sanitizeFileName(name: string): string {
  const last = name.split(/[/\\]/).at(-1) ?? '';
  const clean = last
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();
  if (clean === '') throw new HallError('VALIDATION_FAILED', { context: 'attachment_name', fields: 'fileName' });
  return clean;
}

/**
 * The name ends with an extension of its (checked) type, so that the desk's PC saves and
 * opens it as what it is: `x.hta` holding a JPEG is kept as `x.jpg`. An extension of the
 * type (any case: `SCAN.JPG`) is kept; another one (letters and digits after the last
 * dot, at least one letter: `.hta`, `.exe`, `.jpeg` on a PNG) is replaced; a name without
 * one (`scan`, `来信 2024.11.20`) gets the type's appended. Takes a sanitised name.
 */
function withExtensionOf(name: string, mediaType: MediaType): string {
  const extensions = EXTENSIONS[mediaType];
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  if (extensions.includes(extension.toLowerCase())) return name;
  const base = /^\.[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$/.test(extension) ? name.slice(0, dot).trimEnd() : name;
  return `${base}${extensions[0]!}`;
}

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    addedBy: { id: row.added_by, staffNo: row.added_by_no, name: row.added_by_name },
    addedAt: row.added_at,
  };
}
