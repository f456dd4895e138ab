// Builds the FTS5 MATCH expression for a parsed query. Matching is OR-style over folded syllables,
// syllable pairs and accent-kept syllables; which of them are matched on depends on how selective
// they are (document frequency from search_fts_vocab): very common syllables ("quyết", "của") cost a
// scan of almost every document and add almost nothing to bm25, so they are used only when they are
// all the query has, or when no syllable pair covers them.

import { FUNCTION_WORDS, queryStretches, queryWords } from '../../contract/highlight-rule.js';
import type { ParsedQuery } from './query-parser.js';
import { hasDiacritics, numberToken, pairTerm, tokenize } from './search-terms.js';

/** Column order of search_fts (migration 002). */
export const FTS_COLUMNS = [
  'number',
  'title_f',
  'title_b',
  'title_a',
  'tags',
  'issuer',
  'signer',
  'doctype',
  'body_f',
  'body_b',
  'body_a',
] as const;

/** bm25 weights per column, same order: identity fields outweigh the body. */
export const FTS_WEIGHTS: Record<(typeof FTS_COLUMNS)[number], number> = {
  number: 10,
  title_f: 4,
  title_b: 6,
  title_a: 2,
  tags: 4,
  issuer: 3,
  signer: 3,
  doctype: 2,
  body_f: 1,
  body_b: 1.5,
  body_a: 0.5,
};

/** Which kind of term a column holds: folded syllables (w), syllable pairs (p), accent-kept syllables (a). */
export type TermKind = 'w' | 'p' | 'a';
export const COLUMN_KIND: Record<(typeof FTS_COLUMNS)[number], TermKind> = {
  number: 'w',
  title_f: 'w',
  title_b: 'p',
  title_a: 'a',
  tags: 'w',
  issuer: 'w',
  signer: 'w',
  doctype: 'w',
  body_f: 'w',
  body_b: 'p',
  body_a: 'a',
};

/** FTS5 column filter of the columns holding one kind of term. */
function columnsOf(kind: TermKind): string {
  return `{${FTS_COLUMNS.filter((c) => COLUMN_KIND[c] === kind).join(' ')}}`;
}
const FOLD_COLS = columnsOf('w');
const PAIR_COLS = columnsOf('p');
const ACC_COLS = columnsOf('a');
const PHRASE_COLS = '{title_f tags issuer signer doctype body_f}';

/** Query words that carry no meaning for retrieval on their own (folded); used only inside pairs. */
export const STOP_WORDS = new Set(
  (
    'va la cua co duoc cho cac nhung mot trong theo voi khi thi de do nay nao gi hay hoac ' +
    'tai tu den ve nhu ma neu boi vi sau truoc khong phai da se dang bi rang thuoc tren duoi ' +
    'sai dung ai bao nhieu'
  ).split(' '),
);

/** Function words a result need not hold (folded): the ones the highlighting never marks alone. */
const UNREQUIRED_WORDS = FUNCTION_WORDS;

const MAX_TERMS = 40;
/** Postings budget: at least this many, or this share of the documents. */
const POSTINGS_MIN = 2000;
const POSTINGS_SHARE = 0.3;
/**
 * Below this many documents every term is matched on (full OR): leaving common terms out saves
 * nothing there, and in a small archive almost every word of a query is "common" (found in more than
 * a fifth of a dozen documents), which would drop documents holding every typed word.
 */
export const SELECTIVE_MIN_DOCS = 2000;

