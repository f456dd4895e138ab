import { z } from 'zod';
import { parseAccessLevel, parseSecrecyLevel } from '../../contract/glossary.js';
import { VALIDITY_OVERRIDES } from '../../contract/dto.js';
import { OCR_PAGE_CAVEATS } from '../ocr/ocr-store.js';

// The bundle manifest (manifest.json): a versioned, documented schema (docs/bundle-format.md). The
// reader validates every bundle against it before touching anything; a newer formatVersion is
// refused rather than half-understood.

export const BUNDLE_FORMAT = 'vankho-bundle';
/**
 * 2: hồ sơ (records) with their per-hồ sơ folder. A bundle without hồ sơ is still written as 1, so a
 * VanKho that knows only 1 keeps reading what it can read whole; a reader accepts every version ≤ its own.
 */
export const BUNDLE_FORMAT_VERSION = 2;
/** The version of a bundle that carries no hồ sơ. */
export const BUNDLE_FORMAT_VERSION_DOCUMENTS = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const CHECKSUMS_ENTRY = 'SHA256SUMS';
export const ORIGINALS_DIR = 'originals';
export const TEXT_DIR = 'text';
export const CATALOGUE_BASENAME = 'muc-luc-van-ban';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex');
// Limits only bound absurd values (the manifest's byte size is bounded by the reader anyway); they
// must never refuse what an archive can hold, or an export would not import.
const BIG = 10_000_000;
const timestamp = z.string().max(64);
const text = (max: number) => z.string().max(max);
const optText = (max: number) => z.string().max(max).nullable();

