// The search engine of one open archive: full-text search (SQLite FTS5, kept equal to the data by a
// write hook), filters/facets/sorting over an in-memory attribute cache, snippets on the original
// text, and instant find (flexsearch). Created by openVanKho(); the one code path for app, CLI,
// quality test and benchmark.

import type {
  FacetCount,
  InstantHit,
  ReindexProgress,
  SearchFacets,
  SearchFilters,
  SearchHit,
  SearchRequest,
  SearchResponse,
  Snippet,
} from '../../contract/search-types.js';
import { NO_YEAR } from '../../contract/search-types.js';
import { RECORD_ACCESS_LEVELS, VALIDITY_STATUSES, type ValidityStatus } from '../../contract/dto.js';
import { READ_ALL, readableTest, type ReadScope } from '../archive/access.js';
import { appError } from '../../contract/errors.js';
import type { Archive } from '../archive/archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { keyPrefixTest, queryIntent } from './query-intent.js';
import { docNumberKey } from '../text/doc-number.js';
import { fold } from '../text/normalize.js';
import { expandAbbreviation } from './abbreviation-expander.js';
import { DocAttributeCache, type AttributeColumns, type DocAttributes } from './doc-attributes.js';
import { FTS_COLUMNS, FTS_WEIGHTS, STOP_WORDS, buildMatch } from './fts-query.js';
import { createFtsIndexer, type FtsIndexer } from './fts-indexer.js';
import {
  buildSnippets,
  markParts,
  markerFor,
  type BuiltSnippet,
  type Marker,
  type PageText,
} from './highlight.js';
import { ImpactStore } from './impact-store.js';
import { InstantIndex } from './instant-index.js';
import { parseQuery } from './query-parser.js';
import { tokenize } from './search-terms.js';
import { fileReadingOrder } from '../archive/reading-order.js';
import { documentIdsInRecords, filingByDocument, type DocumentFiling } from '../records/records-store.js';
import { findSection, parseSections, sectionAt, sectionRef, type Section } from '../text/sections.js';

export interface ReindexOptions {
  onProgress?: (p: ReindexProgress) => void;
  signal?: AbortSignal;
}

export interface SearchService {
  /** Hits, counts and facets hold only documents `scope` may read (default: all). */
  search(request: SearchRequest, scope?: ReadScope): SearchResponse;
  /** Instant-find suggestions over identity fields for what has been typed so far. */
  find(prefix: string, limit?: number, scope?: ReadScope): InstantHit[];
  /** Rebuilds the full-text index and the instant-find index from the database, with progress. */
  reindex(opts?: ReindexOptions): Promise<void>;
  /** Persists the in-memory indexes if they changed (never when read-only). */
  flush(): void;
  /**
   * Read-only: the full-text index lags the data (built by another index version, or writes it has
   * not indexed yet), which only a writable open repairs. Always false when writable (caught up).
   */
  behind(): boolean;
  /**
   * The in-memory store of common terms. `ready()` false means it is being built (search uses FTS5
   * alone meanwhile); `build()` finishes it (the CLI and benchmarks await it).
   */
  readonly impacts: ImpactStore;
  close(): void;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
const NUMBER_BOOST = 1000;
/** Documents citing the number a query names follow those bearing it, above the rest. */
const CITE_BOOST = 500;
/**
 * "nghị định 2021": documents of that type issued that year follow one numbered 2021 and come before
 * those citing a number that starts 2021 (a year is the likelier reading of four such digits).
 */
const YEAR_BOOST = 700;
/** A query that is only a type name ("nghị quyết") puts documents of that type first. */
const TYPE_BOOST = 200;
/** Documents named by a short query rank above the others (below an exact number match). */
const NAME_BOOST = 100;
const NAME_QUERY_MAX_WORDS = 6;
/**
 * A document holding the section a query names ("Điều 36 68/2020/QH14") rises above the others the
 * query names; below NUMBER_BOOST - CITE_BOOST, so a document citing the number never passes one
 * bearing it.
 */
const SECTION_BOOST = 300;
/** Documents bearing the number whose sections are looked at (a law stored article by article). */
const SECTION_CHECK_MAX = 2000;
/** Outlines (sections of a document) kept between searches. */
const OUTLINE_CACHE = 256;
const NAME_CHECK_MIN = 50;
const REINDEX_CHUNK = 500;
/** Text (UTF-16 units) of FTS rows one transaction keeps for the in-memory store (~32 MB). */
const STAGED_ROW_CHARS = 16 * 1024 * 1024;

function facetList(counts: Map<string, number>, max = 50): FacetCount[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'))
    .slice(0, max)
    .map(([value, count]) => ({ value, count }));
}

/** A document's sections and the start offset of each of its pages in their joined text. */
interface Outline {
  sections: Section[];
  starts: number[];
}

/** Snippets as the contract carries them (without where they were found). */
function plainSnippets(built: readonly BuiltSnippet[]): SearchHit['snippets'] {
  return built.map((b) => ({ page: b.page, fileName: b.fileName, parts: b.parts }));
}

/** The first words of a section as its snippet (marked where the query matches them). */
function openingSnippet(page: PageText, re: Marker): Snippet {
  const OPENING = 280;
  let text = page.text.replace(/\s+/g, ' ').trim();
  const cut = text.length > OPENING ? text.lastIndexOf(' ', OPENING) : -1;
  if (cut > 0) text = text.slice(0, cut);
  const parts = markParts(text, re);
  if (cut > 0) parts.push({ text: '…', match: false });
  return { page: page.page, fileName: page.fileName, parts };
}

/** The k-th largest value (quickselect; reorders `a`). */
function kthLargest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

type FacetField = keyof SearchFacets;
const FIELDS: readonly FacetField[] = [
  'type',
  'issuer',
  'year',
  'tag',
  'access',
  'validity',
  'record',
  'retention',
];
const FIELD_INDEX = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<FacetField, number>;
const YEAR0 = 1900;

/**
 * Facet counts by document id, read off the attribute columns into arrays (no object per
 * document). A document is counted into every facet (it is in the result) or into one facet only
 * (it fails just that facet's own selection, see search()). Validity and hồ sơ are counted at the
 * end from their maps, which hold only the documents with a known status or a filing: one lookup
 * per such document, not one per candidate.
 */
class FacetCounter {
  private readonly type: Uint32Array;
  private readonly issuer: Uint32Array;
  private readonly tag: Uint32Array;
  private readonly access = new Uint32Array(RECORD_ACCESS_LEVELS.length + 1);
  private readonly years = new Map<number, number>();
  private readonly byYear = new Uint32Array(300);
  private noYear = 0;
  /** How each document was counted: 0 not, 1 in every facet, 2 + i only in FIELDS[i]. */
  private readonly how: Uint8Array;
  private full = 0;
  private readonly onlyIn = new Uint32Array(FIELDS.length);

