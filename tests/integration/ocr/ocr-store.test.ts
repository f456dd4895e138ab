// The OCR queue's store without the engine (fast): which pages import queues, the order pages are
// taken in (priority for the document on screen), re-queueing, and how a finished document's OCR
// text reaches its pages, the search index and the metadata — with results written as the queue
// runner writes them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../../main/core/ingest/import-files.js';
import { storeOcrText } from '../../../main/core/ocr/ocr-queue.js';
import {
  documentOcrFinished,
  documentsNeedingOcr,
  enqueueDocuments,
  markPageDone,
  markPageFailed,
  nextPendingPage,
  ocrPagesOf,
  ocrSummary,
  prioritizeDocument,
} from '../../../main/core/ocr/ocr-store.js';
import { appError } from '../../../main/contract/errors.js';
import { getDocument } from '../../../main/core/archive/documents-repo.js';
import { openVanKho, type VanKho } from '../../../main/core/open-vankho.js';
import { makeScannedPdf, renderScan } from '../../helpers/make-scan.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { filePageTexts } from '../../../main/core/archive/pages-repo.js';

const blank = (): Buffer => renderScan([], { dpi: 50, format: 'jpeg' });
const recognised = (text: string) => ({
  text,
  rawText: text,
  words: [
    { text: text.split(/\s/)[0]!, conf: 91, box: [0.1, 0.1, 0.3, 0.12] as [number, number, number, number] },
  ],
  confidence: 91,
  width: 100,
  height: 140,
});

