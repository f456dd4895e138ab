// Plain data shapes that cross the boundary (IPC, HTTP). No class instances, no Dates: dates are
// ISO strings (yyyy-mm-dd for document dates), ids are numbers, sizes are bytes.
import type { AppError } from './errors.js';

/** The editable metadata fields of a document, in the order the form shows them. */
export const METADATA_FIELDS = [
  'title',
  'number',
  'docType',
  'system',
  'issuer',
  'issuerSuperior',
  'place',
  'issuedDate',
  'signer',
  'signerTitle',
  'recipients',
  'notes',
  'access',
  'secrecy',
] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** Fields a bulk edit may set on many documents at once (not identity fields like số ký hiệu). */
export const BULK_FIELDS = [
  'docType',
  'issuer',
  'issuerSuperior',
  'issuedDate',
  'place',
  'signer',
  'signerTitle',
  'system',
  'access',
  'secrecy',
] as const satisfies readonly MetadataField[];
export type BulkField = (typeof BULK_FIELDS)[number];

export type TextStatus = 'pending' | 'ok' | 'partial' | 'none' | 'failed';

/**
 * Why a stored document has no text (issue 16): 'scan' an image or a PDF without a text layer (waits
 * for OCR), 'unsupported' a format VanKho does not read (.xlsx, .odt, …), 'empty' a read format holding
 * no text, 'encrypted' a password-protected PDF, 'unreadable' a damaged file or an extraction that
 * failed. Labels: NO_TEXT_TERMS in glossary.ts; the rule: noTextReason in no-text.ts.
 */
export const NO_TEXT_REASONS = ['scan', 'unsupported', 'empty', 'encrypted', 'unreadable'] as const;
export type NoTextReason = (typeof NO_TEXT_REASONS)[number];
export type DocSystem = 'party' | 'state';

export interface TagRef {
  id: number;
  name: string;
  color: string | null;
}

export interface TagDto extends TagRef {
  parentId: number | null;
  documentCount: number;
}

/** A document in the trash (Thùng rác): gone from the archive until restored or emptied. */
export interface TrashEntryDto {
  id: number;
  /** The id the document had (restored under it while free). */
  documentId: number;
  uid: string;
  number: string | null;
  title: string;
  docType: string | null;
  issuedDate: string | null;
  deletedAt: string;
  fileCount: number;
  bytes: number;
}

/** What adding (or creating) a tag did, so the UI can say it. */
export interface TagAddResultDto extends TagDto {
  /** The name typed when it differed from the existing tag used (accents/case only), else null. */
  reusedFrom: string | null;
  created: boolean;
  /** The document already carried the tag: nothing changed. */
  alreadyTagged: boolean;
}

export interface TagMergeResultDto {
  tag: TagDto;
  /** Pass to tagMergeUndo right after (kept in memory while the archive is open); null: nothing merged. */
  undoId: string | null;
}

export interface FileDto {
  id: number;
  documentId: number;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  role: 'main' | 'attachment';
  position: number;
  importedAt: string;
}

/** Where a metadata value came from: an extraction suggestion (auto) or a person (user). */
export interface FieldProvenance {
  source: 'auto' | 'user';
  confidence: number | null;
  /** Who set it (Actor.id) when a person did, as recorded since schema 6. */
  setBy?: string;
}

export interface DocumentDetail {
  id: number;
  uid: string;
  metadata: Record<MetadataField, string | null>;
  /** Fields never filled have no entry. `auto` entries are unconfirmed suggestions. */
  provenance: Partial<Record<MetadataField, FieldProvenance>>;
  textStatus: TextStatus;
  textError: AppError | null;
  /** Why there is no text (null when the document has text, or its text is still pending). */
  noText: NoTextReason | null;
  pageCount: number | null;
  files: FileDto[];
  tags: TagRef[];
  /** Tình trạng hiệu lực: from the relation graph, or a person's override. */
  validity: DocumentValidity;
  /** Read by older extraction rules (null: by the current ones): a notice until read again or confirmed. */
  olderRules: OlderRulesDto | null;
  createdAt: string;
  updatedAt: string;
  /**
   * Changes whenever what a save can overwrite changes (metadata and its provenance, the validity
   * override; not tags, whose adding and removing overwrite nothing), whoever changed it: send it
   * back as `expectedVersion` and a save made from an older copy is refused with CONFLICT instead of
   * overwriting the other person's change. Set on every
   * answer of the contract (core/archive/document-version.ts); absent only from the core's own reads.
   */
  version?: string;
  /**
   * Other documents the caller may read with the same số ký hiệu, cơ quan ban hành and year (Nghị
   * định 30/2020 Phụ lục VI III.1.h: likely the same document filed twice), oldest first, without the
   * pairs a person kept apart (documentKeepApart). Set on every answer of the contract, like version.
   */
  identityTwins?: IdentityTwinDto[];
}

