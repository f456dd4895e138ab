// Duplicate warning by identity (Nghị định 30/2020 Phụ lục VI III.1.h): other documents with the same
// số ký hiệu, cơ quan ban hành and year. For each: "same document, another file" files the newer of
// the two as another file of the older (the existing one; the toast's undo restores it from the
// trash), or "keep both" stops the warning for the pair.
import type { DocumentDetail, IdentityTwinDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { useTrashUndoToast } from '../trash/trash-undo-toast.js';

export function TwinsNotice({
  doc,
  onChanged,
  onOpen,
}: {
  doc: DocumentDetail;
  onChanged: (doc: DocumentDetail) => void;
  onOpen: (id: number, replace?: boolean) => void;
}) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData, mayEdit } = useAppState();
  const undoToast = useTrashUndoToast();
  const twins = doc.identityTwins ?? [];
  if (twins.length === 0) return null;

  const merge = async (twin: IdentityTwinDto) => {
    const [sourceId, targetId] = twin.id < doc.id ? [doc.id, twin.id] : [twin.id, doc.id];
    const r = await api.documentMergeInto({ sourceId, targetId });
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    undoToast(t('twins.merged'), r.value.trashId, (id) => onOpen(id));
    bumpData();
    if (targetId === doc.id) onChanged(r.value.target);
    else onOpen(targetId, true); // this document is in the trash now: Back must not lead to it
  };
  const keepApart = async (twin: IdentityTwinDto) => {
    const r = await api.documentKeepApart({ id: doc.id, otherId: twin.id });
    if (r.ok) onChanged(r.value);
    else toast.error(r.error);
  };

  return (
    <section className="doc-section twins-notice" role="status" data-testid="twins-notice">
      <h3>{t('twins.title')}</h3>
      {twins.map((twin) => (
        <div className="relation-row twin-row" key={twin.id} data-testid="twin-row">
          <button className="btn-link file-name" onClick={() => onOpen(twin.id)} title={twin.title}>
            {[twin.number, twin.issuedDate ? formatDate(twin.issuedDate) : null].filter(Boolean).join(' · ')}
            {twin.title ? ` — ${twin.title}` : ''}
          </button>
          {mayEdit ? (
            <span className="row">
              <button
                className="btn btn-small"
                onClick={() => void merge(twin)}
                data-testid="twin-merge"
                title={t('twins.mergeHint')}
              >
                {t('twins.merge')}
              </button>
              <button className="btn btn-small" onClick={() => void keepApart(twin)} data-testid="twin-keep">
                {t('twins.keepBoth')}
              </button>
            </span>
          ) : null}
        </div>
      ))}
    </section>
  );
}
