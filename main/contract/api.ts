// THE request map: every request the renderer may make, by method name, with the zod schema its
// input is validated with at the boundary and the type of its answer. Every answer is a Result<T>.
// The Electron IPC handlers, the preload bridge, the web server's routes and the renderer's client
// type are all derived from this one object; add methods here (additively), never elsewhere.
import { z } from 'zod';
import type {
  AppInfo,
  ArchiveInfo,
  BulkChangeDto,
  BulkUndoResultDto,
  BundleProbeDto,
  CheckReportDto,
  DialogImportStarted,
  DocumentDetail,
  DocumentRelations,
  FileDto,
  JobDto,
  JobStarted,
  PageText,
  RecentArchive,
  ReviewQueuePage,
  TagAddResultDto,
  TagDto,
  TagMergeResultDto,
  TrashEntryDto,
} from './dto.js';
import { BULK_FIELDS, METADATA_FIELDS, type MetadataField } from './dto.js';
import type { AppEventListener } from './events.js';
import type { Result } from './errors.js';
import type { InstantHit, SearchFacets, SearchRequest, SearchResponse } from './search-types.js';

/** Phantom marker carrying a response type in a runtime object. */
export interface Returns<T> {
  readonly __returns?: T;
}
function returns<T>(): Returns<T> {
  return {};
}
function def<I extends z.ZodType, O>(input: I, output: Returns<O>) {
  return { input, output };
}

// ---- shared input pieces -------------------------------------------------------------------------

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(2_000);
/** Absolute folder path chosen by the user (archive open/create only, never for reading files). */
const dirPath = z.string().min(1).max(4_096);
const tagName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(200));
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const isoDatePart = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
const empty = z.object({}).strict();

export const SearchFiltersSchema = z
  .object({
    number: shortText.optional(),
    types: z.array(shortText).max(100).optional(),
    issuers: z.array(shortText).max(100).optional(),
    years: z.array(z.number().int().min(1000).max(3000).nullable()).max(300).optional(),
    dateFrom: isoDatePart.optional(),
    dateTo: isoDatePart.optional(),
    tags: z.array(shortText).max(100).optional(),
  })
  .strict();

export const SearchRequestSchema = z
  .object({
    query: z.string().max(2_000),
    filters: SearchFiltersSchema.optional(),
    sort: z.enum(['relevance', 'date-desc', 'date-asc']).optional(),
    limit: z.number().int().min(1).max(200).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
    asYouType: z.boolean().optional(),
    facets: z.boolean().optional(),
    snippets: z.boolean().optional(),
  })
  .strict();

// Compile-time proof that the schema produces the search engine's own request type.
const _searchRequestMatches: (r: z.output<typeof SearchRequestSchema>) => SearchRequest = (r) => r;
void _searchRequestMatches;

const fieldText = z.string().max(2_000).nullable().optional();
const longText = z.string().max(20_000).nullable().optional();
/** A metadata patch: a field absent is left alone, null clears it. */
export const MetadataPatchSchema = z
  .object({
    title: fieldText,
    number: fieldText,
    docType: fieldText,
    system: z.enum(['party', 'state']).nullable().optional(),
    issuer: fieldText,
    issuerSuperior: fieldText,
    place: fieldText,
    issuedDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .optional(),
    signer: fieldText,
    signerTitle: fieldText,
    recipients: longText,
    notes: longText,
  })
  .strict();
// Compile-time proof that the patch covers exactly the contract's metadata fields.
const _patchCoversFields: Record<MetadataField, unknown> = MetadataPatchSchema.shape;
void _patchCoversFields;

export const EXPORT_KINDS = ['bundle', 'catalogue'] as const;

/** One change for many documents: set a field (the value as a person types it), add a tag, confirm. */
export const BulkChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('set'), field: z.enum(BULK_FIELDS), value: z.string().max(2_000).nullable() })
    .strict(),
  z.object({ kind: z.literal('addTag'), name: tagName }).strict(),
  z.object({ kind: z.literal('confirmAll') }).strict(),
]);
const documentIds = z.array(id).min(1).max(1_000_000);

