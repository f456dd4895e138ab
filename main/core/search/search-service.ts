// The search engine of one open archive: keeps its indexes equal to the data (the full-text index
// by a write hook, the in-memory store of common terms, the attribute cache and the instant index
// after each commit; reindex on demand) and composes the query parts over them: ranked search
// (ranked-search.ts), quick suggestions (quick-suggestions.ts). It reads the archive through a
// SearchSource (core/archive's stores, built by core/app/search-source.ts), never the database itself
// (issue 13's storage seam); the parts get the source's reads as functions. Created by openVanKho();
// the one code path for app, CLI, quality test and benchmark.

import type {
  InstantHit,
  ReindexProgress,
  SearchRequest,
  SearchResponse,
} from '../../contract/search-types.js';
import type { AccessLevel } from '../../contract/request-context.js';
import type { ReadScope } from '../archive/access.js';
import { appError } from '../../contract/errors.js';
import type { Archive } from '../archive/archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { AttributeRows } from '../archive/attribute-rows.js';
import type { FtsIndexStore, FtsMatchRows } from '../archive/fts-rows.js';
import type { IdentityRows } from '../archive/identity-rows.js';
import type { SearchRows } from '../archive/search-rows.js';
import { DocAttributeCache } from './doc-attributes.js';
import { DocumentOutlines } from './document-outlines.js';
import { FTS_COLUMNS, FTS_WEIGHTS } from './fts-query.js';
import { createFtsIndexer, type FtsIndexer } from './fts-indexer.js';
import type { PageText } from './highlight.js';
import { ImpactStore } from './impact-store.js';
import { InstantIndex } from './instant-index.js';
import { createIntentBoosts } from './intent-boost.js';
import { IntentIndex } from './intent-index.js';
import { createQuickSuggestions } from './quick-suggestions.js';
import type { FtsMatch } from './ranked-match.js';
import { createRankedSearch } from './ranked-search.js';
import type { DocumentFiling } from '../records/records-store.js';

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

const REINDEX_CHUNK = 500;
/** Text (UTF-16 units) of FTS rows one transaction keeps for the in-memory store (~32 MB). */
const STAGED_ROW_CHARS = 16 * 1024 * 1024;

/**
 * What the search engine reads (issue 13's storage seam), not the database: the full-text indexer's
 * store and FTS5's matches, the attribute and identity rows of its in-memory indexes, what a hit shows
 * and the intent boosts look up, who may read what and where documents are filed.
 */
export interface SearchSource {
  index: FtsIndexStore;
  /** FTS5's matches, bm25 under these column weights (statements prepared once: call once). */
  matcher(weights: readonly number[]): FtsMatchRows;
  attributes: AttributeRows;
  identities: IdentityRows;
  documents: SearchRows;
  /** null when `scope` reads everything, else a test on a document's id and level. */
  readable(scope: ReadScope): ((id: number, level: AccessLevel) => boolean) | null;
  /** Every filed document's hồ sơ that `scope` may read. */
  filing(scope: ReadScope): Map<number, DocumentFiling>;
  /** The documents in any of these hồ sơ (by code). */
  documentsInRecords(codes: readonly string[]): Set<number>;
}

/** The parts of an open archive the service uses besides its source: writes, their hooks, its folder. */
export type SearchArchive = Pick<
  Archive,
  'derivedDir' | 'readonly' | 'write' | 'addWriteHook' | 'addCommitListener' | 'addRollbackListener'
>;

export interface SearchServiceOptions {
  /** Cap of the row text one transaction stages for the in-memory store (tests set less). */
  stagedRowChars?: number;
  /** Bytes of changes the in-memory store holds before it saves them (impact-store.ts; tests set 0). */
  impactDeltaBytes?: number;
}

