// In-memory weighted term frequencies of the archive's common terms (folded syllables, syllable
// pairs and accent-kept syllables found in at least ~1 % of documents). A query made of such terms
// would make FTS5 read and bm25-score tens of thousands of position lists; here each costs one pass
// over a typed array. Rare terms stay in FTS5, where they are cheap. Scores follow FTS5's bm25
// exactly (impact-bm25.ts), so a term scores the same whichever engine holds it and the two sums add up.
//
// Kept equal to the data from the rows the FTS indexer writes (collected in the write transaction,
// applied at commit; impact-terms.ts reads a row). Rare terms wait in small "pending" lists (their
// postings are few by definition; impact-postings.ts) and move into the store the moment they become
// common. Persisted in the archive's derived folder (impact-file.ts); caught up from change_journal at
// load; rebuilt from the rows when missing.
//
// This module is the store's life: load, build, catch up, apply, save, and the postings a fresh
// process reads from the file term by term, the first time a query names each (kept up to
// LAZY_CACHE_BYTES). A write reads no postings: the file's stay on disk, the documents changed since
// it was written are masked by their generation (gens ≠ the file's), and the session's changes are
// held apart ("delta": new documents have the highest ids, so they are appends) until a save merges
// each term's part of the old file with its delta into a new file, one term at a time. A long import
// saves whenever its delta passes DELTA_BYTES, so its memory does not grow with the archive.

import { existsSync, rmSync } from 'node:fs';
import type { TermKind } from './fts-query.js';
import { addBm25, holdersOfAll, lengthNorms, markHolders } from './impact-bm25.js';
import {
  impactFilePath,
  openImpactFile,
  readPendingLists,
  readTermPostings,
  writeImpactFile,
  type ImpactFileParts,
  type TermRef,
} from './impact-file.js';
import {
  addPending,
  doubled,
  emptyPostings,
  livePending,
  mergedPostings,
  PENDING_STRIDE,
  postingsBytes,
  postingsOfPending,
  postingValues,
  setValue,
  type Pending,
  type Postings,
} from './impact-postings.js';
import { docTerms, KIND_INDEX, kindOfTerm, KINDS, type KindMaps } from './impact-terms.js';

/** Postings read lazily are kept up to this many bytes, least recently used dropped first. */
const LAZY_CACHE_BYTES = 96 * 1024 * 1024;
/** A write's changes held in memory past this many bytes are saved (merged into a new file). */
const DELTA_BYTES = 64 * 1024 * 1024;
/** Postings merged for queries (file part + delta) are kept up to this many bytes, until the next write. */
const MERGED_CACHE_BYTES = 32 * 1024 * 1024;
/** A term joins the store when found in this many documents and in this share of them. */
const MIN_DF = 64;
const MIN_SHARE = 0.01;

/** The file a store was loaded from, whose postings are read on demand. */
interface Backing extends ImpactFileParts {
  /** Postings read so far (key: kind index + term), in use order (oldest first), and their size. */
  cached: Map<string, { p: Postings; bytes: number }>;
  cachedBytes: number;
  /** Each document's generation when the file was written: its postings there hold while gens equal it. */
  gens: Uint32Array;
}

export interface ImpactStoreOptions {
  derivedDir: string;
  /** Documents changed after a journal position, or null when the journal no longer reaches back. */
  changedSince(seq: number): number[] | null;
  /** The FTS row of a document (null when deleted). */
  rowOf(id: number): string[] | null;
  /** Current journal position of the full-text index. */
  checkpoint(): number;
  /** Ids of all documents, ascending. */
  documentIds(): number[];
  /** Changes held in memory past this many bytes are saved at the commit (default DELTA_BYTES; tests set 0). */
  deltaBytes?: number;
}

