// In-memory copy of the few document attributes that filters, facets and date sorting need
// (type, issuer, date, tags, number key), so they cost a lookup per matching document rather than a
// SQL join over the whole result set. Refreshed per changed document after each commit.
// Held as columns of interned codes (typed arrays) and saved in the derived folder, so a fresh
// process reads a few MB instead of scanning the documents table before its first result; the
// per-document objects the search code reads are made on first use.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_ACCESS_LEVELS, type ValidityStatus } from '../../contract/dto.js';
import type { AttributeRows } from '../archive/attribute-rows.js';
import type { AccessLevel } from '../../contract/request-context.js';
import { readChecksummedFile, writeChecksummedFile } from '../archive/durable-file.js';
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
  /** Mức độ tiếp cận: who may find it (see core/archive/access). */
  access: AccessLevel;
  /** Small integers standing for type, issuer, year and tags, so facets count into arrays. */
  typeCode: number;
  issuerCode: number;
  tagCodes: number[];
}

/**
 * The columns by document id, for loops over many documents that need no DocAttributes object
 * (facet counts, candidate checks): a typed-array read per document instead of an object each.
 * Valid until the next refresh() or reset().
 */
export interface AttributeColumns {
  /** Ids below this have a slot. */
  readonly cap: number;
  /** Mức độ tiếp cận by id: 1 + its index in RECORD_ACCESS_LEVELS; 0 = no document. */
  readonly access: Uint8Array;
  /** Type and issuer codes by id (ValueCodes of `codes`; 0 = none). */
  readonly type: Uint32Array;
  readonly issuer: Uint32Array;
  /** Year a document was issued, or -1 when it has none (as DocAttributes.year null). */
  yearOf(id: number): number;
  /** Adds one to `counts[code]` for each tag of a document (no array made per document). */
  countTags(id: number, counts: Uint32Array): void;
  /** yyyy-mm-dd (or a prefix of it), or null (as DocAttributes.date). */
  dateOf(id: number): string | null;
}

/** Interns facet values as small integers (0 = none). */
export class ValueCodes {
  readonly values: string[] = [''];
  private readonly codes = new Map<string, number>();
  code(v: string | null | undefined): number {
    if (!v) return 0;
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.codes.set(v, c);
    }
    return c;
  }
}

interface Codes {
  type: ValueCodes;
  issuer: ValueCodes;
  tag: ValueCodes;
  /** fold(value).trim(), once per distinct value (50k documents share a few hundred). */
  folded(value: string | null): string;
}

function foldMemo(): (value: string | null) => string {
  const memo = new Map<string, string>();
  return (value) => {
    if (!value) return '';
    let f = memo.get(value);
    if (f === undefined) {
      f = fold(value).trim();
      memo.set(value, f);
    }
    return f;
  };
}

/** Shared by every untagged document (most of them): no three empty arrays per document. */
const NO_TAGS: string[] = [];
const NO_CODES: number[] = [];

/** The file in the derived folder, and the kind and version its checksummed header names (durable-file.ts). */
export const ATTR_FILE = { name: 'doc-attributes.bin', kind: 'doc-attributes', version: 1 } as const;

/** Where the columns are saved, and the journal they catch up from. */
export interface DocAttributePersistence {
  derivedDir: string;
  /** The search checkpoint (journal position every committed change up to is indexed). */
  checkpoint(): number;
  /** Documents changed after a journal position; null when the journal no longer reaches back so far. */
  changedSince(seq: number): number[] | null;
}

/** Access levels as 1-based codes (0 = no document with this id). */
const ACCESS_LEVELS: readonly AccessLevel[] = RECORD_ACCESS_LEVELS;
const ACCESS_CODE = Object.fromEntries(ACCESS_LEVELS.map((l, i) => [l, i + 1])) as Record<
  AccessLevel,
  number
>;

