import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, type RpcReply } from '../../../shared/contract';
import { checkCharacter } from '../../../shared/domain/resident-id';
import type { Logger } from '../ports';
import { auditRowsOf } from '../audit/audit-log';
import { createTestHall, ManualClock, TEST_CLERK } from '../testing/test-core';

type Hall = ReturnType<typeof createTestHall>;

// Real files, small: a 2×2 JPEG and PNG drawn by Chromium's canvas, a one-page PDF.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAaEQACAgMAAAAAAAAAAAAAAAAAAQNxAjIz/9oADAMBAAIRAxEAPwCBAAy7uyuw88aR/9k=',
  'base64',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAGElEQVR4AWKSSznx/4Sc3H+mVbvCGEAAAAAA//+F/Z03AAAABklEQVQDAEVqBgueYPOZAAAAAElFTkSuQmCC', 'base64');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

function registerCase(hall: Hall) {
  const first17 = '44030419750606003';
  return hall.value('clerk', 'visits.create', {
    person: { idNumber: first17 + checkCharacter(first17), name: '李建国', phone: '13812345678' },
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '光明街道东周社区东周路1号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决',
    request: '要求物业公司按原标准收费',
    firstTime: true,
    jointOrGroup: false,
  }).visit;
}

const attach = (hall: Hall, visitId: string, fileName: string, mediaType: string, content: Buffer | string, language: 'zh-CN' | 'zh-HK' | 'en' = 'zh-CN') =>
  hall.call('clerk', 'visits.addAttachment', { visitId, fileName, mediaType, contentBase64: typeof content === 'string' ? content : content.toString('base64') }, language);

function attached(hall: Hall, visitId: string, fileName: string, mediaType: string, content: Buffer) {
  const reply = attach(hall, visitId, fileName, mediaType, content);
  if (!reply.ok) throw new Error(`visits.addAttachment failed: ${reply.error.code} ${reply.error.message}`);
  return (reply.value as { attachment: any }).attachment;
}

const stored = (hall: Hall) => hall.core.db.prepare('SELECT COUNT(*) FROM visit_attachments').pluck().get();

