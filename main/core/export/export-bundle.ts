import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { appError } from '../../contract/errors.js';
import type { FileStore } from '../archive/file-store.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { appVersion } from './app-version.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_FORMAT_VERSION_DOCUMENTS,
  CATALOGUE_BASENAME,
  CHECKSUMS_ENTRY,
  MANIFEST_ENTRY,
  ORIGINALS_DIR,
  TEXT_DIR,
  type BundleManifest,
  type ManifestDocument,
  type ManifestEntry,
  type ManifestRecord,
} from './bundle-manifest.js';
import { recordMetadataJson, recordMetadataXml } from './record-metadata.js';
import type { OcrPageCarried } from '../ocr/ocr-store.js';
import { catalogueCsvChunks } from './catalogue-csv.js';
import { catalogueHtmlChunks } from './catalogue-html.js';
import { catalogueRows, type CatalogueSource } from './catalogue-rows.js';
import { writeCatalogueXlsx } from './catalogue-xlsx.js';
import { collectBundleData, type CollectedDocument } from './collect-bundle-data.js';
import type { BundleRows } from '../archive/bundle-rows.js';
import { catalogueSourceOf } from './export-catalogue.js';
import { UniqueNamer, sanitizeNamePart, truncateUtf8 } from './safe-file-name.js';
import {
  checksumLines,
  writeZipAtomically,
  type ZipEntrySpec,
  type ZipWriteProgress,
} from './write-zip-atomically.js';

export interface ExportSelection {
  kind: 'ids' | 'tag' | 'query' | 'all' | 'records';
  value: string | null;
}

/** A hồ sơ as the writer takes it (core/records builds it: bundleRecordsOf). */
export interface BundleRecordInput {
  fields: Omit<ManifestRecord, 'documents' | 'folder'>;
  /** Its documents in their order (số thứ tự 1..n), each among the export's ids. */
  documentIds: readonly number[];
  /** Its mục lục văn bản (Phụ lục V) as printable HTML and as a workbook. */
  contents: { html: () => Iterable<string>; xlsx: (w: Writable) => Promise<void> };
}

/** Entries and bytes of originals written so far (texts and catalogue count as entries only). */
export type ExportProgress = ZipWriteProgress;

export interface ExportBundleOptions {
  /** Documents to export, in this order (callers resolve tags, queries, "all" to ids). */
  ids: readonly number[];
  /** Target ZIP path. Written as `<dir>/.<name>.<pid>-<host>.<random>.partial`, renamed when complete. */
  out: string;
  /** Heading of the catalogue, e.g. the tag name; default "Gói văn bản VanKho". */
  title?: string;
  selection?: ExportSelection;
  /**
   * Hồ sơ to hand over (nộp lưu): each gets a folder with its metadata (XML, JSON), its mục lục and
   * its documents' files named "mã hồ sơ.số thứ tự"; their documents must be among `ids`.
   */
  records?: readonly BundleRecordInput[];
  /** Replace an existing file at `out` (default: refuse with INVALID_INPUT). */
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}

export interface ExportReport {
  out: string;
  documents: number;
  files: number;
  /** Hồ sơ in the bundle. */
  records: number;
  entries: number;
  originalBytes: number;
  bundleBytes: number;
}

/**
 * What export reads (issue 13's storage seam), not the database: the documents' bundle rows, a
 * file's page texts and the pages OCR read, the archive's identity, and the store of originals.
 * exportSourceOf (core/app/export-source.ts) builds it over an archive.
 */
export interface ExportSource {
  rows: BundleRows;
  /** A stored file's extracted page texts, in page order (read whole: see getFilePages). */
  pageTexts(fileId: number): string[];
  /** How many of a file's pages OCR read, and those pages with their words and boxes. */
  ocrPageCount(fileId: number): number;
  ocrPages(fileId: number): OcrPageCarried[];
  /** The exporting archive's uid (null when it has none) and schema version, for the manifest. */
  identity(): { archiveUid: string | null; schemaVersion: number };
  files: FileStore;
}

// Formats whose bytes are already compressed: storing them avoids burning CPU for ~0% gain.
export const STORED_MEDIA_TYPES =
  /^(application\/(pdf|zip|vnd\.openxmlformats|vnd\.oasis|gzip|x-7z)|image\/(jpeg|png|gif|webp))/;

interface PlannedEntry extends ZipEntrySpec {
  role: ManifestEntry['role'];
}

