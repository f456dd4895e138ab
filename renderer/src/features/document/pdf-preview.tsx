// PDF preview: pdf.js's PDFViewer (lazy page rendering, text layer, zoom) plus page thumbnails and
// our own Vietnamese find: every page's text is folded and matched, hits are wrapped in <mark> in
// the text layer, and prev/next jump to a hit's page. A page read by OCR gets the scan layer instead
// (scan-layer.ts: its words laid on the image), matched and marked by the same rule, and its pdf.js
// text layer is hidden (a mojibake page's text layer is garbage).
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { OcrWordDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { FindBar } from './find-bar.js';
import { findMatches } from './fold-matcher.js';
import { buildScanLayer, markCurrentHit } from './scan-layer.js';
import { ocrHits } from './scan-words.js';
import { loadViewerModule, openPdf } from './pdf-setup.js';
import {
  fitSpan,
  pageString,
  pdfFontFace,
  segmentsByItem,
  type FontFace,
  type PdfTextItem,
} from './pdf-text.js';
import { ZoomButtons } from './zoom-buttons.js';

type Viewer = InstanceType<Awaited<ReturnType<typeof loadViewerModule>>['PDFViewer']>;

interface PageHits {
  /** The page's text items, as the text layer shows them. */
  items: PdfTextItem[];
  count: number;
}

/**
 * pdf.js keeps each page's text-layer spans and their strings on the page view's text highlighter
 * (the same mapping its own find controller uses); we read it to wrap our folded matches.
 */
interface TextMapping {
  textDivs: HTMLElement[] | null;
  textContentItemsStr: string[] | null;
}

/** What of a page view we touch: its box (the scan layer goes in it) and its size ratio. */
interface PageViewLike {
  div?: HTMLDivElement;
  viewport?: { width: number; height: number };
  _textHighlighter?: TextMapping;
}

function countHits(items: PdfTextItem[], query: string): number {
  return findMatches(pageString(items).text, query).length;
}

/**
 * The text layer's items with their line ends: pdf.js puts a <br> after the span of an item that
 * ends a line. An empty item has no span, only its <br> (then right after the previous span), and
 * pageString reads it as a line end of its own.
 */
function layerItems(divs: HTMLElement[], strs: string[]): PdfTextItem[] {
  return strs.map((str, i) => ({
    str,
    eol: strs[i + 1] !== '' && divs[i]?.nextSibling?.nodeName === 'BR',
  }));
}

/** Wraps the query's matches in the page's text layer divs; returns the marks in page order. */
function highlightPage(divs: HTMLElement[], strs: string[], query: string): HTMLElement[] {
  const items = layerItems(divs, strs);
  const { text, starts } = pageString(items);
  for (let i = 0; i < divs.length; i++) {
    const div = divs[i]!;
    if (div.dataset.vkMarked) {
      div.textContent = strs[i] ?? '';
      delete div.dataset.vkMarked;
    }
  }
  const marks: HTMLElement[] = [];
  const ranges = findMatches(text, query);
  // Split each range over the items it spans, then rebuild each touched div once.
  const perItem = segmentsByItem(items, starts, ranges);
  const firstMarkOfHit = new Map<number, HTMLElement>();
  for (const [i, segs] of [...perItem.entries()].sort((a, b) => a[0] - b[0])) {
    const div = divs[i];
    const str = strs[i] ?? '';
    if (!div) continue;
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const seg of segs) {
      if (seg.start > pos) frag.append(str.slice(pos, seg.start));
      const mark = document.createElement('mark');
      mark.className = 'vk-hit';
      mark.dataset.hit = String(seg.hit);
      mark.textContent = str.slice(seg.start, seg.end);
      frag.append(mark);
      if (!firstMarkOfHit.has(seg.hit)) firstMarkOfHit.set(seg.hit, mark);
      pos = seg.end;
    }
    if (pos < str.length) frag.append(str.slice(pos));
    div.textContent = '';
    div.append(frag);
    div.dataset.vkMarked = '1';
  }
  for (let h = 0; h < ranges.length; h++) {
    const m = firstMarkOfHit.get(h);
    if (m) marks.push(m);
  }
  return marks;
}

let measureCtx: CanvasRenderingContext2D | null = null;
const installedFaces = new Map<string, boolean>();
type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;
const textContents = new WeakMap<PDFPageProxy, Promise<TextContent>>();