/** What an export covers besides explicit ids (resolved by the host like `vankho export`). */
export const ExportSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tag'), name: tagName, subtags: z.boolean().default(true) }).strict(),
  z
    .object({
      kind: z.literal('query'),
      query: z.string().max(2_000),
      filters: SearchFiltersSchema.optional(),
    })
    .strict(),
]);

// ---- the map --------------------------------------------------------------------------------------

export const API = {
  // App and archive
  appInfo: def(empty, returns<AppInfo>()),
  /** The open archive, or null when none is open (desktop app at first start). */
  archiveInfo: def(empty, returns<ArchiveInfo | null>()),
  archiveOpen: def(z.object({ dir: dirPath }).strict(), returns<ArchiveInfo>()),
  /** Creates a new archive in an empty or missing folder and opens it. */
  archiveCreate: def(z.object({ dir: dirPath }).strict(), returns<ArchiveInfo>()),
  /** Desktop only: shows a folder picker; null when the user cancelled. Web: UNSUPPORTED. */
  archivePickDirectory: def(
    z.object({ purpose: z.enum(['open', 'create']) }).strict(),
    returns<string | null>(),
  ),
  archiveRecent: def(empty, returns<RecentArchive[]>()),
  archiveCheck: def(z.object({ full: z.boolean().default(false) }).strict(), returns<CheckReportDto>()),
  /** Imports the bundled sample documents as an import job (progress via importProgress events). */
  archiveLoadSamples: def(empty, returns<JobStarted>()),

  // Search
  search: def(SearchRequestSchema, returns<SearchResponse>()),
  instantFind: def(
    z.object({ prefix: z.string().max(500), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    returns<InstantHit[]>(),
  ),
  /** Facet counts over the whole archive (or the given filters) without a text query. */
  facets: def(z.object({ filters: SearchFiltersSchema.optional() }).strict(), returns<SearchFacets>()),
  /** Rebuilds the search indexes from the database (a job; progress via reindexProgress). */
  searchReindex: def(empty, returns<JobStarted>()),

  // Documents
  documentGet: def(z.object({ documentId: id }).strict(), returns<DocumentDetail>()),
  /** Sets metadata fields (null clears); every field written is marked source 'user'. */
  documentUpdate: def(
    z.object({ documentId: id, fields: MetadataPatchSchema }).strict(),
    returns<DocumentDetail>(),
  ),
  /** Confirms extracted suggestions as they are (provenance auto → user) without changing them. */
  documentConfirm: def(
    z
      .object({ documentId: id, fields: z.array(z.enum(METADATA_FIELDS)).min(1).max(METADATA_FIELDS.length) })
      .strict(),
    returns<DocumentDetail>(),
  ),
  /** Moves the document to the trash (Thùng rác); its originals stay until the trash is emptied. */
  documentDelete: def(z.object({ documentId: id }).strict(), returns<{ deleted: true; trashId: number }>()),
  /** The trash, most recently deleted first. */
  trashList: def(empty, returns<TrashEntryDto[]>()),
  /** Restores trash entries whole (metadata, tags, relations, text, originals); their document ids. */
  trashRestore: def(
    z.object({ trashIds: z.array(id).min(1).max(10_000) }).strict(),
    returns<{ documentIds: number[] }>(),
  ),
  /** Empties the trash (everything, or the entries given): rows and originals go for good. */
  trashEmpty: def(
    z.object({ trashIds: z.array(id).min(1).max(10_000).optional() }).strict(),
    returns<{ removed: number; filesDeleted: number }>(),
  ),
  documentRelations: def(z.object({ documentId: id }).strict(), returns<DocumentRelations>()),
  /** Extracted text of a document's file, page by page (DOCX/TXT preview, text layer fallback). */
  filePages: def(z.object({ fileId: id }).strict(), returns<PageText[]>()),
  filesList: def(z.object({ documentId: id }).strict(), returns<FileDto[]>()),
  /**
   * Desktop only: asks where to save a copy of a stored original and writes it there (the path
   * saved to, or null when cancelled). Web mode: UNSUPPORTED — use fileUrl(id, { download: true }).
   */
  fileSaveAs: def(z.object({ fileId: id }).strict(), returns<string | null>()),

  /**
   * The review queue: documents with a suggestion nobody confirmed, or without số ký hiệu, loại,
   * cơ quan ban hành or ngày ban hành; newest import first.
   */
  reviewQueue: def(
    z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
    returns<ReviewQueuePage>(),
  ),
  /** The queue's next document after `afterId` (wrapping), and how many others wait. */
  reviewNext: def(
    z.object({ afterId: id }).strict(),
    returns<{ documentId: number | null; remaining: number }>(),
  ),
  /**
   * Sets one field, adds a tag or confirms every suggestion on many documents, through the same
   * path as a single edit; remembered so that bulkUndo can put them back.
   */
  documentsBulkUpdate: def(
    z.object({ documentIds, change: BulkChangeSchema }).strict(),
    returns<BulkChangeDto>(),
  ),
  /** The last bulk change not undone yet (null: none), e.g. to offer its undo after a reload. */
  bulkLast: def(empty, returns<BulkChangeDto | null>()),
  /** Undoes the last bulk change (null: nothing to undo). */
  bulkUndo: def(empty, returns<BulkUndoResultDto | null>()),
  /**
   * Re-extracts text, metadata suggestions and citations from the stored originals of the given
   * documents (all when omitted), as a job: progress via reextractProgress, end via jobFinished.
   * A person's values are never changed; a document that fails keeps its old text.
   */
  reextractStart: def(z.object({ documentIds: documentIds.optional() }).strict(), returns<JobStarted>()),
  reextractCancel: def(z.object({ jobId }).strict(), returns<{ cancelled: boolean }>()),

  // Tags
  tagsList: def(empty, returns<TagDto[]>()),
  tagCreate: def(
    z
      .object({ name: tagName, parentId: id.nullable().optional(), color: color.nullable().optional() })
      .strict(),
    returns<TagAddResultDto>(),
  ),
  /** Renames; onto another tag's name or an accent/case twin of it: TAG_EXISTS (merge instead). */
  tagRename: def(z.object({ tagId: id, name: tagName }).strict(), returns<TagDto>()),
  /** Moves every document of `sourceId` to `targetId`, then deletes the source tag (undo: tagMergeUndo). */
  tagMerge: def(z.object({ sourceId: id, targetId: id }).strict(), returns<TagMergeResultDto>()),
  /** Undoes a merge made in this session: the source tag and its document links come back. */
  tagMergeUndo: def(z.object({ undoId: jobId }).strict(), returns<TagDto>()),
  tagSetColor: def(z.object({ tagId: id, color: color.nullable() }).strict(), returns<TagDto>()),
  tagSetParent: def(z.object({ tagId: id, parentId: id.nullable() }).strict(), returns<TagDto>()),
  /** Deletes the tag; its documents stay. */
  tagDelete: def(z.object({ tagId: id }).strict(), returns<{ deleted: true }>()),
  /** Adds a tag to a document by id, or by name (an accent/case twin of an existing tag reuses it). */
  documentAddTag: def(
    z
      .object({ documentId: id, tagId: id.optional(), name: tagName.optional() })
      .strict()
      .refine((v) => (v.tagId === undefined) !== (v.name === undefined), { message: 'tagId or name' }),
    returns<TagAddResultDto>(),
  ),
  documentRemoveTag: def(z.object({ documentId: id, tagId: id }).strict(), returns<{ removed: boolean }>()),

  // Import
  /**
   * Hands one file's bytes to the host for a later importStart (drag and drop, file inputs).
   * Over HTTP this is POST /upload with the raw bytes (see main/web/README.md), not JSON.
   */
  importUpload: def(
    z.object({ name: z.string().min(1).max(1_000), bytes: z.instanceof(Uint8Array) }).strict(),
    returns<{ uploadId: string }>(),
  ),
  /** Starts an import job of uploaded files; progress via importProgress, end via jobFinished. */
  importStart: def(
    z.object({ uploadIds: z.array(jobId).min(1).max(100_000) }).strict(),
    returns<JobStarted>(),
  ),
  /**
   * Desktop only: shows the native file/folder picker and starts an import job of what was picked
   * (null: cancelled); VanKho bundles picked as files are held for a merge offer instead.
   */
  importFromDialog: def(
    z.object({ folders: z.boolean().default(false) }).strict(),
    returns<DialogImportStarted | null>(),
  ),
  /** Cancels an import job (files or bundle). */
  importCancel: def(z.object({ jobId }).strict(), returns<{ cancelled: boolean }>()),
  /**
   * Imports a VanKho bundle (a ZIP exported by exportStart, e.g. from another archive) that was
   * uploaded with importUpload; progress via bundleImportProgress, end via jobFinished. A refused
   * bundle (BUNDLE_INVALID / BUNDLE_TAMPERED / BUNDLE_HOSTILE) leaves the archive untouched.
   */
  bundleImportStart: def(z.object({ uploadId: jobId }).strict(), returns<JobStarted>()),
  /**
   * Tells whether an uploaded file is a VanKho bundle: null for any other file (also a ZIP without
   * the bundle manifest, which imports as a document); a ZIP claiming to be a bundle gets every
   * check of the import and is refused with BUNDLE_INVALID / BUNDLE_HOSTILE / BUNDLE_TAMPERED.
   */
  bundleProbe: def(z.object({ uploadId: jobId }).strict(), returns<BundleProbeDto | null>()),

  // Export
  /**
   * Starts an export job of the given documents (or of every document when `documentIds` is
   * omitted). Desktop: asks for the destination first (null: cancelled). Web: the result is
   * downloaded from HTTP_PATHS.exportsPrefix + jobId.
   */
  exportStart: def(
    z
      .object({
        kind: z.enum(EXPORT_KINDS),
        documentIds: z.array(id).min(1).max(1_000_000).optional(),
        /** Instead of documentIds: a tag (with sub-tags) or every result of a search, as the CLI's --tag/--query. */
        selection: ExportSelectionSchema.optional(),
      })
      .strict()
      .refine((v) => v.documentIds === undefined || v.selection === undefined, {
        message: 'documentIds or selection',
      }),
    returns<JobStarted | null>(),
  ),
  exportCancel: def(z.object({ jobId }).strict(), returns<{ cancelled: boolean }>()),

  // Jobs
  jobsList: def(empty, returns<JobDto[]>()),
} as const;

export type Api = typeof API;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
/** The input after validation (defaults applied), as the host's handlers receive it. */
export type ApiParsedInput<M extends ApiMethod> = z.output<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = Api[M]['output'] extends Returns<infer T> ? T : never;

export const API_METHODS = Object.keys(API) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API, name);
}

/** Requests the renderer may make: one function per method, each answering a Result. */
export type ApiRequests = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>> };

/**
 * The client the renderer uses, whatever the transport (Electron preload bridge or HTTP).
 * Built by renderer/src/api/ (HTTP) or exposed by preload/ (Electron) as `window.vankho`.
 */
export interface VanKhoApi extends ApiRequests {
  /** Subscribes to main → renderer events; returns the unsubscribe function. */
  onEvent(listener: AppEventListener): () => void;
  /** URL the renderer may load/fetch for the bytes of a stored original (by id only). */
  fileUrl(fileId: number, opts?: { download?: boolean }): string;
  /** Web mode: URL of a finished export's file; desktop: null (the file is already saved). */
  exportUrl(jobId: string): string | null;
}

/** What the host implements: one handler per method, given validated input. */
export type ApiHandlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};
