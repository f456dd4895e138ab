// Mức độ tiếp cận as a badge, the same on search results, the document screen and hồ sơ lists: a
// hạn chế one in amber, a mật one in red and filled, so it stands out wherever it is listed.
import type { RecordAccessLevel } from '../../../main/contract/dto.js';
import { useI18n } from '../i18n/i18n.js';

export function AccessBadge({
  level,
  always = false,
}: {
  level: RecordAccessLevel;
  /** Also for công khai (the document screen says it); lists show only the levels that restrict. */
  always?: boolean;
}) {
  const { t } = useI18n();
  if (level === 'cong-khai' && !always) return null;
  const name = t(`record.access.${level}`);
  return (
    <span
      className={`badge access-badge access-${level}`}
      title={`${t('field.access')}: ${name}`}
      data-testid="access-badge"
      data-level={level}
    >
      {name}
    </span>
  );
}
