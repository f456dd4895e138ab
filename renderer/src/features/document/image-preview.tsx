// Image preview (a scanned JPEG/PNG/WebP): the image with its OCR words as the scan layer over it,
// found with the same Vietnamese find as the other previews.
import { useEffect, useRef, useState } from 'react';
import type { OcrWordDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { FindBar } from './find-bar.js';
import { buildScanLayer, markCurrentHit } from './scan-layer.js';
import { ZoomButtons } from './zoom-buttons.js';

/** Images a browser shows itself (a TIFF is not one: tiff-preview.tsx shows its pages as PNGs). */
export const DISPLAYABLE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function ImagePreview({ fileId, url, query }: { fileId: number; url: string; query: string }) {
  const api = useApi();
  const { t } = useI18n();
  const [words, setWords] = useState<OcrWordDto[]>([]);
  const [aspect, setAspect] = useState<number | null>(null);
  const [error, setError] = useState(false);
  const [find, setFind] = useState(query);
  const [current, setCurrent] = useState(-1);
  const [total, setTotal] = useState(0);
  const [width, setWidth] = useState(100);
  const pageRef = useRef<HTMLDivElement>(null);
  const marks = useRef<HTMLElement[]>([]);

  // An image is one OCR page.
  useEffect(() => {
    let cancelled = false;
    void api.ocrPageWords({ fileId, page: 1 }).then((r) => {
      if (!cancelled && r.ok) setWords(r.value.words);
    });
    return () => {
      cancelled = true;
    };
  }, [api, fileId]);

  // The layer follows the words and the find text (and needs the image's shape for the spans).
  useEffect(() => {
    const box = pageRef.current;
    if (!box || aspect === null) return;
    const built = buildScanLayer(words, find, aspect);
    box.querySelector('.scan-layer')?.remove();
    box.append(built.layer);
    marks.current = built.marks;
    setTotal(built.marks.length);
    setCurrent(-1);
  }, [words, find, aspect]);

  const goTo = (k: number) => {
    const n = marks.current.length;
    if (n === 0) return;
    const idx = ((k % n) + n) % n;
    const m = marks.current[idx]!;
    markCurrentHit(pageRef.current ?? m, m);
    m.scrollIntoView({ block: 'center' });
    setCurrent(idx);
  };

  // Select the first hit of the query the user came with, once the words are on the image.
  const autoSelected = useRef(false);
  const goToRef = useRef(goTo);
  goToRef.current = goTo;
  useEffect(() => {
    if (autoSelected.current || total === 0) return;
    autoSelected.current = true;
    goToRef.current(0);
  }, [total]);

  const zoom = (factor: number) => setWidth((w) => Math.min(400, Math.max(25, Math.round(w * factor))));

  return (
    <div className="doc-preview" data-testid="image-preview">
      <div className="preview-toolbar">
        <FindBar find={find} onFind={setFind} current={current} total={total} onGoTo={goTo} />
        <span className="sep" />
        <ZoomButtons onZoom={zoom} onFitWidth={() => setWidth(100)} />
      </div>
      {error ? (
        <div className="preview-message">{t('doc.imageError')}</div>
      ) : (
        <div className="image-scroll">
          <div className="scan-page" ref={pageRef} style={{ width: `${width}%` }}>
            <img
              src={url}
              alt=""
              draggable={false}
              onLoad={(e) => setAspect(e.currentTarget.naturalWidth / e.currentTarget.naturalHeight)}
              onError={() => setError(true)}
            />
          </div>
        </div>
      )}
    </div>
  );
}