  constructor(
    private readonly codes: DocAttributeCache['codes'],
    private readonly cols: AttributeColumns,
    private readonly validities: () => ReadonlyMap<number, ValidityStatus>,
    private readonly filings: () => ReadonlyMap<number, DocumentFiling>,
  ) {
    this.type = new Uint32Array(codes.type.values.length);
    this.issuer = new Uint32Array(codes.issuer.values.length);
    this.tag = new Uint32Array(codes.tag.values.length);
    this.how = new Uint8Array(cols.cap);
  }

  add(id: number, only?: FacetField): void {
    const c = this.cols;
    if (only === undefined) {
      this.full++;
      this.how[id] = 1;
    } else {
      const f = FIELD_INDEX[only];
      this.onlyIn[f]!++;
      this.how[id] = 2 + f;
    }
    if (!only || only === 'type') this.type[c.type[id]!]!++;
    if (!only || only === 'issuer') this.issuer[c.issuer[id]!]!++;
    if (!only || only === 'tag') c.countTags(id, this.tag);
    if (!only || only === 'access') this.access[c.access[id]!]!++;
    if (!only || only === 'year') {
      const y = c.yearOf(id);
      if (y < 0) this.noYear++;
      else if (y >= YEAR0 && y < YEAR0 + this.byYear.length) this.byYear[y - YEAR0]!++;
      else this.years.set(y, (this.years.get(y) ?? 0) + 1);
    }
  }

  /** Whether document `id` was counted in facet `field`. */
  private inField(id: number, field: number): boolean {
    const h = this.how[id];
    return h === 1 || h === 2 + field;
  }

