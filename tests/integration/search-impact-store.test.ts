// The in-memory store of common terms (ImpactStore) on real archives: kept incrementally through
// inserts, promotions, edits, tag changes, deletes and a rollback it equals a store built fresh from
// the final data; its scores are FTS5's bm25; it survives close/reopen, catches up on changes made
// without it, rebuilds after a corrupt file, a cancelled background build leaves nothing behind, and
// search through it returns what FTS5 would.

import { existsSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryStretches, queryWords } from '../../main/contract/highlight-rule.js';
import { openArchive, type Db } from '../../main/core/archive/archive.js';
import { deleteDocument, updateDocumentMetadata } from '../../main/core/archive/documents-repo.js';
import { addTagToDocuments, removeTagFromDocuments } from '../../main/core/archive/tags-repo.js';
import { openVanKho, type VanKho } from '../../main/core/open-vankho.js';
import { sqliteFtsIndexStore } from '../../main/core/archive/fts-rows.js';
import { createFtsIndexer } from '../../main/core/search/fts-indexer.js';
import { COLUMN_KIND, FTS_COLUMNS, FTS_WEIGHTS, type TermKind } from '../../main/core/search/fts-query.js';
import { decodeVarints } from '../../main/core/search/fts-totals.js';
import { ImpactStore } from '../../main/core/search/impact-store.js';
import { createSearchService } from '../../main/core/search/search-service.js';
import { searchSourceOf } from '../../main/core/app/search-source.js';
import { generateCorpus, type GeneratedDoc } from '../bench/generate-corpus.js';
import { insertDocs } from '../bench/insert-docs.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const BATCH = 100;
const BATCHES = 4;
const KINDS: TermKind[] = ['w', 'p', 'a'];
/** The store keeps weighted frequencies ×2 in a byte: exact up to this value (impact-store.ts quantize). */
const STORE_MAX_FREQ = 127.5;
/** Query words that are not filters ("nam:") nor stop words; the corpus holds them in most documents. */
const COMMON_QUERY = 'chuyển đổi số kinh tế';

type Snapshot = ReturnType<ImpactStore['snapshot']>;

const WEIGHTS = FTS_COLUMNS.map((c) => FTS_WEIGHTS[c]).join(', ');
const columnsOf = (kind: TermKind): string =>
  `{${FTS_COLUMNS.filter((c) => COLUMN_KIND[c] === kind).join(' ')}}`;

/** Snapshot of a store, loading it first (an unloaded store's snapshot is empty). */
function snapshotOf(store: ImpactStore): Snapshot {
  expect(store.ready()).toBe(true);
  return store.snapshot();
}

let freshCount = 0;

/** A store built from nothing but the database as it is now (the reference). */
async function freshSnapshot(db: Db, tmp: TempDir): Promise<Snapshot> {
  const indexer = createFtsIndexer(sqliteFtsIndexStore(db));
  const allIds = db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck();
  const store = new ImpactStore({
    derivedDir: join(tmp.dir, `fresh-${++freshCount}`),
    changedSince: () => [],
    rowOf: (id) => indexer.rowOf(id),
    checkpoint: () => 0,
    documentIds: () => allIds.all(),
  });
  expect(store.ready()).toBe(false);
  expect(await store.build()).toBe(true);
  return snapshotOf(store);
}

function postingsDiff(
  key: string,
  a: Map<number, number>,
  b: Map<number, number> | undefined,
): string | null {
  if (!b) return `${key}: missing`;
  if (a.size !== b.size) return `${key}: ${a.size} vs ${b.size} documents`;
  for (const [id, v] of a) if (b.get(id) !== v) return `${key}: doc ${id} ${v} vs ${b.get(id)}`;
  return null;
}

/** Incrementally kept vs fresh: same documents and lengths, identical postings on every shared key. */
function expectSameOnOverlap(kept: Snapshot, fresh: Snapshot): void {
  expect(kept.docs).toBe(fresh.docs);
  expect(kept.totalLen).toBe(fresh.totalLen);
  const diffs: string[] = [];
  let shared = 0;
  for (const [key, postings] of fresh.terms) {
    if (!kept.terms.has(key)) continue;
    shared++;
    const d = postingsDiff(key, postings, kept.terms.get(key));
    if (d) diffs.push(d);
  }
  expect(diffs.slice(0, 10), `${diffs.length} keys differ`).toEqual([]);
  // Thresholds differ over time (promotion as a term becomes common vs one pass at the end): the
  // key sets need not be equal, but most keys are in both.
  const union = new Set([...kept.terms.keys(), ...fresh.terms.keys()]).size;
  expect(shared / union).toBeGreaterThan(0.95);
}

/** Two stores with exactly the same content (same key set too). */
function expectIdentical(a: Snapshot, b: Snapshot): void {
  expect(a.docs).toBe(b.docs);
  expect(a.totalLen).toBe(b.totalLen);
  expect([...a.terms.keys()].sort()).toEqual([...b.terms.keys()].sort());
  const diffs: string[] = [];
  for (const [key, postings] of a.terms) {
    const d = postingsDiff(key, postings, b.terms.get(key));
    if (d) diffs.push(d);
  }
  expect(diffs.slice(0, 10), `${diffs.length} keys differ`).toEqual([]);
}

