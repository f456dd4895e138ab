// "Thêm vào hồ sơ…" in the selection bar: the selected documents go into an open hồ sơ (by
// reference; those already in it stay where they are). The same adding (and its toast) serves a drop
// of search results on a hồ sơ (record-drop-tray.tsx).
import { useCallback, useEffect, useState } from 'react';
import type { RecordDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

/** The open hồ sơ (đang lập: the only ones documents can go into), loaded while `active`. */
export function useOpenRecords(active: boolean): RecordDto[] | null {
  const api = useApi();
  const { dataVersion } = useAppState();
  const [records, setRecords] = useState<RecordDto[] | null>(null);
  useEffect(() => {
    if (!active) return;
    let alive = true;
    void api.recordsList({}).then((r) => {
      if (alive) setRecords(r.ok ? r.value.filter((x) => x.state === 'open') : []);
    });
    return () => {
      alive = false;
    };
  }, [api, active, dataVersion]);
  return records;
}

/** Adds documents to a hồ sơ and says so (how many, how many were in it already); true when done. */
export function useAddToRecord(): (code: string, documentIds: readonly number[]) => Promise<boolean> {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData, navigate } = useAppState();
  return useCallback(
    async (code, documentIds) => {
      const r = await api.recordAddDocuments({ code, documentIds: [...documentIds] });
      if (!r.ok) {
        toast.error(r.error);
        return false;
      }
      const { added, already, record } = r.value;
      toast.success(
        already.length > 0
          ? t('record.addedAlready', { count: added.length, code: record.code, already: already.length })
          : t('record.added', { count: added.length, code: record.code }),
        { label: t('record.openRecord'), run: () => navigate({ name: 'record', code: record.code }) },
      );
      bumpData();
      return true;
    },
    [api, toast, t, bumpData, navigate],
  );
}

const NONE: RecordDto[] = [];

export function AddToRecord({ documentIds }: { documentIds: readonly number[] }) {
  const { t } = useI18n();
  const addTo = useAddToRecord();
  const [open, setOpen] = useState(false);
  const records = useOpenRecords(open) ?? NONE;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setCode((c) => (records.some((x) => x.code === c) ? c : (records[0]?.code ?? '')));
  }, [records]);

  const add = async () => {
    if (!code) return;
    setBusy(true);
    const done = await addTo(code, documentIds);
    setBusy(false);
    if (done) setOpen(false);
  };

  if (!open)
    return (
      <button className="btn btn-small" onClick={() => setOpen(true)} data-testid="add-to-record">
        {t('record.addTo')}
      </button>
    );
  return (
    <span className="add-to-record" data-testid="add-to-record-form">
      {records.length === 0 ? (
        <span className="muted">{t('record.noOpen')}</span>
      ) : (
        <select
          className="select"
          aria-label={t('record.addChoose')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="add-to-record-choose"
        >
          {records.map((r) => (
            <option key={r.id} value={r.code}>
              {r.code} — {r.title}
            </option>
          ))}
        </select>
      )}
      <button
        className="btn btn-primary btn-small"
        disabled={busy || !code}
        onClick={() => void add()}
        data-testid="add-to-record-apply"
      >
        {t('record.addApply', { count: documentIds.length })}
      </button>
      <button className="btn btn-small" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
