import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MEDIA_TYPES, MAX_ATTACHMENT_BYTES, type Attachment, type Visit } from '../../../../shared/contract';
import { useErrorText, useHall } from '../../hall-context';
import { useCaseFormat } from './case-format';

type MediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** A file's content as base64 (what visits.addAttachment carries). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** An opened attachment: an image shown in the page (data: URL, as the CSP allows), a PDF as a blob to open or save. */
type Opened = { attachment: Attachment; image: string | null; blobUrl: string | null };

/** Scanned documents and photos on the case: the list, "add file" and "open". */
export function AttachmentsPanel(props: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const errorText = useErrorText();
  const format = useCaseFormat();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const { visit } = props;

  // A blob URL holds its file in memory until revoked.
  useEffect(() => {
    const blobUrl = opened?.blobUrl;
    return () => {
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    };
  }, [opened]);

  const add = async (file: File) => {
    setProblem(null);
    if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(file.type)) {
      setProblem(t('clerk.case.attachments.wrongType', { name: file.name }));
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setProblem(t('clerk.case.attachments.tooLarge', { name: file.name, max: format.bytes(MAX_ATTACHMENT_BYTES) }));
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await readBase64(file);
      await client.call('visits.addAttachment', { visitId: visit.id, fileName: file.name, mediaType: file.type as MediaType, contentBase64 });
      props.onChanged();
    } catch (failure) {
      setProblem(errorText(failure));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const open = async (attachment: Attachment) => {
    setProblem(null);
    try {
      const { contentBase64 } = await client.call('visits.attachment', { attachmentId: attachment.id });
      if (attachment.mediaType === 'application/pdf') {
        const blobUrl = URL.createObjectURL(new Blob([bytesOf(contentBase64)], { type: attachment.mediaType }));
        setOpened({ attachment, image: null, blobUrl });
        window.open(blobUrl, '_blank', 'noopener');
      } else {
        setOpened({ attachment, image: `data:${attachment.mediaType};base64,${contentBase64}`, blobUrl: null });
      }
    } catch (failure) {
      setProblem(errorText(failure));
    }
  };

  return (
    <section className="case-section" aria-labelledby="case-attachments-heading" data-testid="case-attachments">
      <div className="section-heading">
        <h3 id="case-attachments-heading">{t('clerk.case.attachments.title')}</h3>
        <label className={`secondary-button small-button file-button${busy ? ' is-busy' : ''}`}>
          {busy ? t('clerk.case.attachments.adding') : t('clerk.case.attachments.add')}
          <input
            ref={input}
            type="file"
            className="visually-hidden"
            accept={ATTACHMENT_MEDIA_TYPES.join(',')}
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void add(file);
            }}
          />
        </label>
      </div>
      <p className="muted">{t('clerk.case.attachments.hint', { max: format.bytes(MAX_ATTACHMENT_BYTES) })}</p>
      {problem && (
        <div className="banner banner-error" role="alert">
          {problem}
        </div>
      )}
      {visit.attachments.length === 0 ? (
        <p className="muted">{t('clerk.case.attachments.none')}</p>
      ) : (
        <ul className="attachment-list">
          {visit.attachments.map((attachment) => (
            <li key={attachment.id} className="attachment">
              <div>
                <strong>{attachment.fileName}</strong>
                <p className="muted">
                  {t(`clerk.case.attachments.types.${attachment.mediaType.replace('/', '_')}`)} · {format.bytes(attachment.size)} ·{' '}
                  <span title={attachment.sha256}>{t('clerk.case.attachments.sha', { hash: attachment.sha256.slice(0, 12) })}</span>
                </p>
                <p className="muted">
                  {t('clerk.case.attachments.added', {
                    name: t('clerk.case.staffName', { name: attachment.addedBy.name, staffNo: attachment.addedBy.staffNo }),
                    time: format.dateTime(attachment.addedAt),
                  })}
                </p>
              </div>
              <button
                type="button"
                className="secondary-button small-button"
                aria-label={t('clerk.case.attachments.openThis', { name: attachment.fileName })}
                onClick={() => void open(attachment)}
              >
                {t('clerk.case.attachments.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {opened && (
        <figure className="attachment-preview" data-testid="attachment-preview">
          <figcaption>
            {opened.attachment.fileName}{' '}
            <button type="button" className="link-button" onClick={() => setOpened(null)}>
              {t('clerk.case.attachments.closePreview')}
            </button>
          </figcaption>
          {opened.image ? (
            <img src={opened.image} alt={t('clerk.case.attachments.previewAlt', { name: opened.attachment.fileName })} />
          ) : (
            opened.blobUrl && (
              <p>
                {t('clerk.case.attachments.pdfOpened')}{' '}
                <a href={opened.blobUrl} download={opened.attachment.fileName}>
                  {t('clerk.case.attachments.save')}
                </a>
              </p>
            )
          )}
        </figure>
      )}
    </section>
  );
}
