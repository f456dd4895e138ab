// The re-extraction job as the UI follows it: started from the archive screen (all documents), a
// selection or a document; its progress survives switching screens (a running job is picked up
// again from jobsList), and its end is announced with the documents that failed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobDto, ReextractProgressDto, ReextractResultDto } from '../../../../main/contract/dto.js';
import type { JobFinishedEvent } from '../../../../main/contract/events.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

export interface ReextractJob {
  jobId: string | null;
  progress: ReextractProgressDto | null;
  result: ReextractResultDto | null;
  running: boolean;
  /** A re-extraction cut short by a crash or a closed app, which can be taken up where it stopped. */
  interrupted: JobDto | null;
  start: (documentIds?: number[]) => Promise<void>;
  resume: () => Promise<void>;
  cancel: () => Promise<void>;
}

export function useReextractJob(): ReextractJob {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData } = useAppState();
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ReextractProgressDto | null>(null);
  const [result, setResult] = useState<ReextractResultDto | null>(null);
  const [interrupted, setInterrupted] = useState<JobDto | null>(null);

  useEffect(() => {
    let alive = true;
    void api.jobsList({}).then((r) => {
      const running = r.ok ? r.value.find((j) => j.kind === 'reextract' && j.state === 'running') : undefined;
      if (alive && running) {
        current.current = running.jobId;
        setJobId(running.jobId);
        setProgress(running.progress as ReextractProgressDto | null);
      }
      const cut = r.ok ? r.value.find((j) => j.kind === 'reextract' && j.resumable === true) : undefined;
      if (alive) setInterrupted(cut ?? null);
    });
    return () => {
      alive = false;
    };
  }, [api]);

  // Subscribed before any job starts: a short job may end before reextractStart has answered.
  const current = useRef<string | null>(null);
  const early = useRef(new Map<string, JobFinishedEvent>());
  const finish = useCallback(
    (e: JobFinishedEvent) => {
      const r = e.result as ReextractResultDto | null;
      current.current = null;
      setJobId(null);
      setResult(r);
      if (e.state === 'cancelled') toast.info(t('reextract.cancelled'));
      else if (e.error) toast.error(e.error);
      else if (r)
        toast.success(
          t('reextract.finished', {
            total: r.total,
            changed: r.changed,
            unchanged: r.unchanged,
            failed: r.failed,
          }),
        );
      bumpData();
    },
    [t, toast, bumpData],
  );
  const finishRef = useRef(finish);
  finishRef.current = finish;
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'jobProgress' && e.kind === 'reextract' && e.jobId === current.current)
          setProgress(e.progress);
        else if (e.type === 'jobFinished' && e.kind === 'reextract') {
          if (e.jobId === current.current) finishRef.current(e);
          else early.current.set(e.jobId, e);
        }
      }),
    [api],
  );

  /** Follows a job just started (or resumed); a short one may already have ended. */
  const follow = useCallback(
    (id: string) => {
      const ended = early.current.get(id);
      current.current = id;
      setJobId(id);
      if (ended) finish(ended);
    },
    [finish],
  );
  const start = useCallback(
    async (documentIds?: number[]) => {
      setResult(null);
      setProgress(null);
      const r = await api.reextractStart(documentIds ? { documentIds } : {});
      if (!r.ok) toast.error(r.error);
      else follow(r.value.jobId);
    },
    [api, toast, follow],
  );
  const resume = useCallback(async () => {
    if (!interrupted) return;
    setResult(null);
    setProgress(null);
    const r = await api.jobResume({ jobId: interrupted.jobId });
    setInterrupted(null);
    if (!r.ok) toast.error(r.error);
    else follow(r.value.jobId);
  }, [api, interrupted, toast, follow]);
  const cancel = useCallback(async () => {
    if (!jobId) return;
    const r = await api.reextractCancel({ jobId });
    if (!r.ok) toast.error(r.error);
  }, [api, jobId, toast]);

  return { jobId, progress, result, running: jobId !== null, interrupted, start, resume, cancel };
}