interface Columns {
  /** Ids below cap have a slot (cap = largest id + 1, or more after growth). */
  cap: number;
  /** Ids above this have never held a document (what sizes per-query score arrays). */
  top: number;
  count: number;
  access: Uint8Array;
  type: Uint32Array;
  issuer: Uint32Array;
  date: Uint32Array;
  keys: (string | null)[];
  /** Tags as CSR: codes of document id are tagCodes[tagStart[id] .. tagStart[id + 1]). */
  tagStart: Uint32Array;
  tagCodes: Uint32Array;
  /** Tags of documents changed since load (they override the CSR lists until saved). */
  extraTags: Map<number, number[]>;
}

interface SavedHead {
  seq: number;
  cap: number;
  count: number;
  types: string[];
  issuers: string[];
  tags: string[];
  dates: string[];
}

function emptyColumns(cap: number): Columns {
  return {
    cap,
    top: cap - 1,
    count: 0,
    access: new Uint8Array(cap),
    type: new Uint32Array(cap),
    issuer: new Uint32Array(cap),
    date: new Uint32Array(cap),
    keys: new Array<string | null>(cap).fill(null),
    tagStart: new Uint32Array(cap + 1),
    tagCodes: new Uint32Array(0),
    extraTags: new Map(),
  };
}

/** Makes room for ids below `need` (new documents); their tags live in extraTags until saved. */
function grow(c: Columns, need: number): void {
  const cap = Math.max(need, c.cap * 2);
  const widen = <T extends Uint8Array | Uint32Array>(a: T, make: (n: number) => T): T => {
    const b = make(cap);
    b.set(a);
    return b;
  };
  c.access = widen(c.access, (n) => new Uint8Array(n));
  c.type = widen(c.type, (n) => new Uint32Array(n));
  c.issuer = widen(c.issuer, (n) => new Uint32Array(n));
  c.date = widen(c.date, (n) => new Uint32Array(n));
  // Ids past the old end have no CSR tags: their start and end both sit at the old total.
  const tagStart = new Uint32Array(cap + 1);
  tagStart.set(c.tagStart.subarray(0, c.cap + 1));
  tagStart.fill(c.tagStart[c.cap]!, c.cap + 1);
  c.tagStart = tagStart;
  while (c.keys.length < cap) c.keys.push(null);
  c.cap = cap;
}

const align8 = (n: number): number => (n + 7) & ~7;

export class DocAttributeCache {
  /** Facet values interned as small integers; every value of the archive is coded at load. */
  readonly codes: Codes = {
    type: new ValueCodes(),
    issuer: new ValueCodes(),
    tag: new ValueCodes(),
    folded: foldMemo(),
  };
  /** Column store by document id (ids are dense: autoincrement); null until first use. */
  private cols: Columns | null = null;
  /** Objects made from the columns on first use of each document (most searches touch few). */
  private objs: (DocAttributes | undefined)[] = [];
  private readonly dates = new ValueCodes();
  /** Year of each date code (-1 = none), extended as dates are coded. */
  private yearOfDate = new Int32Array(0);
  private view: AttributeColumns | null = null;
  private viewOf: Columns | null = null;
  /** Journal position the columns reflect at least (changes after it are re-read on load). */
  private seq = 0;
  private dirty = false;
  /** After reset() the saved copy is not trusted (it may predate what made the reset necessary). */
  private trustFile = true;
  /**
   * Validity by document (absent: 'unknown'). A document's validity changes when another document
   * (the one replacing it) changes, so it is re-read whole after any change rather than per id.
   */
  private validity: Map<number, ValidityStatus> | null = null;
  private readonly rows: AttributeRows;
  private readonly opts: DocAttributePersistence | undefined;

  constructor(rows: AttributeRows, opts?: DocAttributePersistence) {
    this.rows = rows;
    this.opts = opts;
  }

  private columns(): Columns {
    if (this.cols) return this.cols;
    if (this.opts && this.trustFile && this.loadFile()) return this.cols!;
    return this.loadSql();
  }

