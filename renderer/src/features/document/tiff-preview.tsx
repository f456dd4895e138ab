// TIFF preview (a scanner's multi-page TIFF, which browsers cannot show): each page as the PNG the
// host derives from it (fileUrl with `page`), its OCR words as the scan layer over it, thumbnails,
// and the find's hits across the pages, as for a scanned PDF.
import { useEffect, useRef, useState } from 'react';
import type { OcrWordDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { FindBar } from './find-bar.js';
import { buildScanLayer, markCurrentHit } from './scan-layer.js';
import { ZoomButtons } from './zoom-buttons.js';

/** An A4 page's width over height, until a page's image gives its own. */
const A4_ASPECT = 210 / 297;

interface BuiltLayer {
  key: string;
  words: OcrWordDto[];
  layer: HTMLDivElement;
  marks: HTMLElement[];
}

export function TiffPreview({
  fileId,
  documentId,
  pageCount,
  query,
  initialPage,
}: {
  fileId: number;
  documentId: number;
  /** The pages the import counted (null when unknown: the OCR rows then tell). */
  pageCount: number | null;
  query: string;
  initialPage?: number;
}) {
  const api = useApi();
  const { t } = useI18n();
  const [pages, setPages] = useState(Math.max(1, pageCount ?? 1));
  const [words, setWords] = useState<ReadonlyMap<number, OcrWordDto[]>>(new Map());
  const [review, setReview] = useState<ReadonlySet<number>>(new Set());
  const [aspects, setAspects] = useState<ReadonlyMap<number, number>>(new Map());
  const [broken, setBroken] = useState<ReadonlySet<number>>(new Set());
  const [find, setFind] = useState(query);
  const [current, setCurrent] = useState(-1);
  const [total, setTotal] = useState(0);
  const [hitPages, setHitPages] = useState<ReadonlySet<number>>(new Set());
  const [page, setPage] = useState(initialPage ?? 1);
  const [width, setWidth] = useState(100);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pageRefs = useRef(new Map<number, HTMLDivElement>());
  const built = useRef(new Map<number, BuiltLayer>());
  const marks = useRef<{ page: number; mark: HTMLElement }[]>([]);
  const currentRef = useRef(current);
  currentRef.current = current;

  // The file's OCR pages: how many, which to review, and the words of those read.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const summary = await api.ocrSummary({ documentId });
      if (!summary.ok || cancelled) return;
      const mine = summary.value.pages.filter((p) => p.fileId === fileId);
      setPages((n) => Math.max(n, ...mine.map((p) => p.pageNo)));
      setReview(new Set(mine.filter((p) => p.state === 'done' && p.low).map((p) => p.pageNo)));
      const found = new Map<number, OcrWordDto[]>();
      for (const p of mine) {
        if (p.state !== 'done') continue;
        const r = await api.ocrPageWords({ fileId, page: p.pageNo });
        if (cancelled) return;
        if (r.ok && r.value.words.length > 0) found.set(p.pageNo, r.value.words);
      }
      setWords(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [api, fileId, documentId]);

  // A new find (or new words) starts from no current hit; an image arriving keeps the current one.
  const restart = useRef(true);
  useEffect(() => {
    restart.current = true;
  }, [words, find]);

  // Each page's layer, built for the find text and the page's shape, rebuilt only when either changes.
  useEffect(() => {
    const all: { page: number; mark: HTMLElement }[] = [];
    const withHits = new Set<number>();
    for (let p = 1; p <= pages; p++) {
      const box = pageRefs.current.get(p);
      const w = words.get(p);
      if (!box || !w) continue;
      const aspect = aspects.get(p) ?? A4_ASPECT;
      const key = `${find}\u0000${aspect}`;
      let b = built.current.get(p);
      if (!b || b.key !== key || b.words !== w) {
        b?.layer.remove();
        const r = buildScanLayer(w, find, aspect);
        b = { key, words: w, layer: r.layer, marks: r.marks };
        built.current.set(p, b);
      }
      if (b.layer.parentElement !== box) box.append(b.layer);
      for (const mark of b.marks) all.push({ page: p, mark });
      if (b.marks.length > 0) withHits.add(p);
    }
    marks.current = all;
    setTotal(all.length);
    setHitPages(withHits);
    if (restart.current) {
      restart.current = false;
      setCurrent(-1);
    } else {
      const kept = all[currentRef.current];
      if (kept && scrollRef.current) markCurrentHit(scrollRef.current, kept.mark);
    }
  }, [words, find, aspects, pages]);

  const goTo = (k: number) => {
    const n = marks.current.length;
    if (n === 0) return;
    const idx = ((k % n) + n) % n;
    const hit = marks.current[idx]!;
    markCurrentHit(scrollRef.current ?? hit.mark, hit.mark);
    hit.mark.scrollIntoView({ block: 'center' });
    setCurrent(idx);
    setPage(hit.page);
  };

  // The first hit of the query the user came with (on or after the page the hit was on), once.
  const autoSelected = useRef(false);
  const goToRef = useRef(goTo);
  goToRef.current = goTo;
  useEffect(() => {
    if (autoSelected.current || total === 0) return;
    autoSelected.current = true;
    const from = marks.current.findIndex((m) => m.page >= (initialPage ?? 1));
    goToRef.current(Math.max(0, from));
  }, [total, initialPage]);

  // Opened on a page: shown from there.
  useEffect(() => {
    if (initialPage && initialPage > 1) pageRefs.current.get(initialPage)?.scrollIntoView({ block: 'start' });
  }, [initialPage]);

  const showPage = (p: number) => {
    pageRefs.current.get(p)?.scrollIntoView({ block: 'start' });
    setPage(p);
  };

  // The page in view: the last whose top is above a third of the scroll box.
  const onScroll = () => {
    const root = scrollRef.current;
    if (!root) return;
    const line = root.getBoundingClientRect().top + root.clientHeight / 3;
    let inView = 1;
    for (const [p, el] of pageRefs.current)
      if (el.getBoundingClientRect().top <= line && p > inView) inView = p;
    setPage(inView);
  };

  const zoom = (factor: number) => setWidth((w) => Math.min(400, Math.max(25, Math.round(w * factor))));
  const numbers = Array.from({ length: pages }, (_, i) => i + 1);

  return (
    <div className="doc-preview" data-testid="tiff-preview">
      <div className="preview-toolbar">
        <FindBar find={find} onFind={setFind} current={current} total={total} onGoTo={goTo} />
        <span className="sep" />
        <ZoomButtons onZoom={zoom} onFitWidth={() => setWidth(100)} />
        <span className="preview-status" style={{ marginLeft: 'auto' }}>
          {t('doc.pageOf', { page, total: pages })}
        </span>
      </div>
      <div className={`preview-main${pages > 1 ? '' : ' no-thumbs'}`}>
        {pages > 1 ? (
          <div className="thumbs">
            {numbers.map((p) => (
              <button
                key={p}
                className={`thumb${page === p ? ' active' : ''}${hitPages.has(p) ? ' has-hit' : ''}`}
                onClick={() => showPage(p)}
                aria-label={t('common.page', { page: p })}
                data-testid="tiff-thumb"
                data-review={review.has(p) ? '1' : undefined}
              >
                <img src={api.fileUrl(fileId, { page: p })} alt="" loading="lazy" draggable={false} />
                <span className="thumb-label">{p}</span>
                {review.has(p) ? (
                  <span className="thumb-review" title={t('ocr.docReviewHint')}>
                    {t('ocr.docReview')}
                  </span>
                ) : null}
              </button>
            ))}
          </div>
        ) : null}
        <div className="image-scroll" ref={scrollRef} onScroll={onScroll}>
          {numbers.map((p) => (
            <div
              key={p}
              className="scan-page tiff-page"
              data-page-number={p}
              data-testid="tiff-page"
              ref={(el) => {
                if (el) pageRefs.current.set(p, el);
                else pageRefs.current.delete(p);
              }}
              style={{ width: `${width}%`, aspectRatio: String(aspects.get(p) ?? A4_ASPECT) }}
            >
              {broken.has(p) ? (
                <div className="preview-message">{t('doc.imageError')}</div>
              ) : (
                <img
                  src={api.fileUrl(fileId, { page: p })}
                  alt={t('common.page', { page: p })}
                  loading="lazy"
                  draggable={false}
                  onLoad={(e) => {
                    const a = e.currentTarget.naturalWidth / e.currentTarget.naturalHeight;
                    setAspects((m) => (m.get(p) === a ? m : new Map(m).set(p, a)));
                  }}
                  onError={() => setBroken((s) => new Set(s).add(p))}
                />
              )}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
