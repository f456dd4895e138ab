// Instant find (every keystroke of the search box): flexsearch in memory over the identity fields
// only (số ký hiệu, loại văn bản + trích yếu as the title — "Kế hoạch triển khai …" is how a document
// is named —, cơ quan, tags, người ký), one `forward` (prefix) index per
// field with an encoder that folds through the Vietnamese text engine (flexsearch's own leaves đ and
// merges repeated letters). Persisted in the archive's derived folder and rebuilt from SQLite when
// missing, unreadable or older than the search checkpoint can catch up from. The file is binary
// (issue 15, scale): flexsearch's own JSON export was parsed twice at the first keystroke (the file,
// then each chunk inside import), ~35 MB of text at 50k documents; ids as u32 arrays and terms in one
// string are read with one pass and handed to flexsearch's import as arrays.

import { Encoder, Index } from 'flexsearch';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { InstantHit } from '../../contract/search-types.js';
import type { IdentityRow, IdentityRows } from '../archive/identity-rows.js';
import { readChecksummedFile, writeChecksummedFile } from '../archive/durable-file.js';
import { fold } from '../text/normalize.js';
import { SELECTIVE_MIN_DOCS } from './fts-query.js';

const FIELDS = ['number', 'title', 'issuer', 'tags', 'signer'] as const;
type Field = (typeof FIELDS)[number];
/** Field priority when merging: a number or title hit outranks an issuer or signer hit. */
const FIELD_WEIGHT: Record<Field, number> = { number: 5, title: 4, tags: 2.5, issuer: 2, signer: 1.5 };
const FORMAT_VERSION = 5;
/** Words in more than this share of a field's values are left out of a multi-word query on it. */
const COMMON_WORD = 0.05;
/** The file in the derived folder, and the kind and version its checksummed header names (durable-file.ts). */
export const INSTANT_FILE = {
  name: 'instant-find.bin',
  kind: 'instant-find',
  version: FORMAT_VERSION,
} as const;

/** Folded words of a type name, space separated. */
function typeWords(s: string): string {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

/** The text of one identity field of a document: the title field is its type followed by its title. */
function fieldText(r: IdentityRow, f: Field): string | null {
  if (f === 'title') return r.doc_type ? `${r.doc_type} ${r.title}` : r.title;
  return r[f];
}

/** The JSON file of format 3 and before: removed once the binary file is saved. */
const LEGACY_FILE = 'instant-find.json';

/** flexsearch's in-memory index as its export and import see it (not in its typings). */
interface FlexInternals {
  reg: { keys(): Iterable<number>; size: number };
  /** term → score slots (by position), each a list of ids or empty. */
  map: Map<string, (number[] | null | undefined)[]>;
  ctx: Map<unknown, unknown>;
  import(key: string, data: unknown): void;
}
const internals = (ix: Index): FlexInternals => ix as unknown as FlexInternals;

/** A slot without ids (a hole or null in flexsearch's arrays). */
const NO_SLOT = 0xffffffff;

// Payload (little-endian, every part 4-byte aligned), after a f64 seq, for each field in FIELDS order:
//   u32 nReg, u32[nReg] ids registered;
//   u32 nTerms, u32 nChars, u32[nTerms + 1] term starts in the chars, u16[nChars] (+pad) the terms'
//   UTF-16 text; u32[nTerms + 1] slot starts; u32 nSlots, u32[nSlots] each slot's id count or NO_SLOT;
//   u32 nIds, u32[nIds] the ids, slot after slot.
function encodeField(ix: Index): Uint8Array[] {
  const { reg, map, ctx } = internals(ix);
  if (ctx.size > 0) throw new Error('instant index: context entries are not persisted');
  const u32 = (a: ArrayLike<number>): Uint8Array => {
    const t = Uint32Array.from(a);
    return new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
  };
  const terms: string[] = [];
  const termStarts: number[] = [0];
  const slotStarts: number[] = [0];
  const slotLens: number[] = [];
  // Millions of ids at 200k documents: a growing u32 buffer, not an array of numbers.
  let ids = new Uint32Array(1 << 16);
  let nIds = 0;
  let chars = 0;
  for (const [term, slots] of map) {
    terms.push(term);
    chars += term.length;
    termStarts.push(chars);
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      if (!s) slotLens.push(NO_SLOT);
      else {
        slotLens.push(s.length);
        if (nIds + s.length > ids.length) {
          const grown = new Uint32Array(Math.max(ids.length * 2, nIds + s.length));
          grown.set(ids.subarray(0, nIds));
          ids = grown;
        }
        for (const id of s) ids[nIds++] = id;
      }
    }
    slotStarts.push(slotLens.length);
  }
  const text = terms.join('');
  const textBytes = new Uint8Array(Math.ceil((text.length * 2) / 4) * 4);
  const view = new Uint16Array(textBytes.buffer, 0, text.length);
  for (let i = 0; i < text.length; i++) view[i] = text.charCodeAt(i);
  const regIds = [...reg.keys()];
  return [
    u32([regIds.length]),
    u32(regIds),
    u32([terms.length, chars]),
    u32(termStarts),
    textBytes,
    u32(slotStarts),
    u32([slotLens.length]),
    u32(slotLens),
    u32([nIds]),
    new Uint8Array(ids.buffer, 0, nIds * 4),
  ];
}

