// DOCX/TXT/HTML (and PDFs without a usable original) preview: the extracted text, page by page,
// laid out like a paper document, with the same Vietnamese find as the PDF preview.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PageText } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { FindBar } from './find-bar.js';
import { findMatches } from './fold-matcher.js';

/** Official headings are set in capitals ("QUYẾT ĐỊNH", "CỘNG HÒA XÃ HỘI…"): show them centred and bold. */
function isHeading(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && line.length <= 120 && letters === letters.toUpperCase();
}

function renderPage(
  text: string,
  query: string,
  firstHit: number,
  current: number,
): { node: ReactNode; hits: number } {
  const ranges = findMatches(text, query);
  const parts: ReactNode[] = [];
  let pos = 0;
  ranges.forEach((r, i) => {
    if (r.start > pos) parts.push(text.slice(pos, r.start));
    const k = firstHit + i;
    parts.push(
      <mark key={`m${k}`} data-hit={k} className={k === current ? 'current' : undefined}>
        {text.slice(r.start, r.end)}
      </mark>,
    );
    pos = r.end;
  });
  if (pos < text.length) parts.push(text.slice(pos));
  // Split into lines only to style headings; marks never span a line break in practice.
  const lines: ReactNode[][] = [[]];
  for (const part of parts) {
    if (typeof part !== 'string') {
      lines[lines.length - 1]!.push(part);
      continue;
    }
    const pieces = part.split('\n');
    pieces.forEach((p, i) => {
      if (i > 0) lines.push([]);
      if (p) lines[lines.length - 1]!.push(p);
    });
  }
  const textLines = text.split('\n');
  const node = lines.map((line, i) =>
    line.length === 0 ? (
      <div className="text-gap" key={i} />
    ) : isHeading(textLines[i] ?? '') ? (
      <div className="text-line text-heading" key={i}>
        {line}
      </div>
    ) : (
      <div className="text-line" key={i}>
        {line}
      </div>
    ),
  );
  return { node, hits: ranges.length };
}

export function TextPreview({
  fileId,
  query,
  initialPage,
}: {
  fileId: number;
  query: string;
  /** The search hit's page (its section's or best snippet's): the first hit there is selected. */
  initialPage?: number;
}) {
  const api = useApi();
  const { t } = useI18n();
  const [pages, setPages] = useState<PageText[] | null>(null);
  const [find, setFind] = useState(query);
  const [current, setCurrent] = useState(-1);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    void api.filePages({ fileId }).then((r) => {
      if (!cancelled) setPages(r.ok ? r.value : []);
    });
    return () => {
      cancelled = true;
    };
  }, [api, fileId]);

  const rendered = useMemo(() => {
    let hit = 0;
    return (pages ?? []).map((p) => {
      const r = renderPage(p.text, find, hit, current);
      hit += r.hits;
      return { pageNo: p.pageNo, ...r };
    });
  }, [pages, find, current]);
  const total = rendered.reduce((n, p) => n + p.hits, 0);

  const goTo = (k: number) => {
    if (total === 0) return;
    setCurrent(((k % total) + total) % total);
  };
  useEffect(() => {
    if (current < 0) return;
    scrollRef.current?.querySelector(`mark[data-hit="${current}"]`)?.scrollIntoView({ block: 'center' });
  }, [current]);
  // Select the first hit of the query the user came with once the text is there; a new find
  // text starts unselected.
  const [lastFind, setLastFind] = useState(find);
  if (lastFind !== find) {
    setLastFind(find);
    setCurrent(-1);
  }
  const autoSelected = useRef(false);
  useEffect(() => {
    if (autoSelected.current || total === 0) return;
    autoSelected.current = true;
    // The first hit on the hit's page or after it (as the PDF preview does), else the first.
    let before = 0;
    for (const p of rendered) {
      if (initialPage === undefined || p.pageNo >= initialPage) break;
      before += p.hits;
    }
    setCurrent(before < total ? before : 0);
  }, [total, rendered, initialPage]);

  return (
    <div className="doc-preview" data-testid="text-preview">
      <div className="preview-toolbar">
        <FindBar find={find} onFind={setFind} current={current} total={total} onGoTo={goTo} />
      </div>
      <div className="text-preview" ref={scrollRef}>
        {pages === null ? (
          <div className="preview-message">{t('common.loading')}</div>
        ) : pages.length === 0 ? (
          <div className="preview-message">{t('doc.noText')}</div>
        ) : (
          rendered.map((p) => (
            <article className="text-page" key={p.pageNo}>
              {rendered.length > 1 ? (
                <div className="text-page-no">{t('common.page', { page: p.pageNo })}</div>
              ) : null}
              {p.node}
            </article>
          ))
        )}
      </div>
    </div>
  );
}