  private loadSql(): Columns {
    const seq = this.opts?.checkpoint() ?? 0;
    const tags = new Map<number, string[]>();
    for (const [docId, name] of this.rows.allTags()) {
      const list = tags.get(docId);
      if (list) list.push(name);
      else tags.set(docId, [name]);
    }
    // By name (code-point order, as SQLite's BINARY for this text): sorting each document's few
    // tags beats sorting every row in SQL.
    for (const list of tags.values()) if (list.length > 1) list.sort();
    const rows = this.rows.all();
    const cap = rows.length > 0 ? rows[rows.length - 1]![0] + 1 : 1;
    const c = emptyColumns(cap);
    let tagCount = 0;
    for (const list of tags.values()) tagCount += list.length;
    c.tagCodes = new Uint32Array(tagCount);
    let at = 0;
    let r = 0;
    for (let id = 0; id < cap; id++) {
      c.tagStart[id] = at;
      const row = rows[r];
      if (!row || row[0] !== id) continue;
      r++;
      const [, docType, issuer, date, key, access] = row;
      c.access[id] = ACCESS_CODE[access];
      c.type[id] = this.codes.type.code(docType);
      c.issuer[id] = this.codes.issuer.code(issuer);
      c.date[id] = this.dates.code(date);
      c.keys[id] = key;
      c.count++;
      for (const t of tags.get(id) ?? NO_TAGS) c.tagCodes[at++] = this.codes.tag.code(t);
    }
    c.tagStart[cap] = at;
    this.cols = c;
    this.objs = [];
    this.seq = seq;
    this.dirty = true;
    return c;
  }

  /** Reads the saved columns and catches up with the journal; false when they cannot be trusted. */
  private loadFile(): boolean {
    const opts = this.opts!;
    const read = readChecksummedFile(
      join(opts.derivedDir, ATTR_FILE.name),
      ATTR_FILE.kind,
      ATTR_FILE.version,
    );
    if (!read.ok) return false;
    try {
      const p = read.payload;
      const headLen = p.readUInt32LE(0);
      const keysLen = p.readUInt32LE(4);
      const head = JSON.parse(p.toString('utf8', 8, 8 + headLen)) as SavedHead;
      const current = opts.checkpoint();
      if (head.seq > current) return false; // from another history of this archive
      // Also when the checkpoint has not moved: a process that does not index (read-only, or an
      // archive opened without search) leaves later changes in the journal past it.
      const changed = opts.changedSince(head.seq);
      if (!changed) return false; // the journal no longer holds every change since
      const cap = head.cap;
      let off = 8 + headLen;
      const keysText = p.toString('utf8', off, off + keysLen);
      off = align8(off + keysLen);
      const u8 = (n: number): Uint8Array => {
        const a = new Uint8Array(n);
        a.set(p.subarray(off, off + n));
        off = align8(off + n);
        return a;
      };
      const u32 = (n: number): Uint32Array => {
        const a = new Uint32Array(n);
        new Uint8Array(a.buffer).set(p.subarray(off, off + n * 4));
        off = align8(off + n * 4);
        return a;
      };
      const access = u8(cap);
      const type = u32(cap);
      const issuer = u32(cap);
      const date = u32(cap);
      const tagStart = u32(cap + 1);
      const tagCodes = u32(tagStart[cap]!);
      if (off !== p.length) return false;
      for (const v of head.types.slice(1)) this.codes.type.code(v);
      for (const v of head.issuers.slice(1)) this.codes.issuer.code(v);
      for (const v of head.tags.slice(1)) this.codes.tag.code(v);
      for (const v of head.dates.slice(1)) this.dates.code(v);
      // Codes are positions in these lists: a list that does not intern back to itself is foreign.
      if (
        this.codes.type.values.length !== head.types.length ||
        this.codes.issuer.values.length !== head.issuers.length ||
        this.codes.tag.values.length !== head.tags.length ||
        this.dates.values.length !== head.dates.length
      ) {
        return false;
      }
      const keys = JSON.parse(keysText) as (string | null)[];
      if (keys.length !== cap) return false;
      this.cols = {
        cap,
        top: cap - 1,
        count: head.count,
        access,
        type,
        issuer,
        date,
        keys,
        tagStart,
        tagCodes,
        extraTags: new Map(),
      };
      this.objs = [];
      this.seq = head.seq;
      this.dirty = false;
      this.refresh(changed, current);
      // A copy saved for another database (restored alone) would show documents that are not there.
      if (this.cols.top < this.rows.maxId()) {
        this.reset();
        return false;
      }
      return true;
    } catch {
      this.reset();
      return false;
    }
  }

