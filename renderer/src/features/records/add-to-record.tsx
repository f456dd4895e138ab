// "Thêm vào hồ sơ…" in the selection bar: the selected documents go into an open hồ sơ (by
// reference; those already in it stay where they are).
import { useEffect, useState } from 'react';
import type { RecordDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

export function AddToRecord({ documentIds }: { documentIds: readonly number[] }) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData, dataVersion, navigate } = useAppState();
  const [open, setOpen] = useState(false);
  const [records, setRecords] = useState<RecordDto[]>([]);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let alive = true;
    void api.recordsList({}).then((r) => {
      if (!alive || !r.ok) return;
      const openOnes = r.value.filter((x) => x.state === 'open');
      setRecords(openOnes);
      setCode((c) => (openOnes.some((x) => x.code === c) ? c : (openOnes[0]?.code ?? '')));
    });
    return () => {
      alive = false;
    };
  }, [api, open, dataVersion]);

  const add = async () => {
    if (!code) return;
    setBusy(true);
    const r = await api.recordAddDocuments({ code, documentIds: [...documentIds] });
    setBusy(false);
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    const { added, already, record } = r.value;
    toast.success(
      already.length > 0
        ? t('record.addedAlready', { count: added.length, code: record.code, already: already.length })
        : t('record.added', { count: added.length, code: record.code }),
      { label: t('record.openRecord'), run: () => navigate({ name: 'record', code: record.code }) },
    );
    setOpen(false);
    bumpData();
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
