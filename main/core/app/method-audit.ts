// What each contract method leaves in the audit log (issue 14; Nghị định 30/2020 Phụ lục VI), declared
// once for every method beside its permission (a Record over ApiMethod: a new method fails the
// typecheck until it says), and for every job kind whose end is worth a row. Appended in one place
// (audited-handlers.ts, recorded-job-runner.ts), for every caller: desktop, web, CLI, the server.
//
// Not audited, on purpose: searches, counts, facets and lists (a row per keystroke of instant find
// would bury the log and cost a write per read; what matters is which document was opened, and that
// is a 'view'), the tag list, the job list, OCR summaries, hồ sơ lists, and the session's own
// plumbing (uploads, probes, cancels). A job start writes nothing: its end writes the rows.
import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../contract/api.js';
import type { AccessGrantDto, AuditAction, JobKind } from '../../contract/dto.js';
import type { RequestContext } from '../../contract/request-context.js';
import type { AuditEntry } from '../accounts/audit-store.js';
import type { Db } from '../archive/database.js';
import { getFile } from '../archive/documents-repo.js';
import { listTrash } from '../archive/trash.js';
import type { JobOutcome } from './ports.js';

/** A short JSON note of the row; undefined fields are left out. */
export type AuditDetail = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export interface MethodAudit<M extends ApiMethod> {
  action: AuditAction;
  /**
   * 'with-change': the row is written in the transaction of the method's own change (the handler is
   * synchronous and writes only the database), so a change never stands without its row.
   * 'after': appended once the method answered: reads (nothing to join), and changes whose handler
   * also removes files after its commit (emptying the trash).
   */
  write: 'with-change' | 'after';
  /**
   * The documents the row is about: one row each (absent: one row without a document; a null: a
   * row without one among them, e.g. a grant on a hồ sơ).
   */
  documents?: (
    input: ApiParsedInput<M>,
    output: ApiOutput<M>,
    before: readonly number[],
  ) => readonly (number | null)[];
  /** Read before the call: what the call is about to make unfindable (the trash entries a purge removes). */
  before?: (db: Db, input: ApiParsedInput<M>) => readonly number[];
  detail?: (input: ApiParsedInput<M>, output: ApiOutput<M>) => AuditDetail;
}

const one =
  <M extends ApiMethod>() =>
  (input: ApiParsedInput<M>): readonly number[] => [(input as { documentId: number }).documentId];
const ofFile = (db: Db, { fileId }: { fileId: number }): readonly number[] => {
  const f = getFile(db, fileId);
  return f ? [f.documentId] : [];
};
const before = (_i: unknown, _o: unknown, ids: readonly number[]): readonly number[] => ids;
const defined = (o: object): string[] =>
  Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);

const grantDetail = (op: string, g: AccessGrantDto): AuditDetail => ({
  op,
  grant: g.id,
  code: g.recordCode,
  unit: g.unit?.name,
  user: g.user?.username,
});