/** Base name of a document's originals: "2022-03-28 08-2022-QĐ-TTg <trích yếu shortened>". */
export function documentBaseName(d: CollectedDocument): string {
  const parts: string[] = [];
  if (d.doc.issuedDate) parts.push(d.doc.issuedDate);
  if (d.doc.number) parts.push(sanitizeNamePart(d.doc.number));
  const title = sanitizeNamePart(d.doc.title);
  if (title) parts.push(truncateUtf8(title, 70));
  if (parts.length === 0) {
    const first = d.files[0];
    parts.push(first ? sanitizeNamePart(basename(first.originalName, extname(first.originalName))) : '');
  }
  return parts.filter((p) => p !== '').join(' ') || `van-ban ${d.doc.uid.slice(0, 8)}`;
}

function extensionOf(originalName: string, mediaType: string): string {
  const e = extname(originalName).slice(1);
  if (e) return e;
  const byType: Record<string, string> = {
    'application/pdf': 'pdf',
    'application/msword': 'doc',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'text/plain': 'txt',
    'text/html': 'html',
  };
  return byType[mediaType] ?? '';
}

/**
 * Writes a bundle (docs/bundle-format.md) of the given documents as one streamed ZIP: originals under
 * readable safe unique names, extracted text per file, the catalogue as CSV/XLSX/HTML, manifest.json
 * and SHA256SUMS (last, so they carry the hashes measured while writing). Nothing is held whole in
 * memory. The ZIP goes to a temporary name in the target folder, is fsynced and renamed only when
 * complete; on error or cancel the temporary file is removed and nothing exists under `out`.
 */
