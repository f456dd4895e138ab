// The two retention lists of the Hồ sơ screen (issue 12): hồ sơ due for hand-over to the lưu trữ and
// hồ sơ past their retention period, as of a day, each printable as the core prints it (the same
// HTML as `vankho records due --out f.html`). The expired list is a proposal: nothing here deletes.
import { useEffect, useState } from 'react';
import type { RecordDueDto } from '../../../../main/contract/dto.js';
import { formatDate } from '../../../../main/contract/dates.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText } from '../../app/toasts.js';
import { AccessBadge } from '../../components/access-badge.js';
import { EmptyState } from '../../components/empty-state.js';
import { useI18n } from '../../i18n/i18n.js';
import { PrintFrame } from './print-frame.js';
import { retentionText, stateKey } from './record-labels.js';

export type DueKind = 'handover' | 'expired';

const today = (): string => new Date().toISOString().slice(0, 10);

export function DueList({ kind }: { kind: DueKind }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const { navigate, dataVersion } = useAppState();
  const [asOf, setAsOf] = useState(today);
  const [list, setList] = useState<RecordDueDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [html, setHtml] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void api.recordsDue({ kind, ...(asOf ? { asOf } : {}) }).then((r) => {
      if (!alive) return;
      if (r.ok) {
        setError(null);
        setList(r.value);
      } else setError(errorText(r.error, lang));
    });
    return () => {
      alive = false;
    };
  }, [api, kind, asOf, lang, dataVersion]);

  useEffect(() => {
    if (!printing) return;
    let alive = true;
    setHtml(null);
    void api.recordsDuePrint({ kind, format: 'html', ...(asOf ? { asOf } : {}) }).then((r) => {
      if (!alive) return;
      if (r.ok && r.value.format === 'html') setHtml(r.value.html);
      else if (!r.ok) setError(errorText(r.error, lang));
    });
    return () => {
      alive = false;
    };
  }, [api, kind, asOf, lang, printing]);

  if (printing)
    return (
      <PrintFrame
        title={t(kind === 'handover' ? 'records.view.handover' : 'records.view.expired')}
        html={html}
        error={error}
        backLabel={t('records.due.backToList')}
        onBack={() => setPrinting(false)}
      />
    );

  return (
    <div className="due-list" data-testid={`due-${kind}`}>
      <p className="muted">
        {t(kind === 'handover' ? 'records.due.handoverBody' : 'records.due.expiredBody')}
      </p>
      <div className="due-list-bar">
        <label className="field due-as-of">
          <span>{t('records.asOf')}</span>
          <input
            type="date"
            className="input"
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
            data-testid="due-as-of"
          />
        </label>
        <button
          className="btn"
          onClick={() => setPrinting(true)}
          disabled={!list || list.length === 0}
          data-testid="due-print"
        >
          {t('records.due.print')}
        </button>
      </div>
      {error ? <EmptyState title={t('common.error')} body={error} /> : null}
      {list && list.length === 0 && !error ? <EmptyState title={t('records.due.empty')} body="" /> : null}
      {list && list.length > 0 ? (
        <table className="records-table" data-testid="due-table">
          <thead>
            <tr>
              <th>{t('record.code')}</th>
              <th>{t('record.titleField')}</th>
              <th>{t('records.due.endYear')}</th>
              <th>{t('record.retention')}</th>
              <th>{t(kind === 'handover' ? 'records.due.sinceHandover' : 'records.due.sinceExpired')}</th>
              <th>{t('record.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.record.id} data-testid="due-row" data-code={d.record.code}>
                <td>
                  <button
                    className="btn-link record-code"
                    onClick={() => navigate({ name: 'record', code: d.record.code })}
                  >
                    {d.record.code}
                  </button>
                </td>
                <td>
                  {d.record.title}
                  <AccessBadge level={d.record.access} />
                </td>
                <td>{d.record.endDate ? formatDate(d.record.endDate) : d.endYear}</td>
                <td>{retentionText(t, d.record.retention)}</td>
                <td className="num">
                  {d.sinceYear}
                  {d.overdue ? <span className="badge due-overdue">{t('records.due.overdue')}</span> : null}
                </td>
                <td>
                  <span className={`badge record-state record-state-${d.record.state}`}>
                    {t(stateKey(d.record.state))}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
