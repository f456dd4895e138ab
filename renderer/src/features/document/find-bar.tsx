// The find box of both previews: the text, previous/next hit (Enter / Shift+Enter) and the count.
import { DownIcon, UpIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';

export function FindBar({
  find,
  onFind,
  current,
  total,
  onGoTo,
}: {
  find: string;
  onFind: (text: string) => void;
  /** Index of the selected hit, -1 for none. */
  current: number;
  total: number;
  onGoTo: (index: number) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <input
        id="doc-find-input"
        className="input"
        type="search"
        value={find}
        placeholder={t('doc.findInDoc')}
        aria-label={t('doc.findInDoc')}
        onChange={(e) => onFind(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onGoTo(e.shiftKey ? current - 1 : current + 1);
          }
        }}
        data-testid="doc-find-input"
      />
      <button
        className="btn btn-icon"
        onClick={() => onGoTo(current - 1)}
        aria-label={t('doc.prevHit')}
        title={t('doc.prevHit')}
      >
        <UpIcon />
      </button>
      <button
        className="btn btn-icon"
        onClick={() => onGoTo(current + 1)}
        aria-label={t('doc.nextHit')}
        title={t('doc.nextHit')}
      >
        <DownIcon />
      </button>
      <span className="preview-status" data-testid="doc-hit-count">
        {find.trim() === ''
          ? ''
          : total > 0
            ? `${current >= 0 ? `${current + 1}/` : ''}${t('doc.hits', { count: total })}`
            : t('doc.noHits')}
      </span>
    </>
  );
}