/** Reads what encodeField wrote; throws on any inconsistency (the caller rebuilds). */
class PayloadReader {
  private at = 8;
  private readonly buf: Uint8Array<ArrayBuffer>;
  constructor(payload: Uint8Array<ArrayBuffer>) {
    // Typed views need 4-byte alignment; a payload that does not start aligned is copied once.
    this.buf = payload.byteOffset % 4 === 0 ? payload : new Uint8Array(payload);
  }
  seq(): number {
    return new DataView(this.buf.buffer, this.buf.byteOffset, 8).getFloat64(0, true);
  }
  u32s(n: number): Uint32Array {
    if (this.at + n * 4 > this.buf.byteLength) throw new Error('instant index truncated');
    const out = new Uint32Array(this.buf.buffer, this.buf.byteOffset + this.at, n);
    this.at += n * 4;
    return out;
  }
  one(): number {
    return this.u32s(1)[0]!;
  }
  /** The UTF-16 text of n code units, as a function of [start, end) returning its own string. */
  text(n: number): (start: number, end: number) => string {
    const bytes = Math.ceil((n * 2) / 4) * 4;
    if (this.at + bytes > this.buf.byteLength) throw new Error('instant index truncated');
    const b = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.at, n * 2);
    this.at += bytes;
    // Decoded term by term: a slice of one large decoded string would keep all of it alive.
    return (start, end) => b.toString('utf16le', start * 2, end * 2);
  }
  done(): boolean {
    return this.at === this.buf.byteLength;
  }
}

interface WordCounts {
  df: Record<Field, Map<string, number>>;
  docs: number;
  types: Set<string>;
}

/** Per field, in how many documents each folded word occurs; the number of documents; the type names. */
function countIdentityWords(rows: IdentityRows): WordCounts {
  const df = emptyDf();
  const types = new Set<string>();
  let docs = 0;
  for (const r of rows.all()) {
    const t = r.doc_type ? typeWords(r.doc_type) : '';
    if (t) types.add(t);
    for (const f of FIELDS) {
      const v = fieldText(r, f);
      if (!v) continue;
      for (const w of new Set(fold(v).split(/[^\p{L}\p{N}]+/u))) if (w) df[f].set(w, (df[f].get(w) ?? 0) + 1);
    }
    docs++;
  }
  return { df, docs, types };
}

/** A list of strings: u32 n, u32 nChars, u32[n + 1] starts, u16[nChars] (+pad). */
function encodeStrings(list: readonly string[]): Uint8Array[] {
  const starts = new Uint32Array(list.length + 1);
  let chars = 0;
  list.forEach((w, i) => {
    chars += w.length;
    starts[i + 1] = chars;
  });
  const text = new Uint8Array(Math.ceil((chars * 2) / 4) * 4);
  const view = new Uint16Array(text.buffer, 0, chars);
  let at = 0;
  for (const w of list) for (let i = 0; i < w.length; i++) view[at++] = w.charCodeAt(i);
  return [new Uint8Array(Uint32Array.of(list.length, chars).buffer), new Uint8Array(starts.buffer), text];
}

function decodeStrings(r: PayloadReader): string[] {
  const n = r.one();
  const chars = r.one();
  const starts = r.u32s(n + 1);
  if (starts[n] !== chars) throw new Error('instant index inconsistent');
  const text = r.text(chars);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = text(starts[i]!, starts[i + 1]!);
  return out;
}

