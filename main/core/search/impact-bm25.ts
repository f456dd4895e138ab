// FTS5's bm25 over the impact store's postings (impact-store.ts), exactly as FTS5 computes it (k1,
// b, document length = tokens in all columns), so the store's and FTS5's parts of a score add up;
// and the documents holding every one of a set of terms.

import { BIG, type Postings } from './impact-postings.js';

// FTS5's bm25 constants.
const K1 = 1.2;
const B = 0.75;

/** Per-document bm25 length normalisation, k1·(1 − b + b·len/avgdl), for ids below `cap`. */
export function lengthNorms(lens: Uint32Array, cap: number, docs: number, totalLen: number): Float64Array {
  const avgdl = docs > 0 ? totalLen / docs : 1;
  const n = new Float64Array(cap);
  for (let id = 0; id < n.length; id++) n[id] = K1 * (1 - B + (B * lens[id]!) / avgdl);
  return n;
}

/**
 * Adds one term's bm25 contribution (its postings `p`, in a store of `docs` documents) to `scores`.
 * With `added`, every document holding the term joins the result (`inSet` marked, id pushed to
 * `added`); without, only documents already in `inSet` are scored (the term ranks, it does not
 * match); `within`, when given, lists every document `inSet` may mark (any order), so a dense term
 * much more common than the result is read at those ids only: a long question ranks by some forty
 * common terms.
 */
export function addBm25(
  p: Postings,
  docs: number,
  norm: Float64Array,
  scores: Float64Array,
  inSet: Uint8Array,
  added: number[] | null,
  within?: readonly number[],
): void {
  let idf = Math.log((docs - p.df + 0.5) / (p.df + 0.5));
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

/** Ids below `cap` of the documents in all the posting lists (sorted in place, rarest first), ascending. */
export function holdersOfAll(lists: Postings[], cap: number): number[] {
  // Rarest first: the holders of the rarest term are the candidates, and each further term keeps
  // those it holds (read at the candidates' ids when dense, merged when sparse), so a question
  // of twenty common words costs about one pass over the rarest one's documents.
  const sorted = lists.sort((a, b) => a.df - b.df);
  const first = sorted[0]!;
  let out: number[] = [];
  if (first.dense) {
    const d = first.dense;
    for (let id = 0, end = Math.min(d.length, cap); id < end; id++) if (d[id] !== 0) out.push(id);
  } else {
    for (let i = 0; i < first.n; i++) if (first.vals[i] !== 0 && first.ids[i]! < cap) out.push(first.ids[i]!);
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

/** Sets `flags[id]` to 1 for every id below `cap` the postings hold (a nonzero value). */
export function markHolders(p: Postings, cap: number, flags: Uint8Array): void {
  if (p.dense) {
    const d = p.dense;
    for (let id = 0, end = Math.min(d.length, cap); id < end; id++) if (d[id] !== 0) flags[id] = 1;
  } else {
    for (let i = 0; i < p.n; i++) if (p.vals[i] !== 0 && p.ids[i]! < cap) flags[p.ids[i]!] = 1;
  }
}
