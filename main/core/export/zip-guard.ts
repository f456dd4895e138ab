import { createWriteStream, mkdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { appError, type ErrorCode } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { parsingFailure } from '../errors/to-vankho-error.js';
import { isSafeEntryPath, type ManifestRecord, type ManifestTag } from './bundle-manifest.js';
import { hashTap } from './hash-tap.js';

// The ZIP side of reading a bundle or a backup (R12, T-N3), shared by the whole-manifest reader
// (read-bundle.ts) and the streaming one (stream-bundle.ts): a bundle is untrusted input.
// Everything that can be judged from the central directory (entry count, names, symlinks,
// duplicates, compression ratios, declared sizes, overlapping entries) is judged before a single
// byte is inflated; entries are then streamed through SHA-256, and entry names never become paths.

export interface BundleLimits {
  /** Most entries a bundle may have (a huge count is a resource attack). */
  maxEntries: number;
  /** Most bytes all entries may inflate to in total. */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio of an entry larger than ratioMinBytes. */
  maxRatio: number;
  ratioMinBytes: number;
  /** Largest manifest.json / SHA256SUMS accepted. */
  maxManifestBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 300_000,
  maxTotalBytes: 256 * 1024 ** 3,
  maxRatio: 200,
  ratioMinBytes: 1024 * 1024,
  maxManifestBytes: 512 * 1024 * 1024,
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
// Host systems in "version made by" whose high 16 external-attribute bits are a Unix st_mode.
const UNIX_HOSTS = new Set([3, 19]);

export function fail(code: ErrorCode, detail: string): never {
  throw new VanKhoError(appError(code, detail));
}

/**
 * Opens a ZIP for reading with yauzl's safety checks on (sizes, strict names); what it refuses is
 * the bundle's (BUNDLE_INVALID) or, `of` a backup, the backup's fault (BACKUP_INVALID).
 */
export async function openZip(file: string, of: 'bundle' | 'backup' = 'bundle'): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(file, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (e) {
    // An fs error is the named file's (missing, a folder, no permission); else not a ZIP.
    throw parsingFailure(e, of === 'backup' ? 'backup-zip' : 'zip', { readingInput: true, detail: file });
  }
}

/** Reads the central directory and judges every entry; returns the regular-file entries by name. */
export async function readZipDirectory(
  zip: yauzl.ZipFile,
  limits: BundleLimits,
): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  await scanZipDirectory(zip, limits, (entry) => {
    entries.set(entry.fileName, entry);
  });
  return entries;
}

/**
 * Judges every entry of the central directory and hands each regular file to `onFile`, holding no
 * entry object itself (a bundle of 10,000 documents has 20,000 entries): what the checks need of
 * all of them is a folded name and two offsets each.
 */
export async function scanZipDirectory(
  zip: yauzl.ZipFile,
  limits: BundleLimits,
  onFile: (entry: yauzl.Entry) => void,
): Promise<void> {
  if (zip.entryCount > limits.maxEntries) {
    fail('BUNDLE_HOSTILE', `${zip.entryCount} entries > ${limits.maxEntries}`);
  }
  const folded = new Set<string>();
  // Per entry, for the overlap check: where its local header starts, the least end of its data, its name.
  const starts: number[] = [];
  const minEnds: number[] = [];
  const names: string[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      starts.push(entry.relativeOffsetOfLocalHeader);
      minEnds.push(entry.relativeOffsetOfLocalHeader + 30 + entry.fileNameLength + entry.compressedSize);
      names.push(name);
      const isDir = name.endsWith('/');
      const clean = isDir ? name.slice(0, -1) : name;
      if (!isSafeEntryPath(clean)) fail('BUNDLE_HOSTILE', `unsafe entry name: ${JSON.stringify(name)}`);
      const hostOs = entry.versionMadeBy >>> 8;
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (UNIX_HOSTS.has(hostOs) && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
        fail('BUNDLE_HOSTILE', `${mode === S_IFLNK ? 'symbolic link' : 'special file'}: ${name}`);
      }
      const key = clean.normalize('NFC').toLowerCase();
      if (folded.has(key)) fail('BUNDLE_HOSTILE', `duplicate entry: ${name}`);
      folded.add(key);
      if (isDir) continue;
      judgeFileEntry(entry, limits);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        fail('BUNDLE_HOSTILE', `entries inflate to more than ${limits.maxTotalBytes} bytes`);
      onFile(entry);
    }
  } catch (e) {
    throw parsingFailure(e, 'zip-directory');
  }
  // Overlapping entries (Fifield's non-recursive zip bomb) share or interleave their data: each
  // entry's data must end before the next local header begins.
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  for (let k = 0; k + 1 < order.length; k++) {
    const a = order[k]!;
    const b = order[k + 1]!;
    if (minEnds[a]! > starts[b]!) {
      fail('BUNDLE_HOSTILE', `overlapping entries: ${names[a]}, ${names[b]}`);
    }
  }
}

/** The checks of one regular-file entry that need nothing but the entry (also re-run when it is read). */
export function judgeFileEntry(entry: yauzl.Entry, limits: BundleLimits): void {
  const name = entry.fileName;
  if (entry.isEncrypted()) fail('BUNDLE_INVALID', `encrypted entry: ${name}`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    fail('BUNDLE_INVALID', `unsupported compression ${entry.compressionMethod}: ${name}`);
  }
  if (
    entry.uncompressedSize > limits.ratioMinBytes &&
    entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio
  ) {
    fail(
      'BUNDLE_HOSTILE',
      `compression ratio of ${name} is ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1`,
    );
  }
}

