// Documents by loại and the lead of their số ký hiệu, and by loại and year: what a query naming a
// type with the start of a number or a year ("chương trình 04", "nghị định 2021") reads, so that
// reading costs what it names rather than a pass over the whole archive (the pass took 3–5 ms per
// keystroke of the quick suggestions at 50,000 documents). Derived from the attribute columns on
// first use; the service hands it the documents each commit changed, as it does the columns.
// Keyed by numbers, with typed arrays per id: no object or string per document (the first use
// after opening builds it for the whole archive).

import type { DocAttributeCache } from './doc-attributes.js';

/** Leads a query can name: a number of one to five digits as Number() writes it (intent's prefix). */
const LEAD_RE = /^(?:0|[1-9]\d{0,4})$/;
const LEADS = 100_000;
const YEARS = 10_000;

/**
 * The lead of a number key ("30" of "30-2020-nd-cp", "4" of "4") as a number, or -1 when no query
 * can name it (not one to five digits without a leading zero).
 */
export function keyLead(key: string): number {
  const dash = key.indexOf('-');
  const lead = dash < 0 ? key : key.slice(0, dash);
  return LEAD_RE.test(lead) ? Number(lead) : -1;
}

function put(b: Map<number, Set<number>>, k: number, id: number): void {
  let ids = b.get(k);
  if (!ids) b.set(k, (ids = new Set()));
  ids.add(id);
}

function take(b: Map<number, Set<number>>, k: number, id: number): void {
  const ids = b.get(k);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) b.delete(k);
}

export class IntentIndex {
  private loaded = false;
  /** What each id is indexed under (to take it out again when it changes); type -1 = not indexed. */
  private typeOf = new Int32Array(0);
  private leadOf = new Int32Array(0);
  private yearOf = new Int32Array(0);
  /** type code × LEADS + lead → ids. */
  private readonly byLead = new Map<number, Set<number>>();
  /** type code × YEARS + year → ids (documents without a year are in none). */
  private readonly byYear = new Map<number, Set<number>>();

  constructor(private readonly attrs: DocAttributeCache) {}

  /** Live documents of the types `types` selects by type code (null: any) whose number key's lead is `lead`. */
  withLead(types: readonly boolean[] | null, lead: number): number[] {
    this.load();
    return lead >= 0 && lead < LEADS ? this.read(this.byLead, types, LEADS, lead) : [];
  }

  /** Live documents of the types `types` selects (null: any) issued in `year`. */
  ofYear(types: readonly boolean[] | null, year: number): number[] {
    this.load();
    return year >= 0 && year < YEARS ? this.read(this.byYear, types, YEARS, year) : [];
  }

  /** Re-reads the given documents from the attribute columns (after they were refreshed). */
  refresh(ids: Iterable<number>): void {
    if (!this.loaded) return; // not loaded yet: the first use reads everything fresh
    const cols = this.attrs.columnsView();
    this.room(cols.cap);
    for (const id of ids) {
      if (id <= 0) continue;
      if (id >= this.typeOf.length) this.room(id + 1);
      this.remove(id);
      if (id < cols.cap && cols.access[id] !== 0) this.add(id, cols.type[id]!, cols.yearOf(id));
    }
  }

  /** Forgets everything (after the attribute columns were reset). */
  reset(): void {
    this.loaded = false;
    this.typeOf = new Int32Array(0);
    this.leadOf = new Int32Array(0);
    this.yearOf = new Int32Array(0);
    this.byLead.clear();
    this.byYear.clear();
  }

  private read(
    b: Map<number, Set<number>>,
    types: readonly boolean[] | null,
    width: number,
    k: number,
  ): number[] {
    const out: number[] = [];
    const codes = types?.length ?? this.attrs.codes.type.values.length;
    for (let type = 0; type < codes; type++) {
      if (types && !types[type]) continue;
      const ids = b.get(type * width + k);
      if (ids) for (const id of ids) out.push(id);
    }
    return out;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const cols = this.attrs.columnsView();
    this.room(cols.cap);
    for (let id = 1; id < cols.cap; id++)
      if (cols.access[id] !== 0) this.add(id, cols.type[id]!, cols.yearOf(id));
  }

  /** Makes room for ids below `cap`. */
  private room(cap: number): void {
    if (cap <= this.typeOf.length) return;
    const size = Math.max(cap, this.typeOf.length * 2);
    const widen = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size).fill(-1);
      b.set(a);
      return b;
    };
    this.typeOf = widen(this.typeOf);
    this.leadOf = widen(this.leadOf);
    this.yearOf = widen(this.yearOf);
  }

  private add(id: number, type: number, year: number): void {
    const key = this.attrs.numberKeyOf(id);
    const lead = key === null ? -1 : keyLead(key);
    this.typeOf[id] = type;
    this.leadOf[id] = lead;
    this.yearOf[id] = year;
    if (lead >= 0) put(this.byLead, type * LEADS + lead, id);
    if (year >= 0 && year < YEARS) put(this.byYear, type * YEARS + year, id);
  }

  private remove(id: number): void {
    const type = this.typeOf[id]!;
    if (type < 0) return;
    this.typeOf[id] = -1;
    const lead = this.leadOf[id]!;
    const year = this.yearOf[id]!;
    if (lead >= 0) take(this.byLead, type * LEADS + lead, id);
    if (year >= 0 && year < YEARS) take(this.byYear, type * YEARS + year, id);
  }
}
