// In-memory weighted term frequencies of the archive's common terms (folded syllables, syllable
// pairs and accent-kept syllables found in at least ~1 % of documents). A query made of such terms
// would make FTS5 read and bm25-score tens of thousands of position lists; here each costs one pass
// over a typed array. Rare terms stay in FTS5, where they are cheap. Scores follow FTS5's bm25
// exactly (k1, b, the column weights, document length = tokens in all columns), so a term scores the
// same whichever engine holds it and the two sums add up.
//
// Kept equal to the data from the rows the FTS indexer writes (collected in the write transaction,
// applied at commit); a term is promoted once it becomes common, its postings read back from FTS5.
// Persisted in the archive's derived folder; caught up from change_journal at load.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../archive/database.js';
import { COLUMN_KIND, FTS_COLUMNS, FTS_WEIGHTS, type TermKind } from './fts-query.js';

const FILE_NAME = 'impacts.bin';
const FORMAT_VERSION = 1;
const MAGIC = 0x564b4931; // "VKI1"
/** A term joins the store when found in this many documents and in this share of them. */
const MIN_DF = 64;
const MIN_SHARE = 0.01;
/** A sparse posting list becomes a dense array when that is smaller (5 bytes per posting vs 1 per document). */
const DENSE_FACTOR = 5;
// FTS5's bm25 constants.
const K1 = 1.2;
const B = 0.75;

/** Weighted frequencies are multiples of 0.5 (the column weights): stored ×2, exact up to 127.5. */
function quantize(f: number): number {
  return Math.min(255, Math.max(1, Math.round(f * 2)));
}

const KIND_OF_COLUMN: (TermKind | null)[] = FTS_COLUMNS.map((c) => COLUMN_KIND[c]);
const WEIGHT_OF_COLUMN: number[] = FTS_COLUMNS.map((c) => FTS_WEIGHTS[c]);
const COLUMN_INDEX = new Map<string, number>(FTS_COLUMNS.map((c, i) => [c, i]));

/** Store key of a term: its kind letter then the term ("wphan", "pphan_dau", "aphấn"). */
export function storeKey(kind: TermKind, term: string): string {
  return kind + term;
}