describe('visits.addAttachment and visits.attachment', () => {
  it('stores a JPEG, a PNG and a PDF encrypted, with the SHA-256 of the content, and gives each back exactly', () => {
    const hall = createTestHall();
    const visit = registerCase(hall);
    const files = [
      ['身份证正面.jpg', 'image/jpeg', JPEG],
      ['现场照片.png', 'image/png', PNG],
      ['业主来信.pdf', 'application/pdf', PDF],
    ] as const;
    const added = files.map(([name, type, content]) => attached(hall, visit.id, name, type, content));
    files.forEach(([name, type, content], i) =>
      expect(added[i]).toMatchObject({ fileName: name, mediaType: type, size: content.length, sha256: sha256(content), addedBy: { staffNo: '1001', name: '王丽' } }),
    );

    // At rest: encrypted, never the file itself.
    for (const [i, [, , content]] of files.entries()) {
      const row = hall.core.db.prepare('SELECT content_enc, sha256 FROM visit_attachments WHERE id = ?').get(added[i].id) as { content_enc: Buffer; sha256: string };
      expect(row.sha256).toBe(sha256(content));
      expect(row.content_enc.includes(content.subarray(0, 16))).toBe(false);
      expect(row.content_enc.length).toBe(1 + 12 + 16 + content.length);
    }
    for (const [i, [, , content]] of files.entries()) {
      expect(hall.value('clerk', 'visits.attachment', { attachmentId: added[i].id })).toEqual({ attachment: added[i], contentBase64: content.toString('base64') });
    }
    expect(hall.value('clerk', 'visits.get', { id: visit.id }).visit.attachments).toEqual(added);
  });

  it('answers DUPLICATE for the same content twice on one case, naming the first file; another case may have it', () => {
    const hall = createTestHall();
    const visit = registerCase(hall);
    attached(hall, visit.id, 'scan-1.png', 'image/png', PNG);
    const again = errorOf(attach(hall, visit.id, 'scan-2.png', 'image/png', PNG));
    expect(again).toMatchObject({ code: 'DUPLICATE', message: '同一文件已作为附件“scan-1.png”添加到本案件' });
    expect(stored(hall)).toBe(1);
    const other = registerCase(hall);
    expect(attached(hall, other.id, 'scan-1.png', 'image/png', PNG).sha256).toBe(sha256(PNG));
  });

  it('refuses anything but canonical base64, worded in each language, writing nothing', () => {
    const hall = createTestHall();
    const visit = registerCase(hall);
    const good = JPEG.toString('base64');
    expect(good.endsWith('/9k=')).toBe(true);
    const bad = [
      good.slice(0, 40) + '\n' + good.slice(40), // a line break
      ` ${good}`, // a space
      good.replace(/=+$/, ''), // padding left off
      good.replace(/\+/g, '-').replace(/\//g, '_'), // the URL-safe alphabet
      `${good.slice(0, -2)}l=`, // unused bits not zero: decodes to the same bytes, but is not how they are spelled
      '/9j/4AAQ*AAAA', // not base64 at all
      `${good}====`,
    ];
    for (const content of bad) {
      expect(errorOf(attach(hall, visit.id, 'scan.jpg', 'image/jpeg', content)), JSON.stringify(content.slice(-8))).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '附件内容传输有误（不是规范的 base64 编码），没有保存，请重新选择文件',
        details: { params: { context: 'attachment_encoding', fields: 'contentBase64' } },
      });
    }
    expect(errorOf(attach(hall, visit.id, 'scan.jpg', 'image/jpeg', bad[0]!, 'zh-HK'))?.message).toBe('附件內容傳輸有誤（不是規範的 base64 編碼），沒有儲存，請重新選擇檔案');
    expect(errorOf(attach(hall, visit.id, 'scan.jpg', 'image/jpeg', bad[0]!, 'en'))?.message).toBe(
      'The attachment arrived damaged (not canonical base64) and was not saved. Please choose the file again.',
    );
    // Node's own decoder would have taken every one of them.
    for (const content of bad.slice(0, 5)) expect(Buffer.from(content, 'base64').subarray(0, 3).equals(JPEG.subarray(0, 3))).toBe(true);
    expect(stored(hall)).toBe(0);
  });

  it('refuses content that is not what its type says (by its first bytes), naming the format', () => {
    const hall = createTestHall();
    const visit = registerCase(hall);
    const cases = [
      ['image/jpeg', PNG, 'JPEG'],
      ['image/png', JPEG, 'PNG'],
      ['application/pdf', Buffer.from('这不是PDF，只是文字', 'utf8'), 'PDF'],
      ['image/png', PNG.subarray(0, 7), 'PNG'], // cut before the signature ends
      ['application/pdf', Buffer.from('%PDF', 'latin1'), 'PDF'],
    ] as const;
    for (const [type, content, format] of cases) {
      expect(errorOf(attach(hall, visit.id, 'file', type, content))).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: `文件内容不是 ${format} 格式，与所选类型不符，没有保存。请检查文件后重试`,
        details: { params: { context: 'attachment_type', format } },
      });
    }
    expect(errorOf(attach(hall, visit.id, 'file', 'image/jpeg', PDF, 'en'))?.message).toBe(
      'The file is not a JPEG file, as its chosen type says; it was not saved. Please check the file and try again.',
    );
    expect(stored(hall)).toBe(0);
  });

  it(`refuses a file over ${MAX_ATTACHMENT_BYTES} bytes, the limit written in the clerk's locale; the limit itself is accepted`, () => {
    const hall = createTestHall();
    const visit = registerCase(hall);
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PDF.length, 0x20)]);
    expect(errorOf(attach(hall, visit.id, 'big.pdf', 'application/pdf', big))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '附件不能为空，也不能超过 2.5 MB，没有保存',
    });
    expect(errorOf(attach(hall, visit.id, 'big.pdf', 'application/pdf', big, 'en'))?.message).toBe(
      'An attachment cannot be empty or larger than 2.5 MB; it was not saved.',
    );
    expect(stored(hall)).toBe(0);
    expect(attached(hall, visit.id, 'limit.pdf', 'application/pdf', big.subarray(0, MAX_ATTACHMENT_BYTES)).size).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('keeps the name only: no path, no control or direction-changing characters; a name of nothing is refused', () => {
    const hall = createTestHall();
    const visit = registerCase(hall);
    const named = [
      ['C:\\fakepath\\身份证  正面.png', '身份证 正面.png'],
      ['../../etc/passwd.png', 'passwd.png'],
      ['scan\u0000\u0007\u001b[31m.png', 'scan[31m.png'],
      ['\u202Egnp.exe', 'gnp.png'], // and the extension is the type's (below)
      ['来信\u2028第二页.png', '来信第二页.png'],
    ];
    named.forEach(([given, kept], i) => {
      // A different file each time: one byte appended after the PNG's end is still a PNG.
      const content = Buffer.concat([PNG, Buffer.of(i)]);
      expect(attached(hall, visit.id, given!, 'image/png', content).fileName).toBe(kept);
    });
    for (const name of ['..', 'scans/', '\u202E\u0000', '. .']) {
      expect(errorOf(attach(hall, visit.id, name, 'image/png', PNG)), name).toMatchObject({ code: 'VALIDATION_FAILED', details: { params: { context: 'attachment_name' } } });
    }
    expect(stored(hall)).toBe(named.length);
  });

  it("ends the name with its type's extension: a different one replaced, a missing one added, the base name kept", () => {
    const hall = createTestHall();
    const visit = registerCase(hall);
    const named = [
      // A JPEG named to run as something else on the desk's PC.
      ['x.hta', 'image/jpeg', JPEG, 'x.jpg'],
      ['身份证正面.exe', 'image/jpeg', JPEG, '身份证正面.jpg'],
      ['身份证反面.JPEG', 'image/jpeg', JPEG, '身份证反面.JPEG'],
      ['照片.jpeg', 'image/png', PNG, '照片.png'],
      ['scan', 'image/png', PNG, 'scan.png'],
      ['invoice.pdf.hta.', 'application/pdf', PDF, 'invoice.pdf.pdf'],
      ['来信 2024.11.20', 'application/pdf', PDF, '来信 2024.11.20.pdf'],
      ['.hta', 'application/pdf', PDF, '.hta.pdf'],
      ['letter.PDF', 'application/pdf', PDF, 'letter.PDF'],
    ] as const;
    named.forEach(([given, type, bytes, kept], i) => {
      const content = Buffer.concat([bytes, Buffer.of(i)]);
      const attachment = attached(hall, visit.id, given, type, content);
      expect(attachment.fileName, given).toBe(kept);
      // Stored so, and read back so: the page downloads it under this name.
      expect(hall.value('clerk', 'visits.attachment', { attachmentId: attachment.id }).attachment.fileName).toBe(kept);
    });
  });

  it('records every read in the audit log, in the chain: who read which file of which case; a failed read records nothing', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const visit = registerCase(hall);
    const png = attached(hall, visit.id, '身份证正面.png', 'image/png', PNG);
    // Adding is on the case already (addedBy): only reading leaves a row.
    expect(auditRowsOf(hall.core.db, `attachment:${png.id}`)).toEqual([]);
    hall.value('clerk', 'visits.attachment', { attachmentId: png.id });
    clock.advance(60_000);
    hall.value('clerk', 'visits.attachment', { attachmentId: png.id });
    const clerkId = hall.staffId(TEST_CLERK.staffNo);
    expect(auditRowsOf(hall.core.db, `attachment:${png.id}`)).toEqual([
      expect.objectContaining({ at: hall.clock.now() - 60_000, actorId: clerkId, action: 'attachment.read', details: { visitId: visit.id } }),
      expect.objectContaining({ at: hall.clock.now(), actorId: clerkId, action: 'attachment.read', details: { visitId: visit.id } }),
    ]);
    expect(hall.core.audit.verify()).toEqual({ ok: true, rows: 2 });
    // The row names the file and the case, never its name or content.
    const rows = JSON.stringify(hall.core.db.prepare('SELECT * FROM audit_log').all());
    expect(rows).not.toContain('身份证');
    expect(rows).not.toContain(PNG.toString('base64').slice(0, 20));

    // Not found, not signed in, another role, damaged content: nothing handed out, nothing recorded.
    expect(errorOf(hall.call('clerk', 'visits.attachment', { attachmentId: '01JD0000000000000000000000' }))?.code).toBe('NOT_FOUND');
    const unsigned = hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody' }, 'visits.attachment', { attachmentId: png.id });
    expect(errorOf(unsigned)?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(hall.call('admin', 'visits.attachment', { attachmentId: png.id }))?.code).toBe('FORBIDDEN');
    const pdf = attached(hall, visit.id, 'letter.pdf', 'application/pdf', PDF);
    const envelope = hall.core.db.prepare('SELECT content_enc FROM visit_attachments WHERE id = ?').pluck().get(pdf.id);
    hall.core.db.prepare('UPDATE visit_attachments SET content_enc = ? WHERE id = ?').run(envelope, png.id);
    expect(errorOf(hall.call('clerk', 'visits.attachment', { attachmentId: png.id }))?.code).toBe('INTERNAL');
    expect(hall.core.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(2);
  });

  it('answers NOT_FOUND for a case or an attachment that does not exist', () => {
    const hall = createTestHall();
    registerCase(hall);
    expect(errorOf(attach(hall, '01JD0000000000000000000000', 'scan.png', 'image/png', PNG))).toMatchObject({ code: 'NOT_FOUND', message: '找不到这条来访登记' });
    expect(errorOf(hall.call('clerk', 'visits.attachment', { attachmentId: '01JD0000000000000000000000' }, 'en'))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This attachment does not exist. Please reload the page and try again.',
    });
    expect(stored(hall)).toBe(0);
  });

  it('never hands out other bytes than the ones recorded: swapped or damaged content answers INTERNAL, logged without the content', () => {
    const lines: string[] = [];
    const logger: Logger = { info() {}, warn() {}, error: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`) };
    const hall = createTestHall({ logger });
    const visit = registerCase(hall);
    const png = attached(hall, visit.id, 'photo.png', 'image/png', PNG);
    const pdf = attached(hall, visit.id, 'letter.pdf', 'application/pdf', PDF);
    const db = hall.core.db;
    // Each envelope is valid under the site's key: only the SHA-256 can tell them apart.
    const envelopeOf = (id: string) => db.prepare('SELECT content_enc FROM visit_attachments WHERE id = ?').pluck().get(id) as Buffer;
    const [pngEnvelope, pdfEnvelope] = [envelopeOf(png.id), envelopeOf(pdf.id)];
    db.prepare('UPDATE visit_attachments SET content_enc = ? WHERE id = ?').run(pdfEnvelope, png.id);
    expect(errorOf(hall.call('clerk', 'visits.attachment', { attachmentId: png.id }))?.code).toBe('INTERNAL');

    const damaged = Buffer.from(pngEnvelope);
    damaged[damaged.length - 1]! ^= 0x01;
    db.prepare('UPDATE visit_attachments SET content_enc = ? WHERE id = ?').run(damaged, png.id);
    expect(errorOf(hall.call('clerk', 'visits.attachment', { attachmentId: png.id }))?.code).toBe('INTERNAL');

    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('does not match its recorded SHA-256');
    for (const line of lines) {
      expect(line).not.toContain(PDF.toString('base64').slice(0, 20));
      expect(line).not.toContain('%PDF');
    }
    // The other file is untouched.
    expect(hall.value('clerk', 'visits.attachment', { attachmentId: pdf.id }).contentBase64).toBe(PDF.toString('base64'));
  });
});