export const METHOD_AUDIT: { readonly [M in ApiMethod]: MethodAudit<M> | null } = {
  // archive: which folder is open is the host's business; the check reads no document.
  appInfo: null,
  archiveInfo: null,
  archiveOpen: null,
  archiveCreate: null,
  archivePickDirectory: null,
  archiveRecent: null,
  archiveRecentRemove: null, // the host's own list; no archive content
  sharedConnect: null, // the server the app connects to audits its own sign-in and reads
  archiveCheck: null,
  archiveLoadSamples: null, // an import job: its end writes the rows
  // search: not audited (see above)
  search: null,
  instantFind: null,
  facets: null,
  searchReindex: null,
  // documents
  documentsList: null,
  documentGet: { action: 'view', write: 'after', documents: one(), detail: () => ({ what: 'detail' }) },
  documentUpdate: {
    action: 'edit',
    write: 'with-change',
    // An empty patch changes nothing (the handler only reads the document back).
    documents: (i) => (defined(i.fields).length > 0 ? [i.documentId] : []),
    detail: (i) => ({ fields: defined(i.fields) }),
  },
  documentValiditySet: {
    action: 'edit',
    write: 'with-change',
    documents: one(),
    detail: (i) => ({ fields: ['validity'], status: i.override?.status ?? null }),
  },
  documentConfirm: {
    action: 'edit',
    write: 'with-change',
    documents: one(),
    detail: (i) => ({ confirmed: i.fields, ...(i.rules ? { rules: true } : {}) }),
  },
  documentDelete: {
    action: 'delete',
    write: 'with-change',
    documents: one(),
    detail: (_i, o) => ({ trashId: o.trashId }),
  },
  documentsDelete: {
    action: 'delete',
    write: 'with-change',
    documents: (i) => i.documentIds,
    detail: (_i, o) => ({ trashIds: o.map((e) => String(e.id)) }),
  },
  // One row per document: the target gained files, the source went to the trash.
  documentMergeInto: {
    action: 'edit',
    write: 'with-change',
    documents: (i) => [i.targetId, i.sourceId],
    detail: (i, o) => ({ mergedFrom: i.sourceId, into: i.targetId, trashId: o.trashId }),
  },
  documentKeepApart: {
    action: 'edit',
    write: 'with-change',
    documents: (i) => [i.id, i.otherId],
    detail: (i) => ({ keptApart: `${i.id},${i.otherId}` }),
  },
  trashList: null,
  trashRestore: { action: 'restore', write: 'with-change', documents: (_i, o) => o.documentIds },
  trashEmpty: {
    action: 'purge',
    // Its files go after its commit; the row follows them.
    write: 'after',
    before: (db, i) => {
      const chosen = i.trashIds === undefined ? null : new Set(i.trashIds);
      return listTrash(db)
        .filter((t) => chosen === null || chosen.has(t.id))
        .map((t) => t.documentId);
    },
    documents: before,
  },
  documentRelations: null,
  filePages: {
    action: 'view',
    write: 'after',
    before: ofFile,
    documents: before,
    detail: (i) => ({ what: 'text', fileId: i.fileId }),
  },
  filesList: null,
  fileSaveAs: {
    action: 'download',
    write: 'after',
    before: ofFile,
    documents: before,
    // A cancelled save dialog copied nothing; the row says so rather than vanish.
    detail: (i, o) => ({ fileId: i.fileId, saved: o !== null }),
  },
  reviewQueue: null,
  reviewNext: null,
  documentsBulkUpdate: {
    action: 'edit',
    write: 'with-change',
    documents: (i) => i.documentIds,
    detail: (i, o) => ({
      bulk: o.id,
      ...(i.change.kind === 'set'
        ? { fields: [i.change.field] }
        : i.change.kind === 'addTag'
          ? { fields: ['tags'], tag: i.change.name }
          : { confirmed: 'all' }),
    }),
  },
  bulkLast: null,
  bulkUndo: {
    action: 'edit',
    write: 'with-change',
    detail: (_i, o) => ({ undoBulk: o?.change.id ?? null, restored: o?.restored ?? 0 }),
  },
  reextractStart: null,
  reextractCancel: null,
  // tags: on a document it is an edit of that document; the tree itself is 'tags'
  tagsList: null,
  tagByName: null,
  tagCreate: { action: 'tags', write: 'with-change', detail: (i) => ({ op: 'create', tag: i.name }) },
  tagRename: {
    action: 'tags',
    write: 'with-change',
    detail: (i) => ({ op: 'rename', tagId: i.tagId, tag: i.name }),
  },
  tagMerge: {
    action: 'tags',
    write: 'with-change',
    detail: (i) => ({ op: 'merge', tagId: i.sourceId, into: i.targetId }),
  },
  tagMergeUndo: {
    action: 'tags',
    write: 'with-change',
    detail: (_i, o) => ({ op: 'merge-undo', tagId: o.id }),
  },
  tagSetColor: { action: 'tags', write: 'with-change', detail: (i) => ({ op: 'color', tagId: i.tagId }) },
  tagSetParent: {
    action: 'tags',
    write: 'with-change',
    detail: (i) => ({ op: 'parent', tagId: i.tagId, parentId: i.parentId }),
  },
  tagDelete: { action: 'tags', write: 'with-change', detail: (i) => ({ op: 'delete', tagId: i.tagId }) },
  documentAddTag: {
    action: 'edit',
    write: 'with-change',
    documents: one(),
    detail: (_i, o) => ({ fields: ['tags'], tag: o.name }),
  },
  documentRemoveTag: {
    action: 'edit',
    write: 'with-change',
    documents: one(),
    detail: (i) => ({ fields: ['tags'], removedTagId: i.tagId, tag: i.name }),
  },
  // import: each job's end writes the rows (JOB_AUDIT)
  importUpload: null,
  importStart: null,
  importPathsStart: null,
  importFromDialog: null,
  importCancel: null,
  bundleImportStart: null,
  bundleImportPathStart: null,
  bundleProbe: null,
  exportStart: null,
  exportPathStart: null,
  exportCancel: null,
  // An export job (kind searchablePdf): its end writes the 'export' row of the document.
  documentSearchablePdf: null,
  // The administrator's whole-archive copy and its restore into a new folder: jobs of their own,
  // recorded in the jobs table; no document of the open archive is read through the contract.
  backupStart: null,
  restoreStart: null,
  archiveRecoverStart: null,
  // Reads a file outside the archive; files and reads nothing of it.
  extractPreview: null,
  jobsList: null,
  jobResume: null,
  jobCancel: null,
  ocrStart: null,
  ocrPending: null,
  // Queue plumbing: when scans are read, not what any document says.
  ocrPause: null,
  ocrResume: null,
  ocrSummary: null,
  // The scan's text layer: the page image it lies over was already served, and that is the 'view'.
  ocrPageWords: null,
  ocrPrioritize: null,
  // Queue plumbing, as ocrStart: the recognised text changes no field a person wrote.
  ocrRetry: null,
  ocrSettings: null,
  ocrSettingsSet: null,
  // records (hồ sơ) and registers
  recordsList: null,
  recordGet: null,
  recordCreate: { action: 'record', write: 'with-change', detail: (i) => ({ op: 'create', code: i.code }) },
  recordUpdate: {
    action: 'record',
    write: 'with-change',
    detail: (i) => ({ op: 'update', code: i.code, fields: defined(i.patch) }),
  },
  recordAddDocuments: {
    action: 'record',
    write: 'with-change',
    documents: (i) => i.documentIds,
    detail: (i) => ({ op: 'add', code: i.code }),
  },
  recordRemoveDocument: {
    action: 'record',
    write: 'with-change',
    documents: one(),
    detail: (i) => ({ op: 'remove', code: i.code }),
  },
  recordRemoveDocuments: {
    action: 'record',
    write: 'with-change',
    documents: (i) => i.documentIds,
    detail: (i) => ({ op: 'remove', code: i.code }),
  },
  recordReorder: { action: 'record', write: 'with-change', detail: (i) => ({ op: 'reorder', code: i.code }) },
  recordClose: { action: 'record', write: 'with-change', detail: (i) => ({ op: 'close', code: i.code }) },
  recordReopen: { action: 'record', write: 'with-change', detail: (i) => ({ op: 'reopen', code: i.code }) },
  recordHandOver: {
    action: 'record',
    write: 'with-change',
    detail: (i) => ({ op: 'hand-over', code: i.code }),
  },
  recordCatalogueHtml: {
    action: 'print',
    write: 'after',
    detail: (i) => ({ what: 'catalogue', code: i.code }),
  },
  recordCataloguePrint: {
    action: 'print',
    write: 'after',
    detail: (i) => ({ what: 'catalogue', code: i.code, format: i.format }),
  },
  recordsListPrint: {
    action: 'print',
    write: 'after',
    detail: (i) => ({ what: 'record-list', year: i.year, format: i.format }),
  },
  documentFiling: null,
  registerList: null,
  registerSeries: null,
  registerPrintHtml: {
    action: 'print',
    write: 'after',
    detail: (i) => ({ what: 'register', book: i.book, year: i.year, from: i.from, to: i.to }),
  },
  registerPrint: {
    action: 'print',
    write: 'after',
    detail: (i) => ({
      what: 'register',
      book: i.book,
      year: i.year,
      from: i.from,
      to: i.to,
      format: i.format,
    }),
  },
  registerAdd: {
    action: 'register',
    write: 'with-change',
    documents: one(),
    detail: (i, o) => ({ book: i.book, entry: o.number }),
  },
  recordsDue: null,
  recordsDuePrint: {
    action: 'print',
    write: 'after',
    detail: (i) => ({ what: `due-${i.kind}`, asOf: i.asOf, format: i.format }),
  },
  retentionList: null,
  retentionPropose: null,
  retentionSet: {
    action: 'record',
    write: 'with-change',
    detail: (i, o) => ({ op: 'retention-set', table: i.table, row: o.id, retention: String(i.retention) }),
  },
  retentionRemove: {
    action: 'record',
    write: 'with-change',
    detail: (i, o) => ({ op: 'retention-remove', row: i.id, removed: o.removed }),
  },
  // Reading the log is not itself logged: an administrator paging through it would fill it.
  auditList: null,
  // Accounts: the change's row ({from, to}) is written by core/accounts/account-admin.ts in the
  // change's own transaction, which needs the account as it was; the CLI's changes go the same way.
  usersList: null,
  userGet: null,
  usersCreate: null,
  usersUpdate: null,
  usersResetPassword: null,
  // Units and memberships: their row is written by core/accounts/units-store.ts in the change's
  // transaction ('users', with what the account's units were and became).
  unitsList: null,
  unitsCreate: null,
  unitsDelete: null,
  usersSetUnits: null,
  grantsList: null,
  grantsAdd: {
    action: 'access',
    write: 'with-change',
    documents: (_i, o) => [o.documentId],
    detail: (_i, o) => grantDetail('grant', o),
  },
  grantsRemove: {
    action: 'access',
    write: 'with-change',
    documents: (_i, o) => [o.documentId],
    detail: (_i, o) => grantDetail('revoke', o),
  },
};