/**
 * A page's text items, read from the pdf.js worker once per page: the hit counts of every page and
 * the font fit of each rendered one use the same reading (doc.getPage returns the viewer's proxy).
 */
function textContentOf(page: PDFPageProxy): Promise<TextContent> {
  let read = textContents.get(page);
  if (!read) {
    read = page.getTextContent({ disableNormalization: true });
    textContents.set(page, read);
  }
  return read;
}

function measure(text: string, font: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return 0;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

function cssFont(face: FontFace, px: number): string {
  return `${face.style} ${face.weight} ${px}px "${face.family}"`;
}

/**
 * Whether the browser has the font: a missing one falls back to the generic family after it, so it
 * measures as both generics do; an installed one differs from one of them at least (it may be the
 * default serif itself).
 */
function installed(face: FontFace): boolean {
  let known = installedFaces.get(face.family);
  if (known === undefined) {
    const probe = 'mmmmmmmmmmlli Quyết định 15/2025';
    known = ['monospace', 'serif'].some(
      (generic) => measure(probe, `40px "${face.family}", ${generic}`) !== measure(probe, `40px ${generic}`),
    );
    installedFaces.set(face.family, known);
  }
  return known;
}

/**
 * Lays the page's text-layer spans out in the PDF's own font when the browser has it, spaces taking
 * a justified line's extra width (fitSpan). pdf.js lays every span out in a generic family stretched
 * to its width, so in a justified line a mark drifts off its words ("15/2025/QĐ-UBND ngày" drawn over
 * " 0" of "01/3/2025"). Runs after every text-layer render, zoom included: pdf.js fits the spans
 * again then, measuring the family each span has.
 */
async function fitTextLayer(page: PDFPageProxy, divs: HTMLElement[], strs: string[]): Promise<void> {
  // Each item's font (a zoom lays the same spans out again: the reading is the page's one).
  const fonts = (await textContentOf(page)).items.flatMap((it) => ('str' in it ? [it.fontName] : []));
  if (fonts.length !== strs.length) return;
  const faces = new Map<string, FontFace | null>();
  const faceOf = (loadedName: string): FontFace | null => {
    if (!faces.has(loadedName)) {
      const obj = page.commonObjs.has(loadedName)
        ? (page.commonObjs.get(loadedName) as { name?: string } | null)
        : null;
      const face = pdfFontFace(obj?.name);
      faces.set(loadedName, face && installed(face) ? face : null);
    }
    return faces.get(loadedName) ?? null;
  };
  // Read everything first (one style pass), then write.
  const plan: { div: HTMLElement; face: FontFace; px: number; scale: number; family: string }[] = [];
  for (let i = 0; i < divs.length; i++) {
    const div = divs[i]!;
    const str = strs[i] ?? '';
    if (str.trim().length < 2 || !div.isConnected || div.style.getPropertyValue('--rotate')) continue;
    const face = faceOf(fonts[i]!);
    if (!face) continue;
    const scale = Number.parseFloat(div.style.getPropertyValue('--scale-x'));
    if (!(scale > 0)) continue;
    const px = Number.parseFloat(getComputedStyle(div).fontSize);
    if (!(px > 0)) continue;
    plan.push({ div, face, px, scale, family: div.style.fontFamily });
  }
  for (const { div, face, px, scale, family } of plan) {
    const str = div.textContent ?? '';
    // The width pdf.js fitted the span to: its text in the family it measured (no weight), stretched.
    const target = measure(str, `${px}px ${family}`) * scale;
    const natural = measure(str, cssFont(face, px));
    const spaces = str.trim().split(/\s+/).length - 1;
    const fit = fitSpan(target, natural, spaces, measure(' ', cssFont(face, px)));
    div.style.fontFamily = `"${face.family}", ${family.replace(/^"[^"]*",\s*/, '')}`;
    div.style.fontWeight = face.weight;
    div.style.fontStyle = face.style;
    div.style.setProperty('--scale-x', String(fit.scaleX));
    div.style.wordSpacing = fit.wordSpacing ? `${fit.wordSpacing}px` : '';
  }
}

function Thumbnail({
  doc,
  pageNo,
  active,
  hasHit,
  review,
  onClick,
}: {
  doc: PDFDocumentProxy;
  pageNo: number;
  active: boolean;
  hasHit: boolean;
  /** Read by OCR below the review mark: "cần rà soát". */
  review: boolean;
  onClick: () => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let cancelled = false;
    let task: { cancel: () => void } | null = null;
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        io.disconnect();
        void doc
          .getPage(pageNo)
          .then((page) => {
            if (cancelled) return;
            const viewport = page.getViewport({ scale: 0.25 });
            canvas.width = Math.floor(viewport.width);
            canvas.height = Math.floor(viewport.height);
            const r = page.render({ canvas, viewport });
            task = r;
            r.promise.catch(() => undefined);
          })
          // The document may be destroyed (screen left) before the page arrives.
          .catch(() => undefined);
      },
      { rootMargin: '200px' },
    );
    io.observe(canvas);
    return () => {
      cancelled = true;
      io.disconnect();
      task?.cancel();
    };
  }, [doc, pageNo]);
  return (
    <button
      className={`thumb${active ? ' active' : ''}${hasHit ? ' has-hit' : ''}`}
      onClick={onClick}
      aria-label={t('common.page', { page: pageNo })}
      data-testid="pdf-thumb"
      data-review={review ? '1' : undefined}
    >
      <canvas ref={ref} width={80} height={110} />
      <span className="thumb-label">{pageNo}</span>
      {review ? (
        <span className="thumb-review" title={t('ocr.docReviewHint')} data-testid="pdf-thumb-review">
          {t('ocr.docReview')}
        </span>
      ) : null}
    </button>
  );
}