// After the fields: u32 docs, the type names (strings), then per field its words (strings) and
// u32[n] their document counts.
function encodeCounts(c: WordCounts): Uint8Array[] {
  const out = [new Uint8Array(Uint32Array.of(c.docs).buffer), ...encodeStrings([...c.types])];
  for (const f of FIELDS) {
    const words = [...c.df[f].keys()];
    out.push(...encodeStrings(words), new Uint8Array(Uint32Array.from(c.df[f].values()).buffer));
  }
  return out;
}

function decodeCounts(r: PayloadReader): WordCounts {
  const docs = r.one();
  const types = new Set(decodeStrings(r));
  const df = emptyDf();
  for (const f of FIELDS) {
    const words = decodeStrings(r);
    const n = r.u32s(words.length);
    words.forEach((w, i) => df[f].set(w, n[i]!));
  }
  return { df, docs, types };
}

/** Entries handed to flexsearch's import per call: bounds the transient arrays. */
const IMPORT_CHUNK = 20000;

function decodeField(ix: Index, r: PayloadReader): void {
  const flex = internals(ix);
  const nReg = r.one();
  flex.import('reg', Array.from(r.u32s(nReg)));
  const nTerms = r.one();
  const nChars = r.one();
  const termStarts = r.u32s(nTerms + 1);
  const text = r.text(nChars);
  const slotStarts = r.u32s(nTerms + 1);
  const slotLens = r.u32s(r.one());
  const ids = r.u32s(r.one());
  if (termStarts[nTerms] !== nChars || slotStarts[nTerms] !== slotLens.length)
    throw new Error('instant index inconsistent');
  let idAt = 0;
  let chunk: [string, (number[] | null)[]][] = [];
  for (let t = 0; t < nTerms; t++) {
    // Arrays of their exact length, as JSON.parse makes them: pushed ones carry spare capacity
    // (most lists hold one or two ids).
    const first = slotStarts[t]!;
    const slots = new Array<number[] | null>(slotStarts[t + 1]! - first);
    for (let s = 0; s < slots.length; s++) {
      const n = slotLens[first + s]!;
      if (n === NO_SLOT) slots[s] = null;
      else {
        if (idAt + n > ids.length) throw new Error('instant index inconsistent');
        const list = new Array<number>(n);
        for (let i = 0; i < n; i++) list[i] = ids[idAt + i]!;
        slots[s] = list;
        idAt += n;
      }
    }
    chunk.push([text(termStarts[t]!, termStarts[t + 1]!), slots]);
    if (chunk.length === IMPORT_CHUNK) {
      flex.import('map', chunk);
      chunk = [];
    }
  }
  if (chunk.length) flex.import('map', chunk);
  if (idAt !== ids.length) throw new Error('instant index inconsistent');
}

function makeEncoder(): Encoder {
  return new Encoder({ normalize: (s: string) => fold(s), dedupe: false, numeric: false });
}

/** A number without separators, case or accents ("08/2022/QĐ-TTg" → "082022qdttg"): typed prefixes of it match. */
function compactNumber(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '');
}

/** Typed text that reads as (the start of) a document number: digits with / or -, or only digits. */
function looksLikeNumber(q: string): boolean {
  return /^\d+$/.test(q) || (/\d/.test(q) && /[/-]/.test(q) && !/\s/.test(q));
}

function emptyDf(): Record<Field, Map<string, number>> {
  return { number: new Map(), title: new Map(), issuer: new Map(), tags: new Map(), signer: new Map() };
}

function makeIndexes(): Record<Field, Index> {
  const out = {} as Record<Field, Index>;
  for (const f of FIELDS) out[f] = new Index({ tokenize: 'forward', encoder: makeEncoder() });
  return out;
}

export class InstantIndex {
  private indexes: Record<Field, Index> | null = null;
  /** Journal position the in-memory index reflects. */
  private seq = 0;
  private dirty = false;
  private readonly file: string;

  constructor(
    private readonly rows: IdentityRows,
    private readonly derivedDir: string,
  ) {
    this.file = join(derivedDir, INSTANT_FILE.name);
  }

  private addRow(ix: Record<Field, Index>, r: IdentityRow): void {
    for (const f of FIELDS) {
      const v = fieldText(r, f);
      if (!v) continue;
      ix[f].add(r.id, f === 'number' ? `${compactNumber(v)} ${v}` : v);
    }
  }

