// Import: drop files/folders or pick them, a progress bar with counts and the current file, cancel,
// and the outcome of every file (imported / imported without text, with the reason / duplicate /
// failed with the reason).
import { useState, type DragEvent } from 'react';
import { countStoredWithoutText } from '../../../../main/contract/no-text.js';
import { MAX_SESSION_UPLOAD_BYTES, MAX_UPLOAD_BYTES } from '../../../../main/contract/transport.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatBytes } from '../../components/format.js';
import { FolderIcon, ImportIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { BundleOffers } from './bundle-merge.js';
import { collectDroppedFiles } from './collect-dropped-files.js';

export function ImportScreen({ onPick }: { onPick: (folders: boolean) => void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const {
    archive,
    archiveLoaded,
    importJob,
    importFiles,
    trackImport,
    importFromDialog,
    cancelImport,
    navigate,
    appInfo,
  } = useAppState();
  const [over, setOver] = useState(false);

  if (archiveLoaded && !archive) {
    return (
      <div className="screen">
        <EmptyState
          title={t('import.title')}
          body={t('import.noArchive')}
          action={
            <button className="btn btn-primary" onClick={() => navigate({ name: 'archive' })}>
              {t('nav.archive')}
            </button>
          }
        />
      </div>
    );
  }

  const running = importJob !== null && (importJob.phase === 'uploading' || importJob.phase === 'running');
  const pick = (folders: boolean) => {
    if (appInfo?.nativeDialogs) void importFromDialog(folders);
    else onPick(folders);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    if (running) return;
    void collectDroppedFiles(e.dataTransfer).then(importFiles);
  };

  const p = importJob?.progress ?? null;
  const report = importJob?.report ?? null;
  const uploading = importJob?.phase === 'uploading';
  const total = uploading ? importJob.uploadTotal : (p?.total ?? importJob?.uploadTotal ?? 0);
  const done = uploading ? importJob.uploaded : (p?.done ?? 0);
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  const counts = report
    ? {
        imported: report.imported,
        duplicate: report.duplicates,
        failed: report.failed,
        warned: report.withWarnings,
      }
    : { imported: p?.imported ?? 0, duplicate: p?.duplicates ?? 0, failed: p?.failed ?? 0, warned: 0 };
  // Imported files whose text could not be extracted are counted apart: they are stored but not
  // findable by their content, which the archivist must know.
  const countsText = t(counts.warned > 0 ? 'import.countsWarned' : 'import.counts', counts);
  // Stored without text and without an error (scans, formats not read): findable only by their fields.
  const noTextCount = report ? countStoredWithoutText(report.outcomes) : 0;

  return (
    <div className="screen" data-testid="import-screen">
      <div className="screen-header">
        <h1>{t('import.title')}</h1>
        {appInfo?.samplesAvailable ? (
          <button
            className="btn"
            disabled={running}
            onClick={() => void api.archiveLoadSamples({}).then(trackImport)}
            data-testid="import-load-samples"
          >
            {t('import.loadSamples')}
          </button>
        ) : null}
      </div>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <span className="dropzone-icon">
          <ImportIcon />
        </span>
        <h2>{t('import.dropTitle')}</h2>
        <p>{t('import.dropBody')}</p>
        <p className="dropzone-limits" data-testid="upload-limits">
          {t('import.limits', {
            file: formatBytes(MAX_UPLOAD_BYTES, lang),
            total: formatBytes(MAX_SESSION_UPLOAD_BYTES, lang),
          })}
        </p>
        <div className="dropzone-actions">
          <button
            className="btn btn-primary"
            onClick={() => pick(false)}
            disabled={running}
            data-testid="import-pick-files"
          >
            <ImportIcon /> {t('import.pickFiles')}
          </button>
          <button className="btn" onClick={() => pick(true)} disabled={running}>
            <FolderIcon /> {t('import.pickFolder')}
          </button>
        </div>
      </div>

      <BundleOffers />

      {importJob ? (
        <div className="card progress-card" data-testid="import-progress">
          <div className="progress-head">
            <strong>
              {running
                ? t(uploading ? 'import.uploading' : 'import.running', { done, total: total || '…' })
                : countsText +
                  (noTextCount > 0 ? ` · ${t('import.noTextCount', { count: noTextCount })}` : '')}
            </strong>
            {running ? (
              <button
                className="btn btn-small btn-danger"
                onClick={() => void cancelImport()}
                data-testid="import-cancel"
              >
                {t('import.cancel')}
              </button>
            ) : (
              <span
                className={`badge ${importJob.phase === 'done' ? 'badge-ok' : importJob.phase === 'cancelled' ? '' : 'badge-failed'}`}
                data-testid="import-state"
              >
                {importJob.phase === 'done'
                  ? t('common.done')
                  : importJob.phase === 'cancelled'
                    ? t('import.cancelled')
                    : t('common.error')}
              </span>
            )}
          </div>
          <div
            className="progress-bar"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={running ? pct : 100}
          >
            <div style={{ width: `${running ? pct : 100}%` }} />
          </div>
          <div className="progress-meta">
            <span className="progress-current">
              {running && p?.currentName ? t('import.current', { name: p.currentName }) : ''}
            </span>
            <span>{running ? countsText : ''}</span>
          </div>
        </div>
      ) : null}

      {report && report.outcomes.length > 0 ? (
        <div className="outcomes">
          <h3 style={{ marginBottom: 8 }}>{t('import.outcomes')}</h3>
          <div className="card" data-testid="import-outcomes">
            {report.outcomes.map((o, i) => {
              const warned = o.outcome === 'imported' && o.warning !== null;
              // Stored without text: the badge says why (scan waiting for OCR, format not read, …).
              const noText = o.outcome === 'imported' ? o.noText : null;
              return (
                <div
                  className={`outcome-row${warned ? ' outcome-row-warned' : ''}`}
                  key={i}
                  data-testid={`outcome-${o.outcome}`}
                >
                  <span
                    className={`badge ${warned || noText ? 'badge-warning' : o.outcome === 'imported' ? 'badge-ok' : o.outcome === 'duplicate' ? '' : 'badge-failed'}`}
                    {...(noText ? { 'data-testid': 'outcome-no-text', 'data-reason': noText } : {})}
                  >
                    {noText
                      ? t(`noText.${noText}`)
                      : warned
                        ? t('import.outcome.warned')
                        : t(`import.outcome.${o.outcome}`)}
                  </span>
                  <span>
                    {o.documentId !== null ? (
                      <button
                        className="btn-link"
                        onClick={() => navigate({ name: 'document', id: o.documentId!, query: '' })}
                      >
                        {o.name}
                      </button>
                    ) : (
                      o.name
                    )}
                    {o.error ? <div className="outcome-error">{errorText(o.error, lang)}</div> : null}
                    {o.identityTwins.length > 0 ? (
                      <div className="outcome-warning" data-testid="outcome-twins">
                        {t('import.outcome.twins')}{' '}
                        {o.identityTwins.map((x) => x.number ?? x.title).join(', ')}{' '}
                        <button
                          className="btn-link"
                          onClick={() => navigate({ name: 'document', id: o.documentId!, query: '' })}
                          data-testid="outcome-twins-open"
                        >
                          {t('twins.review')}
                        </button>
                      </div>
                    ) : null}
                    {warned && o.warning ? (
                      <div className="outcome-warning" data-testid="outcome-warning">
                        {errorText(o.warning, lang)}
                      </div>
                    ) : null}
                  </span>
                  <span />
                </div>
              );
            })}
          </div>
        </div>
      ) : null}
    </div>
  );
}
