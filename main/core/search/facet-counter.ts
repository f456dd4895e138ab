// Facet counts of a search (disjunctive faceting: a document failing only one facet's selection is
// counted in that facet alone), read off the attribute columns by document id.

import type { FacetCount, SearchFacets } from '../../contract/search-types.js';
import { NO_YEAR } from '../../contract/search-types.js';
import { RECORD_ACCESS_LEVELS, VALIDITY_STATUSES, type ValidityStatus } from '../../contract/dto.js';
import type { DocumentFiling } from '../records/records-store.js';
import type { AttributeColumns, DocAttributeCache } from './doc-attributes.js';

function facetList(counts: Map<string, number>, max = 50): FacetCount[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'))
    .slice(0, max)
    .map(([value, count]) => ({ value, count }));
}

export type FacetField = keyof SearchFacets;
const FIELDS: readonly FacetField[] = [
  'type',
  'issuer',
  'year',
  'tag',
  'access',
  'validity',
  'record',
  'retention',
];
const FIELD_INDEX = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<FacetField, number>;
const YEAR0 = 1900;

/**
 * Facet counts by document id, read off the attribute columns into arrays (no object per
 * document). A document is counted into every facet (it is in the result) or into one facet only
 * (it fails just that facet's own selection, see search()). Validity and hồ sơ are counted at the
 * end from their maps, which hold only the documents with a known status or a filing: one lookup
 * per such document, not one per candidate.
 */
export class FacetCounter {
  private readonly type: Uint32Array;
  private readonly issuer: Uint32Array;
  private readonly tag: Uint32Array;
  private readonly access = new Uint32Array(RECORD_ACCESS_LEVELS.length + 1);
  private readonly years = new Map<number, number>();
  private readonly byYear = new Uint32Array(300);
  private noYear = 0;
  /** How each document was counted: 0 not, 1 in every facet, 2 + i only in FIELDS[i]. */
  private readonly how: Uint8Array;
  private full = 0;
  private readonly onlyIn = new Uint32Array(FIELDS.length);

  constructor(
    private readonly codes: DocAttributeCache['codes'],
    private readonly cols: AttributeColumns,
    private readonly validities: () => ReadonlyMap<number, ValidityStatus>,
    private readonly filings: () => ReadonlyMap<number, DocumentFiling>,
  ) {
    this.type = new Uint32Array(codes.type.values.length);
    this.issuer = new Uint32Array(codes.issuer.values.length);
    this.tag = new Uint32Array(codes.tag.values.length);
    this.how = new Uint8Array(cols.cap);
  }

  add(id: number, only?: FacetField): void {
    const c = this.cols;
    if (only === undefined) {
      this.full++;
      this.how[id] = 1;
    } else {
      const f = FIELD_INDEX[only];
      this.onlyIn[f]!++;
      this.how[id] = 2 + f;
    }
    if (!only || only === 'type') this.type[c.type[id]!]!++;
    if (!only || only === 'issuer') this.issuer[c.issuer[id]!]!++;
    if (!only || only === 'tag') c.countTags(id, this.tag);
    if (!only || only === 'access') this.access[c.access[id]!]!++;
    if (!only || only === 'year') {
      const y = c.yearOf(id);
      if (y < 0) this.noYear++;
      else if (y >= YEAR0 && y < YEAR0 + this.byYear.length) this.byYear[y - YEAR0]!++;
      else this.years.set(y, (this.years.get(y) ?? 0) + 1);
    }
  }

  /** Whether document `id` was counted in facet `field`. */
  private inField(id: number, field: number): boolean {
    const h = this.how[id];
    return h === 1 || h === 2 + field;
  }

  result(): SearchFacets {
    const years = new Map(this.years);
    this.byYear.forEach((count, i) => count > 0 && years.set(YEAR0 + i, count));
    const list = (counts: Uint32Array, values: readonly string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (let c = 1; c < counts.length; c++) if (counts[c]! > 0) m.set(values[c]!, counts[c]!);
      return m;
    };
    const bump = <K>(m: Map<K, number>, k: K, by = 1): void => {
      if (by > 0) m.set(k, (m.get(k) ?? 0) + by);
    };
    const countedIn = (field: FacetField): number => this.full + this.onlyIn[FIELD_INDEX[field]]!;
    // Validity: the known statuses from the map, the rest of the counted documents are 'unknown'.
    const validity = new Map<ValidityStatus, number>();
    let known = 0;
    if (countedIn('validity') > 0)
      for (const [id, v] of this.validities())
        if (v !== 'unknown' && this.inField(id, FIELD_INDEX.validity)) {
          bump(validity, v);
          known++;
        }
    bump(validity, 'unknown', countedIn('validity') - known);
    // Hồ sơ and thời hạn: from the filings; a counted document in none is 'none'.
    const record = new Map<string, number>();
    const retention = new Map<string, number>();
    let filed = 0;
    if (countedIn('record') + countedIn('retention') > 0)
      for (const [id, f] of this.filings()) {
        if (this.inField(id, FIELD_INDEX.record)) for (const c of f.codes) bump(record, c);
        if (this.inField(id, FIELD_INDEX.retention)) {
          bump(retention, retentionValue(f));
          filed++;
        }
      }
    bump(retention, retentionValue(undefined), countedIn('retention') - filed);
    return {
      type: facetList(list(this.type, this.codes.type.values)),
      issuer: facetList(list(this.issuer, this.codes.issuer.values)),
      // Newest first; documents without a date last, as their own value.
      year: [
        ...[...years.entries()]
          .sort((a, b) => b[0] - a[0])
          .map(([y, count]) => ({ value: String(y), count })),
        ...(this.noYear > 0 ? [{ value: NO_YEAR, count: this.noYear }] : []),
      ],
      tag: facetList(list(this.tag, this.codes.tag.values)),
      // In the levels' own order (công khai, hạn chế, mật), not by count.
      access: RECORD_ACCESS_LEVELS.flatMap((l, i) => {
        const count = this.access[i + 1]!;
        return count > 0 ? [{ value: l, count }] : [];
      }),
      // In the statuses' own order (unknown, in force, amended, replaced, no longer in force).
      validity: VALIDITY_STATUSES.filter((v) => validity.has(v)).map((v) => ({
        value: v,
        count: validity.get(v)!,
      })),
      record: facetList(record),
      // Longest kept first: vĩnh viễn, then years down, then the documents in no hồ sơ.
      retention: [...retention.entries()]
        .sort((a, b) => retentionRank(b[0]) - retentionRank(a[0]))
        .map(([value, count]) => ({ value, count })),
    };
  }
}
/** A document's thời hạn facet value: its longest-kept hồ sơ's period, or "none" when in none. */
export function retentionValue(f: DocumentFiling | undefined): string {
  return f === undefined ? 'none' : String(f.retention);
}
function retentionRank(v: string): number {
  return v === 'permanent' ? Infinity : v === 'none' ? -1 : Number(v);
}
export function emptyFacets(): SearchFacets {
  return { type: [], issuer: [], year: [], tag: [], access: [], validity: [], record: [], retention: [] };
}
