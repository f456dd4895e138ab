// The filters of a search as tests on a document's attributes: the query's own (so: loai: coquan:
// nam: tu: den: tag:), the structured number/date range, and the facet selections.

import type { SearchFilters } from '../../contract/search-types.js';
import type { ValidityStatus } from '../../contract/dto.js';
import { docNumberKey } from '../text/doc-number.js';
import { fold } from '../text/normalize.js';
import { expandAbbreviation } from './abbreviation-expander.js';
import type { DocAttributes } from './doc-attributes.js';
import type { FacetField } from './facet-counter.js';

export type Predicate = (d: DocAttributes) => boolean;

/** Folded words of a value, space separated ("Quyết-định" → "quyet dinh"). */
function filterWords(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A test on one attribute, evaluated once per distinct value (an archive has few types and issuers). */
function byValue(get: (d: DocAttributes) => string, test: (value: string) => boolean): Predicate {
  const memo = new Map<string, boolean>();
  return (d) => {
    const v = get(d);
    let r = memo.get(v);
    if (r === undefined) {
      r = test(v);
      memo.set(v, r);
    }
    return r;
  };
}

function typePredicate(types: readonly string[]): Predicate {
  // A type as typed, an abbreviation of one (QĐ) or its first words ("quyet", "quyet-dinh").
  const wanted = types.flatMap((t) => [filterWords(t), ...expandAbbreviation(t)]).filter(Boolean);
  return byValue(
    (d) => d.typeF,
    (typeF) => {
      const type = filterWords(typeF);
      return wanted.some((w) => type === w || type.startsWith(`${w} `));
    },
  );
}

/** Any of the issuers given. */
function issuerPredicate(issuers: readonly string[]): Predicate {
  const wanted = issuers.map((i) => [filterWords(i), ...expandAbbreviation(i)].filter(Boolean));
  // One of an issuer's spellings is a run of whole words of the issuer ("HU" → "huyen uy" in
  // "huyen uy dong yen"; never the letters "hu" inside "phu" or "huyen").
  return byValue(
    (d) => d.issuerF,
    (issuerF) => {
      const issuer = ` ${filterWords(issuerF)} `;
      return wanted.some((alts) => alts.some((v) => issuer.includes(` ${v} `)));
    },
  );
}

function yearPredicate(years: readonly (number | null)[]): Predicate {
  const ys = new Set(years);
  return (d) => ys.has(d.year);
}

/** The document carries any of the tags given. */
function tagPredicate(tags: readonly string[]): Predicate {
  const wanted = tags.map((t) => fold(t).trim());
  return (d) => wanted.some((t) => d.tagsF.includes(t));
}

/** A query filter's value and, when it is a comma list, each of its items (`coquan:"HU,ĐU"`). */
function alternatives(value: string): string[] {
  if (!value.includes(',')) return [value];
  return [value, ...value.split(',').map((v) => v.trim())].filter(Boolean);
}

/** The conditions no facet shows: number and date range. */
export function rangePredicates(f: SearchFilters): Predicate[] {
  const preds: Predicate[] = [];
  if (f.number) {
    const key = docNumberKey(f.number);
    const folded = fold(f.number).replace(/[^a-z0-9]+/g, '');
    preds.push((d) =>
      key && d.numberKey
        ? d.numberKey === key
        : (d.numberKey ?? '').replace(/[^a-z0-9]+/g, '').includes(folded),
    );
  }
  if (f.dateFrom) {
    const from = f.dateFrom;
    // A date known only to the month or year ("2024-03", "2024") is in range when its period overlaps.
    preds.push((d) => d.date !== null && d.date + (d.date.length < 10 ? '\uffff' : '') >= from);
  }
  if (f.dateTo) {
    // A prefix bound ("2023-12") includes the whole month/year.
    const to = f.dateTo + (f.dateTo.length < 10 ? '\uffff' : '');
    preds.push((d) => d.date !== null && d.date <= to);
  }
  return preds;
}

/**
 * The query's own filters (so: loai: coquan: nam: tu: den: tag:): each coquan:/tag: word applies
 * (`tag:a tag:b` both tags), a comma list is any of its items, as for nam:2021,2022 (the parser
 * splits years); a document has one type, so several loai: are any of them.
 */
export function inlinePredicates(f: SearchFilters): Predicate[] {
  const preds = rangePredicates(f);
  if (f.types?.length) preds.push(typePredicate(f.types.flatMap(alternatives)));
  for (const issuer of f.issuers ?? []) preds.push(issuerPredicate(alternatives(issuer)));
  if (f.years?.length) preds.push(yearPredicate(f.years));
  for (const tag of f.tags ?? []) preds.push(tagPredicate(alternatives(tag)));
  return preds;
}

/**
 * The structured filters of the facets (the app's facet lists): any of a facet's values (OR within a
 * facet), every facet (AND across).
 */
export function facetPredicates(
  f: SearchFilters,
  validityOf: (id: number) => ValidityStatus,
): { field: FacetField; test: Predicate }[] {
  const out: { field: FacetField; test: Predicate }[] = [];
  if (f.types?.length) out.push({ field: 'type', test: typePredicate(f.types) });
  if (f.issuers?.length) out.push({ field: 'issuer', test: issuerPredicate(f.issuers) });
  if (f.years?.length) out.push({ field: 'year', test: yearPredicate(f.years) });
  if (f.tags?.length) out.push({ field: 'tag', test: tagPredicate(f.tags) });
  if (f.access?.length) {
    const levels = new Set(f.access);
    out.push({ field: 'access', test: (d) => levels.has(d.access) });
  }
  if (f.validity?.length) {
    const wanted = new Set(f.validity);
    out.push({ field: 'validity', test: (d) => wanted.has(validityOf(d.id)) });
  }
  return out;
}
