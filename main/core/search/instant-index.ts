// Instant find (every keystroke of the search box): flexsearch in memory over the identity fields
// only (số ký hiệu, loại văn bản + trích yếu as the title — "Kế hoạch triển khai …" is how a document
// is named —, cơ quan, tags, người ký), one `forward` (prefix) index per
// field with an encoder that folds through the Vietnamese text engine (flexsearch's own leaves đ and
// merges repeated letters). Persisted in the archive's derived folder and rebuilt from SQLite when
// missing, unreadable or older than the search checkpoint can catch up from.

import { Encoder, Index } from 'flexsearch';
import { mkdirSync } from 'node:fs';
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
const FORMAT_VERSION = 3;
/** Words in more than this share of a field's values are left out of a multi-word query on it. */
const COMMON_WORD = 0.05;
/** The file in the derived folder, and the kind and version its checksummed header names (durable-file.ts); JSON inside. */
export const INSTANT_FILE = {
  name: 'instant-find.json',
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

interface Persisted {
  version: number;
  seq: number;
  data: Record<string, Record<string, string>>;
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

  private noteType(r: IdentityRow): void {
    const t = r.doc_type ? typeWords(r.doc_type) : '';
    if (t) this.types.add(t);
  }

  private countWords(): void {
    const df = emptyDf();
    let docs = 0;
    this.types = new Set();
    for (const r of this.rows.all()) {
      this.noteType(r);
      for (const f of FIELDS) {
        const v = fieldText(r, f);
        if (!v) continue;
        for (const w of new Set(fold(v).split(/[^\p{L}\p{N}]+/u)))
          if (w) df[f].set(w, (df[f].get(w) ?? 0) + 1);
      }
      docs++;
    }
    this.wordDf = df;
    this.docs = docs;
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
      const p = JSON.parse(read.payload.toString('utf8')) as Persisted;
      if (p.version !== FORMAT_VERSION) return null;
      const ix = makeIndexes();
      for (const f of FIELDS) {
        for (const [k, d] of Object.entries(p.data[f] ?? {})) ix[f].import(k, d);
      }
      this.indexes = ix;
      this.countWords();
      return p.seq;
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
    const data: Record<string, Record<string, string>> = {};
    for (const f of FIELDS) {
      const entries: Record<string, string> = {};
      // A synchronous handler makes flexsearch export synchronously.
      void ix[f].export((k: string, d: string) => {
        entries[k] = d;
      });
      data[f] = entries;
    }
    mkdirSync(this.derivedDir, { recursive: true });
    writeChecksummedFile(this.file, INSTANT_FILE.kind, INSTANT_FILE.version, [
      JSON.stringify({ version: FORMAT_VERSION, seq: this.seq, data } satisfies Persisted),
    ]);
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