/** Keys the store may hold for a token of a column of the given kind (number tokens never). */
function keyOf(kind: TermKind, token: string): string | null {
  if (token.startsWith('n_')) return null; // document-number identity/citation token: always rare
  // Accent-kept columns hold every syllable; only accented ones are ever queried there.
  if (kind === 'a' && isAscii(token)) return null;
  return kind + token;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

interface DocTerms {
  len: number;
  f: Map<string, number>;
}

/** Document length (tokens in all columns, as FTS5 counts) and weighted frequency per store key. */
function docTerms(row: readonly string[]): DocTerms {
  const f = new Map<string, number>();
  let len = 0;
  for (let c = 0; c < row.length; c++) {
    const text = row[c]!;
    if (!text) continue;
    const kind = KIND_OF_COLUMN[c]!;
    const w = WEIGHT_OF_COLUMN[c]!;
    for (const tok of text.split(' ')) {
      if (!tok) continue;
      len++;
      if (!kind) continue;
      const key = keyOf(kind, tok);
      if (key) f.set(key, (f.get(key) ?? 0) + w);
    }
  }
  return { len, f };
}

/** Postings of one term: sparse (ascending ids + values) or dense (value per document id, 0 = absent). */
interface Postings {
  dense: Uint8Array | null;
  ids: Int32Array;
  vals: Uint8Array;
  n: number;
  df: number;
}

function lowerBound(a: Int32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ImpactStoreOptions {
  derivedDir: string;
  /** Documents changed after a journal position, or null when the journal no longer reaches back. */
  changedSince(seq: number): number[] | null;
  /** The FTS row of a document (null when deleted). */
  rowOf(id: number): string[] | null;
  /** Current journal position of the full-text index. */
  checkpoint(): number;
  /** Number of documents in the archive. */
  documentCount(): number;
}

export class ImpactStore {
  private members = new Map<string, Postings>();
  /** Approximate document frequency of terms not (yet) in the store: when it passes the threshold the term is checked and promoted. */
  private counters = new Map<string, number>();
  private live = new Uint8Array(0);
  private lens = new Uint32Array(0);
  private docs = 0;
  private totalLen = 0;
  private seq = 0;
  private state: 'unloaded' | 'ready' | 'building' | 'missing' = 'unloaded';
  private dirty = false;
  /** Per-document bm25 length normalisation, k1·(1 − b + b·len/avgdl); rebuilt after changes. */
  private norm: Float64Array | null = null;
  private instanceStmt: ReturnType<Db['prepare']> | null = null;
  /** Bumped to cancel the build in progress (each build checks it after every pause). */
  private buildGen = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: ImpactStoreOptions,
  ) {
    if (!existsSync(this.file)) this.startFreshIfEmpty();
  }

  private get file(): string {
    return join(this.opts.derivedDir, FILE_NAME);
  }

  /** True when the store is complete and may stand in for FTS5 on its terms. Loads it on first use. */
  ready(): boolean {
    if (this.state === 'unloaded') this.load();
    return this.state === 'ready';
  }

  /** True when the term is held here (only meaningful when ready()). */
  has(kind: TermKind, term: string): boolean {
    return this.members.has(kind + term);
  }

  /**
   * Document frequency of a term held here, by the look of it (pair, accented, folded word), or
   * undefined. Saves FTS5's vocabulary table a walk over a long doclist to count it.
   */
  dfOf(term: string): number | undefined {
    const kind: TermKind = term.includes('_') ? 'p' : isAscii(term) ? 'w' : 'a';
    return this.members.get(kind + term)?.df;
  }

  /** Number of stored terms. */
  size(): number {
    return this.members.size;
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
  }

  private static setValue(p: Postings, id: number, v: number, cap: number): void {
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
    const i = lowerBound(p.ids, p.n, id);
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
    if (p.n * DENSE_FACTOR > cap) {
      const d = new Uint8Array(cap);
      for (let k = 0; k < p.n; k++) if (p.vals[k]! > 0) d[p.ids[k]!] = p.vals[k]!;
      p.dense = d;
      p.ids = new Int32Array(0);
      p.vals = new Uint8Array(0);
      p.n = 0;
    }
  }

  /** Applies one document's new FTS row (null: deleted). Returns keys that may now be common. */
  private applyDoc(id: number, row: readonly string[] | null, promote: Set<string> | null): void {
    this.ensureCapacity(id);
    const cap = this.live.length;
    if (this.live[id]) {
      for (const p of this.members.values()) ImpactStore.setValue(p, id, 0, cap);
      this.docs--;
      this.totalLen -= this.lens[id]!;
      this.live[id] = 0;
      this.lens[id] = 0;
    }
    this.norm = null;
    this.dirty = true;
    if (!row) return;
    const t = docTerms(row);
    this.live[id] = 1;
    this.lens[id] = t.len;
    this.docs++;
    this.totalLen += t.len;
    const threshold = this.threshold();
    for (const [key, f] of t.f) {
      const p = this.members.get(key);
      if (p) ImpactStore.setValue(p, id, quantize(f), cap);
      else if (promote) {
        const c = (this.counters.get(key) ?? 0) + 1;
        this.counters.set(key, c);
        if (c >= threshold) promote.add(key);
      }
    }
  }

  /** Reads a term's postings back from FTS5 and adds it when it is common enough. */
  private promote(key: string): void {
    if (!this.instanceStmt) {
      this.db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_instance USING fts5vocab(main, search_fts, instance)`,
      );
      this.instanceStmt = this.db
        .prepare(`SELECT doc, col FROM temp.search_fts_instance WHERE term = ?`)
        .raw();
    }
    const kind = key[0] as TermKind;
    const term = key.slice(1);
    const f = new Map<number, number>();
    for (const [doc, col] of this.instanceStmt.iterate(term) as IterableIterator<[number, string]>) {
      const c = COLUMN_INDEX.get(col);
      if (c === undefined || KIND_OF_COLUMN[c] !== kind) continue;
      f.set(doc, (f.get(doc) ?? 0) + WEIGHT_OF_COLUMN[c]!);
    }
    if (f.size < this.threshold()) {
      this.counters.set(key, f.size);
      return;
    }
    const ids = Int32Array.from([...f.keys()].sort((a, b) => a - b));
    const vals = Uint8Array.from(ids, (id) => quantize(f.get(id)!));
    const p: Postings = { dense: null, ids: new Int32Array(0), vals: new Uint8Array(0), n: 0, df: 0 };
    const cap = this.live.length;
    if (ids.length * DENSE_FACTOR > cap) {
      p.dense = new Uint8Array(cap);
      for (let k = 0; k < ids.length; k++)
        if (ids[k]! < cap && this.live[ids[k]!]) p.dense[ids[k]!] = vals[k]!;
    } else {
      p.ids = ids;
      p.vals = vals;
      p.n = ids.length;
    }
    p.df = p.dense ? p.dense.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) : ids.length;
    this.members.set(key, p);
    this.counters.delete(key);
  }

  /** Applies the rows written by one committed transaction. */
  applyCommitted(rows: ReadonlyMap<number, string[] | null>, seq: number): void {
    if (this.state === 'unloaded') this.load();
    if (this.state !== 'ready') return; // a build in progress catches up from the journal
    const promote = new Set<string>();
    for (const [id, row] of rows) this.applyDoc(id, row, promote);
    for (const key of promote) this.promote(key);
    this.seq = seq;
  }

  private reset(): void {
    this.members.clear();
    this.counters.clear();
    this.live = new Uint8Array(0);
    this.lens = new Uint32Array(0);
    this.docs = 0;
    this.totalLen = 0;
    this.norm = null;
  }

  private load(): void {
    this.state = 'missing';
    if (existsSync(this.file)) {
      try {
        this.readFile();
        const changed = this.opts.changedSince(this.seq);
        if (changed) {
          for (const id of changed) this.applyDoc(id, this.opts.rowOf(id), new Set());
          this.seq = this.opts.checkpoint();
          this.state = 'ready';
          return;
        }
      } catch {
        // Unreadable or from another version: rebuilt below.
      }
      this.reset();
    }
  }

  /**
   * Builds the store from the whole archive (when it is missing or stale): the terms' document
   * frequencies from FTS5, then every document's row. Yields between chunks; search uses FTS5 alone
   * until it is done. Resolves false when cancelled.
   */
  async build(onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<boolean> {
    if (this.state === 'unloaded') this.load();
    if (this.state === 'ready') return true;
    const gen = ++this.buildGen;
    this.state = 'building';
    this.reset();
    const cancelled = (): boolean => gen !== this.buildGen || !!signal?.aborted;
    const tick = (): Promise<void> => new Promise<void>((r) => setImmediate(r));
    try {
      const startSeq = this.opts.checkpoint();
      const ids = this.db.prepare<[], number>(`SELECT id FROM documents ORDER BY id`).pluck().all();
      this.docs = ids.length;
      const threshold = this.threshold();
      this.docs = 0;
      // Document frequency per term (all columns together: a close enough guide to which are common).
      const page = this.db
        .prepare<[string], [string, number]>(
          `SELECT term, doc FROM search_fts_vocab WHERE term > ? ORDER BY term LIMIT 20000`,
        )
        .raw();
      const common = new Set<string>();
      let after = '';
      for (;;) {
        const rows = page.all(after);
        if (rows.length === 0) break;
        for (const [term, df] of rows) {
          const kinds: TermKind[] = term.includes('_') ? ['p'] : ['w', 'a'];
          for (const kind of kinds) {
            const key = keyOf(kind, term);
            if (!key) continue;
            if (kind === 'w' && !isAscii(term)) continue;
            if (df >= threshold) common.add(key);
            else this.counters.set(key, df);
          }
        }
        after = rows[rows.length - 1]![0];
        await tick();
        if (cancelled()) return false;
      }
      for (const key of common)
        this.members.set(key, { dense: null, ids: new Int32Array(0), vals: new Uint8Array(0), n: 0, df: 0 });
      const CHUNK = 200;
      for (let i = 0; i < ids.length; i += CHUNK) {
        for (const id of ids.slice(i, i + CHUNK)) this.applyDoc(id, this.opts.rowOf(id), null);
        onProgress?.(Math.min(ids.length, i + CHUNK), ids.length);
        await tick();
        if (cancelled()) return false;
      }
      const changed = this.opts.changedSince(startSeq) ?? [];
      for (const id of changed) this.applyDoc(id, this.opts.rowOf(id), null);
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
    return this.state === 'missing';
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
   * `inSet` are scored (the term ranks, it does not match).
   */
  accumulate(
    kind: TermKind,
    term: string,
    scores: Float64Array,
    inSet: Uint8Array,
    added: number[] | null,
  ): void {
    const p = this.members.get(kind + term);
    if (!p || p.df === 0) return;
    const norm = this.normFactors();
    let idf = Math.log((this.docs - p.df + 0.5) / (p.df + 0.5));
    if (idf <= 0) idf = 1e-6;
    const k = idf * (K1 + 1);
    const limit = Math.min(scores.length, norm.length);
    const visit = (id: number, q: number): void => {
      if (id >= limit) return;
      if (!inSet[id]) {
        if (!added) return;
        inSet[id] = 1;
        added.push(id);
      }
      const f = q / 2;
      scores[id] = scores[id]! + (k * f) / (f + norm[id]!);
    };
    if (p.dense) {
      const d = p.dense;
      const end = Math.min(d.length, limit);
      for (let id = 0; id < end; id++) {
        const q = d[id]!;
        if (q !== 0) visit(id, q);
      }
    } else {
      for (let i = 0; i < p.n; i++) {
        const q = p.vals[i]!;
        if (q !== 0) visit(p.ids[i]!, q);
      }
    }
  }

  /** Everything the store holds, as plain values (tests compare an incrementally kept store with a fresh build). */
  snapshot(): { docs: number; totalLen: number; terms: Map<string, Map<number, number>> } {
    const terms = new Map<string, Map<number, number>>();
    for (const [key, p] of this.members) {
      const m = new Map<number, number>();
      if (p.dense) p.dense.forEach((v, id) => v > 0 && m.set(id, v));
      else for (let i = 0; i < p.n; i++) if (p.vals[i]! > 0) m.set(p.ids[i]!, p.vals[i]!);
      terms.set(key, m);
    }
    return { docs: this.docs, totalLen: this.totalLen, terms };
  }

  /** Ids of the documents holding every one of the terms (none when one is not held here), ascending. */
  allOf(terms: readonly { kind: TermKind; term: string }[]): number[] {
    const lists = terms.map((t) => this.members.get(t.kind + t.term));
    if (lists.length === 0 || lists.some((p) => !p || p.df === 0)) return [];
    const seen = new Uint8Array(this.live.length);
    lists.forEach((p, round) => {
      // A document stays a candidate while it holds every term seen so far.
      const mark = (id: number): void => {
        if (seen[id] === round) seen[id] = round + 1;
      };
      if (p!.dense) {
        const d = p!.dense;
        for (let id = 0; id < d.length; id++) if (d[id] !== 0) mark(id);
      } else {
        for (let i = 0; i < p!.n; i++) if (p!.vals[i] !== 0) mark(p!.ids[i]!);
      }
    });
    const out: number[] = [];
    for (let id = 0; id < seen.length; id++) if (seen[id] === lists.length) out.push(id);
    return out;
  }

  /** Writes the store to the derived folder when it changed. */
  save(): void {
    if (this.state !== 'ready' || !this.dirty) return;
    const terms: [string, 'd' | 's', number][] = [];
    const blobs: Uint8Array[] = [];
    let offset = 0;
    const push = (b: Uint8Array): void => {
      blobs.push(b);
      offset += b.byteLength;
      const pad = (4 - (offset % 4)) % 4;
      if (pad) {
        blobs.push(new Uint8Array(pad));
        offset += pad;
      }
    };
    const cap = this.live.length;
    push(this.live);
    push(new Uint8Array(this.lens.buffer, this.lens.byteOffset, cap * 4));
    for (const [key, p] of this.members) {
      if (p.dense) {
        const d = new Uint8Array(cap);
        d.set(p.dense.subarray(0, cap));
        terms.push([key, 'd', p.df]);
        push(d);
      } else {
        // Dropped postings (value 0) are left out.
        const keep: number[] = [];
        for (let i = 0; i < p.n; i++) if (p.vals[i]! > 0) keep.push(i);
        const ids = Int32Array.from(keep, (i) => p.ids[i]!);
        const vals = Uint8Array.from(keep, (i) => p.vals[i]!);
        terms.push([key, 's', ids.length]);
        push(new Uint8Array(ids.buffer));
        push(vals);
      }
    }
    const header = Buffer.from(
      JSON.stringify({
        version: FORMAT_VERSION,
        seq: this.seq,
        capacity: cap,
        docs: this.docs,
        totalLen: this.totalLen,
        terms,
        counters: [...this.counters],
      }),
    );
    const head = Buffer.alloc(8);
    head.writeUInt32LE(MAGIC, 0);
    head.writeUInt32LE(header.length, 4);
    const pad = Buffer.alloc((4 - ((8 + header.length) % 4)) % 4);
    mkdirSync(this.opts.derivedDir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, Buffer.concat([head, header, pad, ...blobs]));
    renameSync(tmp, this.file);
    this.dirty = false;
  }

  private readFile(): void {
    const buf = readFileSync(this.file);
    if (buf.readUInt32LE(0) !== MAGIC) throw new Error('not an impact store');
    const headerLen = buf.readUInt32LE(4);
    const header = JSON.parse(buf.subarray(8, 8 + headerLen).toString('utf8')) as {
      version: number;
      seq: number;
      capacity: number;
      docs: number;
      totalLen: number;
      terms: [string, 'd' | 's', number][];
      counters: [string, number][];
    };
    if (header.version !== FORMAT_VERSION) throw new Error('other version');
    let offset = 8 + headerLen;
    offset += (4 - (offset % 4)) % 4;
    // Views into one buffer; the buffer must be 4-byte aligned for the 32-bit arrays.
    const base = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
    const ab = base.buffer;
    const at = base.byteOffset;
    const take = (bytes: number): number => {
      const o = offset;
      offset += bytes;
      offset += (4 - (offset % 4)) % 4;
      if (offset > base.length) throw new Error('truncated impact store');
      return at + o;
    };
    const cap = header.capacity;
    this.live = new Uint8Array(ab, take(cap), cap);
    this.lens = new Uint32Array(ab, take(cap * 4), cap);
    for (const [key, kind, n] of header.terms) {
      if (kind === 'd') {
        const dense = new Uint8Array(ab, take(cap), cap);
        this.members.set(key, { dense, ids: new Int32Array(0), vals: new Uint8Array(0), n: 0, df: n });
      } else {
        const ids = new Int32Array(ab, take(n * 4), n);
        const vals = new Uint8Array(ab, take(n), n);
        this.members.set(key, { dense: null, ids, vals, n, df: n });
      }
    }
    this.counters = new Map(header.counters);
    this.docs = header.docs;
    this.totalLen = header.totalLen;
    this.seq = header.seq;
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

  /** An archive without documents needs no build: the store grows with it from the first commit. */
  private startFreshIfEmpty(): void {
    if (this.opts.documentCount() !== 0) return;
    this.seq = this.opts.checkpoint();
    this.state = 'ready';
    this.dirty = true;
  }
}
