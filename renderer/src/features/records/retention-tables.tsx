// "Bảng thời hạn bảo quản" on the Hồ sơ screen (issue 12): the retention tables the new-hồ sơ form
// proposes periods from, with their source, editable row by row. The shipped rows are a starting set
// to be checked against the Công báo text; a changed row is marked as edited.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RetentionRowDto, RetentionTableDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText, useToast } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { useI18n } from '../../i18n/i18n.js';

type Period = RetentionRowDto['retention'];
const PERIODS = [5, 10, 15, 20, 30, 50, 70];

function PeriodSelect({
  value,
  onChange,
  testId,
}: {
  value: Period;
  onChange: (p: Period) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const years = [...new Set([...PERIODS, ...(value === 'permanent' ? [] : [value])])].sort((a, b) => a - b);
  return (
    <select
      className="select"
      aria-label={t('record.retention')}
      value={String(value)}
      onChange={(e) => onChange(e.target.value === 'permanent' ? 'permanent' : Number(e.target.value))}
      data-testid={testId}
    >
      <option value="permanent">{t('record.retentionPermanent')}</option>
      {years.map((y) => (
        <option key={y} value={y}>
          {t('record.retentionYears', { years: y })}
        </option>
      ))}
    </select>
  );
}

export function RetentionTables() {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const { dataVersion } = useAppState();
  const [tables, setTables] = useState<RetentionTableDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.retentionList({});
    if (r.ok) {
      setError(null);
      setTables(r.value);
    } else setError(errorText(r.error, lang));
  }, [api, lang]);
  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const set = async (row: Omit<RetentionRowDto, 'id' | 'shipped' | 'updatedAt'> & { id?: number }) => {
    const r = await api.retentionSet({
      table: row.table,
      title: row.title,
      retention: row.retention,
      group: row.group,
      ...(row.id !== undefined ? { id: row.id } : {}),
    });
    if (!r.ok) {
      toast.error(r.error);
      return false;
    }
    toast.success(t('retention.saved'));
    await load();
    return true;
  };
  const remove = async (id: number) => {
    const r = await api.retentionRemove({ id });
    if (!r.ok) toast.error(r.error);
    await load();
  };

  return (
    <div className="retention-tables" data-testid="retention-tables">
      <p className="muted">{t('retention.checkNote')}</p>
      {error ? <EmptyState title={t('common.error')} body={error} /> : null}
      {(tables ?? []).map((tb) => (
        <section key={tb.key} className="retention-table" data-testid="retention-table" data-key={tb.key}>
          <h2>{tb.name}</h2>
          <p className="muted">
            {t('retention.source')}: {tb.source}
            {tb.note ? ` — ${tb.note}` : ''}
          </p>
          {tb.rows.length === 0 ? <p className="muted">{t('retention.empty')}</p> : null}
          {tb.rows.length > 0 ? (
            <table className="records-table">
              <thead>
                <tr>
                  <th>{t('retention.group')}</th>
                  <th>{t('retention.rowTitle')}</th>
                  <th>{t('record.retention')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {tb.rows.map((r) => (
                  <tr key={r.id} data-testid="retention-row" data-id={r.id}>
                    <td>{r.group}</td>
                    <td>
                      {r.title}
                      {r.shipped ? null : (
                        <span className="badge retention-edited">{t('retention.edited')}</span>
                      )}
                    </td>
                    <td>
                      <PeriodSelect
                        value={r.retention}
                        onChange={(p) => void set({ ...r, retention: p })}
                        testId="retention-row-period"
                      />
                    </td>
                    <td>
                      <button
                        className="btn"
                        onClick={() => void remove(r.id)}
                        aria-label={`${t('retention.remove')}: ${r.title}`}
                        data-testid="retention-row-remove"
                      >
                        {t('retention.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <AddRow table={tb.key} onAdd={(row) => set(row)} />
        </section>
      ))}
    </div>
  );
}

function AddRow({
  table,
  onAdd,
}: {
  table: string;
  onAdd: (row: { table: string; group: string; title: string; retention: Period }) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [group, setGroup] = useState('');
  const [title, setTitle] = useState('');
  const [retention, setRetention] = useState<Period>(10);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() === '') return;
    if (await onAdd({ table, group, title, retention })) {
      setTitle('');
    }
  };
  return (
    <form className="retention-add" onSubmit={(e) => void submit(e)} data-testid="retention-add">
      <input
        className="input"
        placeholder={t('retention.group')}
        aria-label={t('retention.group')}
        value={group}
        onChange={(e) => setGroup(e.target.value)}
        data-testid="retention-add-group"
      />
      <input
        className="input retention-add-title"
        placeholder={t('retention.rowTitle')}
        aria-label={t('retention.rowTitle')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="retention-add-title"
      />
      <PeriodSelect value={retention} onChange={setRetention} testId="retention-add-period" />
      <button className="btn" type="submit" disabled={title.trim() === ''} data-testid="retention-add-submit">
        {t('retention.add')}
      </button>
    </form>
  );
}
