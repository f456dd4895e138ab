// The hồ sơ's mức độ tiếp cận select, shared by the create and edit forms.
import type { RecordAccessLevel } from '../../../../main/contract/dto.js';
import { RECORD_ACCESS_LEVELS } from '../../../../main/contract/dto.js';
import { Field } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n.js';
import { accessKey } from './record-labels.js';

export function AccessField({
  value,
  onChange,
  testId,
}: {
  value: RecordAccessLevel;
  onChange: (level: RecordAccessLevel) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Field label={t('record.access')}>
      <select
        className="select"
        value={value}
        onChange={(e) => onChange(e.target.value as RecordAccessLevel)}
        data-testid={testId}
      >
        {RECORD_ACCESS_LEVELS.map((a) => (
          <option key={a} value={a}>
            {t(accessKey(a))}
          </option>
        ))}
      </select>
    </Field>
  );
}
