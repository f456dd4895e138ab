// Every contract method against a caller cleared for công khai only (issues 12/14): what it lists,
// counts or prints tells of no document (nor hồ sơ) it may not read, and a direct id of one is
// NOT_FOUND. The table is a Record over ApiMethod, so a new method fails the typecheck until it says
// here how it keeps to the caller's scope (or why it has nothing to hide). Real archive: sample
// documents and generated scans (waiting for OCR), hồ sơ, a register, tags, the trash.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../../main/contract/api.js';
import { API_METHODS } from '../../../main/contract/api.js';
import type {
  BulkChangeDto,
  DocumentFilingDto,
  FileDto,
  ImportReportDto,
  RecordDetailDto,
  RecordDto,
  RegisterEntryDto,
  TagDto,
  TrashEntryDto,
} from '../../../main/contract/dto.js';
import type { AppEvent, JobFinishedEvent } from '../../../main/contract/events.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import type { InstantHit, SearchFacets, SearchResponse } from '../../../main/contract/search-types.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { decisionLines, makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const account = (id: string, role: 'reader' | 'archivist'): RequestContext => ({
  actor: { id, kind: 'account', displayName: id, role, readable: ['cong-khai'] },
  signal: new AbortController().signal,
});
const reader = account('reader', 'reader');
// Cleared for công khai too, but may edit: the edit paths' answers and refusals.
const clerk = account('clerk', 'archivist');

/** What an answer tells of: the documents (ids) and hồ sơ (codes) in it, and the counts it gives. */
interface Told {
  keys: Array<number | string>;
  counts: number[];
  /** Printed text (mục lục, sổ): must not name a hidden document's number. */
  text?: string;
}

interface World {
  hidden: Set<number | string>;
  /** The number (số ký hiệu) of every hidden document, as printed lists would show it. */
  hiddenNumbers: string[];
  ids: Record<string, number>;
  fileOf: (documentId: number) => number;
  trashIdOf: (documentId: number) => number;
  publicRecord: string;
  secretRecord: string;
  tagId: number;
  /** Live documents the caller may not read; of them, those in the review queue. */
  hiddenLive: number[];
  hiddenQueued: number;
  /** Tag links of hidden documents; hidden documents in the public hồ sơ; hidden register rows. */
  hiddenTagLinks: number;
  hiddenInPublicRecord: number;
  hiddenRegistered: number;
}

type Check =
  /** A list or count: the caller's answer is the local one without what it may not read. */
  | {
      list: (w: World) => unknown;
      by?: RequestContext;
      told: (value: never) => Told;
      /** How much each count drops for the caller (default: the hidden keys the local answer has). */
      drop?: (w: World, local: Told) => number[];
    }
  /** A direct address of something hidden: NOT_FOUND, while the local person gets an answer (or not). */
  | { hiddenInput: (w: World) => unknown; by?: RequestContext }
  /** Nothing of a document to hide, or checked elsewhere: say why. */
  | string;

const docs = (ids: readonly number[]): Told => ({ keys: [...ids], counts: [] });

const CHECKS: Record<ApiMethod, Check> = {
  appInfo: 'the app and the caller itself; no archive content',
  archiveInfo: {
    list: () => ({}),
    told: (v: { documentCount: number; fileCount: number }) => ({ keys: [], counts: [v.documentCount] }),
    drop: (w) => [w.hiddenLive.length],
  },
  archiveOpen: 'admin only (reads every level)',
  archiveCreate: 'admin only (reads every level)',
  archivePickDirectory: 'admin only; a folder path',
  archiveRecent: 'admin only; folder paths',
  archiveRecentRemove: 'admin only; folder paths',
  sharedConnect: 'desktop only (the Electron main process answers it); UNSUPPORTED in the core',
  archiveCheck: 'admin only (reads every level)',
  archiveLoadSamples: 'starts an import of the bundled samples',
  search: {
    list: () => ({ query: '', limit: 100 }),
    told: (v: SearchResponse) => ({ keys: v.hits.map((h) => h.id), counts: [v.total] }),
  },
  instantFind: {
    list: () => ({ prefix: '1520', limit: 50 }),
    told: (v: InstantHit[]) => docs(v.map((h) => h.id)),
  },
  facets: {
    list: () => ({}),
    told: (v: SearchFacets) => ({
      keys: [],
      // Year and access count every document (year has a "no year" value).
      counts: [v.year, v.access].map((f) => f.reduce((n, c) => n + c.count, 0)),
    }),
    drop: (w) => [w.hiddenLive.length, w.hiddenLive.length],
  },
  searchReindex: 'rebuilds derived indexes; answers a job id',
  documentsList: {
    list: () => ({ limit: 1000 }),
    told: (v: { total: number; items: Array<{ id: number }> }) => ({
      keys: v.items.map((i) => i.id),
      counts: [v.total],
    }),
  },
  documentGet: { hiddenInput: (w) => ({ documentId: w.ids['secret'] }) },
  documentUpdate: {
    hiddenInput: (w) => ({ documentId: w.ids['secret'], fields: { notes: 'x' } }),
    by: clerk,
  },
  documentValiditySet: {
    hiddenInput: (w) => ({ documentId: w.ids['secret'], override: null }),
    by: clerk,
  },
  documentConfirm: { hiddenInput: (w) => ({ documentId: w.ids['secret'], fields: ['title'] }), by: clerk },
  documentDelete: { hiddenInput: (w) => ({ documentId: w.ids['secret'] }), by: clerk },
  documentsDelete: {
    hiddenInput: (w) => ({ documentIds: [w.ids['filedTwice'], w.ids['secret']] }),
    by: clerk,
  },
  documentMergeInto: {
    hiddenInput: (w) => ({ sourceId: w.ids['filedTwice'], targetId: w.ids['secret'] }),
    by: clerk,
  },
  documentKeepApart: {
    hiddenInput: (w) => ({ id: w.ids['filedTwice'], otherId: w.ids['secret'] }),
    by: clerk,
  },
  trashList: {
    list: () => ({}),
    by: clerk,
    told: (v: TrashEntryDto[]) => docs(v.map((e) => e.documentId)),
  },
  trashRestore: { hiddenInput: (w) => ({ trashIds: [w.trashIdOf(w.ids['trashedSecret']!)] }), by: clerk },
  trashEmpty: 'admin only (reads every level); without ids it empties only what the caller reads',
  documentRelations: { hiddenInput: (w) => ({ documentId: w.ids['secret'] }) },
  filePages: { hiddenInput: (w) => ({ fileId: w.fileOf(w.ids['secret']!) }) },
  filesList: { hiddenInput: (w) => ({ documentId: w.ids['secret'] }) },
  fileSaveAs: 'desktop dialogs only; the file goes through storedFile(scope), access-contract.test.ts',
  reviewQueue: {
    list: () => ({ limit: 100 }),
    by: clerk,
    told: (v: { total: number; items: Array<{ id: number }> }) => ({
      keys: v.items.map((i) => i.id),
      counts: [v.total],
    }),
  },
  reviewNext: {
    // After an id that is not in the archive: the whole queue remains.
    list: () => ({ afterId: 999_999 }),
    by: clerk,
    // Which one comes first differs (the local first may be hidden); the count drops by the hidden queued.
    told: (v: { documentId: number | null; remaining: number }) => ({ keys: [], counts: [v.remaining] }),
    drop: (w) => [w.hiddenQueued],
  },
  documentsBulkUpdate: {
    hiddenInput: (w) => ({
      documentIds: [w.ids['secret']],
      change: { kind: 'set', field: 'issuer', value: 'x' },
    }),
    by: clerk,
  },
  bulkLast: {
    list: () => ({}),
    by: clerk,
    // The last bulk change touched a mật document: the clerk is told of none (its count would tell).
    told: (v: BulkChangeDto | null) => ({ keys: [], counts: [v?.documentCount ?? 0] }),
    drop: (_w, local) => [local.counts[0]!],
  },
  bulkUndo: 'the change bulkLast hides is not undone for the caller (same condition, bulk-edit.ts)',
  reextractStart: { hiddenInput: (w) => ({ documentIds: [w.ids['secret']] }), by: clerk },
  reextractCancel: 'a job id',
  tagsList: {
    list: () => ({}),
    told: (v: TagDto[]) => ({ keys: [], counts: [v.reduce((n, t) => n + t.documentCount, 0)] }),
    drop: (w) => [w.hiddenTagLinks],
  },
  // 'Riêng' is on the mật document only.
  tagByName: {
    list: () => ({ name: 'rieng' }),
    told: (v: TagDto) => ({ keys: [], counts: [v.documentCount] }),
    drop: () => [1],
  },
  tagCreate: 'a new tag has no documents',
  tagRename: 'answers the tag counted like tagSetColor',
  tagMerge: 'answers the tag counted like tagSetColor',
  tagMergeUndo: 'answers the tag counted like tagSetColor',
  tagSetColor: {
    list: (w) => ({ tagId: w.tagId, color: null }),
    by: clerk,
    told: (v: TagDto) => ({ keys: [], counts: [v.documentCount] }),
    drop: (w) => [w.hiddenLive.length],
  },
  tagSetParent: 'answers the tag counted like tagSetColor',
  tagDelete: 'answers { deleted }',
  documentAddTag: { hiddenInput: (w) => ({ documentId: w.ids['secret'], name: 'Mới' }), by: clerk },
  documentRemoveTag: { hiddenInput: (w) => ({ documentId: w.ids['secret'], tagId: w.tagId }), by: clerk },
  importUpload: 'files coming in',
  importStart: 'files coming in; a duplicate of a hidden document does not say which (test below)',
  importPathsStart: 'files coming in (admin only: paths on the host)',
  importFromDialog: 'files coming in',
  importCancel: 'a job id',
  bundleImportStart: 'files coming in',
  bundleImportPathStart: 'files coming in (admin only: a path on the host)',
  bundleProbe: 'reads an uploaded bundle, not the archive',
  exportStart: 'exports: access-contract.test.ts (scope, and mật only with includeSecret)',
  exportPathStart:
    'exports as exportStart (the same selection, scope and mật rule), admin only: a path on the host',
  exportCancel: 'a job id',
  documentSearchablePdf: { hiddenInput: (w) => ({ documentId: w.ids['secret'] }) },
  backupStart: 'admin only (copies every level)',
  restoreStart: 'admin only; writes a new archive, reads none',
  archiveRecoverStart: 'admin only; rebuilds an archive from its originals, opens none in the session',
  extractPreview: 'admin only; a file outside the archive, nothing of it read',
  jobsList: 'an account lists only its own jobs (host-worker-actor.test.ts)',
  jobResume: 'a job id of its own',
  jobCancel: 'a job id of its own',
  ocrStart: { hiddenInput: (w) => ({ documentIds: [w.ids['scanSecret']] }), by: clerk },
  ocrPending: {
    list: () => ({}),
    told: (v: { pages: number; documents: number }) => ({ keys: [], counts: [v.pages, v.documents] }),
    drop: () => [1, 1],
  },
  ocrPause: 'the whole queue, no document named or told',
  ocrResume: 'the whole queue; the job it starts reads only what the caller may (startOcr scope)',
  ocrSummary: { hiddenInput: (w) => ({ documentId: w.ids['scanSecret'] }) },
  ocrPageWords: { hiddenInput: (w) => ({ fileId: w.fileOf(w.ids['scanSecret']!), page: 1 }) },
  ocrPrioritize: { hiddenInput: (w) => ({ documentId: w.ids['scanSecret'] }), by: clerk },
  ocrRetry: { hiddenInput: (w) => ({ documentId: w.ids['scanSecret'] }), by: clerk },
  ocrSettings: 'an archive setting',
  ocrSettingsSet: 'an archive setting',
  recordsList: {
    list: () => ({}),
    told: (v: RecordDto[]) => ({
      keys: v.map((r) => r.code),
      counts: [v.reduce((n, r) => n + r.documentCount, 0)],
    }),
    // The mật hồ sơ goes with its one document; the public one loses its hidden documents.
    drop: (w) => [w.hiddenInPublicRecord + 1],
  },
  recordGet: {
    list: (w) => ({ code: w.publicRecord }),
    told: (v: RecordDetailDto) => ({
      keys: v.documents.map((d) => d.documentId),
      counts: [v.record.documentCount, Math.max(...v.documents.map((d) => d.position))],
    }),
    drop: (w) => [w.hiddenInPublicRecord, w.hiddenInPublicRecord],
  },
  recordCreate: 'a new hồ sơ has no documents',
  recordUpdate: { hiddenInput: (w) => ({ code: w.secretRecord, patch: { notes: 'x' } }), by: clerk },
  recordAddDocuments: {
    hiddenInput: (w) => ({ code: w.publicRecord, documentIds: [w.ids['scanSecret']] }),
    by: clerk,
  },
  recordRemoveDocument: {
    hiddenInput: (w) => ({ code: w.publicRecord, documentId: w.ids['secret'] }),
    by: clerk,
  },
  recordRemoveDocuments: {
    hiddenInput: (w) => ({ code: w.publicRecord, documentIds: [w.ids['secret']] }),
    by: clerk,
  },
  recordReorder: { hiddenInput: (w) => ({ code: w.secretRecord, documentIds: null }), by: clerk },
  recordClose: { hiddenInput: (w) => ({ code: w.secretRecord }), by: clerk },
  recordReopen: { hiddenInput: (w) => ({ code: w.secretRecord }), by: clerk },
  recordHandOver: { hiddenInput: (w) => ({ code: w.secretRecord }), by: clerk },
  recordCatalogueHtml: {
    list: (w) => ({ code: w.publicRecord }),
    told: (v: { html: string }) => ({ keys: [], counts: [rows(v.html)], text: v.html }),
    drop: (w) => [w.hiddenInPublicRecord],
  },
  recordCataloguePrint: {
    list: (w) => ({ code: w.publicRecord, format: 'html' }),
    told: (v: { html?: string }) => ({ keys: [], counts: [rows(v.html!)], text: v.html! }),
    drop: (w) => [w.hiddenInPublicRecord],
  },
  recordsListPrint: {
    list: () => ({ year: 2025, format: 'html' }),
    // The hồ sơ codes printed (no document numbers: the danh mục lists hồ sơ).
    told: (v: { html?: string }) => ({
      keys: [...v.html!.matchAll(/H41\.2025\.\d+\.[A-Z]+/g)].map((m) => m[0]),
      counts: [rows(v.html!)],
    }),
    // The mật hồ sơ is not a row of the caller's danh mục.
    drop: () => [1],
  },
  documentFiling: {
    list: (w) => ({ documentId: w.ids['filedTwice'] }),
    told: (v: DocumentFilingDto) => ({ keys: v.records.map((r) => r.code), counts: [v.records.length] }),
  },
  registerList: {
    list: () => ({ book: 'in', year: 2025 }),
    told: (v: RegisterEntryDto[]) => ({
      keys: v.flatMap((e) => (e.documentId === null ? [] : [e.documentId])),
      counts: [v.length],
    }),
    // The trashed mật document's row (its document id gone) is hidden too.
    drop: (w) => [w.hiddenRegistered],
  },
  registerPrintHtml: {
    list: () => ({ book: 'in', year: 2025 }),
    told: (v: { html: string }) => ({ keys: [], counts: [rows(v.html)], text: v.html }),
    drop: (w) => [w.hiddenRegistered],
  },
  registerPrint: {
    list: () => ({ book: 'in', year: 2025, format: 'html' }),
    told: (v: { format: string; html?: string }) => ({
      keys: [],
      counts: [rows(v.html!)],
      text: v.html!,
    }),
    drop: (w) => [w.hiddenRegistered],
  },
  // The series names of rows the caller may read (checked in registers.test); a hidden document: NOT_FOUND.
  registerSeries: { hiddenInput: (w) => ({ book: 'out', documentId: w.ids['secret'] }) },
  registerAdd: { hiddenInput: (w) => ({ book: 'out', documentId: w.ids['secret'] }), by: clerk },
  recordsDue:
    'lists hồ sơ through listRecords in the caller scope (records/retention.test.ts: a mật one is left out)',
  recordsDuePrint: 'prints recordsDue (records/retention.test.ts: a mật one is not printed)',
  retentionList: 'kinds of hồ sơ and their periods: no document nor hồ sơ in it',
  retentionPropose: 'rows of the retention tables: no document nor hồ sơ in it',
  retentionSet: 'a row of a retention table',
  retentionRemove: 'a row of a retention table',
  auditList: 'admin only (reads every level)',
  usersList: 'admin only; accounts, no document',
  userGet: 'admin only; one account, no document',
  usersCreate: 'admin only; accounts, no document',
  usersUpdate: 'admin only; accounts, no document',
  usersResetPassword: 'admin only; accounts, no document',
  unitsList: 'archivist and admin only; units, no document',
  unitsCreate: 'admin only; units, no document',
  unitsDelete: 'admin only; units, no document',
  usersSetUnits: 'admin only; memberships, no document',
  grantsList: 'archivist and admin only (they read every level); tests/integration/server/units-http.test.ts',
  grantsAdd: 'archivist and admin only; what a grant opens: tests/integration/server/units-http.test.ts',
  grantsRemove: 'archivist and admin only; what a revoke closes: tests/integration/server/units-http.test.ts',
};

/** Body rows of a printed table (the print pages' <tbody> rows). */
function rows(html: string): number {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return (body.match(/<tr[\s>]/g) ?? []).length;
}

const SAMPLES = {
  public: '01-nghi-quyet-12-NQ-HU.pdf',
  restricted: '02-chuong-trinh-04-CTr-DU.pdf',
  secret: '06-quyet-dinh-1520-QD-UBND.pdf',
  filedTwice: '08-ke-hoach-45-KH-UBND.pdf',
  trashedPublic: '05-cong-van-245-CV-HU.txt',
  trashedSecret: '09-thong-bao-112-TB-UBND.txt',
} as const;

describe('access scope over every contract method', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let w: World;

  const { call } = dispatcher(() => host);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-access-lists-');
    const scans = ['27/2025/QĐ-UBND', '28/2025/QĐ-UBND'].map((number, i) => {
      const path = join(tmp.dir, `scan-${i}.pdf`);
      return { number, path };
    });
    for (const s of scans)
      writeFileSync(
        s.path,
        await makeScannedPdf([
          renderScan(
            decisionLines({ number: s.number, title: 'Về việc chỉnh lý tài liệu', body: ['Điều 1. Thử.'] }),
            { format: 'jpeg', dpi: 100 },
          ),
        ]),
      );
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    // The scans stay in the OCR queue (what ocrPending counts).
    await call('ocrSettingsSet', { autoOcr: false });
    const paths = [
      ...Object.values(SAMPLES).map((f) => repoPath('resources', 'samples', f)),
      ...scans.map((s) => s.path),
    ];
    expect((await host.jobs.wait(host.service.startImport(paths)))?.state).toBe('done');
    const db = host.service.vankho.archive.db;
    const idOfName = (name: string): number =>
      db
        .prepare('SELECT document_id FROM files WHERE original_name = ?')
        .pluck()
        .get(name.split('/').pop()!) as number;
    const ids: Record<string, number> = {};
    for (const [k, f] of Object.entries(SAMPLES)) ids[k] = idOfName(f);
    ids['scanPublic'] = idOfName('scan-0.pdf');
    ids['scanSecret'] = idOfName('scan-1.pdf');
    for (const v of Object.values(ids)) expect(v).toBeGreaterThan(0);
    const level = async (id: number, access: string): Promise<void> => {
      await call('documentUpdate', { documentId: id, fields: { access } });
    };
    await level(ids['restricted']!, 'Hạn chế');
    await level(ids['secret']!, 'Mật');
    await level(ids['trashedSecret']!, 'mat');
    await level(ids['scanSecret']!, 'Mật');

    const all = Object.values(ids);
    // Tags: one on every document (a bulk change, the last one), one on the mật document only.
    await call('documentAddTag', { documentId: ids['secret'], name: 'Riêng' });
    // Hồ sơ: a public one holding every live document, a mật one holding a public document.
    const publicRecord = 'H41.2025.01.TH';
    const secretRecord = 'H41.2025.02.MAT';
    await call('recordCreate', { code: publicRecord, title: 'Hồ sơ chung' });
    await call('recordCreate', { code: secretRecord, title: 'Hồ sơ mật', access: 'mat' });
    const live = all.filter((id) => id !== ids['trashedPublic'] && id !== ids['trashedSecret']);
    await call('recordAddDocuments', { code: publicRecord, documentIds: live });
    await call('recordAddDocuments', { code: secretRecord, documentIds: [ids['filedTwice']] });
    // The incoming register: every document, in import order, on one day of 2025.
    // (The hạn chế one goes to the outgoing book: only mật has a series of its own, Điều 15.)
    for (const id of all)
      await call('registerAdd', {
        book: id === ids['restricted'] ? 'out' : 'in',
        documentId: id,
        entryDate: '2025-03-01',
      });
    // The trash: a public and a mật document (their register rows stay).
    for (const k of ['trashedPublic', 'trashedSecret']) await call('documentDelete', { documentId: ids[k] });
    await call('documentsBulkUpdate', { documentIds: live, change: { kind: 'addTag', name: 'Chung' } });
    const tags = await call<TagDto[]>('tagsList', {});

    const hiddenLive = [ids['restricted']!, ids['secret']!, ids['scanSecret']!];
    const queued = await call<{ items: Array<{ id: number }> }>('reviewQueue', { limit: 100 });
    const trash = await call<TrashEntryDto[]>('trashList', {});
    w = {
      ids,
      hidden: new Set<number | string>([...hiddenLive, ids['trashedSecret']!, secretRecord]),
      hiddenNumbers: (
        db
          .prepare(`SELECT number FROM documents WHERE access <> 'cong-khai' AND number IS NOT NULL`)
          .pluck()
          .all() as string[]
      ).concat(trash.filter((e) => e.documentId === ids['trashedSecret']).map((e) => e.number ?? '')),
      fileOf: (documentId) =>
        db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(documentId) as number,
      trashIdOf: (documentId) => trash.find((e) => e.documentId === documentId)!.id,
      publicRecord,
      secretRecord,
      tagId: tags.find((t) => t.name === 'Chung')!.id,
      hiddenLive,
      hiddenQueued: queued.items.filter((i) => hiddenLive.includes(i.id)).length,
      // 'Chung' on each hidden live document, 'Riêng' on the mật one.
      hiddenTagLinks: hiddenLive.length + 1,
      hiddenInPublicRecord: hiddenLive.length,
      hiddenRegistered: 3,
    };
    expect(w.hiddenNumbers.length).toBeGreaterThanOrEqual(3);
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('every method of the contract is in the table', () => {
    expect(Object.keys(CHECKS).sort()).toEqual([...API_METHODS].sort());
  });

  const lists = Object.entries(CHECKS).filter(
    (e): e is [string, Extract<Check, { list: unknown }>] => typeof e[1] === 'object' && 'list' in e[1],
  );
  it.each(lists)('%s: lists and counts only what the caller may read', async (method, check) => {
    const told = check.told as (v: unknown) => Told;
    const local = told(await call(method, check.list(w)));
    const theirs = told(await call(method, check.list(w), check.by ?? reader));
    const hiddenInLocal = local.keys.filter((k) => w.hidden.has(k));
    // The local person's answer must show what is hidden, or the check would prove nothing.
    if (check.drop === undefined)
      expect(hiddenInLocal.length, 'the local answer names hidden ones').toBeGreaterThan(0);
    expect(theirs.keys.filter((k) => w.hidden.has(k))).toEqual([]);
    expect(new Set(theirs.keys)).toEqual(new Set(local.keys.filter((k) => !w.hidden.has(k))));
    const drop = check.drop ? check.drop(w, local) : local.counts.map(() => hiddenInLocal.length);
    expect(drop.every((d) => d > 0)).toBe(true);
    expect(theirs.counts).toEqual(local.counts.map((c, i) => c - drop[i]!));
    if (local.text !== undefined) {
      const named = w.hiddenNumbers.filter((n) => local.text!.includes(n));
      expect(named.length).toBeGreaterThan(0);
      for (const n of named) expect(theirs.text, n).not.toContain(n);
    }
  });

  const direct = Object.entries(CHECKS).filter(
    (e): e is [string, Extract<Check, { hiddenInput: unknown }>] =>
      typeof e[1] === 'object' && 'hiddenInput' in e[1],
  );
  it.each(direct)('%s: a hidden document or hồ sơ is NOT_FOUND', async (method, check) => {
    const r = await host.dispatch(method, check.hiddenInput(w), check.by ?? reader);
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
  });

  it('the ordinary register has no gap where a mật document was registered (its own series)', async () => {
    const entries = await call<RegisterEntryDto[]>('registerList', { book: 'in', year: 2025 }, reader);
    const ordinary = entries.filter((e) => e.series === '').map((e) => e.seq);
    expect(ordinary).toEqual(ordinary.map((_, i) => i + 1));
    const local = await call<RegisterEntryDto[]>('registerList', { book: 'in', year: 2025 });
    const secretSeries = local.filter((e) => e.series === 'mat');
    expect(secretSeries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(secretSeries.map((e) => e.documentId)).toEqual(
      expect.arrayContaining([w.ids['secret'], w.ids['scanSecret']]),
    );
    expect(local.filter((e) => e.series === '').length).toBe(local.length - 3);
  });

  it('reordering a hồ sơ as the clerk keeps the hidden documents in their places', async () => {
    const full = await call<RecordDetailDto>('recordGet', { code: w.publicRecord });
    const mine = await call<RecordDetailDto>('recordGet', { code: w.publicRecord }, clerk);
    const reversed = mine.documents.map((d) => d.documentId).reverse();
    const after = await call<Array<{ documentId: number }>>(
      'recordReorder',
      { code: w.publicRecord, documentIds: reversed },
      clerk,
    );
    expect(after.map((d) => d.documentId)).toEqual(reversed);
    const now = await call<RecordDetailDto>('recordGet', { code: w.publicRecord });
    full.documents.forEach((d, i) => {
      if (w.hidden.has(d.documentId)) expect(now.documents[i]!.documentId).toBe(d.documentId);
    });
    expect(now.documents.filter((d) => !w.hidden.has(d.documentId)).map((d) => d.documentId)).toEqual(
      reversed,
    );
  });

  it('files of the hidden scan are NOT_FOUND too (a readable one answers)', async () => {
    const files = await call<FileDto[]>('filesList', { documentId: w.ids['scanPublic'] }, reader);
    expect(files.length).toBe(1);
  });

  it('importing a file already in the archive as a hidden document does not say which one it is', async () => {
    const copy = repoPath('resources', 'samples', SAMPLES.secret);
    const outcomeFor = async (ctx?: RequestContext) => {
      const finished: JobFinishedEvent[] = [];
      const off = host.events.subscribe((e: AppEvent) => e.type === 'jobFinished' && finished.push(e));
      const jobId = host.service.startImport([copy], [], ctx);
      await host.jobs.wait(jobId);
      off();
      const end = finished.find((e) => e.jobId === jobId);
      expect(end?.state).toBe('done');
      return (end!.result as ImportReportDto).outcomes[0]!;
    };
    expect(await outcomeFor()).toMatchObject({ outcome: 'duplicate', documentId: w.ids['secret'] });
    expect(await outcomeFor(clerk)).toMatchObject({ outcome: 'duplicate', documentId: null });
  });
});