export class ImpactStore {
  /**
   * Stored terms' postings of the documents changed or added since the file was written (all of
   * them when there is no file); a term of the file without a delta is as the file has it.
   */
  private delta: KindMaps<Postings> = [new Map(), new Map(), new Map()];
  private pending: KindMaps<Pending> = [new Map(), new Map(), new Map()];
  /** False while the file's pending lists have not been read (the first write reads them). */
  private pendingRead = true;
  /** Some document of the file was re-indexed or deleted since: its postings there are stale. */
  private masked = false;
  /** A term's postings as they are now (file part + delta), for queries between writes. */
  private merged = new Map<string, Postings>();
  private mergedBytes = 0;
  private live = new Uint8Array(0);
  private lens = new Uint32Array(0);
  /** Bumped each time a document is re-indexed or deleted (see Pending). */
  private gens = new Uint32Array(0);
  private docs = 0;
  private totalLen = 0;
  private seq = 0;
  private state: 'unloaded' | 'ready' | 'building' | 'missing' = 'unloaded';
  private dirty = false;
  /** Per-document bm25 length normalisation, k1·(1 − b + b·len/avgdl); rebuilt after changes. */
  private norm: Float64Array | null = null;
  /** Set while postings are still read from the file on demand (see readFile). */
  private backing: Backing | null = null;
  /** A part of the file failed its hash: this query goes on without it, the next rebuilds. */
  private damaged = false;
  /** Bumped to cancel the build in progress (each build checks it after every pause). */
  private buildGen = 0;

  constructor(private readonly opts: ImpactStoreOptions) {
    if (!existsSync(this.file)) this.startFreshIfEmpty();
  }

  private get file(): string {
    return impactFilePath(this.opts.derivedDir);
  }

  /** True when the store is complete and may stand in for FTS5 on its terms. Loads it on first use. */
  ready(): boolean {
    if (this.state === 'unloaded') this.load();
    return this.state === 'ready' && !this.damaged;
  }

  /**
   * True when the term is held here (only meaningful when ready()). Reads its postings if need be,
   * so a term the store cannot answer for (a damaged part) is left to FTS5 before the query is planned.
   */
  has(kind: TermKind, term: string): boolean {
    return this.postings(KIND_INDEX[kind]!, term) !== undefined;
  }

  /** A stored term's postings as they are now, its part read from the file on first use (undefined when damaged). */
  private postings(kind: number, term: string): Postings | undefined {
    try {
      return this.current(kind, term, true);
    } catch {
      this.damaged = true;
      return undefined;
    }
  }

  /** A document's postings in the file are stale (re-indexed or deleted since it was written). */
  private readonly stale = (id: number): boolean => {
    const g = this.backing!.gens;
    return id < g.length && g[id] !== this.gens[id];
  };

  /** A stored term's postings as they are now; with `keep`, what is read stays cached. Throws on a damaged part. */
  private current(kind: number, term: string, keep: boolean): Postings | undefined {
    const d = this.delta[kind]!.get(term);
    const b = this.backing;
    const ref = b?.refs[kind]!.get(term);
    if (!b || !ref) return d;
    const base = this.filePostings(b, kind, term, ref, keep);
    if (!d && !this.masked) return base;
    const key = `${kind}${term}`;
    const hit = this.merged.get(key);
    if (hit) return hit;
    const p = mergedPostings(base, d, this.masked ? this.stale : null, this.live.length);
    if (keep) {
      const size = postingsBytes(p);
      if (this.mergedBytes + size > MERGED_CACHE_BYTES) this.dropMerged();
      this.merged.set(key, p);
      this.mergedBytes += size;
    }
    return p;
  }

  private dropMerged(): void {
    this.merged.clear();
    this.mergedBytes = 0;
  }

  /** A term's postings as the file has them, kept up to LAZY_CACHE_BYTES (least recently used dropped first). */
  private filePostings(b: Backing, kind: number, term: string, ref: TermRef, keep: boolean): Postings {
    const key = `${kind}${term}`;
    const hit = b.cached.get(key);
    if (hit) {
      b.cached.delete(key);
      b.cached.set(key, hit);
      return hit.p;
    }
    const read = readTermPostings(b, ref);
    if (!keep) return read;
    b.cached.set(key, { p: read, bytes: ref.bytes });
    b.cachedBytes += ref.bytes;
    for (const [old, { bytes }] of b.cached) {
      if (b.cachedBytes <= LAZY_CACHE_BYTES || old === key) break;
      b.cached.delete(old);
      b.cachedBytes -= bytes;
    }
    return read;
  }

  /** Every stored term, each once. */
  private *storedTerms(): Generator<[number, string]> {
    for (let k = 0; k < 3; k++) {
      const refs = this.backing?.refs[k];
      if (refs) for (const term of refs.keys()) yield [k, term];
      for (const term of this.delta[k]!.keys()) if (!refs?.has(term)) yield [k, term];
    }
  }

