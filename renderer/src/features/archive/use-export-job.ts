// One export job (bundle, catalogue, or a scan's searchable PDF) followed through its events:
// progress, then the file saved (desktop: where the dialog said) or downloaded (web mode). Shared by
// the Archive screen's export card and the document screen's "export this document" and "download
// searchable PDF".
import { useEffect, useRef, useState } from 'react';
import type { ApiInput } from '../../../../main/contract/api.js';
import type {
  ExportKind,
  ExportProgressDto,
  ExportResultDto,
  JobStarted,
} from '../../../../main/contract/dto.js';
import type { Result } from '../../../../main/contract/errors.js';
import { useApi } from '../../app/api-context.js';
import { useToast } from '../../app/toasts.js';
import { formatBytes } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';

export interface ExportState {
  jobId: string;
  kind: ExportKind;
  progress: ExportProgressDto | null;
  result: ExportResultDto | null;
  running: boolean;
}

export function useExportJob() {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const [job, setJob] = useState<ExportState | null>(null);
  const jobRef = useRef<string | null>(null);
  const ui = useRef({ t, lang, toast });
  ui.current = { t, lang, toast };

  useEffect(() => {
    return api.onEvent((event) => {
      if (event.type === 'jobProgress' && event.kind === 'export' && event.jobId === jobRef.current) {
        setJob((j) => (j ? { ...j, progress: event.progress } : j));
      } else if (event.type === 'jobFinished' && event.kind === 'export' && event.jobId === jobRef.current) {
        jobRef.current = null;
        const { t: tr, lang: lg, toast: ts } = ui.current;
        const result = event.state === 'done' ? (event.result as ExportResultDto | null) : null;
        setJob((j) => (j ? { ...j, running: false, result } : j));
        if (result) {
          const size = formatBytes(result.size, lg);
          ts.success(
            result.kind === 'searchablePdf'
              ? tr('export.searchablePdfDone', { size })
              : tr('export.done', { count: result.documentCount, size }),
          );
          if (result.secretLeftOut > 0) ts.info(tr('export.secretLeftOut', { count: result.secretLeftOut }));
          if (result.savedTo) ts.info(tr('export.savedTo', { path: result.savedTo }));
          else {
            const url = api.exportUrl(event.jobId);
            if (url) {
              const a = document.createElement('a');
              a.href = url;
              a.download = result.fileName;
              a.click();
            }
          }
        } else if (event.state === 'cancelled') ts.info(tr('export.cancelled'));
        else if (event.error) ts.error(event.error);
      }
    });
  }, [api]);

  const follow = async (kind: ExportKind, started: Promise<Result<JobStarted | null>>) => {
    const r = await started;
    if (!r.ok) return toast.error(r.error);
    if (!r.value) return; // save dialog cancelled
    jobRef.current = r.value.jobId;
    setJob({ jobId: r.value.jobId, kind, progress: null, result: null, running: true });
  };
  const start = (input: ApiInput<'exportStart'>) => follow(input.kind, api.exportStart(input));
  const startSearchablePdf = (input: ApiInput<'documentSearchablePdf'>) =>
    follow('searchablePdf', api.documentSearchablePdf(input));
  const cancel = () => {
    if (job) void api.exportCancel({ jobId: job.jobId }).then((r) => !r.ok && toast.error(r.error));
  };
  return { job, start, startSearchablePdf, cancel };
}
