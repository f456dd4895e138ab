// Priority for the document the user is looking at (issue 11): the document screen opens a document
// with documentGet { onScreen: true }; a scan of it waiting for OCR goes first in the archive's queue,
// also while a run is going (the runner picks each next page fresh). A plain documentGet (the CLI's,
// a list's) changes no order, nor does a reader's open (ocrPrioritize needs the edit permission).
// A real archive, scans made here, the real queue and engine (blank pages at a low dpi: fast).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrResultDto } from '../../../main/contract/dto.js';
import { nextPendingPage } from '../../../main/core/ocr/ocr-store.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { READER } from '../../helpers/actors.js';
import { dispatcher, jobFinished } from '../../helpers/dispatch.js';
import { makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

// A blank page per document, each of its own size so no two files are the same original.
const blank = (dpi: number): Buffer => renderScan([], { dpi, format: 'jpeg' });

describe('the document on screen goes first in the OCR queue', { timeout: 240_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const { call } = dispatcher(() => host);
  const ids: Record<'a' | 'b' | 'c', number> = { a: 0, b: 0, c: 0 };
  const next = () => nextPendingPage(host.service.vankho.archive.db, new Set(), null);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-open-');
    host = await startAppHost({ host: 'web', archiveDir: join(tmp.dir, 'kho'), create: true });
    await call('ocrSettingsSet', { autoOcr: false });
    const paths: string[] = [];
    for (const [name, pages, dpi] of [
      ['a', 2, 50],
      ['b', 1, 51],
      ['c', 1, 52],
    ] as const) {
      const path = join(tmp.dir, `${name}.pdf`);
      writeFileSync(path, await makeScannedPdf(Array.from({ length: pages }, () => blank(dpi))));
      paths.push(path);
    }
    expect((await host.jobs.wait(host.service.startImport(paths)))?.state).toBe('done');
    for (const k of ['a', 'b', 'c'] as const)
      ids[k] = host.service.vankho.archive.db
        .prepare('SELECT document_id FROM files WHERE original_name = ?')
        .pluck()
        .get(`${k}.pdf`) as number;
  });
  afterAll(async () => {
    await host?.stop();
    await tmp?.cleanup();
  });

  it('opening B while A, B, C wait makes B next; plain reads and a reader change nothing', async () => {
    expect(next()).toMatchObject({ documentId: ids.a, pageNo: 1 });
    await call('documentGet', { documentId: ids.c });
    expect(next()).toMatchObject({ documentId: ids.a, pageNo: 1 });
    await call(
      'documentGet',
      { documentId: ids.c, onScreen: true },
      { actor: READER, signal: new AbortController().signal },
    );
    expect(next()).toMatchObject({ documentId: ids.a, pageNo: 1 });
    const shown = await call<{ id: number }>('documentGet', { documentId: ids.b, onScreen: true });
    expect(shown.id).toBe(ids.b);
    expect(next()).toMatchObject({ documentId: ids.b, pageNo: 1 });
  });

  it('a document opened while the queue runs is read next', async () => {
    const { jobId } = await call<{ jobId: string }>('ocrStart', { workers: 1, dpi: 72 });
    const ended = jobFinished(host.events, jobId);
    const order: string[] = [];
    let opened: Promise<unknown> | null = null;
    const off = host.events.subscribe((e) => {
      if (!(e.type === 'jobProgress' && e.kind === 'ocr') || e.jobId !== jobId) return;
      const p = e.progress;
      // While the first page (B's) is read, the user opens C.
      if (p.currentPage !== null && opened === null)
        opened = call('documentGet', { documentId: ids.c, onScreen: true });
      if (p.page) order.push(`${p.page.documentId}:${p.page.pageNo}`);
    });
    const end = await ended;
    off();
    await opened;
    expect(end.state).toBe('done');
    expect(end.result as OcrResultDto).toMatchObject({ total: 4, done: 4, failed: 0, pendingLeft: 0 });
    expect(order).toEqual([`${ids.b}:1`, `${ids.c}:1`, `${ids.a}:1`, `${ids.a}:2`]);
  });
});
