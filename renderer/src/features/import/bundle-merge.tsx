// VanKho bundles among imported files (Import screen drop/pick, Archive screen "Nhập gói"): what the
// bundle holds, a merge as a job with progress, then the report the CLI gives — per document added /
// merged (with what changed) / skipped (already here), or the whole bundle refused with the reason.
import { useEffect, useRef, useState } from 'react';
import type { BundleImportProgressDto, BundleImportResultDto } from '../../../../main/contract/dto.js';
import type { AppError } from '../../../../main/contract/errors.js';
import { useApi } from '../../app/api-context.js';
import { useAppState, type BundleOffer } from '../../app/app-state.js';
import { errorText } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';

/** A hồ sơ field as the conflict line names it (the form's labels; other fields by their name). */
const RECORD_FIELD_LABEL: Partial<Record<string, MessageKey>> = {
  title: 'record.titleField',
  heading: 'record.heading',
  creator: 'record.creator',
  retention: 'record.retention',
  access: 'record.access',
  state: 'record.state',
  startDate: 'record.dates',
  endDate: 'record.dates',
  pageCount: 'record.pages',
};

interface MergeState {
  jobId: string | null;
  running: boolean;
  progress: BundleImportProgressDto | null;
  result: BundleImportResultDto | null;
  error: AppError | null;
}

