// In-memory weighted term frequencies of the archive's common terms (folded syllables, syllable
// pairs and accent-kept syllables found in at least ~1 % of documents). A query made of such terms
// would make FTS5 read and bm25-score tens of thousands of position lists; here each costs one pass
// over a typed array. Rare terms stay in FTS5, where they are cheap. Scores follow FTS5's bm25
// exactly (k1, b, the column weights, document length = tokens in all columns), so a term scores the
// same whichever engine holds it and the two sums add up.
//
// Kept equal to the data from the rows the FTS indexer writes (collected in the write transaction,
// applied at commit). Rare terms wait in small "pending" lists (their postings are few by
// definition) and move into the store the moment they become common. Persisted in the archive's
// derived folder; caught up from change_journal at load; rebuilt from the rows when missing.
//
// The file is read in parts: at open only its header and the per-document arrays (a few MB at
// 200,000 documents), then each term's postings the first time a query names it, each part checked
// against its own hash. A search in a fresh process thus reads what it needs, not the whole file;
// the first write loads everything (re-indexing a document touches every stored term).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  openChecksummedFile,
  writeChecksummedFile,
  type ChecksummedHandle,
} from '../archive/durable-file.js';
import { COLUMN_KIND, FTS_COLUMNS, FTS_WEIGHTS, type TermKind } from './fts-query.js';

const FORMAT_VERSION = 5;
/** The file in the derived folder, and the kind and version its checksummed header names (durable-file.ts). */
export const IMPACTS_FILE = { name: 'impacts.bin', kind: 'impacts', version: FORMAT_VERSION } as const;
const MAGIC = 0x564b4931; // "VKI1"
/** Magic, header length, SHA-256 of the header and the per-document arrays. */
const PREFIX_BYTES = 40;
/** Postings read lazily are kept up to this many bytes, least recently used dropped first. */
const LAZY_CACHE_BYTES = 96 * 1024 * 1024;
/** A term joins the store when found in this many documents and in this share of them. */
const MIN_DF = 64;
const MIN_SHARE = 0.01;
/** A sparse posting list becomes a dense array when that is smaller (5 bytes per posting vs 1 per document). */
const DENSE_FACTOR = 5;
// FTS5's bm25 constants.
const K1 = 1.2;
const B = 0.75;

const KINDS: readonly TermKind[] = ['w', 'p', 'a'];
const KIND_INDEX: Record<TermKind, number> = { w: 0, p: 1, a: 2 };
const KIND_OF_COLUMN: number[] = FTS_COLUMNS.map((c) => KIND_INDEX[COLUMN_KIND[c]]);
const WEIGHT_OF_COLUMN: number[] = FTS_COLUMNS.map((c) => FTS_WEIGHTS[c]);

/**
 * Weighted frequencies are multiples of 0.5 (the column weights): kept doubled, as integers. A
 * posting's byte holds them up to 254; 255 means "look in the term's `big` map" (a long report
 * repeating a word: rare), so every score stays exact.
 */
function doubled(f: number): number {
  return Math.max(1, Math.round(f * 2));
}
const BIG = 255;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Whether the store may hold a token of a column of this kind. */
function storable(kind: number, token: string): boolean {
  if (token.startsWith('n_')) return false; // document-number identity/citation token: always rare
  // Accent-kept columns hold every syllable; only accented ones are ever queried there.
  return kind !== KIND_INDEX.a || !isAscii(token);
}

interface DocTerms {
  len: number;
  /** Weighted frequency per token, one map per kind (w, p, a); -1 marks a token never stored. */
  f: [Map<string, number>, Map<string, number>, Map<string, number>];
}

/** Document length (tokens in all columns, as FTS5 counts) and weighted frequency per term. */
function docTerms(row: readonly string[]): DocTerms {
  const f: DocTerms['f'] = [new Map(), new Map(), new Map()];
  let len = 0;
  for (let c = 0; c < row.length; c++) {
    const text = row[c]!;
    if (!text) continue;
    const kind = KIND_OF_COLUMN[c]!;
    const w = WEIGHT_OF_COLUMN[c]!;
    const m = f[kind]!;
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf(' ', from);
      if (to < 0) to = text.length;
      if (to > from) {
        len++;
        const tok = text.slice(from, to);
        const prev = m.get(tok);
        if (prev === undefined) m.set(tok, storable(kind, tok) ? w : -1);
        else if (prev >= 0) m.set(tok, prev + w);
      }
      from = to + 1;
    }
  }
  return { len, f };
}

