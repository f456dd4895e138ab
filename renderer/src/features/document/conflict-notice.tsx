// Someone else saved this document after it was loaded here (CONFLICT): say so where the save was
// asked, and offer to load their version (what was typed here stays until then, to copy from).
import type { AppError } from '../../../../main/contract/errors.js';
import { errorText } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';

export function ConflictNotice({ error, onReload }: { error: AppError; onReload: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="field-error" role="alert" data-testid="conflict-notice">
      {errorText(error, lang)}{' '}
      <button type="button" className="btn btn-small" onClick={onReload} data-testid="conflict-reload">
        {t('doc.conflictReload')}
      </button>
    </div>
  );
}
