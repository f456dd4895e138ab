// The result list, virtualized (@tanstack/react-virtual) so 50 000 documents scroll smoothly; more
// hits are paged in when the user nears the end. Arrow keys move the selection, Enter opens.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type DragEvent, type KeyboardEvent, type Ref } from 'react';
import type { SearchHit } from '../../../../main/contract/search-types.js';
import { AccessBadge } from '../../components/access-badge.js';
import { formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { isSelectAllKey, type Selection } from '../review/use-selection.js';
import { SnippetText } from './snippet-text.js';

export function ResultRow({
  hit,
  selected,
  onOpenPage,
}: {
  hit: SearchHit;
  selected: boolean;
  /** Opens the document at a snippet's page (the hit's page in the preview). */
  onOpenPage: (page: number) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="result-head">
        {hit.number ? (
          <span className="result-number">{hit.number}</span>
        ) : (
          // Until a number is known, the original's file name is the best identity to show.
          <span className="result-number result-number-missing">
            {hit.files.find((f) => f.role === 'main')?.name ?? t('search.noNumber')}
          </span>
        )}
        {hit.docType ? <span className="result-type">{hit.docType}</span> : null}
        {hit.issuer ? <span className="result-issuer">{hit.issuer}</span> : null}
        <span className="result-date">{formatDate(hit.issuedDate)}</span>
        <AccessBadge level={hit.access} />
      </div>
      <div className="result-title">
        {hit.titleParts.length > 0 ? (
          <SnippetText parts={hit.titleParts} />
        ) : (
          hit.title || t('search.untitled')
        )}
      </div>
      {hit.section ? (
        // The article or khoản the hit is about ("Điều 5, khoản 2"), as cited; opens it.
        <div
          className="result-section"
          data-testid="result-section"
          title={`${hit.section.path}, ${t('common.page', { page: hit.section.page })}`}
          onClick={(e) => {
            e.stopPropagation();
            onOpenPage(hit.section!.page);
          }}
        >
          {hit.section.path}
        </div>
      ) : null}
      {hit.snippets.length > 0 ? (
        <div className="result-snippets">
          {hit.snippets.slice(0, selected ? 3 : 2).map((s, i) => (
            <div
              className="snippet"
              key={i}
              onClick={(e) => {
                if (s.page <= 0) return;
                e.stopPropagation();
                onOpenPage(s.page);
              }}
              title={s.page > 0 ? t('common.page', { page: s.page }) : undefined}
            >
              {s.page > 0 ? <span className="snippet-page">{t('common.page', { page: s.page })}</span> : null}
              <span>
                <SnippetText parts={s.parts} />
              </span>
            </div>
          ))}
        </div>
      ) : null}
      {hit.tags.length > 0 ? (
        <div className="result-tags">
          {hit.tags.map((tag) => (
            <span className="result-tag" key={tag}>
              <span className="tag-dot" />
              {tag}
            </span>
          ))}
        </div>
      ) : null}
    </>
  );
}

export function ResultList({
  hits,
  total,
  selected,
  onSelect,
  onOpen,
  onLoadMore,
  listRef,
  selection,
  onDrag,
}: {
  hits: SearchHit[];
  total: number;
  selected: number;
  onSelect: (i: number) => void;
  onOpen: (hit: SearchHit, page?: number) => void;
  onLoadMore: () => void;
  listRef: Ref<HTMLDivElement>;
  /** Checkboxes for bulk edits (Shift+click: a range, Ctrl+A: every hit loaded). */
  selection?: Selection;
  /**
   * Rows can be dragged (onto a hồ sơ): called at the start with the documents dragged — the row, or
   * every checked row when it is checked — and with null at the end.
   */
  onDrag?: (e: DragEvent, documentIds: number[] | null) => void;
}) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const more = hits.length < total;
  const virtualizer = useVirtualizer({
    count: hits.length + (more ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 118,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (more && last && last.index >= hits.length - 10) onLoadMore();
  }, [more, last, hits.length, onLoadMore]);

  useEffect(() => {
    if (selected >= 0 && selected < hits.length) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, hits.length, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (selection && isSelectAllKey(e)) {
      e.preventDefault();
      selection.selectAll();
      return;
    }
    if (selection && e.key === ' ' && hits[selected]) {
      e.preventDefault();
      selection.toggle(selected, e.shiftKey);
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / 118));
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(hits.length - 1, selected + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, selected - 1);
    else if (e.key === 'PageDown') next = Math.min(hits.length - 1, selected + page);
    else if (e.key === 'PageUp') next = Math.max(0, selected - page);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = hits.length - 1;
    else if (e.key === 'Enter') {
      const hit = hits[selected];
      if (hit) {
        e.preventDefault();
        onOpen(hit);
      }
      return;
    } else return;
    e.preventDefault();
    onSelect(next);
  };

  return (
    <div
      className="results"
      ref={(el) => {
        scrollRef.current = el;
        if (typeof listRef === 'function') listRef(el);
        else if (listRef) (listRef as { current: HTMLDivElement | null }).current = el;
      }}
      tabIndex={0}
      role="listbox"
      aria-label={t('search.label')}
      aria-activedescendant={selected >= 0 ? `result-${selected}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="results"
    >
      <div className="results-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const hit = hits[item.index];
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={hit ? `result${item.index === selected ? ' selected' : ''}` : 'result-loading'}
              style={{
                transform: `translateY(${item.start}px)`,
                position: 'absolute',
                left: 0,
                right: 0,
                top: 0,
              }}
              id={`result-${item.index}`}
              role={hit ? 'option' : undefined}
              aria-selected={hit ? item.index === selected : undefined}
              data-testid={hit ? 'search-result' : undefined}
              draggable={hit && onDrag ? true : undefined}
              onDragStart={
                hit && onDrag
                  ? (e) => onDrag(e, selection?.isChecked(hit.id) ? [...selection.ids] : [hit.id])
                  : undefined
              }
              onDragEnd={hit && onDrag ? (e) => onDrag(e, null) : undefined}
              onClick={() => {
                if (!hit) return;
                onSelect(item.index);
                onOpen(hit);
              }}
            >
              {hit && selection ? (
                <input
                  type="checkbox"
                  className="row-check"
                  checked={selection.isChecked(hit.id)}
                  aria-label={t('select.row', { name: hit.number ?? hit.title })}
                  data-testid="row-check"
                  onClick={(e) => {
                    e.stopPropagation();
                    selection.toggle(item.index, e.shiftKey);
                  }}
                  onChange={() => undefined}
                />
              ) : null}
              {hit?.partial && (item.index === 0 || !hits[item.index - 1]?.partial) ? (
                <div className="partial-separator" data-testid="partial-separator" role="separator">
                  {t('search.partlyMatching')}
                </div>
              ) : null}
              {hit ? (
                <ResultRow
                  hit={hit}
                  selected={item.index === selected}
                  onOpenPage={(page) => onOpen(hit, page)}
                />
              ) : (
                t('common.loading')
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
