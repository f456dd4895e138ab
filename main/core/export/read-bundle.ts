import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { appError, type ErrorCode } from '../../contract/errors.js';
import { VanKhoError } from '../archive/vankho-error.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  CHECKSUMS_ENTRY,
  MANIFEST_ENTRY,
  bundleManifestSchema,
  isSafeEntryPath,
  type BundleManifest,
  type ManifestEntry,
} from './bundle-manifest.js';
import { hashTap } from './hash-tap.js';
import { isDiskFull } from '../errors/to-vankho-error.js';

// The safe side of bundles (R12, T-N3): a bundle is untrusted input. Everything that can be judged
// from the central directory (entry count, names, symlinks, duplicates, compression ratios, declared
// sizes, overlapping entries) is judged before a single byte is inflated; the manifest is validated
// against its schema; then every entry is streamed through SHA-256 and compared with the manifest
// before the caller changes anything. Nothing is ever written outside the staging folder we choose,
// and entry names never become paths (files are staged under their index).

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

function fail(code: ErrorCode, detail: string): never {
  throw new VanKhoError(appError(code, detail));
}

export interface OpenedBundle {
  file: string;
  manifest: BundleManifest;
  /** Regular-file entries by name. */
  entries: Map<string, yauzl.Entry>;
  zip: yauzl.ZipFile;
  close(): void;
}

/** Opens a ZIP for reading with yauzl's safety checks on (sizes, strict names). */
export async function openZip(file: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(file, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR')
      fail('FILE_UNREADABLE', file);
    fail('BUNDLE_INVALID', `not a ZIP file: ${(e as Error).message}`);
  }
}

function isHostileNameError(e: unknown): boolean {
  return /absolute path|invalid relative path|invalid characters in fileName/.test(
    String((e as Error)?.message),
  );
}

/** Reads the central directory and judges every entry; returns the regular-file entries by name. */
export async function readZipDirectory(
  zip: yauzl.ZipFile,
  limits: BundleLimits,
): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > limits.maxEntries) {
    fail('BUNDLE_HOSTILE', `${zip.entryCount} entries > ${limits.maxEntries}`);
  }
  const entries = new Map<string, yauzl.Entry>();
  const folded = new Set<string>();
  const all: yauzl.Entry[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      all.push(entry);
      const name = entry.fileName;
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
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        fail('BUNDLE_HOSTILE', `entries inflate to more than ${limits.maxTotalBytes} bytes`);
      entries.set(name, entry);
    }
  } catch (e) {
    if (e instanceof VanKhoError) throw e;
    if (isHostileNameError(e)) fail('BUNDLE_HOSTILE', (e as Error).message);
    fail('BUNDLE_INVALID', (e as Error).message);
  }
  // Overlapping entries (Fifield's non-recursive zip bomb) share or interleave their data: each
  // entry's data must end before the next local header begins.
  const byOffset = [...all].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 0; i + 1 < byOffset.length; i++) {
    const a = byOffset[i]!;
    const b = byOffset[i + 1]!;
    const minEnd = a.relativeOffsetOfLocalHeader + 30 + a.fileNameLength + a.compressedSize;
    if (minEnd > b.relativeOffsetOfLocalHeader) {
      fail('BUNDLE_HOSTILE', `overlapping entries: ${a.fileName}, ${b.fileName}`);
    }
  }
  return entries;
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
    if (e instanceof VanKhoError) throw e;
    fail('BUNDLE_TAMPERED', `${entry.fileName}: ${(e as Error).message}`);
  }
  return Buffer.concat(chunks);
}

/** Parses and validates manifest.json: a foreign or newer format is BUNDLE_INVALID, a malformed one BUNDLE_HOSTILE. */
export function parseManifest(bytes: Buffer): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    fail('BUNDLE_HOSTILE', `manifest.json is not JSON: ${(e as Error).message.slice(0, 200)}`);
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BUNDLE_FORMAT) {
    fail('BUNDLE_INVALID', 'manifest.json is not a VanKho bundle manifest');
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > BUNDLE_FORMAT_VERSION) {
    fail(
      'BUNDLE_INVALID',
      `bundle format ${head.formatVersion} is newer than ${BUNDLE_FORMAT_VERSION}; update VanKho`,
    );
  }
  const parsed = bundleManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    fail(
      'BUNDLE_HOSTILE',
      `manifest.json: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`,
    );
  }
  return parsed.data;
}