  result(): SearchFacets {
    const years = new Map(this.years);
    this.byYear.forEach((count, i) => count > 0 && years.set(YEAR0 + i, count));
    const list = (counts: Uint32Array, values: readonly string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (let c = 1; c < counts.length; c++) if (counts[c]! > 0) m.set(values[c]!, counts[c]!);
      return m;
    };
    const bump = <K>(m: Map<K, number>, k: K, by = 1): void => {
      if (by > 0) m.set(k, (m.get(k) ?? 0) + by);
    };
    const countedIn = (field: FacetField): number => this.full + this.onlyIn[FIELD_INDEX[field]]!;
    // Validity: the known statuses from the map, the rest of the counted documents are 'unknown'.
    const validity = new Map<ValidityStatus, number>();
    let known = 0;
    if (countedIn('validity') > 0)
      for (const [id, v] of this.validities())
        if (v !== 'unknown' && this.inField(id, FIELD_INDEX.validity)) {
          bump(validity, v);
          known++;
        }
    bump(validity, 'unknown', countedIn('validity') - known);
    // Hồ sơ and thời hạn: from the filings; a counted document in none is 'none'.
    const record = new Map<string, number>();
    const retention = new Map<string, number>();
    let filed = 0;
    if (countedIn('record') + countedIn('retention') > 0)
      for (const [id, f] of this.filings()) {
        if (this.inField(id, FIELD_INDEX.record)) for (const c of f.codes) bump(record, c);
        if (this.inField(id, FIELD_INDEX.retention)) {
          bump(retention, retentionValue(f));
          filed++;
        }
      }
    bump(retention, retentionValue(undefined), countedIn('retention') - filed);
    return {
      type: facetList(list(this.type, this.codes.type.values)),
      issuer: facetList(list(this.issuer, this.codes.issuer.values)),
      // Newest first; documents without a date last, as their own value.
      year: [
        ...[...years.entries()]
          .sort((a, b) => b[0] - a[0])
          .map(([y, count]) => ({ value: String(y), count })),
        ...(this.noYear > 0 ? [{ value: NO_YEAR, count: this.noYear }] : []),
      ],
      tag: facetList(list(this.tag, this.codes.tag.values)),
      // In the levels' own order (công khai, hạn chế, mật), not by count.
      access: RECORD_ACCESS_LEVELS.flatMap((l, i) => {
        const count = this.access[i + 1]!;
        return count > 0 ? [{ value: l, count }] : [];
      }),
      // In the statuses' own order (unknown, in force, amended, replaced, no longer in force).
      validity: VALIDITY_STATUSES.filter((v) => validity.has(v)).map((v) => ({
        value: v,
        count: validity.get(v)!,
      })),
      record: facetList(record),
      // Longest kept first: vĩnh viễn, then years down, then the documents in no hồ sơ.
      retention: [...retention.entries()]
        .sort((a, b) => retentionRank(b[0]) - retentionRank(a[0]))
        .map(([value, count]) => ({ value, count })),
    };
  }
}
/** A document's thời hạn facet value: its longest-kept hồ sơ's period, or "none" when in none. */
function retentionValue(f: DocumentFiling | undefined): string {
  return f === undefined ? 'none' : String(f.retention);
}
function retentionRank(v: string): number {
  return v === 'permanent' ? Infinity : v === 'none' ? -1 : Number(v);
}
function emptyFacets(): SearchFacets {
  return { type: [], issuer: [], year: [], tag: [], access: [], validity: [], record: [], retention: [] };
}

type Predicate = (d: DocAttributes) => boolean;

/** Folded words of a value, space separated ("Quyết-định" → "quyet dinh"). */
function filterWords(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A test on one attribute, evaluated once per distinct value (an archive has few types and issuers). */
function byValue(get: (d: DocAttributes) => string, test: (value: string) => boolean): Predicate {
  const memo = new Map<string, boolean>();
  return (d) => {
    const v = get(d);
    let r = memo.get(v);
    if (r === undefined) {
      r = test(v);
      memo.set(v, r);
    }
    return r;
  };
}

function typePredicate(types: readonly string[]): Predicate {
  // A type as typed, an abbreviation of one (QĐ) or its first words ("quyet", "quyet-dinh").
  const wanted = types.flatMap((t) => [filterWords(t), ...expandAbbreviation(t)]).filter(Boolean);
  return byValue(
    (d) => d.typeF,
    (typeF) => {
      const type = filterWords(typeF);
      return wanted.some((w) => type === w || type.startsWith(`${w} `));
    },
  );
}

/** Any of the issuers given. */
function issuerPredicate(issuers: readonly string[]): Predicate {
  const wanted = issuers.map((i) => [filterWords(i), ...expandAbbreviation(i)].filter(Boolean));
  // One of an issuer's spellings is a run of whole words of the issuer ("HU" → "huyen uy" in
  // "huyen uy dong yen"; never the letters "hu" inside "phu" or "huyen").
  return byValue(
    (d) => d.issuerF,
    (issuerF) => {
      const issuer = ` ${filterWords(issuerF)} `;
      return wanted.some((alts) => alts.some((v) => issuer.includes(` ${v} `)));
    },
  );
}

function yearPredicate(years: readonly (number | null)[]): Predicate {
  const ys = new Set(years);
  return (d) => ys.has(d.year);
}

/** The document carries any of the tags given. */
function tagPredicate(tags: readonly string[]): Predicate {
  const wanted = tags.map((t) => fold(t).trim());
  return (d) => wanted.some((t) => d.tagsF.includes(t));
}

/** A query filter's value and, when it is a comma list, each of its items (`coquan:"HU,ĐU"`). */
function alternatives(value: string): string[] {
  if (!value.includes(',')) return [value];
  return [value, ...value.split(',').map((v) => v.trim())].filter(Boolean);
}

/** The conditions no facet shows: number and date range. */
function rangePredicates(f: SearchFilters): Predicate[] {
  const preds: Predicate[] = [];
  if (f.number) {
    const key = docNumberKey(f.number);
    const folded = fold(f.number).replace(/[^a-z0-9]+/g, '');
    preds.push((d) =>
      key && d.numberKey
        ? d.numberKey === key
        : (d.numberKey ?? '').replace(/[^a-z0-9]+/g, '').includes(folded),
    );
  }
  if (f.dateFrom) {
    const from = f.dateFrom;
    // A date known only to the month or year ("2024-03", "2024") is in range when its period overlaps.
    preds.push((d) => d.date !== null && d.date + (d.date.length < 10 ? '\uffff' : '') >= from);
  }
  if (f.dateTo) {
    // A prefix bound ("2023-12") includes the whole month/year.
    const to = f.dateTo + (f.dateTo.length < 10 ? '\uffff' : '');
    preds.push((d) => d.date !== null && d.date <= to);
  }
  return preds;
}

/**
 * The query's own filters (so: loai: coquan: nam: tu: den: tag:): each coquan:/tag: word applies
 * (`tag:a tag:b` both tags), a comma list is any of its items, as for nam:2021,2022 (the parser
 * splits years); a document has one type, so several loai: are any of them.
 */
function inlinePredicates(f: SearchFilters): Predicate[] {
  const preds = rangePredicates(f);
  if (f.types?.length) preds.push(typePredicate(f.types.flatMap(alternatives)));
  for (const issuer of f.issuers ?? []) preds.push(issuerPredicate(alternatives(issuer)));
  if (f.years?.length) preds.push(yearPredicate(f.years));
  for (const tag of f.tags ?? []) preds.push(tagPredicate(alternatives(tag)));
  return preds;
}

/**
 * The structured filters of the facets (the app's facet lists): any of a facet's values (OR within a
 * facet), every facet (AND across).
 */
function facetPredicates(
  f: SearchFilters,
  validityOf: (id: number) => ValidityStatus,
): { field: FacetField; test: Predicate }[] {
  const out: { field: FacetField; test: Predicate }[] = [];
  if (f.types?.length) out.push({ field: 'type', test: typePredicate(f.types) });
  if (f.issuers?.length) out.push({ field: 'issuer', test: issuerPredicate(f.issuers) });
  if (f.years?.length) out.push({ field: 'year', test: yearPredicate(f.years) });
  if (f.tags?.length) out.push({ field: 'tag', test: tagPredicate(f.tags) });
  if (f.access?.length) {
    const levels = new Set(f.access);
    out.push({ field: 'access', test: (d) => levels.has(d.access) });
  }
  if (f.validity?.length) {
    const wanted = new Set(f.validity);
    out.push({ field: 'validity', test: (d) => wanted.has(validityOf(d.id)) });
  }
  return out;
}

export interface SearchServiceOptions {
  /** Cap of the row text one transaction stages for the in-memory store (tests set less). */
  stagedRowChars?: number;
}

export function createSearchService(archive: Archive, opts: SearchServiceOptions = {}): SearchService {
  const stagedRowCap = opts.stagedRowChars ?? STAGED_ROW_CHARS;
  const db = archive.db;
  // Where documents are filed changes seldom, yet every search's facets read it: kept per scope until
  // the database changes (total_changes() counts this connection's writes, data_version others').
  const dbVersion = db
    .prepare<[], string>("SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version)")
    .pluck();
  const filingMemo = new Map<string, { version: string; map: Map<number, DocumentFiling> }>();
  const filingFor = (scope: ReadScope): Map<number, DocumentFiling> => {
    const key = scope.all ? '*' : `${[...scope.levels].sort().join(',')}:${scope.userId ?? ''}`;
    const version = dbVersion.get()!;
    const hit = filingMemo.get(key);
    if (hit?.version === version) return hit.map;
    const map = filingByDocument(db, scope);
    filingMemo.set(key, { version, map });
    return map;
  };
  // FTS rows written in the current transaction, for the in-memory store (applied at commit). Kept
  // up to STAGED_ROW_CHARS; a transaction that writes more (a bundle import is one transaction over
  // every document) keeps only ids — those staged so far included — and its rows are read again at
  // commit, one at a time. Letting go of the staged rows too matters: held through the rest of a
  // long transaction they are most of what is live, and the JS heap grows to a multiple of that
  // (measured: a 10,000-document bundle import peaked at 396 MB with them kept, 326 MB without).
  const stagedRows = new Map<number, string[] | null>();
  const rereadIds = new Set<number>();
  let stagedChars = 0;
  let bulk = false; // whole-archive rebuilds feed the store by its own build instead
  const indexer: FtsIndexer = createFtsIndexer(db, (id, row) => {
    if (bulk) return;
    if (rereadIds.size > 0) {
      rereadIds.add(id);
      return;
    }
    const chars = row ? row.reduce((n, c) => n + c.length, 0) : 0;
    if (stagedChars + chars > stagedRowCap) {
      for (const staged of stagedRows.keys()) rereadIds.add(staged);
      rereadIds.add(id);
      stagedRows.clear();
      stagedChars = 0;
      return;
    }
    stagedRows.set(id, row);
    stagedChars += chars;
  });
  const documentIds = db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck();
  const impacts = new ImpactStore({
    derivedDir: archive.derivedDir,
    changedSince,
    rowOf: (id) => indexer.rowOf(id),
    checkpoint: () => indexer.checkpoint(),
    documentIds: () => documentIds.all(),
  });
  let closed = false;
  const attrs = new DocAttributeCache(db, {
    derivedDir: archive.derivedDir,
    changedSince,
    checkpoint: () => indexer.checkpoint(),
  });
  const instant = new InstantIndex(db, archive.derivedDir);
  const dfCache = new Map<string, number>();
  const pendingIds = new Set<number>();
  const outlines = new Map<number, Outline>();
  const unsubscribe: (() => void)[] = [];

  const dfStmt = db.prepare<[string], number>(`SELECT doc FROM search_fts_vocab WHERE term = ?`).pluck();
  const weights = FTS_COLUMNS.map((c) => FTS_WEIGHTS[c]).join(', ');
  const matchStmt = db
    .prepare<[string], [number, number]>(
      `SELECT rowid, bm25(search_fts, ${weights}) FROM search_fts WHERE search_fts MATCH ?`,
    )
    .raw();
  const matchIdsStmt = db
    .prepare<[string], number>(`SELECT rowid FROM search_fts WHERE search_fts MATCH ?`)
    .pluck();
  const nameRow = db.prepare<[number], { doc_type: string | null; title: string }>(
    `SELECT doc_type, title FROM documents WHERE id = ?`,
  );
  const idsByNumberKey = db
    .prepare<[string], number>(`SELECT id FROM documents WHERE number_key = ?`)
    .pluck();
  const citersOfKey = db
    .prepare<[string], number>(`SELECT DISTINCT source_id FROM relations WHERE cited_number_key = ?`)
    .pluck();
  // Keys "p" and "p-…" ('-' sorts just before '.'), read off the index on cited_number_key.
  const citersOfKeyPrefix = db.prepare<[string, string, string], { id: number; type: string | null }>(
    `SELECT source_id AS id, cited_type AS type FROM relations
      WHERE cited_number_key = ? OR (cited_number_key >= ? AND cited_number_key < ?)`,
  );
  const docRow = db.prepare<
    [number],
    {
      id: number;
      uid: string;
      number: string | null;
      title: string;
      doc_type: string | null;
      issuer: string | null;
      issued_date: string | null;
      signer: string | null;
    }
  >(`SELECT id, uid, number, title, doc_type, issuer, issued_date, signer FROM documents WHERE id = ?`);
  const filesOf = db.prepare<
    [number],
    { id: number; original_name: string; sha256: string; media_type: string; role: 'main' | 'attachment' }
  >(
    `SELECT id, original_name, sha256, media_type, role FROM files WHERE document_id = ?
     ORDER BY ${fileReadingOrder()}`,
  );
  // Pages file by file in primary-key order: streamed, so snippets that stop early read no more.
  const pagesOfFile = db.prepare<[number], { page_no: number; text: string }>(
    `SELECT page_no, text FROM pages WHERE file_id = ? ORDER BY page_no`,
  );
  const journalSince = db
    .prepare<[number], number>(`SELECT DISTINCT document_id FROM change_journal WHERE seq > ?`)
    .pluck();
  const journalMin = db.prepare<[], number | null>(`SELECT min(seq) FROM change_journal`).pluck();

  function df(term: string): number {
    let v = dfCache.get(term);
    if (v === undefined) {
      v = (impacts.ready() ? impacts.dfOf(term) : undefined) ?? dfStmt.get(term) ?? 0;
      dfCache.set(term, v);
    }
    return v;
  }

  /**
   * A short query that names a document ("ke hoach chuyen doi so") puts the documents whose name —
   * type and trích yếu — holds every one of its words above the others: in a small archive bm25's
   * idf of such everyday words is nil and a report that merely discusses the subject would win.
   * Checked on the best-scored candidates only (a document so named scores high anyway).
   */
  function boostNamedDocuments(
    parsed: ReturnType<typeof parseQuery>,
    candidates: readonly number[],
    score: Float64Array,
  ): void {
    const words = new Set<string>();
    for (const seg of [...parsed.segments, ...parsed.phrases])
      for (const t of tokenize(seg).tokens) words.add(t.f);
    if (words.size > 1) for (const w of STOP_WORDS) words.delete(w);
    if (words.size === 0 || words.size > NAME_QUERY_MAX_WORDS) return;
    for (const id of candidates) {
      const r = nameRow.get(id);
      if (!r) continue;
      const name = new Set(fold(`${r.doc_type ?? ''} ${r.title}`).split(/[^\p{L}\p{N}]+/u));
      let all = true;
      for (const w of words) if (!name.has(w)) all = false;
      if (all) score[id] = score[id]! + NAME_BOOST;
    }
  }

  /** A document's pages in reading order, read lazily (snippets stop early). */
  function* pageTexts(id: number): Generator<PageText> {
    for (const f of filesOf.all(id)) {
      for (const p of pagesOfFile.iterate(f.id))
        yield { page: p.page_no, fileName: f.original_name, text: p.text };
    }
  }

  /**
   * A document's sections over its pages in reading order (pages joined by a line break; each
   * page's start offset), derived from the stored text and kept for the next searches.
   */
  function outlineOf(id: number): Outline {
    const cached = outlines.get(id);
    if (cached) {
      outlines.delete(id); // most recently used last
      outlines.set(id, cached);
      return cached;
    }
    const pages = [...pageTexts(id)];
    const starts: number[] = [];
    let at = 0;
    for (const p of pages) {
      starts.push(at);
      at += p.text.length + 1;
    }
    const outline: Outline = { sections: parseSections(pages.map((p) => p.text).join('\n')), starts };
    outlines.set(id, outline);
    if (outlines.size > OUTLINE_CACHE) outlines.delete(outlines.keys().next().value!);
    return outline;
  }

  /** The pages of a document cut to one section (its page numbers kept), for its snippets. */
  function sectionPages(id: number, s: Section): PageText[] {
    const out: PageText[] = [];
    let at = 0;
    for (const p of pageTexts(id)) {
      const from = Math.max(s.start, at);
      const to = Math.min(s.end, at + p.text.length);
      if (from < to) out.push({ ...p, text: p.text.slice(from - at, to - at) });
      at += p.text.length + 1;
      if (at >= s.end) break;
    }
    return out;
  }

  /** The page (number) of an offset in a document's joined text. */
  function pageAt(id: number, outline: Outline, offset: number): number {
    let k = 0;
    while (k + 1 < outline.starts.length && outline.starts[k + 1]! <= offset) k++;
    let n = 0;
    for (const p of pageTexts(id)) if (n++ === k) return p.page;
    return 1;
  }

  function changedSince(seq: number): number[] | null {
    const min = journalMin.get();
    // Rows after `seq` must all still be in the journal (nothing pruned past it).
    if (min !== null && min !== undefined && min > seq + 1) return null;
    return journalSince.all(seq);
  }

  function clearStaged(): void {
    stagedRows.clear();
    rereadIds.clear();
    stagedChars = 0;
  }

  function* committedRows(): Generator<[number, string[] | null]> {
    yield* stagedRows;
    for (const id of rereadIds) yield [id, indexer.rowOf(id)];
  }

  function onCommitted(): void {
    if (stagedRows.size > 0 || rereadIds.size > 0) {
      impacts.applyCommitted(committedRows(), indexer.checkpoint());
      clearStaged();
    }
    if (pendingIds.size === 0) return;
    const ids = [...pendingIds];
    pendingIds.clear();
    dfCache.clear();
    for (const id of ids) outlines.delete(id);
    attrs.refresh(ids, indexer.checkpoint());
    instant.apply(ids, indexer.checkpoint());
  }

  function rebuildAllSync(): void {
    const ids = db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck().all();
    bulk = true;
    try {
      archive.write((wdb) => {
        wdb.prepare(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`).run();
        indexer.indexDocuments(ids);
        indexer.markRebuilt();
      });
    } finally {
      bulk = false;
    }
    attrs.reset();
    dfCache.clear();
    outlines.clear();
    impacts.discard();
  }

  /** Starts building the in-memory store in the background when it is missing (search uses FTS5 meanwhile). */
  function ensureImpacts(): boolean {
    if (impacts.ready()) return true;
    if (impacts.needsBuild() && !closed) {
      impacts.build().catch((e: unknown) => console.error('impact store build failed', e));
    }
    return false;
  }

  if (!archive.readonly) {
    unsubscribe.push(
      archive.addWriteHook(() => {
        for (const id of indexer.catchUp()) pendingIds.add(id);
      }),
    );
    unsubscribe.push(archive.addCommitListener(onCommitted));
    unsubscribe.push(
      archive.addRollbackListener(() => {
        clearStaged();
        pendingIds.clear();
      }),
    );
    unsubscribe.push(archive.addCommitListener(() => indexer.settleTotals())); // exact bm25 totals
    indexer.repairTotals();
    if (indexer.needsRebuild()) rebuildAllSync();
    else if (indexer.pending() > 0) archive.write(() => undefined); // catch up on writes made without us
  }

  /**
   * The documents a query names, each with its boost: those bearing a number it holds
   * (NUMBER_BOOST) and those citing it (CITE_BOOST); "chương trình 04", those of that type whose
   * number starts so, then those citing one; "nghị định 2021", those of that type issued that year
   * (YEAR_BOOST), after one numbered 2021. Returns the key of the first number some document bears.
   * Shared by search and the instant suggestions (which leave out the citing documents, `citers`
   * false), so both read a query alike.
   */
  /** By type code: whether that type folds to `typeF` (a loop over documents reads it per id). */
  function typeCodesOf(typeF: string | null): boolean[] {
    return attrs.codes.type.values.map((v) => attrs.codes.folded(v) === typeF);
  }

  function namedByQuery(
    parsed: ReturnType<typeof parseQuery>,
    intent: ReturnType<typeof queryIntent>,
    name: (id: number, boost: number) => void,
    citers = true,
  ): string | null {
    let numberKey: string | null = null;
    for (const num of parsed.numbers) {
      const ids = idsByNumberKey.all(num.key);
      if (ids.length > 0) numberKey ??= num.key;
      for (const id of ids) name(id, NUMBER_BOOST);
      if (citers) for (const id of citersOfKey.all(num.key)) name(id, CITE_BOOST);
    }
    if (intent.numberPrefix === null && intent.year === null) return numberKey;
    const p = intent.numberPrefix;
    const anyType = intent.typeF === 'van ban';
    // Off the columns: a type + year query looks at every document of the archive.
    const cols = attrs.columnsView();
    const ofType = anyType ? null : typeCodesOf(intent.typeF);
    const numbered = p !== null ? keyPrefixTest(p) : null;
    for (let id = 1; id < cols.cap; id++) {
      if (cols.access[id] === 0 || (ofType && !ofType[cols.type[id]!])) continue;
      if (numbered?.(attrs.numberKeyOf(id))) name(id, NUMBER_BOOST);
      else if (intent.year !== null && cols.yearOf(id) === intent.year) name(id, YEAR_BOOST);
    }
    if (p !== null && citers)
      for (const r of citersOfKeyPrefix.all(p, `${p}-`, `${p}.`))
        if (anyType || (r.type !== null && fold(r.type).trim() === intent.typeF)) name(r.id, CITE_BOOST);
    return numberKey;
  }

  function search(req: SearchRequest, scope: ReadScope = READ_ALL): SearchResponse {
    const started = performance.now();
    const parsed = parseQuery(req.query ?? '');
    // What the words name is read from the query as typed: the as-you-type prefix below must not
    // hide "nghị định 2021" while the app's search box waits for Enter.
    const intent = queryIntent(parsed);
    if (req.asYouType && parsed.segments.length > 0 && !/\s$/.test(req.query)) {
      // The last word of the last free-text run is still being typed: it becomes a prefix, together
      // with the word before it (matched as a pair prefix).
      const last = parsed.segments[parsed.segments.length - 1]!;
      const m = /^(.*?)(\S+)$/.exec(last);
      if (m && req.query.trimEnd().endsWith(m[2]!)) {
        const before = m[1]!.trim();
        if (before) parsed.segments[parsed.segments.length - 1] = before;
        else parsed.segments.pop();
        const prev = /(\S+)$/.exec(before)?.[1];
        parsed.prefixes.push(prev ? `${prev} ${m[2]!}` : m[2]!);
      }
    }
    // The query's own filters and the structured number/date range always apply. The facet filters
    // (OR within a facet, AND across) are left out of their own facet's counts, so a facet keeps
    // showing its other values with the counts picking one of them would add (disjunctive faceting).
    const structured = req.filters ?? {};
    const basePreds = [...inlinePredicates(parsed.filters), ...rangePredicates(structured)];
    // What the caller may not read is in no hit, count or facet; no test at all when it reads all.
    const readable = readableTest(db, scope);
    if (readable) basePreds.unshift((d) => readable(d.id, d.access));
    const validityOf = (id: number): ValidityStatus => attrs.validityOf(id);
    const facetPreds = facetPredicates(structured, validityOf);
    if (structured.records?.length) {
      const inRecords = documentIdsInRecords(db, structured.records);
      facetPreds.push({ field: 'record', test: (d) => inRecords.has(d.id) });
    }
    // Read only when a hồ sơ facet or the thời hạn filter needs it, and then from the memo.
    let filing: Map<number, DocumentFiling> | null = null;
    const filingOf = (id: number): DocumentFiling | undefined => (filing ??= filingFor(scope)).get(id);
    if (structured.retention?.length) {
      const wanted = new Set(structured.retention);
      facetPreds.push({ field: 'retention', test: (d) => wanted.has(retentionValue(filingOf(d.id))) });
    }
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(req.limit ?? DEFAULT_LIMIT)));
    const offset = Math.max(0, Math.floor(req.offset ?? 0));
    const docTotal = attrs.size();
    const expansions: Record<string, string> = {};
    const useStore = ensureImpacts();
    const plan = buildMatch(parsed, {
      df,
      total: docTotal,
      expand: (w) => {
        const e = expandAbbreviation(w);
        for (const x of e) expansions[w] = x;
        return e;
      },
      stored: useStore ? (kind, term) => impacts.has(kind, term) : undefined,
    });
    const invalid = (e: unknown): VanKhoError =>
      new VanKhoError(appError('INVALID_INPUT', `query: ${(e as Error).message}`));
    const runMatch = (expr: string): [number, number][] => {
      try {
        return matchStmt.all(expr);
      } catch (e) {
        throw invalid(e);
      }
    };
    // Which documents match, without bm25: half the time of runMatch on a common phrase.
    const matchIds = (expr: string): number[] => {
      try {
        return matchIdsStmt.all(expr);
      } catch (e) {
        throw invalid(e);
      }
    };

    // Score every matching document: bm25 of the FTS5 terms plus that of the terms held in memory.
    const cap = attrs.maxId() + 1;
    const score = new Float64Array(cap);
    const inSet = new Uint8Array(cap);
    const found: number[] = [];
    const addFound = (id: number, s: number): void => {
      if (id >= cap) return;
      if (!inSet[id]) {
        inSet[id] = 1;
        found.push(id);
      }
      score[id] = score[id]! + s;
    };
    // A query with words matches only documents holding them (none when no word is in the index).
    let textQuery =
      parsed.segments.some((s) => /[\p{L}\p{N}]/u.test(s)) ||
      parsed.phrases.length + parsed.nears.length + parsed.prefixes.length + parsed.numbers.length > 0;
    const required = plan.memory.required.flat();
    if (required.length > 0) {
      // Phrases held in memory decide the match (with FTS5's own required phrases, if any).
      textQuery = true;
      const holders = impacts.allOf(required);
      if (plan.expr) {
        const fts = new Map(runMatch(plan.expr));
        for (const id of holders) {
          const bm = fts.get(id);
          if (bm !== undefined) addFound(id, -bm);
        }
      } else for (const id of holders) addFound(id, 0);
      for (const t of required) impacts.accumulate(t.kind, t.term, score, inSet, null, found);
      if (plan.scoreExpr) {
        for (const [id, bm] of runMatch(plan.scoreExpr))
          if (id < cap && inSet[id]) score[id] = score[id]! - bm;
      }
    } else if (plan.expr) {
      textQuery = true;
      for (const [id, bm] of runMatch(plan.expr)) addFound(id, -bm);
    }
    if (plan.memory.match.length > 0) {
      textQuery = true;
      for (const t of plan.memory.match) impacts.accumulate(t.kind, t.term, score, inSet, found);
    }
    if (plan.exclude && (required.length > 0 || plan.memory.match.length > 0)) {
      // FTS5's expression excludes by itself; documents found in memory are checked here.
      for (const id of matchIds(plan.exclude)) if (id < cap) inSet[id] = 0;
    }
    if (found.length > 0) {
      // Exact-accent terms and terms too common to match on raise documents already found; they
      // never add one (recall comes from the folded terms, so "Quyet Đinh" finds what "quyet dinh" finds).
      if (plan.boost) {
        for (const [id, bm] of runMatch(plan.boost)) if (id < cap && inSet[id]) score[id] = score[id]! - bm;
      }
      for (const t of [...plan.memory.score, ...plan.memory.boost])
        impacts.accumulate(t.kind, t.term, score, inSet, null, found);
    }
    // A number in the query is its strongest signal, whatever words surround it: the documents
    // bearing it first, then those citing it.
    const named = new Set<number>(); // documents the query names by a number they bear or cite
    const bearing: number[] = []; // …of which those bearing it
    const numberKey = namedByQuery(parsed, intent, (id, boost) => {
      addFound(id, boost);
      named.add(id);
      if (boost === NUMBER_BOOST) bearing.push(id);
    });
    // A section the query names ("khoan 2 dieu 5 quyet dinh 08/2022"): the documents bearing the
    // number that hold it come first, the hit showing that section.
    const ref = sectionRef(parsed.segments.join(' '));
    const sectionOf = new Map<number, Section>();
    const boostSections = (ids: Iterable<number>): void => {
      for (const id of ids) {
        if (sectionOf.has(id)) continue;
        const s = findSection(outlineOf(id).sections, ref!);
        if (!s) continue;
        sectionOf.set(id, s);
        score[id] = score[id]! + SECTION_BOOST;
      }
    };
    const bearingChecked = ref !== null && bearing.length > 0 && bearing.length <= SECTION_CHECK_MAX;
    if (bearingChecked) boostSections(new Set(bearing));
    // Honest counts: a result holds every word typed, or bears or cites the number the query names.
    // Documents holding only some words follow the results, listed apart and never counted; a long
    // question ranks by any word and only counts how many hold them all.
    // A flag per document id (the loop below asks it of every candidate: cheaper than a Set).
    let strong: Uint8Array | null = null;
    const flags = (ids: Iterable<number>): Uint8Array => {
      const f = new Uint8Array(cap);
      for (const id of ids) if (id < cap) f[id] = 1;
      return f;
    };
    if (named.size > 0) strong = flags(named);
    else if (textQuery && (plan.allWords || plan.allWordsMemory.length > 0)) {
      // The rarer words through FTS5, the common ones on the store's postings (see allWordsMemory).
      const held = plan.allWordsMemory.length > 0 ? impacts.allOf(plan.allWordsMemory) : null;
      let ids: number[];
      if (plan.allWords) {
        const expr = plan.exclude ? `(${plan.allWords}) NOT (${plan.exclude})` : plan.allWords;
        ids = matchIds(expr);
        if (held) {
          const has = flags(held);
          ids = ids.filter((id) => id < cap && has[id]);
        }
        strong = flags(ids);
      } else {
        strong = flags(held!);
        if (plan.exclude) {
          for (const id of matchIds(plan.exclude)) if (id < cap) strong[id] = 0;
          ids = held!.filter((id) => id < cap && strong![id]);
        } else ids = held!; // (ids past cap are skipped below)
      }
      // Matching reads only selective terms in a large archive: a document holding every word
      // without any of them is a result all the same (ranked by what it holds).
      for (const id of ids) if (id < cap && !inSet[id]) addFound(id, 0);
    }
    const splitPartial = strong !== null && !plan.long;
    // Candidates are handled by id, off the attribute columns: an attributes object is made only
    // when a filter must look at it, and for the page shown.
    const cols = attrs.columnsView();
    const objectNeeded = basePreds.length > 0 || facetPreds.length > 0;
    const partial: number[] = [];
    let strongCount = 0;
    const counter =
      req.facets !== false
        ? new FacetCounter(
            attrs.codes,
            cols,
            () => attrs.validities(),
            () => (filing ??= filingFor(scope)),
          )
        : null;
    let matched: number[] = [];
    const consider = (id: number): void => {
      const d = objectNeeded ? attrs.get(id)! : undefined;
      for (let i = 0; i < basePreds.length; i++) if (!basePreds[i]!(d!)) return;
      if (splitPartial && !strong![id]) {
        for (let i = 0; i < facetPreds.length; i++) if (!facetPreds[i]!.test(d!)) return;
        partial.push(id);
        return;
      }
      if (strong?.[id]) strongCount++;
      let failed = -1; // the one facet whose selection d misses (it counts there only)
      for (let i = 0; i < facetPreds.length; i++) {
        if (facetPreds[i]!.test(d!)) continue;
        if (failed >= 0) return;
        failed = i;
      }
      if (failed < 0) {
        matched.push(id);
        counter?.add(id);
      } else counter?.add(id, facetPreds[failed]!.field);
    };
    const live = (id: number): boolean => id < cols.cap && cols.access[id] !== 0;
    if (textQuery) {
      for (const id of found) if (inSet[id] && live(id)) consider(id); // (not inSet: excluded)
    } else {
      // Only exclusions: everything except documents containing them.
      const out = parsed.excluded.length > 0 && plan.exclude ? new Set(matchIds(plan.exclude)) : null;
      for (let id = 1; id < cols.cap; id++) if (live(id) && !out?.has(id)) consider(id);
    }

    const facets = counter ? counter.result() : emptyFacets();
    if (intent.typeOnly) {
      const ofType = typeCodesOf(intent.typeF);
      for (const list of [matched, partial])
        for (const id of list) if (ofType[cols.type[id]!]) score[id] = score[id]! + TYPE_BOOST;
    }

    const sort = req.sort ?? (textQuery ? 'relevance' : 'date-desc');
    const total = matched.length;
    const byScore = (a: number, b: number): number => score[b]! - score[a]! || b - a;
    // Undated documents last in both directions (a date sort is for finding by date).
    const dateOrder = (a: number, b: number): number => {
      const da = cols.dateOf(a);
      const db = cols.dateOf(b);
      if ((da === null) !== (db === null)) return da === null ? 1 : -1;
      const byDate =
        sort === 'date-asc' ? (da ?? '').localeCompare(db ?? '') : (db ?? '').localeCompare(da ?? '');
      return byDate || score[b]! - score[a]! || (sort === 'date-asc' ? a - b : b - a);
    };
    if (sort === 'relevance') {
      // Only the first offset+limit places need ordering: cut at the k-th best score first (and
      // check the best candidates for a document the query names, see boostNamedDocuments).
      const k = Math.max(offset + limit, NAME_CHECK_MIN);
      if (matched.length > k * 4) {
        const values = new Float64Array(matched.length);
        for (let i = 0; i < matched.length; i++) values[i] = score[matched[i]!]!;
        const threshold = kthLargest(values, k);
        const top: number[] = [];
        for (let i = 0; i < matched.length; i++) if (score[matched[i]!]! >= threshold) top.push(matched[i]!);
        boostNamedDocuments(parsed, top, score);
        top.sort(byScore);
        matched = top; // only the ordered head is read below (the page)
      } else {
        boostNamedDocuments(parsed, matched, score);
        matched.sort(byScore);
      }
      if (ref !== null && !bearingChecked) {
        // No number named the documents: the best candidates holding the section rise among them.
        boostSections(matched.slice(0, k));
        matched.sort(byScore);
      }
    } else matched.sort(dateOrder);

    const pageIds = matched.slice(offset, offset + limit);
    // The partly matching documents, after the results (only when the page reaches them).
    const partialFrom = pageIds.length;
    if (pageIds.length < limit && partial.length > 0) {
      partial.sort(sort === 'relevance' ? byScore : dateOrder);
      const from = Math.max(0, offset - total);
      pageIds.push(...partial.slice(from, from + limit - pageIds.length));
    }
    const page = pageIds.map((id) => attrs.get(id));
    // Marks what matched: the query's pairs and phrases, accented words in their accented form.
    const re = markerFor(req.query ?? '', {
      lastIsPrefix: req.asYouType && !/\s$/.test(req.query) ? 'always' : undefined,
      extraPhrases: plan.highlightPhrases,
    });
    const hits: SearchHit[] = [];
    for (const [i, d] of page.entries()) {
      if (!d) continue;
      const r = docRow.get(d.id);
      if (!r) continue;
      let snippets: SearchHit['snippets'] = [];
      let section: SearchHit['section'];
      const asked = sectionOf.get(d.id);
      if (asked) {
        // The section the query names: its snippets, and where it starts.
        const outline = outlineOf(d.id);
        section = { path: asked.path, page: pageAt(d.id, outline, asked.start) };
        if (req.snippets !== false && re) {
          const own = sectionPages(d.id, asked);
          snippets = plainSnippets(buildSnippets(own, re, 3));
          // Nothing the query typed is in it ("khoản 2" is in its number, not its words): its opening.
          if (snippets.length === 0 && own[0]) snippets = [openingSnippet(own[0], re)];
        }
      }
      if (req.snippets !== false && re && snippets.length === 0) {
        // The pages the snippets read also tell the section the best one lies in.
        const read: PageText[] = [];
        const built = buildSnippets(
          (function* (src: Iterable<PageText>) {
            for (const p of src) {
              read.push(p);
              yield p;
            }
          })(pageTexts(d.id)),
          re,
          3,
        );
        snippets = plainSnippets(built);
        const best = built[0];
        if (!section && best) {
          let at = best.at;
          for (let k = 0; k < best.source; k++) at += read[k]!.text.length + 1;
          const s = sectionAt(parseSections(read.map((p) => p.text).join('\n')), at);
          if (s) section = { path: s.path, page: best.page };
        }
      }
      hits.push({
        id: r.id,
        uid: r.uid,
        number: r.number,
        title: r.title,
        docType: r.doc_type,
        issuer: r.issuer,
        issuedDate: r.issued_date,
        signer: r.signer,
        tags: d.tags,
        validity: attrs.validityOf(d.id),
        access: d.access,
        files: filesOf.all(d.id).map((f) => ({
          name: f.original_name,
          sha256: f.sha256,
          mediaType: f.media_type,
          role: f.role,
        })),
        score: score[d.id] ?? 0,
        titleParts: markParts(r.title, re),
        snippets,
        ...(section ? { section } : {}),
        ...(i >= partialFrom ? { partial: true } : {}),
      });
    }
    return {
      total,
      partialCount: partial.length,
      strongCount: strong === null ? total : strongCount,
      offset,
      limit,
      hits,
      facets,
      query: {
        terms: plan.terms,
        phrases: parsed.phrases,
        excluded: parsed.excluded,
        expansions,
        numberKey,
      },
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  function ensureInstant(): void {
    instant.ensure(indexer.checkpoint(), changedSince);
  }

  async function reindex(opts: ReindexOptions = {}): Promise<void> {
    const ids = db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck().all();
    const total = ids.length;
    // Replace rows chunk by chunk (search stays complete throughout; a cancel leaves it consistent),
    // then drop rows of documents that no longer exist.
    for (let i = 0; i < total; i += REINDEX_CHUNK) {
      if (opts.signal?.aborted) throw new VanKhoError(appError('CANCELLED'));
      const chunk = ids.slice(i, i + REINDEX_CHUNK);
      bulk = true;
      try {
        archive.write(() => indexer.indexDocuments(chunk));
      } finally {
        bulk = false;
      }
      opts.onProgress?.({ phase: 'fulltext', done: Math.min(total, i + chunk.length), total });
      await new Promise<void>((r) => setImmediate(r));
    }
    archive.write((wdb) => {
      const live = new Set(ids);
      const del = wdb.prepare<[number]>(`DELETE FROM search_fts WHERE rowid = ?`);
      for (const id of wdb.prepare<[], number>(`SELECT rowid FROM search_fts`).pluck().all()) {
        if (!live.has(id)) del.run(id);
      }
      indexer.markRebuilt();
    });
    attrs.reset();
    dfCache.clear();
    outlines.clear();
    // The in-memory store of common terms is rebuilt from the new index (part of the full-text phase).
    impacts.discard();
    const built = await impacts.build(
      (done) => opts.onProgress?.({ phase: 'fulltext', done: Math.min(total, done), total }),
      opts.signal,
    );
    if (!built) throw new VanKhoError(appError('CANCELLED'));
    if (!archive.readonly) impacts.save();
    opts.onProgress?.({ phase: 'instant', done: 0, total });
    instant.rebuild(indexer.checkpoint());
    instant.save();
    opts.onProgress?.({ phase: 'instant', done: total, total });
  }

  return {
    search,
    impacts,
    find(prefix: string, limit = 10, scope: ReadScope = READ_ALL): InstantHit[] {
      ensureInstant();
      const n = Math.min(MAX_LIMIT, Math.max(1, limit));
      const readable = readableTest(db, scope);
      // The documents the words name as full search reads them ("quyết định 08/2022/QĐ-TTg",
      // "chương trình 04", "nghị định 2021") come first: those bearing the number, then those of
      // the type and year; the identity-field matches follow.
      const parsed = parseQuery(prefix);
      const boosts = new Map<number, number>();
      namedByQuery(
        parsed,
        queryIntent(parsed),
        (id, boost) => boosts.set(id, Math.max(boosts.get(id) ?? 0, boost)),
        false,
      );
      const namedIds = [...boosts.entries()]
        .sort((a, b) => b[1] - a[1] || b[0] - a[0])
        .map(([id]) => id)
        .filter((id) => {
          if (!readable) return true;
          const d = attrs.get(id);
          return d !== undefined && readable(d.id, d.access);
        })
        .slice(0, n);
      // Ask for more than shown when some may be left out (unreadable, or already named).
      const rest = n - namedIds.length;
      const found =
        rest === 0
          ? []
          : instant
              .find(prefix, readable ? MAX_LIMIT : Math.min(MAX_LIMIT, n + namedIds.length))
              .filter((h) => {
                if (boosts.has(h.id)) return false;
                if (!readable) return true;
                const d = attrs.get(h.id);
                return d !== undefined && readable(d.id, d.access);
              });
      // A number names the document by its số ký hiệu; a type and year by its name (type + trích yếu).
      const named = namedIds.map((id) => [id, boosts.get(id) === NUMBER_BOOST ? 'number' : 'title'] as const);
      return [...instant.hitsOf(named), ...found].slice(0, n);
    },
    reindex,
    behind: () => archive.readonly && (indexer.needsRebuild() || indexer.pending() > 0),
    flush() {
      if (!archive.readonly) {
        instant.save();
        impacts.save();
        attrs.save();
      }
    },
    close() {
      closed = true;
      impacts.cancelBuild();
      try {
        if (!archive.readonly) {
          instant.save();
          impacts.save();
          attrs.save();
        }
      } finally {
        impacts.release();
        for (const u of unsubscribe) u();
      }
    },
  };
}