/** A document of the same identity as another: enough to tell them apart. */
export interface IdentityTwinDto {
  id: number;
  number: string | null;
  title: string;
  issuedDate: string | null;
}

/**
 * Validity as the archive knows it. 'unknown': nothing in the archive replaces, repeals or amends it
 * (the archive cannot say it is in force); 'in-force' only when a person said so.
 */
export const VALIDITY_STATUSES = [
  'unknown',
  'in-force',
  'amended',
  'replaced',
  'no-longer-in-force',
] as const;
export type ValidityStatus = (typeof VALIDITY_STATUSES)[number];
/** What a person may set (an override): every status but 'unknown'. */
export const VALIDITY_OVERRIDES = ['in-force', 'amended', 'replaced', 'no-longer-in-force'] as const;
export type ValidityOverride = (typeof VALIDITY_OVERRIDES)[number];

export interface DocumentValidity {
  /** The status shown: the override when there is one, else the derived one. */
  status: ValidityStatus;
  /** What the relation graph says, whatever a person set. */
  derived: ValidityStatus;
  /** Documents in the archive that replace (thay thế) this one. */
  replacedBy: DocumentRef[];
  /** Documents in the archive that repeal (bãi bỏ) it. */
  repealedBy: DocumentRef[];
  /** Documents in the archive that amend or supplement (sửa đổi, bổ sung) it. */
  amendedBy: DocumentRef[];
  /** A person's override: status, note, who (Actor.id) and when. */
  override: { status: ValidityOverride; note: string; setBy: string | null; setAt: string } | null;
}

export interface PageText {
  fileId: number;
  pageNo: number;
  text: string;
}

export interface DocumentRef {
  id: number;
  number: string | null;
  docType: string | null;
  title: string;
  issuedDate: string | null;
}

/** can_cu, thuc_hien, theo, huong_dan, sua_doi, bo_sung, thay_the, bai_bo, lien_quan (see domain.md). */
export type RelationKind = string;

export interface RelationDto {
  id: number;
  kind: RelationKind;
  origin: 'auto' | 'manual';
  /** The other document when it is in the archive; null for a citation not (yet) resolved. */
  other: DocumentRef | null;
  citedNumber: string | null;
  citedType: string | null;
  citedDate: string | null;
  citedIssuer: string | null;
  evidence: string | null;
}

export interface DocumentRelations {
  /** This document cites these (resolved). */
  cites: RelationDto[];
  /** These documents cite this one. */
  citedBy: RelationDto[];
  /** This document cites these numbers, which are not in the archive. */
  missing: RelationDto[];
}

export interface ArchiveInfo {
  dir: string;
  name: string;
  documentCount: number;
  fileCount: number;
  tagCount: number;
  totalBytes: number;
  schemaVersion: number;
  readonly: boolean;
  /**
   * Documents (of those the caller may read) whose suggestions and citations older extraction rules
   * read and nobody confirmed since (see OlderRulesDto): re-extraction reads them by the current rules.
   */
  readByOlderRules: number;
}

export interface RecentArchive {
  /** The folder; for a shared archive its server's address (unique in the list either way). */
  dir: string;
  name: string;
  openedAt: string;
  exists: boolean;
  /** A shared archive (a `vankho serve` the desktop app connected to): its address, and whether a self-signed certificate is pinned. */
  server?: { url: string; pinned: boolean };
}

/** A caller's role: quản trị, văn thư/lưu trữ, cán bộ (request-context.ts's Role). */
export const USER_ROLES = ['admin', 'archivist', 'reader'] as const;
export type CallerRole = (typeof USER_ROLES)[number];
/** What a contract method needs (permissions.ts): read, edit, or administer. */
export type CallerPermission = 'read' | 'edit' | 'admin';

