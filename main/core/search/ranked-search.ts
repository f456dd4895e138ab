// One search request, start to end: the query read (as typed, with its intent), its filters, the
// match plan scored, the documents it names raised, the honest count split off, facets counted,
// the page ordered and its hits built.

import type { SearchRequest, SearchResponse } from '../../contract/search-types.js';
import type { ValidityStatus } from '../../contract/dto.js';
import type { AccessLevel } from '../../contract/request-context.js';
import { SEARCH_PAGE_MAX as MAX_LIMIT } from '../../contract/api/search-api.js';
import { READ_ALL, type ReadScope } from '../archive/access.js';
import type { DocumentFiling } from '../records/records-store.js';
import { findSection, sectionRef, type Section } from '../text/sections.js';
import { expandAbbreviation } from './abbreviation-expander.js';
import type { DocAttributeCache } from './doc-attributes.js';
import type { DocumentOutlines } from './document-outlines.js';
import { emptyFacets, FacetCounter, retentionValue } from './facet-counter.js';
import { buildMatch } from './fts-query.js';
import { markerFor } from './highlight.js';
import type { ImpactStore } from './impact-store.js';
import { NUMBER_BOOST, SECTION_BOOST, TYPE_BOOST, type IntentBoosts } from './intent-boost.js';
import { queryIntent } from './query-intent.js';
import { parseQuery } from './query-parser.js';
import { Candidates, scorePlan, strongMatches, type FtsMatch } from './ranked-match.js';
import { byDate, byScore, headByScore } from './result-order.js';
import { buildHits, type HitSources } from './search-hits.js';
import { facetPredicates, inlinePredicates, rangePredicates } from './search-filters.js';

const DEFAULT_LIMIT = 20;
/** Documents bearing the number whose sections are looked at (a law stored article by article). */
const SECTION_CHECK_MAX = 2000;
const NAME_CHECK_MIN = 50;

export interface RankedSearchDeps {
  attrs: DocAttributeCache;
  impacts: ImpactStore;
  fts: FtsMatch;
  boosts: IntentBoosts;
  outlines: DocumentOutlines;
  hits: HitSources;
  /** How many documents hold a term (what the plan weighs words by). */
  df(term: string): number;
  /** Whether the in-memory store serves this search (false while it is being built). */
  useStore(): boolean;
  /** The test of what `scope` may read; null when it reads everything. */
  readable(scope: ReadScope): ((id: number, level: AccessLevel) => boolean) | null;
  /** The documents filed in the hồ sơ of these codes. */
  documentsInRecords(codes: readonly string[]): Set<number>;
  /** Where documents are filed, as `scope` may see them. */
  filingFor(scope: ReadScope): Map<number, DocumentFiling>;
}

export type RankedSearch = (request: SearchRequest, scope?: ReadScope) => SearchResponse;