export interface MatchPlan {
  /** FTS5 MATCH expression, or null when the query has no text to match. */
  expr: string | null;
  /**
   * Exact-accent terms: their bm25 is added to documents `expr` matched, never adding documents
   * (recall comes from the folded terms only, so "Quyet Đinh" finds what "quyet dinh" finds).
   */
  boost: string | null;
  /**
   * Abbreviation expansions the query matched on (folded, "uy ban nhan dan" for "ubnd"): marked as
   * phrases besides the query's own words (main/contract/highlight-rule.ts).
   */
  highlightPhrases: string[];
  /** Folded words that were searched for. */
  terms: string[];
  /** Terms scored in memory (ImpactStore) instead of by FTS5; empty when no store is given. */
  memory: {
    /**
     * Quoted phrases every syllable pair of which is common: a document must hold every pair of
     * every group (a two-word phrase is exactly its pair; longer ones are matched on their pairs
     * without checking that the pairs follow each other — FTS5 would read every position of
     * thousands of documents to check it).
     */
    required: MemoryTerm[][];
    /** Documents holding them are matched and scored. */
    match: MemoryTerm[];
    /** They add to the score of documents matched otherwise (too common to match on). */
    score: MemoryTerm[];
    /** Exact-accent terms: like `score`. */
    boost: MemoryTerm[];
  };
  /** FTS5 expression of the excluded words (-word), or null; `expr` already excludes them. */
  exclude: string | null;
  /** FTS5 expression that only adds bm25 to documents matched otherwise (words beside phrases held in memory). */
  scoreExpr: string | null;
  /**
   * FTS5 expression a document matches when it holds every word typed (stop words aside; a word or
   * its abbreviation's expansion): the documents that count as results. Null without words.
   */
  allWords: string | null;
  /**
   * Words of that test held by the in-memory store (a word without expansions): checked on their
   * postings there, not by FTS5, which would read every position list of a common word's thousands
   * of documents just to intersect them. A result holds these and matches `allWords` when not null.
   */
  allWordsMemory: MemoryTerm[];
  /**
   * Groups of pairs a result holds one of besides (a stretch of four syllables or more: the pairs
   * its snippet can mark): those the in-memory store holds read on its postings, the others by FTS5.
   */
  allWordsAny: { memory: MemoryTerm[]; fts: string | null }[];
  /** A long question (more than 6 words): ranked by any word, all-word matches only counted. */
  long: boolean;
}

export interface MemoryTerm {
  kind: TermKind;
  term: string;
}

