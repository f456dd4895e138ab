// The OCR queue end to end on scans made here: import files a scanned decision "waiting for OCR" with
// its pages queued in the archive; `vankho ocr` recognises them; the document is then found by
// accented and unaccented words and by its number, with its metadata extracted from the OCR text.
// A mixed PDF OCRs only its image page. A run cancelled mid-queue leaves the rest pending and a
// second run finishes it. One worker at 200 dpi, few pages (each costs seconds).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { runOcrQueue } from '../../../main/core/ocr/ocr-queue.js';
import { ocrPagesOf, ocrSummary } from '../../../main/core/ocr/ocr-store.js';
import { openVanKho } from '../../../main/core/open-vankho.js';
import { decisionLines, makeScannedPdf, renderScan, turnScan } from '../../helpers/make-scan.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { repoPath } from '../../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';
import { getDocumentPages } from '../../../main/core/archive/pages-repo.js';

const DECISION = decisionLines({
  number: '12/2024/QĐ-UBND',
  title: 'Về việc ban hành Quy chế quản lý tài liệu lưu trữ điện tử',
  body: [
    'Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;',
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý tài liệu lưu trữ.',
    'Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
  ],
});

const TEXT_PAGE = [
  'BÁO CÁO',
  'Tình hình thực hiện nhiệm vụ chuyển đổi số quý I năm 2024 của các sở, ban, ngành trên địa bàn tỉnh.',
];
const SCAN_PAGE = [
  { text: 'PHỤ LỤC', x: 297, y: 80, size: 14, bold: true, center: true },
  { text: 'Danh sách đơn vị hoàn thành số hóa hồ sơ công việc', x: 297, y: 110, center: true },
];

const COVER = [{ text: 'Danh mục hồ sơ năm 2024', x: 70, y: 120, size: 14 }];

interface Hit {
  id: number;
  number: string | null;
}

