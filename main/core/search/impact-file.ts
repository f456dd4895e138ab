// The impact store's file in the archive's derived folder (impacts.bin): its layout, writing it as a
// stream of parts, and reading it in parts. At open only its header and the per-document arrays (a
// few MB at 200,000 documents) are read, then each term's postings the first time a query names it
// (impact-store.ts), each part checked against its own hash, so a search in a fresh process reads
// what it needs. A save is written term by term (the store merges the old file's part with the
// session's changes), so neither writing nor reading ever holds the whole file.
//
// Layout, inside durable-file.ts's checksummed envelope: the parts, each a run of arrays padded to 4
// bytes (the 32-bit views stay aligned) under one truncated hash; the JSON header (counts, each
// term's part, the pending part); the per-document arrays (live, lengths, generations); a trailer
// (magic, header length, header offset, SHA-256 of the header and the per-document arrays). The
// header comes last because it names the parts, known only once written.

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  openChecksummedFile,
  writeChecksummedStream,
  type ChecksummedHandle,
} from '../archive/durable-file.js';
import type { TermKind } from './fts-query.js';
import { PENDING_STRIDE, type Pending, type Postings } from './impact-postings.js';
import { KIND_INDEX, KINDS, type KindMaps } from './impact-terms.js';

const FORMAT_VERSION = 6;
/** The file in the derived folder, and the kind and version its checksummed header names (durable-file.ts). */
export const IMPACTS_FILE = { name: 'impacts.bin', kind: 'impacts', version: FORMAT_VERSION } as const;
const MAGIC = 0x564b4931; // "VKI1"
/** Magic, header length, header offset, SHA-256 of the header and the per-document arrays. */
const TRAILER_BYTES = 48;

const align4 = (n: number): number => n + ((4 - (n % 4)) % 4);

/** Hash of one part of the file (truncated SHA-256: detects damage, no adversary here). */
function partHash(parts: readonly Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('base64').slice(0, 22);
}

/** Where a term's postings lie in the file (offset from the data start) and what they are. */
export interface TermRef {
  repr: 'd' | 's';
  n: number;
  big: number;
  at: number;
  bytes: number;
  hash: string;
}

type HeaderTerm = [TermKind, string, 'd' | 's', number, number, number, number, string];

interface StoreHeader {
  version: number;
  seq: number;
  capacity: number;
  docs: number;
  totalLen: number;
  terms: HeaderTerm[];
  pending: { at: number; bytes: number; hash: string; postings: number; jsonBytes: number };
}

/** The per-document part of what the store holds, as written to the file and read back from it. */
export interface ImpactDocArrays {
  /** The journal position the contents are equal to the data at. */
  seq: number;
  docs: number;
  totalLen: number;
  /** Per document id: live (1), length in tokens, generation (impact-postings.ts Pending). */
  live: Uint8Array<ArrayBuffer>;
  lens: Uint32Array<ArrayBuffer>;
  gens: Uint32Array<ArrayBuffer>;
}

/** What a save writes: the per-document arrays, every stored term's postings one at a time, the pending lists. */
export interface ImpactContents extends ImpactDocArrays {
  /** Each stored term (kind index, term, postings), produced when written: only one need be in memory. */
  members: Iterable<[number, string, Postings]>;
  pending: KindMaps<Pending>;
}

/** An open file whose postings are read on demand: where each term's part and the pending part lie. */
export interface ImpactFileParts {
  handle: ChecksummedHandle;
  dataStart: number;
  capacity: number;
  refs: KindMaps<TermRef>;
  terms: number;
  pending: StoreHeader['pending'];
  /** Parts read so far (a term's postings or the pending lists): what a write or a query cost. */
  partsRead: number;
}

/** The file of the store kept in this derived folder. */
export function impactFilePath(derivedDir: string): string {
  return join(derivedDir, IMPACTS_FILE.name);
}

