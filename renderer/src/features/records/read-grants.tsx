// "Đơn vị được đọc / Units that may read": the units (and accounts) a hạn chế / mật document or hồ
// sơ is opened to beyond its access level, for the văn thư / lưu trữ. Each grant and revoke is its
// own request (and audit row), taking effect at once for every reader; the core enforces it.
import { useCallback, useEffect, useState } from 'react';
import type { AccessGrantDto, UnitDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

export type GrantTarget = { documentId: number } | { recordCode: string };

export function ReadGrants({ target, testId }: { target: GrantTarget; testId: string }) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const [grants, setGrants] = useState<AccessGrantDto[] | null>(null);
  const [units, setUnits] = useState<UnitDto[]>([]);
  const [pick, setPick] = useState<number | ''>('');
  const [busy, setBusy] = useState(false);
  // The target by value: the caller builds a new object at each render.
  const documentId = 'documentId' in target ? target.documentId : null;
  const recordCode = 'recordCode' in target ? target.recordCode : null;

  const load = useCallback(() => {
    const t: GrantTarget = documentId !== null ? { documentId } : { recordCode: recordCode! };
    void api.grantsList({ target: t }).then((r) => setGrants(r.ok ? r.value : null));
    void api.unitsList({}).then((r) => setUnits(r.ok ? r.value : []));
  }, [api, documentId, recordCode]);
  useEffect(load, [load]);

  if (grants === null) return null;
  const granted = new Set(grants.map((g) => g.unit?.id).filter((id) => id !== undefined));
  const free = units.filter((u) => !granted.has(u.id));
  const nameOf = (g: AccessGrantDto): string => g.unit?.name ?? g.user?.username ?? '';

  const add = async () => {
    if (pick === '') return;
    setBusy(true);
    const r = await api.grantsAdd({ target, to: { unitId: pick } });
    setBusy(false);
    if (!r.ok) return toast.error(r.error);
    toast.success(t('grants.added', { name: nameOf(r.value) }));
    setPick('');
    load();
  };
  const remove = async (g: AccessGrantDto) => {
    setBusy(true);
    const r = await api.grantsRemove({ grantId: g.id });
    setBusy(false);
    if (!r.ok) return toast.error(r.error);
    toast.success(t('grants.removed', { name: nameOf(g) }));
    load();
  };

  return (
    <div className="field" data-testid={testId}>
      <span>{t('grants.title')}</span>
      <div className="row" style={{ gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
        {grants.length === 0 ? <span className="muted">{t('grants.none')}</span> : null}
        {grants.map((g) => (
          <span key={g.id} className="chip" data-testid="grant" data-name={nameOf(g)}>
            {nameOf(g)}
            <button
              type="button"
              aria-label={t('grants.remove', { name: nameOf(g) })}
              title={t('grants.remove', { name: nameOf(g) })}
              disabled={busy}
              onClick={() => void remove(g)}
              data-testid="grant-remove"
            >
              ×
            </button>
          </span>
        ))}
      </div>
      {units.length === 0 ? (
        <small className="muted">{t('grants.noUnits')}</small>
      ) : (
        <div className="row" style={{ gap: 6, marginTop: 4 }}>
          <select
            className="select"
            aria-label={t('grants.pick')}
            value={pick}
            onChange={(e) => setPick(e.target.value === '' ? '' : Number(e.target.value))}
            data-testid="grant-unit"
          >
            <option value="">{t('grants.pick')}</option>
            {free.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || pick === ''}
            onClick={() => void add()}
            data-testid="grant-add"
          >
            {t('grants.add')}
          </button>
        </div>
      )}
      <small className="muted">{t('grants.hint')}</small>
    </div>
  );
}