  /** Word counts per field (to leave very common words out of a query, and skip fields lacking a word). */
  private wordDf: Record<Field, Map<string, number>> = emptyDf();
  private docs = 0;
  /** Document types of the archive, as folded words ("ke hoach"): a typed type ranks its documents. */
  private types = new Set<string>();

  /** Whether wordDf, docs and types are those of a pass over the rows (no write applied since). */
  private countsExact = false;

  private noteType(r: IdentityRow): void {
    const t = r.doc_type ? typeWords(r.doc_type) : '';
    if (t) this.types.add(t);
  }

  private countWords(): void {
    const c = countIdentityWords(this.rows);
    this.wordDf = c.df;
    this.docs = c.docs;
    this.types = c.types;
    this.countsExact = true;
  }

  /** Builds from SQLite (all documents). */
  rebuild(seq: number): void {
    const ix = makeIndexes();
    this.countWords();
    for (const r of this.rows.all()) this.addRow(ix, r);
    this.indexes = ix;
    this.seq = seq;
    this.dirty = true;
  }

  /**
   * Makes the index current: loads the persisted copy when it is readable and the journal still
   * holds every change since it was saved (applying them), otherwise rebuilds from SQLite.
   */
  ensure(currentSeq: number, changedSince: (seq: number) => number[] | null): void {
    if (this.indexes) return;
    const loaded = this.load();
    if (loaded !== null) {
      const changed = loaded === currentSeq ? [] : changedSince(loaded);
      if (changed) {
        this.seq = loaded;
        this.apply(changed, currentSeq);
        return;
      }
    }
    this.rebuild(currentSeq);
  }

  private load(): number | null {
    // Trusted only whole: a torn, truncated, bit-flipped or foreign file is rebuilt from SQLite.
    const read = readChecksummedFile(this.file, INSTANT_FILE.kind, INSTANT_FILE.version);
    if (!read.ok) return null;
    try {
      const r = new PayloadReader(read.payload);
      const seq = r.seq();
      const ix = makeIndexes();
      for (const f of FIELDS) decodeField(ix[f], r);
      // The counts saved with the file: a pass over every row (fold() of each) was most of a load.
      const counts = decodeCounts(r);
      if (!r.done()) return null;
      this.indexes = ix;
      this.wordDf = counts.df;
      this.docs = counts.docs;
      this.types = counts.types;
      this.countsExact = true;
      return seq;
    } catch {
      return null; // unreadable or partial: rebuild from SQLite
    }
  }

  /** Re-reads the given documents (after a commit); deleted ones are removed. */
  apply(ids: Iterable<number>, seq: number): void {
    const ix = this.indexes;
    if (!ix) return; // not loaded: the next ensure() reads the current state
    for (const id of ids) {
      for (const f of FIELDS) ix[f].remove(id);
      this.countsExact = false;
      const r = this.rows.one(id);
      if (r) {
        this.addRow(ix, r);
        this.noteType(r);
        // New words become known to the per-field counts (counts of removed words decay only at rebuild).
        for (const f of FIELDS) {
          const v = fieldText(r, f);
          if (!v) continue;
          for (const w of new Set(fold(v).split(/[^\p{L}\p{N}]+/u))) {
            if (w) this.wordDf[f].set(w, (this.wordDf[f].get(w) ?? 0) + 1);
          }
        }
      }
      this.dirty = true;
    }
    this.seq = Math.max(this.seq, seq);
  }

  /** Writes the index to the derived folder (atomically) when it changed since the last save. */
  save(): void {
    const ix = this.indexes;
    if (!ix || !this.dirty) return;
    const head = new Uint8Array(8);
    new DataView(head.buffer).setFloat64(0, this.seq, true);
    // Counts as a fresh pass gives them (what a load computed before they were saved): the ones in
    // memory only grow with writes.
    const counts = this.countsExact
      ? { df: this.wordDf, docs: this.docs, types: this.types }
      : countIdentityWords(this.rows);
    const parts = [head, ...FIELDS.flatMap((f) => encodeField(ix[f])), ...encodeCounts(counts)];
    mkdirSync(this.derivedDir, { recursive: true });
    writeChecksummedFile(this.file, INSTANT_FILE.kind, INSTANT_FILE.version, parts);
    // The format-3 JSON file, if any, is superseded (it was never trusted over a valid binary file).
    rmSync(join(this.derivedDir, LEGACY_FILE), { force: true });
    this.dirty = false;
  }

