// What each request needs from its caller's role, declared for every method of the contract (a
// Record over ApiMethod: a new method fails the typecheck until it says what it needs). Checked in
// one place, the dispatcher, so no transport and no handler can forget it.
//   read  — cán bộ (reader) and up: search, read, export what one may read;
//   edit  — văn thư/lưu trữ (archivist) and up: import, edit, hồ sơ, registers, tags, trash;
//   admin — quản trị only: which archive is open, its integrity check, emptying the trash for good.
import type { ApiMethod } from './api.js';
import type { CallerPermission } from './dto.js';
import type { Role } from './request-context.js';

export type Permission = CallerPermission;

export const METHOD_PERMISSIONS: { readonly [M in ApiMethod]: Permission } = {
  // archive
  appInfo: 'read',
  archiveInfo: 'read',
  archiveOpen: 'admin',
  archiveCreate: 'admin',
  archivePickDirectory: 'admin',
  // Recent archives are folder paths on the server's disk: not for every account.
  archiveRecent: 'admin',
  archiveRecentRemove: 'admin',
  // The desktop's own window switching to a server; no account ever reaches it (UNSUPPORTED there).
  sharedConnect: 'admin',
  archiveCheck: 'admin',
  archiveLoadSamples: 'edit',
  // search
  search: 'read',
  instantFind: 'read',
  facets: 'read',
  // Rebuilding the index changes no content; the archivist who imports may need it.
  searchReindex: 'edit',
  // documents
  documentsList: 'read',
  documentGet: 'read',
  documentUpdate: 'edit',
  documentValiditySet: 'edit',
  documentConfirm: 'edit',
  documentDelete: 'edit',
  documentsDelete: 'edit',
  documentMergeInto: 'edit',
  documentKeepApart: 'edit',
  trashList: 'edit',
  trashRestore: 'edit',
  trashEmpty: 'admin',
  documentRelations: 'read',
  filePages: 'read',
  filesList: 'read',
  fileSaveAs: 'read',
  // The review queue is the archivist's work list of unconfirmed suggestions.
  reviewQueue: 'edit',
  reviewNext: 'edit',
  documentsBulkUpdate: 'edit',
  bulkLast: 'edit',
  bulkUndo: 'edit',
  reextractStart: 'edit',
  reextractCancel: 'edit',
  // tags
  tagsList: 'read',
  tagByName: 'read',
  tagCreate: 'edit',
  tagRename: 'edit',
  tagMerge: 'edit',
  tagMergeUndo: 'edit',
  tagSetColor: 'edit',
  tagSetParent: 'edit',
  tagDelete: 'edit',
  documentAddTag: 'edit',
  documentRemoveTag: 'edit',
  // import
  importUpload: 'edit',
  importStart: 'edit',
  // Paths on the host's disk, as bundleImportPathStart: not for every account of a shared server.
  importPathsStart: 'admin',
  importFromDialog: 'edit',
  importCancel: 'edit',
  bundleImportStart: 'edit',
  // A path on the host's disk, as restoreStart: not for every account of a shared server.
  bundleImportPathStart: 'admin',
  bundleProbe: 'edit',
  // export: a reader exports what it may read (the core filters by ctx.actor.readable).
  exportStart: 'read',
  // A path on the host's disk, as backupStart: not for every account of a shared server.
  exportPathStart: 'admin',
  exportCancel: 'read',
  // A copy of a scan the caller may read, as a download of its original would be.
  documentSearchablePdf: 'read',
  // A backup copies every document of every level; a restore writes a new archive on the disk.
  backupStart: 'admin',
  restoreStart: 'admin',
  archiveRecoverStart: 'admin',
  // Reads any file of the host by its path.
  extractPreview: 'admin',
  // jobs
  jobsList: 'read',
  jobResume: 'edit',
  // A reader cancels its own export through this too.
  jobCancel: 'read',
  // ocr
  ocrStart: 'edit',
  ocrPending: 'read',
  // The whole archive's queue, as ocrStart drains it.
  ocrPause: 'edit',
  ocrResume: 'edit',
  ocrSummary: 'read',
  ocrPageWords: 'read',
  ocrPrioritize: 'edit',
  ocrRetry: 'edit',
  ocrSettings: 'read',
  // The archive's import pipeline, which the archivist who imports runs.
  ocrSettingsSet: 'edit',
  // records (hồ sơ) and registers
  recordsList: 'read',
  recordGet: 'read',
  recordCreate: 'edit',
  recordUpdate: 'edit',
  recordAddDocuments: 'edit',
  recordRemoveDocument: 'edit',
  recordRemoveDocuments: 'edit',
  recordReorder: 'edit',
  recordClose: 'edit',
  recordReopen: 'edit',
  recordHandOver: 'edit',
  recordCatalogueHtml: 'read',
  recordCataloguePrint: 'read',
  recordsListPrint: 'read',
  documentFiling: 'read',
  registerList: 'read',
  registerPrintHtml: 'read',
  registerPrint: 'read',
  registerSeries: 'read',
  registerAdd: 'edit',
  recordsDue: 'read',
  recordsDuePrint: 'read',
  retentionList: 'read',
  retentionPropose: 'read',
  // The tables the office's hồ sơ are judged by: the archivist's, like the hồ sơ themselves.
  retentionSet: 'edit',
  retentionRemove: 'edit',
  // audit: who read and changed what is the administrator's to read
  auditList: 'admin',
  // accounts: who may sign in, with which role and levels
  usersList: 'admin',
  userGet: 'admin',
  usersCreate: 'admin',
  usersUpdate: 'admin',
  usersResetPassword: 'admin',
  // units (đơn vị): the archivist lists them to grant; making them and their members is the admin's
  unitsList: 'edit',
  unitsCreate: 'admin',
  unitsDelete: 'admin',
  usersSetUnits: 'admin',
  // read grants on a document or hồ sơ: the văn thư / lưu trữ decides who reads what, like its level
  grantsList: 'edit',
  grantsAdd: 'edit',
  grantsRemove: 'edit',
};

const GRANTED: { readonly [R in Role]: readonly Permission[] } = {
  admin: ['read', 'edit', 'admin'],
  archivist: ['read', 'edit'],
  reader: ['read'],
};

/** What a role may do, for a UI that shows only the controls its caller may use. */
export function grantedTo(role: Role): Permission[] {
  return [...GRANTED[role]];
}

/** Whether a caller of this role may call the method. */
export function mayCall(role: Role, method: ApiMethod): boolean {
  return GRANTED[role].includes(METHOD_PERMISSIONS[method]);
}