  /**
   * Document frequency of a term held here, by the look of it (pair, accented, folded word), or
   * undefined. Saves FTS5's vocabulary table a walk over a long doclist to count it.
   */
  dfOf(term: string): number | undefined {
    const k = KIND_INDEX[kindOfTerm(term)];
    const ref = this.backing?.refs[k]!.get(term);
    if (ref && !this.masked && !this.delta[k]!.has(term)) return ref.n;
    return this.postings(k, term)?.df;
  }

  /** Number of stored terms whose postings are in memory (read from the file, or changed since it). */
  termsInMemory(): number {
    return (this.backing?.cached.size ?? 0) + this.delta[0].size + this.delta[1].size + this.delta[2].size;
  }

  /** Parts of the file read since it was opened (tests: a write of new documents reads none). */
  partsRead(): number {
    return this.backing?.partsRead ?? 0;
  }

  /** Number of stored terms. */
  size(): number {
    let n = this.backing?.terms ?? 0;
    for (let k = 0; k < 3; k++) {
      const refs = this.backing?.refs[k];
      for (const term of this.delta[k]!.keys()) if (!refs?.has(term)) n++;
    }
    return n;
  }

  private threshold(): number {
    return Math.max(MIN_DF, Math.ceil(MIN_SHARE * this.docs));
  }

  private ensureCapacity(id: number): void {
    if (id < this.live.length) return;
    const cap = Math.max(id + 1, Math.ceil(this.live.length * 1.5), 1024);
    const live = new Uint8Array(cap);
    live.set(this.live);
    this.live = live;
    const lens = new Uint32Array(cap);
    lens.set(this.lens);
    this.lens = lens;
    const gens = new Uint32Array(cap);
    gens.set(this.gens);
    this.gens = gens;
  }

  /** Moves a pending term into the store when, without stale entries, it is common enough. */
  private promote(kind: number, term: string, list: Pending): void {
    const kept = livePending(list, this.live, this.gens);
    if (kept.length / PENDING_STRIDE < this.threshold()) {
      this.pending[kind]!.set(term, kept);
      return;
    }
    this.pending[kind]!.delete(term);
    this.delta[kind]!.set(term, postingsOfPending(kept, this.live.length));
  }

  /** Reads the file's pending lists, on the first write (they decide when a term becomes common). */
  private readPending(): void {
    if (this.pendingRead) return;
    try {
      readPendingLists(this.backing!, this.pending);
    } catch (e) {
      this.damaged = true;
      throw e;
    }
    this.pendingRead = true;
  }

  /** Applies one document's new FTS row (null: deleted). */
  private applyDoc(id: number, row: readonly string[] | null): void {
    this.readPending();
    this.ensureCapacity(id);
    if (this.merged.size > 0) this.dropMerged();
    const cap = this.live.length;
    if (this.live[id]) {
      // Its postings of this session are cleared; those of the file go stale with its generation.
      for (const m of this.delta) for (const p of m.values()) setValue(p, id, 0, cap);
      if (this.backing && id < this.backing.gens.length) this.masked = true;
      this.docs--;
      this.totalLen -= this.lens[id]!;
      this.live[id] = 0;
      this.lens[id] = 0;
      this.gens[id] = this.gens[id]! + 1;
    }
    this.norm = null;
    this.dirty = true;
    if (!row) return;
    const t = docTerms(row);
    this.live[id] = 1;
    this.lens[id] = t.len;
    this.docs++;
    this.totalLen += t.len;
    const gen = this.gens[id]!;
    const threshold = this.threshold();
    for (let kind = 0; kind < 3; kind++) {
      const delta = this.delta[kind]!;
      const refs = this.backing?.refs[kind];
      const pending = this.pending[kind]!;
      const terms = t.kinds[kind]!;
      const { ids, freq, strs } = terms;
      for (let j = 0; j < terms.n; j++) {
        const termId = ids[j]!;
        const tok = strs[termId]!;
        const q = doubled(freq[termId]!);
        let p = delta.get(tok);
        if (!p && refs?.has(tok)) delta.set(tok, (p = emptyPostings()));
        if (p) {
          setValue(p, id, q, cap);
          continue;
        }
        const list = pending.get(tok);
        if (!list) {
          pending.set(tok, [id, q, gen]);
          continue;
        }
        addPending(list, id, q, gen);
        if (list.length >= threshold * PENDING_STRIDE) this.promote(kind, tok, list);
      }
    }
  }

