// The metadata form. Extracted values that nobody confirmed yet (provenance 'auto') are marked as
// suggestions until the user confirms or edits them; saving sends only the changed fields.
import { useEffect, useMemo, useState } from 'react';
import type { ApiInput } from '../../../../main/contract/api.js';
import {
  METADATA_FIELDS,
  RECORD_ACCESS_LEVELS,
  SECRECY_LEVELS,
  type DocumentDetail,
  type MetadataField,
} from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { formatDate, parseUserDate } from '../../components/format.js';
import { CheckIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { FIELD_LABELS } from '../review/field-labels.js';
import type { AppError } from '../../../../main/contract/errors.js';
import { ConflictNotice } from './conflict-notice.js';

const LABELS = FIELD_LABELS;
const MULTILINE: ReadonlySet<MetadataField> = new Set(['title', 'recipients', 'notes']);

type Draft = Record<MetadataField, string>;

/** Dates are edited as dd/mm/yyyy (what Vietnamese users type); the contract carries ISO. */
function draftOf(doc: DocumentDetail): Draft {
  return Object.fromEntries(
    METADATA_FIELDS.map((f) => [
      f,
      f === 'issuedDate' ? formatDate(doc.metadata[f]) : (doc.metadata[f] ?? ''),
    ]),
  ) as Draft;
}

/** The value a draft field stands for: trimmed NFC, dates as ISO; undefined for an invalid date. */
function valueOf(f: MetadataField, text: string): string | null | undefined {
  const v = text.normalize('NFC').trim();
  if (v === '') return null;
  if (f === 'issuedDate') return parseUserDate(v) ?? undefined;
  return v;
}

export function MetadataForm({
  doc,
  onSaved,
  onReload,
  onReviewed,
}: {
  doc: DocumentDetail;
  onSaved: (d: DocumentDetail) => void;
  /** Loads the document again (after a CONFLICT: someone else's save). */
  onReload: () => void;
  /** In the review queue: Ctrl+Enter saves, confirms every remaining suggestion, then calls this. */
  onReviewed?: () => void;
}) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData } = useAppState();
  const [draft, setDraft] = useState<Draft>(() => draftOf(doc));
  const [saving, setSaving] = useState(false);
  /** Fields whose typed value cannot be saved (an invalid date), shown on the field itself. */
  const [invalid, setInvalid] = useState<ReadonlySet<MetadataField>>(new Set());
  /** Someone else saved since this copy was loaded: shown until the document is reloaded. */
  const [conflict, setConflict] = useState<AppError | null>(null);
  useEffect(() => {
    setDraft(draftOf(doc));
    setInvalid(new Set());
    setConflict(null);
  }, [doc]);
  /** A refused save or confirm: a conflict is shown on the form with its reload; others as a toast. */
  const refused = (error: AppError): void => {
    if (error.code === 'CONFLICT') setConflict(error);
    else toast.error(error);
  };

  const changed = useMemo(
    () => METADATA_FIELDS.filter((f) => valueOf(f, draft[f]) !== (doc.metadata[f] || null)),
    [draft, doc],
  );
  const suggested = METADATA_FIELDS.filter(
    (f) => doc.provenance[f]?.source === 'auto' && doc.metadata[f] !== null,
  );

  /** Saves the changed fields; null (nothing lost: the draft stays) when a value is invalid or refused. */
  const save = async (): Promise<DocumentDetail | null> => {
    if (changed.length === 0) return doc;
    const bad = new Set(changed.filter((f) => valueOf(f, draft[f]) === undefined));
    setInvalid(bad);
    if (bad.size > 0) {
      const first = [...bad][0];
      document.getElementById(`field-${first}`)?.focus();
      // The message goes under the field; bring both above the sticky buttons.
      window.setTimeout(
        () => document.getElementById(`field-${first}-error`)?.scrollIntoView({ block: 'center' }),
        0,
      );
      return null;
    }
    setSaving(true);
    const fields: Partial<Record<MetadataField, string | null>> = {};
    // The select only offers the contract's system values, so the record fits the patch type.
    for (const f of changed) fields[f] = valueOf(f, draft[f]) ?? null;
    const r = await api.documentUpdate({
      documentId: doc.id,
      fields: fields as ApiInput<'documentUpdate'>['fields'],
      expectedVersion: doc.version,
    });
    setSaving(false);
    if (!r.ok) {
      refused(r.error);
      return null;
    }
    toast.success(t('doc.saved'));
    onSaved(r.value);
    bumpData();
    return r.value;
  };

  const confirm = async (fields: MetadataField[]) => {
    if (fields.length === 0) return;
    const r = await api.documentConfirm({ documentId: doc.id, fields, expectedVersion: doc.version });
    if (!r.ok) {
      refused(r.error);
      return;
    }
    toast.success(t('doc.confirmedToast', { count: fields.length }));
    onSaved(r.value);
    bumpData();
  };

  /**
   * Review: what the person typed is saved, every other suggestion taken as it is (and the document
   * as older extraction rules read it: the person has reviewed it), then next.
   */
  const reviewed = async () => {
    const saved = await save();
    if (!saved) return;
    const rest = METADATA_FIELDS.filter(
      (f) => saved.provenance[f]?.source === 'auto' && saved.metadata[f] !== null,
    );
    if (rest.length > 0 || saved.olderRules) {
      const r = await api.documentConfirm({
        documentId: doc.id,
        fields: rest,
        ...(saved.olderRules ? { rules: true as const } : {}),
        expectedVersion: saved.version,
      });
      if (!r.ok) {
        refused(r.error);
        return;
      }
      bumpData();
    }
    onReviewed?.();
  };

  return (
    <form
      className="doc-section"
      data-testid="metadata-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (onReviewed && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void reviewed();
        }
      }}
    >
      <h3>
        {t('doc.metadata')}
        {suggested.length > 0 ? (
          <button
            type="button"
            className="btn-link"
            style={{ marginLeft: 'auto', textTransform: 'none', letterSpacing: 0 }}
            onClick={() => void confirm(suggested)}
          >
            {t('doc.confirmAll')}
          </button>
        ) : null}
      </h3>
      {METADATA_FIELDS.map((f) => {
        const isSuggested = suggested.includes(f) && !changed.includes(f);
        const id = `field-${f}`;
        const isInvalid = invalid.has(f);
        const common = {
          id,
          name: f,
          value: draft[f],
          'data-testid': id,
          'aria-invalid': isInvalid || undefined,
          'aria-describedby': isInvalid ? `${id}-error` : undefined,
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
            const value = e.target.value;
            setDraft((d) => ({ ...d, [f]: value }));
            if (isInvalid) setInvalid((s) => new Set([...s].filter((x) => x !== f)));
          },
        };
        return (
          <div className={`field${isSuggested ? ' suggested' : ''}`} key={f}>
            {/* The label holds only the field's name, so the field's accessible name is exactly it;
                the suggestion badge and confirm button sit beside it. */}
            <div className="field-label">
              <label htmlFor={id}>{t(LABELS[f])}</label>
              <span className="spacer" />
              {isSuggested ? (
                <>
                  <span className="badge badge-auto" title={t('doc.suggested')}>
                    {t('doc.suggestedShort')}
                  </span>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void confirm([f])}
                    title={t('doc.confirmField')}
                    aria-label={`${t('doc.confirmField')} ${t(LABELS[f])}`}
                  >
                    <CheckIcon />
                  </button>
                </>
              ) : null}
            </div>
            {f === 'system' ? (
              <select className="select" {...common}>
                <option value="">—</option>
                <option value="party">{t('system.party')}</option>
                <option value="state">{t('system.state')}</option>
              </select>
            ) : f === 'access' ? (
              <select className="select" {...common}>
                {RECORD_ACCESS_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`record.access.${l}`)}
                  </option>
                ))}
              </select>
            ) : f === 'secrecy' ? (
              <select className="select" {...common}>
                <option value="">{t('secrecy.none')}</option>
                {SECRECY_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`secrecy.${l}`)}
                  </option>
                ))}
              </select>
            ) : MULTILINE.has(f) ? (
              <textarea className="textarea" rows={f === 'title' ? 3 : 2} {...common} />
            ) : (
              <input
                className={`input${isInvalid ? ' input-invalid' : ''}`}
                {...common}
                placeholder={f === 'issuedDate' ? t('doc.datePlaceholder') : undefined}
              />
            )}
            {isInvalid ? (
              <div className="field-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
                {t('date.invalid')}
              </div>
            ) : null}
          </div>
        );
      })}
      {conflict ? <ConflictNotice error={conflict} onReload={onReload} /> : null}
      <div className="form-actions">
        <button
          className="btn btn-primary"
          type="submit"
          disabled={changed.length === 0 || saving}
          data-testid="metadata-save"
        >
          {t('common.save')}
        </button>
        {onReviewed ? (
          <button
            className="btn"
            type="button"
            disabled={saving}
            onClick={() => void reviewed()}
            title="Ctrl+Enter"
            data-testid="review-confirm-next"
          >
            {t('review.confirmNext')}
          </button>
        ) : null}
        {changed.length > 0 ? (
          <>
            <button className="btn" type="button" onClick={() => setDraft(draftOf(doc))}>
              {t('common.cancel')}
            </button>
            <span className="muted">{t('doc.unsaved')}</span>
          </>
        ) : null}
      </div>
    </form>
  );
}
