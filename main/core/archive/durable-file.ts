// Durable writes of whole files (issue 17 item 6): a temporary file beside the target, fsynced,
// renamed over it, the directory fsynced; on any error the temporary file goes and the old file
// stays. Files rebuilt from the database (the search store's derived files) also carry a checksummed
// header, so a torn, truncated, bit-flipped or foreign file is recognised at load and rebuilt.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { faultPoint } from '../jobs/fault-point.js';

/** Suffix of the temporary file writeFileDurably writes beside its target. */
export const TEMP_SUFFIX = '.tmp';

/** Flushes a written file to disk before it is renamed into place. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; directory fsync is not supported everywhere (Windows), hence best effort. */
export function fsyncDirectory(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    /* the rename itself is atomic */
  }
}

function writeAll(fd: number, chunk: Uint8Array): void {
  for (let off = 0; off < chunk.byteLength;) off += writeSync(fd, chunk, off, chunk.byteLength - off);
}

/**
 * Replaces `file` with what `fill` writes to the open temporary file, all or nothing: `<file>.tmp`
 * (the caller holds the archive lock, so no one else writes that name), fsynced, renamed, the
 * directory fsynced. On any error — a full disk included — the temporary file is removed, the old
 * file is left as it was, and the error is thrown.
 */
function replaceDurably(file: string, fill: (fd: number) => void): void {
  const tmp = file + TEMP_SUFFIX;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'w');
    fill(fd);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    faultPoint('durable:before-rename');
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDirectory(dirname(file));
}

/**
 * Replaces `file` with the chunks, all or nothing (replaceDurably). The chunks are written one by
 * one (no concatenated copy of a large file).
 */
export function writeFileDurably(file: string, chunks: Iterable<Uint8Array | string>): void {
  replaceDurably(file, (fd) => {
    for (const c of chunks) writeAll(fd, typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  });
}

/** Removes the temporary files a killed writer left directly in dir (call under the archive lock). */
export function removeStaleTempFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      /* a folder of that name, or no permission: left alone */
    }
  }
  return removed;
}

// Checksummed file: a 72-byte header, then the payload.
//   0  "VKDERIV1"            8 bytes, marks the envelope
//   8  kind                  16 bytes ASCII, NUL-padded ("impacts", "instant-find")
//   24 format version        u32 LE (the payload's format)
//   28 reserved              u32 0
//   32 payload length        u64 LE (the file is exactly header + payload)
//   40 SHA-256 of payload    32 bytes
// 72 is a multiple of 8, so typed-array views into the payload stay aligned.
const ENVELOPE_MAGIC = Buffer.from('VKDERIV1', 'latin1');
const KIND_BYTES = 16;
export const CHECKSUMMED_HEADER_BYTES = 72;

export type ChecksummedRead =
  | { ok: true; payload: Buffer<ArrayBuffer> }
  | { ok: false; reason: 'missing' | 'unreadable' | 'foreign' | 'version' | 'length' | 'checksum' };

function kindField(kind: string): Buffer {
  const b = Buffer.alloc(KIND_BYTES);
  if (Buffer.byteLength(kind, 'latin1') > KIND_BYTES) throw new Error(`kind too long: ${kind}`);
  b.write(kind, 'latin1');
  return b;
}