export function PdfPreview({
  url,
  query,
  initialPage,
  ocr,
}: {
  url: string;
  query: string;
  initialPage?: number;
  /** The file and its document: pages read by OCR show their words over the scan. */
  ocr?: { fileId: number; documentId: number };
}) {
  const { t } = useI18n();
  const api = useApi();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<Viewer | null>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState(false);
  const [page, setPage] = useState(1);
  const [find, setFind] = useState(query);
  const [pageHits, setPageHits] = useState<PageHits[]>([]);
  const [current, setCurrent] = useState(-1);
  const findRef = useRef(find);
  findRef.current = find;
  const marksByPage = useRef(new Map<number, HTMLElement[]>());
  const pendingScroll = useRef<{ page: number; index: number } | null>(null);
  // OCR words of the pages read by OCR (page number → words), and each one's built layer.
  const [ocrWords, setOcrWords] = useState<Map<number, OcrWordDto[]>>(new Map());
  const ocrWordsRef = useRef(ocrWords);
  ocrWordsRef.current = ocrWords;
  const scanLayers = useRef(new Map<number, HTMLDivElement>());
  const [reviewPages, setReviewPages] = useState<ReadonlySet<number>>(new Set());

  /**
   * Lays the page's scan layer (built for the find text) into its page view; pdf.js empties the view
   * on a re-render, so each render puts it back. Returns the page's marks, or null for a page
   * without OCR words.
   */
  const placeScanLayer = (pageNo: number, rebuild: boolean): HTMLElement[] | null => {
    const words = ocrWordsRef.current.get(pageNo);
    const view = viewerRef.current?.getPageView(pageNo - 1) as PageViewLike | undefined;
    if (!words || !view?.div || !view.viewport) return null;
    let layer = scanLayers.current.get(pageNo);
    let marks = marksByPage.current.get(pageNo) ?? [];
    if (!layer || rebuild) {
      layer?.remove();
      const built = buildScanLayer(words, findRef.current, view.viewport.width / view.viewport.height);
      layer = built.layer;
      marks = built.marks;
      scanLayers.current.set(pageNo, layer);
      marksByPage.current.set(pageNo, marks);
    }
    if (layer.parentElement !== view.div) view.div.append(layer);
    // The page's own text layer is pdf.js's reading of the PDF's text: empty for a scan, glyph codes
    // for a legacy font without ToUnicode. Hidden (styles.css), so selection, copy and the find's
    // marks are the OCR words only.
    view.div.dataset.vkOcr = '1';
    return marks;
  };
  const placeScanLayerRef = useRef(placeScanLayer);
  placeScanLayerRef.current = placeScanLayer;

  // The words of the file's OCR pages (only those read: a waiting page has none yet).
  useEffect(() => {
    if (!ocr) return;
    let cancelled = false;
    void (async () => {
      const summary = await api.ocrSummary({ documentId: ocr.documentId });
      if (!summary.ok || cancelled) return;
      const found = new Map<number, OcrWordDto[]>();
      setReviewPages(
        new Set(
          summary.value.pages
            .filter((p) => p.fileId === ocr.fileId && p.state === 'done' && p.low)
            .map((p) => p.pageNo),
        ),
      );
      for (const p of summary.value.pages) {
        if (p.fileId !== ocr.fileId || p.state !== 'done') continue;
        const r = await api.ocrPageWords({ fileId: ocr.fileId, page: p.pageNo });
        if (cancelled) return;
        if (r.ok && r.value.words.length > 0) found.set(p.pageNo, r.value.words);
      }
      setOcrWords(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [api, ocr?.fileId, ocr?.documentId]);

  // Load the document and build the viewer.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let disposed = false;
    const task = openPdf(url);
    void (async () => {
      try {
        const [{ EventBus, PDFLinkService, PDFViewer }, pdf] = await Promise.all([
          loadViewerModule(),
          task.promise,
        ]);
        if (disposed) return;
        const eventBus = new EventBus();
        const linkService = new PDFLinkService({ eventBus });
        const viewerDiv = container.querySelector<HTMLDivElement>('.pdfViewer')!;
        const viewer = new PDFViewer({
          container,
          viewer: viewerDiv,
          eventBus,
          linkService,
          removePageBorders: true,
        });
        linkService.setViewer(viewer);
        viewerRef.current = viewer;
        eventBus.on('pagesinit', () => {
          viewer.currentScaleValue = 'page-width';
          if (initialPage && initialPage > 1 && initialPage <= pdf.numPages)
            viewer.currentPageNumber = initialPage;
        });
        eventBus.on('pagechanging', (e: { pageNumber: number }) => setPage(e.pageNumber));
        eventBus.on('pagerendered', (e: { pageNumber: number }) => {
          placeScanLayerRef.current(e.pageNumber, false);
        });
        eventBus.on(
          'textlayerrendered',
          (e: { pageNumber: number; source: { _textHighlighter?: TextMapping; pdfPage?: PDFPageProxy } }) => {
            const mapping = e.source._textHighlighter;
            let marks = placeScanLayerRef.current(e.pageNumber, false);
            if (!marks) {
              if (!mapping?.textDivs || !mapping.textContentItemsStr) return;
              marks = highlightPage(mapping.textDivs, mapping.textContentItemsStr, findRef.current);
              marksByPage.current.set(e.pageNumber, marks);
              if (e.source.pdfPage)
                void fitTextLayer(e.source.pdfPage, mapping.textDivs, mapping.textContentItemsStr).catch(
                  () => undefined, // the document was closed meanwhile
                );
            }
            const want = pendingScroll.current;
            if (want && want.page === e.pageNumber) {
              pendingScroll.current = null;
              const m = marks[want.index];
              if (m) {
                markCurrentHit(container, m);
                m.scrollIntoView({ block: 'center' });
              }
            }
          },
        );
        viewer.setDocument(pdf);
        linkService.setDocument(pdf);
        setDoc(pdf);
      } catch {
        if (!disposed) setError(true);
      }
    })();
    return () => {
      disposed = true;
      viewerRef.current = null;
      scanLayers.current.clear();
      void task.destroy();
    };
  }, [url, initialPage]);

  // Text of every page (for hit counts and prev/next across pages that are not rendered yet).
  const [pageItems, setPageItems] = useState<PdfTextItem[][]>([]);
  useEffect(() => {
    if (!doc) return;
    let cancelled = false;
    void (async () => {
      const all: PdfTextItem[][] = [];
      const n = Math.min(doc.numPages, 500);
      for (let p = 1; p <= n; p++) {
        const page = await doc.getPage(p);
        const content = await textContentOf(page);
        all.push(content.items.flatMap((it) => ('str' in it ? [{ str: it.str, eol: it.hasEOL }] : [])));
        if (cancelled) return;
      }
      setPageItems(all);
    })().catch(() => {
      // Leaving the document destroys its worker mid-loop ("Worker was terminated"): nothing to do.
      // Otherwise the hit counts simply stay those of the rendered pages.
    });
    return () => {
      cancelled = true;
    };
  }, [doc]);

  // Re-match when the find text changes: counts per page and the marks on rendered pages. A page
  // read by OCR counts and marks its words, not its (empty or unreadable) text layer.
  useEffect(() => {
    setPageHits(
      pageItems.map((items, i) => {
        const words = ocrWords.get(i + 1);
        return { items, count: words ? ocrHits(words, find).length : countHits(items, find) };
      }),
    );
    setCurrent(-1);
    const viewer = viewerRef.current;
    if (!viewer) return;
    for (let i = 0; i < viewer.pagesCount; i++) {
      const view = viewer.getPageView(i) as PageViewLike | undefined;
      if (ocrWords.has(i + 1)) {
        if (view?.div?.querySelector('canvas')) placeScanLayer(i + 1, true);
        else {
          // Built when the page is next drawn; its old marks must not be scrolled to.
          scanLayers.current.get(i + 1)?.remove();
          scanLayers.current.delete(i + 1);
          marksByPage.current.delete(i + 1);
        }
        continue;
      }
      const mapping = view?._textHighlighter;
      if (mapping?.textDivs && mapping.textContentItemsStr) {
        marksByPage.current.set(i + 1, highlightPage(mapping.textDivs, mapping.textContentItemsStr, find));
      }
    }
  }, [find, pageItems, ocrWords]);

  const total = pageHits.reduce((n, p) => n + p.count, 0);

  const goToHit = (k: number) => {
    const viewer = viewerRef.current;
    if (!viewer || total === 0) return;
    const idx = ((k % total) + total) % total;
    setCurrent(idx);
    let rest = idx;
    let pageNo = 1;
    for (let p = 0; p < pageHits.length; p++) {
      const c = pageHits[p]!.count;
      if (rest < c) {
        pageNo = p + 1;
        break;
      }
      rest -= c;
    }
    const container = containerRef.current;
    if (container)
      for (const el of container.querySelectorAll('.vk-hit.current')) el.classList.remove('current');
    const marks = marksByPage.current.get(pageNo);
    const m = marks?.[rest];
    if (m && m.isConnected) {
      markCurrentHit(container ?? m, m);
      m.scrollIntoView({ block: 'center' });
    } else {
      pendingScroll.current = { page: pageNo, index: rest };
      viewer.currentPageNumber = pageNo;
    }
  };

  // Jump to the first hit once the counts are known (the search hit's page when it has one).
  const goToHitRef = useRef(goToHit);
  goToHitRef.current = goToHit;
  const jumped = useRef(false);
  useEffect(() => {
    if (jumped.current || total === 0 || !viewerRef.current) return;
    jumped.current = true;
    let before = 0;
    if (initialPage && initialPage > 1)
      for (let p = 0; p < initialPage - 1; p++) before += pageHits[p]?.count ?? 0;
    if (before >= total) before = 0;
    goToHitRef.current(before);
  }, [total, initialPage, pageHits]);

  const zoom = (factor: number) => {
    const v = viewerRef.current;
    if (v) v.currentScale = Math.min(4, Math.max(0.25, v.currentScale * factor));
  };

  return (
    <div className="doc-preview" data-testid="pdf-preview">
      <div className="preview-toolbar">
        <FindBar find={find} onFind={setFind} current={current} total={total} onGoTo={goToHit} />
        <span className="sep" />
        <ZoomButtons
          onZoom={zoom}
          onFitWidth={() => {
            if (viewerRef.current) viewerRef.current.currentScaleValue = 'page-width';
          }}
        />
        <span className="preview-status" style={{ marginLeft: 'auto' }}>
          {doc ? t('doc.pageOf', { page, total: doc.numPages }) : ''}
        </span>
      </div>
      {error ? (
        <div className="preview-message">{t('doc.pdfError')}</div>
      ) : (
        <div className="preview-main">
          <div className="thumbs">
            {doc
              ? Array.from({ length: doc.numPages }, (_, i) => (
                  <Thumbnail
                    key={i}
                    doc={doc}
                    pageNo={i + 1}
                    active={page === i + 1}
                    hasHit={(pageHits[i]?.count ?? 0) > 0}
                    review={reviewPages.has(i + 1)}
                    onClick={() => {
                      if (viewerRef.current) viewerRef.current.currentPageNumber = i + 1;
                    }}
                  />
                ))
              : null}
          </div>
          <div className="pdf-scroll">
            <div className="pdf-container" ref={containerRef}>
              <div className="pdfViewer" />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
