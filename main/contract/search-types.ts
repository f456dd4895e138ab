// Search request/response shapes shared by the search engine (main/core/search), the CLI, the
// app's contract and the renderer. Plain data only: no node: imports, no classes.
import type { RecordAccessLevel as AccessLevel, ValidityStatus } from './dto.js';

export type SearchSort = 'relevance' | 'date-desc' | 'date-asc';

/**
 * Structured filters, as the app's facet lists set them: a list matches any of its values (OR within
 * a facet), the fields all apply (AND across). The query string may carry the same filters inline
 * (so:, loai:, coquan:, nam:, tu:, den:, tag:), where each filter word applies (`tag:a tag:b` both
 * tags) and a comma list is any of its values (`nam:2021,2022`); inline and structured filters are
 * combined with AND.
 */
export interface SearchFilters {
  /** Document number (số ký hiệu), any spelling of separators, case and accents. */
  number?: string;
  /** Document type (loại văn bản), e.g. "Quyết định"; accent-insensitive, exact after folding. */
  types?: string[];
  /** Issuer (cơ quan ban hành); matches when the folded issuer contains the folded value's words. */
  issuers?: string[];
  /** Issue year (năm ban hành); null stands for documents without a date ("Không rõ năm"). */
  years?: (number | null)[];
  /** Inclusive date range on ngày ban hành, yyyy-mm-dd (or yyyy, yyyy-mm). */
  dateFrom?: string;
  dateTo?: string;
  /** Tag names; a document carries any one of them (accent-insensitive). */
  tags?: string[];
  /** Mức độ tiếp cận: any of these levels ('cong-khai', 'han-che', 'mat'). */
  access?: AccessLevel[];
  /** Tình trạng hiệu lực: any of these statuses (derived from the relation graph, or overridden). */
  validity?: ValidityStatus[];
  /** Mã hồ sơ: documents in any of these hồ sơ (case-insensitive). */
  records?: string[];
  /**
   * Thời hạn bảo quản: documents whose longest-kept hồ sơ has one of these periods — "permanent", a
   * number of years ("10"), or "none" for documents in no hồ sơ yet.
   */
  retention?: string[];
}

export interface SearchRequest {
  /** Query text in the VanKho query language (see docs in README "Tìm kiếm / Search"). */
  query: string;
  filters?: SearchFilters;
  sort?: SearchSort;
  /** Page size (default 20, at most 200). */
  limit?: number;
  /** Number of hits to skip (paging). */
  offset?: number;
  /** Treat the last word as a prefix (search-as-you-type). */
  asYouType?: boolean;
  /** Compute facet counts over the whole result set (default true). */
  facets?: boolean;
  /** Compute snippets for the returned hits (default true). */
  snippets?: boolean;
}

/** A part of a snippet; `match` parts are the matched words, in the original accented text. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface Snippet {
  /** 1-based page number in the document's main file (0 when the match is in a metadata field). */
  page: number;
  /** Name of the file the page belongs to, if any. */
  fileName: string | null;
  parts: SnippetPart[];
}

export interface SearchHitFile {
  name: string;
  sha256: string;
  mediaType: string;
  role: 'main' | 'attachment';
}

export interface SearchHit {
  id: number;
  uid: string;
  number: string | null;
  title: string;
  docType: string | null;
  issuer: string | null;
  issuedDate: string | null;
  signer: string | null;
  tags: string[];
  /** Tình trạng hiệu lực (as DocumentDetail.validity.status). */
  validity: ValidityStatus;
  /** Mức độ tiếp cận, for the results' badge (a caller only ever gets levels it may read). */
  access: AccessLevel;
  files: SearchHitFile[];
  /** Relevance score (higher is better); 0 when sorted by date without a text query. */
  score: number;
  /** Title with the matched words marked. */
  titleParts: SnippetPart[];
  snippets: Snippet[];
  /**
   * The section (Chương / Mục / Điều / khoản) of a structured document the hit is about: the one the
   * query names ("khoản 2 điều 5 quyết định 08/2022"), else the one its best snippet lies in. `path`
   * as cited ("Điều 5, khoản 2"), `page` where it starts (1-based, in the file of the first snippet).
   */
  section?: { path: string; page: number };
  /** Holds only some of the query's words: listed after the results, under "Liên quan một phần". */
  partial?: true;
}

/** The year facet's value for documents without a date ("Không rõ năm"); `nam:none` in a query. */
export const NO_YEAR = 'none';

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  type: FacetCount[];
  issuer: FacetCount[];
  year: FacetCount[];
  tag: FacetCount[];
  /** Mức độ tiếp cận: only the levels the caller may read appear. */
  access: FacetCount[];
  /** By ValidityStatus value. */
  validity: FacetCount[];
  /** By mã hồ sơ (a document in two hồ sơ counts in both). */
  record: FacetCount[];
  /** By the longest period of the document's hồ sơ: "permanent", years longest first, then "none". */
  retention: FacetCount[];
}

export interface ParsedQueryInfo {
  /** Folded words that were searched for. */
  terms: string[];
  phrases: string[];
  excluded: string[];
  /** Abbreviations that were expanded, e.g. { ubnd: "ủy ban nhân dân" }. */
  expansions: Record<string, string>;
  /** Set when the query is (or contains) a document number that matched number_key. */
  numberKey: string | null;
}

export interface SearchResponse {
  /**
   * Number of results: documents holding every word typed (or bearing or citing the number the query
   * names); for a long question (more than 6 words), every document holding any of them.
   */
  total: number;
  /**
   * Documents holding only some of the words: listed after the `total` results (hits with `partial`),
   * never counted in `total` or the facets, never exported as results. 0 for a long question.
   */
  partialCount: number;
  /** How many of the results hold every word (equals `total` but for a long question). */
  strongCount: number;
  offset: number;
  limit: number;
  hits: SearchHit[];
  facets: SearchFacets;
  query: ParsedQueryInfo;
  /** Time spent answering, in milliseconds. */
  tookMs: number;
}

/** One instant-find suggestion (find-as-you-type over identity fields). */
export interface InstantHit {
  id: number;
  number: string | null;
  title: string;
  docType: string | null;
  issuer: string | null;
  issuedDate: string | null;
  /** Which identity field matched best: number, title, issuer, tags or signer. */
  field: 'number' | 'title' | 'issuer' | 'tags' | 'signer';
}

export interface ReindexProgress {
  phase: 'fulltext' | 'instant';
  done: number;
  total: number;
}