describe('OCR queue', () => {
  let tmp: TempDir;
  let src: string;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-');
    src = join(tmp.dir, 'src');
    mkdirSync(src);
    // A damaged TIFF scan (a header, no page): queued like any image, it fails and the run goes on.
    writeFileSync(join(src, 'fax.tif'), Buffer.from('II*\u0000\u0008\u0000\u0000\u0000', 'latin1'));
    writeFileSync(join(src, 'qd-12.pdf'), await makeScannedPdf([renderScan(DECISION, { format: 'jpeg' })]));
    writeFileSync(
      join(src, 'bao-cao.pdf'),
      await makeScannedPdf([{ text: TEXT_PAGE }, renderScan(SCAN_PAGE, { format: 'jpeg' })]),
    );
    // A one-line cover sheet scanned sideways: read, but it may have been read the wrong way up.
    writeFileSync(join(src, 'bia-xoay.png'), await turnScan(renderScan(COVER, { format: 'jpeg' }), 90));
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('imports scans waiting for OCR, recognises them, then search and metadata see the text', async () => {
    const A = join(tmp.dir, 'a');
    const imp = await runCliInProcess(['--archive', A, '--json', 'import', src]);
    expect(imp.code, imp.stderr).toBe(EXIT.OK);
    const outcomes = (
      JSON.parse(imp.stdout) as { outcomes: { name: string; documentId: number; noText: string | null }[] }
    ).outcomes;
    const scanId = outcomes.find((o) => o.name === 'qd-12.pdf')!.documentId;
    const mixedId = outcomes.find((o) => o.name === 'bao-cao.pdf')!.documentId;
    expect(outcomes.find((o) => o.name === 'qd-12.pdf')!.noText).toBe('scan');
    expect(outcomes.find((o) => o.name === 'bao-cao.pdf')!.noText).toBeNull();

    // The queue is in the archive: the scan's page, and only the image page of the mixed PDF.
    {
      const vk = openVanKho(A, { create: false });
      const fileOf = (id: number) =>
        vk.archive.db.prepare('SELECT id FROM files WHERE document_id = ?').pluck().get(id) as number;
      expect(ocrPagesOf(vk.archive.db, fileOf(scanId)).map((p) => [p.pageNo, p.state, p.reason])).toEqual([
        [1, 'pending', 'scan'],
      ]);
      expect(ocrPagesOf(vk.archive.db, fileOf(mixedId)).map((p) => [p.pageNo, p.state])).toEqual([
        [2, 'pending'],
      ]);
      expect(vk.search.search({ query: 'quy chế lưu trữ' }).hits.map((h) => h.id)).not.toContain(scanId);
      vk.close();
    }

    // Usage and unknown ids are refused before any engine starts.
    expect((await runCliInProcess(['--archive', A, 'ocr'])).code).toBe(EXIT.USAGE);
    expect((await runCliInProcess(['--archive', A, 'ocr', '--all', '--pending'])).code).toBe(EXIT.USAGE);
    expect((await runCliInProcess(['--archive', A, 'ocr', '--pending', '--lang', 'fra'])).code).toBe(
      EXIT.USAGE,
    );
    expect((await runCliInProcess(['--archive', A, 'ocr', '999'])).code).toBe(EXIT.NOT_FOUND);

    const run = await runCliInProcess(['--archive', A, 'ocr', '--pending', '--workers', '1', '--dpi', '200']);
    // The TIFF page failed: exit 1, with its reason on its line; the others were recognised.
    expect(run.code, run.stderr).toBe(EXIT.PARTIAL);
    expect(run.stdout).toMatch(/ {2}x #\d+ fax\.tif tr\.\/p\. 1: Ảnh bị hỏng hoặc bị cắt cụt/);
    expect(run.stdout).toMatch(
      new RegExp(`\\+ #${scanId} qd-12\\.pdf tr\\./p\\. 1: độ tin cậy / confidence \\d+`),
    );
    expect(run.stdout).toContain(
      'recognised 3/4 pages, failed 1, 4 documents completed, 0 pages still queued',
    );
    // The sideways cover's line and the closing lines say why to check it (vi, then en); the
    // upright scan's line has no caveat.
    const coverId = outcomes.find((o) => o.name === 'bia-xoay.png')!.documentId;
    const unsure = 'Chưa chắc trang này đã được đọc đúng chiều';
    expect(run.stdout).toMatch(
      new RegExp(
        `\\+ #${coverId} bia-xoay\\.png tr\\./p\\. 1: độ tin cậy / confidence \\d+ — cần rà soát / needs review: ${unsure}.* / This page may not have been read the right way up`,
      ),
    );
    expect(run.stdout).toMatch(
      new RegExp(`\\+ #${scanId} qd-12\\.pdf tr\\./p\\. 1: độ tin cậy / confidence \\d+\\n`),
    );
    expect(run.stdout).toContain(`Cần rà soát / Needs review: #${coverId} tr./p. 1 — ${unsure}`);
    // `vankho show` lists the page to check with why, as the document screen does; none for the scan.
    const shown = await runCliInProcess(['--archive', A, 'show', String(coverId)]);
    expect(shown.code, shown.stderr).toBe(EXIT.OK);
    expect(shown.stdout).toMatch(
      / {2}OCR: đã đọc 1\/1 trang, độ tin cậy trung bình \d+%, chờ 0, lỗi 0 \/ read 1\/1 pages/,
    );
    expect(shown.stdout).toMatch(
      new RegExp(
        ` {4}\\? tr\\./p\\. 1: cần rà soát / needs review, độ tin cậy / confidence \\d+% — ${unsure}`,
      ),
    );
    const shownScan = await runCliInProcess(['--archive', A, 'show', String(scanId)]);
    expect(shownScan.stdout).toContain('OCR: đã đọc 1/1 trang');
    expect(shownScan.stdout).not.toContain('cần rà soát');

    const search = async (q: string): Promise<Hit[]> => {
      const r = await runCliInProcess(['--archive', A, '--json', 'search', q]);
      expect(r.code, r.stderr).toBe(EXIT.OK);
      return (JSON.parse(r.stdout) as { hits: Hit[] }).hits;
    };
    expect((await search('quy chế quản lý tài liệu lưu trữ'))[0]?.id).toBe(scanId);
    expect((await search('quy che quan ly tai lieu luu tru'))[0]?.id).toBe(scanId);
    expect((await search('12/2024/qd-ubnd'))[0]?.id).toBe(scanId);
    // The mixed PDF: its typed page as before, its scanned page by OCR.
    expect((await search('chuyen doi so quy I')).map((h) => h.id)).toContain(mixedId);
    expect((await search('so hoa ho so cong viec')).map((h) => h.id)).toContain(mixedId);

    const show = await runCliInProcess(['--archive', A, '--json', 'show', String(scanId)]);
    const doc = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      textStatus: 'ok',
      metadata: { number: '12/2024/QĐ-UBND', docType: 'Quyết định' },
    });

    const vk = openVanKho(A, { create: false });
    const s = ocrSummary(vk.archive.db, scanId);
    expect(s).toMatchObject({ pending: 0, done: 1, failed: 0, lowConfidencePages: [] });
    expect(s.meanConfidence).toBeGreaterThan(80);
    const mixedPages = getDocumentPages(vk.archive.db, mixedId);
    expect(mixedPages[0]!.text).toContain('Tình hình thực hiện nhiệm vụ chuyển đổi số');
    expect(mixedPages[1]!.text).toContain('PHỤ LỤC');
    vk.close();

    // Re-extracting the scan (no text layer) keeps its OCR text: the recognised pages are laid over.
    const re = await runCliInProcess(['--archive', A, 'reextract', String(scanId)]);
    expect(re.code, re.stderr).toBe(EXIT.OK);
    expect(re.stdout).toContain(`= #${scanId} qd-12.pdf: không thay đổi / unchanged`);
    expect((await search('12/2024/qd-ubnd'))[0]?.id).toBe(scanId);

    // The TIFF document: its OCR ended (failed), so it stays "no text", its failure recorded.
    const faxId = outcomes.find((o) => o.name === 'fax.tif')!.documentId;
    {
      const vk = openVanKho(A, { create: false });
      expect(ocrSummary(vk.archive.db, faxId)).toMatchObject({ pending: 0, done: 0, failed: 1 });
      vk.close();
    }

    const check = await runCliInProcess(['--archive', A, 'check', '--quick']);
    expect(check.code, check.stdout + check.stderr).toBe(EXIT.OK);
  });
});