  /** Applies the rows written by one committed transaction. */
  applyCommitted(rows: Iterable<[number, string[] | null]>, seq: number): void {
    if (this.state === 'unloaded') this.load();
    if (this.state !== 'ready') return; // a build in progress catches up from the journal
    try {
      this.readPending();
    } catch {
      // A damaged part: rebuilt from the rows, which the journal brings up to date.
      this.reset();
      this.state = 'missing';
      return;
    }
    for (const [id, row] of rows) this.applyDoc(id, row);
    this.seq = seq;
    if (this.deltaBytes() > (this.opts.deltaBytes ?? DELTA_BYTES)) {
      try {
        this.save(); // the delta goes to the file: memory stays flat through a long import
      } catch (e) {
        // Kept in memory; derived data only (the journal catches a later open up).
        console.error('impact store save failed', e);
      }
    }
  }

  /** Bytes of postings held as this session's changes. */
  private deltaBytes(): number {
    let n = 0;
    for (const m of this.delta) for (const p of m.values()) n += postingsBytes(p);
    return n;
  }

  private reset(): void {
    this.backing?.handle.close();
    this.backing = null;
    this.damaged = false;
    this.delta = [new Map(), new Map(), new Map()];
    this.pending = [new Map(), new Map(), new Map()];
    this.pendingRead = true;
    this.masked = false;
    this.dropMerged();
    this.live = new Uint8Array(0);
    this.lens = new Uint32Array(0);
    this.gens = new Uint32Array(0);
    this.docs = 0;
    this.totalLen = 0;
    this.norm = null;
  }

  /** An archive without documents needs no build: the store grows with it from the first commit. */
  private startFreshIfEmpty(): void {
    if (this.opts.documentIds().length !== 0) return;
    this.seq = this.opts.checkpoint();
    this.state = 'ready';
    this.dirty = true;
  }

  private load(): void {
    this.state = 'missing';
    if (!existsSync(this.file)) return;
    try {
      this.readFile();
      const changed = this.opts.changedSince(this.seq);
      if (changed) {
        for (const id of changed) this.applyDoc(id, this.opts.rowOf(id));
        this.seq = this.opts.checkpoint();
        this.state = 'ready';
        return;
      }
    } catch {
      // Unreadable or from another version: rebuilt (build()).
    }
    this.reset();
  }

