// `vankho ocr --json` names the pages to review (issue 11) in `review`, as the plain output's closing
// lines do (ocr-queue.test.ts): the same pages `vankho show --json`'s `ocr` marks `low` — low
// confidence (a poor 72 dpi scan), or read with a caveat (a sideways one-line cover whose orientation
// stays unsure); a WebP scan is read and listed for nothing. Scans made here; four small pages at
// 150 dpi, one worker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type { OcrSummaryDto } from '../../../main/contract/dto.js';
import { makeScannedPdf, renderScan, turnScan, type ScanLine } from '../../helpers/make-scan.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const CLEAN: ScanLine[] = [{ text: 'Công văn về việc kiểm kê kho lưu trữ cơ quan', x: 70, y: 120, size: 14 }];
// Small print scanned at 72 dpi, JPEG q20: read, at a confidence under the review mark.
const POOR: ScanLine[] = [
  { text: 'Danh mục tài liệu hết giá trị cần tiêu hủy năm nay', x: 70, y: 120, size: 8 },
  { text: 'Hội đồng xác định giá trị tài liệu đã thẩm tra', x: 70, y: 135, size: 8 },
];
const COVER: ScanLine[] = [{ text: 'Danh mục hồ sơ năm 2024', x: 70, y: 120, size: 14 }];
const NOTICE: ScanLine[] = [{ text: 'Thông báo lịch tiếp công dân định kỳ', x: 70, y: 120, size: 14 }];

interface ReviewEntry {
  documentId: number;
  name: string;
  pageNo: number;
  confidence: number | null;
  error: { code: string; message: { vi: string; en: string } } | null;
}

describe('vankho ocr: the pages to review', () => {
  let tmp: TempDir;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-ocr-review-');
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('lists the low-confidence and caveat pages in --json, as show --json marks them', async () => {
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    writeFileSync(
      join(src, 'cv-kiem-ke.pdf'),
      await makeScannedPdf([
        renderScan(CLEAN, { format: 'jpeg', dpi: 150 }),
        renderScan(POOR, { format: 'jpeg', dpi: 72, quality: 20 }),
      ]),
    );
    writeFileSync(join(src, 'bia-xoay.png'), await turnScan(renderScan(COVER, { dpi: 150 }), 90));
    // A WebP scan (phones and some scanners' apps save it): read like the others, nothing to review.
    writeFileSync(
      join(src, 'tb.webp'),
      await sharp(renderScan(NOTICE, { dpi: 150 }))
        .webp()
        .toBuffer(),
    );
    const A = join(tmp.dir, 'a');
    const imp = await runCliInProcess(['--archive', A, '--json', 'import', src]);
    expect(imp.code, imp.stderr).toBe(EXIT.OK);
    const outcomes = (JSON.parse(imp.stdout) as { outcomes: { name: string; documentId: number }[] })
      .outcomes;
    const cvId = outcomes.find((o) => o.name === 'cv-kiem-ke.pdf')!.documentId;
    const coverId = outcomes.find((o) => o.name === 'bia-xoay.png')!.documentId;
    const webpId = outcomes.find((o) => o.name === 'tb.webp')!.documentId;

    const run = await runCliInProcess([
      '--archive',
      A,
      '--json',
      'ocr',
      '--pending',
      '--workers',
      '1',
      '--dpi',
      '150',
    ]);
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const report = JSON.parse(run.stdout) as { ok: boolean; done: number; review: ReviewEntry[] };
    expect(report).toMatchObject({ ok: true, done: 4 });
    const key = (r: { documentId: number; pageNo: number }) => `${r.documentId}:${r.pageNo}`;
    // The clean page is not listed; the poor page and the sideways cover are.
    expect(report.review.map(key).sort()).toEqual([`${cvId}:2`, `${coverId}:1`].sort());
    const poor = report.review.find((r) => r.documentId === cvId)!;
    expect(poor).toMatchObject({ name: 'cv-kiem-ke.pdf', pageNo: 2 });
    expect(poor.confidence).toBeLessThan(70);
    const cover = report.review.find((r) => r.documentId === coverId)!;
    expect(cover.confidence).toBeGreaterThan(70);
    expect(cover.error).toMatchObject({ code: 'OCR_ORIENTATION_UNSURE' });
    expect(cover.error!.message.vi).toContain('Chưa chắc trang này đã được đọc đúng chiều');

    // The same pages as the stored summary marks for review (`vankho show --json`'s `ocr`).
    const marked: string[] = [];
    for (const id of [cvId, coverId]) {
      const shown = await runCliInProcess(['--archive', A, '--json', 'show', String(id)]);
      expect(shown.code, shown.stderr).toBe(EXIT.OK);
      const { ocr } = JSON.parse(shown.stdout) as { ocr: OcrSummaryDto };
      for (const p of ocr.pages.filter((q) => q.low)) {
        marked.push(key({ documentId: id, pageNo: p.pageNo }));
        const listed = report.review.find((r) => key(r) === key({ documentId: id, pageNo: p.pageNo }))!;
        expect(Math.round(listed.confidence!)).toBe(p.confidence);
        expect(listed.error?.code ?? null).toBe(p.error?.code ?? null);
      }
    }
    expect(marked.sort()).toEqual(report.review.map(key).sort());

    const found = await runCliInProcess(['--archive', A, '--json', 'search', 'tiep cong dan dinh ky']);
    expect((JSON.parse(found.stdout) as { hits: { id: number }[] }).hits[0]?.id).toBe(webpId);
  });
});