describe('OCR queue after a kill and a cancel', () => {
  let tmp: TempDir;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-resume-');
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('resumes where it stopped: pages done stay done, the rest is recognised by the next run', async () => {
    const A = join(tmp.dir, 'a');
    const src = join(tmp.dir, 'ba-trang.pdf');
    const page = (n: number) =>
      renderScan(
        [
          { text: `Trang ${n}`, x: 297, y: 80, size: 14, bold: true, center: true },
          {
            text: `Nội dung trang thứ ${['một', 'hai', 'ba'][n - 1]} của biên bản họp`,
            x: 297,
            y: 110,
            center: true,
          },
        ],
        { format: 'jpeg', dpi: 150 },
      );
    writeFileSync(src, await makeScannedPdf([page(1), page(2), page(3)]));
    const imp = await runCliInProcess(['--archive', A, 'import', src]);
    expect(imp.code, imp.stderr).toBe(EXIT.OK);

    // 1. The CLI in its own process, killed (SIGKILL: no cleanup at all) once its first page is stored.
    const child = spawn(
      process.execPath,
      [repoPath('bin/vankho.mjs'), '--archive', A, 'ocr', '--pending', '--workers', '1', '--dpi', '150'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no page recognised in time: ${out}`)), 120_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (/\+ #1 ba-trang\.pdf tr\.\/p\. 1/.test(out)) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await new Promise((r) => child.once('close', r));

    const states = (vk: ReturnType<typeof openVanKho>) =>
      ocrPagesOf(vk.archive.db, 1).map((p) => `${p.pageNo}:${p.state}`);
    let vk = openVanKho(A, { create: false });
    expect(states(vk)).toEqual(['1:done', '2:pending', '3:pending']);
    expect(vk.archive.db.prepare('SELECT text_status FROM documents WHERE id = 1').pluck().get()).toBe(
      'none',
    );

    // 2. In process, cancelled after its first page.
    const ac = new AbortController();
    const second = await runOcrQueue(vk.archive, {
      workers: 1,
      dpi: 150,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.page) ac.abort();
      },
    });
    expect(second).toMatchObject({
      total: 2,
      done: 1,
      failed: 0,
      cancelled: true,
      pendingLeft: 1,
      completedDocuments: [],
    });
    expect(states(vk)).toEqual(['1:done', '2:done', '3:pending']);

    // 3. The last page; the document's text is stored as all three pages are done.
    const third = await runOcrQueue(vk.archive, { workers: 1, dpi: 150 });
    expect(third).toMatchObject({
      total: 1,
      done: 1,
      cancelled: false,
      pendingLeft: 0,
      completedDocuments: [1],
    });
    const pages = getDocumentPages(vk.archive.db, 1).map((p) => p.text);
    expect(pages).toHaveLength(3);
    pages.forEach((t, i) => expect(t).toContain(`Trang ${i + 1}`));
    expect(vk.search.search({ query: 'noi dung trang thu hai bien ban hop' }).hits[0]?.id).toBe(1);
    vk.close();

    const check = await runCliInProcess(['--archive', A, 'check']);
    expect(check.code, check.stdout + check.stderr).toBe(EXIT.OK);
    vk = openVanKho(A, { create: false });
    expect(states(vk)).toEqual(['1:done', '2:done', '3:done']);
    vk.close();
  });
});
