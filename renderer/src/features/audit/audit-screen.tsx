// "Nhật ký truy cập" (#/audit), for administrators: who viewed, exported, printed, edited or deleted
// which document, when and from where — the core's audit rows (auditList), newest first, filtered by
// user, document, action and period, a page at a time. A row's document opens while it is still in
// the archive. Another role meets the core's FORBIDDEN, said as such.
import { useEffect, useState } from 'react';
import { AUDIT_ACTIONS, type AuditAction, type AuditPageDto } from '../../../../main/contract/dto.js';
import { dayStartInstant, formatDateTime } from '../../../../main/contract/dates.js';
import type { AppError } from '../../../../main/contract/errors.js';
import { AUDIT_ACTION_TERMS } from '../../../../main/contract/glossary.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { auditDetailText } from './audit-detail.js';
import { formatCount, parseUserDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import '../records/records.css';

const PAGE = 50;

interface Filters {
  user: string;
  doc: string;
  action: AuditAction | '';
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { user: '', doc: '', action: '', from: '', to: '' };

/** The request of the filters as typed; a field that cannot be read is named instead. */
function requestOf(f: Filters): { input: Record<string, unknown> } | { bad: keyof Filters } {
  const input: Record<string, unknown> = {};
  if (f.user.trim()) input.user = f.user.normalize('NFC').trim();
  if (f.doc.trim()) {
    const id = Number(f.doc.trim().replace(/^#/, ''));
    if (!Number.isSafeInteger(id) || id < 1) return { bad: 'doc' };
    input.documentId = id;
  }
  if (f.action) input.action = f.action;
  for (const [key, field, plusDays] of [
    ['since', 'from', 0],
    ['until', 'to', 1],
  ] as const) {
    if (!f[field].trim()) continue;
    const day = parseUserDate(f[field]);
    if (!day) return { bad: field };
    // "đến ngày 05/12" includes the whole of that day.
    input[key] = dayStartInstant(day, plusDays);
  }
  return { input };
}

export function AuditScreen() {
  const api = useApi();
  const { t, lang } = useI18n();
  const { navigate, dataVersion } = useAppState();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPageDto | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [bad, setBad] = useState<keyof Filters | null>(null);

  useEffect(() => {
    const req = requestOf(filters);
    if ('bad' in req) return;
    let alive = true;
    void api.auditList({ ...req.input, limit: PAGE, offset }).then((r) => {
      if (!alive) return;
      if (r.ok) {
        setError(null);
        setPage(r.value);
      } else {
        setError(r.error);
        setPage(null);
      }
    });
    return () => {
      alive = false;
    };
  }, [api, filters, offset, dataVersion]);

  const apply = (next: Filters) => {
    const req = requestOf(next);
    setBad('bad' in req ? req.bad : null);
    if ('bad' in req) return;
    setOffset(0);
    setFilters(next);
  };
  const field = (key: 'user' | 'doc' | 'from' | 'to', label: string, placeholder?: string) => (
    <label className="audit-filter">
      <span>{label}</span>
      <input
        className={`input${bad === key ? ' input-invalid' : ''}`}
        value={draft[key]}
        placeholder={placeholder}
        aria-invalid={bad === key || undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        data-testid={`audit-filter-${key}`}
      />
    </label>
  );

  return (
    <div className="screen audit-screen" data-testid="audit-screen">
      <div className="screen-header">
        <h1>{t('audit.title')}</h1>
        {page ? (
          <span className="muted" data-testid="audit-count">
            {t('audit.count', { count: formatCount(page.total, lang) })}
          </span>
        ) : null}
      </div>
      <p className="muted">{t('audit.body')}</p>
      <form
        className="row audit-filters"
        style={{ flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        {field('user', t('audit.user'), t('audit.userPlaceholder'))}
        {field('doc', t('audit.document'), '12')}
        <label className="audit-filter">
          <span>{t('audit.action')}</span>
          <select
            className="select"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value as AuditAction | '' })}
            data-testid="audit-filter-action"
          >
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_TERMS[a][lang]}
              </option>
            ))}
          </select>
        </label>
        {field('from', t('audit.from'), 'dd/mm/yyyy')}
        {field('to', t('audit.to'), 'dd/mm/yyyy')}
        <button className="btn btn-primary" type="submit" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
        <button
          className="btn"
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            apply(NO_FILTERS);
          }}
        >
          {t('audit.clear')}
        </button>
      </form>
      {bad ? (
        <div className="field-error" role="alert" data-testid="audit-filter-error">
          {t(bad === 'doc' ? 'audit.badDocument' : 'date.invalid')}
        </div>
      ) : null}
      {error ? (
        <EmptyState
          title={t(error.code === 'FORBIDDEN' ? 'audit.forbidden' : 'common.error')}
          body={errorText(error, lang)}
        />
      ) : null}
      {page && page.total === 0 ? (
        <EmptyState title={t('audit.emptyTitle')} body={t('audit.emptyBody')} />
      ) : null}
      {page && page.items.length > 0 ? (
        <>
          <table className="records-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.user')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.document')}</th>
                <th>{t('audit.address')}</th>
                <th>{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr
                  key={r.id}
                  data-testid="audit-row"
                  data-action={r.action}
                  data-doc-id={r.documentId ?? ''}
                >
                  <td className="nowrap">{formatDateTime(r.at)}</td>
                  <td title={r.username ?? r.actor}>{r.actorName}</td>
                  <td>{AUDIT_ACTION_TERMS[r.action][lang]}</td>
                  <td className="nowrap">
                    {r.documentId === null ? (
                      '—'
                    ) : (
                      <button
                        className="btn-link"
                        onClick={() => navigate({ name: 'document', id: r.documentId!, query: '' })}
                      >
                        #{r.documentId} {r.documentNumber ?? ''}
                      </button>
                    )}
                  </td>
                  <td className="nowrap">{r.remoteAddress ?? t('audit.thisComputer')}</td>
                  <td className="audit-detail" title={r.detail ?? undefined} data-testid="audit-detail">
                    {auditDetailText(r.detail, t)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row" style={{ marginTop: 8, gap: 8 }}>
            <button
              className="btn btn-small"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
              data-testid="audit-newer"
            >
              {t('audit.newer')}
            </button>
            <span className="muted" data-testid="audit-range">
              {t('audit.range', {
                from: formatCount(offset + 1, lang),
                to: formatCount(offset + page.items.length, lang),
                total: formatCount(page.total, lang),
              })}
            </span>
            <button
              className="btn btn-small"
              disabled={offset + page.items.length >= page.total}
              onClick={() => setOffset(offset + PAGE)}
              data-testid="audit-older"
            >
              {t('audit.older')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
