// Hash routes, so Back/Forward, reload and links work in the desktop app and web mode alike:
// #/search?q=…&loai=…&sort=…, #/doc/12?q=…&page=3 (&from=review: opened from the review queue),
// #/import, #/tags, #/archive, #/review, #/trash, #/records (hồ sơ), #/records/<mã hồ sơ>, #/registers
// (sổ văn bản đến/đi), #/audit (nhật ký truy cập), #/users (tài khoản). Pure functions
// (the history side is in app-state.tsx). A screen without parameters only needs its name in SCREENS.
import type { SearchFilters, SearchSort } from '../../../main/contract/search-types.js';
import {
  RECORD_ACCESS_LEVELS,
  VALIDITY_STATUSES,
  type RecordAccessLevel,
  type ValidityStatus,
} from '../../../main/contract/dto.js';

/** Screens addressed by their name alone (#/tags). */
export const SCREENS = [
  'search',
  'import',
  'tags',
  'archive',
  'review',
  'trash',
  'records',
  'registers',
  'audit',
  'users',
] as const;
type ScreenName = (typeof SCREENS)[number];

export type Route =
  | { name: Exclude<ScreenName, 'search'> }
  | { name: 'search' }
  | { name: 'document'; id: number; query: string; page?: number; review?: boolean }
  /** One hồ sơ by its mã hồ sơ; `print` shows its mục lục văn bản ready to print. */
  | { name: 'record'; code: string; print?: boolean };

export interface SearchState {
  query: string;
  filters: SearchFilters;
  sort: SearchSort;
}

export const EMPTY_SEARCH: SearchState = { query: '', filters: {}, sort: 'relevance' };

const SORTS: readonly SearchSort[] = ['relevance', 'date-desc', 'date-asc'];

// URL parameter names follow the query language's filter words (loai:, coquan:, nam:, tag:, so:, tu:, den:).
const LIST_PARAMS = {
  types: 'loai',
  issuers: 'coquan',
  tags: 'tag',
  records: 'hoso',
  retention: 'thoihan',
} as const;
/** The year filter's value for documents without a date ("Không rõ năm"). */
const NO_YEAR_PARAM = 'none';

function searchToParams(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.query) p.set('q', s.query);
  const f = s.filters;
  for (const [key, name] of Object.entries(LIST_PARAMS) as [keyof typeof LIST_PARAMS, string][])
    for (const v of f[key] ?? []) p.append(name, v);
  for (const y of f.years ?? []) p.append('nam', y === null ? NO_YEAR_PARAM : String(y));
  for (const v of f.validity ?? []) p.append('hieuluc', v);
  for (const v of f.access ?? []) p.append('tiepcan', v);
  if (f.number) p.set('so', f.number);
  if (f.dateFrom) p.set('tu', f.dateFrom);
  if (f.dateTo) p.set('den', f.dateTo);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  return p;
}

function searchFromParams(p: URLSearchParams): SearchState {
  const filters: SearchFilters = {};
  for (const [key, name] of Object.entries(LIST_PARAMS) as [keyof typeof LIST_PARAMS, string][]) {
    const values = p.getAll(name).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  const years = p
    .getAll('nam')
    .map((y) => (y === NO_YEAR_PARAM ? null : /^\d{4}$/.test(y) ? Number(y) : undefined))
    .filter((y): y is number | null => y !== undefined);
  if (years.length) filters.years = years;
  const validity = p
    .getAll('hieuluc')
    .filter((v): v is ValidityStatus => (VALIDITY_STATUSES as readonly string[]).includes(v));
  if (validity.length) filters.validity = validity;
  const access = p
    .getAll('tiepcan')
    .filter((v): v is RecordAccessLevel => (RECORD_ACCESS_LEVELS as readonly string[]).includes(v));
  if (access.length) filters.access = access;
  const number = p.get('so');
  if (number) filters.number = number;
  const from = p.get('tu');
  if (from) filters.dateFrom = from;
  const to = p.get('den');
  if (to) filters.dateTo = to;
  const sort = p.get('sort') as SearchSort | null;
  return {
    query: (p.get('q') ?? '').normalize('NFC'),
    filters,
    sort: sort && SORTS.includes(sort) ? sort : 'relevance',
  };
}

function withParams(path: string, p: URLSearchParams): string {
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The hash (with its leading #) for a route; the search route carries the search being worked on. */
export function formatRoute(route: Route, search: SearchState): string {
  if (route.name === 'search') return `#${withParams('/search', searchToParams(search))}`;
  if (route.name === 'document') {
    const p = new URLSearchParams();
    if (route.query) p.set('q', route.query);
    if (route.page && route.page > 0) p.set('page', String(route.page));
    if (route.review) p.set('from', 'review');
    return `#${withParams(`/doc/${route.id}`, p)}`;
  }
  if (route.name === 'record')
    return `#/records/${encodeURIComponent(route.code)}${route.print ? '?print=1' : ''}`;
  return `#/${route.name}`;
}

export interface ParsedRoute {
  route: Route;
  /** Present for #/search…: the search the address describes. */
  search?: SearchState;
}

/** Reads a location hash; anything unknown (or empty) is the search screen. */
export function parseRoute(hash: string): ParsedRoute {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const doc = /^\/doc\/(\d+)$/.exec(path);
  if (doc) {
    const page = Number(params.get('page'));
    return {
      route: {
        name: 'document',
        id: Number(doc[1]),
        query: (params.get('q') ?? '').normalize('NFC'),
        ...(Number.isInteger(page) && page > 0 ? { page } : {}),
        ...(params.get('from') === 'review' ? { review: true } : {}),
      },
    };
  }
  const record = /^\/records\/([^/]+)$/.exec(path);
  if (record) {
    let code: string;
    try {
      code = decodeURIComponent(record[1]!).normalize('NFC');
    } catch {
      return { route: { name: 'records' } };
    }
    return { route: { name: 'record', code, ...(params.get('print') === '1' ? { print: true } : {}) } };
  }
  const name = path.replace(/^\//, '');
  if (name === 'search') return { route: { name: 'search' }, search: searchFromParams(params) };
  if ((SCREENS as readonly string[]).includes(name)) return { route: { name } as Route };
  return { route: { name: 'search' } };
}

/** Equal searches format to the same address (used to skip no-op history writes). */
export function sameSearch(a: SearchState, b: SearchState): boolean {
  return searchToParams(a).toString() === searchToParams(b).toString();
}
