// Search requests and their input schemas (the search engine's own request type, checked at compile time).
import { z } from 'zod';
import { RECORD_ACCESS_LEVELS, VALIDITY_STATUSES, type JobStarted } from '../dto.js';
import type { InstantHit, SearchFacets, SearchRequest, SearchResponse } from '../search-types.js';
import { def, returns, shortText, isoDatePart, empty } from './define.js';

export const SearchFiltersSchema = z
  .object({
    number: shortText.optional(),
    types: z.array(shortText).max(100).optional(),
    issuers: z.array(shortText).max(100).optional(),
    years: z.array(z.number().int().min(1000).max(3000).nullable()).max(300).optional(),
    dateFrom: isoDatePart.optional(),
    dateTo: isoDatePart.optional(),
    tags: z.array(shortText).max(100).optional(),
    access: z.array(z.enum(RECORD_ACCESS_LEVELS)).max(3).optional(),
    validity: z.array(z.enum(VALIDITY_STATUSES)).max(VALIDITY_STATUSES.length).optional(),
    records: z.array(shortText).max(100).optional(),
    retention: z
      .array(z.string().regex(/^(?:permanent|none|[1-9]\d{0,2})$/))
      .max(50)
      .optional(),
  })
  .strict();

/** The most hits one search request returns (the engine's cap too); callers page with offset for more. */
export const SEARCH_PAGE_MAX = 200;
/** The most suggestions one instant-find request returns (find-as-you-type shows a few). */
export const INSTANT_FIND_MAX = 50;

export const SearchRequestSchema = z
  .object({
    query: z.string().max(2_000),
    filters: SearchFiltersSchema.optional(),
    sort: z.enum(['relevance', 'date-desc', 'date-asc']).optional(),
    limit: z.number().int().min(1).max(SEARCH_PAGE_MAX).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
    asYouType: z.boolean().optional(),
    facets: z.boolean().optional(),
    snippets: z.boolean().optional(),
  })
  .strict();

// Compile-time proof that the schema produces the search engine's own request type.
const _searchRequestMatches: (r: z.output<typeof SearchRequestSchema>) => SearchRequest = (r) => r;
void _searchRequestMatches;

export const SEARCH_API = {
  search: def(SearchRequestSchema, returns<SearchResponse>()),
  instantFind: def(
    z
      .object({
        prefix: z.string().max(500),
        limit: z.number().int().min(1).max(INSTANT_FIND_MAX).default(10),
      })
      .strict(),
    returns<InstantHit[]>(),
  ),
  /** Facet counts over the whole archive (or the given filters) without a text query. */
  facets: def(z.object({ filters: SearchFiltersSchema.optional() }).strict(), returns<SearchFacets>()),
  /** Rebuilds the search indexes from the database (a job; progress via jobProgress). */
  searchReindex: def(empty, returns<JobStarted>()),
} as const;
