// The registry of job kinds: for each, how its own progress reads as the generic jobProgress event's
// done / total / label, and whether an interrupted job of the kind can be taken up again (the kinds
// that skip what they finished — re-extraction, OCR, recovery — or simply run again: reindex).
import type { JobKind } from '../../contract/dto.js';
import type { JobProgressEvent, JobProgressOf } from '../../contract/events.js';

interface JobKindSpec<K extends JobKind> {
  measure(p: JobProgressOf[K]): { done: number; total: number; label: string | null };
  resumable: boolean;
}

const counted = (p: { done: number; total: number; currentName?: string | null }) => ({
  done: p.done,
  total: p.total,
  label: p.currentName ?? null,
});

export const JOB_KINDS: { readonly [K in JobKind]: JobKindSpec<K> } = {
  import: { measure: counted, resumable: false },
  export: { measure: counted, resumable: false },
  reindex: { measure: counted, resumable: true },
  bundleImport: { measure: counted, resumable: false },
  reextract: { measure: counted, resumable: true },
  ocr: { measure: counted, resumable: true },
  backup: {
    measure: (p) => ({ done: p.entriesDone, total: p.entriesTotal, label: p.currentName }),
    resumable: false,
  },
  restore: { measure: counted, resumable: false },
  recover: { measure: counted, resumable: true },
};

/** The one progress event of a job of any kind. */
export function jobProgressEvent<K extends JobKind>(
  kind: K,
  jobId: string,
  progress: JobProgressOf[K],
): JobProgressEvent {
  const spec = JOB_KINDS[kind] as JobKindSpec<K>;
  return { type: 'jobProgress', jobId, kind, ...spec.measure(progress), progress } as JobProgressEvent;
}