export interface AppInfo {
  version: string;
  /** Which host runs the contract: the desktop app, the loopback web server or the CLI in-process. */
  host: 'electron' | 'web' | 'cli';
  /** Native pickers (folder/file dialogs) exist only in the desktop app. */
  nativeDialogs: boolean;
  samplesAvailable: boolean;
  /** Who asks and what their role lets them do (the server refuses the rest anyway). */
  caller: {
    displayName: string;
    role: CallerRole;
    may: CallerPermission[];
    /** 'account': signed in to an office server (accounts exist to manage); 'local': this computer. */
    kind: 'local' | 'account';
  };
}

export interface CheckProblem {
  code: string;
  severity: 'error' | 'warning';
  message: { vi: string; en: string };
  detail: string | null;
}

export interface CheckReportDto {
  ok: boolean;
  full: boolean;
  checkedAt: string;
  /** The database's schema version (PRAGMA user_version) as found. */
  schemaVersion: number;
  problems: CheckProblem[];
  counts: Record<string, number>;
}

export type JobKind =
  'import' | 'export' | 'reindex' | 'bundleImport' | 'reextract' | 'ocr' | 'backup' | 'restore' | 'recover';
/** 'interrupted': the process running it ended (crash, kill, power cut) before the job did. */
export type JobState = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface JobStarted {
  jobId: string;
}

/**
 * What the desktop's file picker started: an import job for the ordinary files (null when every file
 * picked was a bundle), and the VanKho bundles among them, held as uploads for the merge offer
 * (bundleProbe / bundleImportStart), never filed as documents.
 */
export interface DialogImportStarted {
  jobId: string | null;
  bundles: { uploadId: string; name: string }[];
}

export interface ImportProgressDto {
  total: number;
  /** Files finished (imported + duplicates + failed). */
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  /** The file being processed now (its original name, never a full path). */
  currentName: string | null;
  /** The files' bytes read and to read. */
  bytesDone: number;
  bytesTotal: number;
}

export interface ImportOutcomeDto {
  name: string;
  outcome: 'imported' | 'duplicate' | 'failed';
  documentId: number | null;
  error: AppError | null;
  /** Imported, but the text could not be (fully) extracted (PDF_ENCRYPTED, PDF_CORRUPT, …). */
  warning: AppError | null;
  /** Imported without any text, and why (scan, format not read, …); null when it has text. */
  noText: NoTextReason | null;
  /** Imported: the readable documents of the same number, issuer and year (DocumentDetail.identityTwins). */
  identityTwins: IdentityTwinDto[];
  /** The source as the caller named it (importPathsStart only: never a host's path to a web caller). */
  source?: ImportSourceDto;
}

/** Where an imported file came from and what it was (importPathsStart's report, the CLI's JSON). */
export interface ImportSourceDto {
  /** The path as walked (absolute); a name that is not valid UTF-8 is repaired with U+FFFD. */
  path: string;
  /** Only when some name on the path is not valid UTF-8: its exact bytes, %XX-escaped. */
  rawPath?: string;
  sha256: string | null;
  size: number | null;
  mediaType: string | null;
  textStatus: 'ok' | 'partial' | 'none' | 'failed' | null;
}

export interface ImportReportDto {
  /** Files found in what was given. */
  total: number;
  /** importPathsStart only: the import log's batch of this run. */
  batchId?: number;
  imported: number;
  duplicates: number;
  failed: number;
  /** Imported documents whose text could not be (fully) extracted. */
  withWarnings: number;
  /** The job was cancelled: outcomes cover only the files finished before. */
  cancelled: boolean;
  /** The batch stopped early (a full disk): outcomes cover the files finished before it. */
  stoppedBy?: AppError;
  outcomes: ImportOutcomeDto[];
}

/**
 * What the text engine would propose for a file or a text, nothing filed (extractPreview,
 * `vankho extract`): the fields in the engine's order with their confidence, and the citations.
 */