function q(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

interface Candidate {
  expr: string;
  df: number;
  kind: 'pair' | 'word' | 'acc';
  /** Folded words it covers (for dropping words covered by a pair). */
  words: string[];
  /** Held by the in-memory store: costs no FTS5 read. */
  stored: boolean;
}

const KIND_LETTER: Record<Candidate['kind'], TermKind> = { word: 'w', pair: 'p', acc: 'a' };

export interface MatchContext {
  /** Number of rows containing a term (any column). */
  df(term: string): number;
  /** Number of indexed documents. */
  total: number;
  /** Expansions of a word or phrase as typed (abbreviation ↔ full form), folded. */
  expand(typed: string): string[];
  /** True when the in-memory store holds the term (scored there, not by FTS5). */
  stored?(kind: TermKind, term: string): boolean;
}

/** A phrase FTS5 would check only by walking thousands of position lists: above this many documents for its rarest pair. */
const PHRASE_SCAN_MAX = 2000;

/**
 * The in-memory match of a quoted phrase (its syllable pairs, or its word), when every part is
 * held in memory and FTS5 would have to check positions across many documents; else null.
 */
function memoryPhrase(words: string[], ctx: MatchContext): MemoryTerm[] | null {
  if (!ctx.stored) return null;
  if (words.length === 1) {
    return ctx.stored('w', words[0]!) && ctx.df(words[0]!) > PHRASE_SCAN_MAX
      ? [{ kind: 'w', term: words[0]! }]
      : null;
  }
  const pairs = words.slice(1).map((w, i) => pairTerm(words[i]!, w));
  if (!pairs.every((p) => ctx.stored!('p', p))) return null;
  // A two-word phrase is its pair: always exact in memory. Longer ones only when FTS5 would be slow.
  if (pairs.length > 1 && Math.min(...pairs.map((p) => ctx.df(p))) <= PHRASE_SCAN_MAX) return null;
  return pairs.map((term) => ({ kind: 'p' as const, term }));
}

/** Phrase expression over the folded columns ("uy ban nhan dan"). */
function phraseExpr(words: string[]): string {
  if (words.length === 1) return `${PHRASE_COLS} : ${q(words[0]!)}`;
  // A phrase of syllables is the phrase of its consecutive pairs: pair doclists are far shorter than
  // those of common syllables ("tra", "đốc"), so FTS5 reads much less to check it.
  const pairs = words.slice(1).map((w, i) => pairTerm(words[i]!, w));
  return `${PAIR_COLS} : ${q(pairs.join(' '))}`;
}

/** True when the query's tokens hold `a` then `b` as a pair (side by side, no punctuation between). */
function adjacent(tokens: readonly { f: string; breakBefore: boolean }[], a: string, b: string): boolean {
  return tokens.some((t, i) => i > 0 && !t.breakBefore && tokens[i - 1]!.f === a && t.f === b);
}

export function buildMatch(parsed: ParsedQuery, ctx: MatchContext): MatchPlan {
  const highlightPhrases = new Set<string>();
  const terms = new Set<string>();
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Omit<Candidate, 'stored'>): void => {
    if (seen.has(c.expr)) return;
    seen.add(c.expr);
    candidates.push({ ...c, stored: ctx.stored?.(KIND_LETTER[c.kind], c.expr) ?? false });
  };
  let tokenCount = 0;
  const accented = parsed.segments.some((s) => hasDiacritics(s));
  const expansionPhrases: string[][] = [];
  /** What a result must hold: a word (or its expansion) anywhere, or a pair ('p') as a pair. */
  const wordGroups: { word: string; kind: 'w' | 'p'; alts: string[] }[] = [];
  /** Pairs a result must hold one of (see allWordsAny). */
  const anyGroups: string[][] = [];

  for (const seg of parsed.segments) {
    const { text: segText, tokens } = tokenize(seg);
    tokenCount += tokens.length;
    const expandable = new Set<string>();
    const singles: { word: string; kind: 'w'; alts: string[] }[] = [];
    for (const t of tokens) {
      const alts = [`${FOLD_COLS} : ${q(t.f)}`];
      for (const exp of ctx.expand(segText.slice(t.start, t.end))) {
        const w = exp.split(' ').filter(Boolean);
        if (w.length > 0) alts.push(phraseExpr(w));
      }
      if (alts.length > 1) expandable.add(t.f);
      singles.push({ word: t.f, kind: 'w', alts });
    }
    // A word of several syllables, as the marking cuts the query ("bộ | tài chính"), is held as a
    // quoted phrase of it is: by its pairs (title with its type, text), not by its syllables anywhere
    // ("tại … hành chính" holds no "tài chính"). Then what counts a result is what its snippet marks.
    // A syllable with an abbreviation ("ubnd tinh") stays a word of its own: its expansion is no pair.
    const paired = new Set<string>();
    for (const w of queryWords(segText)) {
      if (w.length < 2 || w.some((x) => expandable.has(x))) continue;
      for (let k = 1; k < w.length; k++) {
        if (!adjacent(tokens, w[k - 1]!, w[k]!)) continue;
        const pair = pairTerm(w[k - 1]!, w[k]!);
        wordGroups.push({ word: pair, kind: 'p', alts: [`${PAIR_COLS} : ${q(pair)}`] });
        paired.add(w[k - 1]!).add(w[k]!);
      }
    }
    // A pair held implies its syllables held: they need no test of their own.
    wordGroups.push(...singles.filter((g) => !paired.has(g.word)));
    // A longer stretch is held by its syllables and one of its pairs (where its words part is not
    // known; the marking marks its pairs only).
    for (const w of queryStretches(segText)) {
      if (w.some((x) => expandable.has(x))) continue;
      const pairs: string[] = [];
      for (let k = 1; k < w.length; k++) {
        if (adjacent(tokens, w[k - 1]!, w[k]!)) pairs.push(pairTerm(w[k - 1]!, w[k]!));
      }
      if (pairs.length > 0) anyGroups.push([...new Set(pairs)]);
    }
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      terms.add(t.f);
      add({ expr: t.f, df: ctx.df(t.f), kind: 'word', words: [t.f] });
      if (accented && hasDiacritics(t.a)) add({ expr: t.a, df: ctx.df(t.a), kind: 'acc', words: [t.f] });
      if (k > 0 && !t.breakBefore) {
        const p = pairTerm(tokens[k - 1]!.f, t.f);
        add({ expr: p, df: ctx.df(p), kind: 'pair', words: [tokens[k - 1]!.f, t.f] });
      }
    }
    // Abbreviation expansion, both ways: single words, and runs of 2–5 syllables.
    for (let len = 1; len <= 5; len++) {
      for (let k = 0; k + len <= tokens.length; k++) {
        const run = tokens.slice(k, k + len);
        if (run.slice(1).some((t) => t.breakBefore)) continue;
        const typed = segText.slice(run[0]!.start, run[len - 1]!.end);
        for (const exp of ctx.expand(typed)) {
          const expWords = exp.split(' ').filter(Boolean);
          if (expWords.length > 0) expansionPhrases.push(expWords);
        }
      }
    }
  }

  const total = Math.max(1, ctx.total);
  const long = tokenCount > 6;
  const small = ctx.total < SELECTIVE_MIN_DOCS;
  // Terms found in more than this share of documents are too common to match on (large archives).
  const commonShare = small ? Infinity : long ? 0.2 : 0.3;
  const present = candidates.filter((c) => c.df > 0);
  const pairs = present.filter((c) => c.kind === 'pair');
  // Match on selective terms only: a very common syllable or pair would make FTS5 read and score
  // almost every document while adding almost nothing to bm25.
  let chosen = present.filter((c) => {
    if (c.kind === 'word' && STOP_WORDS.has(c.expr) && tokenCount > 1) return false;
    return c.df <= commonShare * total;
  });
  if (!chosen.some((c) => c.kind !== 'acc') && present.some((c) => c.kind !== 'acc')) {
    // Every folded term is common: match on the least common pair (or word) so the query still
    // ranks. A rare accent-kept term never stands in for it: it only refines the ranking.
    const pool = pairs.length > 0 ? pairs : present.filter((c) => c.kind === 'word');
    chosen = [...[...pool].sort((a, b) => a.df - b.df).slice(0, 1), ...chosen];
  }
  // Budget on the postings read: the rarest terms carry the most weight, and every extra common term
  // costs a scan of its documents. Always keep the few rarest.
  const budget = small ? Infinity : Math.max(POSTINGS_MIN, POSTINGS_SHARE * total);
  // Folded pairs and words first (recall), rarest first; accent-kept terms only refine the ranking.
  const rankOf = (c: Candidate): number => (c.kind === 'acc' ? 1 : 0);
  chosen = [...chosen].sort((a, b) => rankOf(a) - rankOf(b) || a.df - b.df);
  // Stored terms cost no FTS5 read: they are never cut by the budget.
  let sum = 0;
  let keep = 0;
  let stopped = false;
  chosen = chosen.filter((c) => {
    if (c.stored) return true;
    if (stopped || keep >= MAX_TERMS || ((keep >= 3 || c.kind === 'acc') && sum + c.df > budget)) {
      stopped = true;
      return false;
    }
    sum += c.df;
    keep++;
    return true;
  });
  const mem = (c: Candidate): MemoryTerm => ({ kind: KIND_LETTER[c.kind], term: c.expr });
  const memory: MatchPlan['memory'] = {
    required: [],
    match: chosen.filter((c) => c.stored && c.kind !== 'acc').map(mem),
    // Common terms left out of matching still rank the documents found (bm25 over every word, as in
    // a small archive) when that is free.
    score: present
      .filter((c) => c.stored && c.kind !== 'acc' && !chosen.includes(c))
      .filter((c) => !(c.kind === 'word' && STOP_WORDS.has(c.expr) && tokenCount > 1))
      .map(mem),
    boost: present.filter((c) => c.stored && c.kind === 'acc').map(mem),
  };

  const ors: string[] = [];
  const boosts: string[] = [];
  const byKind = (kind: Candidate['kind']): string[] =>
    chosen.filter((c) => c.kind === kind && !c.stored).map((c) => q(c.expr));
  const words = byKind('word');
  const pairExprs = byKind('pair');
  const accs = byKind('acc');
  if (words.length) ors.push(`${FOLD_COLS} : (${words.join(' OR ')})`);
  if (pairExprs.length) ors.push(`${PAIR_COLS} : (${pairExprs.join(' OR ')})`);
  if (accs.length) boosts.push(`${ACC_COLS} : (${accs.join(' OR ')})`);
  for (const exp of expansionPhrases) {
    // An expansion as common as "ủy ban nhân dân" in a provincial archive would only add noise and
    // scan every document: keep it when its rarest word or pair is selective.
    const parts = exp.length === 1 ? exp : exp.slice(1).map((w, i) => pairTerm(exp[i]!, w));
    const rarest = Math.min(...parts.map((t) => ctx.df(t)));
    if (rarest === 0 || rarest > commonShare * total) continue;
    ors.push(phraseExpr(exp));
    highlightPhrases.add(exp.join(' '));
  }

  const required: string[] = [];
  for (const p of parsed.phrases) {
    const { tokens } = tokenize(p);
    if (tokens.length === 0) continue;
    const f = tokens.map((t) => t.f);
    f.forEach((w) => terms.add(w));
    const group = parsed.anyOr ? null : memoryPhrase(f, ctx);
    if (group) {
      memory.required.push(group);
      // Its accented words rank exact-accent documents higher, as the phrase boost would.
      for (const t of tokens) {
        if (hasDiacritics(t.a) && ctx.stored?.('a', t.a)) memory.boost.push({ kind: 'a', term: t.a });
      }
      continue;
    }
    (parsed.anyOr ? ors : required).push(phraseExpr(f));
    // Exact-accent boost for the phrase, when its accent-kept words are not all very common (in a
    // large archive: when FTS5 can check it without walking thousands of position lists).
    const boostMax = small ? commonShare * total : Math.min(commonShare * total, PHRASE_SCAN_MAX);
    if (hasDiacritics(p) && Math.min(...tokens.map((t) => ctx.df(t.a))) <= boostMax) {
      boosts.push(`${ACC_COLS} : ${q(tokens.map((t) => t.a).join(' '))}`);
    }
  }
  for (const near of parsed.nears) {
    const f = tokenize(near.text).tokens.map((t) => t.f);
    if (f.length === 0) continue;
    f.forEach((w) => terms.add(w));
    required.push(
      `{title_f body_f} : NEAR(${f.map(q).join(' ')}, ${Math.max(0, Math.floor(near.distance))})`,
    );
  }
  for (const p of parsed.prefixes) {
    // "đấu gi": the word before the prefix (already among the words) forms a pair prefix with it
    // ("dau_gi"*), which is selective even for a two-letter prefix.
    const f = tokenize(p).tokens.map((t) => t.f);
    if (f.length === 0) continue;
    const last = f[f.length - 1]!;
    terms.add(`${last}*`);
    if (f.length >= 2) ors.push(`${PAIR_COLS} : ${q(pairTerm(f[f.length - 2]!, last))} *`);
    if (f.length === 1 || last.length >= 3) ors.push(`${FOLD_COLS} : ${q(last)} *`);
  }
  for (const num of parsed.numbers) {
    // The document itself (number column) and documents citing it (number term among the pairs).
    const term = q(numberToken(num.key));
    ors.push(`{number title_b body_b} : ${term}`);
  }

  let expr: string | null = null;
  let scoreExpr: string | null = null;
  if (required.length > 0 || memory.required.length > 0) {
    // Phrases decide the match; other words only rank.
    memory.score.push(...memory.match);
    memory.match = [];
    if (required.length > 0) {
      const opt = ors.length > 0 ? ` AND (${[required[0]!, ...ors].join(' OR ')})` : '';
      expr = `(${required.join(' AND ')})${opt}`;
    } else if (ors.length > 0) scoreExpr = ors.join(' OR ');
  } else if (ors.length > 0) {
    expr = ors.join(' OR ');
  }
  const ex: string[] = [];
  for (const e of parsed.excluded) {
    const f = tokenize(e).tokens.map((t) => t.f);
    if (f.length > 0) ex.push(phraseExpr(f));
  }
  const exclude = ex.length > 0 ? ex.join(' OR ') : null;
  if (expr && exclude) expr = `(${expr}) NOT (${exclude})`;
  const matches = expr || memory.match.length > 0 || memory.required.length > 0;
  const boost = matches && boosts.length > 0 ? boosts.join(' OR ') : null;
  const needed = wordGroups.filter((g) => !(UNREQUIRED_WORDS.has(g.word) && wordGroups.length > 1));
  const distinct = [...new Map(needed.map((g) => [g.word, g])).values()];
  const inMemory = (g: (typeof distinct)[number]): boolean =>
    g.alts.length === 1 && (ctx.stored?.(g.kind, g.word) ?? false);
  const allWordsMemory = distinct.filter(inMemory).map((g) => ({ kind: g.kind, term: g.word }));
  const inFts = distinct.filter((g) => !inMemory(g));
  const allWords =
    inFts.length === 0
      ? null
      : inFts.map((g) => (g.alts.length === 1 ? g.alts[0]! : `(${g.alts.join(' OR ')})`)).join(' AND ');
  const allWordsAny = anyGroups.map((pairs) => {
    const inStore = (p: string): boolean => ctx.stored?.('p', p) ?? false;
    const rest = pairs.filter((p) => !inStore(p));
    return {
      memory: pairs.filter(inStore).map((term) => ({ kind: 'p' as const, term })),
      fts: rest.length > 0 ? `${PAIR_COLS} : (${rest.map(q).join(' OR ')})` : null,
    };
  });
  return {
    allWords,
    allWordsMemory,
    allWordsAny,
    long,
    expr,
    scoreExpr,
    boost,
    highlightPhrases: [...highlightPhrases],
    terms: [...terms],
    memory,
    exclude,
  };
}
