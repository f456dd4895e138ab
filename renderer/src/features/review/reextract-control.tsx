// "Trích xuất lại": a button that starts the re-extraction job (all documents, a selection or one),
// then its progress with a cancel button, then what failed (those documents keep their old text).
import { useEffect, useRef } from 'react';
import { errorText } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';
import { useReextractJob } from './use-reextract-job.js';

export function ReextractControl({
  documentIds,
  label,
  confirmText,
  small,
  onDone,
}: {
  /** Omitted: every document in the archive. */
  documentIds?: number[];
  label: string;
  /** Asked before starting (re-extracting a whole archive takes a while). */
  confirmText?: string;
  small?: boolean;
  /** Called when a job started here has ended (e.g. to reload the document shown). */
  onDone?: () => void;
}) {
  const { t, lang } = useI18n();
  const job = useReextractJob();
  const p = job.progress;
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  useEffect(() => {
    if (job.result) onDoneRef.current?.();
  }, [job.result]);
  const failed = job.result?.outcomes.filter((o) => o.outcome === 'failed') ?? [];
  return (
    <div className="reextract" data-testid="reextract">
      {job.running ? (
        <div className="reextract-running">
          <span data-testid="reextract-progress">
            {t('reextract.running', { done: p?.done ?? 0, total: p?.total ?? '…' })}
            {p?.currentName ? <span className="muted"> · {p.currentName}</span> : null}
          </span>
          <progress max={p?.total || 1} value={p?.done ?? 0} />
          <button className="btn btn-small" onClick={() => void job.cancel()} data-testid="reextract-cancel">
            {t('reextract.cancel')}
          </button>
        </div>
      ) : (
        <button
          className={`btn${small ? ' btn-small' : ''}`}
          data-testid="reextract-start"
          disabled={documentIds !== undefined && documentIds.length === 0}
          onClick={() => {
            if (confirmText && !window.confirm(confirmText)) return;
            void job.start(documentIds);
          }}
        >
          {label}
        </button>
      )}
      {!job.running && documentIds === undefined && job.interrupted ? (
        <div className="reextract-interrupted" role="status" data-testid="reextract-interrupted">
          <span>
            {t('reextract.interrupted', {
              done: (job.interrupted.progress as { done?: number } | null)?.done ?? 0,
              total: (job.interrupted.progress as { total?: number } | null)?.total ?? '…',
            })}
          </span>
          <button className="btn btn-small" onClick={() => void job.resume()} data-testid="reextract-resume">
            {t('reextract.resume')}
          </button>
        </div>
      ) : null}
      {job.result && !job.running ? (
        <div className="reextract-result" data-testid="reextract-result" role="status">
          {t('reextract.finished', {
            total: job.result.total,
            changed: job.result.changed,
            unchanged: job.result.unchanged,
            failed: job.result.failed,
          })}
          {failed.length > 0 ? (
            <ul className="reextract-failed">
              {failed.map((o) => (
                <li key={o.documentId}>
                  {t('reextract.failedRow', {
                    name: `#${o.documentId} ${o.name}`,
                    message: o.error ? errorText(o.error, lang) : '',
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