function BundleOfferCard({ offer }: { offer: BundleOffer }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const { dismissBundleOffer, bumpData, navigate } = useAppState();
  const [merge, setMerge] = useState<MergeState | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    return api.onEvent((event) => {
      if (event.type === 'jobProgress' && event.kind === 'bundleImport' && event.jobId === jobRef.current) {
        setMerge((m) => (m ? { ...m, progress: event.progress } : m));
      } else if (
        event.type === 'jobFinished' &&
        event.kind === 'bundleImport' &&
        event.jobId === jobRef.current
      ) {
        jobRef.current = null;
        const result = event.state === 'done' ? (event.result as BundleImportResultDto | null) : null;
        setMerge((m) => (m ? { ...m, running: false, result, error: event.error } : m));
        bumpData();
      }
    });
  }, [api, bumpData]);

  const start = async () => {
    setMerge({ jobId: null, running: true, progress: null, result: null, error: null });
    const r = await api.bundleImportStart({ uploadId: offer.uploadId });
    if (!r.ok) return setMerge({ jobId: null, running: false, progress: null, result: null, error: r.error });
    jobRef.current = r.value.jobId;
    setMerge((m) => (m ? { ...m, jobId: r.value.jobId } : m));
  };

  const error = offer.error ?? merge?.error ?? null;
  const p = merge?.progress;
  const pct = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
  const result = merge?.result ?? null;

  return (
    <div className="card progress-card" data-testid="bundle-offer">
      <div className="progress-head">
        <strong>{t('bundle.offerTitle', { name: offer.name })}</strong>
        {error ? (
          <span className="badge badge-failed" data-testid="bundle-state">
            {t('bundle.refused')}
          </span>
        ) : result ? (
          <span className="badge badge-ok" data-testid="bundle-state">
            {t('common.done')}
          </span>
        ) : null}
      </div>
      {offer.probe ? (
        <p>
          {t('bundle.offerBody', {
            title: offer.probe.title,
            count: offer.probe.documentCount,
            files: offer.probe.fileCount,
            date: offer.probe.exportedAt.slice(0, 10),
          })}
          {offer.probe.recordCount > 0
            ? ` ${t('bundle.offerRecords', { count: offer.probe.recordCount })}`
            : null}
          {/* The question only while it is one: not during or after the merge, not when refused. */}
          {!merge && !offer.error ? ` ${t('bundle.offerQuestion')}` : null}
        </p>
      ) : null}
      {error ? (
        <div className="outcome-error" data-testid="bundle-error">
          {errorText(error, lang)}
        </div>
      ) : null}
      {!merge && !offer.error ? (
        <div className="row">
          <button className="btn btn-primary" onClick={() => void start()} data-testid="bundle-merge">
            {t('bundle.merge')}
          </button>
          <button className="btn" onClick={() => dismissBundleOffer(offer.uploadId)}>
            {t('bundle.dismiss')}
          </button>
        </div>
      ) : null}
      {merge?.running ? (
        <>
          <div className="progress-meta" style={{ marginTop: 0 }}>
            <span>
              {t(`bundle.phase.${p?.phase ?? 'verify'}`, { done: p?.done ?? 0, total: p?.total ?? '…' })}
            </span>
            {merge.jobId ? (
              <button
                className="btn btn-small btn-danger"
                onClick={() => void api.importCancel({ jobId: merge.jobId! })}
              >
                {t('import.cancel')}
              </button>
            ) : null}
          </div>
          <div className="progress-bar">
            <div style={{ width: `${pct}%` }} />
          </div>
        </>
      ) : null}
      {result ? (
        <>
          <p data-testid="bundle-summary">
            {t('bundle.summary', {
              added: result.added,
              merged: result.merged,
              skipped: result.skipped,
              filesAdded: result.filesAdded,
              tagsCreated: result.tagsCreated,
              relationsAdded: result.relationsAdded,
            })}
          </p>
          <div data-testid="bundle-outcomes">
            {result.outcomes.map((o) => (
              <div className="outcome-row" key={o.documentId} data-testid={`bundle-outcome-${o.outcome}`}>
                <span
                  className={`badge ${o.outcome === 'added' ? 'badge-ok' : o.outcome === 'merged' ? 'badge-warning' : ''}`}
                >
                  {t(`bundle.outcome.${o.outcome}`)}
                </span>
                <span>
                  <button
                    className="btn-link"
                    onClick={() => navigate({ name: 'document', id: o.documentId, query: '' })}
                  >
                    {[o.number, o.title].filter(Boolean).join(' — ')}
                  </button>
                  {o.changes.length > 0 ? (
                    <div className="outcome-warning">
                      {t('bundle.changes', { changes: o.changes.join(', ') })}
                    </div>
                  ) : null}
                </span>
                <span />
              </div>
            ))}
          </div>
          {result.records && result.records.length > 0 ? (
            <div data-testid="bundle-records">
              {result.records.map((r) => (
                <div className="outcome-row" key={r.code} data-testid={`bundle-record-${r.outcome}`}>
                  <span
                    className={`badge ${r.outcome === 'added' ? 'badge-ok' : r.outcome === 'merged' ? 'badge-warning' : ''}`}
                  >
                    {t(`bundle.outcome.${r.outcome}`)}
                  </span>
                  <span>
                    <button className="btn-link" onClick={() => navigate({ name: 'record', code: r.code })}>
                      {t('bundle.record', { code: r.code })}
                    </button>
                    {r.documentsAdded > 0 ? (
                      <div className="muted">
                        {t('bundle.recordDocumentsAdded', { count: r.documentsAdded })}
                      </div>
                    ) : null}
                    {r.conflicts.length > 0 ? (
                      <div className="outcome-warning" data-testid="bundle-record-conflict">
                        {t('bundle.recordConflict', {
                          fields: [
                            ...new Set(
                              r.conflicts.map((c) => {
                                const key = RECORD_FIELD_LABEL[c.field];
                                return key ? t(key) : c.field;
                              }),
                            ),
                          ].join(', '),
                        })}
                      </div>
                    ) : null}
                  </span>
                  <span />
                </div>
              ))}
            </div>
          ) : null}
        </>
      ) : null}
      {(result || error) && !merge?.running ? (
        <div className="row">
          <button className="btn btn-small" onClick={() => dismissBundleOffer(offer.uploadId)}>
            {t('bundle.close')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Every bundle waiting for (or done with) a merge; nothing when there is none. */
export function BundleOffers() {
  const { bundleOffers } = useAppState();
  if (bundleOffers.length === 0) return null;
  return (
    <div className="outcomes" data-testid="bundle-offers">
      {bundleOffers.map((o) => (
        <BundleOfferCard key={o.uploadId} offer={o} />
      ))}
    </div>
  );
}
