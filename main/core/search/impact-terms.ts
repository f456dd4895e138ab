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

/** Whether the store may hold a token of a column of this kind. */
function storable(kind: number, token: string): boolean {
  if (token.startsWith('n_')) return false; // document-number identity/citation token: always rare
  // Accent-kept columns hold every syllable; only accented ones are ever queried there.
  return kind !== KIND_INDEX.a || !isAscii(token);
}

/** A term's weighted frequency in one document, boxed: a repeated token costs one map look-up, not two. */
export interface TermFreq {
  f: number;
}
/** Marks a token never stored (its frequency is not kept). */
export const NEVER_STORED: Readonly<TermFreq> = Object.freeze({ f: -1 });

export interface DocTerms {
  len: number;
  /** Weighted frequency per token, one map per kind (w, p, a); NEVER_STORED marks a token never stored. */
  f: [Map<string, TermFreq>, Map<string, TermFreq>, Map<string, TermFreq>];
}

/** Document length (tokens in all columns, as FTS5 counts) and weighted frequency per term. */
export function docTerms(row: readonly string[]): DocTerms {
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
        if (prev === undefined) m.set(tok, storable(kind, tok) ? { f: w } : NEVER_STORED);
        else if (prev !== NEVER_STORED) prev.f += w;
      }
      from = to + 1;
    }
  }
  return { len, f };
}