/** Writes the contents, part by part as `members` yields them (the derived folder made if need be). */
export function writeImpactFile(derivedDir: string, c: ImpactContents): void {
  const cap = c.live.length;
  const bytes = (a: Int32Array | Uint32Array): Uint8Array =>
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const padOf = (n: number): Uint8Array => new Uint8Array(align4(n) - n);
  mkdirSync(derivedDir, { recursive: true });
  writeChecksummedStream(impactFilePath(derivedDir), IMPACTS_FILE.kind, IMPACTS_FILE.version, (write) => {
    let at = 0;
    const put = (chunk: Uint8Array): void => {
      write(chunk);
      at += chunk.byteLength;
    };
    // Each part: its arrays, each padded to 4 bytes (the 32-bit views stay aligned), under one hash.
    const part = (arrays: Uint8Array[]): { at: number; bytes: number; hash: string } => {
      const chunks = arrays.flatMap((a) => [a, padOf(a.byteLength)]);
      const start = at;
      for (const ch of chunks) put(ch);
      return { at: start, bytes: at - start, hash: partHash(chunks) };
    };
    const terms: HeaderTerm[] = [];
    for (const [k, term, p] of c.members) {
      const kind = KINDS[k]!;
      const big = p.big ? [...p.big] : [];
      const bigArrays =
        big.length > 0
          ? [bytes(Int32Array.from(big, (e) => e[0])), bytes(Uint32Array.from(big, (e) => e[1]))]
          : [];
      // Written as they are when they need no trimming (no copy per term: a save streams the whole store).
      if (p.dense) {
        let d = p.dense.subarray(0, cap);
        if (d.length < cap) {
          d = new Uint8Array(cap);
          d.set(p.dense);
        }
        const w = part([d, ...bigArrays]);
        terms.push([kind, term, 'd', p.df, big.length, w.at, w.bytes, w.hash]);
      } else {
        // Dropped postings (value 0) are left out.
        let dropped = false;
        for (let i = 0; i < p.n && !dropped; i++) dropped = p.vals[i] === 0;
        const keep: number[] = [];
        if (dropped) for (let i = 0; i < p.n; i++) if (p.vals[i]! > 0) keep.push(i);
        const w = dropped
          ? part([
              bytes(Int32Array.from(keep, (i) => p.ids[i]!)),
              Uint8Array.from(keep, (i) => p.vals[i]!),
              ...bigArrays,
            ])
          : part([bytes(p.ids.subarray(0, p.n)), p.vals.subarray(0, p.n), ...bigArrays]);
        terms.push([kind, term, 's', dropped ? keep.length : p.n, big.length, w.at, w.bytes, w.hash]);
      }
    }
    // Pending lists, in three flat arrays and their terms' names: read only on the first write.
    const pendingTerms: [TermKind, string, number][] = [];
    let total = 0;
    for (const m of c.pending) for (const list of m.values()) total += list.length / PENDING_STRIDE;
    const pIds = new Int32Array(total);
    const pVals = new Uint32Array(total);
    const pGens = new Uint32Array(total);
    let j = 0;
    KINDS.forEach((kind, k) => {
      for (const [term, list] of c.pending[k]!) {
        pendingTerms.push([kind, term, list.length / PENDING_STRIDE]);
        for (let i = 0; i < list.length; i += PENDING_STRIDE, j++) {
          pIds[j] = list[i]!;
          pVals[j] = list[i + 1]!;
          pGens[j] = list[i + 2]!;
        }
      }
    });
    const pendingJson = Buffer.from(JSON.stringify(pendingTerms));
    const pending = {
      ...part([bytes(pIds), bytes(pGens), bytes(pVals), pendingJson]),
      postings: total,
      jsonBytes: pendingJson.length,
    };
    const header: StoreHeader = {
      version: FORMAT_VERSION,
      seq: c.seq,
      capacity: cap,
      docs: c.docs,
      totalLen: c.totalLen,
      terms,
      pending,
    };
    const headerAt = at;
    const headerBytes = Buffer.from(JSON.stringify(header));
    const fixed = [padOf(headerBytes.length), c.live, padOf(cap), bytes(c.lens), bytes(c.gens)];
    const frontHash = createHash('sha256').update(headerBytes);
    for (const f of fixed) frontHash.update(f);
    put(headerBytes);
    for (const f of fixed) put(f);
    const trailer = Buffer.alloc(TRAILER_BYTES);
    trailer.writeUInt32LE(MAGIC, 0);
    trailer.writeUInt32LE(headerBytes.length, 4);
    trailer.writeBigUInt64LE(BigInt(headerAt), 8);
    frontHash.digest().copy(trailer, 16);
    put(trailer);
  });
}

/**
 * Opens the file and reads its header and per-document arrays; the postings stay in the file
 * (readTermPostings, readPendingLists). Throws on a torn, truncated or foreign file or a damaged
 * header (the caller rebuilds); a damaged term's part is found when read.
 */
