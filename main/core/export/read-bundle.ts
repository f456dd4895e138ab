import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type yauzl from 'yauzl';
import { VanKhoError } from '../errors/vankho-error.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  CHECKSUMS_ENTRY,
  MANIFEST_ENTRY,
  bundleManifestSchema,
  type BundleManifest,
  type ManifestEntry,
} from './bundle-manifest.js';
import { checkBundle } from './stream-bundle.js';
import {
  checkRecords,
  checkTags,
  DEFAULT_BUNDLE_LIMITS,
  fail,
  openZip,
  readSmallEntry,
  readZipDirectory,
  type BundleLimits,
} from './zip-guard.js';

// Reading a bundle whole (R12, T-N3): openBundle judges the ZIP (zip-guard.ts), parses and
// validates the whole manifest and checks it against the directory — for callers that want the
// manifest as one object (tests, tools; fine for small bundles). Imports and the import screen's
// probe read bundles as a stream instead (stream-bundle.ts), with the same checks and errors.

export interface OpenedBundle {
  file: string;
  manifest: BundleManifest;
  /** Regular-file entries by name. */
  entries: Map<string, yauzl.Entry>;
  zip: yauzl.ZipFile;
  close(): void;
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
  const tagNames = checkTags(manifest.tags);
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
  checkRecords(manifest.records, (uid) => uids.has(uid));
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

export interface BundleSummary {
  title: string;
  exportedAt: string;
  documentCount: number;
  fileCount: number;
  recordCount: number;
  app: { name: string; version: string };
}

/**
 * Tells a VanKho bundle from any other file, so the import screen can offer a merge: null when the
 * file is not a ZIP or is a ZIP without manifest.json (an ordinary document, imported as today). A
 * ZIP that claims to be a bundle gets every check of an import's and is refused like the CLI would
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
  // Judged like an import, streamed (stream-bundle.ts): the manifest's copy goes to a temporary
  // folder of our own, so a bundle of 10,000 documents is never parsed whole just to count them.
  const dir = mkdtempSync(join(tmpdir(), 'vankho-probe-'));
  try {
    const bundle = await checkBundle(file, join(dir, 'bundle'), limits);
    const m = bundle.head;
    return {
      title: m.title,
      exportedAt: m.exportedAt,
      documentCount: bundle.documentCount,
      fileCount: bundle.fileCount,
      recordCount: m.records.length,
      app: { name: m.app.name, version: m.app.version },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
