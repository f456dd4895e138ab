// A document whose suggestions and citations an older version of the extraction rules read: its
// relations may be missing or wrong. Re-extraction reads it by the current rules; "Đã kiểm tra" is the
// archivist's word that it stands as it is (documentConfirm with rules), which clears the notice.
import type { DocumentDetail } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

export function OlderRulesNotice({
  doc,
  onChanged,
}: {
  doc: DocumentDetail;
  onChanged: (doc: DocumentDetail) => void;
}) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData, mayEdit } = useAppState();
  if (!doc.olderRules) return null;

  const confirm = async () => {
    const r = await api.documentConfirm({
      documentId: doc.id,
      fields: [],
      rules: true,
      expectedVersion: doc.version,
    });
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    toast.success(t('olderRules.confirmed'));
    onChanged(r.value);
    bumpData();
  };

  return (
    <section className="doc-section twins-notice" role="status" data-testid="older-rules-notice">
      <h3>{t('olderRules.title')}</h3>
      <p>{t('olderRules.body', { readBy: doc.olderRules.readBy, current: doc.olderRules.current })}</p>
      {mayEdit ? (
        <button className="btn btn-small" onClick={() => void confirm()} data-testid="older-rules-confirm">
          {t('olderRules.confirm')}
        </button>
      ) : null}
    </section>
  );
}