export function openImpactFile(file: string): ImpactDocArrays & { parts: ImpactFileParts } {
  const opened = openChecksummedFile(file, IMPACTS_FILE.kind, IMPACTS_FILE.version);
  if (!opened.ok) throw new Error(`impact store ${opened.reason}`);
  const handle = opened.handle;
  try {
    if (handle.payloadBytes < TRAILER_BYTES) throw new Error('not an impact store');
    const trailerAt = handle.payloadBytes - TRAILER_BYTES;
    const trailer = Buffer.from(handle.read(trailerAt, TRAILER_BYTES).buffer);
    if (trailer.readUInt32LE(0) !== MAGIC) throw new Error('not an impact store');
    const headerLen = trailer.readUInt32LE(4);
    const headerAt = Number(trailer.readBigUInt64LE(8));
    if (headerAt + headerLen > trailerAt) throw new Error('impact store length');
    const headerBytes = handle.read(headerAt, headerLen);
    const fixedAt = headerAt + headerLen;
    const fixed = handle.read(fixedAt, trailerAt - fixedAt);
    const sum = createHash('sha256').update(headerBytes).update(fixed).digest();
    if (!sum.equals(trailer.subarray(16, TRAILER_BYTES))) throw new Error('impact store header checksum');
    const header = JSON.parse(Buffer.from(headerBytes.buffer).toString('utf8')) as StoreHeader;
    if (header.version !== FORMAT_VERSION) throw new Error('other version');
    const cap = header.capacity;
    const pad = align4(headerLen) - headerLen;
    if (fixed.byteLength !== pad + align4(cap) + cap * 8) throw new Error('impact store length');
    if (header.pending.at + header.pending.bytes !== headerAt) throw new Error('impact store length');
    // The arrays in a buffer of their own, so the 32-bit views are aligned.
    const ab = fixed.slice(pad).buffer;
    const refs: KindMaps<TermRef> = [new Map(), new Map(), new Map()];
    for (const [kind, term, repr, n, big, at, bytes, hash] of header.terms) {
      refs[KIND_INDEX[kind]]!.set(term, { repr, n, big, at, bytes, hash });
    }
    return {
      seq: header.seq,
      docs: header.docs,
      totalLen: header.totalLen,
      live: new Uint8Array(ab, 0, cap),
      lens: new Uint32Array(ab, align4(cap), cap),
      gens: new Uint32Array(ab, align4(cap) + cap * 4, cap),
      parts: {
        handle,
        dataStart: 0,
        capacity: cap,
        refs,
        terms: header.terms.length,
        pending: header.pending,
        partsRead: 0,
      },
    };
  } catch (e) {
    handle.close();
    throw e;
  }
}

/** Reads one part, checked against its hash. */
function readPart(b: ImpactFileParts, at: number, bytes: number, hash: string): Uint8Array<ArrayBuffer> {
  b.partsRead++;
  const buf = b.handle.read(b.dataStart + at, bytes);
  if (partHash([buf]) !== hash) throw new Error('impact store part checksum');
  return buf;
}

/** One term's postings, read from its part (throws when the part fails its hash). */
export function readTermPostings(b: ImpactFileParts, ref: TermRef): Postings {
  const buf = readPart(b, ref.at, ref.bytes, ref.hash);
  const ab = buf.buffer;
  const cap = b.capacity;
  let o: number;
  let p: Postings;
  if (ref.repr === 'd') {
    p = {
      dense: new Uint8Array(ab, 0, cap),
      ids: new Int32Array(0),
      vals: new Uint8Array(0),
      n: 0,
      df: ref.n,
      big: null,
    };
    o = align4(cap);
  } else {
    const ids = new Int32Array(ab, 0, ref.n);
    const vals = new Uint8Array(ab, ref.n * 4, ref.n);
    p = { dense: null, ids, vals, n: ref.n, df: ref.n, big: null };
    o = ref.n * 4 + align4(ref.n);
  }
  if (ref.big > 0) {
    const bigIds = new Int32Array(ab, o, ref.big);
    const bigVals = new Uint32Array(ab, o + ref.big * 4, ref.big);
    p.big = new Map();
    for (let i = 0; i < ref.big; i++) p.big.set(bigIds[i]!, bigVals[i]!);
  }
  return p;
}

/** The pending lists, read into `into` as JS arrays (on the first write only: searching never reads them). */
export function readPendingLists(b: ImpactFileParts, into: KindMaps<Pending>): void {
  const { at, bytes, hash, postings: total, jsonBytes } = b.pending;
  const buf = readPart(b, at, bytes, hash);
  const ab = buf.buffer;
  const pIds = new Int32Array(ab, 0, total);
  const pGens = new Uint32Array(ab, total * 4, total);
  const pVals = new Uint32Array(ab, total * 8, total);
  const names = JSON.parse(Buffer.from(ab, total * 12, jsonBytes).toString('utf8')) as [
    TermKind,
    string,
    number,
  ][];
  let k = 0;
  for (const [kind, term, n] of names) {
    const list: Pending = [];
    for (let i = k; i < k + n; i++) list.push(pIds[i]!, pVals[i]!, pGens[i]!);
    into[KIND_INDEX[kind]]!.set(term, list);
    k += n;
  }
}
