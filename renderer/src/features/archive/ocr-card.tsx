// Archive screen: scanned pages waiting for OCR (nhận dạng chữ), a button that runs the queue as a
// job with its progress and a stop button, and what the run read. The queue lives in the archive:
// a run stopped or cut short leaves the unread pages waiting, and "Tiếp tục" goes on from there.
// "Tạm dừng OCR" pauses the queue itself (kept in the archive: nothing is read, not even after an
// import or a restart) until "Tiếp tục". The archive's choice to read scans right after each import is
// switched here too.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  OcrPendingDto,
  OcrProgressDto,
  OcrResultDto,
  OcrSettingsDto,
} from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

export function OcrCard() {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { archive, dataVersion, bumpData, mayEdit } = useAppState();
  const [settings, setSettings] = useState<OcrSettingsDto | null>(null);
  const [pending, setPending] = useState<OcrPendingDto | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<OcrProgressDto | null>(null);
  const [result, setResult] = useState<OcrResultDto | null>(null);
  const current = useRef<string | null>(null);

  const refresh = useCallback(() => {
    void api.ocrPending({}).then((r) => r.ok && setPending(r.value));
  }, [api]);
  useEffect(() => {
    if (archive) refresh();
  }, [archive, dataVersion, refresh]);
  useEffect(() => {
    if (archive) void api.ocrSettings({}).then((r) => r.ok && setSettings(r.value));
  }, [api, archive]);
  const setAuto = async (autoOcr: boolean): Promise<void> => {
    const r = await api.ocrSettingsSet({ autoOcr });
    if (!r.ok) toast.error(r.error);
    else setSettings(r.value);
  };
  // A run started elsewhere (another window, before a screen switch) is followed too.
  useEffect(() => {
    void api.jobsList({}).then((r) => {
      const running = r.ok ? r.value.find((j) => j.kind === 'ocr' && j.state === 'running') : undefined;
      if (running) {
        current.current = running.jobId;
        setJobId(running.jobId);
        setProgress(running.progress as OcrProgressDto | null);
      }
    });
  }, [api]);
  useEffect(
    () =>
      api.onEvent((e) => {
        // A run that starts by itself after an import is followed as one started here.
        if (
          e.type === 'jobProgress' &&
          e.kind === 'ocr' &&
          (current.current === null || e.jobId === current.current)
        ) {
          if (current.current === null) {
            current.current = e.jobId;
            setJobId(e.jobId);
            setResult(null);
          }
          setProgress(e.progress);
        } else if (e.type === 'jobFinished' && e.kind === 'ocr' && e.jobId === current.current) {
          current.current = null;
          setJobId(null);
          const r = e.result as OcrResultDto | null;
          setResult(r);
          if (e.state === 'cancelled') toast.info(t('ocr.cancelled'));
          else if (e.error) toast.error(e.error);
          bumpData();
          refresh();
        }
      }),
    [api, t, toast, bumpData, refresh],
  );

  const start = async (): Promise<void> => {
    setResult(null);
    setProgress(null);
    const r = await api.ocrStart({});
    if (!r.ok) toast.error(r.error);
    else {
      current.current = r.value.jobId;
      setJobId(r.value.jobId);
    }
  };
  const pause = async (): Promise<void> => {
    const r = await api.ocrPause({});
    if (!r.ok) toast.error(r.error);
    // With no job to end (nothing ran), the card learns of the pause here.
    else refresh();
  };
  const resume = async (): Promise<void> => {
    setResult(null);
    setProgress(null);
    const r = await api.ocrResume({});
    if (!r.ok) toast.error(r.error);
    else {
      if (r.value.jobId) {
        current.current = r.value.jobId;
        setJobId(r.value.jobId);
      }
      refresh();
    }
  };
  const stop = async (): Promise<void> => {
    if (!jobId) return;
    const r = await api.jobCancel({ jobId });
    if (!r.ok) toast.error(r.error);
  };

  const waiting = pending?.pages ?? 0;
  const paused = pending?.paused ?? false;
  const pauseButton = (
    <button
      className="btn btn-small"
      disabled={!archive || !mayEdit}
      title={t('ocr.pauseHint')}
      onClick={() => void pause()}
      data-testid="ocr-pause"
    >
      {t('ocr.pause')}
    </button>
  );
  return (
    <section className="card archive-card" data-testid="ocr-card">
      <h2>{t('ocr.title')}</h2>
      <p>{t('ocr.body')}</p>
      <label className="row" data-testid="ocr-auto">
        <input
          type="checkbox"
          checked={settings?.autoOcr ?? false}
          disabled={!settings || !settings.engineAvailable || !mayEdit}
          onChange={(e) => void setAuto(e.target.checked)}
          data-testid="ocr-auto-toggle"
        />
        {/* Beside the box, wrapping there: as a flex item of its own it fell under the box. */}
        <span className="row-text">{t('ocr.auto')}</span>
      </label>
      {settings && !settings.engineAvailable ? <p className="muted">{t('ocr.noEngine')}</p> : null}
      <p data-testid="ocr-pending" className={waiting > 0 ? '' : 'muted'}>
        {waiting > 0
          ? t('ocr.pending', { pages: waiting, documents: pending?.documents ?? 0 })
          : t('ocr.none')}
      </p>
      {jobId ? (
        <div className="reextract-running">
          <span data-testid="ocr-progress">
            {t('ocr.running', { done: progress?.done ?? 0, total: progress?.total ?? '…' })}
            {progress?.currentName ? (
              <span className="muted">
                {' '}
                · {progress.currentName}
                {progress.currentPage ? `, ${t('common.page', { page: progress.currentPage })}` : ''}
              </span>
            ) : null}
          </span>
          <progress max={progress?.total || 1} value={progress?.done ?? 0} />
          {pauseButton}
          <button className="btn btn-small" onClick={() => void stop()} data-testid="ocr-stop">
            {t('ocr.stop')}
          </button>
        </div>
      ) : paused ? (
        <div className="row">
          <p role="status" data-testid="ocr-paused">
            {t('ocr.paused')}
          </p>
          <button
            className="btn"
            disabled={!archive || !mayEdit}
            onClick={() => void resume()}
            data-testid="ocr-resume"
          >
            {t('ocr.resume')}
          </button>
        </div>
      ) : (
        <div className="row">
          <button
            className="btn"
            disabled={!archive || waiting === 0}
            onClick={() => void start()}
            data-testid="ocr-start"
          >
            {t('ocr.start')}
          </button>
          {pauseButton}
        </div>
      )}
      {result && !jobId ? (
        <div className="reextract-result" role="status" data-testid="ocr-result">
          {result.paused
            ? t('ocr.pausedResult', { done: result.done, left: result.pendingLeft })
            : t('ocr.finished', {
                done: result.done,
                failed: result.failed,
                documents: result.completedDocuments.length,
              })}
        </div>
      ) : null}
    </section>
  );
}
