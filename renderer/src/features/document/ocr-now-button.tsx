// Document screen, for a scan waiting for OCR: "Nhận dạng chữ" reads this document's pages (or, when
// an OCR run is going, puts them first in it), then reloads the document when its text is in.
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../app/api-context.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

export function OcrNowButton({ documentId, onDone }: { documentId: number; onDone: () => void }) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const [jobId, setJobId] = useState<string | null>(null);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'jobFinished' && e.kind === 'ocr' && e.jobId === jobId) {
          setJobId(null);
          if (e.error) toast.error(e.error);
          onDoneRef.current();
        }
      }),
    [api, jobId, toast],
  );
  const run = async (): Promise<void> => {
    await api.ocrPrioritize({ documentId });
    // Only this document, unless a run is going: then it joins it, this document next.
    const r = await api.ocrStart({ documentIds: [documentId] });
    if (!r.ok) toast.error(r.error);
    else setJobId(r.value.jobId);
  };
  return (
    <button
      className="btn btn-small"
      disabled={jobId !== null}
      onClick={() => void run()}
      data-testid="doc-ocr-now"
      title={t('ocr.docHint')}
    >
      {jobId ? t('ocr.docRunning') : t('ocr.docNow')}
    </button>
  );
}