/** FTS5's own row count and token total (the averages record, exact thanks to fts-totals.ts). */
function ftsTotals(db: Db): { rows: number; tokens: number } {
  const block = db.prepare<[], Buffer>(`SELECT block FROM search_fts_data WHERE id = 1`).pluck().get()!;
  const record = decodeVarints(block)!;
  return { rows: record[0]!, tokens: record.slice(1).reduce((s, n) => s + n, 0) };
}

function documentCount(db: Db): number {
  return db.prepare<[], number>(`SELECT count(*) FROM documents`).pluck().get()!;
}

/** bm25 per document of one term restricted to the columns of its kind, as FTS5 computes it. */
function ftsScores(db: Db, kind: TermKind, term: string): Map<number, number> {
  const rows = db
    .prepare<[string], [number, number]>(
      `SELECT rowid, bm25(search_fts, ${WEIGHTS}) FROM search_fts WHERE search_fts MATCH ?`,
    )
    .raw()
    .all(`${columnsOf(kind)} : "${term}"`);
  return new Map(rows);
}

/** The store's score per document for one term (every holder added). */
function storeScores(store: ImpactStore, db: Db, kind: TermKind, term: string): Map<number, number> {
  const cap = (db.prepare<[], number>(`SELECT max(id) FROM documents`).pluck().get() ?? 0) + 1;
  const scores = new Float64Array(cap);
  const inSet = new Uint8Array(cap);
  const added: number[] = [];
  store.accumulate(kind, term, scores, inSet, added);
  return new Map(added.map((id) => [id, scores[id]!]));
}

/** Keys whose store scores differ from FTS5's bm25 (documents or value beyond relative 1e-9). */
function bm25Mismatches(store: ImpactStore, db: Db, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const kind = key[0] as TermKind;
    const term = key.slice(1);
    const fts = ftsScores(db, kind, term);
    const mine = storeScores(store, db, kind, term);
    if (fts.size === 0) out.push(`${key}: FTS5 finds nothing`);
    if (mine.size !== fts.size) {
      out.push(`${key}: ${mine.size} documents vs FTS5 ${fts.size}`);
      continue;
    }
    for (const [id, bm] of fts) {
      const s = mine.get(id);
      // FTS5's bm25 is negative (lower is better); the store adds the positive score.
      if (s === undefined || Math.abs(s + bm) > 1e-9 * Math.abs(bm)) {
        out.push(`${key}: doc ${id} ${s} vs FTS5 ${-bm}`);
        break;
      }
    }
  }
  return out;
}

/** Largest weighted frequency of a term in any document, from FTS5's instance list (not the store). */
function maxWeightedFreq(db: Db, key: string): number {
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_instances USING fts5vocab(main, search_fts, instance)`,
  );
  const kind = key[0] as TermKind;
  const perDoc = new Map<number, number>();
  const rows = db
    .prepare<[string], [number, string]>(`SELECT doc, col FROM temp.test_instances WHERE term = ?`)
    .raw()
    .iterate(key.slice(1));
  for (const [doc, col] of rows) {
    const c = col as (typeof FTS_COLUMNS)[number];
    if (COLUMN_KIND[c] !== kind) continue;
    perDoc.set(doc, (perDoc.get(doc) ?? 0) + FTS_WEIGHTS[c]);
  }
  return Math.max(0, ...perDoc.values());
}

/**
 * Stored keys of every kind spread over the document-frequency range, split by whether some
 * document holds the term more than the store's byte can represent.
 */
function pickKeys(snap: Snapshot, db: Db, perKind = 8): { exact: string[]; overCap: string[] } {
  const exact: string[] = [];
  const overCap: string[] = [];
  for (const kind of KINDS) {
    const keys = [...snap.terms]
      .filter(([k]) => k[0] === kind)
      .sort((a, b) => a[1].size - b[1].size || (a[0] < b[0] ? -1 : 1))
      .map(([k]) => k);
    expect(keys.length, kind).toBeGreaterThanOrEqual(perKind);
    const picked = new Set<string>();
    for (let i = 0; i < perKind; i++) picked.add(keys[Math.round((i * (keys.length - 1)) / (perKind - 1))]!);
    for (const k of picked) (maxWeightedFreq(db, k) > STORE_MAX_FREQ ? overCap : exact).push(k);
    expect(exact.filter((k) => k[0] === kind).length, `exact keys of kind ${kind}`).toBeGreaterThanOrEqual(3);
  }
  return { exact, overCap };
}

interface Found {
  total: number;
  ids: Set<number>;
  facets: ReturnType<VanKho['search']['search']>['facets'];
}

/** Every result of a query (paging through; not the partly matching ones), with the first page's facets. */
function searchAll(vk: VanKho, query: string): Found {
  const first = vk.search.search({ query, limit: 200, snippets: false });
  const ids = new Set(first.hits.filter((h) => !h.partial).map((h) => h.id));
  for (let offset = 200; offset < first.total; offset += 200) {
    const page = vk.search.search({ query, limit: 200, offset, snippets: false, facets: false });
    for (const h of page.hits) if (!h.partial) ids.add(h.id);
  }
  expect(ids.size).toBe(first.total);
  return { total: first.total, ids, facets: first.facets };
}

function sortedIds(s: Iterable<number>): number[] {
  return [...s].sort((a, b) => a - b);
}

/** Documents whose text (title, tags, issuer, signer, type, pages) holds the folded word (FTS5's instance list). */
function holdersOf(db: Db, word: string): Set<number> {
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_instances USING fts5vocab(main, search_fts, instance)`,
  );
  return new Set(
    db
      .prepare<[string], number>(
        `SELECT DISTINCT doc FROM temp.test_instances WHERE term = ?
         AND col IN ('title_f', 'tags', 'issuer', 'signer', 'doctype', 'body_f')`,
      )
      .pluck()
      .all(word),
  );
}

