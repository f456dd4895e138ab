// One hồ sơ (#/records/<mã hồ sơ>): its particulars, its documents in mục lục order (STT, số ký hiệu,
// ngày, trích yếu, tờ số), reordered by drag and drop (a line shows where the row lands) or move
// up/down (keyboard), and removed while it is open; đóng / mở lại; "In mục lục": the mục lục văn bản
// as the core prints it (#/records/<mã>?print=1), in a PrintFrame. "Sửa thông tin hồ sơ" edits its
// particulars in any state (record-edit-form.tsx).
import { useCallback, useEffect, useState } from 'react';
import type { Route } from '../../app/app-state.js';
import type { RecordDetailDto } from '../../../../main/contract/dto.js';
import type { Result } from '../../../../main/contract/errors.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText, useToast } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatCount, formatDate } from '../../components/format.js';
import { BackIcon, DownIcon, UpIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { PrintFrame } from './print-frame.js';
import { RecordEditForm } from './record-edit-form.js';
import { ExportRecordsButton, IncludeSecretCheck } from './export-records-button.js';
import { AccessBadge } from '../../components/access-badge.js';
import { accessKey, retentionText, stateKey } from './record-labels.js';
import './records.css';

export function RecordScreen({ route }: { route: Extract<Route, { name: 'record' }> }) {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const { navigate, dataVersion, bumpData } = useAppState();
  const [detail, setDetail] = useState<RecordDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [includeSecret, setIncludeSecret] = useState(false);
  const [editing, setEditing] = useState(false);
  // Drag and drop of the document rows: the row dragged and the insertion index (0..n) it would land at.
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);

  const load = useCallback(async () => {
    const r = await api.recordGet({ code: route.code });
    if (!r.ok) setError(errorText(r.error, lang));
    else {
      setError(null);
      setDetail(r.value);
    }
  }, [api, lang, route.code]);
  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  if (route.print) return <CataloguePrint code={route.code} />;
  if (error)
    return (
      <div className="screen">
        <button className="btn" onClick={() => navigate({ name: 'records' })}>
          <BackIcon /> {t('common.back')}
        </button>
        <EmptyState title={t('common.error')} body={error} />
      </div>
    );
  if (!detail) return <div className="screen muted">{t('common.loading')}</div>;

  const { record, documents } = detail;
  const open = record.state === 'open';
  const hasSecret = record.access === 'mat' || documents.some((d) => d.access === 'mat');

  /** Runs a change, then reloads the hồ sơ (and tells other screens the data changed). */
  const change = async (run: () => Promise<Result<unknown>>, done?: string) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    if (done) toast.success(done);
    bumpData();
    await load();
  };

  const move = (index: number, by: -1 | 1) => {
    const ids = documents.map((d) => d.documentId);
    const j = index + by;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    void change(() => api.recordReorder({ code: record.code, documentIds: ids }));
  };

  /** Moves the document at `from` to insertion index `at` (counted before the move); same contract call. */
  const moveTo = (from: number, at: number) => {
    const ids = documents.map((d) => d.documentId);
    const to = at > from ? at - 1 : at;
    if (to === from) return;
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    void change(() => api.recordReorder({ code: record.code, documentIds: ids }));
  };
  const endDrag = () => {
    setDragFrom(null);
    setDropAt(null);
  };
  const draggable = open && !busy && documents.length > 1;

  return (
    <div className="screen record-screen" data-testid="record-screen" data-code={record.code}>
      <div className="screen-header">
        <button
          className="btn btn-icon"
          onClick={() => navigate({ name: 'records' })}
          aria-label={t('common.back')}
          title={t('common.back')}
        >
          <BackIcon />
        </button>
        <div className="record-heading">
          <div className="muted" data-testid="record-screen-code">
            {record.code}
          </div>
          <h1 data-testid="record-screen-title">{record.title}</h1>
        </div>
        <span className={`badge record-state record-state-${record.state}`} data-testid="record-state">
          {t(stateKey(record.state))}
        </span>
        <span className="spacer" />
        <button className="btn" disabled={editing} onClick={() => setEditing(true)} data-testid="record-edit">
          {t('record.edit')}
        </button>
        <button
          className="btn"
          onClick={() => navigate({ name: 'record', code: record.code, print: true })}
          data-testid="record-print"
        >
          {t('record.print')}
        </button>
        {hasSecret ? (
          <IncludeSecretCheck
            checked={includeSecret}
            onChange={setIncludeSecret}
            testId="record-export-include-secret"
          />
        ) : null}
        <ExportRecordsButton
          codes={[record.code]}
          label={t('record.exportHandover')}
          testId="record-export"
          includeSecret={includeSecret}
        />
        {record.state === 'open' ? (
          <button
            className="btn"
            disabled={busy}
            onClick={() =>
              void change(
                () => api.recordClose({ code: record.code }),
                t('record.closedToast', { code: record.code }),
              )
            }
            data-testid="record-close"
          >
            {t('record.close')}
          </button>
        ) : record.state === 'closed' ? (
          <button
            className="btn"
            disabled={busy}
            onClick={() =>
              void change(
                () => api.recordReopen({ code: record.code }),
                t('record.reopenedToast', { code: record.code }),
              )
            }
            data-testid="record-reopen"
          >
            {t('record.reopen')}
          </button>
        ) : null}
      </div>
      {editing ? (
        <RecordEditForm
          record={record}
          onCancel={() => setEditing(false)}
          onSaved={(r) => {
            setEditing(false);
            toast.success(t('record.edited', { code: r.code }));
            bumpData();
            void load();
          }}
        />
      ) : (
        <dl className="record-facts" data-testid="record-facts">
          <dt>{t('record.year')}</dt>
          <dd>{record.year}</dd>
          {optional(t('record.heading'), record.heading)}
          {optional(t('record.creator'), record.creator)}
          <dt>{t('record.retention')}</dt>
          <dd data-testid="record-fact-retention">{retentionText(t, record.retention)}</dd>
          <dt>{t('record.access')}</dt>
          <dd data-testid="record-fact-access">{t(accessKey(record.access))}</dd>
          {optional(t('record.language'), record.language, 'record-fact-language')}
          {optional(t('record.keywords'), record.keywords.join(', '), 'record-fact-keywords')}
          <dt>{t('record.dates')}</dt>
          <dd data-testid="record-fact-dates">
            {record.startDate || record.endDate
              ? `${formatDate(record.startDate)} – ${formatDate(record.endDate)}`
              : '—'}
          </dd>
          <dt>{t('record.sheetCount')}</dt>
          <dd data-testid="record-fact-sheets">{record.sheetCount ?? '—'}</dd>
          <dt>{t('record.pages')}</dt>
          <dd data-testid="record-fact-pages">{record.pageCount ?? '—'}</dd>
          <dt>{t('record.documentCount')}</dt>
          <dd data-testid="record-doc-total">{formatCount(record.documentCount, lang)}</dd>
          {optional(t('record.physicalState'), record.physicalState, 'record-fact-physical')}
          {optional(t('record.notes'), record.notes, 'record-fact-notes')}
        </dl>
      )}
      <div className="record-docs-head">
        <h2>{t('record.catalogue')}</h2>
        {open && documents.length > 1 ? (
          <button
            className="btn btn-small"
            disabled={busy}
            onClick={() => void change(() => api.recordReorder({ code: record.code, documentIds: null }))}
            data-testid="record-chronological"
          >
            {t('record.chronological')}
          </button>
        ) : null}
      </div>
      {!open ? <p className="muted">{t('record.lockedHint')}</p> : null}
      {documents.length === 0 ? (
        <EmptyState title={t('record.catalogue')} body={t('record.noDocuments')} />
      ) : (
        <table className="records-table" data-testid="record-documents">
          <thead>
            <tr>
              <th>{t('record.stt')}</th>
              <th>{t('register.number')}</th>
              <th>{t('register.docDate')}</th>
              <th>{t('register.summary')}</th>
              <th>{t('record.sheets')}</th>
              {open ? <th aria-label={t('record.remove')} /> : null}
            </tr>
          </thead>
          <tbody>
            {documents.map((d, i) => (
              <tr
                key={d.documentId}
                data-testid="record-document"
                data-doc-id={d.documentId}
                draggable={draggable}
                className={[
                  draggable ? 'record-doc-draggable' : '',
                  dragFrom === i ? 'record-doc-dragging' : '',
                  dragFrom !== null && dropAt === i ? 'record-doc-drop-before' : '',
                  dragFrom !== null && dropAt === i + 1 && i === documents.length - 1
                    ? 'record-doc-drop-after'
                    : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
                onDragStart={(e) => {
                  if (!draggable) return;
                  e.dataTransfer.effectAllowed = 'move';
                  // Firefox starts no drag without data; the index itself is kept in state.
                  e.dataTransfer.setData('text/plain', String(d.documentId));
                  setDragFrom(i);
                }}
                onDragOver={(e) => {
                  if (dragFrom === null) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  const box = e.currentTarget.getBoundingClientRect();
                  const at = e.clientY < box.top + box.height / 2 ? i : i + 1;
                  // The row below shows the line for "after this row", except after the last.
                  if (at !== dropAt) setDropAt(at);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  const from = dragFrom;
                  const at = dropAt;
                  endDrag();
                  if (from !== null && at !== null) moveTo(from, at);
                }}
                onDragEnd={endDrag}
                title={draggable ? t('record.dragHint') : undefined}
              >
                <td className="num">{d.position}</td>
                <td className="nowrap">{d.number ?? t('search.noNumber')}</td>
                <td>{formatDate(d.issuedDate)}</td>
                <td>
                  <button
                    className="btn-link"
                    onClick={() => navigate({ name: 'document', id: d.documentId, query: '' })}
                  >
                    {[d.docType, d.title || t('search.untitled')].filter(Boolean).join(' — ')}
                  </button>
                  <AccessBadge level={d.access} />
                </td>
                <td className="num">{d.sheets}</td>
                {open ? (
                  <td>
                    <div className="record-doc-actions">
                      <button
                        className="btn btn-icon btn-small"
                        disabled={busy || i === 0}
                        onClick={() => move(i, -1)}
                        aria-label={t('record.moveUp')}
                        title={t('record.moveUp')}
                        data-testid="record-doc-up"
                      >
                        <UpIcon />
                      </button>
                      <button
                        className="btn btn-icon btn-small"
                        disabled={busy || i === documents.length - 1}
                        onClick={() => move(i, 1)}
                        aria-label={t('record.moveDown')}
                        title={t('record.moveDown')}
                        data-testid="record-doc-down"
                      >
                        <DownIcon />
                      </button>
                      <button
                        className="btn btn-small"
                        disabled={busy}
                        onClick={() =>
                          void change(
                            () => api.recordRemoveDocument({ code: record.code, documentId: d.documentId }),
                            t('record.removed'),
                          )
                        }
                        data-testid="record-doc-remove"
                      >
                        {t('record.remove')}
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A fact shown only when the hồ sơ has it. */
function optional(label: string, value: string, testId?: string) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

/** The mục lục văn bản, printable. */
function CataloguePrint({ code }: { code: string }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const { navigate } = useAppState();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void api.recordCatalogueHtml({ code }).then((r) => {
      if (!alive) return;
      if (r.ok) setHtml(r.value.html);
      else setError(errorText(r.error, lang));
    });
    return () => {
      alive = false;
    };
  }, [api, code, lang]);

  return (
    <PrintFrame
      title={t('record.catalogue')}
      html={html}
      error={error}
      backLabel={t('record.backToRecord')}
      onBack={() => navigate({ name: 'record', code })}
    />
  );
}