/** Reads a small entry (manifest, checksum list) into memory, bounded by max. */
export async function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, max: number): Promise<Buffer> {
  if (entry.uncompressedSize > max) fail('BUNDLE_HOSTILE', `${entry.fileName} is too large`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const rs = await zip.openReadStreamPromise(entry);
    for await (const c of rs as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > max) fail('BUNDLE_HOSTILE', `${entry.fileName} is too large`);
      chunks.push(c);
    }
  } catch (e) {
    throw parsingFailure(e, 'zip-entry', { detail: entry.fileName });
  }
  return Buffer.concat(chunks);
}

/** The tag list names each tag once, knows every parent, has no cycle; returns the names. */
export function checkTags(tags: readonly ManifestTag[]): Set<string> {
  const tagNames = new Set(tags.map((t) => t.name));
  if (tagNames.size !== tags.length) fail('BUNDLE_INVALID', 'duplicate tag names');
  for (const t of tags) {
    if (t.parent !== null && !tagNames.has(t.parent))
      fail('BUNDLE_INVALID', `unknown parent tag ${t.parent}`);
  }
  const parentOf = new Map(tags.map((t) => [t.name, t.parent]));
  for (const t of tags) {
    const seen = new Set<string>();
    let p: string | null | undefined = t.name;
    while (p) {
      if (seen.has(p)) fail('BUNDLE_INVALID', `tag hierarchy cycle at ${t.name}`);
      seen.add(p);
      p = parentOf.get(p);
    }
  }
  return tagNames;
}

/**
 * The hồ sơ list names each mã once (as the archive compares them: case-insensitive) and every
 * document it lists is a document of the bundle, once per hồ sơ — a hồ sơ pointing at a document
 * the bundle does not carry would arrive incomplete, so the bundle is refused before anything.
 */
export function checkRecords(
  records: readonly ManifestRecord[],
  hasDocument: (uid: string) => boolean,
): void {
  const codes = new Set<string>();
  for (const r of records) {
    const key = r.code.normalize('NFC').trim().toLocaleLowerCase('en');
    if (codes.has(key))
      fail('BUNDLE_INVALID', `hồ sơ ${r.code} có hai lần trong gói / file ${r.code} is listed twice`);
    codes.add(key);
    const seen = new Set<string>();
    for (const uid of r.documents) {
      if (seen.has(uid))
        fail(
          'BUNDLE_INVALID',
          `hồ sơ ${r.code} kê văn bản ${uid} hai lần / file ${r.code} lists document ${uid} twice`,
        );
      seen.add(uid);
      if (!hasDocument(uid))
        fail(
          'BUNDLE_INVALID',
          `hồ sơ ${r.code} kê văn bản ${uid} không có trong gói / ` +
            `file ${r.code} lists document ${uid}, which the bundle does not hold`,
        );
    }
  }
}

/**
 * Streams one entry through SHA-256 into `target` (null: only hashed, the bytes go nowhere),
 * counting form feeds when asked (a text entry's pages - 1). `onBytes` sees each chunk's length.
 * A read error is BUNDLE_TAMPERED, ENOSPC DISK_FULL, an abort CANCELLED.
 */
export async function hashEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  target: string | null,
  opts: { countFormFeeds: boolean; signal?: AbortSignal; onBytes?: (n: number) => void },
): Promise<{ sha256: string; size: number; formFeeds: number }> {
  let formFeeds = 0;
  let result: { sha256: string; size: number } | null = null;
  const tap = hashTap(
    (r) => {
      result = r;
    },
    (n) => opts.onBytes?.(n),
  );
  const signal = opts.signal ? { signal: opts.signal } : {};
  try {
    const rs: Readable = await zip.openReadStreamPromise(entry);
    if (target) {
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(
        rs,
        tap,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            if (opts.countFormFeeds) {
              for (let i = chunk.indexOf(0x0c); i >= 0; i = chunk.indexOf(0x0c, i + 1)) formFeeds++;
            }
            yield chunk;
          }
        },
        createWriteStream(target, { flags: 'wx' }),
        signal,
      );
    } else {
      // Catalogue entries are only hashed: their bytes go nowhere.
      const discard = new Writable({
        write(_chunk: Buffer, _enc, cb) {
          cb();
        },
      });
      await pipeline(rs, tap, discard, signal);
    }
  } catch (err) {
    // Cancelled, a full disk, or the entry's own bytes (inflate, CRC, size): the one mapper says which.
    throw parsingFailure(err, 'zip-entry', { detail: entry.fileName });
  }
  const r = result as { sha256: string; size: number } | null;
  if (!r) fail('BUNDLE_TAMPERED', `SHA-256 of ${entry.fileName}`);
  return { ...r, formFeeds };
}

/** DISK_FULL up front when the volume of `dir` has less than `bytes` (+64 MB) free. */
export function ensureFreeSpace(dir: string, bytes: number): void {
  let free: number;
  try {
    const st = statfsSync(dir);
    free = Number(st.bavail) * Number(st.bsize);
  } catch {
    return; // statfs unsupported: the copy itself reports ENOSPC
  }
  if (free < bytes + 64 * 1024 * 1024) {
    fail('DISK_FULL', `need ${Math.ceil(bytes / 1048576)} MB, ${Math.floor(free / 1048576)} MB free`);
  }
}