describe('OCR store', () => {
  let tmp: TempDir;
  let vk: VanKho;
  let a: number;
  let b: number;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-store-');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'a.pdf'), await makeScannedPdf([blank(), blank()]));
    writeFileSync(join(src, 'b.pdf'), await makeScannedPdf([blank()]));
    vk = openVanKho(join(tmp.dir, 'kho'), { create: true });
    const r = await importPaths(vk.archive, [src]);
    [a, b] = ['a.pdf', 'b.pdf'].map((n) => r.outcomes.find((o) => o.name === n)!.documentId!) as [
      number,
      number,
    ];
  });
  afterAll(async () => {
    vk.close();
    await tmp.cleanup();
  });

  const fileOf = (id: number): number =>
    vk.archive.db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(id) as number;

  it('queues every page of a scan at import and hands them out in order, the priority document first', () => {
    expect(ocrPagesOf(vk.archive.db, fileOf(a)).map((p) => `${p.pageNo}:${p.state}`)).toEqual([
      '1:pending',
      '2:pending',
    ]);
    const next = (inFlight: string[] = []) => nextPendingPage(vk.archive.db, new Set(inFlight), null);
    expect(next()).toMatchObject({ documentId: a, pageNo: 1, mediaType: 'application/pdf', name: 'a.pdf' });
    expect(next([`${fileOf(a)}:1`])).toMatchObject({ documentId: a, pageNo: 2 });
    vk.archive.write((db) => prioritizeDocument(db, b));
    expect(next()).toMatchObject({ documentId: b, pageNo: 1 });
    expect(nextPendingPage(vk.archive.db, new Set(), [a])).toMatchObject({ documentId: a });
    // Queued already: --all adds nothing, and a document is not finished while a page waits.
    expect(vk.archive.write((db) => enqueueDocuments(db, documentsNeedingOcr(db)))).toBe(0);
    expect(documentOcrFinished(vk.archive.db, a)).toBe(false);
  });

  it('stores a document’s OCR text once its pages are finished: pages, search, metadata; failures noted', () => {
    vk.archive.write((db) => {
      markPageDone(
        db,
        fileOf(a),
        1,
        recognised('QUYẾT ĐỊNH\nSố: 5/2024/QĐ-UBND\nVề việc kiểm kê tài sản công'),
        'vie',
      );
      markPageFailed(db, fileOf(a), 2, appError('OCR_TIMEOUT', '120 s'));
    });
    expect(documentOcrFinished(vk.archive.db, a)).toBe(true);
    expect(vk.archive.write((db) => storeOcrText(db, a))).toBe(true);
    const doc = getDocument(vk.archive.db, a)!;
    expect(doc).toMatchObject({ textStatus: 'partial', textError: { code: 'OCR_FAILED' }, pageCount: 2 });
    expect(doc.metadata).toMatchObject({ number: '5/2024/QĐ-UBND', docType: 'Quyết định' });
    expect(filePageTexts(vk.archive.db, fileOf(a))).toEqual([
      'QUYẾT ĐỊNH\nSố: 5/2024/QĐ-UBND\nVề việc kiểm kê tài sản công',
      '',
    ]);
    expect(vk.search.search({ query: 'kiem ke tai san cong' }).hits[0]?.id).toBe(a);
    expect(ocrSummary(vk.archive.db, a)).toEqual({
      pending: 0,
      done: 1,
      failed: 1,
      meanConfidence: 91,
      lowConfidencePages: [],
      pages: [
        { fileId: fileOf(a), pageNo: 1, state: 'done', confidence: 91, low: false, error: null },
        {
          fileId: fileOf(a),
          pageNo: 2,
          state: 'failed',
          confidence: null,
          low: false,
          // Why it failed, for the document screen's "OCR lỗi" with its retry.
          error: expect.objectContaining({ code: 'OCR_TIMEOUT' }),
        },
      ],
    });
    expect(ocrPagesOf(vk.archive.db, fileOf(a))[0]!.words[0]).toEqual({
      text: 'QUYẾT',
      conf: 91,
      box: [0.1, 0.1, 0.3, 0.12],
    });

    // Asked again (ids): its pages are queued again; once the failed page is read, the document is whole.
    vk.archive.write((db) => enqueueDocuments(db, [a], { rerun: true }));
    expect(ocrPagesOf(vk.archive.db, fileOf(a)).map((p) => p.state)).toEqual(['pending', 'pending']);
    vk.archive.write((db) => {
      markPageDone(
        db,
        fileOf(a),
        1,
        recognised('QUYẾT ĐỊNH\nSố: 5/2024/QĐ-UBND\nVề việc kiểm kê tài sản công'),
        'vie',
      );
      markPageDone(
        db,
        fileOf(a),
        2,
        recognised('Điều 2. Giao Sở Tài chính tổng hợp kết quả kiểm kê.'),
        'vie',
      );
      storeOcrText(db, a);
    });
    expect(getDocument(vk.archive.db, a)).toMatchObject({ textStatus: 'ok', textError: null });
    expect(vk.search.search({ query: 'so tai chinh tong hop' }).hits[0]?.id).toBe(a);
  });

  it('marks a page read confidently but the wrong way up maybe for review, saying why', () => {
    const page = (unsure: boolean) => ({
      ...recognised('BÌA HỒ SƠ'),
      ...(unsure ? { orientationUnsure: true as const } : {}),
    });
    vk.archive.write((db) => markPageDone(db, fileOf(b), 1, page(true), 'vie'));
    const s = ocrSummary(vk.archive.db, b);
    // Confidence 91 is no low reading, yet the page is to review: the same mark, with its caveat.
    expect(s.lowConfidencePages).toEqual([1]);
    expect(s.pages[0]).toMatchObject({ state: 'done', confidence: 91, low: true });
    expect(s.pages[0]!.error?.code).toBe('OCR_ORIENTATION_UNSURE');
    expect(s.pages[0]!.error?.message.vi).toContain('đúng chiều');
    // Read again without the doubt: the caveat goes.
    vk.archive.write((db) => markPageDone(db, fileOf(b), 1, page(false), 'vie'));
    expect(ocrSummary(vk.archive.db, b).pages[0]).toMatchObject({ low: false, error: null });
    // Queued again, a page waiting shows no caveat of an earlier reading.
    vk.archive.write((db) => markPageDone(db, fileOf(b), 1, page(true), 'vie'));
    vk.archive.write((db) => enqueueDocuments(db, [b], { rerun: true }));
    expect(ocrSummary(vk.archive.db, b).pages[0]).toMatchObject({
      state: 'pending',
      low: false,
      error: null,
    });
  });
});