/** Consistency of the manifest with itself and with the ZIP directory (sizes, names, references). */
function crossCheck(manifest: BundleManifest, entries: Map<string, yauzl.Entry>): void {
  const listed = new Map<string, ManifestEntry>();
  for (const e of manifest.entries) {
    if (listed.has(e.path)) fail('BUNDLE_INVALID', `entry listed twice: ${e.path}`);
    listed.set(e.path, e);
    const z = entries.get(e.path);
    if (!z) fail('BUNDLE_TAMPERED', `missing entry: ${e.path}`);
    if (z.uncompressedSize !== e.size) fail('BUNDLE_TAMPERED', `size of ${e.path}`);
  }
  for (const name of entries.keys()) {
    if (name !== MANIFEST_ENTRY && name !== CHECKSUMS_ENTRY && !listed.has(name)) {
      fail('BUNDLE_TAMPERED', `entry not in the manifest: ${name}`);
    }
  }
  const uids = new Set<string>();
  const shas = new Set<string>();
  const tagNames = new Set(manifest.tags.map((t) => t.name));
  if (tagNames.size !== manifest.tags.length) fail('BUNDLE_INVALID', 'duplicate tag names');
  for (const t of manifest.tags) {
    if (t.parent !== null && !tagNames.has(t.parent))
      fail('BUNDLE_INVALID', `unknown parent tag ${t.parent}`);
  }
  const parentOf = new Map(manifest.tags.map((t) => [t.name, t.parent]));
  for (const t of manifest.tags) {
    const seen = new Set<string>();
    let p: string | null | undefined = t.name;
    while (p) {
      if (seen.has(p)) fail('BUNDLE_INVALID', `tag hierarchy cycle at ${t.name}`);
      seen.add(p);
      p = parentOf.get(p);
    }
  }
  for (const d of manifest.documents) {
    if (uids.has(d.uid)) fail('BUNDLE_INVALID', `document listed twice: ${d.uid}`);
    uids.add(d.uid);
    for (const name of d.tags) if (!tagNames.has(name)) fail('BUNDLE_INVALID', `unknown tag ${name}`);
    for (const f of d.files) {
      if (shas.has(f.sha256)) fail('BUNDLE_INVALID', `file listed twice: ${f.sha256}`);
      shas.add(f.sha256);
      const e = listed.get(f.path);
      if (!e || e.role !== 'original') fail('BUNDLE_TAMPERED', `original not listed: ${f.path}`);
      if (e.sha256 !== f.sha256 || e.size !== f.size) fail('BUNDLE_TAMPERED', `checksum of ${f.path}`);
      if (f.text) {
        const t = listed.get(f.text.path);
        if (!t || t.role !== 'text') fail('BUNDLE_TAMPERED', `text not listed: ${f.text.path}`);
      }
    }
  }
  for (const r of manifest.relations) {
    if (!uids.has(r.sourceUid)) fail('BUNDLE_INVALID', `relation from unknown document ${r.sourceUid}`);
  }
}

/**
 * Opens a bundle and judges it without inflating any content but the manifest: structure limits,
 * names, links, duplicates, ratios, overlaps, then the manifest schema and its agreement with the
 * ZIP directory. Throws BUNDLE_INVALID / BUNDLE_HOSTILE / BUNDLE_TAMPERED.
 */