  /**
   * Builds the store from every document's FTS row (when it is missing or stale), yielding between
   * chunks; search uses FTS5 alone until it is done. Resolves false when cancelled.
   */
  async build(onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<boolean> {
    if (this.state === 'unloaded') this.load();
    if (this.state === 'ready' && !this.damaged) return true;
    const gen = ++this.buildGen;
    this.state = 'building';
    this.reset();
    const cancelled = (): boolean => gen !== this.buildGen || !!signal?.aborted;
    try {
      const startSeq = this.opts.checkpoint();
      const ids = this.opts.documentIds();
      const CHUNK = 50; // ~50–100 ms of work between pauses: searches stay answered during a build
      for (let i = 0; i < ids.length; i += CHUNK) {
        for (const id of ids.slice(i, i + CHUNK)) this.applyDoc(id, this.opts.rowOf(id));
        onProgress?.(Math.min(ids.length, i + CHUNK), ids.length);
        await new Promise<void>((r) => setImmediate(r));
        if (cancelled()) return false;
      }
      for (const id of this.opts.changedSince(startSeq) ?? []) this.applyDoc(id, this.opts.rowOf(id));
      this.seq = this.opts.checkpoint();
      this.state = 'ready';
      this.dirty = true;
      return true;
    } finally {
      if (gen === this.buildGen && this.state === 'building') {
        this.reset();
        this.state = 'missing';
      }
    }
  }

  /** Stops a build in progress (on close). */
  cancelBuild(): void {
    this.buildGen++;
    if (this.state === 'building') {
      this.reset();
      this.state = 'missing';
    }
  }

  /** True when the store is missing and no build runs (the caller may start one). */
  needsBuild(): boolean {
    if (this.state === 'unloaded') this.load();
    return this.state === 'missing' || (this.state === 'ready' && this.damaged);
  }

  /** Lets the file go (on close); the store answers no more queries. */
  release(): void {
    this.cancelBuild();
    this.reset();
    this.state = 'unloaded';
  }

  private normFactors(): Float64Array {
    if (this.norm && this.norm.length === this.live.length) return this.norm;
    this.norm = lengthNorms(this.lens, this.live.length, this.docs, this.totalLen);
    return this.norm;
  }

  /**
   * Adds the term's bm25 contribution to `scores`; with `added`, its holders join the result;
   * `within` lists every document `inSet` may mark (addBm25).
   */
  accumulate(
    kind: TermKind,
    term: string,
    scores: Float64Array,
    inSet: Uint8Array,
    added: number[] | null,
    within?: readonly number[],
  ): void {
    const p = this.postings(KIND_INDEX[kind]!, term);
    if (!p || p.df === 0) return;
    addBm25(p, this.docs, this.normFactors(), scores, inSet, added, within);
  }

  /** Ids of the documents holding every one of the terms (none when one is not held here), ascending. */
  allOf(terms: readonly { kind: TermKind; term: string }[]): number[] {
    const lists = terms.map((t) => this.postings(KIND_INDEX[t.kind]!, t.term));
    if (lists.length === 0 || lists.some((p) => !p || p.df === 0)) return [];
    return holdersOfAll(lists as Postings[], this.live.length);
  }

  /**
   * Sets `flags[id]` to 1 for every document holding the term (ids below the store's capacity and
   * flags.length): a union of holders with no list of their ids in between (markHolders).
   */
  markHolders(kind: TermKind, term: string, flags: Uint8Array): void {
    const p = this.postings(KIND_INDEX[kind]!, term);
    if (p && p.df > 0) markHolders(p, Math.min(this.live.length, flags.length), flags);
  }

  /** Stored terms as plain values, keyed kind letter + term (tests compare a kept store with a fresh build). */
  snapshot(): { docs: number; totalLen: number; terms: Map<string, Map<number, number>> } {
    this.readPending();
    const terms = new Map<string, Map<number, number>>();
    for (const [k, term] of this.storedTerms()) {
      terms.set(KINDS[k]! + term, postingValues(this.currentOrDamaged(k, term)));
    }
    return { docs: this.docs, totalLen: this.totalLen, terms };
  }

  /** A stored term's postings as they are now, not cached; a damaged part marks the store and throws. */
  private currentOrDamaged(kind: number, term: string): Postings {
    try {
      return this.current(kind, term, false)!;
    } catch (e) {
      this.damaged = true;
      throw e;
    }
  }

  /** Each stored term's postings as they are now, one at a time: the old file's part merged with the delta. */
  private *currentTerms(): Generator<[number, string, Postings]> {
    for (const [k, term] of this.storedTerms()) yield [k, term, this.currentOrDamaged(k, term)];
  }

  /** Writes the store to the derived folder when it changed, term by term (never the whole file in memory). */
  save(): void {
    if (this.state !== 'ready' || !this.dirty) return;
    this.readPending();
    writeImpactFile(this.opts.derivedDir, {
      seq: this.seq,
      docs: this.docs,
      totalLen: this.totalLen,
      live: this.live,
      lens: this.lens,
      gens: this.gens,
      members: this.currentTerms(),
      pending: this.pending,
    });
    this.dirty = false;
    // The new file now holds everything: the delta and the old file's cache go, postings are read
    // from the new file on demand (the pending lists stay: a later write needs them).
    const pending = this.pending;
    this.backing?.handle.close();
    this.backing = null;
    this.delta = [new Map(), new Map(), new Map()];
    this.masked = false;
    this.dropMerged();
    try {
      this.readFile();
      this.pending = pending;
      this.pendingRead = true;
    } catch {
      this.reset();
      this.state = 'missing';
    }
  }

  /**
   * Reads the file's header and per-document arrays; postings are read on demand (postings()).
   * Trusted only part by part: a torn, truncated or foreign file, or a damaged header, is rebuilt
   * (load()); a damaged term's part is found when read (postings()).
   */
  private readFile(): void {
    const f = openImpactFile(this.file);
    this.live = f.live;
    this.lens = f.lens;
    this.gens = f.gens.slice();
    this.backing = { ...f.parts, cached: new Map(), cachedBytes: 0, gens: f.gens };
    this.pending = [new Map(), new Map(), new Map()];
    this.pendingRead = false;
    this.docs = f.docs;
    this.totalLen = f.totalLen;
    this.seq = f.seq;
    this.norm = null;
  }

  /** Forgets everything and deletes the file (before a full rebuild). */
  discard(): void {
    this.buildGen++;
    this.reset();
    rmSync(this.file, { force: true });
    this.state = 'missing';
    this.startFreshIfEmpty();
  }
}