export interface JobAudit<K extends JobKind> {
  action: AuditAction;
  /** The documents the job read or wrote, from its outcome. */
  documents: (outcome: JobOutcome<K>) => readonly number[];
  detail?: (outcome: JobOutcome<K>) => AuditDetail;
  /** Rows of their own beside the documents' (a hồ sơ a bundle added or merged), without a document. */
  others?: (outcome: JobOutcome<K>) => ReadonlyArray<{ action: AuditAction; detail: AuditDetail }>;
}

/**
 * Rows at a job's end, in the transaction that records its end (an import commits document by
 * document: its ids are known only then). A cancelled export delivered nothing and writes none; a
 * cancelled import keeps what it filed, and says so.
 */
export const JOB_AUDIT: { readonly [K in JobKind]: JobAudit<K> | null } = {
  import: {
    action: 'import',
    documents: (o) =>
      o.result.outcomes.flatMap((x) => (x.outcome === 'imported' && x.documentId ? [x.documentId] : [])),
  },
  bundleImport: {
    action: 'import',
    documents: (o) => o.result.outcomes.flatMap((x) => (x.outcome === 'skipped' ? [] : [x.documentId])),
    detail: () => ({ from: 'bundle' }),
    // A hồ sơ the bundle added or gave documents: one 'record' row each, as a change made here is.
    others: (o) =>
      (o.result.records ?? []).flatMap((r) =>
        r.outcome === 'skipped'
          ? []
          : [
              {
                action: 'record' as const,
                detail: { op: 'import', code: r.code, outcome: r.outcome, documentsAdded: r.documentsAdded },
              },
            ],
      ),
  },
  export: {
    action: 'export',
    documents: (o) => (o.cancelled ? [] : (o.documentIds ?? [])),
    detail: (o) => ({ kind: o.result.kind }),
  },
  // Derived data only: a person's values never change, and the jobs table keeps who ran them.
  reindex: null,
  reextract: null,
  ocr: null,
  backup: null,
  restore: null,
  // The catalogue rebuilt from the originals: its own jobs and audit rows are what was lost.
  recover: null,
};