/** Writes payload chunks under a header naming kind and version, with the payload's length and SHA-256. */
export function writeChecksummedFile(
  file: string,
  kind: string,
  version: number,
  payload: readonly (Uint8Array | string)[],
): void {
  writeChecksummedStream(file, kind, version, (write) => {
    for (const c of payload) write(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  });
}

/**
 * As writeChecksummedFile, the payload written by `produce` chunk by chunk (a file larger than
 * memory is never held whole): hashed as it goes, the header written last at the start of the
 * temporary file, which is then fsynced and renamed (replaceDurably).
 */
export function writeChecksummedStream(
  file: string,
  kind: string,
  version: number,
  produce: (write: (chunk: Uint8Array) => void) => void,
): void {
  const kindBytes = kindField(kind);
  replaceDurably(file, (fd) => {
    const header = Buffer.alloc(CHECKSUMMED_HEADER_BYTES);
    writeAll(fd, header); // its place; filled in once the payload is known
    const hash = createHash('sha256');
    let length = 0;
    produce((chunk) => {
      hash.update(chunk);
      length += chunk.byteLength;
      writeAll(fd, chunk);
    });
    ENVELOPE_MAGIC.copy(header, 0);
    kindBytes.copy(header, 8);
    header.writeUInt32LE(version, 24);
    header.writeBigUInt64LE(BigInt(length), 32);
    hash.digest().copy(header, 40);
    for (let off = 0; off < header.length;) off += writeSync(fd, header, off, header.length - off, off);
  });
}

/**
 * Reads a file written by writeChecksummedFile, trusting it only when kind, version, length and
 * checksum all match; otherwise says why (the caller rebuilds it). Never throws.
 */
export function readChecksummedFile(file: string, kind: string, version: number): ChecksummedRead {
  let buf: Buffer<ArrayBuffer>;
  try {
    buf = readFileSync(file);
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  if (
    buf.length < CHECKSUMMED_HEADER_BYTES ||
    !buf.subarray(0, 8).equals(ENVELOPE_MAGIC) ||
    !buf.subarray(8, 8 + KIND_BYTES).equals(kindField(kind))
  ) {
    return { ok: false, reason: 'foreign' };
  }
  if (buf.readUInt32LE(24) !== version) return { ok: false, reason: 'version' };
  if (buf.readBigUInt64LE(32) !== BigInt(buf.length - CHECKSUMMED_HEADER_BYTES)) {
    return { ok: false, reason: 'length' };
  }
  const payload = buf.subarray(CHECKSUMMED_HEADER_BYTES);
  const sum = createHash('sha256').update(payload).digest();
  if (!sum.equals(buf.subarray(40, 72))) return { ok: false, reason: 'checksum' };
  return { ok: true, payload };
}

/** A checksummed file opened for reading in parts (see openChecksummedFile). */
export interface ChecksummedHandle {
  readonly payloadBytes: number;
  /** Bytes [offset, offset + length) of the payload, in a buffer of their own (aligned for typed arrays). */
  read(offset: number, length: number): Uint8Array<ArrayBuffer>;
  close(): void;
}

/**
 * Opens a file written by writeChecksummedFile whose kind, version and length match, without
 * reading it whole: for a large file whose payload carries its own per-part hashes, so a search can
 * start after reading the few parts it needs. The payload's SHA-256 is not checked here: the caller
 * checks each part it reads against that part's hash. Never throws.
 */
export function openChecksummedFile(
  file: string,
  kind: string,
  version: number,
): { ok: true; handle: ChecksummedHandle } | Extract<ChecksummedRead, { ok: false }> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  const fail = (reason: Extract<ChecksummedRead, { ok: false }>['reason']) => {
    closeSync(fd);
    return { ok: false as const, reason };
  };
  let size: number;
  const head = Buffer.alloc(CHECKSUMMED_HEADER_BYTES);
  try {
    size = fstatSync(fd).size;
    if (readSync(fd, head, 0, head.length, 0) !== head.length) return fail('foreign');
  } catch {
    return fail('unreadable');
  }
  if (
    !head.subarray(0, 8).equals(ENVELOPE_MAGIC) ||
    !head.subarray(8, 8 + KIND_BYTES).equals(kindField(kind))
  ) {
    return fail('foreign');
  }
  if (head.readUInt32LE(24) !== version) return fail('version');
  const payloadBytes = size - CHECKSUMMED_HEADER_BYTES;
  if (head.readBigUInt64LE(32) !== BigInt(payloadBytes)) return fail('length');
  let open = true;
  return {
    ok: true,
    handle: {
      payloadBytes,
      read(offset, length) {
        if (!open) throw new Error('checksummed file closed');
        if (offset < 0 || length < 0 || offset + length > payloadBytes)
          throw new Error('read past the payload');
        const out = new Uint8Array(new ArrayBuffer(length));
        let done = 0;
        while (done < length) {
          const n = readSync(fd, out, done, length - done, CHECKSUMMED_HEADER_BYTES + offset + done);
          if (n === 0) throw new Error('file shrank while read');
          done += n;
        }
        return out;
      },
      close() {
        if (!open) return;
        open = false;
        closeSync(fd);
      },
    },
  };
}
