// The review queue, bulk edits with undo and the re-extraction job, through the contract's dispatch
// (validation included) over a real archive of real documents (the team's real-docs texts and a PDF
// made here).
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BulkChangeDto,
  BulkUndoResultDto,
  DocumentDetail,
  JobStarted,
  ReextractResultDto,
  ReviewQueuePage,
  TagDto,
} from '../../main/contract/dto.js';
import type { AppEvent, JobFinishedEvent } from '../../main/contract/events.js';
import type { SearchFacets, SearchResponse } from '../../main/contract/search-types.js';
import { getDocumentPages } from '../../main/core/archive/pages-repo.js';
import { startAppHost, type AppHost } from '../../main/index.js';
import { makePdf } from '../helpers/make-pdf.js';
import { testdata } from '../helpers/repo-root.js';
import { QD_UBND } from '../helpers/stale-document.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { dispatcher, jobFinished } from '../helpers/dispatch.js';

const REAL_TXT = ['012-ct-ubnd.txt', '0124-kh-ubnd.txt', '01763-qd-ubnd.txt', '02-2021-nd-cp.txt'];

describe('review queue, bulk edit + undo, re-extraction job', { timeout: 180_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  let ids: number[];
  const archiveDir = (): string => join(tmp.dir, 'kho');

  const { call, refused } = dispatcher(() => host);
  const doc = (id: number): Promise<DocumentDetail> => call('documentGet', { documentId: id });
  const facets = (): Promise<SearchFacets> => call('facets', {});
  const queue = (): Promise<ReviewQueuePage> => call('reviewQueue', { limit: 500 });
  function jobEnd(jobId: string): Promise<JobFinishedEvent> {
    return jobFinished(host.events, jobId);
  }
  /** What an undo must give back exactly: values, provenance, tags, updatedAt. */
  const state = (d: DocumentDetail) => ({
    metadata: d.metadata,
    provenance: d.provenance,
    tags: d.tags,
    updatedAt: d.updatedAt,
  });

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-review-');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    for (const f of REAL_TXT) copyFileSync(testdata('real-docs', 'docs', f), join(src, f));
    writeFileSync(join(src, 'qd-1520.pdf'), await makePdf([QD_UBND]));
    host = await startAppHost({ host: 'web', samplesDir: null, archiveDir: archiveDir(), create: true });
    const job = await host.jobs.wait(host.service.startImport([src]));
    expect(job?.state).toBe('done');
    ids = host.service.vankho.archive.db
      .prepare('SELECT id FROM documents ORDER BY id')
      .pluck()
      .all() as number[];
    expect(ids).toHaveLength(REAL_TXT.length + 1);
  });

  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('lists every imported document with what is missing or unconfirmed, newest import first', async () => {
    const q = await queue();
    expect(q.total).toBe(REAL_TXT.length + 1);
    expect(q.items.map((i) => i.id)).toEqual([...ids].sort((a, b) => b - a));
    for (const item of q.items) {
      const d = await doc(item.id);
      const empty = (['number', 'docType', 'issuer', 'issuedDate'] as const).filter((f) => !d.metadata[f]);
      expect(item.missing).toEqual(empty);
      const auto = Object.entries(d.provenance)
        .filter(([f, p]) => p.source === 'auto' && d.metadata[f as keyof typeof d.metadata])
        .map(([f]) => f);
      expect([...item.unconfirmed].sort()).toEqual(auto.sort());
      expect(item.missing.length + item.unconfirmed.length).toBeGreaterThan(0);
    }
  });

  it('a document leaves the queue once its four fields are filled and every suggestion confirmed', async () => {
    const id = ids[0]!;
    await call('documentUpdate', {
      documentId: id,
      fields: { number: '15/CT-UBND', docType: 'Chỉ thị', issuer: 'UBND tỉnh Thử', issuedDate: '2024-03-05' },
    });
    const left = (await queue()).items.find((i) => i.id === id);
    // Still there while other suggestions are unconfirmed, with nothing missing.
    if (left) {
      expect(left.missing).toEqual([]);
      expect(left.unconfirmed.length).toBeGreaterThan(0);
      await call('documentConfirm', { documentId: id, fields: left.unconfirmed });
    }
    expect((await queue()).items.map((i) => i.id)).not.toContain(id);
    const next = await call<{ documentId: number | null; remaining: number }>('reviewNext', { afterId: id });
    expect(next.remaining).toBe(ids.length - 1);
    // Next after a document no longer queued: the newest queued one.
    expect(next.documentId).toBe(Math.max(...ids.filter((x) => x !== id)));

    // An empty issuer puts it back, with exactly that field missing.
    await call('documentUpdate', { documentId: id, fields: { issuer: null } });
    const back = (await queue()).items.find((i) => i.id === id);
    expect(back?.missing).toEqual(['issuer']);
    expect(back?.unconfirmed).toEqual([]);
  });

  it('"next" walks the queue from newer to older imports and wraps', async () => {
    const order = (await queue()).items.map((i) => i.id);
    for (let i = 0; i < order.length; i++) {
      const n = await call<{ documentId: number | null }>('reviewNext', { afterId: order[i]! });
      expect(n.documentId).toBe(order[(i + 1) % order.length]);
    }
  });

  it('sets one issuer on three documents (facet and search follow), and undo restores them exactly', async () => {
    const three = ids.slice(1, 4);
    const before = await Promise.all(three.map(doc));
    const issuer = 'Sở Nội vụ tỉnh Lâm Giang';
    const change = await call<BulkChangeDto>('documentsBulkUpdate', {
      documentIds: three,
      change: { kind: 'set', field: 'issuer', value: `  ${issuer} ` },
    });
    expect(change).toMatchObject({
      kind: 'set',
      field: 'issuer',
      value: issuer,
      documentCount: 3,
      undoneAt: null,
    });
    for (const id of three) {
      const d = await doc(id);
      expect(d.metadata.issuer).toBe(issuer);
      expect(d.provenance.issuer?.source).toBe('user');
    }
    expect((await facets()).issuer.find((f) => f.value === issuer)?.count).toBe(3);
    const hits = await call<SearchResponse>('search', { query: `coquan:"${issuer}"` });
    expect(hits.hits.map((h) => h.id).sort()).toEqual([...three].sort());
    expect(await call('bulkLast', {})).toEqual(change);

    const undo = await call<BulkUndoResultDto>('bulkUndo', {});
    expect(undo).toMatchObject({ restored: 3, skipped: 0 });
    expect(undo.change.undoneAt).not.toBeNull();
    const after = await Promise.all(three.map(doc));
    expect(after.map(state)).toEqual(before.map(state));
    expect((await facets()).issuer.find((f) => f.value === issuer)).toBeUndefined();
    expect((await call<SearchResponse>('search', { query: `coquan:"${issuer}"` })).total).toBe(0);
    expect(await call('bulkLast', {})).toBeNull();
    expect(await call('bulkUndo', {})).toBeNull();
  });

  it('confirm-all and add-tag are undone too: suggestions become suggestions again, the new tag goes', async () => {
    const two = ids.slice(2, 4);
    const before = await Promise.all(two.map(doc));
    await call('documentsBulkUpdate', { documentIds: two, change: { kind: 'confirmAll' } });
    for (const id of two) {
      const d = await doc(id);
      expect(Object.values(d.provenance).every((p) => p.source === 'user' || !p)).toBe(true);
    }
    await call('documentsBulkUpdate', {
      documentIds: two,
      change: { kind: 'addTag', name: 'Rà soát đợt 1' },
    });
    const tag = (await call<TagDto[]>('tagsList', {})).find((t) => t.name === 'Rà soát đợt 1');
    expect(tag?.documentCount).toBe(2);

    // Undo goes back one change at a time: first the tag (created by the change, so it goes)...
    expect((await call<BulkUndoResultDto>('bulkUndo', {})).change.kind).toBe('addTag');
    expect((await call<TagDto[]>('tagsList', {})).some((t) => t.name === 'Rà soát đợt 1')).toBe(false);
    // ...then the confirmation.
    expect((await call<BulkUndoResultDto>('bulkUndo', {})).change.kind).toBe('confirmAll');
    expect((await Promise.all(two.map(doc))).map(state)).toEqual(before.map(state));
  });

  it('accepts a typed dd/mm/yyyy date; an invalid one or an unknown id changes nothing', async () => {
    const two = ids.slice(1, 3);
    const before = await Promise.all(two.map(doc));
    expect(
      await refused('documentsBulkUpdate', {
        documentIds: two,
        change: { kind: 'set', field: 'issuedDate', value: '31/02/2024' },
      }),
    ).toBe('INVALID_INPUT');
    expect(
      await refused('documentsBulkUpdate', {
        documentIds: [...two, 999_999],
        change: { kind: 'set', field: 'issuedDate', value: '1/2/2024' },
      }),
    ).toBe('NOT_FOUND');
    expect(
      await refused('documentsBulkUpdate', {
        documentIds: two,
        change: { kind: 'set', field: 'number', value: 'x' },
      }),
    ).toBe('INVALID_INPUT');
    expect((await Promise.all(two.map(doc))).map(state)).toEqual(before.map(state));
    await call('documentsBulkUpdate', {
      documentIds: two,
      change: { kind: 'set', field: 'issuedDate', value: '28/11/2025' },
    });
    for (const id of two) expect((await doc(id)).metadata.issuedDate).toBe('2025-11-28');
  });

  it('sets only a year on documents whose day is unknown: the year facet and the range filter follow', async () => {
    const two = ids.slice(-2);
    await call('documentsBulkUpdate', {
      documentIds: two,
      change: { kind: 'set', field: 'issuedDate', value: '1987' },
    });
    for (const id of two) expect((await doc(id)).metadata.issuedDate).toBe('1987');
    expect((await facets()).year.find((f) => f.value === '1987')?.count).toBe(2);
    // The year overlaps a range that starts inside it; it is before one that starts after it.
    const inRange = await call<SearchResponse>('search', { query: 'tu:1987-06-01 den:1987-12-31' });
    expect(inRange.hits.map((h) => h.id).sort()).toEqual([...two].sort());
    expect((await call<SearchResponse>('search', { query: 'tu:1988-01-01 den:1988-12-31' })).total).toBe(0);
    expect(
      await refused('documentsBulkUpdate', {
        documentIds: two,
        change: { kind: 'set', field: 'issuedDate', value: '13/1987' },
      }),
    ).toBe('INVALID_INPUT');
    await call('bulkUndo', {});
  });

  it('the undo survives closing and reopening the archive; a document edited since is left alone', async () => {
    const two = ids.slice(1, 3);
    const before = await Promise.all(two.map(doc));
    await call('documentsBulkUpdate', {
      documentIds: two,
      change: { kind: 'set', field: 'docType', value: 'Kế hoạch' },
    });
    await call('documentUpdate', { documentId: two[1]!, fields: { docType: 'Báo cáo' } });
    await host.service.closeArchive();
    await call('archiveOpen', { dir: archiveDir() });
    expect((await call<BulkChangeDto | null>('bulkLast', {}))?.value).toBe('Kế hoạch');
    const undo = await call<BulkUndoResultDto>('bulkUndo', {});
    expect(undo).toMatchObject({ restored: 1, skipped: 1 });
    expect(state(await doc(two[0]!))).toEqual(state(before[0]!));
    expect((await doc(two[1]!)).metadata.docType).toBe('Báo cáo');
  });

  it('re-extracts as a job: a document whose original is missing fails and keeps its text; cancel stops it', async () => {
    const db = host.service.vankho.archive.db;
    const victim = ids[4]!;
    const sha = db.prepare('SELECT sha256 FROM files WHERE document_id = ?').pluck().get(victim) as string;
    const stored = host.service.vankho.archive.files.pathOf(sha);
    const oldText = getDocumentPages(db, victim);
    const personal = ids[1]!;
    await call('documentUpdate', { documentId: personal, fields: { signer: 'Người Ký Tay' } });
    renameSync(stored, `${stored}.away`);
    try {
      const progress: AppEvent[] = [];
      const off = host.events.subscribe((e) => {
        if (e.type === 'jobProgress' && e.kind === 'reextract') progress.push(e);
      });
      const { jobId } = await call<JobStarted>('reextractStart', {});
      const end = await jobEnd(jobId);
      off();
      expect(end).toMatchObject({ kind: 'reextract', state: 'done' });
      const r = end.result as ReextractResultDto;
      expect(r).toMatchObject({ total: ids.length, failed: 1, cancelled: false });
      expect(r.outcomes.find((o) => o.outcome === 'failed')).toMatchObject({
        documentId: victim,
        error: { code: 'FILE_UNREADABLE' },
      });
      expect(getDocumentPages(db, victim)).toEqual(oldText);
      expect(progress.length).toBeGreaterThan(1);
      // A person's value is never changed by re-extraction.
      expect((await doc(personal)).metadata.signer).toBe('Người Ký Tay');
    } finally {
      renameSync(`${stored}.away`, stored);
    }

    // Selected documents only, cancelled after the first one finished: the rest is not processed.
    const { jobId } = await call<JobStarted>('reextractStart', { documentIds: ids });
    const off = host.events.subscribe((e) => {
      if (e.type === 'jobProgress' && e.kind === 'reextract' && e.jobId === jobId && e.progress.done >= 1)
        void host.dispatch('reextractCancel', { jobId });
    });
    const end = await jobEnd(jobId);
    off();
    expect(end.state).toBe('cancelled');
    const r = end.result as ReextractResultDto;
    expect(r.cancelled).toBe(true);
    expect(r.outcomes.length).toBeGreaterThanOrEqual(1);
    expect(r.outcomes.length).toBeLessThan(ids.length);
    expect(await call<{ cancelled: boolean }>('reextractCancel', { jobId })).toEqual({ cancelled: false });
  });
});