/** The rows a method's answer leaves: one per document it names, or one without a document. */
export function methodAuditEntries<M extends ApiMethod>(
  method: M,
  rule: MethodAudit<M>,
  ctx: RequestContext,
  input: ApiParsedInput<M>,
  output: ApiOutput<M>,
  before: readonly number[],
): AuditEntry[] {
  const detail = auditDetailText(method, rule.detail?.(input, output));
  const ids = rule.documents ? rule.documents(input, output, before) : [null];
  return ids.map((documentId) => entryOf(rule.action, ctx, documentId, detail));
}

/** The rows of a job's end (none for a kind not audited, or a job that touched no document). */
export function jobAuditEntries<K extends JobKind>(
  kind: K,
  jobId: string,
  ctx: RequestContext,
  outcome: JobOutcome<K>,
): AuditEntry[] {
  const rule = JOB_AUDIT[kind] as JobAudit<K> | null;
  if (!rule) return [];
  const text = (detail: AuditDetail | undefined): string =>
    JSON.stringify({ job: kind, jobId, ...detail, ...(outcome.cancelled ? { cancelled: true } : {}) });
  const detail = text(rule.detail?.(outcome));
  return [
    ...rule.documents(outcome).map((documentId) => entryOf(rule.action, ctx, documentId, detail)),
    ...(rule.others?.(outcome) ?? []).map((r) => entryOf(r.action, ctx, null, text(r.detail))),
  ];
}

function entryOf(
  action: AuditAction,
  ctx: RequestContext,
  documentId: number | null,
  detail: string,
): AuditEntry {
  return {
    actor: ctx.actor,
    action,
    documentId,
    remoteAddress: ctx.remoteAddress ?? null,
    detail,
  };
}

/** The row's detail as stored: compact JSON (JSON.stringify leaves undefined fields out). */
function auditDetailText(method: string, detail: AuditDetail | undefined): string {
  return JSON.stringify({ method, ...detail });
}
