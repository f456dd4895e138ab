// Search: one box (instant find while typing, full search on a short pause or Enter), filter chips,
// facet lists, sort, and the virtualized result list with keyboard navigation.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { InstantHit, SearchHit, SearchSort } from '../../../../main/contract/search-types.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatCount, formatDate } from '../../components/format.js';
import { CloseIcon, SearchIcon } from '../../components/icons.js';
import { errorText } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';
import { RecordDropTray, startDocumentsDrag } from '../records/record-drop-tray.js';
import { BulkBar } from '../review/bulk-bar.js';
import { useSelection } from '../review/use-selection.js';
import { FacetPanel, facetLabel, toggleFilter, yearValue, type FacetKey } from './facet-panel.js';
import { ResultList } from './result-list.js';
import { effectiveSort, useSearch } from './use-search.js';

const DEBOUNCE_MS = 280;

export function SearchScreen() {
  const { t, lang } = useI18n();
  const api = useApi();
  const {
    search,
    setSearch,
    navigate,
    dataVersion,
    searchFocusTick,
    archive,
    archiveLoaded,
    appInfo,
    trackImport,
    mayEdit,
  } = useAppState();
  // `ask` counts Enter presses: Enter asks again even for the same words (another user's change, a
  // new grant on a shared server, shows without a reload).
  const [committed, setCommitted] = useState({ query: search.query, asYouType: false, ask: 0 });
  const [instant, setInstant] = useState<InstantHit[]>([]);
  const [instantOpen, setInstantOpen] = useState(false);
  const [instantSel, setInstantSel] = useState(-1);
  const [selected, setSelected] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const instantSeq = useRef(0);
  /** The documents a result drag carries while it goes on (the hồ sơ drop targets show). */
  const [dragged, setDragged] = useState<number[] | null>(null);

  const results = useSearch(search, committed.query, committed.asYouType, dataVersion, committed.ask);
  const hitIds = useMemo(() => results.hits.map((h) => h.id), [results.hits]);
  const selection = useSelection(hitIds);

  useEffect(() => {
    inputRef.current?.focus();
  }, [searchFocusTick]);

  // Full search after a short pause in typing.
  useEffect(() => {
    if (search.query === committed.query) return;
    const id = window.setTimeout(
      () => setCommitted((c) => ({ ...c, query: search.query, asYouType: true })),
      DEBOUNCE_MS,
    );
    return () => window.clearTimeout(id);
  }, [search.query, committed.query]);

  // Instant find (identity fields: number, title, issuer…) on every keystroke.
  useEffect(() => {
    const prefix = search.query.trim();
    const my = ++instantSeq.current;
    if (prefix.length < 2) {
      setInstant([]);
      return;
    }
    const id = window.setTimeout(() => {
      void api.instantFind({ prefix, limit: 6 }).then((r) => {
        if (my === instantSeq.current) setInstant(r.ok ? r.value : []);
      });
    }, 60);
    return () => window.clearTimeout(id);
  }, [api, search.query]);

  // Another query, filter or sort starts at the top of its results (a refresh after an import does not).
  const answeredKey = results.answered?.key;
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = 0;
  }, [answeredKey]);

  const noHits = results.hits.length === 0;
  useEffect(() => setSelected(noHits ? -1 : 0), [results.answered, noHits]);

  const open = (hit: SearchHit, atPage?: number) => {
    // The section the hit is about (the one a query names: "khoản 2 điều 5 …"), else its best snippet.
    const page = atPage ?? hit.section?.page ?? hit.snippets.find((s) => s.page > 0)?.page;
    navigate({ name: 'document', id: hit.id, query: committed.query, page });
  };
  const openInstant = (hit: InstantHit) => {
    setInstantOpen(false);
    navigate({ name: 'document', id: hit.id, query: search.query });
  };

  const commitNow = () => {
    setInstantOpen(false);
    setCommitted((c) => ({ query: search.query, asYouType: false, ask: c.ask + 1 }));
  };

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const showing = instantOpen && instant.length > 0;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (showing && instantSel < instant.length - 1) setInstantSel(instantSel + 1);
      else if (results.hits.length > 0) {
        setInstantOpen(false);
        setSelected(Math.max(0, selected));
        listRef.current?.focus();
      }
    } else if (e.key === 'ArrowUp' && showing) {
      e.preventDefault();
      setInstantSel(Math.max(-1, instantSel - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = showing && instantSel >= 0 ? instant[instantSel] : undefined;
      if (chosen) openInstant(chosen);
      else commitNow();
    } else if (e.key === 'Escape') {
      if (showing) setInstantOpen(false);
      else if (search.query) setSearch((s) => ({ ...s, query: '' }));
    }
  };

  const onToggle = (key: FacetKey, value: string) => {
    setSearch((s) => ({ ...s, filters: toggleFilter(s.filters, key, value) }));
  };

  const f = search.filters;
  const chips: { key: FacetKey; value: string; label: string }[] = [
    ...(f.types ?? []).map((v) => ({ key: 'types' as const, value: v, label: v })),
    ...(f.issuers ?? []).map((v) => ({ key: 'issuers' as const, value: v, label: v })),
    ...(f.years ?? []).map((v) => ({
      key: 'years' as const,
      value: yearValue(v),
      label: facetLabel('years', yearValue(v), t),
    })),
    ...(f.tags ?? []).map((v) => ({ key: 'tags' as const, value: v, label: `# ${v}` })),
    ...(f.validity ?? []).map((v) => ({
      key: 'validity' as const,
      value: v,
      label: facetLabel('validity', v, t),
    })),
    ...(f.access ?? []).map((v) => ({
      key: 'access' as const,
      value: v,
      label: facetLabel('access', v, t),
    })),
    ...(f.records ?? []).map((v) => ({
      key: 'records' as const,
      value: v,
      label: `${t('search.facet.record')}: ${v}`,
    })),
    ...(f.retention ?? []).map((v) => ({
      key: 'retention' as const,
      value: v,
      label: `${t('search.facet.retention')}: ${facetLabel('retention', v, t)}`,
    })),
  ];
  const hasQuery = committed.query.trim() !== '' || chips.length > 0;
  const emptyArchive = archiveLoaded && (archive?.documentCount ?? 0) === 0;

  let body;
  if (emptyArchive && !results.loading) {
    body = (
      <EmptyState
        title={t('search.emptyArchiveTitle')}
        body={t('search.emptyArchiveBody')}
        action={
          <>
            <button className="btn btn-primary" onClick={() => navigate({ name: 'import' })}>
              {t('nav.import')}
            </button>
            {appInfo?.samplesAvailable ? (
              <button
                className="btn"
                onClick={() =>
                  void api.archiveLoadSamples({}).then((r) => {
                    trackImport(r);
                    if (r.ok) navigate({ name: 'import' });
                  })
                }
              >
                {t('archive.loadSamples')}
              </button>
            ) : null}
          </>
        }
      />
    );
  } else if (results.error) {
    body = <EmptyState title={t('common.error')} body={errorText(results.error, lang)} />;
  } else if (results.answered && results.total === 0 && results.partialCount === 0 && hasQuery) {
    body = <EmptyState title={t('search.noResultsTitle')} body={t('search.noResultsBody')} />;
  } else {
    body = (
      <ResultList
        hits={results.hits}
        total={results.total + results.partialCount}
        selected={selected}
        onSelect={setSelected}
        onOpen={open}
        onLoadMore={results.loadMore}
        listRef={listRef}
        selection={selection}
        // Only a caller who may edit can put documents in a hồ sơ: a reader's rows do not drag.
        onDrag={
          mayEdit
            ? (e, ids) => {
                if (ids) startDocumentsDrag(e, ids);
                // After the drag has started: a change of the page during dragstart can cancel it.
                window.setTimeout(() => setDragged(ids), 0);
              }
            : undefined
        }
      />
    );
  }

  return (
    <div className="search-screen">
      <div className="search-top">
        <div className="search-box">
          <SearchIcon />
          <input
            ref={inputRef}
            className="search-input"
            type="search"
            value={search.query}
            placeholder={t('search.placeholder')}
            aria-label={t('search.label')}
            data-testid="search-input"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              // A new query starts at relevance (a date sort chosen for the last one would put its
              // undated or old documents first); filters stay, they show as chips.
              setSearch((s) => ({ ...s, query: e.target.value, sort: 'relevance' }));
              setInstantOpen(true);
              setInstantSel(-1);
            }}
            onKeyDown={onInputKey}
            // Suggestions open on typing only: focus alone (coming back from a document) must not
            // cover the results with them.
            onBlur={() => window.setTimeout(() => setInstantOpen(false), 150)}
          />
          <kbd>Ctrl+K</kbd>
          {instantOpen && instant.length > 0 && search.query.trim().length >= 2 ? (
            <div className="instant" role="listbox" data-testid="instant">
              <div className="instant-title">{t('search.instant')}</div>
              {instant.map((h, i) => (
                <button
                  key={h.id}
                  className={`instant-item${i === instantSel ? ' selected' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => openInstant(h)}
                  role="option"
                  aria-selected={i === instantSel}
                >
                  <span className="instant-number">{h.number ?? h.docType ?? ''}</span>
                  <span className="instant-title-text">{h.title}</span>
                  <span className="muted">{formatDate(h.issuedDate)}</span>
                </button>
              ))}
            </div>
          ) : null}
        </div>
        {!hasQuery && !emptyArchive ? <p className="search-tip">{t('search.emptyBody')}</p> : null}
        <div className="search-bar-row">
          <span className="search-count" data-testid="result-count">
            {results.loading && !results.answered
              ? t('search.searching')
              : hasQuery
                ? t('search.results', { count: formatCount(results.total, lang) }) +
                  (results.strongCount < results.total
                    ? ` · ${t('search.strong', { count: formatCount(results.strongCount, lang) })}`
                    : '') +
                  (results.partialCount > 0
                    ? ` · ${t('search.partlyCount', { count: formatCount(results.partialCount, lang) })}`
                    : '')
                : `${t('search.allDocuments')} · ${formatCount(results.total, lang)}`}
          </span>
          {chips.map((c) => (
            <span className="chip" key={`${c.key}:${c.value}`} data-testid="filter-chip">
              {c.label}
              <button
                onClick={() => onToggle(c.key, c.value)}
                aria-label={t('search.removeFilter', { label: c.label })}
              >
                <CloseIcon />
              </button>
            </span>
          ))}
          {chips.length > 1 ? (
            <button className="btn-link" onClick={() => setSearch((s) => ({ ...s, filters: {} }))}>
              {t('search.clearFilters')}
            </button>
          ) : null}
          {results.hits.length > 0 ? (
            <span className="muted search-hint">{t('search.keyboardHint')}</span>
          ) : null}
          <label className="search-sort">
            {t('search.sort')}
            <select
              className="select"
              // Without words the list is newest first whatever was chosen: say so, not "relevance".
              value={effectiveSort(search.query, search.sort)}
              onChange={(e) => setSearch((s) => ({ ...s, sort: e.target.value as SearchSort }))}
              data-testid="sort-select"
            >
              <option value="relevance" disabled={search.query.trim() === ''}>
                {t('search.sort.relevance')}
              </option>
              <option value="date-desc">{t('search.sort.dateDesc')}</option>
              <option value="date-asc">{t('search.sort.dateAsc')}</option>
            </select>
          </label>
        </div>
      </div>
      <BulkBar selection={selection} total={results.hits.length} compact />
      <div className="search-body">
        <FacetPanel facets={results.facets} filters={search.filters} onToggle={onToggle} />
        {dragged ? <RecordDropTray count={dragged.length} onDone={() => setDragged(null)} /> : null}
        {body}
      </div>
    </div>
  );
}
