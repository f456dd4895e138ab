// Tình trạng hiệu lực on the document screen: what the relation graph says (replaced by, repealed by,
// amended by, each a link), and a person's override with who set it and when.
import { useEffect, useState } from 'react';
import {
  VALIDITY_OVERRIDES,
  type DocumentDetail,
  type DocumentRef,
  type ValidityOverride,
} from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';
import type { AppError } from '../../../../main/contract/errors.js';
import { errorText } from '../../app/toasts.js';
import { ConflictNotice } from './conflict-notice.js';

export function ValidityPanel({
  doc,
  onChanged,
  onReload,
  onOpen,
}: {
  doc: DocumentDetail;
  onChanged: (doc: DocumentDetail) => void;
  /** Loads the document again (after a CONFLICT: someone else's save). */
  onReload: () => void;
  onOpen: (id: number) => void;
}) {
  const api = useApi();
  const { t, lang } = useI18n();
  const v = doc.validity;
  const [status, setStatus] = useState<ValidityOverride>(v.override?.status ?? 'in-force');
  const [note, setNote] = useState(v.override?.note ?? '');
  const [error, setError] = useState<AppError | null>(null);
  // A reloaded or newly saved document answers any earlier refusal.
  useEffect(() => setError(null), [doc.version]);
  const save = async (override: { status: ValidityOverride; note: string } | null) => {
    const r = await api.documentValiditySet({ documentId: doc.id, override, expectedVersion: doc.version });
    if (r.ok) {
      setError(null);
      onChanged(r.value);
    } else setError(r.error);
  };
  const groups: { key: MessageKey; refs: DocumentRef[] }[] = [
    { key: 'doc.replacedBy', refs: v.replacedBy },
    { key: 'doc.repealedBy', refs: v.repealedBy },
    { key: 'doc.amendedBy', refs: v.amendedBy },
  ];
  return (
    <section className="doc-section" data-testid="validity">
      <h3>{t('doc.validity')}</h3>
      <p data-testid="validity-status" data-status={v.status}>
        <strong>{t(`validity.${v.status}` as MessageKey)}</strong>
        {v.override && v.derived !== v.status ? (
          <span className="muted">
            {' '}
            ({t('doc.validityFromRelations')}: {t(`validity.${v.derived}` as MessageKey)})
          </span>
        ) : null}
      </p>
      {v.override ? (
        <p className="muted" data-testid="validity-override">
          {t('doc.validitySetBy', {
            who: v.override.setBy ?? '—',
            at: formatDate(v.override.setAt.slice(0, 10)),
          })}
          {v.override.note ? ` — ${v.override.note}` : ''}
        </p>
      ) : null}
      {groups
        .filter((g) => g.refs.length > 0)
        .map((g) => (
          <div className="relation-group" key={g.key}>
            <h4>{t(g.key)}</h4>
            {g.refs.map((r) => (
              <div className="relation-row" key={r.id}>
                <button className="btn-link file-name" onClick={() => onOpen(r.id)} title={r.title}>
                  {[r.docType, r.number].filter(Boolean).join(' ') || r.title}
                </button>
                <span className="muted">{formatDate(r.issuedDate)}</span>
              </div>
            ))}
          </div>
        ))}
      <div className="row" style={{ marginTop: 8, flexWrap: 'wrap', gap: 6 }}>
        <select
          aria-label={t('doc.validityOverride')}
          data-testid="validity-select"
          value={status}
          onChange={(e) => setStatus(e.target.value as ValidityOverride)}
        >
          {VALIDITY_OVERRIDES.map((s) => (
            <option key={s} value={s}>
              {t(`validity.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <input
          aria-label={t('doc.validityNote')}
          placeholder={t('doc.validityNote')}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          className="btn btn-small"
          data-testid="validity-save"
          onClick={() => void save({ status, note })}
        >
          {t('doc.validitySave')}
        </button>
        {v.override ? (
          <button className="btn btn-small" data-testid="validity-clear" onClick={() => void save(null)}>
            {t('doc.validityClear')}
          </button>
        ) : null}
      </div>
      {error?.code === 'CONFLICT' ? (
        <ConflictNotice error={error} onReload={onReload} />
      ) : error ? (
        <p className="error">{errorText(error, lang)}</p>
      ) : null}
    </section>
  );
}
