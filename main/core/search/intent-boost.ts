// The ranking's reading of what a query names (issue 15, "intent"): the documents bearing or citing
// a number it holds, those of the type and number start or year it names, those whose name holds a
// short query's words. Shared by full search and the instant suggestions, so both read a query alike.

import { queryWords } from '../../contract/highlight-rule.js';
import { fold } from '../text/normalize.js';
import type { DocAttributeCache } from './doc-attributes.js';
import { STOP_WORDS } from './fts-query.js';
import { keyLead, type IntentIndex } from './intent-index.js';
import { keyPrefixTest, type QueryIntent } from './query-intent.js';
import type { ParsedQuery } from './query-parser.js';
import { tokenize } from './search-terms.js';

export const NUMBER_BOOST = 1000;
/** Documents citing the number a query names follow those bearing it, above the rest. */
export const CITE_BOOST = 500;
/**
 * "nghị định 2021": documents of that type issued that year follow one numbered 2021 and come before
 * those citing a number that starts 2021 (a year is the likelier reading of four such digits).
 */
export const YEAR_BOOST = 700;
/** A query that is only a type name ("nghị quyết") puts documents of that type first. */
export const TYPE_BOOST = 200;
/** Documents named by a short query rank above the others (below an exact number match). */
const NAME_BOOST = 100;
const NAME_QUERY_MAX_WORDS = 6;
/**
 * A document holding the section a query names ("Điều 36 68/2020/QH14") rises above the others the
 * query names; below NUMBER_BOOST - CITE_BOOST, so a document citing the number never passes one
 * bearing it.
 */
export const SECTION_BOOST = 300;

/** What the boosts read of the archive besides the attribute columns (the service's statements). */
export interface NamingLookups {
  /** The documents bearing a number key. */
  bearersOf(key: string): number[];
  /** The documents citing a number key (each once). */
  citersOf(key: string): number[];
  /** Citations of the keys that are `prefix` or go on after a separator, with the type cited. */
  citersOfPrefix(prefix: string): { id: number; type: string | null }[];
  /** A document's loại and trích yếu. */
  nameOf(id: number): { doc_type: string | null; title: string } | undefined;
}

export interface IntentBoosts {
  /** By type code: whether that type folds to `typeF` (a loop over documents reads it per id). */
  typeCodesOf(typeF: string | null): boolean[];
  /**
   * The documents a query names, each with its boost: those bearing a number it holds
   * (NUMBER_BOOST) and those citing it (CITE_BOOST); "chương trình 04", those of that type whose
   * number starts so, then those citing one; "nghị định 2021", those of that type issued that year
   * (YEAR_BOOST), after one numbered 2021. Returns the key of the first number some document bears.
   * The instant suggestions leave out the citing documents (`citers` false).
   */
  namedByQuery(
    parsed: ParsedQuery,
    intent: QueryIntent,
    name: (id: number, boost: number) => void,
    citers?: boolean,
  ): string | null;
  /**
   * A short query that names a document ("ke hoach chuyen doi so") puts the documents whose name —
   * type and trích yếu — holds every one of its words above the others: in a small archive bm25's
   * idf of such everyday words is nil and a report that merely discusses the subject would win.
   * Checked on the best-scored candidates only (a document so named scores high anyway).
   */
  boostNamedDocuments(parsed: ParsedQuery, candidates: readonly number[], score: Float64Array): void;
}

/** `index` is kept in step with `attrs` by the service. */
export function createIntentBoosts(
  attrs: DocAttributeCache,
  index: IntentIndex,
  lookups: NamingLookups,
): IntentBoosts {
  function typeCodesOf(typeF: string | null): boolean[] {
    return attrs.codes.type.values.map((v) => attrs.codes.folded(v) === typeF);
  }

  function namedByQuery(
    parsed: ParsedQuery,
    intent: QueryIntent,
    name: (id: number, boost: number) => void,
    citers = true,
  ): string | null {
    let numberKey: string | null = null;
    for (const num of parsed.numbers) {
      const ids = lookups.bearersOf(num.key);
      if (ids.length > 0) numberKey ??= num.key;
      for (const id of ids) name(id, NUMBER_BOOST);
      if (citers) for (const id of lookups.citersOf(num.key)) name(id, CITE_BOOST);
    }
    if (intent.numberPrefix === null && intent.year === null) return numberKey;
    const p = intent.numberPrefix;
    const anyType = intent.typeF === 'van ban';
    const ofType = anyType ? null : typeCodesOf(intent.typeF);
    const numbered = p !== null ? keyPrefixTest(p) : null;
    // Off the index by type, number lead and year: what it costs is the documents so named.
    if (numbered)
      for (const id of index.withLead(ofType, keyLead(p!)))
        if (numbered(attrs.numberKeyOf(id))) name(id, NUMBER_BOOST);
    if (intent.year !== null)
      for (const id of index.ofYear(ofType, intent.year))
        if (!numbered?.(attrs.numberKeyOf(id))) name(id, YEAR_BOOST);
    if (p !== null && citers)
      for (const r of lookups.citersOfPrefix(p))
        if (anyType || (r.type !== null && fold(r.type).trim() === intent.typeF)) name(r.id, CITE_BOOST);
    return numberKey;
  }

  function boostNamedDocuments(
    parsed: ParsedQuery,
    candidates: readonly number[],
    score: Float64Array,
  ): void {
    // The query's words as the marking reads them (a pair as a pair, "bộ tài chính" whole): a name
    // holding "nội bộ … tại … hành chính" or "công bố … Sở Tài chính" does not name "bo tai chinh".
    let words = [
      ...parsed.segments.flatMap((seg) => queryWords(seg, true)),
      ...parsed.phrases.map((p) => tokenize(p).tokens.map((t) => t.f)),
    ].filter((w) => w.length > 0);
    if (new Set(words.flat()).size > 1) words = words.filter((w) => w.length > 1 || !STOP_WORDS.has(w[0]!));
    if (words.length === 0 || new Set(words.flat()).size > NAME_QUERY_MAX_WORDS) return;
    const runs = [...new Set(words.map((w) => ` ${w.join(' ')} `))];
    for (const id of candidates) {
      const r = lookups.nameOf(id);
      if (!r) continue;
      const name = ` ${fold(`${r.doc_type ?? ''} ${r.title}`)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .join(' ')} `;
      if (runs.every((w) => name.includes(w))) score[id] = score[id]! + NAME_BOOST;
    }
  }

  return { typeCodesOf, namedByQuery, boostNamedDocuments };
}