export interface ExtractPreviewDto {
  /** The file's absolute path, or 'stdin' for a text. */
  source: string;
  textStatus: string;
  /** A legacy Vietnamese encoding recognised and converted (tcvn3, vni, …), else null. */
  encoding: string | null;
  fields: Partial<Record<MetadataField, { value: string | string[]; confidence: number }>>;
  citations: Array<{
    number: string;
    numberKey: string;
    kind: string;
    type: string | null;
    date: string | null;
    issuer: string | null;
    evidence: string;
  }>;
}

/** A backup being written: ZIP entries (the snapshot, then each original) and their bytes. */
export interface BackupProgressDto {
  entriesDone: number;
  entriesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  currentName: string | null;
}

export interface BackupResultDto {
  /** The backup file written (absolute). */
  out: string;
  documents: number;
  files: number;
  bytes: number;
  schemaVersion: number;
}

/** A restore being verified and unpacked: entries and bytes. */
export interface RestoreProgressDto {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

/** What a backup file says of itself (vankho-backup.json, docs/bundle-format.md "Backup files"). */
export interface BackupInfoDto {
  format: string;
  formatVersion: number;
  app: { name: string; version: string };
  schemaVersion: number;
  createdAt: string;
  archiveUid: string | null;
  documents: number;
  files: number;
  db: { sha256: string; size: number };
}

/**
 * A catalogue rebuilt from the stored originals (archiveRecoverStart): the import of every original,
 * with how many were found and how many got their file name back from the damaged database.
 */
export interface RecoverResultDto extends ImportReportDto {
  /** The archive rebuilt: the damaged one in place, or the new folder. */
  archive: string;
  /** In place: where the damaged database was kept aside (null with a new folder). */
  damagedDbKeptAs: string | null;
  originalsFound: number;
  namesRecovered: number;
}

export interface RestoreResultDto {
  /** The folder restored into (absolute); not opened. */
  dir: string;
  info: BackupInfoDto;
  /** The doctor's full check of the restored archive. */
  check: CheckReportDto;
}

export interface ExportProgressDto {
  total: number;
  done: number;
  currentName: string | null;
  /** A bundle's bytes written and to write (the CLI's progress line). */
  bytesDone?: number;
  bytesTotal?: number;
}

export interface ExportResultDto {
  kind: ExportKind;
  fileName: string;
  size: number;
  documentCount: number;
  /** Mật documents of the selection left out (the export did not include them). */
  secretLeftOut: number;
  /** Desktop: the path chosen in the save dialog. Web: null (download via HTTP_PATHS.exportsPrefix + jobId). */
  savedTo: string | null;
  /** A bundle's contents: originals, hồ sơ, ZIP entries, and the originals' size before compression. */
  bundle?: { files: number; records: number; entries: number; originalBytes: number };
}

/** What an export job wrote: a bundle, a catalogue, or a scan's searchable-PDF copy (documentSearchablePdf). */
export type ExportKind = 'bundle' | 'catalogue' | 'searchablePdf';

export interface ReindexProgressDto {
  total: number;
  done: number;
  /** Which index is being rebuilt: the full-text index, then instant find. */
  phase?: 'fulltext' | 'instant';
}

/** Importing a VanKho bundle (ZIP from another archive): verify every entry, store, then one commit. */
export interface BundleImportProgressDto {
  phase: 'verify' | 'store' | 'commit';
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface BundleImportResultDto {
  /** New documents. */
  added: number;
  /** Documents already here (same uid or same original) completed from the bundle. */
  merged: number;
  /** Documents already here with nothing new. */
  skipped: number;
  filesAdded: number;
  tagsCreated: number;
  relationsAdded: number;
  outcomes: Array<{
    documentId: number;
    /** The document's identity across archives (as in the bundle's manifest). */
    uid: string;
    title: string;
    number: string | null;
    outcome: 'added' | 'merged' | 'skipped';
    /** How an existing document was recognised (null: added). */
    matchedBy: 'uid' | 'sha256' | null;
    /** What a merge changed: field columns, "file:<name>", "tag:<name>" (as the CLI prints them). */
    changes: string[];
  }>;
  /** Hồ sơ of the bundle (nộp lưu), merged on mã hồ sơ; absent from bundles without hồ sơ. */
  records?: BundleRecordResultDto[];
}

export interface BundleRecordResultDto {
  code: string;
  /** added: new here; merged: documents added to the hồ sơ here; skipped: already here as it is. */
  outcome: 'added' | 'merged' | 'skipped';
  documentsAdded: number;
  /** Fields whose value here differs from the bundle's; the value here is kept. */
  conflicts: Array<{ field: string; here: unknown; bundle: unknown }>;
  /** One sentence, Vietnamese / English, when there are conflicts (else null). */
  message: string | null;
}

/** A file recognised as a VanKho bundle (manifest checked), before anything is imported. */
export interface BundleProbeDto {
  title: string;
  exportedAt: string;
  documentCount: number;
  fileCount: number;
  /** Hồ sơ the bundle carries (format 2; 0 in a bundle of documents). */
  recordCount: number;
  app: { name: string; version: string };
}

export interface JobDto {
  jobId: string;
  kind: JobKind;
  state: JobState;
  startedAt: string;
  progress:
    | ImportProgressDto
    | ExportProgressDto
    | ReindexProgressDto
    | BundleImportProgressDto
    | ReextractProgressDto
    | OcrProgressDto
    | BackupProgressDto
    | RestoreProgressDto
    | null;
  error: AppError | null;
  /** Recorded in the archive: who started it (display name), and whether it can be resumed. */
  actor?: string;
  /** An interrupted job that jobResume can take up again (it skips what was finished). */
  resumable?: boolean;
}

/** Re-extracting documents from their stored originals (text, metadata suggestions, citations). */
export interface ReextractProgressDto {
  total: number;
  done: number;
  changed: number;
  unchanged: number;
  failed: number;
  /** The document being processed now (its main file's original name). */
  currentName: string | null;
}

export interface ReextractOutcomeDto {
  documentId: number;
  name: string;
  outcome: 'changed' | 'unchanged' | 'failed';
  textChanged: boolean;
  /** Metadata fields whose value changed (a person's values never do). */
  changedFields: MetadataField[];
  /** failed: why; the document keeps its old text. */
  error: AppError | null;
  warning: AppError | null;
}

export interface ReextractResultDto {
  total: number;
  changed: number;
  unchanged: number;
  failed: number;
  cancelled: boolean;
  outcomes: ReextractOutcomeDto[];
}

/**
 * A document whose metadata suggestions and citations an older version of the app's extraction rules
 * read (its replaces, repeals and legal-basis links may be missing or wrong): `readBy` that version,
 * `current` this app's. It stays until the document is extracted again or a person confirms it as it
 * stands (documentConfirm with `rules: true`).
 */
export interface OlderRulesDto {
  readBy: number;
  current: number;
}

/** A row of the review queue (or of any document list): identity, and what needs a person's eye. */
export interface ReviewItemDto {
  id: number;
  number: string | null;
  docType: string | null;
  issuer: string | null;
  issuedDate: string | null;
  title: string;
  /** The main original's name (what identifies a document with no number yet). */
  fileName: string | null;
  tags: TagRef[];
  createdAt: string;
  /** Empty of số ký hiệu, loại, cơ quan ban hành, ngày ban hành. */
  missing: MetadataField[];
  /** Extracted values not confirmed yet. */
  unconfirmed: MetadataField[];
  /** Read by older extraction rules (null: by the current ones); such a document is in the queue. */
  olderRules: OlderRulesDto | null;
}

/** One row of a document list (the CLI's `list`): id, metadata and original file names always present. */
export interface DocumentSummaryDto {
  id: number;
  uid: string;
  metadata: Record<MetadataField, string | null>;
  textStatus: TextStatus;
  fileNames: string[];
  tags: TagRef[];
  createdAt: string;
  updatedAt: string;
  /** Of the fields every filed document should have (số ký hiệu, loại, cơ quan, ngày), those empty. */
  missing: MetadataField[];
  /** Fields holding an extracted value nobody confirmed yet (a suggestion). */
  unconfirmed: MetadataField[];
  /** Read by older extraction rules (null: by the current ones). */
  olderRules: OlderRulesDto | null;
}

export interface DocumentListPage {
  total: number;
  offset: number;
  limit: number;
  items: DocumentSummaryDto[];
}

export interface ReviewQueuePage {
  total: number;
  offset: number;
  items: ReviewItemDto[];
}

/** One change made to many documents at once; the last one not undone can be undone. */
export interface BulkChangeDto {
  id: number;
  kind: 'set' | 'addTag' | 'confirmAll';
  field: BulkField | null;
  /** 'set': the value written (null: cleared); 'addTag': the tag's name. */
  value: string | null;
  documentCount: number;
  createdAt: string;
  undoneAt: string | null;
}

export interface BulkUndoResultDto {
  change: BulkChangeDto;
  /** Documents put back as they were. */
  restored: number;
  /** Documents left alone: deleted since, or edited again after the bulk change. */
  skipped: number;
}

/** Mức độ tiếp cận of a hồ sơ and of a document: công khai, hạn chế, mật. */
export const RECORD_ACCESS_LEVELS = ['cong-khai', 'han-che', 'mat'] as const;
export type RecordAccessLevel = (typeof RECORD_ACCESS_LEVELS)[number];
/** Độ mật marked on a document (Luật Bảo vệ bí mật nhà nước 2018); a document without one has null. */
export const SECRECY_LEVELS = ['mat', 'toi-mat', 'tuyet-mat'] as const;
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number];
/** Đang lập, đã đóng, đã nộp lưu. */
export type RecordStateDto = 'open' | 'closed' | 'archived';

/** A hồ sơ (records file, issue 12); dates and counts are derived from its documents unless set. */
export interface RecordDto {
  id: number;
  /** Mã hồ sơ: organCode.year.notation. */
  code: string;
  organCode: string;
  year: number;
  notation: string;
  heading: string;
  title: string;
  creator: string;
  /** Thời hạn bảo quản: years, or 'permanent' (vĩnh viễn). */
  retention: number | 'permanent';
  access: RecordAccessLevel;
  language: string;
  startDate: string | null;
  endDate: string | null;
  startDateSet: boolean;
  endDateSet: boolean;
  keywords: string[];
  sheetCount: number | null;
  pageCount: number | null;
  sheetCountSet: boolean;
  pageCountSet: boolean;
  documentsWithoutPageCount: number;
  physicalState: string;
  notes: string;
  state: RecordStateDto;
  documentCount: number;
  createdAt: string;
  /** Who made it (actor id); null for hồ sơ made before schema 8. */
  createdBy: string | null;
  updatedAt: string;
  closedAt: string | null;
}

/** One row of a retention table (bảng thời hạn bảo quản): a kind of hồ sơ and its period. */
export interface RetentionRowDto {
  id: number;
  /** The table's key ('tt10-2022', 'hd35-vptw'). */
  table: string;
  group: string;
  title: string;
  retention: number | 'permanent';
  /** As VanKho shipped it and unchanged since. */
  shipped: boolean;
  updatedAt: string;
}

export interface RetentionTableDto {
  key: string;
  name: string;
  /** The text the rows come from (to be checked against its Công báo publication). */
  source: string;
  note: string;
  rows: RetentionRowDto[];
}

/** A row proposed for a hồ sơ title, with how well it matches (0..1) and the words shared. */
export interface RetentionProposalDto {
  row: RetentionRowDto;
  score: number;
  words: string[];
}

/** A hồ sơ on a retention list: due for hand-over, or past its retention period. */
export interface RecordDueDto {
  record: RecordDto;
  /** The year the work ended (end date, else closing, else the hồ sơ's year). */
  endYear: number;
  /** handover: the year it is due; expired: the first year past its period. */
  sinceYear: number;
  overdue: boolean;
}

/** A document as it stands in a hồ sơ: its row of the mục lục văn bản. */
export interface RecordDocumentDto {
  /** Số thứ tự văn bản trong hồ sơ, 1..n. */
  position: number;
  documentId: number;
  number: string | null;
  issuedDate: string | null;
  docType: string | null;
  title: string;
  issuer: string | null;
  pageCount: number | null;
  /** Tờ số ("1–4"); '' once a page count before it is unknown. */
  sheets: string;
  /** Mức độ tiếp cận of the document (its badge in the hồ sơ's list). */
  access: RecordAccessLevel;
}

export interface RecordDetailDto {
  record: RecordDto;
  documents: RecordDocumentDto[];
}

export interface RecordAddResultDto {
  record: RecordDto;
  added: number[];
  /** Already in the hồ sơ: left where they were. */
  already: number[];
}

/** Sổ đăng ký văn bản đến ('in') / đi ('out'). */
export type RegisterBookDto = 'in' | 'out';
export const REGISTER_URGENCIES = ['khan', 'thuong-khan', 'hoa-toc'] as const;
export type RegisterUrgency = (typeof REGISTER_URGENCIES)[number];

/** One row of a register; it copies what was registered, so it stays when the document goes. */
export interface RegisterEntryDto {
  id: number;
  book: RegisterBookDto;
  series: string;
  year: number;
  /** Số đến / số đi, from 1 each year. */
  seq: number;
  entryDate: string;
  documentId: number | null;
  number: string | null;
  docDate: string | null;
  docType: string | null;
  summary: string;
  sender: string | null;
  receiver: string | null;
  dueDate: string | null;
  urgency: RegisterUrgency | null;
  signer: string | null;
  recipients: string | null;
  copies: number | null;
  notes: string;
  createdAt: string;
  /** Who entered it (actor id); null for rows made before schema 8. */
  registeredBy: string | null;
}

/** A sổ of a register book to number in: '' the ordinary one, 'mat', a type code (QĐ, CV…), or another name. */
export interface RegisterSeriesDto {
  series: string;
  /** The loại văn bản a type code stands for ("Quyết định"); null for other series. */
  typeName: string | null;
  /** Rows of the book in it that the caller may read (any year); 0: offered, not used yet. */
  rows: number;
}

/** Where a document is filed: the hồ sơ holding it and its register rows. */
export interface DocumentFilingDto {
  records: Array<Pick<RecordDto, 'code' | 'title' | 'state'>>;
  registrations: RegisterEntryDto[];
}

/** Recognising scanned pages (OCR queue): pages of this run, the one being read now. */
export interface OcrProgressDto {
  total: number;
  done: number;
  failed: number;
  /** The page being recognised last started (null between pages). */
  currentDocumentId: number | null;
  currentName: string | null;
  currentPage: number | null;
  /** The page that just ended, on the progress its end causes (the CLI prints a line per page); else null. */
  page: OcrPageEndDto | null;
}

/** One page's OCR ending: read (with its confidence, 0..100) or failed (with why). */
export interface OcrPageEndDto {
  documentId: number;
  /** The file's name. */
  name: string;
  pageNo: number;
  ok: boolean;
  confidence: number | null;
  /**
   * Why a failed page failed; for a page read, its caveat (OCR_ORIENTATION_UNSURE: it may have been
   * read the wrong way up), as OcrPageStateDto says it; null otherwise.
   */
  error: AppError | null;
  /**
   * Read below the review threshold or with a caveat (`error`): worth a person's look, as
   * OcrPageStateDto's `low` marks it once stored.
   */
  review: boolean;
  /** The document's OCR finished with this page: its recognised text was stored. */
  documentCompleted: boolean;
}

export interface OcrResultDto {
  total: number;
  done: number;
  failed: number;
  /** Documents whose recognised text was stored (searchable now). */
  completedDocuments: number[];
  cancelled: boolean;
  /** The queue was paused ("Tạm dừng OCR"): the pages not read wait until it is resumed. */
  paused: boolean;
  /** Pages still waiting (cancelled, paused, or queued meanwhile). */
  pendingLeft: number;
}

/**
 * A document's OCR: pages waiting, read, failed; mean confidence (0..100) and pages to review (low
 * confidence, or a caveat such as an orientation the detector did not settle).
 */
export interface OcrSummaryDto {
  pending: number;
  done: number;
  failed: number;
  meanConfidence: number | null;
  lowConfidencePages: number[];
  /** Every OCR page of the document's files: its state, confidence (0..100) and whether to review it. */
  pages: OcrPageStateDto[];
}

export interface OcrPageStateDto {
  fileId: number;
  pageNo: number;
  state: 'pending' | 'done' | 'failed';
  confidence: number | null;
  /**
   * Recognised below the review threshold, or read with a caveat (`error`): worth a person's look.
   */
  low: boolean;
  /**
   * Why a failed page failed (time limit, damaged image, …); for a page read, its caveat
   * (OCR_ORIENTATION_UNSURE: it may have been read the wrong way up); null otherwise.
   */
  error: AppError | null;
}

/** The archive's OCR preferences, and whether this machine can run OCR at all. */
export interface OcrSettingsDto {
  /** Scans are read in the background right after each import (its own job; the import never waits). */
  autoOcr: boolean;
  /** The engine and the Vietnamese model are installed (else OCR is offered nowhere). */
  engineAvailable: boolean;
}

/** The OCR queue's waiting pages, and whether it is paused (kept in the archive: survives restarts). */
export interface OcrPendingDto {
  pages: number;
  documents: number;
  paused: boolean;
}

export interface OcrPauseDto {
  paused: true;
  /** A running OCR job was stopped (its pages in flight wait again). */
  stopped: boolean;
}

export interface OcrResumeDto {
  paused: false;
  /** The OCR job that reads the waiting pages (a running one joined), null when none waits. */
  jobId: string | null;
}

export interface OcrRetryDto {
  /** Failed pages that wait again. */
  requeued: number;
  /** The OCR job reading them (a running one joined), null when nothing was requeued. */
  jobId: string | null;
}

/** One recognised word: `box` is [left, top, right, bottom] as fractions (0..1) of the page. */
export interface OcrWordDto {
  text: string;
  /** 0..100 */
  conf: number;
  box: [number, number, number, number];
  /** Clockwise angle the text runs at on the page as shown (a page scanned sideways); absent when upright. */
  angle?: 90 | 180 | 270;
}

/** One page's OCR for the scan viewer's text layer (words in reading order). */
export interface OcrPageWordsDto {
  fileId: number;
  pageNo: number;
  state: 'pending' | 'done' | 'failed' | 'none';
  confidence: number | null;
  words: OcrWordDto[];
  /** More words than a page answer carries (OCR_PAGE_WORDS_MAX) were left off. */
  truncated: boolean;
}

/**
 * What an audit row says happened (issue 14; Nghị định 30/2020 Phụ lục VI): reading (view, download,
 * print, export), changing (import, edit, delete to the trash, restore, purge for good, hồ sơ, register,
 * the tag tree) and signing in or out.
 */
export const AUDIT_ACTIONS = [
  'login',
  'login-failed',
  'logout',
  'view',
  'download',
  'print',
  'export',
  'import',
  'edit',
  'delete',
  'restore',
  'purge',
  'record',
  'register',
  'tags',
  'users',
  'access',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One row of the access log (nhật ký truy cập), newest first. */
export interface AuditEntryDto {
  id: number;
  /** ISO time. */
  at: string;
  /** Actor id: 'local' (this computer, the CLI) or 'user:<id>'. */
  actor: string;
  /** The name shown at that time (an account may be renamed later). */
  actorName: string;
  /** The account's user name now ('local' for this computer; null for an account since removed). */
  username: string | null;
  action: AuditAction;
  documentId: number | null;
  /** Số ký hiệu of the document when known (also of one in the trash); null otherwise. */
  documentNumber: string | null;
  /** The client's IP address; null for this computer. */
  remoteAddress: string | null;
  /** A short JSON note: the method, the fields changed, the job id, the hồ sơ code. */
  detail: string | null;
}

/** An office-server account (issue 14), as its administrator sees it; never its password hash. */
export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: CallerRole;
  /** Levels granted beyond the role's default (a reader's hạn chế / mật). */
  grants: RecordAccessLevel[];
  /** What the account reads now: every level for admins and archivists. */
  readable: RecordAccessLevel[];
  disabled: boolean;
  /** ISO time until which repeated wrong passwords lock the account; null when not locked. */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An đơn vị / phòng ban (issue 14): its members read what is granted to it. */
export interface UnitDto {
  id: number;
  name: string;
  /** Members' account ids, by user name. */
  memberIds: number[];
}

/**
 * A grant opening one document or one hồ sơ to one unit or one account beyond its access level;
 * a document in a granted hồ sơ is covered.
 */
export interface AccessGrantDto {
  id: number;
  documentId: number | null;
  recordCode: string | null;
  unit: { id: number; name: string } | null;
  user: { id: number; username: string } | null;
  /** Actor id of who granted it. */
  grantedBy: string;
  grantedAt: string;
}

export interface AuditPageDto {
  /** Rows matching the filter (all pages). */
  total: number;
  offset: number;
  items: AuditEntryDto[];
}
