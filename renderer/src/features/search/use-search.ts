// Runs the full search for the committed query + filters + sort, pages further hits in as the list
// scrolls, and drops answers that arrive after a newer request (typing fast never shows stale hits).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../main/contract/errors.js';
import type {
  SearchFacets,
  SearchHit,
  SearchRequest,
  SearchSort,
} from '../../../../main/contract/search-types.js';
import { useApi } from '../../app/api-context.js';
import type { SearchState } from '../../app/app-state.js';

const PAGE = 50;

export interface SearchResults {
  hits: SearchHit[];
  /** Results (documents holding every word typed); the hits after them hold only some. */
  total: number;
  /** Partly matching documents listed after the results (hits with `partial`). */
  partialCount: number;
  /** Results holding every word (below `total` only for a long question). */
  strongCount: number;
  facets: SearchFacets | null;
  loading: boolean;
  error: AppError | null;
  /** The request the current hits answer (null before the first answer); `key` names query, filters and sort. */
  answered: { query: string; key: string } | null;
  loadMore: () => void;
}

export function effectiveSort(query: string, sort: SearchSort): SearchSort {
  // Without words to rank by, "relevance" means newest first.
  return query.trim() === '' && sort === 'relevance' ? 'date-desc' : sort;
}

export function useSearch(
  state: SearchState,
  committedQuery: string,
  asYouType: boolean,
  version: number,
  /** Bumped by Enter: the same request is asked again. */
  ask = 0,
): SearchResults {
  const api = useApi();
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [total, setTotal] = useState(0);
  const [partialCount, setPartialCount] = useState(0);
  const [strongCount, setStrongCount] = useState(0);
  const [facets, setFacets] = useState<SearchFacets | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [answered, setAnswered] = useState<SearchResults['answered']>(null);
  const seq = useRef(0);
  const loadingMore = useRef(false);
  const base = useRef<SearchRequest>({ query: '' });

  const { filters, sort } = state;
  useEffect(() => {
    const my = ++seq.current;
    const request: SearchRequest = {
      query: committedQuery,
      filters,
      sort: effectiveSort(committedQuery, sort),
      limit: PAGE,
      offset: 0,
      asYouType,
      facets: true,
      snippets: true,
    };
    base.current = request;
    setLoading(true);
    void api.search(request).then((r) => {
      if (my !== seq.current) return;
      setLoading(false);
      if (r.ok) {
        setHits(r.value.hits);
        setTotal(r.value.total);
        setPartialCount(r.value.partialCount);
        setStrongCount(r.value.strongCount);
        setFacets(r.value.facets);
        setError(null);
        setAnswered({ query: committedQuery, key: JSON.stringify([committedQuery, filters, request.sort]) });
      } else {
        setError(r.error);
        setHits([]);
        setTotal(0);
        setPartialCount(0);
      }
    });
  }, [api, committedQuery, asYouType, filters, sort, version, ask]);

  const loadMore = useCallback(() => {
    if (loadingMore.current || hits.length >= total + partialCount) return;
    loadingMore.current = true;
    const my = seq.current;
    void api
      .search({ ...base.current, offset: hits.length, facets: false })
      .then((r) => {
        if (my !== seq.current || !r.ok) return;
        setHits((prev) => (prev.length === r.value.offset ? [...prev, ...r.value.hits] : prev));
      })
      .finally(() => {
        loadingMore.current = false;
      });
  }, [api, hits.length, total, partialCount]);

  return { hits, total, partialCount, strongCount, facets, loading, error, answered, loadMore };
}
