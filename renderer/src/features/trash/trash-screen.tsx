// "Thùng rác" (#/trash): deleted documents, newest first. Each can be restored whole; emptying (all,
// or one) deletes for good and asks first, in place — the only step in the app that loses anything.
import { useCallback, useEffect, useState } from 'react';
import type { TrashEntryDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText, useToast } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatCount, formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';

/** What is waiting for confirmation: emptying everything, or one entry for good. */
type Pending = { kind: 'all' } | { kind: 'one'; entry: TrashEntryDto } | null;

export function TrashScreen() {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const { navigate, dataVersion, bumpData } = useAppState();
  const [entries, setEntries] = useState<TrashEntryDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await api.trashList({});
    if (!r.ok) setError(errorText(r.error, lang));
    else {
      setError(null);
      setEntries(r.value);
    }
  }, [api, lang]);
  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const restore = async (e: TrashEntryDto) => {
    const r = await api.trashRestore({ trashIds: [e.id] });
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    const id = r.value.documentIds[0]!;
    toast.success(t('trash.restored', { name: e.number ?? e.title }), {
      label: t('trash.open'),
      run: () => navigate({ name: 'document', id, query: '' }),
    });
    bumpData();
  };

  const confirmEmpty = async () => {
    if (!pending) return;
    setBusy(true);
    const r = await api.trashEmpty(pending.kind === 'one' ? { trashIds: [pending.entry.id] } : {});
    setBusy(false);
    setPending(null);
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    toast.success(t('trash.emptied', { count: formatCount(r.value.removed, lang) }));
    bumpData();
  };

  return (
    <div className="screen trash-screen" data-testid="trash-screen">
      <div className="screen-header">
        <h1>{t('trash.title')}</h1>
        {entries ? (
          <span className="muted" data-testid="trash-count">
            {t('trash.count', { count: formatCount(entries.length, lang) })}
          </span>
        ) : null}
        {entries && entries.length > 0 ? (
          <button
            className="btn btn-danger"
            onClick={() => setPending({ kind: 'all' })}
            disabled={busy}
            data-testid="trash-empty"
          >
            {t('trash.emptyAll')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('trash.body')}</p>
      {pending ? (
        <div className="trash-confirm" role="alertdialog" aria-live="assertive" data-testid="trash-confirm">
          <span>
            {pending.kind === 'all'
              ? t('trash.confirmAll', { count: formatCount(entries?.length ?? 0, lang) })
              : t('trash.confirmOne', { name: pending.entry.number ?? pending.entry.title })}
          </span>
          <button
            className="btn btn-danger"
            onClick={() => void confirmEmpty()}
            disabled={busy}
            data-testid="trash-confirm-yes"
          >
            {t('trash.deleteForGood')}
          </button>
          <button className="btn" onClick={() => setPending(null)} disabled={busy}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      {error ? <EmptyState title={t('common.error')} body={error} /> : null}
      {entries && entries.length === 0 && !error ? (
        <EmptyState title={t('trash.emptyTitle')} body={t('trash.emptyBody')} />
      ) : null}
      {entries && entries.length > 0 ? (
        <ul className="trash-list" data-testid="trash-list">
          {entries.map((e) => (
            <li key={e.id} className="trash-row" data-testid="trash-row" data-doc-id={e.documentId}>
              <div className="trash-main">
                <div className="result-head">
                  <span className="result-number">{e.number ?? t('search.noNumber')}</span>
                  {e.docType ? <span className="result-type">{e.docType}</span> : null}
                  {e.issuedDate ? <span className="result-date">{formatDate(e.issuedDate)}</span> : null}
                </div>
                <div className="result-title">{e.title}</div>
                <div className="muted trash-meta">
                  {t('trash.deletedAt', { date: formatDate(e.deletedAt) })}
                </div>
              </div>
              <button className="btn" onClick={() => void restore(e)} data-testid="trash-restore">
                {t('trash.restore')}
              </button>
              <button
                className="btn"
                onClick={() => setPending({ kind: 'one', entry: e })}
                data-testid="trash-delete-one"
              >
                {t('trash.deleteForGood')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The number of documents in the trash, beside its nav item (none when empty). */
export function TrashBadge() {
  const api = useApi();
  const { dataVersion, archive } = useAppState();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let alive = true;
    if (!archive) {
      setCount(0);
      return;
    }
    void api.trashList({}).then((r) => {
      if (alive) setCount(r.ok ? r.value.length : 0);
    });
    return () => {
      alive = false;
    };
  }, [api, dataVersion, archive]);
  if (!count) return null;
  return (
    <span className="nav-badge nav-badge-quiet" data-testid="trash-badge">
      {count > 999 ? '999+' : count}
    </span>
  );
}
