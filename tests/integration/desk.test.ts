import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditRowsOf } from '../../electron/core/audit/audit-log';
import { MAX_ATTACHMENT_BYTES } from '../../shared/contract';
import { checkCharacter } from '../../shared/domain/resident-id';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';

const ID_NUMBER = (() => {
  const first17 = '44030419820303004';
  return first17 + checkCharacter(first17);
})();
const PHONE = '13900003333';
// A PDF of exactly the largest size allowed: its base64 must fit the transport's frame.
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'), Buffer.alloc(MAX_ATTACHMENT_BYTES - 15, 0x20)]);

describe("the desk's decision, attachments and unmasking over HTTP, kept across a restart", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-desk-'));
  let host: TestHost | undefined;
  afterAll(async () => {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('decides, attaches the largest file, unmasks; after a restart everything reads back and the audit chain holds', async () => {
    host = await startTestHost({ dataDir });
    let clerk = await signInHeaders(host.url);
    const info = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
    const serviceA = info.services.find((s: { letter: string }) => s.letter === 'A').id;
    const taken = await api(host.url, 'kiosk', 'kiosk.takeNumber', {
      serviceId: serviceA,
      language: 'zh-CN',
      person: { idNumber: ID_NUMBER, name: '赵敏', phone: PHONE },
      partySize: 1,
      representatives: null,
      declaredPriority: null,
    });
    const visit = (
      await api(
        host.url,
        'clerk',
        'visits.create',
        {
          ticketId: taken.body.value.ticket.id,
          serviceId: serviceA,
          peopleCount: 1,
          address: '深圳市光明区公明街道上村社区振明路8号',
          problemLocationCode: 'gongming-shangcun',
          purpose: 'seek_resolution',
          matterClass: 'appeal_request',
          categoryCode: '020101',
          summary: '小区物业费上涨未经业主大会表决',
          request: '要求物业公司按原标准收费',
          firstTime: true,
          jointOrGroup: false,
        },
        clerk,
      )
    ).body.value.visit;

    const decided = await api(host.url, 'clerk', 'visits.decide', { visitId: visit.id, decision: { kind: 'assigned', department: '公明街道办事处' } }, clerk);
    expect(decided).toMatchObject({ status: 200, body: { ok: true, value: { visit: { decision: { legalBasis: { article: 22, paragraph: 1, item: 3 } } } } } });
    const again = await api(host.url, 'clerk', 'visits.decide', { visitId: visit.id, decision: { kind: 'accepted' } }, clerk);
    expect(again).toMatchObject({ status: 409, body: { ok: false, error: { code: 'CONFLICT' } } });

    const added = await api(host.url, 'clerk', 'visits.addAttachment', { visitId: visit.id, fileName: '业主来信.pdf', mediaType: 'application/pdf', contentBase64: PDF.toString('base64') }, clerk);
    expect(added).toMatchObject({ status: 200, body: { value: { attachment: { size: MAX_ATTACHMENT_BYTES, sha256: createHash('sha256').update(PDF).digest('hex') } } } });
    const wrongType = await api(host.url, 'clerk', 'visits.addAttachment', { visitId: visit.id, fileName: 'x.png', mediaType: 'image/png', contentBase64: PDF.subarray(0, 64).toString('base64') }, clerk);
    expect(wrongType).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: { params: { context: 'attachment_type' } } } } });

    const unmasked = await api(host.url, 'clerk', 'visitors.unmask', { visitorId: visit.visitor.id, reason: '核对身份证原件' }, clerk);
    expect(unmasked).toMatchObject({ status: 200, body: { value: { idNumber: ID_NUMBER, phone: PHONE } } });

    // The same data folder, a new process's worth of core: the key file decrypts what was stored.
    await host.stop();
    host = await startTestHost({ dataDir });
    clerk = await signInHeaders(host.url);
    const read = await api(host.url, 'clerk', 'visits.attachment', { attachmentId: added.body.value.attachment.id }, clerk);
    expect(read.status).toBe(200);
    expect(Buffer.from(read.body.value.contentBase64, 'base64').equals(PDF)).toBe(true);
    const after = (await api(host.url, 'clerk', 'visits.get', { id: visit.id }, clerk)).body.value.visit;
    expect(after.decision.decision).toEqual({ kind: 'assigned', department: '公明街道办事处' });
    expect(after.timeline.at(-1)).toMatchObject({ event: { type: 'assigned' }, note: '公明街道办事处' });
    expect(after.attachments).toEqual([added.body.value.attachment]);
    // The unmasking and the read of the attachment, chained under the audit key derived from the key file.
    expect(auditRowsOf(host.core.db, `attachment:${added.body.value.attachment.id}`)).toEqual([
      expect.objectContaining({ action: 'attachment.read', details: { visitId: visit.id } }),
    ]);
    // The unmasking and the attachment read, and the clerk's two sign-ins (before and after the restart).
    expect(host.core.audit.verify()).toEqual({ ok: true, rows: 4 });
    expect(host.core.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.signIn'").pluck().get()).toBe(2);
  });
});
