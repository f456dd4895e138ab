// "Hồ sơ" (#/records): the hồ sơ of the archive (mã hồ sơ, tiêu đề, năm, thời hạn bảo quản, số văn
// bản, trạng thái) beside a tree by year and đề mục that narrows them (records-tree.tsx), and the form
// that lập a new one, its retention proposed from the retention
// tables as the title is typed. A row opens the hồ sơ (#/records/<mã>). Two more views list the hồ sơ
// due for hand-over and those past their retention period (due-lists.tsx).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RecordAccessLevel, RecordDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText, useToast } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { TextField } from '../../components/field.js';
import { formatCount } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { AccessBadge } from '../../components/access-badge.js';
import { DueList, type DueKind } from './due-lists.js';
import { RetentionTables } from './retention-tables.js';
import { RetentionField, retentionOf } from './retention-field.js';
import { AccessField } from './access-field.js';
import { retentionText, stateKey } from './record-labels.js';
import { ExportRecordsButton, IncludeSecretCheck } from './export-records-button.js';
import { inScope, RecordsTree, type RecordsScope } from './records-tree.js';
import './records.css';

export function RecordsScreen() {
  const api = useApi();
  const { t, lang } = useI18n();
  const { navigate, dataVersion } = useAppState();
  const [records, setRecords] = useState<RecordDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState<RecordsScope>({ kind: 'all' });
  const [view, setView] = useState<'all' | DueKind | 'tables'>('all');
  /** Hồ sơ checked for "Xuất … hồ sơ nộp lưu", by code. */
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [includeSecret, setIncludeSecret] = useState(false);

  const load = useCallback(async () => {
    const r = await api.recordsList({});
    if (!r.ok) setError(errorText(r.error, lang));
    else {
      setError(null);
      setRecords(r.value);
    }
  }, [api, lang]);
  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const shown = (records ?? []).filter((r) => inScope(scope, r));
  // Only what is on screen is exported: a hồ sơ checked, then hidden by the tree's choice, is not.
  const chosen = shown.filter((r) => picked.has(r.code));
  const toggle = (code: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });

  return (
    <div className="screen records-screen" data-testid="records-screen">
      <div className="screen-header">
        <h1>{t('records.title')}</h1>
        {records && view === 'all' ? (
          <span className="muted" data-testid="records-count">
            {t('records.count', { count: formatCount(shown.length, lang) })}
          </span>
        ) : null}
      </div>
      <div className="records-views" role="group" aria-label={t('records.title')}>
        {(['all', 'handover', 'expired', 'tables'] as const).map((v) => (
          <button
            key={v}
            className={`btn${view === v ? ' btn-primary' : ''}`}
            aria-pressed={view === v}
            onClick={() => setView(v)}
            data-testid={`records-view-${v}`}
          >
            {t(`records.view.${v}`)}
          </button>
        ))}
      </div>
      {view === 'all' ? (
        allRecords()
      ) : view === 'tables' ? (
        <RetentionTables />
      ) : (
        <DueList key={view} kind={view} />
      )}
    </div>
  );

  // Called, not mounted: a component declared here would remount the form (and lose its input) each render.
  function allRecords() {
    return (
      <>
        <p className="muted">{t('records.body')}</p>
        <CreateRecordForm onCreated={(r) => navigate({ name: 'record', code: r.code })} />
        {error ? <EmptyState title={t('common.error')} body={error} /> : null}
        {records && records.length === 0 && !error ? (
          <EmptyState title={t('records.emptyTitle')} body={t('records.emptyBody')} />
        ) : null}
        {chosen.length > 0 ? (
          <div className="row records-export-bar" data-testid="records-export-bar">
            <span>{t('records.picked', { count: formatCount(chosen.length, lang) })}</span>
            <IncludeSecretCheck
              checked={includeSecret}
              onChange={setIncludeSecret}
              testId="records-export-include-secret"
            />
            <ExportRecordsButton
              codes={chosen.map((r) => r.code)}
              label={t('records.exportHandover', { count: formatCount(chosen.length, lang) })}
              testId="records-export"
              includeSecret={includeSecret}
            />
            <button className="btn btn-small" onClick={() => setPicked(new Set())}>
              {t('records.unpick')}
            </button>
          </div>
        ) : null}
        {records && records.length > 0 ? (
          <div className="records-browse">
            <RecordsTree
              records={records}
              scope={scope}
              onScope={setScope}
              onOpen={(code) => navigate({ name: 'record', code })}
            />
            {shown.length > 0 ? recordsTable() : <EmptyState title={t('records.tree.empty')} />}
          </div>
        ) : null}
      </>
    );
  }

  function recordsTable() {
    return (
      <table className="records-table" data-testid="records-table">
        <thead>
          <tr>
            <th aria-label={t('records.pick')} />
            <th>{t('record.code')}</th>
            <th>{t('record.titleField')}</th>
            <th>{t('record.year')}</th>
            <th>{t('record.retention')}</th>
            <th>{t('record.documentCount')}</th>
            <th>{t('record.state')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.id} data-testid="record-row" data-code={r.code}>
              <td>
                <input
                  type="checkbox"
                  checked={picked.has(r.code)}
                  onChange={(e) => toggle(r.code, e.target.checked)}
                  aria-label={t('records.pickOne', { code: r.code })}
                  data-testid="record-pick"
                />
              </td>
              <td>
                <button
                  className="btn-link record-code"
                  onClick={() => navigate({ name: 'record', code: r.code })}
                >
                  {r.code}
                </button>
              </td>
              <td>
                {r.title}
                <AccessBadge level={r.access} />
              </td>
              <td>{r.year}</td>
              <td>{retentionText(t, r.retention)}</td>
              <td className="num" data-testid="record-doc-count">
                {formatCount(r.documentCount, lang)}
              </td>
              <td>
                <span className={`badge record-state record-state-${r.state}`}>{t(stateKey(r.state))}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
}

function CreateRecordForm({ onCreated }: { onCreated: (r: RecordDto) => void }) {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const { bumpData } = useAppState();
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [heading, setHeading] = useState('');
  const [retention, setRetention] = useState('permanent');
  const [access, setAccess] = useState<RecordAccessLevel>('cong-khai');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (code.trim() === '' || title.trim() === '') {
      setError(t('record.required'));
      return;
    }
    setBusy(true);
    const r = await api.recordCreate({
      code,
      title,
      ...(heading.trim() ? { heading } : {}),
      retention: retentionOf(retention),
      access,
    });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error, lang));
      return;
    }
    setError(null);
    toast.success(t('record.created', { code: r.value.code }));
    bumpData();
    onCreated(r.value);
  };

  return (
    <form className="record-form" onSubmit={(e) => void submit(e)} data-testid="record-form">
      <h2>{t('records.new')}</h2>
      <TextField
        label={t('record.code')}
        value={code}
        placeholder={t('record.codePlaceholder')}
        onChange={setCode}
        testId="record-code"
      />
      <TextField
        label={t('record.titleField')}
        className="record-form-title"
        value={title}
        onChange={setTitle}
        testId="record-title"
      />
      <TextField label={t('record.heading')} value={heading} onChange={setHeading} />
      <RetentionField
        title={title}
        value={retention}
        onChange={setRetention}
        testId="record-retention"
        proposalTestId="record-proposal"
      />
      <AccessField value={access} onChange={setAccess} />
      <div className="record-form-actions">
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="record-create">
          {t('record.create')}
        </button>
        {error ? (
          <span className="field-error" role="alert" data-testid="record-form-error">
            {error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
