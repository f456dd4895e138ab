// In-memory copy of the few document attributes that filters, facets and date sorting need
// (type, issuer, date, tags, number key), so they cost a lookup per matching document rather than a
// SQL join over the whole result set. Refreshed per changed document after each commit.

import type { Db } from '../archive/database.js';
import { fold } from '../text/normalize.js';

export interface DocAttributes {
  id: number;
  type: string | null;
  typeF: string;
  issuer: string | null;
  issuerF: string;
  /** yyyy-mm-dd (or a prefix of it), or null. */
  date: string | null;
  year: number | null;
  tags: string[];
  tagsF: string[];
  numberKey: string | null;
}

interface AttrRow {
  id: number;
  doc_type: string | null;
  issuer: string | null;
  issued_date: string | null;
  number_key: string | null;
}

function toAttributes(r: AttrRow, tags: string[]): DocAttributes {
  const year = r.issued_date && /^\d{4}/.test(r.issued_date) ? Number(r.issued_date.slice(0, 4)) : null;
  return {
    id: r.id,
    type: r.doc_type,
    typeF: fold(r.doc_type ?? '').trim(),
    issuer: r.issuer,
    issuerF: fold(r.issuer ?? '').trim(),
    date: r.issued_date,
    year,
    tags,
    tagsF: tags.map((t) => fold(t).trim()),
    numberKey: r.number_key,
  };
}

export class DocAttributeCache {
  private byId: Map<number, DocAttributes> | null = null;
  private maxSeen = 0;
  private readonly allRows;
  private readonly allTags;
  private readonly oneRow;
  private readonly oneTags;

  constructor(db: Db) {
    this.allRows = db.prepare<[], AttrRow>(
      `SELECT id, doc_type, issuer, issued_date, number_key FROM documents ORDER BY id`,
    );
    this.allTags = db.prepare<[], { document_id: number; name: string }>(
      `SELECT dt.document_id, t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id ORDER BY t.name`,
    );
    this.oneRow = db.prepare<[number], AttrRow>(
      `SELECT id, doc_type, issuer, issued_date, number_key FROM documents WHERE id = ?`,
    );
    this.oneTags = db
      .prepare<[number], string>(
        `SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ? ORDER BY t.name`,
      )
      .pluck();
  }

  private load(): Map<number, DocAttributes> {
    const tags = new Map<number, string[]>();
    for (const t of this.allTags.iterate()) {
      const list = tags.get(t.document_id);
      if (list) list.push(t.name);
      else tags.set(t.document_id, [t.name]);
    }
    const map = new Map<number, DocAttributes>();
    for (const r of this.allRows.iterate()) map.set(r.id, toAttributes(r, tags.get(r.id) ?? []));
    this.byId = map;
    this.maxSeen = 0;
    for (const id of map.keys()) if (id > this.maxSeen) this.maxSeen = id;
    return map;
  }

  /** All documents (loads on first use). */
  all(): Map<number, DocAttributes> {
    return this.byId ?? this.load();
  }

  /** The largest document id seen (ids index per-query score arrays). */
  maxId(): number {
    this.all();
    return this.maxSeen;
  }

  get(id: number): DocAttributes | undefined {
    return this.all().get(id);
  }

  /** Re-reads the given documents (after a commit); deleted ones disappear. */
  refresh(ids: Iterable<number>): void {
    const map = this.byId;
    if (!map) return; // not loaded yet: the first use reads everything fresh
    for (const id of ids) {
      const r = this.oneRow.get(id);
      if (r) {
        map.set(id, toAttributes(r, this.oneTags.all(id)));
        if (id > this.maxSeen) this.maxSeen = id;
      } else map.delete(id);
    }
  }

  /** Forget everything (after a rebuild). */
  reset(): void {
    this.byId = null;
  }
}