export async function exportBundle(source: ExportSource, opts: ExportBundleOptions): Promise<ExportReport> {
  const out = resolve(opts.out);
  if (existsSync(out) && !opts.overwrite) {
    throw new VanKhoError(appError('INVALID_INPUT', `${out} exists`));
  }
  const signal = opts.signal;
  if (signal?.aborted) throw new VanKhoError(appError('CANCELLED'));
  const { files: store } = source;
  const exportedAt = new Date().toISOString();
  const data = collectBundleData(source.rows, opts.ids);
  const title = opts.title ?? 'Gói văn bản VanKho';

  // Plan names and entries up front (the manifest needs the names; the bytes stream later).
  const originalNames = new UniqueNamer();
  const textNames = new UniqueNamer();
  const manifestDocs: ManifestDocument[] = [];
  const planned: PlannedEntry[] = [];
  const catalogue: CatalogueSource[] = [];
  let originalBytes = 0;

  // Hồ sơ: a folder each. A document's files live in the folder of the first hồ sơ holding it, named
  // "mã hồ sơ.số thứ tự" (Thông tư 02/2019 naming); each further hồ sơ holding it gets a copy under
  // its own name, so every folder is complete on its own.
  const records = opts.records ?? [];
  const inBundle = new Set(data.documents.map((d) => d.id));
  const folderNames = new UniqueNamer();
  const folders = records.map((r) => ({
    input: r,
    folder: folderNames.take(r.fields.code),
    namer: new UniqueNamer(),
    /** Per document of this hồ sơ: its files' names in this folder. */
    names: new Map<number, string[]>(),
  }));
  const homeOf = new Map<number, { folder: (typeof folders)[number]; base: string }>();
  for (const f of folders) {
    f.input.documentIds.forEach((id, i) => {
      if (!inBundle.has(id))
        throw new VanKhoError(appError('INVALID_INPUT', `hồ sơ ${f.input.fields.code}: document #${id}`));
      if (!homeOf.has(id)) homeOf.set(id, { folder: f, base: `${f.folder}.${i + 1}` });
    });
  }
  const manifestDocById = new Map<number, ManifestDocument>();
  const filesById = new Map<number, CollectedDocument['files']>();

  for (const d of data.documents) {
    const home = homeOf.get(d.id);
    const base = home ? home.base : documentBaseName(d);
    let attachmentNo = 0;
    const mfiles: ManifestDocument['files'] = [];
    const homeNames: string[] = [];
    for (const f of d.files) {
      const fileBase =
        f.role === 'main' && attachmentNo === 0 && mfiles.every((m) => m.role !== 'main')
          ? base
          : `${truncateUtf8(base, 90)} - đính kèm ${++attachmentNo}`;
      const ext = extensionOf(f.originalName, f.mediaType);
      let path: string;
      if (home) {
        const name = home.folder.namer.take(fileBase, ext);
        homeNames.push(name);
        path = `${home.folder.folder}/${name}`;
      } else path = `${ORIGINALS_DIR}/${originalNames.take(fileBase, ext)}`;
      const textPath = f.pageRows > 0 ? `${TEXT_DIR}/${textNames.take(fileBase, 'txt')}` : null;
      // The pages read by OCR travel with their word boxes, so the scan's hits show after an import.
      const ocrPages = source.ocrPageCount(f.id);
      const ocrPath = ocrPages > 0 ? `${TEXT_DIR}/${textNames.take(`${fileBase}.ocr`, 'json')}` : null;
      mfiles.push({
        path,
        sha256: f.sha256,
        size: f.size,
        mediaType: f.mediaType,
        originalName: f.originalName,
        role: f.role,
        position: f.position,
        textEncoding: f.textEncoding,
        importedAt: f.importedAt,
        text: textPath ? { path: textPath, pages: f.pageRows } : null,
        ...(ocrPath ? { ocr: { path: ocrPath, pages: ocrPages, upright: true as const } } : {}),
      });
      originalBytes += f.size;
      planned.push({
        path,
        role: 'original',
        compress: !STORED_MEDIA_TYPES.test(f.mediaType),
        size: f.size,
        expectSha: f.sha256,
        label: f.originalName,
        countsTowardBytes: true,
        open: () => {
          const p = store.pathOf(f.sha256);
          if (!existsSync(p)) {
            throw new VanKhoError(
              appError('ARCHIVE_CORRUPT', `missing original ${f.sha256} (${f.originalName})`),
            );
          }
          return createReadStream(p);
        },
      });
      if (textPath) {
        const fileId = f.id;
        planned.push({
          path: textPath,
          role: 'text',
          compress: true,
          label: textPath,
          countsTowardBytes: false,
          // Pages are separated by a form feed, as pdftotext does; a form feed inside a page's text
          // (never produced by text cleaning) would shift pages, so it is written as a line break.
          open: () =>
            Readable.from(
              (function* () {
                let first = true;
                for (const text of source.pageTexts(fileId)) {
                  yield Buffer.from(`${first ? '' : '\f'}${text.replace(/\f/g, '\n')}`, 'utf8');
                  first = false;
                }
              })(),
            ),
        });
      }
      if (ocrPath) {
        const fileId = f.id;
        planned.push({
          path: ocrPath,
          role: 'text',
          compress: true,
          label: ocrPath,
          countsTowardBytes: false,
          open: () => Readable.from([Buffer.from(JSON.stringify(source.ocrPages(fileId)), 'utf8')]),
        });
      }
    }
    if (home) home.folder.names.set(d.id, homeNames);
    const mdoc = { ...d.doc, files: mfiles };
    manifestDocById.set(d.id, mdoc);
    filesById.set(d.id, d.files);
    manifestDocs.push(mdoc);
    catalogue.push(
      catalogueSourceOf(d, mfiles.find((m) => m.role === 'main')?.path ?? mfiles[0]?.path ?? ''),
    );
  }
  const rows = catalogueRows(catalogue);
  const heading = { title, exportedAt, documentCount: rows.length };
  planned.push(
    {
      path: `${CATALOGUE_BASENAME}.csv`,
      role: 'catalogue',
      compress: true,
      label: 'CSV',
      countsTowardBytes: false,
      open: () =>
        Readable.from(
          (function* () {
            for (const s of catalogueCsvChunks(rows)) yield Buffer.from(s, 'utf8');
          })(),
        ),
    },
    {
      path: `${CATALOGUE_BASENAME}.xlsx`,
      role: 'catalogue',
      compress: false,
      label: 'XLSX',
      countsTowardBytes: false,
      open: () => {
        const pass = new PassThrough();
        writeCatalogueXlsx(rows, heading, pass).catch((e: unknown) => pass.destroy(e as Error));
        return pass;
      },
    },
    {
      path: `${CATALOGUE_BASENAME}.html`,
      role: 'catalogue',
      compress: true,
      label: 'HTML',
      countsTowardBytes: false,
      open: () =>
        Readable.from(
          (function* () {
            for (const s of catalogueHtmlChunks(rows, heading)) yield Buffer.from(s, 'utf8');
          })(),
        ),
    },
  );

  const manifestRecords: ManifestRecord[] = [];
  for (const f of folders) {
    const docs: Array<{ ordinal: number; doc: ManifestDocument; files: string[] }> = [];
    f.input.documentIds.forEach((id, i) => {
      const doc = manifestDocById.get(id)!;
      let names = f.names.get(id);
      if (!names) {
        // Held by an earlier hồ sơ: a copy of each file under this hồ sơ's name.
        names = [];
        let attachmentNo = 0;
        for (const [k, cf] of filesById.get(id)!.entries()) {
          const base = `${f.folder}.${i + 1}`;
          const fileBase = k === 0 && cf.role === 'main' ? base : `${base} - đính kèm ${++attachmentNo}`;
          const name = f.namer.take(fileBase, extensionOf(cf.originalName, cf.mediaType));
          names.push(name);
          planned.push({
            path: `${f.folder}/${name}`,
            role: 'record',
            compress: !STORED_MEDIA_TYPES.test(cf.mediaType),
            size: cf.size,
            expectSha: cf.sha256,
            label: cf.originalName,
            countsTowardBytes: false,
            open: () => createReadStream(store.pathOf(cf.sha256)),
          });
        }
        f.names.set(id, names);
      }
      docs.push({ ordinal: i + 1, doc, files: names });
    });
    const record: ManifestRecord = {
      ...f.input.fields,
      documents: docs.map((x) => x.doc.uid),
      folder: f.folder,
    };
    manifestRecords.push(record);
    const meta = { record, documents: docs, exportedAt };
    const contents = f.input.contents;
    planned.push(
      {
        path: `${f.folder}/${f.folder}.xml`,
        role: 'record',
        compress: true,
        label: `${record.code}.xml`,
        countsTowardBytes: false,
        open: () => Readable.from([Buffer.from(recordMetadataXml(meta), 'utf8')]),
      },
      {
        path: `${f.folder}/${f.folder}.json`,
        role: 'record',
        compress: true,
        label: `${record.code}.json`,
        countsTowardBytes: false,
        open: () => Readable.from([Buffer.from(recordMetadataJson(meta), 'utf8')]),
      },
      {
        path: `${f.folder}/${CATALOGUE_BASENAME}.html`,
        role: 'record',
        compress: true,
        label: `${record.code} HTML`,
        countsTowardBytes: false,
        open: () =>
          Readable.from(
            (function* () {
              for (const s of contents.html()) yield Buffer.from(s, 'utf8');
            })(),
          ),
      },
      {
        path: `${f.folder}/${CATALOGUE_BASENAME}.xlsx`,
        role: 'record',
        compress: false,
        label: `${record.code} XLSX`,
        countsTowardBytes: false,
        open: () => {
          const pass = new PassThrough();
          contents.xlsx(pass).catch((e: unknown) => pass.destroy(e as Error));
          return pass;
        },
      },
    );
  }

  const roles = new Map(planned.map((e) => [e.path, e.role]));
  const identity = source.identity();
  let manifestBuffer: Buffer | null = null;
  const result = await writeZipAtomically(
    out,
    planned,
    [
      {
        path: MANIFEST_ENTRY,
        make: (written) => {
          const manifest: BundleManifest = {
            format: BUNDLE_FORMAT,
            formatVersion:
              manifestRecords.length > 0 ? BUNDLE_FORMAT_VERSION : BUNDLE_FORMAT_VERSION_DOCUMENTS,
            app: { name: 'VanKho', version: appVersion() },
            schemaVersion: identity.schemaVersion,
            exportedAt,
            archiveUid: identity.archiveUid,
            title,
            selection: opts.selection ?? { kind: 'ids', value: null },
            documents: manifestDocs,
            tags: data.tags,
            relations: data.relations,
            records: manifestRecords,
            entries: written.map((w) => ({ ...w, role: roles.get(w.path)! })),
          };
          manifestBuffer = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, 'utf8');
          return manifestBuffer;
        },
      },
      {
        path: CHECKSUMS_ENTRY,
        make: (written) =>
          checksumLines([
            ...written,
            ...(manifestBuffer
              ? [
                  {
                    path: MANIFEST_ENTRY,
                    sha256: createHash('sha256').update(manifestBuffer).digest('hex'),
                    size: manifestBuffer.length,
                  },
                ]
              : []),
          ]),
      },
    ],
    {
      overwrite: opts.overwrite ?? false,
      bytesTotal: originalBytes,
      mtime: new Date(exportedAt),
      archiveDir: dirname(store.root),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    },
  );
  return {
    out: result.out,
    documents: manifestDocs.length,
    files: manifestDocs.reduce((n, d) => n + d.files.length, 0),
    records: manifestRecords.length,
    entries: result.entries,
    originalBytes,
    bundleBytes: result.bytes,
  };
}
