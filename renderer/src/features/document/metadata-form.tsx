// The metadata form. Extracted values that nobody confirmed yet (provenance 'auto') are marked as
// suggestions until the user confirms or edits them; saving sends only the changed fields.
import { useEffect, useMemo, useState } from 'react';
import type { ApiInput } from '../../../../main/contract/api.js';
import { METADATA_FIELDS, type DocumentDetail, type MetadataField } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { CheckIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';

const LABELS: Record<MetadataField, MessageKey> = {
  title: 'field.title',
  number: 'field.number',
  docType: 'field.docType',
  system: 'field.system',
  issuer: 'field.issuer',
  issuerSuperior: 'field.issuerSuperior',
  place: 'field.place',
  issuedDate: 'field.issuedDate',
  signer: 'field.signer',
  signerTitle: 'field.signerTitle',
  recipients: 'field.recipients',
  notes: 'field.notes',
};
const MULTILINE: ReadonlySet<MetadataField> = new Set(['title', 'recipients', 'notes']);

type Draft = Record<MetadataField, string>;

function draftOf(doc: DocumentDetail): Draft {
  return Object.fromEntries(METADATA_FIELDS.map((f) => [f, doc.metadata[f] ?? ''])) as Draft;
}

export function MetadataForm({
  doc,
  onSaved,
}: {
  doc: DocumentDetail;
  onSaved: (d: DocumentDetail) => void;
}) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData } = useAppState();
  const [draft, setDraft] = useState<Draft>(() => draftOf(doc));
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(draftOf(doc)), [doc]);

  const changed = useMemo(
    () => METADATA_FIELDS.filter((f) => draft[f].normalize('NFC').trim() !== (doc.metadata[f] ?? '')),
    [draft, doc],
  );
  const suggested = METADATA_FIELDS.filter(
    (f) => doc.provenance[f]?.source === 'auto' && doc.metadata[f] !== null,
  );

  const save = async () => {
    if (changed.length === 0) return;
    setSaving(true);
    const fields: Partial<Record<MetadataField, string | null>> = {};
    // The select only offers the contract's system values, so the record fits the patch type.
    for (const f of changed) {
      const v = draft[f].normalize('NFC').trim();
      fields[f] = v === '' ? null : v;
    }
    const r = await api.documentUpdate({
      documentId: doc.id,
      fields: fields as ApiInput<'documentUpdate'>['fields'],
    });
    setSaving(false);
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    toast.success(t('doc.saved'));
    onSaved(r.value);
    bumpData();
  };

  const confirm = async (fields: MetadataField[]) => {
    if (fields.length === 0) return;
    const r = await api.documentConfirm({ documentId: doc.id, fields });
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    toast.success(t('doc.confirmedToast', { count: fields.length }));
    onSaved(r.value);
  };

  return (
    <form
      className="doc-section"
      data-testid="metadata-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
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
        const common = {
          id,
          name: f,
          value: draft[f],
          'data-testid': id,
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
            setDraft((d) => ({ ...d, [f]: e.target.value })),
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
            ) : MULTILINE.has(f) ? (
              <textarea className="textarea" rows={f === 'title' ? 3 : 2} {...common} />
            ) : (
              <input
                className="input"
                {...common}
                placeholder={f === 'issuedDate' ? t('doc.datePlaceholder') : undefined}
              />
            )}
          </div>
        );
      })}
      <div className="form-actions">
        <button
          className="btn btn-primary"
          type="submit"
          disabled={changed.length === 0 || saving}
          data-testid="metadata-save"
        >
          {t('common.save')}
        </button>
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
