// An export job's line under the button that started it: while it runs, its progress with "Dừng
// xuất"; once done, where the file went (desktop) or its download link again (web mode: the download
// already started, the link is for a browser that blocked it). Shared by the Archive screen's export
// card and the document screen's searchable-PDF copy.
import { useApi } from '../../app/api-context.js';
import { useI18n } from '../../i18n/i18n.js';
import type { ExportState } from './use-export-job.js';

export function ExportJobStatus({
  job,
  cancel,
  runningLabel,
}: {
  job: ExportState | null;
  cancel: () => void;
  /** The running line, from the job's progress so far (null before its first event). */
  runningLabel: (done: number, total: number | null) => string;
}) {
  const api = useApi();
  const { t } = useI18n();
  if (!job) return null;
  if (job.running) {
    const p = job.progress;
    const pct = p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
    return (
      <div style={{ marginTop: 12 }} data-testid="export-progress">
        <div className="progress-meta" style={{ marginTop: 0, marginBottom: 6 }}>
          <span>{runningLabel(p?.done ?? 0, p?.total ?? null)}</span>
          <button className="btn btn-small btn-danger" onClick={cancel} data-testid="export-cancel">
            {t('export.cancel')}
          </button>
        </div>
        <div className="progress-bar">
          <div style={{ width: `${pct}%` }} />
        </div>
      </div>
    );
  }
  if (!job.result) return null;
  const downloadUrl = job.result.savedTo ? null : api.exportUrl(job.jobId);
  return (
    <div className="status-line status-ok" data-testid="export-result">
      {job.result.savedTo ? (
        t('export.savedTo', { path: job.result.savedTo })
      ) : downloadUrl ? (
        <a href={downloadUrl} download={job.result.fileName}>
          {t('export.download')}: {job.result.fileName}
        </a>
      ) : null}
      {job.result.secretLeftOut > 0 ? (
        <div data-testid="export-secret-left-out">
          {t('export.secretLeftOut', { count: job.result.secretLeftOut })}
        </div>
      ) : null}
    </div>
  );
}
