// What one document's FTS row gives the impact store (impact-store.ts): its length as FTS5 counts it
// (tokens in all columns) and, for each kind of term (folded syllable, syllable pair, accent-kept
// syllable), the weighted frequency of every token the store may hold (the columns' bm25 weights
// summed), so a term scores the same in the store as in FTS5.

import { COLUMN_KIND, FTS_COLUMNS, FTS_WEIGHTS, type TermKind } from './fts-query.js';

export const KINDS: readonly TermKind[] = ['w', 'p', 'a'];
export const KIND_INDEX: Record<TermKind, number> = { w: 0, p: 1, a: 2 };
const KIND_OF_COLUMN: number[] = FTS_COLUMNS.map((c) => KIND_INDEX[COLUMN_KIND[c]]);
const WEIGHT_OF_COLUMN: number[] = FTS_COLUMNS.map((c) => FTS_WEIGHTS[c]);

/** One map per kind of term, in KINDS order. */
export type KindMaps<T> = [Map<string, T>, Map<string, T>, Map<string, T>];

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The kind a term is held under, by its look: a pair, a folded word or an accented syllable. */
export function kindOfTerm(term: string): TermKind {
  return term.includes('_') ? 'p' : isAscii(term) ? 'w' : 'a';
}

/** A table past this many terms is emptied before the next document: its memory stays bounded. */
const MAX_TERMS = 1 << 18;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * The terms of one kind seen in recent documents, each held once as a string with a numeric id, and
 * the current document's weighted frequency per id. A row's terms are found by hashing its code
 * units in place: a term already seen costs no string, no slice and no map entry per occurrence
 * (re-splitting every row into strings and counting them in fresh maps was a quarter of import time).
 */
export class KindTerms {
  private slots = new Int32Array(1 << 12); // id + 1, 0 = empty (open addressing, linear probing)
  private hashes = new Int32Array(1 << 11);
  private starts = new Int32Array(1 << 11);
  private ends = new Int32Array(1 << 11);
  private pool = new Uint16Array(1 << 15);
  private poolLen = 0;
  private size = 0;
  /** The term of each id. */
  readonly strs: string[] = [];
  /** Weighted frequency in the current document, valid for the ids in `ids`. */
  freq = new Float64Array(1 << 11);
  private mark = new Int32Array(1 << 11);
  private doc = 0;
  /** Ids of the current document's (storable) terms, in order of first occurrence; `n` of them. */
  ids = new Int32Array(1 << 10);
  n = 0;

  /** Starts a document (the previous one's counts are let go). */
  begin(): void {
    this.n = 0;
    this.doc++;
    if (this.size > MAX_TERMS || this.doc === 0x7fffffff) this.clear();
  }

  private clear(): void {
    this.slots.fill(0);
    this.mark.fill(0);
    this.size = 0;
    this.poolLen = 0;
    this.strs.length = 0;
    this.doc = 1;
  }

  /** Adds `w` to the term text[from, to), whose FNV-1a hash is `h`. */
  add(text: string, from: number, to: number, h: number, w: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = h & mask;
    let s: number;
    while ((s = slots[i]!) !== 0) {
      const id = s - 1;
      if (this.hashes[id] === h && this.same(id, text, from, to)) {
        this.count(id, w);
        return;
      }
      i = (i + 1) & mask;
    }
    const id = this.insert(text, from, to, h);
    slots[i] = id + 1;
    if (this.size * 2 > slots.length) this.rehash();
    this.count(id, w);
  }

  private count(id: number, w: number): void {
    if (this.mark[id] === this.doc) {
      this.freq[id]! += w;
      return;
    }
    this.mark[id] = this.doc;
    this.freq[id] = w;
    if (this.n === this.ids.length) this.ids = grownInt32(this.ids, this.n * 2);
    this.ids[this.n++] = id;
  }

  private same(id: number, text: string, from: number, to: number): boolean {
    const start = this.starts[id]!;
    if (this.ends[id]! - start !== to - from) return false;
    const pool = this.pool;
    for (let k = 0; k < to - from; k++) if (pool[start + k] !== text.charCodeAt(from + k)) return false;
    return true;
  }

  private insert(text: string, from: number, to: number, h: number): number {
    const id = this.size++;
    if (id === this.hashes.length) {
      const cap = id * 2;
      this.hashes = grownInt32(this.hashes, cap);
      this.starts = grownInt32(this.starts, cap);
      this.ends = grownInt32(this.ends, cap);
      this.mark = grownInt32(this.mark, cap);
      const freq = new Float64Array(cap);
      freq.set(this.freq);
      this.freq = freq;
    }
    if (this.poolLen + (to - from) > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolLen + to - from));
      pool.set(this.pool.subarray(0, this.poolLen));
      this.pool = pool;
    }
    const start = this.poolLen;
    for (let k = from; k < to; k++) this.pool[this.poolLen++] = text.charCodeAt(k);
    this.hashes[id] = h;
    this.starts[id] = start;
    this.ends[id] = this.poolLen;
    this.mark[id] = 0;
    // A string of its own (a slice could keep the whole row alive).
    this.strs[id] = String.fromCharCode.apply(null, Array.from(this.pool.subarray(start, this.poolLen)));
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let i = this.hashes[id]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
  }
}

function grownInt32(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a.subarray(0, Math.min(a.length, cap)));
  return b;
}

export interface DocTerms {
  /** Tokens in all columns, as FTS5 counts them. */
  len: number;
  /** Per kind (w, p, a): the document's terms the store may hold and their weighted frequencies. */
  kinds: readonly [KindTerms, KindTerms, KindTerms];
}

const TABLES: DocTerms['kinds'] = [new KindTerms(), new KindTerms(), new KindTerms()];
const SPACE = 0x20;

/** A document-number identity/citation token ("n_…"): always rare, never stored. */
function isNumberToken(text: string, from: number, to: number): boolean {
  return to - from > 1 && text.charCodeAt(from) === 0x6e && text.charCodeAt(from + 1) === 0x5f;
}

/**
 * Document length (tokens in all columns, as FTS5 counts) and weighted frequency per storable term.
 * The result is shared: valid until the next call (the store applies it at once).
 */
export function docTerms(row: readonly string[]): DocTerms {
  for (const t of TABLES) t.begin();
  let len = 0;
  for (let c = 0; c < row.length; c++) {
    const text = row[c]!;
    if (!text) continue;
    const kind = KIND_OF_COLUMN[c]!;
    const accentKept = kind === KIND_INDEX.a;
    const w = WEIGHT_OF_COLUMN[c]!;
    const table = TABLES[kind]!;
    const end = text.length;
    let i = 0;
    while (i < end) {
      if (text.charCodeAt(i) === SPACE) {
        i++;
        continue;
      }
      const from = i;
      let h = FNV_OFFSET;
      if (accentKept) {
        // Unaccented syllables here are never stored: found without hashing them.
        let ascii = true;
        for (; i < end; i++) {
          const u = text.charCodeAt(i);
          if (u === SPACE) break;
          if (u > 0x7f) ascii = false;
        }
        len++;
        if (ascii) continue;
        for (let k = from; k < i; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
        if (isNumberToken(text, from, i)) continue;
      } else {
        for (; i < end; i++) {
          const u = text.charCodeAt(i);
          if (u === SPACE) break;
          h = Math.imul(h ^ u, FNV_PRIME);
        }
        len++;
        if (isNumberToken(text, from, i)) continue;
      }
      table.add(text, from, i, h, w);
    }
  }
  return { len, kinds: TABLES };
}
