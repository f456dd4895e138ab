// Documents by loại and the lead of their số ký hiệu, and by loại and year: what a query naming a
// type with the start of a number or a year ("chương trình 04", "nghị định 2021") reads, so that
// reading costs what it names rather than a pass over the whole archive (the pass took 3–5 ms per
// keystroke of the quick suggestions at 50,000 documents). Derived from the attribute columns on
// first use; the service hands it the documents each commit changed, as it does the columns.

import type { DocAttributeCache } from './doc-attributes.js';

/** The part of a number key before its first separator ("30" of "30-2020-nd-cp", "4" of "4"). */
export function keyLead(key: string): string {
  const dash = key.indexOf('-');
  return dash < 0 ? key : key.slice(0, dash);
}

/** What a document is indexed under (to take it out again when it changes). */
interface Entry {
  type: number;
  lead: string | null;
  year: number;
}

type Buckets<K> = Map<number, Map<K, Set<number>>>;

function put<K>(b: Buckets<K>, type: number, k: K, id: number): void {
  let byKey = b.get(type);
  if (!byKey) b.set(type, (byKey = new Map()));
  let ids = byKey.get(k);
  if (!ids) byKey.set(k, (ids = new Set()));
  ids.add(id);
}

function take<K>(b: Buckets<K>, type: number, k: K, id: number): void {
  const byKey = b.get(type);
  const ids = byKey?.get(k);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) byKey!.delete(k);
}

/** The ids under `k` of the types `types` selects by code (null: every type). */
function read<K>(b: Buckets<K>, types: readonly boolean[] | null, k: K): number[] {
  const out: number[] = [];
  for (const [type, byKey] of b) {
    if (types && !types[type]) continue;
    const ids = byKey.get(k);
    if (ids) for (const id of ids) out.push(id);
  }
  return out;
}

export class IntentIndex {
  private entries: (Entry | undefined)[] | null = null;
  /** By type code (0 = none): number lead → ids. */
  private readonly byLead: Buckets<string> = new Map();
  /** By type code: year issued → ids (documents without a year are in none). */
  private readonly byYear: Buckets<number> = new Map();

  constructor(private readonly attrs: DocAttributeCache) {}

  /** Live documents of the types `types` selects by type code (null: any) whose number key's lead is `lead`. */
  withLead(types: readonly boolean[] | null, lead: string): number[] {
    this.load();
    return read(this.byLead, types, lead);
  }

  /** Live documents of the types `types` selects (null: any) issued in `year`. */
  ofYear(types: readonly boolean[] | null, year: number): number[] {
    this.load();
    return read(this.byYear, types, year);
  }

  /** Re-reads the given documents from the attribute columns (after they were refreshed). */
  refresh(ids: Iterable<number>): void {
    if (!this.entries) return; // not loaded yet: the first use reads everything fresh
    const cols = this.attrs.columnsView();
    for (const id of ids) {
      this.remove(id);
      if (id > 0 && id < cols.cap && cols.access[id] !== 0) this.add(id, cols.type[id]!, cols.yearOf(id));
    }
  }

  /** Forgets everything (after the attribute columns were reset). */
  reset(): void {
    this.entries = null;
    this.byLead.clear();
    this.byYear.clear();
  }

  private load(): void {
    if (this.entries) return;
    this.entries = [];
    const cols = this.attrs.columnsView();
    for (let id = 1; id < cols.cap; id++)
      if (cols.access[id] !== 0) this.add(id, cols.type[id]!, cols.yearOf(id));
  }

  private add(id: number, type: number, year: number): void {
    const key = this.attrs.numberKeyOf(id);
    const lead = key === null ? null : keyLead(key);
    this.entries![id] = { type, lead, year };
    if (lead !== null) put(this.byLead, type, lead, id);
    if (year >= 0) put(this.byYear, type, year, id);
  }

  private remove(id: number): void {
    const e = this.entries![id];
    if (!e) return;
    this.entries![id] = undefined;
    if (e.lead !== null) take(this.byLead, e.type, e.lead, id);
    if (e.year >= 0) take(this.byYear, e.type, e.year, id);
  }
}
