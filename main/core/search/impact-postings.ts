// A term's postings in the impact store's memory (impact-store.ts): the common terms' lists, sparse or
// dense, and the "pending" lists of terms not (yet) common, and how each is changed.

/**
 * Weighted frequencies are multiples of 0.5 (the column weights): kept doubled, as integers. A
 * posting's byte holds them up to 254; 255 means "look in the term's `big` map" (a long report
 * repeating a word: rare), so every score stays exact.
 */
export function doubled(f: number): number {
  return Math.max(1, Math.round(f * 2));
}
export const BIG = 255;

/** A sparse posting list becomes a dense array when that is smaller (5 bytes per posting vs 1 per document). */
const DENSE_FACTOR = 5;

/** Postings of a stored term: sparse (ascending ids + values) or dense (value per document id, 0 = absent). */
export interface Postings {
  dense: Uint8Array | null;
  ids: Int32Array;
  vals: Uint8Array;
  n: number;
  df: number;
  /** Doubled frequencies of BIG (255) postings, by document id. */
  big: Map<number, number> | null;
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

/** Sets a document's doubled frequency `h` (0: absent); `cap` is the store's document capacity. */
export function setValue(p: Postings, id: number, h: number, cap: number): void {
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
  if (p.n * DENSE_FACTOR > cap) toDense(p, cap);
}

function toDense(p: Postings, cap: number): void {
  const d = new Uint8Array(cap);
  for (let k = 0; k < p.n; k++) if (p.vals[k]! > 0) d[p.ids[k]!] = p.vals[k]!;
  p.dense = d;
  p.ids = new Int32Array(0);
  p.vals = new Uint8Array(0);
  p.n = 0;
}

/** Each document's exact doubled frequency (dropped postings left out); throws when sparse ids do not ascend. */
export function postingValues(p: Postings): Map<number, number> {
  const m = new Map<number, number>();
  const exact = (id: number, v: number): number => (v === BIG ? p.big!.get(id)! : v);
  if (p.dense) p.dense.forEach((v, id) => v > 0 && m.set(id, exact(id, v)));
  else {
    for (let i = 0; i < p.n; i++) {
      // Searching, intersecting and setting a value all rely on the order.
      if (i > 0 && p.ids[i]! <= p.ids[i - 1]!) throw new Error('impact postings out of order');
      if (p.vals[i]! > 0) m.set(p.ids[i]!, exact(p.ids[i]!, p.vals[i]!));
    }
  }
  return m;
}

/**
 * Postings of a term not (yet) common, ascending by id, as flat triples: document id, doubled
 * weighted frequency (exact), and the document's generation at the time — an entry whose document
 * was re-indexed since without the term is stale and is dropped when the list is promoted
 * (re-indexing a document need not visit every pending list). One array per term, not three: most
 * terms are rare and have one or two postings, so the arrays' own overhead is most of their memory.
 */
export type Pending = number[];
/** Numbers per pending posting (id, value, generation). */
export const PENDING_STRIDE = 3;

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

/** Puts a document's doubled frequency `q` at generation `gen` in a pending list, in id order. */
export function addPending(list: Pending, id: number, q: number, gen: number): void {
  if (id > list[list.length - PENDING_STRIDE]!) list.push(id, q, gen);
  else {
    const at = pendingBound(list, id) * PENDING_STRIDE;
    if (list[at] === id) {
      list[at + 1] = q;
      list[at + 2] = gen;
    } else list.splice(at, 0, id, q, gen);
  }
}

/** The entries of a pending list whose document is live at the generation they were written in. */
export function livePending(list: Pending, live: Uint8Array, gens: Uint32Array): Pending {
  const kept: Pending = [];
  for (let i = 0; i < list.length; i += PENDING_STRIDE) {
    const id = list[i]!;
    const gen = list[i + 2]!;
    if (live[id] && gen === gens[id]) kept.push(id, list[i + 1]!, gen);
  }
  return kept;
}

/** A pending list (stale entries dropped: livePending) as a common term's postings. */
export function postingsOfPending(list: Pending, cap: number): Postings {
  const ids: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < list.length; i += PENDING_STRIDE) {
    ids.push(list[i]!);
    vals.push(list[i + 1]!);
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
  if (p.n * DENSE_FACTOR > cap) toDense(p, cap);
  return p;
}

/** A stored term's postings with no document yet (this session's changes start so). */
export function emptyPostings(): Postings {
  return { dense: null, ids: new Int32Array(0), vals: new Uint8Array(0), n: 0, df: 0, big: null };
}

/** Bytes a term's postings take in memory (their arrays). */
export function postingsBytes(p: Postings): number {
  return (p.dense?.byteLength ?? 0) + p.ids.byteLength + p.vals.byteLength;
}

/** Calls `fn` for each posting with a value, ascending by id. */
function eachPosting(p: Postings, fn: (id: number, v: number) => void): void {
  if (p.dense) {
    const d = p.dense;
    for (let id = 0; id < d.length; id++) if (d[id]! > 0) fn(id, d[id]!);
  } else for (let i = 0; i < p.n; i++) if (p.vals[i]! > 0) fn(p.ids[i]!, p.vals[i]!);
}

/**
 * A stored term's postings as they are now: those of the file (`base`) but for the documents
 * changed since it was written (`stale`), and this session's (`delta`, which holds only changed or
 * new documents, so the two never name the same id). `cap` is the store's document capacity.
 * Typed arrays only: a save runs this over every term.
 */
export function mergedPostings(
  base: Postings,
  delta: Postings | undefined,
  stale: ((id: number) => boolean) | null,
  cap: number,
): Postings {
  const keep = stale ? (id: number): boolean => !stale(id) : (): boolean => true;
  let nBase = 0;
  eachPosting(base, (id) => keep(id) && nBase++);
  let nDelta = 0;
  if (delta) eachPosting(delta, () => nDelta++);
  const n = nBase + nDelta;
  const p = emptyPostings();
  p.df = n;
  const bigOf = (from: Postings, id: number, v: number): void => {
    if (v === BIG) (p.big ??= new Map()).set(id, from.big!.get(id)!);
  };
  if (n * DENSE_FACTOR > cap) {
    const d = new Uint8Array(cap);
    const put = (from: Postings) => (id: number, v: number) => {
      d[id] = v;
      bigOf(from, id, v);
    };
    const putBase = put(base);
    eachPosting(base, (id, v) => keep(id) && putBase(id, v));
    if (delta) eachPosting(delta, put(delta));
    p.dense = d;
    return p;
  }
  // Both runs ascending: the file's kept entries, then the delta's merged in.
  const ids = new Int32Array(n);
  const vals = new Uint8Array(n);
  let j = 0;
  eachPosting(base, (id, v) => {
    if (!keep(id)) return;
    ids[j] = id;
    vals[j++] = v;
    bigOf(base, id, v);
  });
  if (delta && nDelta > 0) {
    // Merge from the back, in place: the delta's entries go after or between the file's.
    const dIds = new Int32Array(nDelta);
    const dVals = new Uint8Array(nDelta);
    let k = 0;
    eachPosting(delta, (id, v) => {
      dIds[k] = id;
      dVals[k++] = v;
      bigOf(delta, id, v);
    });
    let a = nBase - 1;
    let b = nDelta - 1;
    for (let out = n - 1; b >= 0; out--) {
      if (a >= 0 && ids[a]! > dIds[b]!) {
        ids[out] = ids[a]!;
        vals[out] = vals[a--]!;
      } else {
        ids[out] = dIds[b]!;
        vals[out] = dVals[b--]!;
      }
    }
  }
  p.ids = ids;
  p.vals = vals;
  p.n = n;
  return p;
}