  /** Writes the columns to the derived folder (atomically) when they changed since the last save. */
  save(): void {
    const c = this.cols;
    if (!c || !this.dirty || !this.opts) return;
    const compact = this.compacted(c);
    const head = JSON.stringify({
      seq: this.seq,
      cap: compact.cap,
      count: compact.count,
      types: this.codes.type.values,
      issuers: this.codes.issuer.values,
      tags: this.codes.tag.values,
      dates: this.dates.values,
    } satisfies SavedHead);
    const headBuf = Buffer.from(head, 'utf8');
    const keysBuf = Buffer.from(JSON.stringify(compact.keys), 'utf8');
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(headBuf.length, 0);
    prefix.writeUInt32LE(keysBuf.length, 4);
    const parts: Uint8Array[] = [prefix, headBuf, keysBuf];
    let len = 8 + headBuf.length + keysBuf.length;
    const pad = (): void => {
      const n = align8(len) - len;
      if (n > 0) parts.push(Buffer.alloc(n));
      len += n;
    };
    const push = (a: Uint8Array | Uint32Array): void => {
      parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      len += a.byteLength;
      pad();
    };
    pad();
    push(compact.access.subarray(0, compact.cap));
    push(compact.type.subarray(0, compact.cap));
    push(compact.issuer.subarray(0, compact.cap));
    push(compact.date.subarray(0, compact.cap));
    push(compact.tagStart.subarray(0, compact.cap + 1));
    push(compact.tagCodes.subarray(0, compact.tagStart[compact.cap]));
    mkdirSync(this.opts.derivedDir, { recursive: true });
    writeChecksummedFile(
      join(this.opts.derivedDir, ATTR_FILE.name),
      ATTR_FILE.kind,
      ATTR_FILE.version,
      parts,
    );
    this.dirty = false;
  }

  /** The columns with tags changed since load folded back into one CSR list (what is saved). */
  private compacted(c: Columns): Columns {
    const cap = c.top + 1;
    if (c.extraTags.size === 0 && c.cap === cap) return c;
    let total = 0;
    for (let id = 0; id < cap; id++) total += this.tagCodesOf(c, id).length;
    const tagStart = new Uint32Array(cap + 1);
    const tagCodes = new Uint32Array(total);
    let at = 0;
    for (let id = 0; id < cap; id++) {
      tagStart[id] = at;
      for (const t of this.tagCodesOf(c, id)) tagCodes[at++] = t;
    }
    tagStart[cap] = at;
    return { ...c, cap, keys: c.keys.slice(0, cap), tagStart, tagCodes, extraTags: new Map() };
  }

  private tagCodesOf(c: Columns, id: number): readonly number[] | Uint32Array {
    const extra = c.extraTags.get(id);
    if (extra) return extra;
    if (id + 1 >= c.tagStart.length) return NO_CODES;
    return c.tagCodes.subarray(c.tagStart[id]!, c.tagStart[id + 1]!);
  }

  private make(c: Columns, id: number): DocAttributes {
    const codes = this.codes;
    const type = codes.type.values[c.type[id]!] || null;
    const issuer = codes.issuer.values[c.issuer[id]!] || null;
    const date = this.dates.values[c.date[id]!] || null;
    const tagCodes = Array.from(this.tagCodesOf(c, id));
    const tags = tagCodes.length > 0 ? tagCodes.map((t) => codes.tag.values[t]!) : NO_TAGS;
    return {
      id,
      type,
      typeF: codes.folded(type),
      issuer,
      issuerF: codes.folded(issuer),
      date,
      year: date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null,
      tags,
      tagsF: tags.length > 0 ? tags.map((t) => codes.folded(t)) : NO_TAGS,
      numberKey: c.keys[id] ?? null,
      access: ACCESS_LEVELS[c.access[id]! - 1]!,
      typeCode: c.type[id]!,
      issuerCode: c.issuer[id]!,
      tagCodes: tagCodes.length > 0 ? tagCodes : NO_CODES,
    };
  }

