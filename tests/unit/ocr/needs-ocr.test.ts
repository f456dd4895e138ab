import { describe, expect, it } from 'vitest';
import { isUnreadableText, pageNeedsOcr, pagesToOcr } from '../../../main/core/ocr/needs-ocr.js';

const BODY =
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị của Giám đốc Sở Nội vụ, ' +
  'Ủy ban nhân dân tỉnh quyết định ban hành kèm theo Quyết định này Quy chế quản lý tài liệu lưu trữ điện tử.';

describe('which pages need OCR', () => {
  it('a page with no or only a few characters has no text layer', () => {
    expect(pageNeedsOcr('')).toBe('scan');
    expect(pageNeedsOcr('  12  ')).toBe('scan');
    expect(pageNeedsOcr('Scanned by CamScanner 3')).toBe('scan');
    expect(pageNeedsOcr(BODY)).toBeNull();
  });
  it('a text layer of glyph codes the legacy repair left is mojibake', () => {
    // Private-use glyph codes (a symbolic font without ToUnicode).
    const pua = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0xe000 + (i % 90))).join('');
    expect(isUnreadableText(pua)).toBe(true);
    // Latin-1 letters that form no Vietnamese syllable.
    const latin = 'Ëß¾ÐÞ Ýæ×Ç ÂÒ¿ ÌÊ¹Ï ¼ÈÉÕ '.repeat(10);
    expect(pageNeedsOcr(latin)).toBe('mojibake');
    expect(isUnreadableText(BODY)).toBe(false);
    // English and numbers are readable text, not mojibake.
    expect(
      pageNeedsOcr('Report on the implementation of Decision 12/2024 in the province, 2023–2024.'),
    ).toBeNull();
  });
  it('a mixed PDF OCRs only its scanned pages; an image is page 1', () => {
    expect(pagesToOcr('application/pdf', [BODY, '', BODY, '3'], 4)).toEqual([
      { page: 2, reason: 'scan' },
      { page: 4, reason: 'scan' },
    ]);
    expect(pagesToOcr('application/pdf', [], 3).map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pagesToOcr('image/jpeg', [], null)).toEqual([{ page: 1, reason: 'image' }]);
    expect(
      pagesToOcr('application/vnd.openxmlformats-officedocument.wordprocessingml.document', [''], 1),
    ).toEqual([]);
  });
});
