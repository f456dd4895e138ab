// A query's match plan run against the indexes: which documents match, scored by bm25 of the FTS5
// terms plus that of the terms held in memory, and which of them hold every word typed (the honest
// count: the rest only partly match).

import type { MatchPlan } from './fts-query.js';
import type { ImpactStore } from './impact-store.js';
import type { ParsedQuery } from './query-parser.js';

/** FTS5 over the search index (an expression that does not parse is the caller's INVALID_INPUT). */
export interface FtsMatch {
  /** Rowids with their bm25 (lower is better). */
  scored(expr: string): [number, number][];
  /** Which documents match, without bm25: half the time of `scored` on a common phrase. */
  ids(expr: string): number[];
}

/** The documents found so far with their scores, by document id (ids below `cap`). */
export class Candidates {
  readonly score: Float64Array;
  /** 1 while a document is a candidate (set back to 0 when a word it holds is excluded). */
  readonly inSet: Uint8Array;
  /** Candidates in the order found (test inSet: an excluded one keeps its place here). */
  readonly found: number[] = [];

  constructor(readonly cap: number) {
    this.score = new Float64Array(cap);
    this.inSet = new Uint8Array(cap);
  }

  add(id: number, s: number): void {
    if (id >= this.cap) return;
    if (!this.inSet[id]) {
      this.inSet[id] = 1;
      this.found.push(id);
    }
    this.score[id] = this.score[id]! + s;
  }
}

/** A flag per document id (asked of every candidate: cheaper than a Set). */
export function flagsOf(ids: Iterable<number>, cap: number): Uint8Array {
  const f = new Uint8Array(cap);
  for (const id of ids) if (id < cap) f[id] = 1;
  return f;
}

/**
 * Scores every matching document into `c`. Returns whether the query asks for words at all: a
 * query with words matches only documents holding them (none when no word is in the index).
 */
export function scorePlan(
  parsed: ParsedQuery,
  plan: MatchPlan,
  c: Candidates,
  fts: FtsMatch,
  impacts: ImpactStore,
): boolean {
  const { cap, score, inSet, found } = c;
  let textQuery =
    parsed.segments.some((s) => /[\p{L}\p{N}]/u.test(s)) ||
    parsed.phrases.length + parsed.nears.length + parsed.prefixes.length + parsed.numbers.length > 0;
  const required = plan.memory.required.flat();
  if (required.length > 0) {
    // Phrases held in memory decide the match (with FTS5's own required phrases, if any).
    textQuery = true;
    const holders = impacts.allOf(required);
    if (plan.expr) {
      const bm25 = new Map(fts.scored(plan.expr));
      for (const id of holders) {
        const bm = bm25.get(id);
        if (bm !== undefined) c.add(id, -bm);
      }
    } else for (const id of holders) c.add(id, 0);
    for (const t of required) impacts.accumulate(t.kind, t.term, score, inSet, null, found);
    if (plan.scoreExpr) {
      for (const [id, bm] of fts.scored(plan.scoreExpr))
        if (id < cap && inSet[id]) score[id] = score[id]! - bm;
    }
  } else if (plan.expr) {
    textQuery = true;
    for (const [id, bm] of fts.scored(plan.expr)) c.add(id, -bm);
  }
  if (plan.memory.match.length > 0) {
    textQuery = true;
    for (const t of plan.memory.match) impacts.accumulate(t.kind, t.term, score, inSet, found);
  }
  if (plan.exclude && (required.length > 0 || plan.memory.match.length > 0)) {
    // FTS5's expression excludes by itself; documents found in memory are checked here.
    for (const id of fts.ids(plan.exclude)) if (id < cap) inSet[id] = 0;
  }
  if (found.length > 0) {
    // Exact-accent terms and terms too common to match on raise documents already found; they
    // never add one (recall comes from the folded terms, so "Quyet Đinh" finds what "quyet dinh" finds).
    if (plan.boost) {
      for (const [id, bm] of fts.scored(plan.boost)) if (id < cap && inSet[id]) score[id] = score[id]! - bm;
    }
    for (const t of [...plan.memory.score, ...plan.memory.boost])
      impacts.accumulate(t.kind, t.term, score, inSet, null, found);
  }
  return textQuery;
}

/**
 * Honest counts: a result holds every word typed, or bears or cites the number the query names
 * (`named`). Documents holding only some words follow the results, listed apart and never counted;
 * a long question ranks by any word and only counts how many hold them all. Returns the flags of
 * the strong matches (null: no such test, every candidate counts), adding to `c` the documents that
 * hold every word without a selective one.
 */
export function strongMatches(
  plan: MatchPlan,
  named: ReadonlySet<number>,
  textQuery: boolean,
  c: Candidates,
  fts: FtsMatch,
  impacts: ImpactStore,
): Uint8Array | null {
  const { cap, inSet } = c;
  if (named.size > 0) return flagsOf(named, cap);
  if (!textQuery || (!plan.allWords && plan.allWordsMemory.length === 0 && plan.allWordsAny.length === 0))
    return null;
  // The rarer words through FTS5, the common ones on the store's postings (see allWordsMemory);
  // then one pair of each longer stretch (allWordsAny).
  let held = plan.allWordsMemory.length > 0 ? impacts.allOf(plan.allWordsMemory) : null;
  for (const group of plan.allWordsAny) {
    // One of the group's pairs: the union of their holders, within what is held so far.
    const any = new Uint8Array(cap);
    const out: number[] = [];
    for (const t of group.memory) impacts.markHolders(t.kind, t.term, any);
    if (group.fts) for (const id of fts.ids(group.fts)) if (id < cap) any[id] = 1;
    if (held) {
      for (const id of held) if (id < cap && any[id]) out.push(id);
    } else for (let id = 0; id < cap; id++) if (any[id]) out.push(id);
    held = out;
  }
  let strong: Uint8Array;
  let ids: number[];
  if (plan.allWords) {
    const expr = plan.exclude ? `(${plan.allWords}) NOT (${plan.exclude})` : plan.allWords;
    ids = fts.ids(expr);
    if (held) {
      const has = flagsOf(held, cap);
      ids = ids.filter((id) => id < cap && has[id]);
    }
    strong = flagsOf(ids, cap);
  } else {
    strong = flagsOf(held!, cap);
    if (plan.exclude) {
      for (const id of fts.ids(plan.exclude)) if (id < cap) strong[id] = 0;
      ids = held!.filter((id) => id < cap && strong[id]);
    } else ids = held!; // (ids past cap are skipped below)
  }
  // Matching reads only selective terms in a large archive: a document holding every word
  // without any of them is a result all the same (ranked by what it holds).
  for (const id of ids) if (id < cap && !inSet[id]) c.add(id, 0);
  return strong;
}
