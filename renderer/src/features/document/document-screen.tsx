// One document: metadata form, tags, files, relations on the left; the preview on the right
// (PDF with pdf.js, a scanned image with its OCR words over it, other formats as their extracted
// text), opened on the search's hits.
import { lazy, Suspense, useEffect, useState } from 'react';
import { OcrNowButton } from './ocr-now-button.js';
import { OcrPanel } from './ocr-panel.js';
import type {
  DocumentDetail,
  DocumentRelations,
  FileDto,
  RecordAccessLevel,
} from '../../../../main/contract/dto.js';
import type { AppError } from '../../../../main/contract/errors.js';
import { useApi } from '../../app/api-context.js';
import { useAppState, type Route } from '../../app/app-state.js';
import { errorText, useToast } from '../../app/toasts.js';
import { AccessBadge } from '../../components/access-badge.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatBytes, formatDate } from '../../components/format.js';
import { BackIcon, DocumentIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';
import { ExportBundleButton } from '../archive/export-bundle-button.js';
import { DocumentFiling } from '../records/document-filing.js';
import { ReadGrants } from '../records/read-grants.js';
import { ReextractControl } from '../review/reextract-control.js';
import { ReviewBar, useReviewNext } from '../review/review-bar.js';
import { MetadataForm } from './metadata-form.js';
import { RelationsPanel } from './relations-panel.js';
import { ValidityPanel } from './validity-panel.js';
import { TagEditor } from './tag-editor.js';
import { TwinsNotice } from './twins-notice.js';
import { OlderRulesNotice } from './older-rules-notice.js';
import { useTrashUndoToast } from '../trash/trash-undo-toast.js';
import { TextPreview } from './text-preview.js';
import { DISPLAYABLE_IMAGES, ImagePreview } from './image-preview.js';
import { TiffPreview } from './tiff-preview.js';

// pdf.js (~1 MB with its viewer) loads only when a PDF is shown.
const PdfPreview = lazy(() => import('./pdf-preview.js').then((m) => ({ default: m.PdfPreview })));

function isPdf(f: FileDto): boolean {
  return f.mediaType === 'application/pdf' || f.originalName.toLowerCase().endsWith('.pdf');
}

export function DocumentScreen({ route }: { route: Extract<Route, { name: 'document' }> }) {
  const api = useApi();
  const toast = useToast();
  const undoToast = useTrashUndoToast();
  const { t, lang } = useI18n();
  const { navigate, goBack, bumpData, appInfo, mayEdit } = useAppState();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [relations, setRelations] = useState<DocumentRelations | null>(null);
  const [fileId, setFileId] = useState<number | null>(null);
  const [reloads, setReloads] = useState(0);
  const reviewNext = useReviewNext(route.id);

  useEffect(() => {
    let cancelled = false;
    void api.documentGet({ documentId: route.id, onScreen: true }).then((r) => {
      if (cancelled) return;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setDoc(r.value);
      const main = r.value.files.find((f) => f.role === 'main') ?? r.value.files[0];
      setFileId(main?.id ?? null);
    });
    void api.documentRelations({ documentId: route.id }).then((r) => {
      if (!cancelled) setRelations(r.ok ? r.value : { cites: [], citedBy: [], missing: [] });
    });
    return () => {
      cancelled = true;
    };
    // Not on a language switch: each load is a 'view' row in the access log (and, onScreen, puts a
    // scan waiting for OCR first in the queue).
  }, [api, route.id, reloads]);

  // Back to where the document was opened from (search, import report, another document).
  const back = () => goBack({ name: 'search' });

  // Escape or Alt+← goes back to the search, like a browser's back. Escape in a field first only
  // leaves the field (keeping what was typed), so a second Escape goes back; a field that used the
  // key itself (closing its suggestion list) marks it handled with preventDefault.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      const field = el?.closest<HTMLElement>('input, textarea, select, [contenteditable="true"]') ?? null;
      if (e.key === 'Escape' && field) {
        e.preventDefault();
        field.blur();
      } else if (e.key === 'Escape' || (e.altKey && e.key === 'ArrowLeft')) {
        e.preventDefault();
        goBack({ name: 'search' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [goBack]);

  if (error) {
    return (
      <div className="screen">
        <button className="btn" onClick={back}>
          <BackIcon /> {t('common.back')}
        </button>
        <EmptyState title={t('doc.notFound')} body={errorText(error, lang)} />
      </div>
    );
  }
  if (!doc) return <div className="screen muted">{t('common.loading')}</div>;

  const file = doc.files.find((f) => f.id === fileId) ?? null;
  const statusKey = doc.textStatus !== 'ok' ? (`doc.textStatus.${doc.textStatus}` as MessageKey) : null;

  const saveCopy = async (id: number) => {
    const r = await api.fileSaveAs({ fileId: id });
    if (!r.ok) toast.error(r.error);
    else if (r.value) toast.success(t('doc.savedCopy', { path: r.value }));
  };

  // Into the trash at once, no question asked: the toast's undo (or the trash screen) restores it.
  const remove = async () => {
    const r = await api.documentDelete({ documentId: doc.id });
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    undoToast(t('doc.deleted'), r.value.trashId, (id) => navigate({ name: 'document', id, query: '' }));
    bumpData();
    // Back must not lead to the deleted document; someone who already left stays where they went.
    navigate({ name: 'search' }, { replace: true, whileOnDocument: doc.id });
  };

  return (
    <div className="doc-screen" data-testid="document-screen">
      {route.review ? <ReviewBar documentId={doc.id} /> : null}
      <header className="doc-header">
        <button
          className="btn btn-icon"
          onClick={back}
          aria-label={t('common.back')}
          title={t('common.back')}
        >
          <BackIcon />
        </button>
        <div className="doc-header-title">
          <div>
            <span className="result-number" data-testid="doc-number">
              {doc.metadata.number ?? t('search.noNumber')}
            </span>
            {doc.metadata.docType ? <span className="muted"> · {doc.metadata.docType}</span> : null}
            {doc.metadata.issuedDate ? (
              <span className="muted"> · {formatDate(doc.metadata.issuedDate)}</span>
            ) : null}
            <AccessBadge level={doc.metadata.access as RecordAccessLevel} always />
          </div>
          <h1 title={doc.metadata.title ?? ''} data-testid="doc-title">
            {doc.metadata.title || t('search.untitled')}
          </h1>
        </div>
        {statusKey ? (
          <span
            className={`badge ${doc.textStatus === 'failed' ? 'badge-failed' : 'badge-auto'}`}
            title={doc.textError ? errorText(doc.textError, lang) : ''}
            data-testid="doc-text-status"
          >
            {/* No text: say why (scan waiting for OCR, format not read, encrypted PDF, …). */}
            {doc.noText ? t(`noText.${doc.noText}`) : t(statusKey)}
          </span>
        ) : null}
        {doc.noText === 'scan' ? (
          <OcrNowButton documentId={doc.id} onDone={() => setReloads((n) => n + 1)} />
        ) : null}
        {mayEdit ? (
          <>
            <ReextractControl
              documentIds={[doc.id]}
              label={t('reextract.one')}
              small
              onDone={() => setReloads((n) => n + 1)}
            />
            <button
              className="btn btn-danger btn-small"
              onClick={() => void remove()}
              data-testid="doc-delete"
            >
              {t('doc.delete')}
            </button>
          </>
        ) : null}
      </header>
      <div className="doc-body">
        <div className="doc-side">
          <OlderRulesNotice doc={doc} onChanged={setDoc} />
          <TwinsNotice
            doc={doc}
            onChanged={(d) => {
              setDoc(d);
              setReloads((n) => n + 1); // its files changed: the preview and relations too
            }}
            onOpen={(id, replace) =>
              navigate({ name: 'document', id, query: route.query }, replace ? { replace: true } : undefined)
            }
          />
          {/* A reader sees the fields but cannot change them: a disabled fieldset disables every control. */}
          <fieldset className="plain-fieldset" disabled={!mayEdit} data-testid="doc-edit-fields">
            <MetadataForm
              doc={doc}
              onSaved={setDoc}
              onReload={() => setReloads((n) => n + 1)}
              {...(route.review ? { onReviewed: () => void reviewNext() } : {})}
            />
            <TagEditor doc={doc} onChanged={(tags) => setDoc({ ...doc, tags })} />
          </fieldset>
          <section className="doc-section" data-testid="files">
            <h3>{t('doc.files')}</h3>
            {doc.files.map((f) => (
              <div className={`file-row${f.id === fileId ? ' active' : ''}`} key={f.id}>
                <DocumentIcon />
                <button className="btn-link file-name" onClick={() => setFileId(f.id)} title={f.originalName}>
                  {f.originalName}
                </button>
                <span className="badge">{t(f.role === 'main' ? 'doc.fileMain' : 'doc.fileAttachment')}</span>
                <span className="muted">{formatBytes(f.size, lang)}</span>
                {appInfo?.nativeDialogs ? (
                  <button className="btn btn-small" onClick={() => void saveCopy(f.id)}>
                    {t('doc.saveCopy')}
                  </button>
                ) : (
                  <a
                    className="btn btn-small"
                    href={api.fileUrl(f.id, { download: true })}
                    download={f.originalName}
                  >
                    {t('doc.open')}
                  </a>
                )}
              </div>
            ))}
            <div className="row" style={{ marginTop: 8 }}>
              <ExportBundleButton
                documentIds={[doc.id]}
                label={t(doc.metadata.access === 'mat' ? 'export.documentSecret' : 'export.document')}
                includeSecret={doc.metadata.access === 'mat'}
                testId="export-document"
              />
            </div>
          </section>
          <OcrPanel doc={doc} mayEdit={mayEdit} onTextChanged={() => setReloads((n) => n + 1)} />
          <DocumentFiling doc={doc} />
          {mayEdit && doc.metadata.access !== 'cong-khai' ? (
            <section className="doc-section">
              <ReadGrants target={{ documentId: doc.id }} testId="doc-grants" />
            </section>
          ) : null}
          <fieldset className="plain-fieldset" disabled={!mayEdit}>
            <ValidityPanel
              key={`${doc.id}:${doc.validity.override?.setAt ?? ''}`}
              doc={doc}
              onChanged={setDoc}
              onReload={() => setReloads((n) => n + 1)}
              onOpen={(id) => navigate({ name: 'document', id, query: route.query })}
            />
          </fieldset>
          <RelationsPanel
            relations={relations}
            onOpen={(id) => navigate({ name: 'document', id, query: route.query })}
          />
        </div>
        {file === null ? (
          <div className="doc-preview">
            <div className="preview-message">{t('doc.noPreview')}</div>
          </div>
        ) : isPdf(file) ? (
          <Suspense fallback={<div className="doc-preview preview-message">{t('common.loading')}</div>}>
            <PdfPreview
              key={file.id}
              url={api.fileUrl(file.id)}
              query={route.query}
              initialPage={route.page}
              ocr={{ fileId: file.id, documentId: doc.id }}
            />
          </Suspense>
        ) : DISPLAYABLE_IMAGES.has(file.mediaType) ? (
          <ImagePreview key={file.id} fileId={file.id} url={api.fileUrl(file.id)} query={route.query} />
        ) : file.mediaType === 'image/tiff' ? (
          <TiffPreview
            key={file.id}
            fileId={file.id}
            documentId={doc.id}
            pageCount={file.id === doc.files[0]?.id ? doc.pageCount : null}
            query={route.query}
            initialPage={route.page}
          />
        ) : (
          <TextPreview key={file.id} fileId={file.id} query={route.query} initialPage={route.page} />
        )}
      </div>
    </div>
  );
}