/** Postings of a stored term: sparse (ascending ids + values) or dense (value per document id, 0 = absent). */
interface Postings {
  dense: Uint8Array | null;
  ids: Int32Array;
  vals: Uint8Array;
  n: number;
  df: number;
  /** Doubled frequencies of BIG (255) postings, by document id. */
  big: Map<number, number> | null;
}

/**
 * Postings of a term not (yet) common, ascending by id, as flat triples: document id, doubled
 * weighted frequency (exact), and the document's generation at the time — an entry whose document
 * was re-indexed since without the term is stale and is dropped when the list is promoted
 * (re-indexing a document need not visit every pending list). One array per term, not three: most
 * terms are rare and have one or two postings, so the arrays' own overhead is most of their memory.
 */
type Pending = number[];
/** Numbers per pending posting (id, value, generation). */
const PENDING_STRIDE = 3;

/** Position of the first pending posting whose id is ≥ x. */
function pendingBound(list: Pending, x: number): number {
  let lo = 0;
  let hi = (list.length / PENDING_STRIDE) | 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid * PENDING_STRIDE]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(a: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type KindMaps<T> = [Map<string, T>, Map<string, T>, Map<string, T>];

const align4 = (n: number): number => n + ((4 - (n % 4)) % 4);

/** Hash of one part of the file (truncated SHA-256: detects damage, no adversary here). */
function partHash(parts: readonly Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('base64').slice(0, 22);
}

/** Where a term's postings lie in the file (offset from the data start) and what they are. */
interface TermRef {
  repr: 'd' | 's';
  n: number;
  big: number;
  at: number;
  bytes: number;
  hash: string;
}

type HeaderTerm = [TermKind, string, 'd' | 's', number, number, number, number, string];

interface StoreHeader {
  version: number;
  seq: number;
  capacity: number;
  docs: number;
  totalLen: number;
  terms: HeaderTerm[];
  pending: { at: number; bytes: number; hash: string; postings: number; jsonBytes: number };
}

/** The file a store was loaded from, while its postings are read on demand. */
interface Backing {
  handle: ChecksummedHandle;
  dataStart: number;
  capacity: number;
  refs: KindMaps<TermRef>;
  terms: number;
  pending: StoreHeader['pending'];
  /** Postings read so far, in use order (oldest first), and their size. */
  cached: Map<string, number>;
  cachedBytes: number;
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
}

export class ImpactStore {
  private members: KindMaps<Postings> = [new Map(), new Map(), new Map()];
  private pending: KindMaps<Pending> = [new Map(), new Map(), new Map()];
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
    return join(this.opts.derivedDir, IMPACTS_FILE.name);
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

  /** A stored term's postings, read from the file on first use. */
  private postings(kind: number, term: string): Postings | undefined {
    const p = this.members[kind]!.get(term);
    const b = this.backing;
    if (!b) return p;
    const key = `${kind}${term}`;
    if (p) {
      const size = b.cached.get(key);
      if (size !== undefined) {
        b.cached.delete(key);
        b.cached.set(key, size);
      }
      return p;
    }
    const ref = b.refs[kind]!.get(term);
    if (!ref) return undefined;
    let read: Postings;
    try {
      read = this.readTerm(b, ref);
    } catch {
      this.damaged = true;
      return undefined;
    }
    this.members[kind]!.set(term, read);
    b.cached.set(key, ref.bytes);
    b.cachedBytes += ref.bytes;
    for (const [old, size] of b.cached) {
      if (b.cachedBytes <= LAZY_CACHE_BYTES || old === key) break;
      b.cached.delete(old);
      b.cachedBytes -= size;
      this.members[Number(old[0])]!.delete(old.slice(1));
    }
    return read;
  }

  /**
   * Document frequency of a term held here, by the look of it (pair, accented, folded word), or
   * undefined. Saves FTS5's vocabulary table a walk over a long doclist to count it.
   */
  dfOf(term: string): number | undefined {
    const kind: TermKind = term.includes('_') ? 'p' : isAscii(term) ? 'w' : 'a';
    const k = KIND_INDEX[kind];
    return this.members[k]!.get(term)?.df ?? this.backing?.refs[k]!.get(term)?.n;
  }

  /** Number of stored terms whose postings are in memory (all but those a fresh process has not needed yet). */
  termsInMemory(): number {
    return this.members[0].size + this.members[1].size + this.members[2].size;
  }

  /** Number of stored terms. */
  size(): number {
    if (this.backing) return this.backing.terms;
    return this.members[0].size + this.members[1].size + this.members[2].size;
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

  /** Sets a document's doubled frequency `h` (0: absent). */
  private static setValue(p: Postings, id: number, h: number, cap: number): void {
    const v = Math.min(BIG, h);
    if (v === BIG) (p.big ??= new Map()).set(id, h);
    else p.big?.delete(id);
    if (p.dense) {
      if (id >= p.dense.length) {
        if (v === 0) return;
        const d = new Uint8Array(Math.max(cap, id + 1));
        d.set(p.dense);
        p.dense = d;
      }
      const old = p.dense[id]!;
      if (old === 0 && v > 0) p.df++;
      else if (old > 0 && v === 0) p.df--;
      p.dense[id] = v;
      return;
    }
    // New documents have the largest ids: appending is the common case.
    const i = p.n > 0 && id > p.ids[p.n - 1]! ? p.n : lowerBound(p.ids, p.n, id);
    if (i < p.n && p.ids[i] === id) {
      const old = p.vals[i]!;
      if (old === 0 && v > 0) p.df++;
      else if (old > 0 && v === 0) p.df--;
      p.vals[i] = v;
      return;
    }
    if (v === 0) return;
    if (p.n === p.ids.length) {
      const size = Math.max(16, p.n * 2);
      const ids = new Int32Array(size);
      ids.set(p.ids.subarray(0, p.n));
      const vals = new Uint8Array(size);
      vals.set(p.vals.subarray(0, p.n));
      p.ids = ids;
      p.vals = vals;
    }
    if (i < p.n) {
      p.ids.copyWithin(i + 1, i, p.n);
      p.vals.copyWithin(i + 1, i, p.n);
    }
    p.ids[i] = id;
    p.vals[i] = v;
    p.n++;
    p.df++;
    if (p.n * DENSE_FACTOR > cap) ImpactStore.toDense(p, cap);
  }

  private static toDense(p: Postings, cap: number): void {
    const d = new Uint8Array(cap);
    for (let k = 0; k < p.n; k++) if (p.vals[k]! > 0) d[p.ids[k]!] = p.vals[k]!;
    p.dense = d;
    p.ids = new Int32Array(0);
    p.vals = new Uint8Array(0);
    p.n = 0;
  }

  /** Moves a pending term into the store when, without stale entries, it is common enough. */
  private promote(kind: number, term: string, list: Pending): void {
    const ids: number[] = [];
    const vals: number[] = [];
    const kept: Pending = [];
    for (let i = 0; i < list.length; i += PENDING_STRIDE) {
      const id = list[i]!;
      const gen = list[i + 2]!;
      if (this.live[id] && gen === this.gens[id]) {
        ids.push(id);
        vals.push(list[i + 1]!);
        kept.push(id, list[i + 1]!, gen);
      }
    }
    if (ids.length < this.threshold()) {
      this.pending[kind]!.set(term, kept);
      return;
    }
    const p: Postings = {
      dense: null,
      ids: Int32Array.from(ids),
      vals: Uint8Array.from(vals, (h) => Math.min(BIG, h)),
      n: ids.length,
      df: ids.length,
      big: null,
    };
    vals.forEach((h, i) => h >= BIG && (p.big ??= new Map()).set(ids[i]!, h));
    if (p.n * DENSE_FACTOR > this.live.length) ImpactStore.toDense(p, this.live.length);
    this.pending[kind]!.delete(term);
    this.members[kind]!.set(term, p);
  }

  /** Reads every part not read yet and lets the file go: changes need the whole store in memory. */
  private loadAll(): void {
    const b = this.backing;
    if (!b) return;
    try {
      b.refs.forEach((refs, kind) => {
        for (const [term, ref] of refs)
          if (!this.members[kind]!.has(term)) this.members[kind]!.set(term, this.readTerm(b, ref));
      });
      this.readPending(b);
    } catch (e) {
      this.damaged = true;
      throw e;
    } finally {
      b.handle.close();
      this.backing = null;
    }
  }

  /** Applies one document's new FTS row (null: deleted). */
  private applyDoc(id: number, row: readonly string[] | null): void {
    this.loadAll();
    this.ensureCapacity(id);
    const cap = this.live.length;
    if (this.live[id]) {
      for (const m of this.members) for (const p of m.values()) ImpactStore.setValue(p, id, 0, cap);
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
      const members = this.members[kind]!;
      const pending = this.pending[kind]!;
      for (const [tok, f] of t.f[kind]!) {
        if (f < 0) continue;
        const q = doubled(f);
        const p = members.get(tok);
        if (p) {
          ImpactStore.setValue(p, id, q, cap);
          continue;
        }
        const list = pending.get(tok);
        if (!list) {
          pending.set(tok, [id, q, gen]);
          continue;
        }
        if (id > list[list.length - PENDING_STRIDE]!) list.push(id, q, gen);
        else {
          const at = pendingBound(list, id) * PENDING_STRIDE;
          if (list[at] === id) {
            list[at + 1] = q;
            list[at + 2] = gen;
          } else list.splice(at, 0, id, q, gen);
        }
        if (list.length >= threshold * PENDING_STRIDE) this.promote(kind, tok, list);
      }
    }
  }

  /** Applies the rows written by one committed transaction. */
  applyCommitted(rows: Iterable<[number, string[] | null]>, seq: number): void {
    if (this.state === 'unloaded') this.load();
    if (this.state !== 'ready') return; // a build in progress catches up from the journal
    try {
      this.loadAll();
    } catch {
      // A damaged part: rebuilt from the rows, which the journal brings up to date.
      this.reset();
      this.state = 'missing';
      return;
    }
    for (const [id, row] of rows) this.applyDoc(id, row);
    this.seq = seq;
  }

  private reset(): void {
    this.backing?.handle.close();
    this.backing = null;
    this.damaged = false;
    this.members = [new Map(), new Map(), new Map()];
    this.pending = [new Map(), new Map(), new Map()];
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
    const avgdl = this.docs > 0 ? this.totalLen / this.docs : 1;
    const n = new Float64Array(this.live.length);
    for (let id = 0; id < n.length; id++) n[id] = K1 * (1 - B + (B * this.lens[id]!) / avgdl);
    this.norm = n;
    return n;
  }

  /**
   * Adds the term's bm25 contribution to `scores`. With `added`, every document holding the term
   * joins the result (`inSet` marked, id pushed to `added`); without, only documents already in
   * `inSet` are scored (the term ranks, it does not match); `within`, when given, lists every
   * document `inSet` may mark (any order), so a dense term much more common than the result is
   * read at those ids only: a long question ranks by some forty common terms.
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
    const norm = this.normFactors();
    let idf = Math.log((this.docs - p.df + 0.5) / (p.df + 0.5));
    if (idf <= 0) idf = 1e-6; // as FTS5
    const k = idf * (K1 + 1);
    const limit = Math.min(scores.length, norm.length);
    // Two plain loops per representation (no per-posting closure: this runs over 50k documents).
    if (p.dense && !added && within && within.length * 2 < p.df) {
      const d = p.dense;
      const end = Math.min(d.length, limit);
      for (let i = 0; i < within.length; i++) {
        const id = within[i]!;
        if (id >= end || !inSet[id]) continue;
        const q = d[id]!;
        if (q === 0) continue;
        const f = (q === BIG ? p.big!.get(id)! : q) / 2;
        scores[id] = scores[id]! + (k * f) / (f + norm[id]!);
      }
    } else if (p.dense) {
      const d = p.dense;
      const end = Math.min(d.length, limit);
      for (let id = 0; id < end; id++) {
        const q = d[id]!;
        if (q === 0) continue;
        if (!inSet[id]) {
          if (!added) continue;
          inSet[id] = 1;
          added.push(id);
        }
        const f = (q === BIG ? p.big!.get(id)! : q) / 2;
        scores[id] = scores[id]! + (k * f) / (f + norm[id]!);
      }
    } else {
      for (let i = 0; i < p.n; i++) {
        const q = p.vals[i]!;
        const id = p.ids[i]!;
        if (q === 0 || id >= limit) continue;
        if (!inSet[id]) {
          if (!added) continue;
          inSet[id] = 1;
          added.push(id);
        }
        const f = (q === BIG ? p.big!.get(id)! : q) / 2;
        scores[id] = scores[id]! + (k * f) / (f + norm[id]!);
      }
    }
  }

  /** Ids of the documents holding every one of the terms (none when one is not held here), ascending. */
  allOf(terms: readonly { kind: TermKind; term: string }[]): number[] {
    const lists = terms.map((t) => this.postings(KIND_INDEX[t.kind]!, t.term));
    if (lists.length === 0 || lists.some((p) => !p || p.df === 0)) return [];
    // Rarest first: the holders of the rarest term are the candidates, and each further term keeps
    // those it holds (read at the candidates' ids when dense, merged when sparse), so a question
    // of twenty common words costs about one pass over the rarest one's documents.
    const sorted = (lists as Postings[]).sort((a, b) => a.df - b.df);
    const cap = this.live.length;
    const first = sorted[0]!;
    let out: number[] = [];
    if (first.dense) {
      const d = first.dense;
      for (let id = 0, end = Math.min(d.length, cap); id < end; id++) if (d[id] !== 0) out.push(id);
    } else {
      for (let i = 0; i < first.n; i++)
        if (first.vals[i] !== 0 && first.ids[i]! < cap) out.push(first.ids[i]!);
    }
    for (let r = 1; r < sorted.length && out.length > 0; r++) {
      const p = sorted[r]!;
      const kept: number[] = [];
      if (p.dense) {
        const d = p.dense;
        for (const id of out) if (id < d.length && d[id] !== 0) kept.push(id);
      } else {
        // Both ascending: a merge.
        let i = 0;
        for (const id of out) {
          while (i < p.n && p.ids[i]! < id) i++;
          if (i === p.n) break;
          if (p.ids[i] === id && p.vals[i] !== 0) kept.push(id);
        }
      }
      out = kept;
    }
    return out;
  }

  /** Stored terms as plain values, keyed kind letter + term (tests compare a kept store with a fresh build). */
  snapshot(): { docs: number; totalLen: number; terms: Map<string, Map<number, number>> } {
    this.loadAll();
    const terms = new Map<string, Map<number, number>>();
    KINDS.forEach((kind, k) => {
      for (const [term, p] of this.members[k]!) {
        const m = new Map<number, number>();
        const exact = (id: number, v: number): number => (v === BIG ? p.big!.get(id)! : v);
        if (p.dense) p.dense.forEach((v, id) => v > 0 && m.set(id, exact(id, v)));
        else for (let i = 0; i < p.n; i++) if (p.vals[i]! > 0) m.set(p.ids[i]!, exact(p.ids[i]!, p.vals[i]!));
        terms.set(kind + term, m);
      }
    });
    return { docs: this.docs, totalLen: this.totalLen, terms };
  }

  /** Writes the store to the derived folder when it changed. */
  save(): void {
    if (this.state !== 'ready' || !this.dirty) return;
    this.loadAll();
    const cap = this.live.length;
    const bytes = (a: Int32Array | Uint32Array): Uint8Array =>
      new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const padOf = (n: number): Uint8Array => new Uint8Array(align4(n) - n);
    // Each part: its arrays, each padded to 4 bytes (the 32-bit views stay aligned), under one hash.
    const data: Uint8Array[] = [];
    let at = 0;
    const part = (arrays: Uint8Array[]): { at: number; bytes: number; hash: string } => {
      const chunks = arrays.flatMap((a) => [a, padOf(a.byteLength)]);
      const start = at;
      for (const c of chunks) {
        data.push(c);
        at += c.byteLength;
      }
      return { at: start, bytes: at - start, hash: partHash(chunks) };
    };
    const terms: HeaderTerm[] = [];
    KINDS.forEach((kind, k) => {
      for (const [term, p] of this.members[k]!) {
        const big = p.big ? [...p.big] : [];
        const bigArrays =
          big.length > 0
            ? [bytes(Int32Array.from(big, (e) => e[0])), bytes(Uint32Array.from(big, (e) => e[1]))]
            : [];
        if (p.dense) {
          const d = new Uint8Array(cap);
          d.set(p.dense.subarray(0, cap));
          const w = part([d, ...bigArrays]);
          terms.push([kind, term, 'd', p.df, big.length, w.at, w.bytes, w.hash]);
        } else {
          // Dropped postings (value 0) are left out.
          const keep: number[] = [];
          for (let i = 0; i < p.n; i++) if (p.vals[i]! > 0) keep.push(i);
          const w = part([
            bytes(Int32Array.from(keep, (i) => p.ids[i]!)),
            Uint8Array.from(keep, (i) => p.vals[i]!),
            ...bigArrays,
          ]);
          terms.push([kind, term, 's', keep.length, big.length, w.at, w.bytes, w.hash]);
        }
      }
    });
    // Pending lists, in three flat arrays and their terms' names: read only on the first write.
    const pendingTerms: [TermKind, string, number][] = [];
    const pIds: number[] = [];
    const pVals: number[] = [];
    const pGens: number[] = [];
    KINDS.forEach((kind, k) => {
      for (const [term, list] of this.pending[k]!) {
        pendingTerms.push([kind, term, list.length / PENDING_STRIDE]);
        for (let i = 0; i < list.length; i += PENDING_STRIDE) {
          pIds.push(list[i]!);
          pVals.push(list[i + 1]!);
          pGens.push(list[i + 2]!);
        }
      }
    });
    const pendingJson = Buffer.from(JSON.stringify(pendingTerms));
    const pending = {
      ...part([
        bytes(Int32Array.from(pIds)),
        bytes(Uint32Array.from(pGens)),
        bytes(Uint32Array.from(pVals)),
        pendingJson,
      ]),
      postings: pIds.length,
      jsonBytes: pendingJson.length,
    };
    const header: StoreHeader = {
      version: FORMAT_VERSION,
      seq: this.seq,
      capacity: cap,
      docs: this.docs,
      totalLen: this.totalLen,
      terms,
      pending,
    };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const fixed = [this.live, padOf(cap), bytes(this.lens), bytes(this.gens)];
    const frontHash = createHash('sha256').update(headerBytes);
    for (const f of fixed) frontHash.update(f);
    const prefix = Buffer.alloc(PREFIX_BYTES);
    prefix.writeUInt32LE(MAGIC, 0);
    prefix.writeUInt32LE(headerBytes.length, 4);
    frontHash.digest().copy(prefix, 8);
    mkdirSync(this.opts.derivedDir, { recursive: true });
    writeChecksummedFile(this.file, IMPACTS_FILE.kind, IMPACTS_FILE.version, [
      prefix,
      headerBytes,
      padOf(PREFIX_BYTES + headerBytes.length),
      ...fixed,
      ...data,
    ]);
    this.dirty = false;
  }

  /**
   * Opens the file and reads its header and per-document arrays; postings are read on demand
   * (postings()). Trusted only part by part: a torn, truncated or foreign file, or a damaged
   * header, is rebuilt (load()); a damaged term's part is found when read (postings()).
   */
  private readFile(): void {
    const opened = openChecksummedFile(this.file, IMPACTS_FILE.kind, IMPACTS_FILE.version);
    if (!opened.ok) throw new Error(`impact store ${opened.reason}`);
    const handle = opened.handle;
    try {
      const prefix = Buffer.from(handle.read(0, PREFIX_BYTES).buffer);
      if (prefix.readUInt32LE(0) !== MAGIC) throw new Error('not an impact store');
      const headerLen = prefix.readUInt32LE(4);
      const headerBytes = handle.read(PREFIX_BYTES, headerLen);
      const header = JSON.parse(Buffer.from(headerBytes.buffer).toString('utf8')) as StoreHeader;
      if (header.version !== FORMAT_VERSION) throw new Error('other version');
      const cap = header.capacity;
      const fixedAt = align4(PREFIX_BYTES + headerLen);
      const fixedBytes = align4(cap) + cap * 8;
      const fixed = handle.read(fixedAt, fixedBytes);
      const sum = createHash('sha256').update(headerBytes).update(fixed).digest();
      if (!sum.equals(prefix.subarray(8, PREFIX_BYTES))) throw new Error('impact store header checksum');
      const ab = fixed.buffer;
      this.live = new Uint8Array(ab, 0, cap);
      this.lens = new Uint32Array(ab, align4(cap), cap);
      this.gens = new Uint32Array(ab, align4(cap) + cap * 4, cap);
      const refs: KindMaps<TermRef> = [new Map(), new Map(), new Map()];
      for (const [kind, term, repr, n, big, at, bytes, hash] of header.terms) {
        refs[KIND_INDEX[kind]]!.set(term, { repr, n, big, at, bytes, hash });
      }
      const dataStart = fixedAt + fixedBytes;
      const end = header.pending.at + header.pending.bytes;
      if (dataStart + end !== handle.payloadBytes) throw new Error('impact store length');
      this.backing = {
        handle,
        dataStart,
        capacity: cap,
        refs,
        terms: header.terms.length,
        pending: header.pending,
        cached: new Map(),
        cachedBytes: 0,
      };
      this.docs = header.docs;
      this.totalLen = header.totalLen;
      this.seq = header.seq;
      this.norm = null;
    } catch (e) {
      handle.close();
      throw e;
    }
  }

  /** Reads one part, checked against its hash. */
  private static readPart(b: Backing, at: number, bytes: number, hash: string): Uint8Array<ArrayBuffer> {
    const buf = b.handle.read(b.dataStart + at, bytes);
    if (partHash([buf]) !== hash) throw new Error('impact store part checksum');
    return buf;
  }

  private readTerm(b: Backing, ref: TermRef): Postings {
    const buf = ImpactStore.readPart(b, ref.at, ref.bytes, ref.hash);
    const ab = buf.buffer;
    const cap = b.capacity;
    let o: number;
    let p: Postings;
    if (ref.repr === 'd') {
      p = {
        dense: new Uint8Array(ab, 0, cap),
        ids: new Int32Array(0),
        vals: new Uint8Array(0),
        n: 0,
        df: ref.n,
        big: null,
      };
      o = align4(cap);
    } else {
      const ids = new Int32Array(ab, 0, ref.n);
      const vals = new Uint8Array(ab, ref.n * 4, ref.n);
      p = { dense: null, ids, vals, n: ref.n, df: ref.n, big: null };
      o = ref.n * 4 + align4(ref.n);
    }
    if (ref.big > 0) {
      const bigIds = new Int32Array(ab, o, ref.big);
      const bigVals = new Uint32Array(ab, o + ref.big * 4, ref.big);
      p.big = new Map();
      for (let i = 0; i < ref.big; i++) p.big.set(bigIds[i]!, bigVals[i]!);
    }
    return p;
  }

  /** The pending lists become JS arrays (on the first write only: searching never reads them). */
  private readPending(b: Backing): void {
    const { at, bytes, hash, postings: total, jsonBytes } = b.pending;
    const buf = ImpactStore.readPart(b, at, bytes, hash);
    const ab = buf.buffer;
    const pIds = new Int32Array(ab, 0, total);
    const pGens = new Uint32Array(ab, total * 4, total);
    const pVals = new Uint32Array(ab, total * 8, total);
    const names = JSON.parse(Buffer.from(ab, total * 12, jsonBytes).toString('utf8')) as [
      TermKind,
      string,
      number,
    ][];
    let k = 0;
    for (const [kind, term, n] of names) {
      const list: Pending = [];
      for (let i = k; i < k + n; i++) list.push(pIds[i]!, pVals[i]!, pGens[i]!);
      this.pending[KIND_INDEX[kind]]!.set(term, list);
      k += n;
    }
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
