// Document screen: which pages are OCR text, how sure the engine was of each, which a person should
// check ("cần rà soát"), and the failed ones with "Thử lại". Shown only for documents with OCR pages;
// "Tải bản PDF tìm kiếm được" makes a derived copy once a page is read (the original stays as filed).
import { useEffect, useRef, useState } from 'react';
import type { DocumentDetail, OcrSummaryDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { errorText, useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';
import { ExportJobStatus } from '../archive/export-job-status.js';
import { useExportJob } from '../archive/use-export-job.js';
import { ocrPageRows } from './ocr-pages.js';

export function OcrPanel({
  doc,
  mayEdit,
  onTextChanged,
}: {
  doc: DocumentDetail;
  mayEdit: boolean;
  /** A retried page was read: the document's text (and preview) changed. */
  onTextChanged: () => void;
}) {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const [summary, setSummary] = useState<OcrSummaryDto | null>(null);
  const [loads, setLoads] = useState(0);
  const [retryJob, setRetryJob] = useState<string | null>(null);
  const pdfJob = useExportJob();
  const onTextChangedRef = useRef(onTextChanged);
  onTextChangedRef.current = onTextChanged;

  useEffect(() => {
    let cancelled = false;
    void api.ocrSummary({ documentId: doc.id }).then((r) => {
      if (!cancelled) setSummary(r.ok ? r.value : null);
    });
    return () => {
      cancelled = true;
    };
  }, [api, doc.id, doc.version, loads]);

  // Any OCR run that ends may have read this document's pages (the archive card's run too).
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type !== 'jobFinished' || e.kind !== 'ocr') return;
        setLoads((n) => n + 1);
        if (e.jobId === retryJob) {
          setRetryJob(null);
          if (e.error) toast.error(e.error);
          onTextChangedRef.current();
        }
      }),
    [api, retryJob, toast],
  );

  if (!summary || summary.pages.length === 0) return null;
  const rows = ocrPageRows(summary.pages, doc.files);
  const retry = async (): Promise<void> => {
    const r = await api.ocrRetry({ documentId: doc.id });
    if (!r.ok) toast.error(r.error);
    else {
      setRetryJob(r.value.jobId);
      setLoads((n) => n + 1);
    }
  };
  return (
    <section className="doc-section" data-testid="doc-ocr">
      <h3>{t('ocr.title')}</h3>
      <p className="muted" data-testid="doc-ocr-summary">
        {t('ocr.docSummary', { done: summary.done, total: summary.pages.length })}
        {summary.meanConfidence !== null
          ? ` · ${t('ocr.docMean', { conf: Math.round(summary.meanConfidence) })}`
          : ''}
        {summary.lowConfidencePages.length > 0
          ? ` · ${t('ocr.docReviewCount', { count: summary.lowConfidencePages.length })}`
          : ''}
      </p>
      <ul className="ocr-pages">
        {rows.map((row) => (
          <li
            key={row.key}
            data-testid="doc-ocr-page"
            data-page={row.pageNo}
            data-state={row.state}
            className={row.review ? 'ocr-review' : undefined}
          >
            <span>
              {row.fileName ? `${row.fileName} · ` : ''}
              {t('ocr.docPage', { page: row.pageNo })}
            </span>{' '}
            {row.state === 'done' ? (
              <span data-testid="doc-ocr-conf">
                {row.confidence !== null ? t('ocr.docConf', { conf: row.confidence }) : ''}
              </span>
            ) : row.state === 'pending' ? (
              <span className="muted">{t('ocr.docPending')}</span>
            ) : (
              <>
                <span className="badge badge-failed">{t('ocr.docFailed')}</span>
                {/* Why, in the reader's language: "Thử lại" only helps for some reasons. */}
                {row.error ? (
                  <span className="muted ocr-error" data-testid="doc-ocr-error">
                    {errorText(row.error, lang)}
                  </span>
                ) : null}
              </>
            )}
            {row.review ? (
              <span
                className="badge badge-auto"
                data-testid="doc-ocr-review"
                title={row.error ? errorText(row.error, lang) : t('ocr.docReviewHint')}
              >
                {t('ocr.docReview')}
              </span>
            ) : null}
            {/* Why beyond its confidence: the page may have been read the wrong way up. */}
            {row.state === 'done' && row.error ? (
              <span className="muted ocr-caveat" data-testid="doc-ocr-caveat">
                {errorText(row.error, lang)}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {summary.failed > 0 && mayEdit ? (
        <button
          className="btn btn-small"
          disabled={retryJob !== null}
          onClick={() => void retry()}
          data-testid="doc-ocr-retry"
        >
          {retryJob !== null ? t('ocr.docRunning') : t('common.retry')}
        </button>
      ) : null}
      <div className="doc-searchable-pdf" style={{ marginTop: 8 }}>
        {/* A copy needs pages OCR has read: until then the button says why it waits. */}
        <button
          className="btn btn-small"
          title={t('export.searchablePdfHint')}
          disabled={summary.done === 0 || pdfJob.job?.running === true}
          onClick={() => void pdfJob.startSearchablePdf({ documentId: doc.id })}
          data-testid="doc-searchable-pdf"
        >
          {t('export.searchablePdf')}
        </button>
        {summary.done === 0 ? (
          <p className="muted" style={{ margin: '4px 0 0' }} data-testid="doc-searchable-pdf-why">
            {t('export.searchablePdfNotOcred')}
          </p>
        ) : null}
        <ExportJobStatus
          job={pdfJob.job}
          cancel={pdfJob.cancel}
          runningLabel={(done, total) => t('export.searchablePdfRunning', { done, total: total ?? '…' })}
        />
      </div>
    </section>
  );
}
