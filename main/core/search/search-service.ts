// The search engine of one open archive: keeps its indexes equal to the data (the full-text index
// by a write hook, the in-memory store of common terms, the attribute cache and the instant index
// after each commit; reindex on demand) and composes the query parts over them: ranked search
// (ranked-search.ts), quick suggestions (quick-suggestions.ts). The one file of search that reads
// the database itself: the parts get its statements as functions. Created by openVanKho(); the one
// code path for app, CLI, quality test and benchmark.

import type {
  InstantHit,
  ReindexProgress,
  SearchRequest,
  SearchResponse,
} from '../../contract/search-types.js';
import { readableTest, type ReadScope } from '../archive/access.js';
import { appError } from '../../contract/errors.js';
import type { Archive } from '../archive/archive.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { sqliteAttributeRows } from '../archive/attribute-rows.js';
import { sqliteFtsIndexStore } from '../archive/fts-rows.js';
import { sqliteIdentityRows } from '../archive/identity-rows.js';
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
import type { HitFile, HitRow } from './search-hits.js';
import { filePagesStatement } from '../archive/pages-repo.js';
import { fileReadingOrder } from '../archive/reading-order.js';
import { documentIdsInRecords, filingByDocument, type DocumentFiling } from '../records/records-store.js';

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
  const indexer: FtsIndexer = createFtsIndexer(sqliteFtsIndexStore(db), (id, row) => {
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
  const attrs = new DocAttributeCache(sqliteAttributeRows(db), {
    derivedDir: archive.derivedDir,
    changedSince,
    checkpoint: () => indexer.checkpoint(),
  });
  // What a type + number start or year names, by type code (kept in step with attrs).
  const intentIndex = new IntentIndex(attrs);
  const instant = new InstantIndex(sqliteIdentityRows(db), archive.derivedDir);
  const dfCache = new Map<string, number>();
  const pendingIds = new Set<number>();
  const outlines = new DocumentOutlines(pageTexts);
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
  const docRow = db.prepare<[number], HitRow>(
    `SELECT id, uid, number, title, doc_type, issuer, issued_date, signer FROM documents WHERE id = ?`,
  );
  const filesOf = db.prepare<[number], HitFile>(
    `SELECT id, original_name, sha256, media_type, role FROM files WHERE document_id = ?
     ORDER BY ${fileReadingOrder()}`,
  );
  // Pages file by file in primary-key order: streamed, so snippets that stop early read no more.
  const pagesOfFile = filePagesStatement(db);
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

  /** A document's pages in reading order, read lazily (snippets stop early). */
  function* pageTexts(id: number): Generator<PageText> {
    for (const f of filesOf.all(id)) {
      for (const p of pagesOfFile.iterate(f.id))
        yield { page: p.page_no, fileName: f.original_name, text: p.text };
    }
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
    for (const id of ids) outlines.forget(id);
    attrs.refresh(ids, indexer.checkpoint());
    intentIndex.refresh(ids);
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
        return matchStmt.all(expr);
      } catch (e) {
        throw invalid(e);
      }
    },
    ids(expr) {
      try {
        return matchIdsStmt.all(expr);
      } catch (e) {
        throw invalid(e);
      }
    },
  };
  const boosts = createIntentBoosts(attrs, intentIndex, {
    bearersOf: (key) => idsByNumberKey.all(key),
    citersOf: (key) => citersOfKey.all(key),
    citersOfPrefix: (p) => citersOfKeyPrefix.all(p, `${p}-`, `${p}.`),
    nameOf: (id) => nameRow.get(id),
  });
  const readable = (scope: ReadScope): ReturnType<typeof readableTest> => readableTest(db, scope);
  const search = createRankedSearch({
    attrs,
    impacts,
    fts,
    boosts,
    outlines,
    hits: { attrs, outlines, rowOf: (id) => docRow.get(id), filesOf: (id) => filesOf.all(id), pageTexts },
    df,
    useStore: ensureImpacts,
    readable,
    documentsInRecords: (codes) => documentIdsInRecords(db, codes),
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
