// Chosen documents as a bundle (the same ZIP as `vankho export --ids …`): the document on screen,
// or the documents checked in the search results / review queue.
import { useI18n } from '../../i18n/i18n.js';
import { useExportJob } from './use-export-job.js';

export function ExportBundleButton({
  documentIds,
  label,
  testId,
  includeSecret = false,
}: {
  documentIds: readonly number[];
  label: string;
  testId: string;
  /** Mật documents go only when the button says so (its label names them). */
  includeSecret?: boolean;
}) {
  const { t } = useI18n();
  const { job, start } = useExportJob();
  return (
    <button
      className="btn btn-small"
      disabled={job?.running === true || documentIds.length === 0}
      onClick={() => void start({ kind: 'bundle', documentIds: [...documentIds], includeSecret })}
      data-testid={testId}
    >
      {job?.running
        ? t('export.running', { done: job.progress?.done ?? 0, total: job.progress?.total ?? '…' })
        : label}
    </button>
  );
}