  get loaded(): boolean {
    return this.indexes !== null;
  }

  find(query: string, limit: number): InstantHit[] {
    const ix = this.indexes;
    const q = query.trim();
    if (!ix || !q) return [];
    const scores = new Map<number, { score: number; field: Field; best: number }>();
    const collect = (f: Field, ids: number[], factor: number): void => {
      ids.forEach((id, rank) => {
        const s = factor * FIELD_WEIGHT[f] * (1 / (1 + rank * 0.05));
        const cur = scores.get(id);
        if (!cur) scores.set(id, { score: s, field: f, best: s });
        else {
          cur.score += s * 0.5;
          if (s > cur.best) {
            cur.best = s;
            cur.field = f;
          }
        }
      });
    };
    if (looksLikeNumber(q)) {
      // A number being typed: one prefix of the compact number, not an intersection of its parts.
      collect('number', ix.number.search(compactNumber(q), { limit: limit * 3 }) as number[], 10);
      if (scores.size > 0) return this.hits(scores, limit);
    }
    // Per field: a field lacking one of the typed words (all but the last, still being typed) cannot
    // match them all and is skipped; very common words ("trên", "địa", "bàn") are left out, and of the
    // rest the two rarest are enough — every further word only costs an intersection.
    const words = fold(q)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    // A last word of one letter selects almost nothing yet: it waits for the next keystroke.
    if (words.length > 1 && words[words.length - 1]!.length === 1) words.pop();
    const fieldQuery = (f: Field): string | null => {
      const df = this.wordDf[f];
      const head = words.slice(0, -1);
      if (head.some((w) => !df.has(w))) return null;
      // In a small archive every typed word is matched on: none is too common there and each one
      // narrows the list (speed is no concern).
      if (this.docs < SELECTIVE_MIN_DOCS) return words.join(' ');
      const limitDf = COMMON_WORD * this.docs;
      const rarest = new Set(
        head
          .filter((w) => (df.get(w) ?? 0) <= limitDf)
          .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))
          .slice(0, 2),
      );
      const kept = words.filter((w, i) => i === words.length - 1 || rarest.has(w));
      return kept.join(' ') || null;
    };
    // Documents matching every typed word in some field come first; partial title matches
    // (flexsearch's suggest) only fill up the list.
    for (const f of FIELDS) {
      const fq = fieldQuery(f);
      if (fq) collect(f, ix[f].search(fq, { limit: limit * 3 }) as number[], 10);
    }
    // A document type among the typed words ("ke hoach chuyen doi so"): documents of that type come
    // next, before partial title matches — the title field starts with the type.
    const typed = ` ${words.join(' ')} `;
    for (const t of this.types) {
      if (typed.includes(` ${t} `) && t !== words.join(' '))
        collect('title', ix.title.search(t, { limit: limit * 3 }) as number[], 1.5);
    }
    const titleQuery = fieldQuery('title') ?? words.join(' ');
    if (scores.size < limit)
      collect('title', ix.title.search(titleQuery, { limit: limit * 3, suggest: true }) as number[], 1);
    return this.hits(scores, limit);
  }

  /** Suggestions for documents chosen elsewhere (named by the query's intent), in the order given. */
  hitsOf(named: readonly (readonly [number, Field])[]): InstantHit[] {
    const n = named.length;
    return this.hits(new Map(named.map(([id, field], i) => [id, { score: n - i, field, best: 0 }])), n);
  }

  private hits(
    scores: Map<number, { score: number; field: Field; best: number }>,
    limit: number,
  ): InstantHit[] {
    const ranked = [...scores.entries()]
      .sort((a, b) => b[1].score - a[1].score || b[0] - a[0])
      .slice(0, limit);
    const out: InstantHit[] = [];
    for (const [id, s] of ranked) {
      const r = this.rows.hit(id);
      if (!r) continue; // deleted since: never shown
      out.push({
        id: r.id,
        number: r.number,
        title: r.title,
        docType: r.doc_type,
        issuer: r.issuer,
        issuedDate: r.issued_date,
        field: s.field,
      });
    }
    return out;
  }
}