  /** The columns by id (see AttributeColumns). */
  columnsView(): AttributeColumns {
    const c = this.columns();
    const dates = this.dates.values;
    if (this.yearOfDate.length < dates.length) {
      const years = new Int32Array(dates.length);
      for (let k = 0; k < dates.length; k++) {
        const d = dates[k]!;
        years[k] = /^\d{4}/.test(d) ? Number(d.slice(0, 4)) : -1;
      }
      this.yearOfDate = years;
      this.view = null;
    }
    if (this.view && this.viewOf === c && this.view.access === c.access) return this.view;
    this.viewOf = c;
    const years = this.yearOfDate;
    const date = c.date;
    this.view = {
      cap: c.cap,
      access: c.access,
      type: c.type,
      issuer: c.issuer,
      yearOf: (id) => years[date[id]!]!,
      countTags: (id, counts) => {
        const extra = c.extraTags.size > 0 ? c.extraTags.get(id) : undefined;
        if (extra) {
          for (const t of extra) counts[t]!++;
          return;
        }
        if (id + 1 >= c.tagStart.length) return;
        const codes = c.tagCodes;
        for (let k = c.tagStart[id]!, end = c.tagStart[id + 1]!; k < end; k++) counts[codes[k]!]!++;
      },
      dateOf: (id) => dates[date[id]!] || null,
    };
    return this.view;
  }

  /** Tình trạng hiệu lực of every document whose status is known (the rest are 'unknown'). */
  validities(): ReadonlyMap<number, ValidityStatus> {
    return (this.validity ??= this.rows.validities());
  }

  /** Number of documents. */
  size(): number {
    return this.columns().count;
  }

  /** The largest document id (ids index per-query score arrays). */
  maxId(): number {
    return Math.max(0, this.columns().top);
  }

  get(id: number): DocAttributes | undefined {
    const c = this.columns();
    if (id < 0 || id >= c.cap || c.access[id] === 0) return undefined;
    return (this.objs[id] ??= this.make(c, id));
  }

  /** Every document, by id. */
  *all(): Generator<DocAttributes> {
    const c = this.columns();
    for (let id = 1; id < c.cap; id++) if (c.access[id] !== 0) yield this.get(id)!;
  }

  /** Số ký hiệu key of a document (without making its attributes object: scans read only this). */
  numberKeyOf(id: number): string | null {
    const c = this.columns();
    return id < c.cap && c.access[id] !== 0 ? (c.keys[id] ?? null) : null;
  }

  /** Tình trạng hiệu lực of a document (derived from the relation graph, or a person's override). */
  validityOf(id: number): ValidityStatus {
    return this.validities().get(id) ?? 'unknown';
  }

  /** Re-reads the given documents (after a commit, the journal at `seq`); deleted ones disappear. */
  refresh(ids: Iterable<number>, seq?: number): void {
    this.validity = null;
    this.view = null;
    const c = this.cols;
    if (!c) return; // not loaded yet: the first use reads everything fresh
    for (const id of ids) {
      const r = this.rows.one(id);
      const had = id < c.cap && c.access[id] !== 0;
      this.objs[id] = undefined;
      if (r) {
        if (id >= c.cap) grow(c, id + 1);
        c.top = Math.max(c.top, id);
        c.access[id] = ACCESS_CODE[r.access];
        c.type[id] = this.codes.type.code(r.doc_type);
        c.issuer[id] = this.codes.issuer.code(r.issuer);
        c.date[id] = this.dates.code(r.issued_date);
        c.keys[id] = r.number_key;
        c.extraTags.set(
          id,
          this.rows.tagsOf(id).map((t) => this.codes.tag.code(t)),
        );
        if (!had) c.count++;
      } else if (had) {
        c.access[id] = 0;
        c.extraTags.set(id, []);
        c.count--;
      }
      this.dirty = true;
    }
    if (seq !== undefined) this.seq = Math.max(this.seq, seq);
  }

  /** Forget everything (after a rebuild); the saved copy is not used again. */
  reset(): void {
    this.validity = null;
    this.view = null;
    this.cols = null;
    this.objs = [];
    this.trustFile = false;
  }
}
