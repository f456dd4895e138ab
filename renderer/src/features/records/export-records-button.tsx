// "Xuất hồ sơ nộp lưu": the chosen hồ sơ as a bundle (the same ZIP as `vankho export --records …`):
// a folder per hồ sơ with its files named "mã hồ sơ.số thứ tự", its metadata (XML, JSON) and mục lục,
// that another VanKho imports back into hồ sơ.
import { useExportJob } from '../archive/use-export-job.js';
import { useI18n } from '../../i18n/i18n.js';

export function ExportRecordsButton({
  codes,
  label,
  testId,
  includeSecret,
}: {
  codes: readonly string[];
  label: string;
  testId: string;
  /** Mật documents and mật hồ sơ go only when asked for (a mật hồ sơ is refused without it). */
  includeSecret: boolean;
}) {
  const { t } = useI18n();
  const { job, start } = useExportJob();
  return (
    <button
      className="btn"
      disabled={job?.running === true || codes.length === 0}
      onClick={() =>
        void start({ kind: 'bundle', selection: { kind: 'records', codes: [...codes] }, includeSecret })
      }
      data-testid={testId}
    >
      {job?.running
        ? t('export.running', { done: job.progress?.done ?? 0, total: job.progress?.total ?? '…' })
        : label}
    </button>
  );
}

/** "Gồm cả tài liệu mật", offered where mật material is in what would be exported. */
export function IncludeSecretCheck({
  checked,
  onChange,
  testId,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <label className="row record-export-secret" title={t('export.includeSecretHint')}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {t('export.includeSecret')}
    </label>
  );
}