export function createRankedSearch(deps: RankedSearchDeps): RankedSearch {
  const { attrs, impacts, fts, boosts, outlines } = deps;

  return function search(req: SearchRequest, scope: ReadScope = READ_ALL): SearchResponse {
    const started = performance.now();
    const parsed = parseQuery(req.query ?? '');
    // What the words name is read from the query as typed: the as-you-type prefix below must not
    // hide "nghị định 2021" while the app's search box waits for Enter.
    const intent = queryIntent(parsed);
    if (req.asYouType && parsed.segments.length > 0 && !/\s$/.test(req.query)) {
      // The last word of the last free-text run is still being typed: it becomes a prefix, together
      // with the word before it (matched as a pair prefix).
      const last = parsed.segments[parsed.segments.length - 1]!;
      const m = /^(.*?)(\S+)$/.exec(last);
      if (m && req.query.trimEnd().endsWith(m[2]!)) {
        const before = m[1]!.trim();
        if (before) parsed.segments[parsed.segments.length - 1] = before;
        else parsed.segments.pop();
        const prev = /(\S+)$/.exec(before)?.[1];
        parsed.prefixes.push(prev ? `${prev} ${m[2]!}` : m[2]!);
      }
    }
    // The query's own filters and the structured number/date range always apply. The facet filters
    // (OR within a facet, AND across) are left out of their own facet's counts, so a facet keeps
    // showing its other values with the counts picking one of them would add (disjunctive faceting).
    const structured = req.filters ?? {};
    const basePreds = [...inlinePredicates(parsed.filters), ...rangePredicates(structured)];
    // What the caller may not read is in no hit, count or facet; no test at all when it reads all.
    const readable = deps.readable(scope);
    if (readable) basePreds.unshift((d) => readable(d.id, d.access));
    const validityOf = (id: number): ValidityStatus => attrs.validityOf(id);
    const facetPreds = facetPredicates(structured, validityOf);
    if (structured.records?.length) {
      const inRecords = deps.documentsInRecords(structured.records);
      facetPreds.push({ field: 'record', test: (d) => inRecords.has(d.id) });
    }
    // Read only when a hồ sơ facet or the thời hạn filter needs it, and then from the memo.
    let filing: Map<number, DocumentFiling> | null = null;
    const filingOf = (id: number): DocumentFiling | undefined => (filing ??= deps.filingFor(scope)).get(id);
    if (structured.retention?.length) {
      const wanted = new Set(structured.retention);
      facetPreds.push({ field: 'retention', test: (d) => wanted.has(retentionValue(filingOf(d.id))) });
    }
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(req.limit ?? DEFAULT_LIMIT)));
    const offset = Math.max(0, Math.floor(req.offset ?? 0));
    const docTotal = attrs.size();
    const expansions: Record<string, string> = {};
    const useStore = deps.useStore();
    const plan = buildMatch(parsed, {
      df: deps.df,
      total: docTotal,
      expand: (w) => {
        const e = expandAbbreviation(w);
        for (const x of e) expansions[w] = x;
        return e;
      },
      stored: useStore ? (kind, term) => impacts.has(kind, term) : undefined,
    });

    // Score every matching document: bm25 of the FTS5 terms plus that of the terms held in memory.
    const cap = attrs.maxId() + 1;
    const found = new Candidates(cap);
    const { score, inSet } = found;
    const textQuery = scorePlan(parsed, plan, found, fts, impacts);
    // A number in the query is its strongest signal, whatever words surround it: the documents
    // bearing it first, then those citing it.
    const named = new Set<number>(); // documents the query names by a number they bear or cite
    const bearing: number[] = []; // …of which those bearing it
    const numberKey = boosts.namedByQuery(parsed, intent, (id, boost) => {
      found.add(id, boost);
      named.add(id);
      if (boost === NUMBER_BOOST) bearing.push(id);
    });
    // A section the query names ("khoan 2 dieu 5 quyet dinh 08/2022"): the documents bearing the
    // number that hold it come first, the hit showing that section.
    const ref = sectionRef(parsed.segments.join(' '));
    const sectionOf = new Map<number, Section>();
    const boostSections = (ids: Iterable<number>): void => {
      for (const id of ids) {
        if (sectionOf.has(id)) continue;
        const s = findSection(outlines.outlineOf(id).sections, ref!);
        if (!s) continue;
        sectionOf.set(id, s);
        score[id] = score[id]! + SECTION_BOOST;
      }
    };
    const bearingChecked = ref !== null && bearing.length > 0 && bearing.length <= SECTION_CHECK_MAX;
    if (bearingChecked) boostSections(new Set(bearing));
    const strong = strongMatches(plan, named, textQuery, found, fts, impacts);
    const splitPartial = strong !== null && !plan.long;
    // Candidates are handled by id, off the attribute columns: an attributes object is made only
    // when a filter must look at it, and for the page shown.
    const cols = attrs.columnsView();
    const objectNeeded = basePreds.length > 0 || facetPreds.length > 0;
    const partial: number[] = [];
    let strongCount = 0;
    const counter =
      req.facets !== false
        ? new FacetCounter(
            attrs.codes,
            cols,
            () => attrs.validities(),
            () => (filing ??= deps.filingFor(scope)),
          )
        : null;
    let matched: number[] = [];
    const consider = (id: number): void => {
      const d = objectNeeded ? attrs.get(id)! : undefined;
      for (let i = 0; i < basePreds.length; i++) if (!basePreds[i]!(d!)) return;
      if (splitPartial && !strong![id]) {
        for (let i = 0; i < facetPreds.length; i++) if (!facetPreds[i]!.test(d!)) return;
        partial.push(id);
        return;
      }
      if (strong?.[id]) strongCount++;
      let failed = -1; // the one facet whose selection d misses (it counts there only)
      for (let i = 0; i < facetPreds.length; i++) {
        if (facetPreds[i]!.test(d!)) continue;
        if (failed >= 0) return;
        failed = i;
      }
      if (failed < 0) {
        matched.push(id);
        counter?.add(id);
      } else counter?.add(id, facetPreds[failed]!.field);
    };
    const live = (id: number): boolean => id < cols.cap && cols.access[id] !== 0;
    if (textQuery) {
      for (const id of found.found) if (inSet[id] && live(id)) consider(id); // (not inSet: excluded)
    } else {
      // Only exclusions: everything except documents containing them.
      const out = parsed.excluded.length > 0 && plan.exclude ? new Set(fts.ids(plan.exclude)) : null;
      for (let id = 1; id < cols.cap; id++) if (live(id) && !out?.has(id)) consider(id);
    }

    const facets = counter ? counter.result() : emptyFacets();
    if (intent.typeOnly) {
      const ofType = boosts.typeCodesOf(intent.typeF);
      for (const list of [matched, partial])
        for (const id of list) if (ofType[cols.type[id]!]) score[id] = score[id]! + TYPE_BOOST;
    }

    const sort = req.sort ?? (textQuery ? 'relevance' : 'date-desc');
    const total = matched.length;
    const bestFirst = byScore(score);
    const dateOrder = byDate(sort, cols, score);
    if (sort === 'relevance') {
      // Only the first offset+limit places need ordering: cut at the k-th best score first (and
      // check the best candidates for a document the query names, see boostNamedDocuments).
      const k = Math.max(offset + limit, NAME_CHECK_MIN);
      if (matched.length > k * 4) {
        const top = headByScore(matched, score, k);
        boosts.boostNamedDocuments(parsed, top, score);
        top.sort(bestFirst);
        matched = top; // only the ordered head is read below (the page)
      } else {
        boosts.boostNamedDocuments(parsed, matched, score);
        matched.sort(bestFirst);
      }
      if (ref !== null && !bearingChecked) {
        // No number named the documents: the best candidates holding the section rise among them.
        boostSections(matched.slice(0, k));
        matched.sort(bestFirst);
      }
    } else matched.sort(dateOrder);

    const pageIds = matched.slice(offset, offset + limit);
    // The partly matching documents, after the results (only when the page reaches them).
    const partialFrom = pageIds.length;
    if (pageIds.length < limit && partial.length > 0) {
      partial.sort(sort === 'relevance' ? bestFirst : dateOrder);
      const from = Math.max(0, offset - total);
      pageIds.push(...partial.slice(from, from + limit - pageIds.length));
    }
    // Marks what matched: the query's pairs and phrases, accented words in their accented form.
    const marker = markerFor(req.query ?? '', {
      lastIsPrefix: req.asYouType && !/\s$/.test(req.query) ? 'always' : undefined,
      extraPhrases: plan.highlightPhrases,
    });
    const hits = buildHits(deps.hits, {
      ids: pageIds,
      partialFrom,
      sectionOf,
      score,
      marker,
      snippets: req.snippets !== false,
    });
    return {
      total,
      partialCount: partial.length,
      strongCount: strong === null ? total : strongCount,
      offset,
      limit,
      hits,
      facets,
      query: {
        terms: plan.terms,
        phrases: parsed.phrases,
        excluded: parsed.excluded,
        expansions,
        numberKey,
      },
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  };
}