describe('ImpactStore: the in-memory store of common terms', () => {
  let tmp: TempDir;
  let dir: string;
  const ids: number[] = [];
  let commonBefore: Found;
  let finalFresh: Snapshot;
  let overCapKeys: string[] = [];

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-impacts-');
    dir = join(tmp.dir, 'archive');
  });
  afterAll(async () => {
    await tmp?.cleanup();
  });

  const storeFile = (): string => join(dir, 'derived', 'impacts.bin');

  it('kept through inserts, promotions, edits, tags, deletes and a rollback equals a fresh build', async () => {
    const vk = openVanKho(dir);
    try {
      const store = vk.search.impacts;
      const db = vk.archive.db;
      // An empty archive needs no build: the store grows from the first commit.
      expect(store.ready()).toBe(true);
      expect(store.size()).toBe(0);
      const corpus = [...generateCorpus(BATCH * BATCHES)];
      const sizes: number[] = [];
      for (let b = 0; b < BATCHES; b++) {
        ids.push(...insertDocs(vk.archive, corpus.slice(b * BATCH, (b + 1) * BATCH), `b${b}`));
        sizes.push(store.size());
      }
      // Terms were promoted batch after batch, as they became common.
      expect(sizes[0]).toBeGreaterThan(0);
      for (let b = 1; b < BATCHES; b++) expect(sizes[b]).toBeGreaterThan(sizes[b - 1]!);
      const { exact } = pickKeys(snapshotOf(store), db);
      expect(bm25Mismatches(store, db, exact)).toEqual([]);

      // Words new to the corpus become common through title edits only. Before they cross the
      // threshold some documents gain them twice, some lose them again and one is deleted: only the
      // documents holding them at promotion time may enter the store.
      expect(store.has('p', 'sua_doi')).toBe(false);
      const editTitle = (id: number, round: number): void =>
        void updateDocumentMetadata(vk.archive, id, {
          title: `Kế hoạch sửa đổi, bổ sung lần ${round} về chuyển đổi số của đơn vị ${id}`,
        });
      for (const id of ids.slice(0, 40)) editTitle(id, 1);
      for (const id of ids.slice(30, 40)) {
        updateDocumentMetadata(vk.archive, id, { title: `Kế hoạch điều chỉnh về chuyển đổi số ${id}` });
      }
      deleteDocument(vk.archive, ids[25]!);
      for (const id of ids.slice(0, 20)) editTitle(id, 2);
      expect(store.has('p', 'sua_doi')).toBe(false); // 29 documents: not common yet
      for (const id of ids.slice(40, 80)) editTitle(id, 1);
      expect(store.has('p', 'sua_doi')).toBe(true);
      expect(store.has('w', 'sua')).toBe(true);
      expect(store.has('a', 'sửa')).toBe(true);
      const holders = sortedIds(snapshotOf(store).terms.get('psua_doi')!.keys());
      expect(holders).toEqual(
        sortedIds([...ids.slice(0, 30), ...ids.slice(40, 80)].filter((id) => id !== ids[25])),
      );

      addTagToDocuments(vk.archive, ids.slice(100, 190), 'Cải cách thể chế');
      removeTagFromDocuments(vk.archive, ids.slice(100, 120), 'Cải cách thể chế');
      // Several edits of one document in one transaction.
      vk.archive.write((wdb) => {
        wdb.prepare(`UPDATE documents SET signer = 'Nguyễn Văn An' WHERE id = ?`).run(ids[200]!);
        wdb.prepare(`UPDATE documents SET title = title || ' (bổ sung)' WHERE id = ?`).run(ids[200]!);
      });
      for (const id of ids.slice(210, 222)) deleteDocument(vk.archive, id);

      // A write rolled back after the search hook staged its rows (nested write, then a throw):
      // the staged rows must never reach the store, not even with the next commit.
      const before = snapshotOf(store);
      expect(() =>
        vk.archive.write(() => {
          vk.archive.write((wdb) => {
            wdb
              .prepare(`UPDATE documents SET title = 'Quyết định sửa đổi bổ sung bị hủy' WHERE id = ?`)
              .run(ids[300]!);
            wdb.prepare(`DELETE FROM documents WHERE id = ?`).run(ids[301]!);
          });
          throw new Error('rollback');
        }),
      ).toThrow('rollback');
      expectIdentical(snapshotOf(store), before);
      updateDocumentMetadata(vk.archive, ids[302]!, { title: 'Báo cáo kết quả chuyển đổi số' });
      const kept = snapshotOf(store);
      expect(kept.terms.get('psua_doi')!.has(ids[300]!)).toBe(false);
      expect([...kept.terms.values()].some((m) => m.has(ids[301]!))).toBe(true);
      expect([...kept.terms.values()].some((m) => m.has(ids[210]!))).toBe(false); // deleted

      const fresh = await freshSnapshot(db, tmp);
      expectSameOnOverlap(kept, fresh);
      expect(kept.docs).toBe(documentCount(db));
      const totals = ftsTotals(db);
      expect(kept.docs).toBe(totals.rows);
      expect(kept.totalLen).toBe(totals.tokens);
      for (const key of ['psua_doi', 'wsua', 'asửa', 'wthe', 'wche']) {
        expect(fresh.terms.has(key), key).toBe(true);
        expect(kept.terms.has(key), key).toBe(true);
      }
    } finally {
      vk.close();
    }
  });

  it("scores stored terms exactly as FTS5's bm25 after the edits", () => {
    const vk = openVanKho(dir);
    try {
      const store = vk.search.impacts;
      const db = vk.archive.db;
      const { exact, overCap } = pickKeys(snapshotOf(store), db);
      expect(bm25Mismatches(store, db, [...exact, 'psua_doi', 'wsua', 'asửa', 'wthe'])).toEqual([]);
      overCapKeys = overCap;
      // The generated corpus has long documents repeating very common syllables ("năm", "về"):
      // the case below depends on it.
      expect(overCap.length).toBeGreaterThan(0);
    } finally {
      vk.close();
    }
  });

  it('scores the documents of a given list alike, and intersects terms of any density as FTS5 does', () => {
    const vk = openVanKho(dir);
    try {
      const store = vk.search.impacts;
      const db = vk.archive.db;
      const cap = (db.prepare<[], number>(`SELECT max(id) FROM documents`).pluck().get() ?? 0) + 1;
      const words = [...snapshotOf(store).terms]
        .filter(([k]) => /^w[a-z]{2,}$/.test(k))
        .sort((a, b) => b[1].size - a[1].size)
        .map(([k]) => k.slice(1));
      expect(words.length).toBeGreaterThan(6);
      // A few documents only (the list path), then every other one (the full scan).
      for (const every of [40, 2]) {
        const inSet = new Uint8Array(cap);
        const within: number[] = [];
        for (let id = cap - 1; id > 0; id -= every) {
          inSet[id] = 1;
          within.push(id);
        }
        for (const w of words.slice(0, 6)) {
          const listed = new Float64Array(cap);
          const scanned = new Float64Array(cap);
          store.accumulate('w', w, listed, inSet, null, within);
          store.accumulate('w', w, scanned, inSet, null);
          expect(listed, `${w} every ${every}`).toEqual(scanned);
          expect(listed.some((v) => v > 0)).toBe(true);
        }
      }
      // The most common words with the rarest stored ones: dense lists met by sparse ones.
      const fts = (ws: string[]): number[] =>
        sortedIds(
          db
            .prepare<[string], number>(`SELECT rowid FROM search_fts WHERE search_fts MATCH ?`)
            .pluck()
            .all(ws.map((x) => `${columnsOf('w')} : "${x}"`).join(' AND ')),
        );
      const sets = [
        words.slice(0, 3),
        [words[0]!, words[words.length - 1]!],
        words.slice(-3),
        [words[1]!, words[words.length - 2]!],
      ];
      let nonEmpty = 0;
      for (const ws of sets) {
        const want = fts(ws);
        if (want.length > 0) nonEmpty++;
        expect(store.allOf(ws.map((term) => ({ kind: 'w' as const, term }))), ws.join(' ')).toEqual(want);
      }
      expect(nonEmpty).toBeGreaterThan(1);
    } finally {
      vk.close();
    }
  });

  // Long generated reports repeat "năm", "về", "dụng đất"… 130–170 weighted times: above what a
  // posting's byte holds (254 doubled), so the store keeps those exactly on the side.
  it('scores terms held more than 127.5 times (weighted) in a document as FTS5 does', () => {
    const vk = openVanKho(dir);
    try {
      const store = vk.search.impacts;
      const db = vk.archive.db;
      expect(store.ready()).toBe(true);
      expect(overCapKeys.length).toBeGreaterThan(0); // picked by the test above
      expect(bm25Mismatches(store, db, overCapKeys)).toEqual([]);
    } finally {
      vk.close();
    }
  });

  it('is persisted: reopened ready without a build, with the same content', () => {
    const vk = openVanKho(dir);
    let before: Snapshot;
    try {
      before = snapshotOf(vk.search.impacts);
      commonBefore = searchAll(vk, COMMON_QUERY);
      expect(commonBefore.total).toBeGreaterThan(0);
      for (const w of ['chuyen', 'doi', 'kinh', 'te']) expect(vk.search.impacts.has('w', w), w).toBe(true);
    } finally {
      vk.close();
    }
    expect(existsSync(storeFile())).toBe(true);
    const again = openVanKho(dir);
    try {
      expect(again.search.impacts.ready()).toBe(true);
      expect(again.search.impacts.needsBuild()).toBe(false);
      expectIdentical(again.search.impacts.snapshot(), before);
      const after = searchAll(again, COMMON_QUERY);
      expect(sortedIds(after.ids)).toEqual(sortedIds(commonBefore.ids));
    } finally {
      again.close();
    }
  });

  it('catches up at open on changes made without the search service', async () => {
    // Nothing of search attached: the FTS index and the store both catch up at the next open.
    const archive = openArchive(dir);
    try {
      archive.write((db) => {
        db.prepare(`UPDATE documents SET title = ? WHERE id = ?`).run(
          'Kế hoạch sửa đổi bổ sung chương trình chuyển đổi số',
          ids[250]!,
        );
        db.prepare(`DELETE FROM documents WHERE id = ?`).run(ids[251]!);
      });
    } finally {
      archive.close();
    }
    let vk = openVanKho(dir);
    try {
      const kept = snapshotOf(vk.search.impacts);
      expect(kept.terms.get('psua_doi')!.has(ids[250]!)).toBe(true);
      expect([...kept.terms.values()].some((m) => m.has(ids[251]!))).toBe(false);
      const totals = ftsTotals(vk.archive.db);
      expect(kept.docs).toBe(totals.rows);
      expect(kept.totalLen).toBe(totals.tokens);
      // Its postings are compared with a fresh build below (what this catch-up got wrong would stay).
    } finally {
      vk.close();
    }

    // The FTS index kept current by another writer, the store not: only the journal can tell it.
    const other = openArchive(dir);
    try {
      const indexer = createFtsIndexer(sqliteFtsIndexStore(other.db));
      other.addWriteHook(() => void indexer.catchUp());
      other.addCommitListener(() => indexer.settleTotals());
      other.write((db) => {
        db.prepare(`UPDATE documents SET title = ? WHERE id = ?`).run(
          'Thông báo kết luận về tăng trưởng kinh tế',
          ids[7]!,
        );
        db.prepare(`DELETE FROM documents WHERE id = ?`).run(ids[8]!);
      });
      removeTagFromDocuments(other, ids.slice(120, 130), 'Cải cách thể chế');
      expect(indexer.pending()).toBe(0);
    } finally {
      other.close();
    }
    vk = openVanKho(dir);
    try {
      const kept = snapshotOf(vk.search.impacts);
      expect(kept.terms.get('psua_doi')!.has(ids[7]!)).toBe(false); // its edited title dropped them
      expect([...kept.terms.values()].some((m) => m.has(ids[8]!))).toBe(false);
      // The data does not change after this point: the reference serves the tests below too.
      finalFresh = await freshSnapshot(vk.archive.db, tmp);
      expectSameOnOverlap(kept, finalFresh);
      const totals = ftsTotals(vk.archive.db);
      expect(kept.docs).toBe(totals.rows);
      expect(kept.totalLen).toBe(totals.tokens);
      commonBefore = searchAll(vk, COMMON_QUERY);
    } finally {
      vk.close();
    }
  });

  it('a corrupt file is rebuilt; search answers from FTS5 meanwhile', async () => {
    const file = storeFile();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const vk = openVanKho(dir);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const store = vk.search.impacts;
      expect(store.ready()).toBe(false);
      expect(store.needsBuild()).toBe(true);
      // FTS5 alone (this search also starts the background build).
      const meanwhile = searchAll(vk, COMMON_QUERY);
      expect(store.ready()).toBe(false);
      expect(sortedIds(meanwhile.ids)).toEqual(sortedIds(commonBefore.ids));
      expect(await store.build()).toBe(true);
      expect(store.ready()).toBe(true);
      expectIdentical(store.snapshot(), finalFresh);
      expect(sortedIds(searchAll(vk, COMMON_QUERY).ids)).toEqual(sortedIds(commonBefore.ids));
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      vk.close();
    }
  });

  it('search through the store: phrases, exclusions, totals and facets', () => {
    const vk = openVanKho(dir);
    try {
      const store = vk.search.impacts;
      const db = vk.archive.db;
      const snap = snapshotOf(store);
      const docs = documentCount(db);
      // A stored pair of two plain words, neither rare nor everywhere.
      const stop = new Set(['va', 'la', 'cua', 'co', 'cac', 'cho', 'voi', 'the', 'nam', 'so', 'tag']);
      const pairs = [...snap.terms]
        .filter(([k, m]) => /^p[a-z]+_[a-z]+$/.test(k) && m.size < docs * 0.6)
        .filter(
          ([k]) =>
            !k
              .slice(1)
              .split('_')
              .some((w) => stop.has(w)),
        )
        .sort((a, b) => a[1].size - b[1].size || (a[0] < b[0] ? -1 : 1));
      expect(pairs.length).toBeGreaterThan(0);
      const [pairKey] = pairs[Math.floor(pairs.length / 2)]!;
      const [a, b] = pairKey.slice(1).split('_') as [string, string];
      const phrase = `"${a} ${b}"`;
      const pairHolders = (pair: string): Set<number> =>
        new Set(
          db
            .prepare<[string], number>(`SELECT rowid FROM search_fts WHERE search_fts MATCH ?`)
            .pluck()
            .all(`{title_b body_b} : "${pair}"`),
        );
      const expected = pairHolders(`${a}_${b}`);
      expect(expected.size).toBeGreaterThan(0);
      const found = searchAll(vk, phrase);
      expect(sortedIds(found.ids), phrase).toEqual(sortedIds(expected));
      expect(found.total).toBe(expected.size);
      // Facets count exactly the matched documents.
      const typeCounts = new Map(
        db
          .prepare<[], [string, number]>(
            `SELECT doc_type, count(*) FROM documents WHERE id IN (${[...expected].join(',')}) GROUP BY doc_type`,
          )
          .raw()
          .all(),
      );
      expect(new Map(found.facets.type.map((f) => [f.value, f.count]))).toEqual(typeCounts);
      expect(found.facets.year.reduce((s, f) => s + f.count, 0)).toBe(found.total);

      // Two phrases held in memory: documents holding both.
      const second = pairs
        .map(([k]) => ({ key: k, holders: pairHolders(k.slice(1)) }))
        .find(({ key, holders }) => {
          const both = [...holders].filter((id) => expected.has(id)).length;
          return key !== pairKey && both > 0 && both < holders.size && both < expected.size;
        });
      expect(second).toBeDefined();
      const both = sortedIds([...second!.holders].filter((id) => expected.has(id)));
      const twoPhrases = `${phrase} "${second!.key.slice(1).replace('_', ' ')}"`;
      const foundBoth = searchAll(vk, twoPhrases);
      expect(sortedIds(foundBoth.ids), twoPhrases).toEqual(both);
      expect(foundBoth.facets.year.reduce((s, f) => s + f.count, 0)).toBe(both.length);

      // -word removes every document holding the word, from a phrase matched in memory and from a
      // query of common words; documents without it stay.
      const common = searchAll(vk, COMMON_QUERY);
      const words = [...snap.terms.keys()]
        .filter(
          (k) => /^w[a-z]{2,}$/.test(k) && !stop.has(k.slice(1)) && k.slice(1) !== a && k.slice(1) !== b,
        )
        .sort();
      let excluded: string | null = null;
      let holders = new Set<number>();
      for (const k of words) {
        const h = holdersOf(db, k.slice(1));
        const inPhrase = [...expected].filter((id) => h.has(id)).length;
        if (inPhrase > expected.size * 0.2 && inPhrase < expected.size * 0.8) {
          excluded = k.slice(1);
          holders = h;
          break;
        }
      }
      expect(excluded).not.toBeNull();
      for (const [query, base] of [
        [`${phrase} -${excluded!}`, expected],
        [`${COMMON_QUERY} -${excluded!}`, common.ids],
      ] as const) {
        const want = [...base].filter((id) => !holders.has(id));
        expect(want.length).toBeGreaterThan(0);
        expect(want.length).toBeLessThan(base.size);
        const got = searchAll(vk, query);
        expect(sortedIds(got.ids), query).toEqual(sortedIds(want));
        expect(got.facets.year.reduce((s, f) => s + f.count, 0)).toBe(got.total);
      }
    } finally {
      vk.close();
    }
  });

  it('counts the documents holding every word on the stored postings as FTS5 does, a pair as a pair, rare words mixed in', () => {
    const vk = openVanKho(dir);
    try {
      const db = vk.archive.db;
      const snap = snapshotOf(vk.search.impacts);
      const docs = documentCount(db);
      const match = db
        .prepare<[string], number>(`SELECT rowid FROM search_fts WHERE search_fts MATCH ?`)
        .pluck();
      const allOf = (words: string[]): number[] =>
        sortedIds(match.all(words.map((w) => `${columnsOf('w')} : "${w}"`).join(' AND ')));
      // FTS5's answer for a query read as the marking reads it (queryWords): a word of one syllable
      // anywhere, a word of two by its pair, as a quoted phrase is held; a longer stretch by one of
      // its pairs besides its syllables.
      const reference = (query: string): number[] =>
        sortedIds(
          match.all(
            [
              ...queryWords(query).map((w) =>
                w.length === 1
                  ? `${columnsOf('w')} : "${w[0]!}"`
                  : w
                      .slice(1)
                      .map((x, i) => `${columnsOf('p')} : "${w[i]!}_${x}"`)
                      .join(' AND '),
              ),
              ...queryStretches(query).map(
                (w) =>
                  `${columnsOf('p')} : (${w
                    .slice(1)
                    .map((x, i) => `"${w[i]!}_${x}"`)
                    .join(' OR ')})`,
              ),
            ].join(' AND '),
          ),
        );
      // Stored words neither everywhere nor rare.
      const stop = new Set(['va', 'la', 'cua', 'co', 'cac', 'cho', 'voi', 'the', 'nam', 'so', 'tag', 'bo']);
      const common = (k: string, m: Map<number, number>): boolean =>
        m.size < docs * 0.7 &&
        !stop.has(k.slice(1).split('_')[0]!) &&
        !stop.has(k.slice(1).split('_')[1] ?? '');
      const stored = [...snap.terms]
        .filter(([k, m]) => /^w[a-z]{3,}$/.test(k) && common(k, m))
        .map(([k]) => k.slice(1))
        .sort();
      // Two of them held together by some documents only, typed as two words ("a. b": punctuation
      // keeps them apart, each held anywhere).
      let apart: [string, string] | null = null;
      for (const a of stored) {
        for (const b of stored) {
          const both = a < b ? allOf([a, b]).length : 0;
          if (both > 5 && both < allOf([a]).length && both < allOf([b]).length) apart = [a, b];
          if (apart) break;
        }
        if (apart) break;
      }
      expect(apart).not.toBeNull();
      // A stored pair of stored words, fewer documents holding it than holding both its syllables:
      // typed side by side, they are that pair.
      const pair = [...snap.terms]
        .filter(([k, m]) => /^p[a-z]+_[a-z]+$/.test(k) && common(k, m) && m.size > 5)
        .map(([k]) => k.slice(1).split('_') as [string, string])
        .sort()
        .find(([a, b]) => {
          if (!snap.terms.has(`w${a}`) || !snap.terms.has(`w${b}`) || a === b) return false;
          const n = reference(`${a} ${b}`).length;
          return n > 5 && n < allOf([a, b]).length;
        });
      expect(pair).toBeDefined();
      const rareFor = (query: string): string | undefined =>
        db
          .prepare<[], string>(
            `SELECT term FROM search_fts_vocab WHERE doc BETWEEN 2 AND 20 AND term GLOB '[a-z][a-z][a-z]*'
             AND term NOT GLOB '*_*' ORDER BY doc DESC, term`,
          )
          .pluck()
          .all()
          .find((t) => !snap.terms.has(`w${t}`) && reference(`${query}. ${t}`).length > 0);
      // Four stored words whose three pairs the store holds ("a b c d"), typed as one stretch: its
      // syllables and one of its pairs, read on the store's postings.
      const storedPairs = [...snap.terms]
        .filter(([k, m]) => /^p[a-z]+_[a-z]+$/.test(k) && common(k, m))
        .map(([k]) => k.slice(1).split('_') as [string, string])
        .filter(([a, b]) => a !== b && snap.terms.has(`w${a}`) && snap.terms.has(`w${b}`))
        .sort();
      const next = (w: string): string[] => storedPairs.filter(([a]) => a === w).map(([, b]) => b);
      let stretch: string[] | undefined;
      for (const [a, b] of storedPairs) {
        for (const c of next(b))
          for (const d of next(c)) {
            const s4 = [a, b, c, d];
            if (new Set(s4).size === 4 && !stretch && queryStretches(s4.join(' ')).length === 1) {
              const n = reference(s4.join(' ')).length;
              if (n > 5 && n < allOf(s4).length) stretch = s4;
            }
          }
        if (stretch) break;
      }
      expect(stretch).toBeDefined();
      const queries = [apart!.join('. '), pair!.join(' '), stretch!.join(' ')];
      for (const base of queries) {
        const rare = rareFor(base);
        expect(rare, base).toBeDefined();
        for (const query of [base, `${base}. ${rare!}`]) {
          const want = reference(query);
          expect(want.length, query).toBeGreaterThan(0);
          const got = searchAll(vk, query);
          expect(got.total, query).toBe(want.length);
          expect(sortedIds(got.ids)).toEqual(want);
          expect(got.facets.year.reduce((n, f) => n + f.count, 0)).toBe(want.length);
        }
      }
      // Apart, both words count anywhere; side by side only as the pair.
      expect(reference(queries[0]!)).toEqual(allOf(apart!));
      expect(reference(queries[1]!).length).toBeLessThan(allOf(pair!).length);
    } finally {
      vk.close();
    }
  });

  it('a background build cancelled by close leaves no error and no file; reindex repairs the store', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const firstProgress = (): { wait: Promise<void>; done: () => void } => {
      let done!: () => void;
      const wait = new Promise<void>((r) => (done = r));
      return { wait, done };
    };
    try {
      rmSync(storeFile());
      // Started by a search, cancelled by close before it could finish.
      let vk = openVanKho(dir);
      expect(vk.search.impacts.needsBuild()).toBe(true);
      vk.search.search({ query: COMMON_QUERY, snippets: false });
      expect(vk.search.impacts.needsBuild()).toBe(false); // building
      vk.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(errors).not.toHaveBeenCalled();

      // Cancelled half-way through the documents.
      vk = openVanKho(dir);
      let progress = firstProgress();
      const cancelled = vk.search.impacts.build(progress.done);
      await progress.wait;
      vk.close();
      expect(await cancelled).toBe(false);
      await new Promise((r) => setTimeout(r, 50));
      expect(errors).not.toHaveBeenCalled();
      expect(existsSync(storeFile())).toBe(false);

      // A build during which a document it has already read is edited: it catches up at the end.
      vk = openVanKho(dir);
      try {
        expect(vk.search.impacts.needsBuild()).toBe(true);
        progress = firstProgress();
        const build = vk.search.impacts.build(progress.done);
        await progress.wait;
        updateDocumentMetadata(vk.archive, ids[1]!, { title: 'Thông báo kết luận về tăng trưởng kinh tế' });
        expect(await build).toBe(true);
        expect(vk.search.impacts.snapshot().terms.get('psua_doi')!.has(ids[1]!)).toBe(false);
        expect(vk.search.impacts.snapshot().terms.get('psua_doi')!.has(ids[2]!)).toBe(true);
      } finally {
        vk.close();
      }
      expect(existsSync(storeFile())).toBe(true);

      // Derived data drifted (the change left no journal row): the store loads stale; reindex
      // rebuilds the full-text index and the store from the documents.
      const archive = openArchive(dir);
      try {
        archive.write((db) => {
          const last = db.prepare<[], number>(`SELECT max(seq) FROM change_journal`).pluck().get()!;
          db.prepare(`UPDATE documents SET title = ? WHERE id = ?`).run(
            'Báo cáo tổng kết công tác năm',
            ids[2]!,
          );
          db.prepare(`DELETE FROM change_journal WHERE seq > ?`).run(last);
        });
      } finally {
        archive.close();
      }
      vk = openVanKho(dir);
      try {
        const store = vk.search.impacts;
        expect(snapshotOf(store).terms.get('psua_doi')!.has(ids[2]!)).toBe(true); // stale
        await vk.search.reindex();
        expect(store.ready()).toBe(true);
        expect(statSync(storeFile()).size).toBeGreaterThan(0);
        const snap = store.snapshot();
        expect(snap.terms.get('psua_doi')!.has(ids[2]!)).toBe(false);
        expectIdentical(snap, await freshSnapshot(vk.archive.db, tmp));
        expect(bm25Mismatches(store, vk.archive.db, pickKeys(snap, vk.archive.db, 4).exact)).toEqual([]);
      } finally {
        vk.close();
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});

describe('ImpactStore fed by one large transaction (a bundle import)', () => {
  it('rows past the staging cap are read again at commit: same store as with every row staged', async () => {
    const tmp = await makeTempDir('vankho-impacts-big-');
    try {
      const corpus = [...generateCorpus(240)];
      const build = (name: string, stagedRowChars?: number): Snapshot => {
        const archive = openArchive(join(tmp.dir, name));
        const search = createSearchService(
          archive,
          searchSourceOf(archive),
          stagedRowChars ? { stagedRowChars } : {},
        );
        try {
          insertDocs(archive, corpus.slice(0, 40), 'a');
          // One transaction over 200 documents: far more row text than a 20,000-character cap.
          archive.write(() => {
            for (let i = 40; i < 240; i += 50) insertDocs(archive, corpus.slice(i, i + 50), `b${i}`);
          });
          return snapshotOf(search.impacts);
        } finally {
          search.close();
          archive.close();
        }
      };
      const capped = build('capped', 20_000);
      const staged = build('staged');
      expect(capped.docs).toBe(240);
      expectIdentical(capped, staged);
    } finally {
      await tmp.cleanup();
    }
  });
});

describe('ImpactStore written into after it was loaded from its file', () => {
  /** New documents (promotions among them), a re-indexed and a deleted document of the file. */
  const writeInto = (archive: ReturnType<typeof openArchive>, corpus: readonly GeneratedDoc[]): void => {
    for (let i = 0; i < corpus.length; i += 40) insertDocs(archive, corpus.slice(i, i + 40), `n${i}`);
    const ids = archive.db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck().all();
    updateDocumentMetadata(archive, ids[5]!, { title: 'Kế hoạch sửa đổi về chuyển đổi số' });
    // Early documents re-indexed with later ones' titles: terms they lacked, between the file's ids.
    for (let i = 0; i < 6; i++)
      updateDocumentMetadata(archive, ids[10 + i]!, { title: corpus[i * 17]!.title });
    deleteDocument(archive, ids[7]!);
    updateDocumentMetadata(archive, ids[ids.length - 1]!, { title: 'Báo cáo chuyển đổi số' });
  };
  const corpus = [...generateCorpus(360)];
  const seed = (dir: string): void => {
    const vk = openVanKho(dir);
    try {
      for (let i = 0; i < 240; i += 80) insertDocs(vk.archive, corpus.slice(i, i + 80), `a${i}`);
    } finally {
      vk.close(); // saves the store's file
    }
  };

  it("reads no term's postings from the file (only its pending lists), and equals a fresh build", async () => {
    const tmp = await makeTempDir('vankho-impacts-file-');
    try {
      const dir = join(tmp.dir, 'a');
      seed(dir);
      const archive = openArchive(dir);
      const search = createSearchService(archive, searchSourceOf(archive));
      let kept: Snapshot;
      try {
        const store = search.impacts;
        expect(store.ready()).toBe(true);
        const onFile = store.size();
        expect(store.partsRead()).toBe(0);
        writeInto(archive, corpus.slice(240));
        // One part read: the pending lists (they decide promotions). Re-indexing touched every term
        // of the changed documents and the new ones joined common terms, yet no term's part was read.
        expect(store.partsRead()).toBe(1);
        expect(store.size()).toBeGreaterThan(onFile); // terms became common meanwhile
        kept = snapshotOf(store);
        expectSameOnOverlap(kept, await freshSnapshot(archive.db, tmp));
        const { exact } = pickKeys(kept, archive.db);
        expect(bm25Mismatches(store, archive.db, exact)).toEqual([]);
      } finally {
        search.close();
        archive.close();
      }
      // Saved by merging the old file's parts with the changes: reopened, the same store.
      const again = openArchive(dir, { readonly: true });
      const reader = createSearchService(again, searchSourceOf(again));
      try {
        expectIdentical(snapshotOf(reader.impacts), kept);
      } finally {
        reader.close();
        again.close();
      }
    } finally {
      await tmp.cleanup();
    }
  });

  it('saved at every commit (no changes kept in memory), it equals the store that kept them', async () => {
    const tmp = await makeTempDir('vankho-impacts-spill-');
    try {
      const snap = (name: string, impactDeltaBytes?: number): Snapshot => {
        const dir = join(tmp.dir, name);
        seed(dir);
        const archive = openArchive(dir);
        const search = createSearchService(
          archive,
          searchSourceOf(archive),
          impactDeltaBytes === undefined ? {} : { impactDeltaBytes },
        );
        try {
          const stamp = (): number => statSync(join(dir, 'derived', 'impacts.bin')).mtimeMs;
          const before = stamp();
          writeInto(archive, corpus.slice(240));
          // Saved by the commits themselves, or only at close.
          expect(stamp() !== before, name).toBe(impactDeltaBytes === 0);
          const s = snapshotOf(search.impacts);
          const { exact } = pickKeys(s, archive.db);
          expect(bm25Mismatches(search.impacts, archive.db, exact)).toEqual([]);
          return s;
        } finally {
          search.close();
          archive.close();
        }
      };
      expectIdentical(snap('saved', 0), snap('kept'));
    } finally {
      await tmp.cleanup();
    }
  });
});
