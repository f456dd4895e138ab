import { describe, expect, it } from 'vitest';
import type { OcrPageStateDto } from '../../../main/contract/dto.js';
import { formatConfidence, ocrPageRows } from '../../../renderer/src/features/document/ocr-pages.js';

const page = (fileId: number, pageNo: number, over: Partial<OcrPageStateDto> = {}): OcrPageStateDto => ({
  fileId,
  pageNo,
  state: 'done',
  confidence: 88.6,
  low: false,
  error: null,
  ...over,
});

describe('OCR panel rows', () => {
  it('writes confidence as a whole, clamped percentage', () => {
    expect(formatConfidence(88.6)).toBe('89%');
    expect(formatConfidence(69.4)).toBe('69%');
    expect(formatConfidence(100.2)).toBe('100%');
    expect(formatConfidence(-1)).toBe('0%');
  });

  it('orders pages by file then page and marks only read low pages for review', () => {
    const files = [
      { id: 7, originalName: 'qd.pdf' },
      { id: 3, originalName: 'phu-luc.jpg' },
    ];
    const rows = ocrPageRows(
      [
        page(3, 1, { confidence: 55, low: true }),
        page(7, 2, { state: 'failed', confidence: null, error: { code: 'OCR_TIMEOUT' } as never }),
        page(7, 1, { confidence: 91.2 }),
        page(3, 2, { state: 'pending', confidence: null, low: true }),
      ],
      files,
    );
    expect(rows.map((r) => [r.fileName, r.pageNo, r.state, r.confidence, r.review])).toEqual([
      ['qd.pdf', 1, 'done', '91%', false],
      ['qd.pdf', 2, 'failed', null, false],
      ['phu-luc.jpg', 1, 'done', '55%', true],
      ['phu-luc.jpg', 2, 'pending', null, false],
    ]);
    expect(rows[1]!.error).toEqual({ code: 'OCR_TIMEOUT' });
    expect(rows[0]!.error).toBeNull();
  });

  it('keeps a read page’s caveat (why to review it beyond its confidence), none for a waiting page', () => {
    const caveat = { code: 'OCR_ORIENTATION_UNSURE' } as never;
    const rows = ocrPageRows(
      [
        page(7, 1, { low: true, error: caveat }),
        page(7, 2, { state: 'pending', confidence: null, error: caveat }),
      ],
      [{ id: 7, originalName: 'qd.pdf' }],
    );
    expect(rows.map((r) => [r.pageNo, r.review, r.error])).toEqual([
      [1, true, caveat],
      [2, false, null],
    ]);
  });

  it('names no file when the OCR pages are all in one', () => {
    const rows = ocrPageRows([page(7, 2), page(7, 1)], [{ id: 7, originalName: 'qd.pdf' }]);
    expect(rows.map((r) => [r.fileName, r.pageNo])).toEqual([
      [null, 1],
      [null, 2],
    ]);
  });
});
