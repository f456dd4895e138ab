// Document screen: this document as a bundle (the same ZIP as `vankho export --ids <id>`).
import { useI18n } from '../../i18n/i18n.js';
import { useExportJob } from './use-export-job.js';

export function ExportDocumentButton({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const { job, start } = useExportJob();
  return (
    <button
      className="btn btn-small"
      disabled={job?.running === true}
      onClick={() => void start({ kind: 'bundle', documentIds: [documentId] })}
      data-testid="export-document"
    >
      {job?.running
        ? t('export.running', { done: job.progress?.done ?? 0, total: job.progress?.total ?? '…' })
        : t('export.document')}
    </button>
  );
}
