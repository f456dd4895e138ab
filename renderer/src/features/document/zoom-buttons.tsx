// The previews' zoom controls (PDF, scanned image): one look and one set of labels for both.
import { ZoomInIcon, ZoomOutIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';

/** Zoom out / in by 1.2× and fit to the width; the preview decides what a factor means to it. */
export function ZoomButtons({
  onZoom,
  onFitWidth,
}: {
  onZoom: (factor: number) => void;
  onFitWidth: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <button
        className="btn btn-icon"
        onClick={() => onZoom(1 / 1.2)}
        aria-label={t('doc.zoomOut')}
        title={t('doc.zoomOut')}
      >
        <ZoomOutIcon />
      </button>
      <button
        className="btn btn-icon"
        onClick={() => onZoom(1.2)}
        aria-label={t('doc.zoomIn')}
        title={t('doc.zoomIn')}
      >
        <ZoomInIcon />
      </button>
      <button className="btn btn-small" onClick={onFitWidth}>
        {t('doc.fitWidth')}
      </button>
    </>
  );
}
