// "Sửa thông tin hồ sơ / Edit file details" on the screen of a hồ sơ: the particulars the store keeps
// (tiêu đề, đề mục, đơn vị/người lập, thời hạn bảo quản with the retention tables' proposal, mức độ
// tiếp cận, ngôn ngữ, từ khóa, tình trạng vật lý, ghi chú) and the dates and counts, which are derived
// from the documents unless set here. Only what changed is sent (recordUpdate), so a derived date left
// alone stays derived; an emptied date or count goes back to derived.
import { useState, type FormEvent } from 'react';
import type { RecordAccessLevel, RecordDto } from '../../../../main/contract/dto.js';
import type { ApiInput } from '../../../../main/contract/api.js';
import { useApi } from '../../app/api-context.js';
import { errorText } from '../../app/toasts.js';
import { Field, TextField } from '../../components/field.js';
import { formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { AccessField } from './access-field.js';
import { ReadGrants } from './read-grants.js';
import { RetentionField, retentionOf } from './retention-field.js';

type Patch = ApiInput<'recordUpdate'>['patch'];

interface Draft {
  title: string;
  heading: string;
  creator: string;
  retention: string;
  access: RecordAccessLevel;
  language: string;
  keywords: string;
  physicalState: string;
  notes: string;
  /** yyyy-mm-dd when set on the hồ sơ, '' when derived. */
  startDate: string;
  endDate: string;
  /** Digits when set on the hồ sơ, '' when derived. */
  sheetCount: string;
  pageCount: string;
}

function draftOf(r: RecordDto): Draft {
  return {
    title: r.title,
    heading: r.heading,
    creator: r.creator,
    retention: String(r.retention),
    access: r.access,
    language: r.language,
    keywords: r.keywords.join(', '),
    physicalState: r.physicalState,
    notes: r.notes,
    startDate: r.startDateSet ? (r.startDate ?? '') : '',
    endDate: r.endDateSet ? (r.endDate ?? '') : '',
    sheetCount: r.sheetCountSet && r.sheetCount !== null ? String(r.sheetCount) : '',
    pageCount: r.pageCountSet && r.pageCount !== null ? String(r.pageCount) : '',
  };
}

const splitKeywords = (s: string) =>
  s
    .split(/[,;]/)
    .map((k) => k.trim())
    .filter((k) => k !== '');

/** The fields that differ from the hồ sơ as loaded; null when a count is not a whole number. */
function patchOf(before: Draft, d: Draft): Patch | null {
  const p: Patch = {};
  const texts = ['title', 'heading', 'creator', 'language', 'physicalState', 'notes'] as const;
  for (const f of texts) if (d[f] !== before[f]) p[f] = d[f];
  if (d.retention !== before.retention) p.retention = retentionOf(d.retention);
  if (d.access !== before.access) p.access = d.access;
  if (d.keywords !== before.keywords) p.keywords = splitKeywords(d.keywords);
  if (d.startDate !== before.startDate) p.startDate = d.startDate === '' ? null : d.startDate;
  if (d.endDate !== before.endDate) p.endDate = d.endDate === '' ? null : d.endDate;
  for (const f of ['sheetCount', 'pageCount'] as const) {
    if (d[f] === before[f]) continue;
    const v = d[f].trim();
    if (v !== '' && !/^\d{1,7}$/.test(v)) return null;
    p[f] = v === '' ? null : Number(v);
  }
  return p;
}

export function RecordEditForm({
  record,
  onSaved,
  onCancel,
}: {
  record: RecordDto;
  onSaved: (r: RecordDto) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { t, lang } = useI18n();
  const [before] = useState(() => draftOf(record));
  const [d, setD] = useState(before);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setD((x) => ({ ...x, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (d.title.trim() === '') {
      setError(t('record.editTitleRequired'));
      return;
    }
    const patch = patchOf(before, d);
    if (!patch) {
      setError(t('record.editCountInvalid'));
      return;
    }
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    const r = await api.recordUpdate({ code: record.code, patch });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error, lang));
      return;
    }
    onSaved(r.value);
  };

  const text = (k: 'title' | 'heading' | 'creator' | 'language' | 'physicalState', label: string) => (
    <TextField
      label={label}
      className={k === 'title' ? 'record-form-title' : undefined}
      value={d[k]}
      onChange={set(k)}
      testId={`record-edit-${k}`}
    />
  );
  /** What the documents give when the field is left empty. */
  const derived = (v: string | number | null, isSet: boolean) =>
    isSet ? null : (
      <small className="muted">
        {t('record.editDerived', { value: v === null || v === '' ? '—' : String(v) })}
      </small>
    );

  return (
    <form className="record-form" onSubmit={(e) => void submit(e)} data-testid="record-edit-form">
      <h2>{t('record.edit')}</h2>
      {text('title', t('record.titleField'))}
      {text('heading', t('record.heading'))}
      {text('creator', t('record.creator'))}
      <RetentionField
        title={d.title}
        value={d.retention}
        onChange={set('retention')}
        testId="record-edit-retention"
        proposalTestId="record-edit-proposal"
      />
      <AccessField value={d.access} onChange={set('access')} testId="record-edit-access" />
      {record.access !== 'cong-khai' ? (
        <ReadGrants target={{ recordCode: record.code }} testId="record-grants" />
      ) : null}
      {text('language', t('record.language'))}
      <TextField
        label={t('record.keywords')}
        value={d.keywords}
        placeholder={t('record.keywordsPlaceholder')}
        onChange={set('keywords')}
        testId="record-edit-keywords"
      />
      {text('physicalState', t('record.physicalState'))}
      <TextField
        label={t('record.startDate')}
        type="date"
        value={d.startDate}
        onChange={set('startDate')}
        testId="record-edit-startDate"
        note={derived(formatDate(record.startDate), record.startDateSet)}
      />
      <TextField
        label={t('record.endDate')}
        type="date"
        value={d.endDate}
        onChange={set('endDate')}
        testId="record-edit-endDate"
        note={derived(formatDate(record.endDate), record.endDateSet)}
      />
      <TextField
        label={t('record.sheetCount')}
        inputMode="numeric"
        value={d.sheetCount}
        onChange={set('sheetCount')}
        testId="record-edit-sheetCount"
        note={derived(record.sheetCount, record.sheetCountSet)}
      />
      <TextField
        label={t('record.pages')}
        inputMode="numeric"
        value={d.pageCount}
        onChange={set('pageCount')}
        testId="record-edit-pageCount"
        note={derived(record.pageCount, record.pageCountSet)}
      />
      <Field label={t('record.notes')} className="record-form-wide">
        <textarea
          className="input"
          rows={3}
          value={d.notes}
          onChange={(e) => set('notes')(e.target.value)}
          data-testid="record-edit-notes"
        />
      </Field>
      <div className="record-form-actions">
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="record-edit-save">
          {t('common.save')}
        </button>
        <button className="btn" type="button" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
        {error ? (
          <span className="field-error" role="alert" data-testid="record-edit-error">
            {error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