export function createSearchService(
  archive: SearchArchive,
  source: SearchSource,
  opts: SearchServiceOptions = {},
): SearchService {
  const stagedRowCap = opts.stagedRowChars ?? STAGED_ROW_CHARS;
  const rows = source.documents;
  // Where documents are filed changes seldom, yet every search's facets read it: kept per scope until
  // the database changes (its data version).
  const filingMemo = new Map<string, { version: string; map: Map<number, DocumentFiling> }>();
  const filingFor = (scope: ReadScope): Map<number, DocumentFiling> => {
    const key = scope.all ? '*' : `${[...scope.levels].sort().join(',')}:${scope.userId ?? ''}`;
    const version = rows.dataVersion();
    const hit = filingMemo.get(key);
    if (hit?.version === version) return hit.map;
    const map = source.filing(scope);
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
  const indexer: FtsIndexer = createFtsIndexer(source.index, (id, row) => {
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
  const impacts = new ImpactStore({
    derivedDir: archive.derivedDir,
    changedSince,
    rowOf: (id) => indexer.rowOf(id),
    checkpoint: () => indexer.checkpoint(),
    documentIds: () => rows.documentIds(),
    ...(opts.impactDeltaBytes !== undefined ? { deltaBytes: opts.impactDeltaBytes } : {}),
  });
  let closed = false;
  const attrs = new DocAttributeCache(source.attributes, {
    derivedDir: archive.derivedDir,
    changedSince,
    checkpoint: () => indexer.checkpoint(),
  });
  // What a type + number start or year names, by type code (kept in step with attrs).
  const intentIndex = new IntentIndex(attrs);
  const instant = new InstantIndex(source.identities, archive.derivedDir);
  const dfCache = new Map<string, number>();
  const pendingIds = new Set<number>();
  const outlines = new DocumentOutlines(pageTexts);
  const unsubscribe: (() => void)[] = [];

  const match = source.matcher(FTS_COLUMNS.map((c) => FTS_WEIGHTS[c]));
  const journal = source.index.journal;

  function df(term: string): number {
    let v = dfCache.get(term);
    if (v === undefined) {
      v = (impacts.ready() ? impacts.dfOf(term) : undefined) ?? match.docFrequency(term) ?? 0;
      dfCache.set(term, v);
    }
    return v;
  }

  /** A document's pages in reading order, read lazily (snippets stop early). */
  function* pageTexts(id: number): Generator<PageText> {
    for (const f of rows.filesOf(id)) {
      for (const p of rows.filePages(f.id))
        yield { page: p.page_no, fileName: f.original_name, text: p.text };
    }
  }

  function changedSince(seq: number): number[] | null {
    const min = journal.firstSeq();
    // Rows after `seq` must all still be in the journal (nothing pruned past it).
    if (min !== null && min > seq + 1) return null;
    return journal.documentsChangedSince(seq);
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
    for (const id of ids) outlines.forget(id);
    attrs.refresh(ids, indexer.checkpoint());
    intentIndex.refresh(ids);
    instant.apply(ids, indexer.checkpoint());
  }

  function rebuildAllSync(): void {
    const ids = rows.documentIds();
    bulk = true;
    try {
      archive.write(() => {
        source.index.rows.deleteAll();
        indexer.indexDocuments(ids);
        indexer.markRebuilt();
      });
    } finally {
      bulk = false;
    }
    attrs.reset();
    intentIndex.reset();
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

  const invalid = (e: unknown): VanKhoError =>
    new VanKhoError(appError('INVALID_INPUT', `query: ${(e as Error).message}`));
  const fts: FtsMatch = {
    scored(expr) {
      try {
        return match.scored(expr);
      } catch (e) {
        throw invalid(e);
      }
    },
    ids(expr) {
      try {
        return match.ids(expr);
      } catch (e) {
        throw invalid(e);
      }
    },
  };
  const boosts = createIntentBoosts(attrs, intentIndex, {
    bearersOf: (key) => rows.bearersOf(key),
    citersOf: (key) => rows.citersOf(key),
    citersOfPrefix: (p) => rows.citersOfPrefix(p),
    nameOf: (id) => rows.nameOf(id),
  });
  const readable = (scope: ReadScope): ReturnType<SearchSource['readable']> => source.readable(scope);
  const search = createRankedSearch({
    attrs,
    impacts,
    fts,
    boosts,
    outlines,
    hits: { attrs, outlines, rowOf: (id) => rows.hitRow(id), filesOf: (id) => rows.filesOf(id), pageTexts },
    df,
    useStore: ensureImpacts,
    readable,
    documentsInRecords: (codes) => source.documentsInRecords(codes),
    filingFor,
  });
  const find = createQuickSuggestions({
    attrs,
    boosts,
    instant: () => {
      ensureInstant();
      return instant;
    },
    readable,
  });

  function ensureInstant(): void {
    instant.ensure(indexer.checkpoint(), changedSince);
  }

  async function reindex(opts: ReindexOptions = {}): Promise<void> {
    const ids = rows.documentIds();
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
    archive.write(() => {
      const live = new Set(ids);
      const fts = source.index.rows;
      for (const id of fts.rowids()) if (!live.has(id)) fts.delete(id);
      indexer.markRebuilt();
    });
    attrs.reset();
    intentIndex.reset();
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
    find,
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