export async function openBundle(
  file: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<OpenedBundle> {
  const zip = await openZip(file);
  try {
    const entries = await readZipDirectory(zip, limits);
    const m = entries.get(MANIFEST_ENTRY);
    if (!m) fail('BUNDLE_INVALID', 'no manifest.json: not a VanKho bundle');
    const manifestBytes = await readSmallEntry(zip, m, limits.maxManifestBytes);
    const manifest = parseManifest(manifestBytes);
    crossCheck(manifest, entries);
    const sums = entries.get(CHECKSUMS_ENTRY);
    if (sums) {
      const listed = new Map(manifest.entries.map((e) => [e.path, e.sha256]));
      const text = (await readSmallEntry(zip, sums, limits.maxManifestBytes)).toString('utf8');
      for (const line of text.split('\n')) {
        const mm = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
        if (!mm) continue;
        const p = mm[2]!;
        // ZIP readers do not check CRC-32 here; the manifest's own hash catches a damaged manifest.
        const expected =
          p === MANIFEST_ENTRY ? createHash('sha256').update(manifestBytes).digest('hex') : listed.get(p);
        if (expected !== mm[1]) fail('BUNDLE_TAMPERED', `SHA256SUMS disagrees on ${p}`);
      }
    }
    return { file, manifest, entries, zip, close: () => zip.close() };
  } catch (e) {
    zip.close();
    throw e;
  }
}

export interface StagedEntry {
  path: string;
  /** Where the verified bytes are (originals and texts); null for entries only checked (catalogue). */
  staged: string | null;
  sha256: string;
  size: number;
  /** Form feeds counted in a text entry (pages - 1). */
  formFeeds: number;
}

export interface VerifyProgress {
  entriesDone: number;
  entriesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * Streams every entry listed in the manifest through SHA-256: originals and texts into `stagingDir`
 * (named by their index, never by the entry name), catalogue entries into nothing. Any difference
 * in hash or size is BUNDLE_TAMPERED. Checks free space first (DISK_FULL).
 */
export async function verifyAndStage(
  bundle: OpenedBundle,
  stagingDir: string,
  opts: { signal?: AbortSignal; onProgress?: (p: VerifyProgress) => void } = {},
): Promise<Map<string, StagedEntry>> {
  mkdirSync(stagingDir, { recursive: true });
  const list = bundle.manifest.entries;
  const bytesTotal = list.reduce((n, e) => n + e.size, 0);
  ensureFreeSpace(stagingDir, bytesTotal * 2);
  const progress: VerifyProgress = { entriesDone: 0, entriesTotal: list.length, bytesDone: 0, bytesTotal };
  const staged = new Map<string, StagedEntry>();
  let lastReported = 0;
  for (let i = 0; i < list.length; i++) {
    if (opts.signal?.aborted) fail('CANCELLED', 'bundle import');
    const e = list[i]!;
    const entry = bundle.entries.get(e.path)!;
    const target = e.role === 'catalogue' ? null : join(stagingDir, `${i}.bin`);
    let formFeeds = 0;
    let result: { sha256: string; size: number } | null = null;
    const tap = hashTap(
      (r) => {
        result = r;
      },
      (n) => {
        progress.bytesDone += n;
        // Large originals: report every 16 MB, not only at the end of the entry.
        if (progress.bytesDone - lastReported >= 16 * 1024 * 1024) {
          lastReported = progress.bytesDone;
          opts.onProgress?.({ ...progress });
        }
      },
    );
    // Catalogue entries are only hashed: their bytes go nowhere.
    const discard = new Writable({
      write(_chunk: Buffer, _enc, cb) {
        cb();
      },
    });
    try {
      const rs: Readable = await bundle.zip.openReadStreamPromise(entry);
      if (target) {
        mkdirSync(dirname(target), { recursive: true });
        await pipeline(
          rs,
          tap,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              if (e.role === 'text') for (const b of chunk) if (b === 0x0c) formFeeds++;
              yield chunk;
            }
          },
          createWriteStream(target, { flags: 'wx' }),
          opts.signal ? { signal: opts.signal } : {},
        );
      } else {
        await pipeline(rs, tap, discard, opts.signal ? { signal: opts.signal } : {});
      }
    } catch (err) {
      if (err instanceof VanKhoError) throw err;
      if ((err as Error).name === 'AbortError') fail('CANCELLED', 'bundle import');
      if (isDiskFull(err)) fail('DISK_FULL', e.path);
      fail('BUNDLE_TAMPERED', `${e.path}: ${(err as Error).message}`);
    }
    const r = result as { sha256: string; size: number } | null;
    if (!r || r.sha256 !== e.sha256 || r.size !== e.size) fail('BUNDLE_TAMPERED', `SHA-256 of ${e.path}`);
    staged.set(e.path, { path: e.path, staged: target, sha256: r.sha256, size: r.size, formFeeds });
    progress.entriesDone++;
    opts.onProgress?.({ ...progress });
  }
  return staged;
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

export interface BundleSummary {
  title: string;
  exportedAt: string;
  documentCount: number;
  fileCount: number;
  app: { name: string; version: string };
}

/**
 * Tells a VanKho bundle from any other file, so the import screen can offer a merge: null when the
 * file is not a ZIP or is a ZIP without manifest.json (an ordinary document, imported as today). A
 * ZIP that claims to be a bundle gets every check of openBundle and is refused like the CLI would
 * (BUNDLE_INVALID / BUNDLE_HOSTILE / BUNDLE_TAMPERED) rather than filed as a document.
 */
export async function probeBundle(
  file: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<BundleSummary | null> {
  let claims = false;
  try {
    const zip = await openZip(file);
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName === MANIFEST_ENTRY) {
          claims = true;
          break;
        }
      }
    } finally {
      zip.close();
    }
  } catch (e) {
    // Not a ZIP, or a ZIP yauzl cannot list: not a bundle, so not ours to judge here.
    if (e instanceof VanKhoError && e.appError.code === 'FILE_UNREADABLE') throw e;
    return null;
  }
  if (!claims) return null;
  const bundle = await openBundle(file, limits);
  try {
    const m = bundle.manifest;
    return {
      title: m.title,
      exportedAt: m.exportedAt,
      documentCount: m.documents.length,
      fileCount: m.documents.reduce((n, d) => n + d.files.length, 0),
      app: { name: m.app.name, version: m.app.version },
    };
  } finally {
    bundle.close();
  }
}