/** A relative entry path: forward slashes, no empty, "." or ".." segment, no drive letter or NUL. */
export function isSafeEntryPath(p: string): boolean {
  if (p.length === 0 || p.length > 1024) return false;
  if (p.startsWith('/') || p.includes('\\') || /^[a-zA-Z]:/.test(p)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

const entryPath = z.string().refine(isSafeEntryPath, 'unsafe entry path');

/**
 * A level through the glossary's one parser: this VanKho writes codes, but a bundle made by hand or by
 * another tool may carry the words ('Mật', 'Confidential'); anything else refuses the bundle.
 */
function level<T extends string>(parse: (v: string) => T | null, what: string) {
  return z
    .string()
    .max(200)
    .transform((v, ctx): T => {
      const code = parse(v);
      if (code === null) ctx.addIssue({ code: 'custom', message: `not a ${what}: ${v}` });
      return code as T;
    });
}

export const manifestFieldSchema = z.object({
  field: text(200),
  source: z.enum(['auto', 'user']),
  confidence: z.number().nullable(),
  updatedAt: timestamp,
});

export const manifestFileSchema = z.object({
  path: entryPath,
  sha256,
  size: z.number().int().nonnegative(),
  mediaType: text(255),
  originalName: text(100_000),
  role: z.enum(['main', 'attachment']),
  position: z.number().int().nonnegative(),
  textEncoding: optText(64),
  importedAt: timestamp,
  /** Extracted text of this file: pages separated by a form feed (U+000C), absent when none. */
  text: z.object({ path: entryPath, pages: z.number().int().nonnegative().max(1_000_000) }).nullable(),
  /**
   * The file's pages read by OCR (words with their boxes, confidence): a JSON entry of role 'text'
   * (ocrPagesFileSchema). Absent when none, and in bundles written before it: an older reader keeps
   * the OCR text (in `text`) and drops only this.
   */
  ocr: z
    .object({
      path: entryPath,
      pages: z.number().int().positive().max(1_000_000),
      /**
       * The boxes of a TIFF's pages lie on the page as its Orientation tag shows it (written since
       * pages are turned by it); absent in older bundles, whose TIFF boxes lie on the stored pixels.
       */
      upright: z.literal(true).optional(),
    })
    .optional(),
});

/** One OCR page entry's content: the recognised pages of one file (as the archive's ocr_pages). */
export const ocrPagesFileSchema = z
  .array(
    z.object({
      pageNo: z.number().int().positive().max(1_000_000),
      reason: z.enum(['scan', 'mojibake', 'image']),
      text: text(BIG),
      words: z
        .array(
          z.object({
            text: text(10_000),
            conf: z.number().min(0).max(100),
            box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
            /** The clockwise angle the word's text runs at on the page (a page scanned turned). */
            angle: z.union([z.literal(90), z.literal(180), z.literal(270)]).optional(),
          }),
        )
        .max(1_000_000),
      confidence: z.number().min(0).max(100).nullable(),
      langs: optText(64),
      /** Why to review the page beyond its confidence; absent when none, and in older bundles. */
      caveat: z.enum(OCR_PAGE_CAVEATS).optional(),
    }),
  )
  .max(1_000_000);

export const manifestDocumentSchema = z.object({
  uid: z.string().min(1).max(512),
  title: text(BIG),
  number: optText(BIG),
  numberKey: optText(BIG),
  docType: optText(BIG),
  system: z.enum(['party', 'state']).nullable(),
  issuer: optText(BIG),
  issuerSuperior: optText(BIG),
  place: optText(BIG),
  issuedDate: optText(64),
  signer: optText(BIG),
  signerTitle: optText(BIG),
  recipients: optText(BIG),
  notes: text(BIG),
  // Bundles written before schema 10 carry neither: their documents were public without a độ mật.
  access: level(parseAccessLevel, 'access level').default('cong-khai'),
  secrecy: level(parseSecrecyLevel, 'secrecy level').nullable().default(null),
  textStatus: z.enum(['pending', 'ok', 'partial', 'none', 'failed']),
  textErrorCode: optText(64),
  pageCount: z.number().int().nonnegative().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /**
   * The extraction rules' version that read its suggestions and carried citations (migration 015); a
   * bundle written before it was carried: 1, the rules as they stood when versions began to be kept.
   */
  extractionRule: z.number().int().min(0).max(1_000_000).default(1),
  /** Provenance per metadata field: 'auto' = extracted suggestion, 'user' = confirmed by a person. */
  fields: z.array(manifestFieldSchema).max(200),
  /** Tag names (see the top-level tags list for hierarchy and colour). */
  tags: z.array(text(500)).max(10_000),
  /** A person's word on its validity (document_validity); absent in bundles before it was carried. */
  validity: z
    .object({ status: z.enum(VALIDITY_OVERRIDES), note: text(BIG), setBy: optText(512), setAt: timestamp })
    .nullable()
    .default(null),
  files: z.array(manifestFileSchema).max(10_000),
});

export const manifestTagSchema = z.object({
  name: z.string().min(1).max(500),
  parent: z.string().min(1).max(500).nullable(),
  color: optText(64),
  createdAt: timestamp,
});

export const manifestRelationSchema = z.object({
  sourceUid: z.string().min(1).max(512),
  kind: text(200),
  /** Uid of the cited document when it was resolved in the exporting archive (an import follows it
   *  for a person's link; a citation, origin 'auto', is resolved again by the importer's rule). */
  targetUid: z.string().min(1).max(512).nullable(),
  citedNumber: optText(BIG),
  citedNumberKey: optText(BIG),
  citedType: optText(BIG),
  citedDate: optText(BIG),
  citedIssuer: optText(BIG),
  evidence: optText(BIG),
  /** 'auto' = found by citation extraction (a suggestion), 'manual' = made or confirmed by a person. */
  origin: z.enum(['auto', 'manual']),
  createdAt: timestamp,
});

export const manifestEntrySchema = z.object({
  path: entryPath,
  sha256,
  size: z.number().int().nonnegative(),
  /** 'record': a hồ sơ's metadata (XML, JSON), mục lục, or a copy of a shared document's file. */
  role: z.enum(['original', 'text', 'catalogue', 'record']),
});

const uid = z.string().min(1).max(512);

/**
 * A hồ sơ (records file) as it stands in the exporting archive: its own columns (an override of a
 * derived value is given, null means "derived from its documents") and its documents' uids in their
 * order (số thứ tự 1..n). The per-hồ sơ XML/JSON in its folder say the same in Phụ lục VI terms.
 */
export const manifestRecordSchema = z.object({
  code: z.string().min(1).max(200),
  organCode: text(200),
  year: z.number().int().min(1900).max(2100),
  notation: text(200),
  heading: text(BIG),
  title: z.string().min(1).max(BIG),
  creator: text(BIG),
  retention: z.union([z.literal('permanent'), z.number().int().positive().max(999)]),
  access: level(parseAccessLevel, 'access level'),
  language: text(1000),
  startDate: optText(64),
  endDate: optText(64),
  keywords: z.array(text(1000)).max(10_000),
  sheetCount: z.number().int().nonnegative().nullable(),
  pageCount: z.number().int().nonnegative().nullable(),
  physicalState: text(BIG),
  notes: text(BIG),
  state: z.enum(['open', 'closed', 'archived']),
  /** A person put the documents in this order (new ones go last), rather than by date. */
  manualOrder: z.boolean(),
  createdAt: timestamp,
  createdBy: optText(512),
  updatedAt: timestamp,
  closedAt: timestamp.nullable(),
  /** Its documents in order; each is in `documents` (a document may be in several hồ sơ). */
  documents: z.array(uid).max(1_000_000),
  /** Its folder in the bundle (metadata, mục lục, files named "mã hồ sơ.số thứ tự"). */
  folder: entryPath,
});

/** Most elements each top-level array may hold (bounds absurd values, like BIG). */
export const MANIFEST_ARRAY_MAX = {
  documents: 1_000_000,
  tags: 100_000,
  relations: 10_000_000,
  entries: 3_000_000,
} as const;

export const bundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.object({ name: text(100), version: text(100) }),
  /** user_version of the exporting archive's database. */
  schemaVersion: z.number().int().nonnegative(),
  exportedAt: timestamp,
  archiveUid: optText(128),
  title: text(1000),
  selection: z.object({
    kind: z.enum(['ids', 'tag', 'query', 'all', 'records']),
    value: optText(2000),
  }),
  documents: z.array(manifestDocumentSchema).max(MANIFEST_ARRAY_MAX.documents),
  tags: z.array(manifestTagSchema).max(MANIFEST_ARRAY_MAX.tags),
  relations: z.array(manifestRelationSchema).max(MANIFEST_ARRAY_MAX.relations),
  /** Hồ sơ (format 2; absent in 1). Few and small: read whole with the head, never streamed. */
  records: z.array(manifestRecordSchema).max(100_000).default([]),
  /** Every entry of the ZIP except manifest.json and SHA256SUMS, with its SHA-256 and size. */
  entries: z.array(manifestEntrySchema).max(MANIFEST_ARRAY_MAX.entries),
});

/** The manifest without its four arrays: what a streaming reader holds (stream-bundle.ts). */
export const manifestHeadSchema = bundleManifestSchema.omit({
  documents: true,
  tags: true,
  relations: true,
  entries: true,
});

export type BundleManifest = z.infer<typeof bundleManifestSchema>;
export type ManifestHead = z.infer<typeof manifestHeadSchema>;
export type ManifestDocument = z.infer<typeof manifestDocumentSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ManifestTag = z.infer<typeof manifestTagSchema>;
export type ManifestRelation = z.infer<typeof manifestRelationSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type ManifestRecord = z.infer<typeof manifestRecordSchema>;
export type ManifestField = z.infer<typeof manifestFieldSchema>;
