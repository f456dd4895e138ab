// "Moved to the trash" with an Undo in the toast: deleting a document and filing it into its twin both
// put it in the trash, and both undo by restoring it from there.
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

/** Shows `message` with an Undo that restores trash entry `trashId`, then hands over the document. */
export function useTrashUndoToast(): (
  message: string,
  trashId: number,
  onRestored: (documentId: number) => void,
) => void {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData } = useAppState();
  return (message, trashId, onRestored) =>
    toast.success(message, {
      label: t('common.undo'),
      run: () =>
        void api.trashRestore({ trashIds: [trashId] }).then((u) => {
          if (!u.ok) toast.error(u.error);
          else {
            bumpData();
            onRestored(u.value.documentIds[0]!);
          }
        }),
    });
}
